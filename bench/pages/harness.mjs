/**
 * Measuring helpers shared by the benchmark pages. Every page defines `window.bench`
 * through `defineBench`; bench/run.mjs drives it from node.
 */

/** Calls `callback` with `performance.now()` in the first task after this one: called
 * from a rAF callback, that is after the frame's style, layout and paint. */
function inNextTask(callback) {
  const channel = new MessageChannel();
  channel.port1.onmessage = () => callback(performance.now());
  channel.port2.postMessage(0);
}

/** Resolves with `performance.now()` once the next frame has been produced: the rAF
 * callback, then the style, layout and paint that follow it, then the first task after. */
export function afterNextFrame() {
  return new Promise((resolve) => requestAnimationFrame(() => inNextTask(resolve)));
}

let created = 0;
let nextId = 0;

/**
 * The record a benchmark page's create() answers with, at once, as the benchmark asks:
 * the time measured is the widget's, not a backend's. `createdAt()` is when it answered.
 */
export function createdRecord(input) {
  const record = {
    id: `new${nextId++}`,
    parentId: input.parentId,
    author: { name: input.author.name },
    body: input.body,
    createdAt: new Date().toISOString(),
  };
  created = performance.now();
  return record;
}

export const createdAt = () => created;

/** Resolves with the time at which `count()` first reaches `n`, checking after each batch
 * of DOM mutations under `root` (a live collection's length is cheap to read). */
export function whenCount(root, count, n) {
  if (count() >= n) return Promise.resolve(performance.now());
  return new Promise((resolve) => {
    const observer = new MutationObserver(() => {
      if (count() >= n) {
        observer.disconnect();
        resolve(performance.now());
      }
    });
    observer.observe(root, { childList: true, subtree: true });
  });
}

/**
 * Times a first render: `start` is called right after the clock starts (it appends the
 * element or calls the client's init), `inDom` resolves when all comments are in the DOM.
 * `anyShown` (true once some comment is in the DOM) times the first frame that painted
 * comments: what a visitor waits for before there is anything to read.
 */
export async function timeRender(start, inDom, anyShown) {
  const tasks = watchLongTasks();
  const t0 = performance.now();
  start();
  const painted = firstPaintWith(anyShown);
  const t1 = await inDom();
  const t2 = await afterNextFrame();
  const t3 = await painted;
  return { toDom: t1 - t0, toFrame: t2 - t0, toFirstPaint: t3 - t0, ...(await tasks.stop(t0)) };
}

/**
 * The main thread's long tasks (over 50 ms, the Long Tasks API) from now until `stop`:
 * the longest, and the Total Blocking Time (each one's time past 50 ms, summed), of
 * those that began at or after `t0`. The task that appends the widget counts: its work
 * is the widget's. Before the first render only the bench page's own setup runs.
 */
function watchLongTasks() {
  const entries = [];
  let observer = null;
  try {
    observer = new PerformanceObserver((list) => entries.push(...list.getEntries()));
    observer.observe({ type: 'longtask' });
  } catch {
    // No Long Tasks API: no figures.
  }
  return {
    async stop(t0) {
      if (!observer) return {};
      // Entries are delivered after their task: give the last one a task to arrive.
      await new Promise((resolve) => setTimeout(resolve, 0));
      entries.push(...observer.takeRecords());
      observer.disconnect();
      // The task running start() began a little before t0: it is in.
      const mine = entries.filter((e) => e.startTime + e.duration > t0);
      return {
        longestTask: mine.reduce((m, e) => Math.max(m, e.duration), 0),
        blockingTime: mine.reduce((sum, e) => sum + Math.max(0, e.duration - 50), 0),
      };
    },
  };
}

/** Resolves with the end of the first frame in whose rAF `anyShown()` was true. Checking
 * once per frame adds no work to the render itself. */
function firstPaintWith(anyShown) {
  return new Promise((resolve) => {
    const check = () => {
      if (!anyShown()) return void requestAnimationFrame(check);
      inNextTask(resolve);
    };
    requestAnimationFrame(check);
  });
}

/**
 * Times each keystroke that reaches `textarea` (possibly in a shadow root) until stopped.
 * `latency`: keydown → end of the next frame. `work`: the main-thread time the key cost —
 * keydown until its `input` event has been handled by everyone (a window listener in the
 * bubble phase runs last, after the microtasks of the listeners before it), plus the next
 * frame's rAF, style, layout and paint — without the idle wait for that frame, which is
 * the display's clock, not the page's work.
 */
export function meterKeystrokes(textarea) {
  const samples = [];
  let t0 = null;
  let handled = null;
  const onKeydown = (event) => {
    if (event.composedPath()[0] !== textarea) return;
    const start = (t0 = performance.now());
    handled = null;
    requestAnimationFrame(() => {
      const frame = performance.now();
      const input = handled ?? frame;
      inNextTask((end) => samples.push({ work: input - start + (end - frame), latency: end - start }));
    });
  };
  const onInput = (event) => {
    if (t0 !== null && event.composedPath()[0] === textarea) handled = performance.now();
  };
  addEventListener('keydown', onKeydown, true);
  addEventListener('input', onInput);
  return {
    async stop() {
      await afterNextFrame();
      removeEventListener('keydown', onKeydown, true);
      removeEventListener('input', onInput);
      const mean = (key) => samples.reduce((s, x) => s + x[key], 0) / (samples.length || 1);
      return { keys: samples.length, work: mean('work'), latency: mean('latency') };
    },
  };
}

/**
 * Watches a posted reply arrive: resolves with the time from `createdAt()` (the adapter's
 * create resolving) until an element matching `selector` is under `root`, and what else
 * changed in the DOM: mutations outside `branch` (the parent comment's element) and
 * whether any comment element that existed before was replaced.
 */
export function watchPost({ root, branch, selector, createdAt, isComment, allComments }) {
  const before = new Set(allComments());
  const outside = [];
  let inside = 0;
  let arrived = null;
  const describe = (node) => {
    const el = node.nodeType === 1 ? node : node.parentElement;
    return el ? `${el.localName}${el.id ? '#' + el.id : ''}${el.className && typeof el.className === 'string' ? '.' + el.className.trim().replace(/\s+/g, '.') : ''}` : '#text';
  };
  const observer = new MutationObserver((records) => {
    const t = performance.now();
    for (const r of records) {
      if (branch.contains(r.target)) inside++;
      else outside.push({ type: r.type, target: describe(r.target), touchesComment: [...r.addedNodes, ...r.removedNodes].some(isComment) });
    }
    if (arrived === null && root.querySelector(selector)) arrived = t;
  });
  observer.observe(root, { childList: true, subtree: true, characterData: true, attributes: true });
  return {
    async result() {
      const deadline = performance.now() + 5000;
      while (arrived === null && performance.now() < deadline) await afterNextFrame();
      await afterNextFrame();
      observer.disconnect();
      const after = allComments();
      let replaced = 0;
      for (const el of before) if (!el.isConnected) replaced++;
      return {
        inDom: arrived === null ? null : arrived - createdAt(),
        mutationsInBranch: inside,
        mutationsOutside: outside.length,
        outside: outside.slice(0, 10),
        otherCommentsTouched: outside.filter((o) => o.touchesComment).length,
        commentsReplaced: replaced,
        commentsBefore: before.size,
        commentsAfter: after.length,
      };
    },
  };
}

/** Exposes a page's implementation to the runner, with the common meters. */
export function defineBench(impl) {
  let meter = null;
  let post = null;
  window.bench = {
    ...impl,
    startTyping() {
      meter = meterKeystrokes(impl.textarea());
    },
    stopTyping: () => meter.stop(),
    watchPost(parentId) {
      post = impl.watchPost(parentId);
    },
    postResult: () => post.result(),
  };
  window.benchReady = true;
}

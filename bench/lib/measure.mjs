/**
 * One fresh page of one implementation with one thread size: the first render, and on
 * request the keystroke, idle, heap and posted-reply measurements after it.
 */

const TYPED = 'Leadership is listening first.'; // 30 characters
const REPLY_PARENT = 'c0';
/** Generous: a peer that needs longer than this for a render is reported as timed out. */
const RENDER_TIMEOUT = 90_000;

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function withTimeout(promise, ms, what) {
  let timer;
  return Promise.race([
    promise,
    new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`${what}: timed out after ${ms} ms`)), ms))),
  ]).finally(() => clearTimeout(timer));
}

/** The V8 heap after two forced collections, and the embedder's (Blink's DOM) heap. */
async function heapAfterGc(cdp) {
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const usage = await cdp.send('Runtime.getHeapUsage');
  return { js: usage.usedSize, embedder: usage.embedderHeapUsedSize ?? null };
}

async function taskDuration(cdp) {
  const { metrics } = await cdp.send('Performance.getMetrics');
  return metrics.find((m) => m.name === 'TaskDuration').value * 1000;
}

/** Share of `ms` after the render that the page's main thread spent running tasks. */
async function idleBusy(cdp, ms) {
  const t0 = performance.now();
  const busy0 = await taskDuration(cdp);
  await sleep(ms);
  const busy1 = await taskDuration(cdp);
  return (busy1 - busy0) / (performance.now() - t0);
}

async function keystrokes(page) {
  await page.evaluate(() => window.bench.textarea().focus());
  await page.evaluate(() => window.bench.startTyping());
  // 40 ms apart, longer than a frame, so each key's frame is its own.
  await page.keyboard.type(TYPED, { delay: 40 });
  return page.evaluate(() => window.bench.stopTyping());
}

async function postReply(page) {
  const comment = `[data-comment-id="${REPLY_PARENT}"] > article`;
  await page.locator(`${comment} > [part~="reply-button"]`).click();
  const textarea = page.locator(`${comment} textarea`);
  await textarea.waitFor();
  await textarea.type('A reply from the benchmark.');
  await page.evaluate((id) => window.bench.watchPost(id), REPLY_PARENT);
  await page.locator(`${comment} [part~="submit"]`).click();
  return page.evaluate(() => window.bench.postResult());
}

/**
 * Interaction latencies as Interaction to Next Paint counts them: the Event Timing API's
 * `duration` (input to the next paint, in steps of 8 ms) of each interaction, its
 * longest event. Chromium reports no event under 16 ms (`durationThreshold`'s minimum),
 * so an interaction without an entry took less: recorded as 0, and shown as "< 16".
 */
async function watchInteractions(page) {
  await page.evaluate(() => {
    window.benchEvents = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) if (e.interactionId) window.benchEvents.push({ id: e.interactionId, duration: e.duration, start: e.startTime });
    }).observe({ type: 'event', durationThreshold: 16 });
  });
}

/** The latency of each interaction since `since` (page time), in order; `count` expected. */
async function interactionsSince(page, since, count) {
  // The entries of the last interaction arrive after its next paint.
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(resolve, 50)))));
  const byId = await page.evaluate((t) => {
    const out = {};
    for (const e of window.benchEvents) if (e.start >= t) out[e.id] = Math.max(out[e.id] ?? 0, e.duration);
    return Object.values(out);
  }, since);
  // Interactions under the threshold left no entry: they count as 0.
  return [...byId, ...Array(Math.max(0, count - byId.length)).fill(0)].slice(0, Math.max(count, byId.length));
}

const medianOf = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2) : null;
};

/** Whether an element matching `selector` is in the page, shadow roots included. */
const present = (page, selector) =>
  page.evaluate((sel) => {
    const roots = [document, ...[...document.querySelectorAll('*')].filter((e) => e.shadowRoot).map((e) => e.shadowRoot)];
    return roots.some((r) => r.querySelector(sel));
  }, selector);

/**
 * Issue 15 point 10's interactions, on a page with N comments rendered: Reply opened on
 * the first comment, 10 keys typed into its form and 10 into the top-level form (median
 * per key), the reply posted. Each page names its own controls (`bench.controls`), so
 * the peers are driven through their own UI where it allows: an interaction a page does
 * not name is not measured.
 *
 * Each interaction's latency is read once its next paint has come (`interactionsSince`
 * waits two frames in the page) and only then is the page queried for what it changed:
 * a query over every shadow root of a 5,000-comment page, run before that paint, would
 * delay it and count as the widget's time.
 */
async function interactions(page) {
  const c = await page.evaluate(() => window.bench.controls ?? null);
  if (!c) return null;
  const now = () => page.evaluate(() => performance.now());
  const out = {};
  await watchInteractions(page);
  let t = await now();
  await page.locator(c.reply).first().click();
  [out.open] = await interactionsSince(page, t, 1);
  const textarea = page.locator(c.replyTextarea).first();
  await textarea.waitFor();
  t = await now();
  await textarea.pressSequentially('Listening.', { delay: 40 });
  out.replyKeys = medianOf(await interactionsSince(page, t, 10));
  if (c.submit) {
    t = await now();
    await page.locator(c.submit).first().click();
    [out.post] = await interactionsSince(page, t, 1);
    // The posted reply must be there: a click that did nothing would look fast.
    for (let i = 0; i < 50 && !(await present(page, c.posted)); i++) await sleep(100);
    if (!(await present(page, c.posted))) throw new Error('the posted reply never appeared');
  }
  await page.evaluate(() => window.bench.textarea().focus());
  t = await now();
  await page.keyboard.type('Listening.', { delay: 40 });
  out.topKeys = medianOf(await interactionsSince(page, t, 10));
  return out;
}

/**
 * @param {import('playwright-core').Browser} browser
 * @param {{ origin: string, impl: { key: string, page: string, post?: boolean },
 *   n: number, extras: { keys?: boolean, idle?: boolean, heap?: boolean, post?: boolean, interactions?: boolean },
 *   script?: Buffer }} options `script`, when given, is served as dist/parley.min.js
 *   (another build of Parley, for an A/B).
 */
export async function measurePage(browser, { origin, impl, n, extras, script }) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const result = { impl: impl.key, n, errors: [] };
  try {
    const page = await context.newPage();
    // Nothing leaves this machine: only the bench server answers.
    await page.route((url) => url.hostname !== '127.0.0.1', (route) => route.abort());
    if (script) {
      await page.route('**/dist/parley.min.js', (route) => route.fulfill({ body: script, contentType: 'text/javascript' }));
    }
    page.on('pageerror', (error) => result.errors.push(String(error)));
    page.on('console', (message) => {
      if (message.type() === 'error') result.errors.push(message.text());
    });
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    await page.goto(`${origin}/bench/pages/${impl.page}`);
    await page.waitForFunction(() => window.benchReady === true);
    await page.evaluate((size) => window.bench.prepare(size), n);
    const heapBefore = extras.heap ? await heapAfterGc(cdp) : null;

    const render = await withTimeout(page.evaluate(() => window.bench.render()), RENDER_TIMEOUT, `${impl.key} N=${n}`);
    Object.assign(result, render);
    if (render.count < n) result.errors.push(`only ${render.count} of ${n} comments rendered`);

    if (extras.idle) result.idleBusy = await idleBusy(cdp, 2000);
    if (extras.heap) {
      const after = await heapAfterGc(cdp);
      result.heap = { before: heapBefore, after };
    }
    if (extras.keys) result.keys = await keystrokes(page);
    if (extras.post && impl.post) result.post = await postReply(page);
    else if (extras.interactions) result.interactions = await interactions(page);
    const unmocked = await page.evaluate(() => window.benchUnmocked ?? []);
    if (unmocked.length) result.errors.push(`unmocked API calls: ${[...new Set(unmocked)].join(', ')}`);
  } catch (error) {
    result.errors.push(String(error.message ?? error));
  } finally {
    await context.close().catch(() => {});
  }
  return result;
}

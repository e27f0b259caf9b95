import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import type { CommentAdapter } from '../../src/index.js';
import type { ParleyComments } from '../../src/parley-comments.js';
import { commentEl, record } from '../support/fixtures.js';

// The README promises a 1 MB body is handled: cut to a preview, with "Show more" for the
// rest, which then streams in a batch per frame. Neither step may freeze the page: no task
// over 200 ms. Where the engine has long-task timing (Chromium) that is what is measured;
// elsewhere, the time from the click until the first batch is in the DOM and laid out,
// and then the longest time between two frames until the whole body is shown (a task that
// holds the page holds the next frame back).

const LONG_TASK_MS = 200;

const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
const hasLongTasks = () => PerformanceObserver.supportedEntryTypes?.includes('longtask') ?? false;

/** Long tasks seen while `action` runs and for two frames after; empty where there is no long-task timing. */
async function longTasksDuring(action: () => Promise<void>): Promise<number[]> {
  if (!hasLongTasks()) {
    await action();
    return [];
  }
  const seen: number[] = [];
  const observer = new PerformanceObserver((list) => seen.push(...list.getEntries().map((e) => e.duration)));
  observer.observe({ type: 'longtask' });
  await action();
  await frame();
  await frame();
  seen.push(...observer.takeRecords().map((e) => e.duration));
  observer.disconnect();
  return seen;
}

/** Waits, frame by frame, until `done()`; returns the longest time between two frames. */
async function longestFrameGap(done: () => boolean): Promise<number> {
  let last = performance.now();
  let longest = 0;
  for (let i = 0; !done(); i++) {
    if (i > 3000) throw new Error('the body never finished');
    await frame();
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
  }
  return longest;
}

/** The text of the last text node in an element: cheaper to read each frame than all of it. */
function lastText(element: Element): string {
  let node: Node = element;
  while (node.lastChild) node = node.lastChild;
  return node.textContent ?? '';
}

async function mount(body: string): Promise<ParleyComments> {
  const el = await fixture<ParleyComments>(html`<parley-comments thread="big-body"></parley-comments>`);
  const loaded = oneEvent(el, 'parley-loaded');
  const adapter: CommentAdapter = { list: async () => ({ comments: [record('big', null, { body })] }), create: async () => record('x') };
  el.adapter = adapter;
  await loaded;
  await el.updateComplete;
  return el;
}

/** A 1 MB body of the shapes that once cost the most: words, short lines, links, punctuation runs. */
const bodies: [string, string][] = [
  ['words', `${'word '.repeat(209_715)}THE-END`],
  ['short lines', `${'ab\n'.repeat(349_525)}THE-END`],
  ['links and punctuation', `${'see http://a.example/b_(c), ok. '.repeat(32_768)}THE-END`],
  ['one long link', `http://a.example/${'a'.repeat(1_048_000)} THE-END`],
];

describe('a 1 MB body shows, and "Show more" shows all of it, without a long task', () => {
  // The widget's first render on a page sets up what every later one reuses: not measured.
  before(async () => {
    await mount('warm-up');
  });

  /** One mount and expand: the longest task (or, without long-task timing, the longest wait) seen, in ms. */
  async function attempt(body: string): Promise<{ longest: number; detail: string }> {
    let el!: ParleyComments;
    let synchronous = 0;
    let gap = 0;
    const part = () => commentEl(el, 'big').querySelector<HTMLElement>('[part~="body"]')!;
    const first = await longTasksDuring(async () => {
      el = await mount(body);
    });
    expect(part().textContent).not.to.contain('THE-END');
    const more = [...part().querySelectorAll('button')].find((b) => b.textContent!.trim() === 'Show more')!;
    const expand = await longTasksDuring(async () => {
      const start = performance.now();
      more.click();
      await el.updateComplete;
      // Reading a size makes the engine lay the first batch out now, inside the measurement.
      void part().offsetHeight;
      synchronous = performance.now() - start;
      gap = await longestFrameGap(() => lastText(part()).endsWith('THE-END'));
    });
    expect(part().querySelector('button'), 'no "Show more" left').to.equal(null);
    if (hasLongTasks()) {
      const longest = Math.max(0, ...first, ...expand);
      return { longest, detail: `long tasks ${JSON.stringify([...first, ...expand].map(Math.round))}` };
    }
    return { longest: Math.max(synchronous, gap), detail: `click to laid out ${Math.round(synchronous)} ms, longest frame gap ${Math.round(gap)} ms` };
  }

  for (const [label, body] of bodies) {
    it(label, async function () {
      this.timeout(120_000);
      // The best of three: other work on the machine only ever adds time, and a task of
      // ours that held the page would hold it every time.
      const seen: string[] = [];
      for (let i = 0; i < 3; i++) {
        const { longest, detail } = await attempt(body);
        seen.push(detail);
        if (longest < LONG_TASK_MS) return;
      }
      expect.fail(`a task over ${LONG_TASK_MS} ms in every attempt: ${seen.join('; ')}`);
    });
  }
});

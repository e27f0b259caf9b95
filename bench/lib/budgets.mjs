/**
 * The budgets of issue 5, with issue 15 point 10's in place of its size and beside its
 * timings, checked against one run's medians. Each check says what it compared, so a
 * failure in the table reads as a cause, not just a red mark.
 */
import { ratio } from './stats.mjs';

/** Issue 15, point 10: at most 18 KB brotli with everything that issue asks for (was 12 KB). */
export const BROTLI_LIMIT = 18 * 1024;
/** Issue 15, point 10: no task over 50 ms while 1,000 comments load and render (TBT 0)… */
export const LONG_TASK_MS = 50;
export const TASK_CHECK_N = 1000;
/** … and the first comments painted within 100 ms at every size. */
export const FIRST_PAINT_LIMIT_MS = 100;
/** Opening a reply form and posting a reply, input to next paint (Event Timing), by N. */
export const INTERACTION_LIMIT_MS = { 1000: 50, 5000: 100 };
/** A key in a reply form: no more than one in the top-level form, and under a frame. */
export const KEY_PAINT_LIMIT_MS = 16;
export const RENDER_RATIO_LIMIT = 1.5;
export const KEYSTROKE_LIMIT_MS = 4;
/** "Independent of N": at 10,000 at most this many times the time at 100 … */
export const KEYSTROKE_GROWTH_LIMIT = 1.5;
/** … or within this many ms of it, below which the machine's noise dominates. */
export const KEYSTROKE_NOISE_MS = 0.5;
export const POST_LIMIT_MS = 16;
export const HEAP_RATIO_LIMIT = 2;
export const IDLE_LIMIT = 0.01;

/** @param {ReturnType<typeof import('./summary.mjs').summarize>} s */
export function checkBudgets(s) {
  const p = s.impls.parley;
  const b = s.impls.baseline;
  const checks = [];
  const add = (name, value, limit, pass, detail) => checks.push({ name, value, limit, pass: !!pass, detail });

  const brotli = s.sizes['dist/parley.min.js'].brotli;
  add('dist/parley.min.js brotli', brotli, BROTLI_LIMIT, brotli <= BROTLI_LIMIT, `${brotli} B (limit ${BROTLI_LIMIT} B = ${BROTLI_LIMIT / 1024} KiB)`);

  // Parley shows a first page a step per frame (issue 15, point 10: no long task), so its
  // last comment reaches the DOM with the layout of all before it done, where the
  // baseline's is in the DOM before any layout. Issue 5's "to DOM" ratio therefore
  // compares like with like against the baseline's next frame: both are the moment every
  // comment is in the DOM and the thread has been laid out (the table keeps both rows).
  for (const n of [1000, 5000]) {
    for (const key of ['toDom', 'toFrame']) {
      const r = ratio(p.render[n]?.[key], b.render[n]?.toFrame);
      add(`first render N=${n} ${key === 'toDom' ? 'all in the DOM / plain DOM next frame' : 'to next frame / plain DOM'}`, r, RENDER_RATIO_LIMIT, r !== null && r <= RENDER_RATIO_LIMIT,
        `${fmt(p.render[n]?.[key])} ms / ${fmt(b.render[n]?.toFrame)} ms = ${fmt(r, 2)}× (limit ${RENDER_RATIO_LIMIT}×; plain DOM in the DOM at ${fmt(b.render[n]?.toDom)} ms)`);
    }
  }

  const n1 = TASK_CHECK_N;
  const task = p.render[n1]?.longestTask;
  if (p.render[n1]) {
    add(`longest main-thread task, first render N=${n1} (ms)`, task, LONG_TASK_MS, task != null && task <= LONG_TASK_MS,
      `${fmt(task)} ms, Total Blocking Time ${fmt(p.render[n1]?.blockingTime)} ms (limit ${LONG_TASK_MS} ms, TBT 0; plain DOM ${fmt(b.render[n1]?.longestTask)} ms)`);
  }
  for (const n of Object.keys(p.render).map(Number)) {
    const t = p.render[n]?.toFirstPaint;
    add(`first comments painted N=${n} (ms)`, t, FIRST_PAINT_LIMIT_MS, t != null && t <= FIRST_PAINT_LIMIT_MS,
      `${fmt(t)} ms (limit ${FIRST_PAINT_LIMIT_MS} ms; plain DOM ${fmt(b.render[n]?.toFirstPaint)} ms)`);
  }

  for (const [n, limit] of Object.entries(INTERACTION_LIMIT_MS)) {
    const i = p.interactions?.[n];
    if (!i) continue;
    for (const key of ['open', 'post']) {
      add(`${key === 'open' ? 'Reply opened' : 'reply posted'}, N=${n}, input to next paint (ms)`, i[key], limit, i[key] != null && i[key] < limit,
        `${fmt(i[key])} ms (limit ${limit} ms; plain DOM ${fmt(b.interactions?.[n]?.[key])} ms; 0 = under 16 ms)`);
    }
    add(`key in a reply form, N=${n}, input to next paint (ms)`, i.replyKeys, KEY_PAINT_LIMIT_MS,
      // Under 16 ms is below what Event Timing reports, so no more than the top-level form's too.
      i.replyKeys != null && i.replyKeys < KEY_PAINT_LIMIT_MS,
      `${fmt(i.replyKeys)} ms vs ${fmt(i.topKeys)} ms in the top-level form (limit: under ${KEY_PAINT_LIMIT_MS} ms and no more than the top-level form's; 0 = under 16 ms)`);
  }

  const { big, small } = s;
  const k10 = p.keys[big]?.work;
  const k100 = p.keys[small]?.work;
  add(`keystroke work N=${big} (ms)`, k10, KEYSTROKE_LIMIT_MS, k10 != null && k10 <= KEYSTROKE_LIMIT_MS,
    `${fmt(k10)} ms (limit ${KEYSTROKE_LIMIT_MS} ms; plain DOM in the same run: ${fmt(b.keys[big]?.work)} ms)`);
  const growth = ratio(k10, k100);
  add(`keystroke independent of N (work N=${big} / N=${small})`, growth, KEYSTROKE_GROWTH_LIMIT,
    growth !== null && (growth <= KEYSTROKE_GROWTH_LIMIT || k10 - k100 <= KEYSTROKE_NOISE_MS),
    `${fmt(k10)} ms vs ${fmt(k100)} ms, limit ${KEYSTROKE_GROWTH_LIMIT}× or +${KEYSTROKE_NOISE_MS} ms (plain DOM: ${fmt(b.keys[big]?.work)} vs ${fmt(b.keys[small]?.work)} ms)`);

  const post = p.post;
  add(`posted reply in the DOM, N=${big} (ms after create resolves)`, post?.inDom, POST_LIMIT_MS,
    post?.inDom != null && post.inDom <= POST_LIMIT_MS && post.otherCommentsTouched === 0 && post.commentsReplaced === 0,
    post ? `${fmt(post.inDom)} ms (limit ${POST_LIMIT_MS} ms), other comments touched: ${post.otherCommentsTouched}, comment elements replaced: ${post.commentsReplaced}, mutations outside the branch: ${post.mutationsOutside} (${post.outsideTargets.join(', ') || 'none'})` : 'not measured');

  const heap = ratio(p.heap?.js, b.heap?.js);
  add(`JS heap after rendering ${big} / plain DOM`, heap, HEAP_RATIO_LIMIT, heap !== null && heap <= HEAP_RATIO_LIMIT,
    `${mb(p.heap?.js)} MB / ${mb(b.heap?.js)} MB = ${fmt(heap, 2)}× (limit ${HEAP_RATIO_LIMIT}×)`);

  const idle = p.idleBusy;
  add(`main thread busy in the 2 s after rendering ${big}`, idle, IDLE_LIMIT, idle != null && idle < IDLE_LIMIT,
    `${pct(idle)} (limit ${pct(IDLE_LIMIT)}; plain DOM ${pct(b.idleBusy)})`);
  return checks;
}

export const fmt = (v, digits = 1) => (v == null ? '—' : v.toFixed(digits));
export const mb = (bytes) => (bytes == null ? '—' : (bytes / 1048576).toFixed(1));
export const pct = (v) => (v == null ? '—' : `${(v * 100).toFixed(2)}%`);

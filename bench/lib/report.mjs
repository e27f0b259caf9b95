/** The run's one table, as Markdown (readable in a terminal and pasteable into a README). */
import { fmt, mb, pct } from './budgets.mjs';
import { ratio } from './stats.mjs';

const int = (v) => (v == null ? '—' : Math.round(v).toLocaleString('en'));
const ms = (v) => (v == null ? '—' : v < 100 ? fmt(v) : int(v));
const times = (r) => (r == null ? '' : ` (${r < 10 ? r.toFixed(2) : r.toFixed(1)}×)`);

/**
 * Rows are measurements, columns the implementations; every peer's figure carries its
 * ratio to the plain-DOM baseline of the same run, and the Parley ÷ DOM column is the
 * one the budgets read.
 */
export function renderTable(s, { impls, sizes: ns }) {
  const peers = impls.filter((i) => i.key !== 'parley' && i.key !== 'baseline');
  const head = ['measurement (median)', 'Parley', 'plain DOM', 'Parley ÷ DOM', ...peers.map((p) => `${p.label} (÷ DOM)`)];
  const rows = [];
  const row = (label, get, show = ms) => {
    const p = get(s.impls.parley);
    const b = get(s.impls.baseline);
    const r = ratio(p, b);
    rows.push([label, show(p), show(b), r == null ? '—' : `${r.toFixed(2)}×`,
      ...peers.map((peer) => {
        const v = get(s.impls[peer.key]);
        return v == null ? '—' : `${show(v)}${times(ratio(v, b))}`;
      })]);
  };
  for (const n of ns) {
    row(`first render, ${int(n)} comments → in DOM (ms)`, (e) => e?.render[n]?.toDom);
    row(`first render, ${int(n)} comments → next frame (ms)`, (e) => e?.render[n]?.toFrame);
    row(`first render, ${int(n)} comments → first comments painted (ms)`, (e) => e?.render[n]?.toFirstPaint);
  }
  for (const n of ns.filter((n) => n >= 1000 && n <= 5000)) {
    row(`first render, ${int(n)} comments: longest main-thread task (ms)`, (e) => e?.render[n]?.longestTask);
    row(`first render, ${int(n)} comments: Total Blocking Time (ms)`, (e) => e?.render[n]?.blockingTime);
  }
  for (const n of Object.keys(s.impls.parley.keys).map(Number)) {
    row(`keystroke, ${int(n)} rendered: main-thread work (ms)`, (e) => e?.keys[n]?.work);
    row(`keystroke, ${int(n)} rendered: keydown → next frame (ms)`, (e) => e?.keys[n]?.latency);
  }
  // Event Timing: under 16 ms Chromium reports nothing, recorded as 0.
  const inp = (v) => (v == null ? '—' : v < 16 ? '< 16' : int(v));
  for (const n of Object.keys(s.impls.parley.interactions ?? {}).map(Number)) {
    row(`${int(n)} rendered: Reply opened, click → next paint (ms, Event Timing)`, (e) => e?.interactions?.[n]?.open, inp);
    row(`${int(n)} rendered: reply posted, click → next paint (ms, Event Timing)`, (e) => e?.interactions?.[n]?.post, inp);
    row(`${int(n)} rendered: key in a reply form → next paint (ms, Event Timing)`, (e) => e?.interactions?.[n]?.replyKeys, inp);
    row(`${int(n)} rendered: key in the top-level form → next paint (ms, Event Timing)`, (e) => e?.interactions?.[n]?.topKeys, inp);
  }
  const big = int(s.big);
  row(`posted reply, ${big} rendered: create resolved → in DOM (ms)`, (e) => e?.post?.inDom);
  row(`JS heap after rendering ${big}, after GC (MB)`, (e) => e?.heap?.js, mb);
  row(`DOM (Blink) heap after rendering ${big} (MB)`, (e) => e?.heap?.embedder, mb);
  row(`main thread busy in the 2 s after rendering ${big}`, (e) => e?.idleBusy, pct);
  for (const [file, size] of Object.entries(s.sizes)) {
    rows.push([`${file}: brotli / gzip / raw (bytes)`, `${int(size.brotli)} / ${int(size.gzip)} / ${int(size.raw)}`, '', '', ...peers.map(() => '')]);
  }
  const line = (cells) => `| ${cells.join(' | ')} |`;
  return [line(head), line(head.map((_, i) => (i ? '---:' : '---'))), ...rows.map(line)].join('\n');
}

/** Folds the per-page results of a run into medians per implementation and size. */
import { median } from './stats.mjs';

export function summarize(results, { impls, ns, sizes }) {
  const out = { impls: {}, sizes, big: Math.max(...ns), small: Math.min(...ns) };
  for (const { key } of impls) {
    const mine = results.filter((r) => r.impl === key);
    const at = (n) => mine.filter((r) => r.n === n);
    const entry = { render: {}, keys: {}, post: null, heap: null, idleBusy: null, errors: [] };
    for (const n of ns) {
      const runs = at(n);
      entry.render[n] = {
        toDom: median(runs.map((r) => r.toDom)),
        toFrame: median(runs.map((r) => r.toFrame)),
        toFirstPaint: median(runs.map((r) => r.toFirstPaint)),
        longestTask: median(runs.map((r) => r.longestTask)),
        blockingTime: median(runs.map((r) => r.blockingTime)),
        runs: runs.filter((r) => r.toDom != null).length,
        samples: runs.map((r) => ({
          toDom: r.toDom ?? null,
          toFrame: r.toFrame ?? null,
          toFirstPaint: r.toFirstPaint ?? null,
          longestTask: r.longestTask ?? null,
          blockingTime: r.blockingTime ?? null,
        })),
      };
      const keyed = runs.filter((r) => r.keys?.keys);
      if (keyed.length) {
        entry.keys[n] = {
          work: median(keyed.map((r) => r.keys.work)),
          latency: median(keyed.map((r) => r.keys.latency)),
          runs: keyed.length,
        };
      }
    }
    entry.interactions = {};
    for (const n of ns) {
      const runs = at(n).filter((r) => r.interactions);
      if (!runs.length) continue;
      const m = (key) => median(runs.map((r) => r.interactions[key]));
      entry.interactions[n] = { open: m('open'), post: m('post'), replyKeys: m('replyKeys'), topKeys: m('topKeys'), runs: runs.length };
    }
    const posts = mine.filter((r) => r.post);
    if (posts.length) {
      entry.post = {
        inDom: median(posts.map((r) => r.post.inDom)),
        runs: posts.length,
        otherCommentsTouched: Math.max(...posts.map((r) => r.post.otherCommentsTouched)),
        commentsReplaced: Math.max(...posts.map((r) => r.post.commentsReplaced)),
        mutationsOutside: Math.max(...posts.map((r) => r.post.mutationsOutside)),
        outsideTargets: [...new Set(posts.flatMap((r) => r.post.outside.map((o) => `${o.type} ${o.target}`)))],
      };
    }
    const heaps = mine.filter((r) => r.heap);
    if (heaps.length) {
      entry.heap = {
        js: median(heaps.map((r) => r.heap.after.js)),
        embedder: median(heaps.map((r) => r.heap.after.embedder)),
        runs: heaps.length,
      };
    }
    const idles = mine.filter((r) => r.idleBusy != null);
    if (idles.length) entry.idleBusy = median(idles.map((r) => r.idleBusy));
    entry.errors = [...new Set(mine.flatMap((r) => r.errors.map((e) => `N=${r.n}: ${e.split('\n')[0]}`)))];
    out.impls[key] = entry;
  }
  return out;
}

import { generateThread } from '../lib/thread.mjs';
import { createdAt, createdRecord, defineBench, timeRender, watchPost, whenCount } from './harness.mjs';

let records = [];
let el = null;

/** Answers at once, as the benchmark asks: the time is the widget's, not a backend's. */
const adapter = {
  list: async () => ({ comments: records, next: null, total: records.length }),
  create: async (_thread, input) => createdRecord(input),
};

const comments = () => el.shadowRoot.querySelectorAll('[data-comment-id]');

defineBench({
  name: 'parley',
  prepare(n) {
    records = generateThread(n).map(({ depth, ...record }) => record);
  },
  render() {
    const n = records.length;
    el = document.createElement('parley-comments');
    el.setAttribute('thread', 'bench');
    // At once, as the peers load: the default ("visible") waits for an IntersectionObserver
    // frame, and the first render is to time rendering, not that wait.
    el.setAttribute('loading', 'eager');
    // Every reply shown, as the baseline and the peers show them: by default a comment
    // shows its first 5 replies and "Show N more replies".
    el.setAttribute('replies-shown', String(n));
    el.adapter = adapter;
    const loaded = new Promise((resolve) => el.addEventListener('parley-loaded', resolve, { once: true }));
    return timeRender(
      () => document.body.append(el),
      async () => {
        await loaded;
        await el.updateComplete;
        if (comments().length >= n) return performance.now();
        return whenCount(el.shadowRoot, () => comments().length, n);
      },
      () => el.shadowRoot?.querySelector('[data-comment-id]') != null,
    ).then((t) => ({ ...t, count: comments().length }));
  },
  // Issue 15 point 10's interactions (bench/lib/measure.mjs): the first comment's Reply,
  // its form's text area and Post button, and what the posted reply shows as.
  controls: {
    reply: '[data-comment-id="c0"] > article > [part~="reply-button"]',
    replyTextarea: '[data-comment-id="c0"] > article textarea',
    submit: '[data-comment-id="c0"] > article [part~="submit"]',
    posted: '[data-comment-id^="new"]',
  },
  textarea: () => el.shadowRoot.querySelector('parley-reply-form').shadowRoot.querySelector('textarea'),
  watchPost: (parentId) =>
    watchPost({
      root: el.shadowRoot,
      branch: el.shadowRoot.querySelector(`[data-comment-id="${parentId}"]`),
      selector: `[data-comment-id^="new"]`,
      createdAt,
      isComment: (node) => node.nodeType === 1 && node.hasAttribute('data-comment-id'),
      allComments: () => [...comments()],
    }),
});

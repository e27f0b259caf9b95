/**
 * Reads a Disqus export (Moderation → Export in the Disqus admin; the file arrives by
 * e-mail, gzipped: `gunzip` it first), as Disqus documents and writes it: a `<disqus>`
 * document in the `http://disqus.com` namespace holding `<thread dsq:id="…">` elements
 * (`<id>`, the page's identifier, often empty; `<link>`, its URL; `<title>`) and
 * `<post dsq:id="…">` elements (`<message>` as HTML, `<createdAt>`, `<isDeleted>`,
 * `<isSpam>`, `<author>` with `<name>` and `<email>`, `<ipAddress>`,
 * `<thread dsq:id="…"/>` and, for a reply, `<parent dsq:id="…"/>`). `dsq` is
 * `http://disqus.com/disqus-internals`, matched by URI whatever its prefix.
 *
 * Deleted and spam posts are skipped and reported; every other post is published (a
 * Disqus export has no pending state). Messages become plain text; IP addresses are not
 * imported.
 */
import { htmlToText } from './html-to-text.mjs';
import { threadKeyFor } from './plan.mjs';
import { readXml } from './xml.mjs';

const DISQUS = 'http://disqus.com';
const DSQ = 'http://disqus.com/disqus-internals';

/** The `dsq:id` attribute of an element, or ''. */
function dsqId(el) {
  for (const attribute of Object.values(el.attributes)) {
    if (attribute.uri === DSQ && attribute.local === 'id') return attribute.value.trim();
  }
  return '';
}

/**
 * @param {string | AsyncIterable<string>} source
 * @param {{ threadKey?: 'path' | 'url' | 'slug' | 'id', threadMap?: Record<string, string> | null }} [options]
 * @returns {Promise<{ candidates: import('./plan.mjs').Candidate[], skipped: import('./plan.mjs').Skip[],
 *                     skippedParents: Map<string, string | null> }>}
 */
export async function readDisqus(source, { threadKey = 'path', threadMap = null } = {}) {
  /** @type {Map<string, { link: string, id: string }>} */
  const threads = new Map();
  const posts = [];
  let thread = null;
  let post = null;
  let sawRoot = false;

  await readXml(source, {
    open(el, stack) {
      if (stack.length === 0) {
        if (el.local !== 'disqus') throw new Error(`This is not a Disqus export: its root element is <${el.local}>, not <disqus>.`);
        sawRoot = true;
        return;
      }
      if (stack.length !== 1 || el.uri !== DISQUS) return;
      if (el.local === 'thread') thread = { key: dsqId(el), link: '', id: '' };
      else if (el.local === 'post') post = { key: dsqId(el), thread: '', parent: '', author: {} };
    },
    close(el, stack) {
      const depth = stack.length;
      const text = el.tooLong ? null : el.text;
      if (depth === 1 && thread && el.local === 'thread') {
        if (thread.key) threads.set(thread.key, thread);
        thread = null;
      } else if (depth === 2 && thread) {
        if (el.local === 'link') thread.link = text?.trim() ?? '';
        else if (el.local === 'id') thread.id = text?.trim() ?? '';
      } else if (depth === 1 && post && el.local === 'post') {
        posts.push(post);
        post = null;
      } else if (depth === 2 && post) {
        if (el.local === 'thread') post.thread = dsqId(el);
        else if (el.local === 'parent') post.parent = dsqId(el);
        else if (el.local === 'message') post.message = text;
        else if (el.local === 'createdAt' || el.local === 'isDeleted' || el.local === 'isSpam') post[el.local] = text?.trim() ?? '';
      } else if (depth === 3 && post && stack[2].local === 'author') {
        if (el.local === 'name' || el.local === 'email') post.author[el.local] = text ?? '';
      }
    },
  });
  if (!sawRoot) throw new Error('This is not a Disqus export: the file is empty.');

  const candidates = [];
  const skipped = [];
  const skippedParents = new Map();
  for (const p of posts) {
    const name = p.author.name ?? '';
    const label = `post ${p.key || '?'} by ${name.trim() || 'Anonymous'}`;
    if (!/^\d{1,30}$/.test(p.key)) {
      skipped.push({ id: 'disqus:?', label, reason: 'no dsq:id' });
      continue;
    }
    const id = `disqus:${p.key}`;
    const parent = /^\d{1,30}$/.test(p.parent) ? `disqus:${p.parent}` : null;
    const skip = (reason) => {
      skipped.push({ id, label, reason });
      skippedParents.set(id, parent);
    };
    if (p.isDeleted === 'true') skip('deleted');
    else if (p.isSpam === 'true') skip('spam');
    else if (p.message === null) skip('body over 1 MiB in the file');
    else if (!threads.has(p.thread)) skip(`its thread ${p.thread || '(none)'} is not in the file`);
    else {
      candidates.push({
        id,
        parent,
        thread: threadKeyFor(threadKey, threads.get(p.thread), threadMap),
        label,
        author: { name, email: p.author.email ?? '' },
        body: htmlToText(p.message ?? ''),
        date: p.createdAt ?? '',
        status: 'published',
      });
    }
  }
  return { candidates, skipped, skippedParents };
}

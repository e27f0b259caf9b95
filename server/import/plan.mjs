/**
 * What the importers share: a comment read from an export (a candidate) is checked and
 * normalised, replies are attached to their parents across the whole file, and the result
 * is a list of records in parent-first order for `store.importComments`, with a report of
 * everything skipped or moved and why.
 */
import { ANONYMOUS_NAME, MAX_EMAIL_CHARS, MAX_NAME_CHARS, MAX_URL_CHARS, validateThreadKey } from '../validate.mjs';
import { httpUrl } from './html-to-text.mjs';

/** Longest imported body, in characters: ten times what a visitor may post. */
export const MAX_IMPORT_BODY_CHARS = 100_000;

/**
 * @typedef {object} Candidate A comment as read from an export.
 * @property {string} id         Stable source id, e.g. `wp:blog.example:42`, `disqus:123`.
 * @property {string | null} parent  The source id of its parent, if it has one.
 * @property {string | null} thread  The thread key chosen for its post (null: none).
 * @property {string} label       How the report names it, e.g. `comment 42 by Cliff`.
 * @property {{ name: string, email?: string, url?: string }} author  As read (untrusted).
 * @property {string} body        Plain text already.
 * @property {string} date        As read; must parse as a date.
 * @property {'published' | 'pending'} status
 *
 * @typedef {{ id: string, label: string, reason: string }} Skip
 * @typedef {{ thread: string, record: import('../store.mjs').CommentRecord & { author: { email?: string } } }} Entry
 */

const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;
const HAS_CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/**
 * Checks and normalises one candidate. Returns the record or the reason to skip it.
 *
 * @param {Candidate} candidate
 * @returns {{ entry: Entry } | { reason: string }}
 */
export function normalise(candidate) {
  const { thread } = candidate;
  if (!thread) return { reason: 'no thread key for its post' };
  const threadProblem = validateThreadKey(thread);
  if (threadProblem) return { reason: `thread key not usable: ${threadProblem}` };
  const body = candidate.body.toWellFormed().replaceAll('\u0000', '').trim();
  if (!body) return { reason: 'empty body' };
  if (body.length > MAX_IMPORT_BODY_CHARS) return { reason: `body over ${MAX_IMPORT_BODY_CHARS} characters` };
  const time = parseDate(candidate.date);
  if (time === null) return { reason: `invalid date "${candidate.date.slice(0, 40)}"` };

  const rawName = candidate.author.name.toWellFormed().replace(CONTROL, ' ').trim();
  const name = [...rawName].slice(0, MAX_NAME_CHARS).join('').trim() || ANONYMOUS_NAME;
  /** @type {Entry['record']['author']} */
  const author = { name };
  const email = candidate.author.email?.trim();
  if (email && email.length <= MAX_EMAIL_CHARS && /^[^\s@]+@[^\s@]+$/.test(email) && !HAS_CONTROL.test(email)) {
    author.email = email;
  }
  // Kept as written (as a posted comment's is) when it is an http(s) URL.
  const url = candidate.author.url?.trim();
  if (url && url.length <= MAX_URL_CHARS && httpUrl(url) && !HAS_CONTROL.test(url)) author.url = url;
  return {
    entry: {
      thread,
      record: { id: candidate.id, parentId: candidate.parent, author, body, createdAt: new Date(time).toISOString(), status: candidate.status },
    },
  };
}

/**
 * A date as exports write it: ISO 8601 (Disqus, `2021-03-08T14:12:00Z`) or WordPress's
 * `YYYY-MM-DD HH:MM:SS` in UTC; WordPress's `0000-00-00 00:00:00` is no date.
 *
 * @param {string} text
 * @returns {number | null} milliseconds since the epoch
 */
export function parseDate(text) {
  const value = text.trim();
  const wordpress = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})$/.exec(value);
  let time;
  if (wordpress) {
    const [, y, mo, d, h, mi, s] = wordpress.map(Number);
    time = Date.UTC(y, mo - 1, d, h, mi, s);
    // Date.UTC rolls 2021-02-31 over into March: such a date is not one.
    if (new Date(time).getUTCDate() !== d || y < 1000) return null;
  } else if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/.test(value)) {
    time = Date.parse(value);
  } else {
    return null;
  }
  return Number.isFinite(time) ? time : null;
}

/**
 * Turns what a parser read into entries for the store, parents before their replies, and
 * the report's lines. A reply whose parent was skipped goes under the nearest ancestor
 * that was kept; one whose parent is not in the file (or is in another thread) becomes a
 * top-level comment. Both are reported.
 *
 * @param {Candidate[]} candidates
 * @param {Skip[]} skipped What the parser skipped already (pingbacks, spam, deleted…).
 * @param {Map<string, string | null>} skippedParents The parent of each skipped comment.
 * @returns {{ entries: Entry[], skipped: Skip[], moved: Skip[] }}
 */
export function plan(candidates, skipped, skippedParents) {
  const allSkipped = [...skipped];
  const parentOfSkipped = new Map(skippedParents);
  const skipReason = new Map(skipped.map((skip) => [skip.id, skip.reason]));
  /** @type {Map<string, Entry>} */
  const kept = new Map();
  for (const candidate of candidates) {
    if (kept.has(candidate.id) || skipReason.has(candidate.id)) {
      allSkipped.push({ id: candidate.id, label: candidate.label, reason: 'the same id appears again in the file' });
      continue;
    }
    const result = normalise(candidate);
    if ('reason' in result) {
      allSkipped.push({ id: candidate.id, label: candidate.label, reason: result.reason });
      skipReason.set(candidate.id, result.reason);
      parentOfSkipped.set(candidate.id, candidate.parent);
    } else {
      kept.set(candidate.id, result.entry);
    }
  }
  const labels = new Map(candidates.map((c) => [c.id, c.label]));

  /** @type {Skip[]} */
  const moved = [];
  for (const entry of kept.values()) {
    const { record } = entry;
    let parent = record.parentId;
    // Each step goes up one level; a chain longer than the file is a cycle.
    let steps = 0;
    const passed = [];
    while (parent !== null && !kept.has(parent) && steps++ <= parentOfSkipped.size) {
      if (!skipReason.has(parent)) break;
      passed.push(`${labels.get(parent) ?? parent} (${skipReason.get(parent)})`);
      parent = parentOfSkipped.get(parent) ?? null;
    }
    const label = labels.get(record.id) ?? record.id;
    if (parent !== null && kept.has(parent) && kept.get(parent).thread !== entry.thread) {
      moved.push({ id: record.id, label, reason: `its parent ${parent} is in another thread: made top-level` });
      parent = null;
    } else if (parent !== null && !kept.has(parent)) {
      moved.push({ id: record.id, label, reason: `its parent ${parent} is not in the file: made top-level` });
      parent = null;
    } else if (passed.length > 0) {
      moved.push({
        id: record.id,
        label,
        reason: `its parent was skipped (${passed.join(' ← ')}): ${parent === null ? 'made top-level' : `placed under ${labels.get(parent) ?? parent}`}`,
      });
    }
    record.parentId = parent;
  }

  // Parents first, by depth; a cycle of replies (no root) is broken where it is found.
  const depth = new Map();
  for (const start of kept.values()) {
    const path = [];
    const onPath = new Set();
    let node = start;
    while (node && !depth.has(node.record.id)) {
      if (onPath.has(node.record.id)) {
        moved.push({ id: node.record.id, label: labels.get(node.record.id) ?? node.record.id, reason: 'its replies form a cycle: made top-level' });
        node.record.parentId = null;
        break;
      }
      onPath.add(node.record.id);
      path.push(node);
      node = node.record.parentId === null ? null : kept.get(node.record.parentId);
    }
    for (let i = path.length - 1; i >= 0; i -= 1) {
      const { parentId } = path[i].record;
      depth.set(path[i].record.id, parentId === null ? 0 : depth.get(parentId) + 1);
    }
  }
  // Within a depth, oldest first: the store lists comments in the order they were added.
  const entries = [...kept.values()].sort((a, b) =>
    depth.get(a.record.id) - depth.get(b.record.id) || compare(a.record.createdAt, b.record.createdAt));
  return { entries, skipped: allSkipped, moved };
}

const compare = (a, b) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The thread key of a post from its permalink, slug or identifier.
 *
 * @param {'path' | 'url' | 'slug' | 'id'} mode
 * @param {{ link?: string, slug?: string, id?: string }} post
 * @param {Record<string, string> | null} map A JSON map from a link, path, slug or id to a key.
 * @returns {string | null}
 */
export function threadKeyFor(mode, post, map) {
  const link = post.link?.trim() || '';
  let path = '';
  try {
    path = link ? new URL(link).pathname : '';
  } catch {
    path = '';
  }
  if (map) {
    for (const key of [link, path, post.slug, post.id]) {
      if (key && Object.hasOwn(map, key) && typeof map[key] === 'string') return map[key];
    }
  }
  const lastSegment = path.split('/').filter(Boolean).at(-1) ?? '';
  switch (mode) {
    case 'url':
      return link || null;
    case 'slug':
      return post.slug?.trim() || decodeSegment(lastSegment) || null;
    case 'id':
      return post.id?.trim() || path || null;
    default:
      return path || null;
  }
}

function decodeSegment(segment) {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

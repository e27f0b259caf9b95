/**
 * `parley-server import`: reads a WordPress or Disqus export, plans the records (parents
 * first, skips and moves reported) and hands them to the store in one transaction.
 * Idempotent: each comment keeps a stable id from its source (`wp:<site>:<comment id>`,
 * `disqus:<dsq:id>`), and the store leaves ids it has, and comments equal to one it has,
 * as they are.
 */
import { readFileSync } from 'node:fs';
import { escapeControl } from '../terminal.mjs';
import { readDisqus } from './disqus.mjs';
import { plan } from './plan.mjs';
import { readWordPress } from './wordpress.mjs';

/** The thread-key modes `--thread-key` takes. */
export const THREAD_KEY_MODES = ['path', 'url', 'slug', 'id'];

/**
 * @typedef {object} ImportReport
 * @property {string} format
 * @property {number} read       Comments found in the file (pingbacks and spam included).
 * @property {string[]} added
 * @property {string[]} present  Already stored (by id, or the same comment in the thread).
 * @property {{ published: number, pending: number }} statuses Of those added.
 * @property {import('./plan.mjs').Skip[]} skipped
 * @property {import('./plan.mjs').Skip[]} moved Replies that did not keep their parent.
 * @property {string[]} threads  The thread keys written to.
 */

/**
 * Reads a thread map file: a JSON object from a post's link, path, slug or identifier to
 * a thread key.
 *
 * @param {string} file
 * @returns {Record<string, string>}
 */
export function readThreadMap(file) {
  const data = JSON.parse(readFileSync(file, 'utf8'));
  if (!data || typeof data !== 'object' || Array.isArray(data) || Object.values(data).some((v) => typeof v !== 'string')) {
    throw new Error(`${file}: a thread map is a JSON object whose values are thread keys (strings).`);
  }
  return data;
}

/**
 * Imports an export file into the store.
 *
 * @param {import('../store.mjs').CommentStore} store
 * @param {{ format: 'wordpress' | 'disqus', source: string | AsyncIterable<string>,
 *           threadKey?: 'path' | 'url' | 'slug' | 'id', threadMap?: Record<string, string> | null }} options
 * @returns {Promise<ImportReport>}
 */
export async function importExport(store, { format, source, threadKey = 'path', threadMap = null }) {
  if (!THREAD_KEY_MODES.includes(threadKey)) throw new Error(`--thread-key must be one of ${THREAD_KEY_MODES.join(', ')}`);
  const reader = format === 'wordpress' ? readWordPress : format === 'disqus' ? readDisqus : null;
  if (!reader) throw new Error(`Unknown import format "${format}"`);
  const { candidates, skipped, skippedParents } = await reader(source, { threadKey, threadMap });
  const planned = plan(candidates, skipped, skippedParents);
  const result = await store.importComments(planned.entries);
  const detached = new Set(result.detached);
  const added = new Set(result.added);
  const statuses = { published: 0, pending: 0 };
  const threads = new Set();
  for (const { thread, record } of planned.entries) {
    if (!added.has(record.id)) continue;
    statuses[record.status] += 1;
    threads.add(thread);
  }
  const moved = [
    ...planned.moved,
    ...planned.entries
      .filter(({ record }) => detached.has(record.id))
      .map(({ record }) => ({ id: record.id, label: record.id, reason: `its parent ${record.parentId} is not in this thread in the database: made top-level` })),
  ];
  return {
    format,
    read: candidates.length + skipped.length,
    added: result.added,
    present: result.present,
    statuses,
    skipped: planned.skipped,
    moved,
    threads: [...threads],
  };
}

/**
 * The report as lines for a terminal; everything that came from the file is escaped.
 *
 * @param {ImportReport} report
 * @returns {string}
 */
export function formatReport(report) {
  const lines = [
    `Read ${report.read} comments: imported ${report.added.length} (${report.statuses.published} published, ` +
      `${report.statuses.pending} pending), already present ${report.present.length}, skipped ${report.skipped.length}.`,
  ];
  if (report.threads.length > 0) {
    lines.push(`Threads written: ${report.threads.map((t) => `"${escapeControl(t)}"`).join(', ')}`);
  }
  if (report.skipped.length > 0) {
    lines.push('Skipped:');
    for (const skip of report.skipped) lines.push(`  ${escapeControl(skip.id)}  ${escapeControl(skip.label)}: ${escapeControl(skip.reason)}`);
  }
  if (report.moved.length > 0) {
    lines.push('Imported, but not under their parent:');
    for (const move of report.moved) lines.push(`  ${escapeControl(move.id)}  ${escapeControl(move.label)}: ${escapeControl(move.reason)}`);
  }
  return lines.join('\n');
}

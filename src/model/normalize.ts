import type { CommentRecord } from '../adapters/types.js';
import { isBlank } from '../util/text.js';
import { safeHttpUrl } from '../util/url.js';

/**
 * A record as the widget can rely on it, whatever the adapter handed over: the author's
 * name a string (empty when none was given; shown as the words for "Anonymous"), and the
 * website and avatar present only when they are http(s) URLs.
 */
export interface SafeRecord extends CommentRecord {
  author: { name: string; url?: string; avatarUrl?: string };
}

/**
 * Checks one untrusted entry from an adapter and returns a record of the right shape, or
 * null when it cannot be shown (no string `id` or `body`, or not an object at all).
 */
export function normalizeRecord(entry: unknown): SafeRecord | null {
  if (typeof entry !== 'object' || entry === null) return null;
  const r = entry as Record<string, unknown>;
  if (typeof r.id !== 'string' || typeof r.body !== 'string') return null;
  const a = r.author;
  let author: SafeRecord['author'] = { name: '' };
  if (typeof a === 'object' && a !== null) {
    const { name, url, avatarUrl } = a as Record<string, unknown>;
    // A name of only blank or invisible characters is no name: the widget's "Anonymous" shows.
    author = { name: typeof name === 'string' && !isBlank(name) ? name : '' };
    const link = safeHttpUrl(url);
    if (link) author.url = link;
    const avatar = safeHttpUrl(avatarUrl);
    if (avatar) author.avatarUrl = avatar;
  }
  return {
    id: r.id,
    parentId: typeof r.parentId === 'string' ? r.parentId : null,
    author,
    body: r.body,
    createdAt: typeof r.createdAt === 'string' ? r.createdAt : '',
    status: r.status === 'pending' ? 'pending' : 'published',
    ...(typeof r.editedAt === 'string' && !Number.isNaN(Date.parse(r.editedAt)) ? { editedAt: r.editedAt } : {}),
    // Only what the adapter says outright: anything but `true` leaves the comment as it is.
    ...(r.canEdit === true && r.deleted !== true ? { canEdit: true } : {}),
    ...(r.canDelete === true && r.deleted !== true ? { canDelete: true } : {}),
    ...((r.canEdit === true || r.canDelete === true) && typeof r.editableUntil === 'string' && !Number.isNaN(Date.parse(r.editableUntil))
      ? { editableUntil: r.editableUntil }
      : {}),
    // A string only: it is looked up as a key (src/comment/formats.ts).
    ...(typeof r.format === 'string' && { format: r.format as 'markdown' }),
    // A placeholder shows nothing of what was removed, whatever else the backend kept.
    ...(r.deleted === true ? { deleted: true, body: '', author: { name: '' } } : {}),
  };
}

/** Normalises a list, warning once for what had to be skipped. */
export function normalizeRecords(entries: unknown): SafeRecord[] {
  if (!Array.isArray(entries)) {
    console.warn('[parley] the adapter returned comments that are not an array; showing none');
    return [];
  }
  const out: SafeRecord[] = [];
  let skipped = 0;
  for (const entry of entries) {
    const record = normalizeRecord(entry);
    if (record) out.push(record);
    else skipped++;
  }
  if (skipped) console.warn(`[parley] skipped ${skipped} comment record(s) without a string id and body`);
  return out;
}

/**
 * `parley-server export` and `import --json`: every comment with every field (e-mail,
 * status, the poster's IP, when it was edited, and `deleted` for the placeholder a
 * deleted comment with replies leaves; never the hash of its edit secret), for backups
 * and for leaving, as JSON Lines — one JSON object per
 * line, so a database of any size is written and read back a line at a time. The first
 * line says what the file is:
 *
 *   {"format":"parley-comments","version":1,"exportedAt":"2026-…Z"}
 *   {"thread":"what-is-real-leadership","id":"c1","parentId":null,"author":{"name":"Karim"},…}
 *
 * Comments come in creation order, so a parent always comes before its replies, and
 * restoring is `store.importComments` in batches: idempotent, like every import.
 */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';

export const EXPORT_FORMAT = 'parley-comments';
export const EXPORT_VERSION = 1;
/** Comments read or written per database round trip (and per restore transaction). */
const BATCH = 1000;

/**
 * Writes the export to `write` (a function taking a string; may return a promise, for
 * back-pressure).
 *
 * @param {import('./store.mjs').CommentStore} store
 * @param {(text: string) => unknown} write
 * @param {{ thread?: string | null }} [options]
 * @returns {Promise<number>} comments written
 */
export async function exportComments(store, write, { thread = null } = {}) {
  await write(`${JSON.stringify({ format: EXPORT_FORMAT, version: EXPORT_VERSION, exportedAt: new Date().toISOString() })}\n`);
  let afterSeq = 0;
  let count = 0;
  for (;;) {
    const rows = await store.exportRows({ afterSeq, limit: BATCH, thread });
    if (rows.length === 0) return count;
    const lines = rows.map(({ seq, ...record }) => JSON.stringify(record));
    await write(`${lines.join('\n')}\n`);
    count += rows.length;
    afterSeq = rows.at(-1).seq;
  }
}

/**
 * Restores an export written by exportComments. Each line is checked; a line that is not
 * a comment stops the restore with its line number (nothing of its batch is written).
 *
 * @param {import('./store.mjs').CommentStore} store
 * @param {string} file
 * @returns {Promise<{ read: number, added: number, present: number, detached: string[] }>}
 */
export async function restoreComments(store, file) {
  const lines = createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity });
  const total = { read: 0, added: 0, present: 0, detached: [] };
  let batch = [];
  let number = 0;
  const flush = async () => {
    if (batch.length === 0) return;
    const result = await store.importComments(batch);
    total.added += result.added.length;
    total.present += result.present.length;
    total.detached.push(...result.detached);
    batch = [];
  };
  for await (const line of lines) {
    number += 1;
    if (number === 1) {
      const header = parseLine(line, number);
      if (header.format !== EXPORT_FORMAT) throw new Error(`${file} is not a Parley export (its first line has no "format": "${EXPORT_FORMAT}").`);
      if (header.version !== EXPORT_VERSION) throw new Error(`${file} is an export of version ${header.version}; this server reads version ${EXPORT_VERSION}.`);
      continue;
    }
    if (line.trim() === '') continue;
    batch.push(toEntry(parseLine(line, number), number));
    total.read += 1;
    if (batch.length >= BATCH) await flush();
  }
  if (number === 0) throw new Error(`${file} is empty.`);
  await flush();
  return total;
}

function parseLine(line, number) {
  try {
    const value = JSON.parse(line);
    if (value && typeof value === 'object' && !Array.isArray(value)) return value;
  } catch {
    // reported below
  }
  throw new Error(`Line ${number} is not a JSON object.`);
}

const isText = (value, max) => typeof value === 'string' && value.length > 0 && value.length <= max && !value.includes('\0');
const optional = (value, max) => value === undefined || isText(value, max);

/** A line as a store entry, checked field by field. */
function toEntry(value, number) {
  const { thread, id, parentId, author, body, createdAt, status, ip, editedAt, deleted } = value;
  // A deleted comment's placeholder keeps no name and no text.
  const placeholder = deleted === true;
  const problem = !isText(thread, 1000) ? 'thread'
    : !isText(id, 200) ? 'id'
    : !(parentId === null || isText(parentId, 200)) ? 'parentId'
    : !author || typeof author !== 'object' || !(isText(author.name, 1000) || (placeholder && author.name === '')) ? 'author.name'
    : !optional(author.email, 1000) ? 'author.email'
    : !optional(author.url, 5000) ? 'author.url'
    : !optional(author.avatarUrl, 5000) ? 'author.avatarUrl'
    : !(isText(body, 1_000_000) || (placeholder && body === '')) ? 'body'
    : !isText(createdAt, 40) || Number.isNaN(Date.parse(createdAt)) ? 'createdAt'
    : status !== 'published' && status !== 'pending' && status !== 'spam' && status !== 'rejected' ? 'status'
    : !optional(ip, 100) ? 'ip'
    : !(editedAt === undefined || (isText(editedAt, 40) && !Number.isNaN(Date.parse(editedAt)))) ? 'editedAt'
    : !(deleted === undefined || typeof deleted === 'boolean') ? 'deleted'
    : null;
  if (problem) throw new Error(`Line ${number}: "${problem}" is missing or not valid.`);
  const cleanAuthor = { name: author.name };
  if (author.email) cleanAuthor.email = author.email;
  if (author.url) cleanAuthor.url = author.url;
  if (author.avatarUrl) cleanAuthor.avatarUrl = author.avatarUrl;
  return {
    thread,
    record: {
      id, parentId, author: cleanAuthor, body, createdAt, status,
      ...(ip ? { ip } : {}),
      ...(editedAt ? { editedAt } : {}),
      ...(placeholder ? { deleted: true } : {}),
    },
  };
}

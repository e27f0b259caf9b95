/**
 * What every comment store shares: the interface the HTTP layer calls, its errors, the
 * cursor format, the row → record mapping and the seed-file reader. The SQLite store
 * (comment-store.mjs) and the PostgreSQL store (pg-store.mjs) implement the interface;
 * the HTTP layer awaits every call, so either may answer synchronously or not.
 *
 * @typedef {import('../src/adapters/types.ts').CommentRecord} CommentRecord
 * @typedef {import('./validate.mjs').CleanComment} CleanComment
 * @typedef {{ comments: CommentRecord[], next: string | null, total: number }} Page
 *
 * @typedef {object} CommentStore
 * @property {(thread: string, options?: { cursor?: string | null, sort?: SortOrder }) => Page | Promise<Page>} list
 *   One page: top-level comments oldest first, each followed by its replies; a page
 *   holds at most `pageSize` top-level comments and `maxPageComments` records, and a
 *   long run of replies continues on the next page.
 * @property {(thread: string, input: CleanComment, options?: { status?: 'published' | 'pending' | 'spam' })
 *   => CommentRecord | Promise<CommentRecord>} create Resolves once the comment is durable.
 * @property {(thread: string, input: CleanComment, options?: { status?: 'published' | 'pending' | 'spam' })
 *   => Promise<CommentRecord>} [createBatched] As `create`, possibly sharing one commit
 *   with other posts; the HTTP layer prefers it when a store has it.
 * @property {(id: string) => ({ thread: string, comment: CommentRecord } | null)
 *   | Promise<{ thread: string, comment: CommentRecord } | null>} approve
 * @property {() => { thread: string, comment: CommentRecord }[]
 *   | Promise<{ thread: string, comment: CommentRecord }[]>} pending The moderation
 *   queue: held comments, `pending` and `spam` (caught by a spam check), oldest first.
 *   `approve` publishes either; readers never see or count them.
 * @property {(thread: string, body: string, since: string) => boolean | Promise<boolean>} hasRecentBody
 *   Whether the thread holds a comment with exactly this body created at `since` (ISO) or later.
 * @property {() => { kind: 'word' | 'ip' | 'email', value: string }[]
 *   | Promise<{ kind: 'word' | 'ip' | 'email', value: string }[]>} blocklist The stored
 *   blocklist (the moderation page will edit it).
 * @property {(kind: 'word' | 'ip' | 'email', value: string) => void | Promise<void>} block
 * @property {(thread: string) => number | Promise<number>} count
 * @property {(threads: string[]) => Record<string, number> | Promise<Record<string, number>>} counts
 *   What `count` gives, for each of `threads`, in one read.
 * @property {(data: unknown, options?: { defaultThread?: string }) => number | Promise<number>} importSeed
 * @property {(entries: ImportEntry[]) => ImportResult | Promise<ImportResult>} importComments
 *   Imports records with their ids, parents first, in one transaction: an id already
 *   stored, or a comment equal to one in its thread (author name, time and body), is left
 *   as it is ("present"); a reply whose parent is not in its thread becomes top-level
 *   ("detached"). Quotas do not apply: the site owner chose these.
 * @property {(options: { afterSeq: number, limit: number, thread?: string | null })
 *   => ExportRow[] | Promise<ExportRow[]>} exportRows Every field of the comments after
 *   `afterSeq`, in creation order (parents before replies), e-mail included.
 * @property {(email: string) => EraseResult | Promise<EraseResult>} eraseAuthor
 *   Anonymises every comment whose e-mail is `email` (compared in lower case): the name
 *   becomes "Anonymous", e-mail, website and avatar are removed; bodies stay.
 * @property {(thread: string, id: string) => OwnershipInfo | null | Promise<OwnershipInfo | null>} ownership
 *   What deciding an author's edit or deletion needs; null for an unknown id, one of
 *   another thread, or a removed comment.
 * @property {(thread: string, id: string, body: string, options?: { hold?: 'pending' | 'spam' | null })
 *   => CommentRecord | null | Promise<CommentRecord | null>} update
 *   Replaces a comment's body (validated by the caller) and notes when (`editedAt`); null
 *   when it is not there. `hold` takes a published comment back to the moderation queue
 *   (a pending one to `spam`), never the other way; a comment held by `pending` queues the
 *   owner's mail as a new held comment does.
 * @property {(thread: string, id: string) => 'placeholder' | 'removed' | null
 *   | Promise<'placeholder' | 'removed' | null>} remove Removes a comment: with replies a
 *   reader sees (published) it stays as an empty `deleted` placeholder, which readers see
 *   but counts leave out; without, it goes with its unpublished replies (held, spam or
 *   rejected answers to what is gone), and so does every placeholder above it left
 *   without published replies. Null when it is not there.
 * @property {() => void | Promise<void>} close
 */

/**
 * @typedef {{ createdAt: string, secretHash: string | null, status: string,
 *   author: { name: string, email?: string, url?: string } }} OwnershipInfo
 *   `author` is what the spam checks judge an edit's new body with.
 */

/**
 * @typedef {{ thread: string, record: { id: string, parentId: string | null,
 *   author: { name: string, email?: string, url?: string, avatarUrl?: string },
 *   body: string, createdAt: string, status: 'published' | 'pending' | 'spam',
 *   ip?: string | null, editedAt?: string, deleted?: boolean } }} ImportEntry
 *   `ip`, `editedAt` and `deleted` come back from an export (restore); imports from
 *   elsewhere leave them out.
 * @typedef {{ added: string[], present: string[], detached: string[] }} ImportResult
 * @typedef {ImportEntry['record'] & { thread: string, seq: number }} ExportRow
 * @typedef {{ comments: number, threads: number }} EraseResult
 */

/** Top-level comments per page unless the caller asks otherwise. */
export const DEFAULT_PAGE_SIZE = 50;
/** Records (top-level comments and replies) per page: bounds one response's size. */
export const DEFAULT_MAX_PAGE_COMMENTS = 250;
/** Comments one thread may hold. */
export const DEFAULT_MAX_THREAD_COMMENTS = 10_000;
/** Bytes of visitor text (body, name, e-mail, URL) all threads together may hold. */
export const DEFAULT_MAX_TOTAL_BYTES = 1024 * 1024 * 1024;

/** Thrown for a cursor this store did not issue; the HTTP layer turns it into a 400. */
export class InvalidCursorError extends Error {
  constructor() {
    super('The cursor is not valid: use the "next" value of a previous page.');
    this.name = 'InvalidCursorError';
  }
}

/** Thrown when a reply names a parent that is not in the same thread. */
export class UnknownParentError extends Error {
  /** @param {string} parentId */
  constructor(parentId) {
    super(`parentId "${parentId}" is not a comment of this thread.`);
    this.name = 'UnknownParentError';
  }
}

/** Thrown when a quota is reached; `scope` says which ('thread' or 'total'). */
export class QuotaError extends Error {
  /** @param {'thread' | 'total'} scope */
  constructor(scope) {
    super(
      scope === 'thread'
        ? 'This thread is full: it accepts no more comments.'
        : 'The comment server is out of room for new comments.',
    );
    this.name = 'QuotaError';
    this.scope = scope;
  }
}

/** Thrown when the database is locked by someone else; the write may be retried. */
export class StoreBusyError extends Error {
  constructor() {
    super('The database is busy.');
    this.name = 'StoreBusyError';
  }
}

/** Bytes a comment adds to the quotas. */
export function storedBytes({ body, author }) {
  let bytes = Buffer.byteLength(body) + Buffer.byteLength(author.name);
  if (author.email) bytes += Buffer.byteLength(author.email);
  if (author.url) bytes += Buffer.byteLength(author.url);
  return bytes;
}

/** Maps a row (snake_case, as both stores keep it) to a CommentRecord. */
export function toRecord(row) {
  /** @type {CommentRecord['author']} */
  const author = { name: row.author_name };
  if (row.author_url) author.url = row.author_url;
  if (row.author_avatar_url) author.avatarUrl = row.author_avatar_url;
  // The e-mail address is stored for the site owner and never sent to readers.
  return {
    id: row.id,
    parentId: row.parent_id,
    author,
    body: row.body,
    createdAt: typeof row.created_at === 'string' ? row.created_at : new Date(row.created_at).toISOString(),
    status: row.status,
    // A removed comment kept for its replies: nothing of it is left to show.
    ...(row.deleted ? { deleted: true } : {}),
    ...(row.edited_at ? { editedAt: isoTime(row.edited_at) } : {}),
  };
}

/** A stored time (TEXT, or a Date from a driver) as ISO text. */
function isoTime(value) {
  return typeof value === 'string' ? value : new Date(value).toISOString();
}

/**
 * The orders a thread lists in (`?sort=`): top-level comments oldest or newest first,
 * replies under each always oldest first, as a conversation reads.
 *
 * @typedef {'oldest' | 'newest'} SortOrder
 */

/** The `sort` query value as a SortOrder, or null when it names none. */
export function parseSort(value) {
  if (value == null || value === '' || value === 'oldest') return 'oldest';
  return value === 'newest' ? 'newest' : null;
}

/**
 * A cursor names the last top-level comment shown (`root`) and, when the page ended
 * inside that comment's replies, the last reply shown (`reply`). Its prefix is the order
 * it was issued for (`after:` oldest first, `before:` newest first), so a cursor is never
 * read in the other order.
 *
 * @param {number} root
 * @param {number | null} [reply]
 * @param {SortOrder} [sort]
 */
export function encodeCursor(root, reply = null, sort = 'oldest') {
  const text = (sort === 'newest' ? 'before:' : 'after:') + root + (reply === null ? '' : `:${reply}`);
  return Buffer.from(text, 'utf8').toString('base64url');
}

/**
 * @param {string | null | undefined} cursor
 * @param {SortOrder} [sort] The order of the listing it continues.
 * @returns {{ root: number, reply: number | null }} root 0: from the start.
 */
export function decodeCursor(cursor, sort = 'oldest') {
  if (cursor == null || cursor === '') return { root: 0, reply: null };
  if (typeof cursor !== 'string' || cursor.length > 60 || !/^[A-Za-z0-9_-]+$/.test(cursor)) {
    throw new InvalidCursorError();
  }
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const match = /^(?:after|before):([1-9][0-9]{0,14})(?::([1-9][0-9]{0,14}))?$/.exec(text);
  if (!match) throw new InvalidCursorError();
  const root = Number(match[1]);
  const reply = match[2] === undefined ? null : Number(match[2]);
  // Re-encoding must give the same text: rejects near-miss spellings of a valid cursor,
  // and a cursor of the other order.
  if (encodeCursor(root, reply, sort) !== cursor || (reply !== null && reply < root)) throw new InvalidCursorError();
  return { root, reply };
}

/**
 * Puts a page together from what a store fetched: the roots of the page (already cut
 * to the page size) and the replies under them in (root, seq) order, up to `room + 1`
 * of them: when they were cut short, at least one fetched reply is left over, so a root
 * the page moves past has had all its replies. Where the replies do not fit, the page
 * ends inside that root's replies and the cursor says where.
 *
 * @param {any[]} roots Rows of top-level comments in the listing's order.
 * @param {any[]} replies Rows of replies, ordered by root_seq in the listing's order,
 *   then by seq.
 * @param {number} room Records the page may still hold.
 * @param {boolean} moreRoots Whether roots follow the last one given.
 * @param {SortOrder} [sort]
 * @returns {{ rows: any[], next: string | null }}
 */
export function assemblePage(roots, replies, room, moreRoots, sort = 'oldest') {
  const byRoot = new Map(roots.map((row) => [Number(row.seq), []]));
  for (const reply of replies) byRoot.get(Number(reply.root_seq))?.push(reply);
  const rows = [];
  for (const root of roots) {
    if (rows.length >= room) return { rows, next: encodeCursor(Number(rows.at(-1).root_seq), null, sort) };
    rows.push(root);
    for (const reply of byRoot.get(Number(root.seq))) {
      if (rows.length >= room) {
        return { rows, next: encodeCursor(Number(root.seq), Number(rows.at(-1).seq), sort) };
      }
      rows.push(reply);
    }
  }
  return { rows, next: moreRoots ? encodeCursor(Number(roots.at(-1).seq), null, sort) : null };
}

/**
 * Normalises the accepted seed shapes into `{ thread, record }` pairs: `{ thread,
 * comments: [...] }`, `{ threads: { key: [...] } }`, or an array of records, each with
 * its own `thread` or taking `defaultThread`.
 */
export function seedEntries(data, defaultThread) {
  /** @type {{ thread: string, items: unknown[] }[]} */
  const groups = [];
  if (Array.isArray(data)) {
    groups.push({ thread: defaultThread, items: data });
  } else if (data && typeof data === 'object' && Array.isArray(data.comments)) {
    groups.push({ thread: data.thread ?? defaultThread, items: data.comments });
  } else if (data && typeof data === 'object' && data.threads && typeof data.threads === 'object') {
    for (const [thread, items] of Object.entries(data.threads)) {
      if (!Array.isArray(items)) throw new Error(`Seed thread "${thread}" is not an array.`);
      groups.push({ thread, items });
    }
  } else {
    throw new Error('Seed data must be an array of comments, { thread, comments } or { threads }.');
  }

  const entries = [];
  for (const group of groups) {
    for (const [index, item] of group.items.entries()) {
      const where = `seed comment #${index + 1}`;
      if (!item || typeof item !== 'object') throw new Error(`${where} is not an object.`);
      const thread = item.thread ?? group.thread;
      if (typeof thread !== 'string' || !thread) throw new Error(`${where} has no thread.`);
      if (typeof item.id !== 'string' || !item.id) throw new Error(`${where} has no string id.`);
      if (typeof item.body !== 'string') throw new Error(`${where} (${item.id}) has no string body.`);
      const author = item.author && typeof item.author === 'object' ? item.author : {};
      entries.push({
        thread,
        record: {
          id: item.id,
          parentId: typeof item.parentId === 'string' ? item.parentId : null,
          author: {
            name: typeof author.name === 'string' && author.name.trim() ? author.name : 'Anonymous',
            url: typeof author.url === 'string' ? author.url : undefined,
            avatarUrl: typeof author.avatarUrl === 'string' ? author.avatarUrl : undefined,
          },
          body: item.body,
          createdAt:
            typeof item.createdAt === 'string' && !Number.isNaN(Date.parse(item.createdAt))
              ? new Date(item.createdAt).toISOString()
              : new Date().toISOString(),
          status: item.status === 'pending' ? 'pending' : 'published',
        },
      });
    }
  }
  return entries;
}

/**
 * A row with every field, for exports: the e-mail address, the poster's IP, when it was
 * edited and whether it is a deleted comment's placeholder included. Never the hash of
 * its edit secret: a restored comment cannot be edited by whoever holds the old secret.
 */
export function toExportRow(row) {
  /** @type {ExportRow['author']} */
  const author = { name: row.author_name };
  if (row.author_email) author.email = row.author_email;
  if (row.author_url) author.url = row.author_url;
  if (row.author_avatar_url) author.avatarUrl = row.author_avatar_url;
  return {
    seq: Number(row.seq),
    thread: row.thread,
    id: row.id,
    parentId: row.parent_id,
    author,
    body: row.body,
    createdAt: typeof row.created_at === 'string' ? row.created_at : new Date(row.created_at).toISOString(),
    status: row.status,
    ...(row.author_ip ? { ip: row.author_ip } : {}),
    ...(row.edited_at ? { editedAt: isoTime(row.edited_at) } : {}),
    ...(row.deleted ? { deleted: true } : {}),
  };
}

/**
 * The status an edited comment takes: `hold` moves a published comment to the moderation
 * queue and a pending one to spam; nothing an edit does brings a comment nearer readers.
 *
 * @param {string} status
 * @param {'pending' | 'spam' | null | undefined} hold
 */
export function heldStatus(status, hold) {
  if (hold === 'spam' && (status === 'published' || status === 'pending')) return 'spam';
  if (hold === 'pending' && status === 'published') return 'pending';
  return status;
}

/** What identifies a comment's content within its thread, for imports. */
export function contentKey(name, createdAt, body) {
  return JSON.stringify([name, createdAt, body]);
}

/** The name an erased commenter's comments keep. */
export const ERASED_NAME = 'Anonymous';

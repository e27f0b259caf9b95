/**
 * Comment storage in SQLite through better-sqlite3.
 *
 * Durability: WAL with `synchronous=FULL`, so a transaction that returned has been
 * fsynced to the WAL; the HTTP layer answers 201 only after `create` returned, hence an
 * acknowledged comment survives a crash of the process or of the machine. (`NORMAL` in
 * WAL mode may lose the last transactions on power loss.)
 *
 * Ordering: `seq` (the rowid) is the creation order. Each row also stores `root_seq`,
 * the seq of its top-level ancestor, so a page of roots and all of their replies are two
 * index range scans.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';

/** `server/data/parley.db` beside this module, whatever the working directory. */
export const DEFAULT_DB_PATH = fileURLToPath(new URL('./data/parley.db', import.meta.url));

/** Top-level comments per page unless the caller asks otherwise. */
export const DEFAULT_PAGE_SIZE = 50;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS comments (
  seq               INTEGER PRIMARY KEY,
  id                TEXT    NOT NULL UNIQUE,
  thread            TEXT    NOT NULL,
  parent_id         TEXT,
  root_seq          INTEGER NOT NULL,
  author_name       TEXT    NOT NULL,
  author_email      TEXT,
  author_url        TEXT,
  author_avatar_url TEXT,
  body              TEXT    NOT NULL,
  created_at        TEXT    NOT NULL,
  status            TEXT    NOT NULL CHECK (status IN ('published', 'pending'))
);
CREATE INDEX IF NOT EXISTS comments_by_root ON comments (thread, root_seq, seq);
CREATE INDEX IF NOT EXISTS comments_roots ON comments (thread, seq) WHERE parent_id IS NULL;
CREATE INDEX IF NOT EXISTS comments_pending ON comments (status) WHERE status = 'pending';
`;

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

/**
 * @typedef {import('../src/adapters/types.ts').CommentRecord} CommentRecord
 * @typedef {import('./validate.mjs').CleanComment} CleanComment
 */

/**
 * Opens (creating when needed) a comment database.
 *
 * @param {string} filename A file path, or ':memory:' for tests.
 * @param {{ pageSize?: number }} [options]
 */
export function openCommentStore(filename, { pageSize = DEFAULT_PAGE_SIZE } = {}) {
  if (filename !== ':memory:') mkdirSync(dirname(filename), { recursive: true });
  // A CLI `approve` may write while the server runs: wait for the lock instead of failing.
  const db = new Database(filename, { timeout: 5000 });
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec(SCHEMA);

  const statements = {
    nextSeq: db.prepare('SELECT IFNULL(MAX(seq), 0) + 1 AS seq FROM comments'),
    byId: db.prepare('SELECT * FROM comments WHERE id = ?'),
    parentInThread: db.prepare('SELECT seq, root_seq FROM comments WHERE id = ? AND thread = ?'),
    insert: db.prepare(`
      INSERT INTO comments (seq, id, thread, parent_id, root_seq, author_name, author_email,
                            author_url, author_avatar_url, body, created_at, status)
      VALUES (@seq, @id, @thread, @parentId, @rootSeq, @name, @email,
              @url, @avatarUrl, @body, @createdAt, @status)`),
    roots: db.prepare(`
      SELECT * FROM comments
      WHERE thread = ? AND parent_id IS NULL AND seq > ? AND status = 'published'
      ORDER BY seq LIMIT ?`),
    replies: db.prepare(`
      SELECT * FROM comments
      WHERE thread = ? AND root_seq BETWEEN ? AND ? AND parent_id IS NOT NULL
        AND status = 'published'
      ORDER BY seq`),
    // What a reader can see: published comments under a published top-level comment.
    total: db.prepare(`
      SELECT COUNT(*) AS n FROM comments AS c JOIN comments AS r ON r.seq = c.root_seq
      WHERE c.thread = ? AND c.status = 'published' AND r.status = 'published'`),
    approve: db.prepare(`UPDATE comments SET status = 'published' WHERE id = ?`),
    pending: db.prepare(`SELECT * FROM comments WHERE status = 'pending' ORDER BY seq`),
  };

  /** Inserts one row; must run inside a transaction so seq and root_seq agree. */
  function insertRow(thread, { id, parentId, author, body, createdAt, status }) {
    const { seq } = statements.nextSeq.get();
    let rootSeq = seq;
    if (parentId !== null) {
      const parent = statements.parentInThread.get(parentId, thread);
      if (!parent) throw new UnknownParentError(parentId);
      rootSeq = parent.root_seq;
    }
    statements.insert.run({
      seq,
      id,
      thread,
      parentId,
      rootSeq,
      name: author.name,
      email: author.email ?? null,
      url: author.url ?? null,
      avatarUrl: author.avatarUrl ?? null,
      body,
      createdAt,
      status,
    });
    return statements.byId.get(id);
  }

  // IMMEDIATE takes the write lock up front, so reading MAX(seq) cannot race a writer
  // in another process.
  const createTx = db.transaction(insertRow);

  return {
    /** The underlying connection, for tests and one-off maintenance. */
    db,

    /**
     * One page of a thread: up to `pageSize` published top-level comments, oldest first,
     * each followed by all of its published replies in creation order.
     *
     * @param {string} thread
     * @param {{ cursor?: string | null, pageSize?: number }} [options]
     * @returns {{ comments: CommentRecord[], next: string | null, total: number }}
     * @throws {InvalidCursorError}
     */
    list(thread, { cursor = null, pageSize: size = pageSize } = {}) {
      const after = cursor == null || cursor === '' ? 0 : decodeCursor(cursor);
      // One read transaction, so the page and the total describe the same moment.
      return db.transaction(() => {
        const roots = statements.roots.all(thread, after, size + 1);
        const hasMore = roots.length > size;
        if (hasMore) roots.length = size;
        const comments = [];
        if (roots.length > 0) {
          const byRoot = new Map(roots.map((row) => [row.seq, [row]]));
          const replies = statements.replies.all(thread, roots[0].seq, roots.at(-1).seq);
          // A reply under a pending root falls inside the seq range but is not shown.
          for (const reply of replies) byRoot.get(reply.root_seq)?.push(reply);
          for (const group of byRoot.values()) for (const row of group) comments.push(toRecord(row));
        }
        return {
          comments,
          next: hasMore ? encodeCursor(roots.at(-1).seq) : null,
          total: statements.total.get(thread).n,
        };
      })();
    },

    /**
     * Stores a validated comment and returns its record once it is durable.
     *
     * @param {string} thread
     * @param {CleanComment} input
     * @param {{ status?: 'published' | 'pending' }} [options]
     * @returns {CommentRecord}
     * @throws {UnknownParentError}
     */
    create(thread, input, { status = 'published' } = {}) {
      const row = createTx.immediate(thread, {
        id: randomUUID(),
        parentId: input.parentId,
        author: input.author,
        body: input.body,
        createdAt: new Date().toISOString(),
        status,
      });
      return toRecord(row);
    },

    /**
     * Publishes a pending comment (a published one stays as it is).
     *
     * @param {string} id
     * @returns {{ thread: string, comment: CommentRecord } | null} null for an unknown id.
     */
    approve(id) {
      statements.approve.run(id);
      const row = statements.byId.get(id);
      return row ? { thread: row.thread, comment: toRecord(row) } : null;
    },

    /** @returns {{ thread: string, comment: CommentRecord }[]} every comment awaiting approval. */
    pending() {
      return statements.pending.all().map((row) => ({ thread: row.thread, comment: toRecord(row) }));
    },

    /** @param {string} thread @returns {number} comments a reader of the thread can see. */
    count(thread) {
      return statements.total.get(thread).n;
    },

    /**
     * Imports seed comments, keeping their ids; ids already stored are skipped, so seeding
     * at every start is harmless. Replies may come before their parent in the file.
     *
     * Accepted shapes: `{ thread, comments: [...] }`, `{ threads: { key: [...] } }`, or an
     * array of records, each with its own `thread` or taking `defaultThread`.
     *
     * @param {unknown} data Parsed JSON.
     * @param {{ defaultThread?: string }} [options]
     * @returns {number} How many comments were added.
     */
    importSeed(data, { defaultThread } = {}) {
      const entries = seedEntries(data, defaultThread);
      return db.transaction(() => {
        let added = 0;
        let pending = entries.filter(({ record }) => !statements.byId.get(record.id));
        // Parents first: repeat while a pass makes progress; what is left has no parent.
        while (pending.length > 0) {
          const waiting = [];
          for (const entry of pending) {
            const { parentId } = entry.record;
            if (parentId !== null && !statements.parentInThread.get(parentId, entry.thread)) {
              waiting.push(entry);
              continue;
            }
            insertRow(entry.thread, entry.record);
            added += 1;
          }
          if (waiting.length === pending.length) {
            const ids = waiting.map(({ record }) => record.id).join(', ');
            throw new Error(`Seed comments whose parent is not in their thread: ${ids}`);
          }
          pending = waiting;
        }
        return added;
      })();
    },

    /** Closes the database (checkpointing the WAL). */
    close() {
      db.close();
    },
  };
}

/** @typedef {ReturnType<typeof openCommentStore>} CommentStore */

/**
 * Copies a live database to `destination` with SQLite's online backup API: consistent
 * while the server keeps writing (unlike `cp`, which can miss what is still in `-wal`).
 *
 * @param {string} filename The database in use.
 * @param {string} destination A new file; an existing one is refused.
 * @returns {Promise<number>} The number of comments in the copy.
 */
export async function backupDatabase(filename, destination) {
  if (existsSync(destination)) throw new Error(`${destination} exists already; choose a new file.`);
  if (!existsSync(filename)) throw new Error(`There is no database at ${filename}.`);
  const db = new Database(filename, { readonly: true, fileMustExist: true, timeout: 5000 });
  try {
    await db.backup(destination);
  } finally {
    db.close();
  }
  return countComments(destination);
}

/**
 * Puts a backup in place of the database at `filename`. The backup is checked before
 * anything is replaced, and the copy is made with the backup API again: it replaces the
 * whole database in one transaction, so a running server sees the old or the restored
 * comments, never a mix (stopping it first is still the calm way).
 *
 * @param {string} backup A file written by `backupDatabase` (or `sqlite3 .backup`).
 * @param {string} filename Where the server keeps its database.
 * @returns {Promise<number>} The number of comments restored.
 */
export async function restoreDatabase(backup, filename) {
  if (!existsSync(backup)) throw new Error(`There is no backup at ${backup}.`);
  const comments = countComments(backup);
  mkdirSync(dirname(filename), { recursive: true });
  const source = new Database(backup, { readonly: true, fileMustExist: true });
  try {
    await source.backup(filename);
  } finally {
    source.close();
  }
  // Opening it brings the schema up to date and turns WAL back on.
  openCommentStore(filename).close();
  return comments;
}

/** Checks that a file is an intact Parley database and counts its comments. */
function countComments(filename) {
  const db = new Database(filename, { readonly: true, fileMustExist: true });
  try {
    const check = db.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw new Error(`${filename} is damaged: ${check}`);
    const table = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'comments'").get();
    if (!table) throw new Error(`${filename} is not a Parley database (it has no comments table).`);
    return db.prepare('SELECT COUNT(*) AS n FROM comments').get().n;
  } catch (error) {
    if (error.code === 'SQLITE_NOTADB') throw new Error(`${filename} is not an SQLite database.`);
    throw error;
  } finally {
    db.close();
  }
}

function toRecord(row) {
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
    createdAt: row.created_at,
    status: row.status,
  };
}

const CURSOR_PREFIX = 'after:';

function encodeCursor(seq) {
  return Buffer.from(CURSOR_PREFIX + seq, 'utf8').toString('base64url');
}

function decodeCursor(cursor) {
  if (typeof cursor !== 'string' || cursor.length > 40 || !/^[A-Za-z0-9_-]+$/.test(cursor)) {
    throw new InvalidCursorError();
  }
  const match = /^after:([1-9][0-9]{0,14})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  // Re-encoding must give the same text: rejects near-miss spellings of a valid cursor.
  if (!match || encodeCursor(Number(match[1])) !== cursor) throw new InvalidCursorError();
  return Number(match[1]);
}

/** Normalises the accepted seed shapes into `{ thread, record }` pairs. */
function seedEntries(data, defaultThread) {
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

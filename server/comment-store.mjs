/**
 * Comment storage in SQLite through better-sqlite3: the store for one machine, and the
 * default. It implements the interface described in store.mjs.
 *
 * Durability: WAL with `synchronous=FULL`, so a transaction that returned has been
 * fsynced to the WAL; the HTTP layer answers 201 only after `create` returned, hence an
 * acknowledged comment survives a crash of the process or of the machine. (`NORMAL` in
 * WAL mode may lose the last transactions on power loss.)
 *
 * Locking: the server's connection does not wait for a lock another process holds (the
 * CLI, `sqlite3`): better-sqlite3 is synchronous, and waiting would freeze every request.
 * A write that finds the database locked throws StoreBusyError at once; the HTTP layer
 * retries it off the event loop's back (timers) and answers 503 if the lock stays.
 *
 * Group commit: `createBatched` (what the HTTP layer calls) gathers the posts that
 * arrive in one turn of the event loop into one transaction, each in its own savepoint,
 * so one fsync acknowledges them all; each post is answered after that commit, as before.
 *
 * Reads: a page, once built, is kept until the database changes — by this connection
 * (counted here) or by any other (`PRAGMA data_version` says so, for a few microseconds).
 * Threads are read far more often than written, and a page costs hundreds of
 * microseconds to build. The cache holds at most PAGE_CACHE_ENTRIES pages and
 * PAGE_CACHE_CHARS characters of text.
 *
 * Ordering: `seq` (the rowid) is the creation order. Each row also stores `root_seq`,
 * the seq of its top-level ancestor, so a page of roots and all of their replies are two
 * index range scans.
 *
 * Schema versions live in `PRAGMA user_version` and are migrated forward on open.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { sqliteMailHooks } from './notify/sqlite-mail.mjs';
import { sqliteModeration } from './admin/sqlite-moderation.mjs';
import { keepsPlaceholder, withReplies } from './admin/moderation-rows.mjs';
import {
  DEFAULT_MAX_PAGE_COMMENTS,
  DEFAULT_MAX_THREAD_COMMENTS,
  DEFAULT_MAX_TOTAL_BYTES,
  DEFAULT_PAGE_SIZE,
  QuotaError,
  StoreBusyError,
  UnknownParentError,
  ERASED_NAME,
  assemblePage,
  contentKey,
  decodeCursor,
  encodeCursor,
  heldStatus,
  seedEntries,
  storedBytes,
  toExportRow,
  toRecord,
} from './store.mjs';

export {
  DEFAULT_PAGE_SIZE,
  InvalidCursorError,
  QuotaError,
  StoreBusyError,
  UnknownParentError,
} from './store.mjs';

/** Pages kept between writes; past this, the cache starts again empty. */
const PAGE_CACHE_ENTRIES = 1000;
/** Characters of comment text kept in cached pages: 250 records of 10,000 characters
 * each would otherwise let 1,000 pages hold gigabytes. */
const PAGE_CACHE_CHARS = 16 * 1024 * 1024;

/** `server/data/parley.db` beside this module, whatever the working directory. */
export const DEFAULT_DB_PATH = fileURLToPath(new URL('./data/parley.db', import.meta.url));

/** Each entry brings a database from version `index` to `index + 1`. */
const MIGRATIONS = [
  // 1: the comments table (IF NOT EXISTS: databases from before versioning have it).
  `CREATE TABLE IF NOT EXISTS comments (
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
  CREATE INDEX IF NOT EXISTS comments_pending ON comments (status) WHERE status = 'pending';`,
  // 2: what the quotas count, kept beside the comments so a check is one row read.
  `CREATE TABLE threads (
    thread   TEXT    PRIMARY KEY,
    comments INTEGER NOT NULL,
    bytes    INTEGER NOT NULL
  );
  INSERT INTO threads (thread, comments, bytes)
    SELECT thread, COUNT(*), SUM(LENGTH(CAST(body AS BLOB)) + LENGTH(CAST(author_name AS BLOB))
                                 + IFNULL(LENGTH(CAST(author_email AS BLOB)), 0)
                                 + IFNULL(LENGTH(CAST(author_url AS BLOB)), 0))
    FROM comments GROUP BY thread;
  CREATE TABLE totals (id INTEGER PRIMARY KEY CHECK (id = 1), bytes INTEGER NOT NULL);
  INSERT INTO totals (id, bytes) SELECT 1, IFNULL(SUM(bytes), 0) FROM threads;`,
  // 3: a third state, 'spam' (held, marked as caught by a spam check), and the blocklist
  // the moderation page will edit. SQLite cannot alter a CHECK: the table is rebuilt.
  `CREATE TABLE comments_v3 (
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
    status            TEXT    NOT NULL CHECK (status IN ('published', 'pending', 'spam'))
  );
  INSERT INTO comments_v3 (seq, id, thread, parent_id, root_seq, author_name, author_email, author_url,
                           author_avatar_url, body, created_at, status)
    SELECT seq, id, thread, parent_id, root_seq, author_name, author_email, author_url,
           author_avatar_url, body, created_at, status FROM comments;
  DROP TABLE comments;
  ALTER TABLE comments_v3 RENAME TO comments;
  CREATE INDEX comments_by_root ON comments (thread, root_seq, seq);
  CREATE INDEX comments_roots ON comments (thread, seq) WHERE parent_id IS NULL;
  CREATE INDEX comments_held ON comments (status) WHERE status IN ('pending', 'spam');
  CREATE TABLE blocklist (
    kind  TEXT NOT NULL CHECK (kind IN ('word', 'ip', 'email')),
    value TEXT NOT NULL,
    PRIMARY KEY (kind, value)
  );`,
  // 4: the moderation page (server/admin/): a fourth state, 'rejected' (hidden, out of the
  // queue, kept), the poster's IP (what "block IP" blocks), admin sign-in sessions (only
  // a hash of each cookie is stored) and the audit log. The CHECK again means a rebuild.
  `CREATE TABLE comments_v4 (
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
    status            TEXT    NOT NULL CHECK (status IN ('published', 'pending', 'spam', 'rejected')),
    author_ip         TEXT
  );
  INSERT INTO comments_v4 (seq, id, thread, parent_id, root_seq, author_name, author_email, author_url,
                           author_avatar_url, body, created_at, status)
    SELECT seq, id, thread, parent_id, root_seq, author_name, author_email, author_url,
           author_avatar_url, body, created_at, status FROM comments;
  DROP TABLE comments;
  ALTER TABLE comments_v4 RENAME TO comments;
  CREATE INDEX comments_by_root ON comments (thread, root_seq, seq);
  CREATE INDEX comments_roots ON comments (thread, seq) WHERE parent_id IS NULL;
  CREATE INDEX comments_held ON comments (status) WHERE status IN ('pending', 'spam');
  CREATE TABLE admin_sessions (
    id_hash    TEXT PRIMARY KEY,
    csrf       TEXT NOT NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
  );
  CREATE TABLE audit_log (
    seq    INTEGER PRIMARY KEY,
    at     TEXT NOT NULL,
    actor  TEXT NOT NULL,
    action TEXT NOT NULL,
    target TEXT,
    detail TEXT
  );`,
  // 5: editing and deleting one's own comment: a hash of the secret handed out once at
  // creation (never the secret), when the body was last edited, and removed comments
  // kept as placeholders while they have replies.
  `ALTER TABLE comments ADD COLUMN secret_hash TEXT;
  ALTER TABLE comments ADD COLUMN edited_at TEXT;
  ALTER TABLE comments ADD COLUMN deleted INTEGER NOT NULL DEFAULT 0;`,
  // 6: e-mail notifications (server/notify/): the queue the worker sends from (retries and
  // backoff kept per message, so they survive a restart), subscriptions to replies, and
  // settings (the secret that signs unsubscribe links). The trigger queues a reply's
  // notification when it is published after being held, whichever path publishes it.
  // (A rebuild of comments drops the trigger: such a migration must create it again.)
  `CREATE TABLE mail_queue (
    id              INTEGER PRIMARY KEY,
    kind            TEXT    NOT NULL CHECK (kind IN ('owner', 'reply')),
    comment_id      TEXT    NOT NULL,
    created_at      TEXT    NOT NULL,
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER NOT NULL,
    sent_at         TEXT,
    failed_at       TEXT,
    last_error      TEXT
  );
  CREATE INDEX mail_queue_due ON mail_queue (next_attempt_at) WHERE sent_at IS NULL AND failed_at IS NULL;
  CREATE TABLE subscriptions (
    comment_id      TEXT PRIMARY KEY,
    email           TEXT NOT NULL,
    created_at      TEXT NOT NULL,
    unsubscribed_at TEXT
  );
  CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
  CREATE TRIGGER mail_on_publish AFTER UPDATE OF status ON comments
  WHEN OLD.status <> 'published' AND NEW.status = 'published' AND NEW.parent_id IS NOT NULL
    AND EXISTS (SELECT 1 FROM subscriptions WHERE comment_id = NEW.parent_id AND unsubscribed_at IS NULL)
  BEGIN
    INSERT INTO mail_queue (kind, comment_id, created_at, next_attempt_at)
    VALUES ('reply', NEW.id, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'),
            CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER));
  END;`,
  // 7: notifications after review (server/notify/): a third kind of mail, 'confirm' (the
  // double opt-in link), which needs the CHECK rebuilt; what became of each message
  // (`outcome`: sent, skipped), for the per-subscription cap; confirmed addresses (lower
  // case; kept while the address has a subscription); and triggers that drop a comment's
  // subscription and unsent mail when it is deleted or becomes a placeholder, whichever
  // path deletes it. mail_on_publish names mail_queue, so it goes while the table is rebuilt.
  `DROP TRIGGER mail_on_publish;
  CREATE TABLE mail_queue_v7 (
    id              INTEGER PRIMARY KEY,
    kind            TEXT    NOT NULL CHECK (kind IN ('owner', 'reply', 'confirm')),
    comment_id      TEXT    NOT NULL,
    created_at      TEXT    NOT NULL,
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER NOT NULL,
    sent_at         TEXT,
    failed_at       TEXT,
    last_error      TEXT,
    outcome         TEXT
  );
  INSERT INTO mail_queue_v7 (id, kind, comment_id, created_at, attempts, next_attempt_at, sent_at, failed_at, last_error, outcome)
    SELECT id, kind, comment_id, created_at, attempts, next_attempt_at, sent_at, failed_at, last_error,
           CASE WHEN sent_at IS NOT NULL THEN 'sent' END FROM mail_queue;
  DROP TABLE mail_queue;
  ALTER TABLE mail_queue_v7 RENAME TO mail_queue;
  CREATE INDEX mail_queue_due ON mail_queue (next_attempt_at) WHERE sent_at IS NULL AND failed_at IS NULL;
  CREATE INDEX mail_queue_comment ON mail_queue (comment_id);
  CREATE TRIGGER mail_on_publish AFTER UPDATE OF status ON comments
  WHEN OLD.status <> 'published' AND NEW.status = 'published' AND NEW.parent_id IS NOT NULL
    AND EXISTS (SELECT 1 FROM subscriptions WHERE comment_id = NEW.parent_id AND unsubscribed_at IS NULL)
  BEGIN
    INSERT INTO mail_queue (kind, comment_id, created_at, next_attempt_at)
    VALUES ('reply', NEW.id, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'),
            CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER));
  END;
  CREATE TABLE confirmed_emails (email TEXT PRIMARY KEY, confirmed_at TEXT NOT NULL);
  CREATE TRIGGER mail_on_delete AFTER DELETE ON comments
  BEGIN
    DELETE FROM subscriptions WHERE comment_id = OLD.id;
    DELETE FROM mail_queue WHERE comment_id = OLD.id AND sent_at IS NULL AND failed_at IS NULL;
  END;
  CREATE TRIGGER mail_on_placeholder AFTER UPDATE OF deleted ON comments
  WHEN NEW.deleted <> 0 AND OLD.deleted = 0
  BEGIN
    DELETE FROM subscriptions WHERE comment_id = NEW.id;
    DELETE FROM mail_queue WHERE comment_id = NEW.id AND sent_at IS NULL AND failed_at IS NULL;
  END;
  CREATE TRIGGER forget_confirmed AFTER DELETE ON subscriptions
  WHEN NOT EXISTS (SELECT 1 FROM subscriptions WHERE lower(email) = lower(OLD.email))
  BEGIN
    DELETE FROM confirmed_emails WHERE email = lower(OLD.email);
  END;`,
  // 8: which spam check caught or held a comment (server/spam.mjs's reason: honeypot,
  // links, blocked-word, akismet, …), shown on the moderation page.
  `ALTER TABLE comments ADD COLUMN spam_reason TEXT;`,
];

/** The schema version this code writes. */
export const SCHEMA_VERSION = MIGRATIONS.length;

/**
 * Opens (creating when needed) a comment database and migrates it forward.
 *
 * @param {string} filename A file path, or ':memory:' for tests.
 * @param {{ pageSize?: number, maxPageComments?: number, maxThreadComments?: number,
 *           maxTotalBytes?: number, busyTimeoutMs?: number }} [options]
 *   `busyTimeoutMs`: how long a write waits for another process's lock, blocking the
 *   thread; 0 (the default) throws StoreBusyError at once. The CLI waits; the server
 *   does not.
 *   `mail`: which notification mails a post queues, in its own transaction (see
 *   server/notify/); null (the default) queues none.
 */
export function openCommentStore(filename, {
  pageSize = DEFAULT_PAGE_SIZE,
  maxPageComments = DEFAULT_MAX_PAGE_COMMENTS,
  maxThreadComments = DEFAULT_MAX_THREAD_COMMENTS,
  maxTotalBytes = DEFAULT_MAX_TOTAL_BYTES,
  busyTimeoutMs = 0,
  mail = null,
} = {}) {
  if (filename !== ':memory:') mkdirSync(dirname(filename), { recursive: true });
  // Opening and migrating may wait for a lock: nothing is being served yet.
  const db = new Database(filename, { timeout: 5000 });
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  migrate(db);
  db.pragma(`busy_timeout = ${Math.max(0, Math.floor(busyTimeoutMs))}`);

  const statements = {
    nextSeq: db.prepare('SELECT IFNULL(MAX(seq), 0) + 1 AS seq FROM comments'),
    byId: db.prepare('SELECT * FROM comments WHERE id = ?'),
    parentInThread: db.prepare('SELECT seq, root_seq FROM comments WHERE id = ? AND thread = ?'),
    insert: db.prepare(`
      INSERT INTO comments (seq, id, thread, parent_id, root_seq, author_name, author_email,
                            author_url, author_avatar_url, body, created_at, status, author_ip)
      VALUES (@seq, @id, @thread, @parentId, @rootSeq, @name, @email,
              @url, @avatarUrl, @body, @createdAt, @status, @ip)`),
    threadUsage: db.prepare('SELECT comments FROM threads WHERE thread = ?'),
    totalUsage: db.prepare('SELECT bytes FROM totals WHERE id = 1'),
    countThread: db.prepare(`
      INSERT INTO threads (thread, comments, bytes) VALUES (?, 1, ?)
      ON CONFLICT (thread) DO UPDATE SET comments = comments + 1, bytes = bytes + excluded.bytes`),
    countTotal: db.prepare('UPDATE totals SET bytes = bytes + ? WHERE id = 1'),
    roots: db.prepare(`
      SELECT * FROM comments
      WHERE thread = ? AND parent_id IS NULL AND seq > ? AND status = 'published'
      ORDER BY seq LIMIT ?`),
    // Replies under published roots only: one under a pending root is not shown.
    replies: db.prepare(`
      SELECT c.* FROM comments AS c JOIN comments AS r ON r.seq = c.root_seq
      WHERE c.thread = ? AND c.root_seq BETWEEN ? AND ? AND c.parent_id IS NOT NULL
        AND c.status = 'published' AND r.status = 'published'
      ORDER BY c.root_seq, c.seq LIMIT ?`),
    // Newest first: the same, roots before a seq and descending (replies stay in order).
    rootsNewest: db.prepare(`
      SELECT * FROM comments
      WHERE thread = ? AND parent_id IS NULL AND seq < ? AND status = 'published'
      ORDER BY seq DESC LIMIT ?`),
    repliesNewest: db.prepare(`
      SELECT c.* FROM comments AS c JOIN comments AS r ON r.seq = c.root_seq
      WHERE c.thread = ? AND c.root_seq BETWEEN ? AND ? AND c.parent_id IS NOT NULL
        AND c.status = 'published' AND r.status = 'published'
      ORDER BY c.root_seq DESC, c.seq LIMIT ?`),
    repliesAfter: db.prepare(`
      SELECT * FROM comments
      WHERE thread = ? AND root_seq = ? AND seq > ? AND parent_id IS NOT NULL AND status = 'published'
      ORDER BY seq LIMIT ?`),
    // What a reader can see: published comments under a published top-level comment.
    total: db.prepare(`
      SELECT COUNT(*) AS n FROM comments AS c JOIN comments AS r ON r.seq = c.root_seq
      WHERE c.thread = ? AND c.status = 'published' AND r.status = 'published' AND c.deleted = 0`),
    approve: db.prepare(`UPDATE comments SET status = 'published' WHERE id = ?`),
    dataVersion: db.prepare('PRAGMA data_version').pluck(),
    pending: db.prepare(`SELECT * FROM comments WHERE status IN ('pending', 'spam') ORDER BY seq`),
    // Bounded by the thread quota; the (thread, …) index narrows it to one thread.
    sameBody: db.prepare('SELECT 1 FROM comments WHERE thread = ? AND body = ? AND created_at >= ? LIMIT 1').pluck(),
    blocklist: db.prepare('SELECT kind, value FROM blocklist ORDER BY kind, value'),
    block: db.prepare('INSERT INTO blocklist (kind, value) VALUES (?, ?) ON CONFLICT DO NOTHING'),
    threadContents: db.prepare('SELECT id, author_name, created_at, body FROM comments WHERE thread = ?'),
    exportAll: db.prepare('SELECT * FROM comments WHERE seq > ? ORDER BY seq LIMIT ?'),
    exportThread: db.prepare('SELECT * FROM comments WHERE thread = ? AND seq > ? ORDER BY seq LIMIT ?'),
    eraseSubscriptions: db.prepare('DELETE FROM subscriptions WHERE lower(email) = lower(?)'),
    byEmail: db.prepare('SELECT * FROM comments WHERE author_email IS NOT NULL AND lower(author_email) = lower(?)'),
    erase: db.prepare(`UPDATE comments SET author_name = @name, author_email = NULL, author_url = NULL,
                         author_avatar_url = NULL, author_ip = NULL WHERE seq = @seq`),
    uncountThread: db.prepare('UPDATE threads SET bytes = bytes - ? WHERE thread = ?'),
    uncountTotal: db.prepare('UPDATE totals SET bytes = bytes - ? WHERE id = 1'),
    setSecret: db.prepare('UPDATE comments SET secret_hash = ? WHERE id = ?'),
    setSpamReason: db.prepare('UPDATE comments SET spam_reason = ? WHERE id = ?'),
    inThread: db.prepare('SELECT * FROM comments WHERE id = ? AND thread = ?'),
    editBody: db.prepare('UPDATE comments SET body = ?, edited_at = ? WHERE seq = ?'),
    // Replies share their root's root_seq: the (thread, root_seq) index finds them.
    family: db.prepare('SELECT * FROM comments WHERE thread = ? AND root_seq = ?'),
    hold: db.prepare('UPDATE comments SET status = ? WHERE seq = ?'),
    restoreExtras: db.prepare('UPDATE comments SET edited_at = ?, deleted = ? WHERE id = ?'),
    toPlaceholder: db.prepare(`UPDATE comments SET deleted = 1, body = '', author_name = '', author_email = NULL,
                                 author_url = NULL, author_avatar_url = NULL, author_ip = NULL, secret_hash = NULL
                               WHERE seq = ?`),
    deleteRow: db.prepare('DELETE FROM comments WHERE seq = ?'),
    uncountComment: db.prepare('UPDATE threads SET comments = comments - 1, bytes = bytes - ? WHERE thread = ?'),
  };

  const mailHooks = mail ? sqliteMailHooks(db, mail) : null;

  /** Inserts one row; must run inside a transaction so seq, root_seq and counts agree. */
  function insertRow(thread, { id, parentId, author, body, createdAt, status, ip = null }) {
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
      ip,
    });
    const bytes = storedBytes({ body, author });
    statements.countThread.run(thread, bytes);
    statements.countTotal.run(bytes);
    return statements.byId.get(id);
  }

  /** Checks the quotas, then inserts; inside the same transaction as the insert. */
  function createRow(thread, row) {
    const used = statements.threadUsage.get(thread)?.comments ?? 0;
    if (used >= maxThreadComments) throw new QuotaError('thread');
    if (statements.totalUsage.get().bytes + storedBytes(row) > maxTotalBytes) throw new QuotaError('total');
    const inserted = insertRow(thread, row);
    mailHooks?.created(inserted, row.notify);
    if (row.spamReason) statements.setSpamReason.run(row.spamReason, row.id);
    if (!row.secretHash) return inserted;
    statements.setSecret.run(row.secretHash, row.id);
    return statements.byId.get(row.id);
  }

  /**
   * Replaces a comment's body, keeping the quotas' byte counts right; null when not there.
   * `hold` (see CommentStore.update) only ever moves it further from readers.
   */
  const editTx = db.transaction((thread, id, body, hold) => {
    const row = statements.inThread.get(id, thread);
    if (!row || row.deleted) return null;
    const grows = Buffer.byteLength(body) - Buffer.byteLength(row.body);
    if (grows > 0 && statements.totalUsage.get().bytes + grows > maxTotalBytes) throw new QuotaError('total');
    statements.editBody.run(body, new Date().toISOString(), row.seq);
    statements.uncountThread.run(-grows, thread);
    statements.uncountTotal.run(-grows);
    const status = heldStatus(row.status, hold);
    if (status !== row.status) statements.hold.run(status, row.seq);
    const edited = statements.byId.get(id);
    // Held again by moderation: the owner hears of it as of a new held comment.
    if (status === 'pending' && row.status === 'published') mailHooks?.created(edited, false);
    return edited;
  });

  const rowBytes = (row) => storedBytes({ body: row.body, author: { name: row.author_name, email: row.author_email, url: row.author_url } });

  /** Deletes `row` and every reply under it (the caller knows none is published or pending). */
  function dropWithHidden(row) {
    for (const gone of withReplies([row], (r) => statements.family.all(r.thread, r.root_seq))) {
      const bytes = gone.deleted ? 0 : rowBytes(gone);
      statements.deleteRow.run(gone.seq);
      statements.uncountComment.run(bytes, gone.thread);
      statements.uncountTotal.run(bytes);
    }
  }

  /** From `parentId` up, removes each placeholder left with nothing published or pending under it. */
  function pruneAbove(thread, parentId) {
    while (parentId !== null) {
      const row = statements.inThread.get(parentId, thread);
      if (!row?.deleted || keepsPlaceholder(row, statements.family.all(thread, row.root_seq))) return;
      dropWithHidden(row);
      parentId = row.parent_id;
    }
  }

  /**
   * Removes a comment: with replies it stays as an empty placeholder, without it goes,
   * and so does every placeholder above it that is left with no replies.
   */
  const removeTx = db.transaction((thread, id) => {
    const row = statements.inThread.get(id, thread);
    if (!row || row.deleted) return null;
    if (keepsPlaceholder(row, statements.family.all(thread, row.root_seq))) {
      const bytes = rowBytes(row);
      statements.uncountTotal.run(bytes);
      statements.toPlaceholder.run(row.seq);
      statements.uncountThread.run(bytes, thread);
      return 'placeholder';
    }
    dropWithHidden(row);
    pruneAbove(thread, row.parent_id);
    return 'removed';
  });

  // IMMEDIATE takes the write lock up front, so reading MAX(seq) cannot race a writer
  // in another process.
  const createTx = db.transaction(createRow);
  // Inside batchTx, each createTx runs as a savepoint: a post that fails (a missing
  // parent, a full thread) is undone alone and the others commit.
  const batchTx = db.transaction((items) => {
    for (const item of items) {
      try {
        item.row = createTx(item.thread, item.fields);
      } catch (error) {
        item.error = error;
      }
    }
  });
  /** @type {{ thread: string, fields: object, row?: object, error?: unknown,
   *           resolve: (row: object) => void, reject: (error: unknown) => void }[]} */
  let queue = [];

  function flush() {
    const items = queue;
    queue = [];
    try {
      write(() => batchTx.immediate(items));
    } catch (error) {
      // The whole transaction failed (a lock held elsewhere): nothing was stored.
      for (const item of items) item.reject(error);
      return;
    }
    for (const item of items) {
      if (item.error) item.reject(item.error);
      else item.resolve(item.row);
    }
  }

  /** The row fields of a new comment. */
  const newFields = (input, status, ip = null) => ({
    id: randomUUID(),
    parentId: input.parentId,
    author: input.author,
    body: input.body,
    createdAt: new Date().toISOString(),
    status,
    ip,
    notify: input.notify === true,
  });

  /** @type {Map<string, import('./store.mjs').Page>} thread and cursor → page */
  const pages = new Map();
  let pagesVersion = -1;
  let pagesWrites = -1;
  let pagesChars = 0;
  let localWrites = 0;

  /** Runs a write; a lock held elsewhere becomes StoreBusyError instead of a wait. */
  function write(fn) {
    try {
      return fn();
    } catch (error) {
      if (error?.code === 'SQLITE_BUSY' || error?.code === 'SQLITE_BUSY_SNAPSHOT') throw new StoreBusyError();
      throw error;
    } finally {
      // Even a failed write may have changed something; the next read rebuilds.
      localWrites += 1;
    }
  }

  // One read transaction, so the page and the total describe the same moment.
  const readPage = db.transaction((thread, position, sort) => {
    const { rows, next } = pageRows(thread, position, sort);
    return { comments: rows.map(toRecord), next, total: statements.total.get(thread).n };
  });

  // One read transaction, so every count describes the same moment.
  const readCounts = db.transaction((threads) =>
    Object.fromEntries(threads.map((thread) => [thread, statements.total.get(thread).n])),
  );

  /** The page's rows, as store.mjs's CommentStore.list describes. */
  function pageRows(thread, { root: after, reply }, sort) {
    let room = maxPageComments;
    const rows = [];
    if (reply !== null) {
      const rest = statements.repliesAfter.all(thread, after, reply, room + 1);
      if (rest.length > room) {
        rest.length = room;
        return { rows: rest, next: encodeCursor(after, rest.at(-1).seq, sort) };
      }
      rows.push(...rest);
      room -= rest.length;
    }
    const limit = Math.min(pageSize, room);
    const newest = sort === 'newest';
    const roots = newest
      ? statements.rootsNewest.all(thread, after || Number.MAX_SAFE_INTEGER, limit + 1)
      : statements.roots.all(thread, after, limit + 1);
    const moreRoots = roots.length > limit;
    if (moreRoots) roots.length = limit;
    if (roots.length === 0) return { rows, next: moreRoots ? encodeCursor(after, null, sort) : null };
    const replies = newest
      ? statements.repliesNewest.all(thread, roots.at(-1).seq, roots[0].seq, room + 1)
      : statements.replies.all(thread, roots[0].seq, roots.at(-1).seq, room + 1);
    const page = assemblePage(roots, replies, room, moreRoots, sort);
    return { rows: rows.concat(page.rows), next: page.next };
  }

  return {
    /** The underlying connection, for tests and one-off maintenance. */
    db,

    /**
     * One page of a thread (see CommentStore.list in store.mjs).
     *
     * @param {string} thread
     * @param {{ cursor?: string | null, sort?: import('./store.mjs').SortOrder }} [options]
     * @returns {import('./store.mjs').Page}
     * @throws {import('./store.mjs').InvalidCursorError}
     */
    list(thread, { cursor = null, sort = 'oldest' } = {}) {
      const position = decodeCursor(cursor, sort);
      // data_version moves with other connections' commits, localWrites with ours.
      const version = statements.dataVersion.get();
      if (version !== pagesVersion || localWrites !== pagesWrites || pages.size >= PAGE_CACHE_ENTRIES
        || pagesChars > PAGE_CACHE_CHARS) {
        pages.clear();
        pagesChars = 0;
        pagesVersion = version;
        pagesWrites = localWrites;
      }
      const key = `${sort}\u0000${thread}\u0000${cursor ?? ''}`;
      let page = pages.get(key);
      if (!page) {
        page = readPage(thread, position, sort);
        pages.set(key, page);
        for (const c of page.comments) pagesChars += c.body.length + c.author.name.length + 64;
      }
      // Shared between requests: callers only read (and serialise) it.
      return page;
    },

    /**
     * Stores a validated comment and returns its record once it is durable.
     *
     * @param {string} thread
     * @param {import('./store.mjs').CleanComment} input
     * @param {{ status?: 'published' | 'pending' | 'spam', ip?: string | null }} [options]
     *   `ip`: the poster's address, kept for the moderation page (and its "block IP").
     *   `secretHash`: the hash of the secret that lets its author edit or delete it.
     *   `spamReason`: the spam check that caught or held it, for the moderation page.
     * @returns {import('./store.mjs').CommentRecord}
     * @throws {UnknownParentError | QuotaError | StoreBusyError}
     */
    create(thread, input, { status = 'published', ip = null, secretHash = null, spamReason = null } = {}) {
      const row = write(() => createTx.immediate(thread, { ...newFields(input, status, ip), secretHash, spamReason }));
      return toRecord(row);
    },

    /**
     * As `create`, committed together with the other posts of this event-loop turn (one
     * fsync for all); resolves once the shared commit is durable.
     *
     * @param {string} thread
     * @param {import('./store.mjs').CleanComment} input
     * @param {{ status?: 'published' | 'pending' | 'spam', ip?: string | null }} [options]
     * @returns {Promise<import('./store.mjs').CommentRecord>}
     */
    createBatched(thread, input, { status = 'published', ip = null, secretHash = null, spamReason = null } = {}) {
      return new Promise((resolve, reject) => {
        if (queue.length === 0) setImmediate(flush);
        queue.push({ thread, fields: { ...newFields(input, status, ip), secretHash, spamReason }, resolve: (row) => resolve(toRecord(row)), reject });
      });
    },

    /**
     * Publishes a pending comment (a published one stays as it is).
     *
     * @param {string} id
     * @returns {{ thread: string, comment: import('./store.mjs').CommentRecord } | null}
     *   null for an unknown id.
     */
    approve(id) {
      write(() => statements.approve.run(id));
      const row = statements.byId.get(id);
      return row ? { thread: row.thread, comment: toRecord(row) } : null;
    },

    /** @returns {{ thread: string, comment: import('./store.mjs').CommentRecord }[]} */
    pending() {
      return statements.pending.all().map((row) => ({ thread: row.thread, comment: toRecord(row) }));
    },

    /** Whether `thread` holds a comment with exactly `body` created at `since` (ISO) or later. */
    hasRecentBody(thread, body, since) {
      return statements.sameBody.get(thread, body, since) !== undefined;
    },

    /** @returns {{ kind: 'word' | 'ip' | 'email', value: string }[]} the stored blocklist. */
    blocklist() {
      return statements.blocklist.all();
    },

    /** Adds to the stored blocklist (the moderation page's "block"); a repeat is a no-op. */
    block(kind, value) {
      write(() => statements.block.run(kind, value));
    },

    /** @param {string} thread @returns {number} comments a reader of the thread can see. */
    count(thread) {
      return statements.total.get(thread).n;
    },

    /**
     * @param {string[]} threads
     * @returns {Record<string, number>} comments a reader can see in each, at one moment.
     */
    counts(threads) {
      return readCounts(threads);
    },

    /**
     * Imports seed comments, keeping their ids; ids already stored are skipped, so seeding
     * at every start is harmless. Replies may come before their parent in the file.
     * Quotas do not apply: the site owner chose these.
     *
     * @param {unknown} data Parsed JSON (shapes: see seedEntries in store.mjs).
     * @param {{ defaultThread?: string }} [options]
     * @returns {number} How many comments were added.
     */
    importSeed(data, { defaultThread } = {}) {
      const entries = seedEntries(data, defaultThread);
      localWrites += 1;
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

    /**
     * Imports records with their ids (see CommentStore.importComments in store.mjs), in
     * one transaction.
     *
     * @param {import('./store.mjs').ImportEntry[]} entries Parents before their replies.
     * @returns {import('./store.mjs').ImportResult}
     */
    importComments(entries) {
      return write(() => db.transaction(() => {
        /** @type {import('./store.mjs').ImportResult} */
        const result = { added: [], present: [], detached: [] };
        /** @type {Map<string, Map<string, string>>} thread → content key → id */
        const contents = new Map();
        const contentsOf = (thread) => {
          let index = contents.get(thread);
          if (!index) {
            index = new Map(statements.threadContents.all(thread)
              .map((row) => [contentKey(row.author_name, row.created_at, row.body), row.id]));
            contents.set(thread, index);
          }
          return index;
        };
        // Imported ids that matched a stored comment by content: their replies go under it.
        const alias = new Map();
        for (const { thread, record } of entries) {
          if (statements.byId.get(record.id)) {
            result.present.push(record.id);
            continue;
          }
          const index = contentsOf(thread);
          const key = contentKey(record.author.name, record.createdAt, record.body);
          if (index.has(key)) {
            alias.set(record.id, index.get(key));
            result.present.push(record.id);
            continue;
          }
          let parentId = record.parentId === null ? null : alias.get(record.parentId) ?? record.parentId;
          if (parentId !== null && !statements.parentInThread.get(parentId, thread)) {
            result.detached.push(record.id);
            parentId = null;
          }
          insertRow(thread, { ...record, parentId });
          // A restored export keeps when a comment was edited and which are placeholders.
          if (record.editedAt || record.deleted) statements.restoreExtras.run(record.editedAt ?? null, record.deleted ? 1 : 0, record.id);
          index.set(key, record.id);
          result.added.push(record.id);
        }
        return result;
      }).immediate());
    },

    /**
     * @param {{ afterSeq: number, limit: number, thread?: string | null }} options
     * @returns {import('./store.mjs').ExportRow[]} every field, in creation order.
     */
    exportRows({ afterSeq, limit, thread = null }) {
      const rows = thread === null
        ? statements.exportAll.all(afterSeq, limit)
        : statements.exportThread.all(thread, afterSeq, limit);
      return rows.map(toExportRow);
    },

    /**
     * Anonymises one commenter's comments (see CommentStore.eraseAuthor in store.mjs).
     *
     * @param {string} email
     * @returns {import('./store.mjs').EraseResult}
     */
    eraseAuthor(email) {
      return write(() => db.transaction(() => {
        const rows = statements.byEmail.all(email.trim());
        const threads = new Set();
        for (const row of rows) {
          const before = storedBytes({ body: row.body, author: { name: row.author_name, email: row.author_email, url: row.author_url } });
          const after = storedBytes({ body: row.body, author: { name: ERASED_NAME } });
          statements.erase.run({ seq: row.seq, name: ERASED_NAME });
          statements.uncountThread.run(before - after, row.thread);
          statements.uncountTotal.run(before - after);
          threads.add(row.thread);
        }
        // Their address goes from the reply subscriptions too.
        statements.eraseSubscriptions.run(email.trim());
        return { comments: rows.length, threads: threads.size };
      }).immediate());
    },

    // The moderation page's reads and writes, sessions and audit log (server/admin/).
    ...sqliteModeration(db, write, pruneAbove),

    /**
     * What deciding an author's edit or deletion needs: when the comment was created and
     * the hash of its secret (null for comments posted without one). Null for an unknown
     * id, a comment of another thread, or a removed one.
     *
     * @param {string} thread
     * @param {string} id
     * @returns {{ createdAt: string, secretHash: string | null, status: string } | null}
     */
    ownership(thread, id) {
      const row = statements.inThread.get(id, thread);
      if (!row || row.deleted) return null;
      const author = { name: row.author_name };
      if (row.author_email) author.email = row.author_email;
      if (row.author_url) author.url = row.author_url;
      return { createdAt: row.created_at, secretHash: row.secret_hash, status: row.status, author };
    },

    /**
     * Replaces a comment's body (validated by the caller) and notes when; see
     * CommentStore.update in store.mjs for `hold`.
     *
     * @param {string} thread
     * @param {string} id
     * @param {string} body
     * @param {{ hold?: 'pending' | 'spam' | null }} [options]
     * @returns {import('./store.mjs').CommentRecord | null} null when the comment is not there.
     * @throws {QuotaError | StoreBusyError}
     */
    update(thread, id, body, { hold = null } = {}) {
      const row = write(() => editTx.immediate(thread, id, body, hold));
      return row ? toRecord(row) : null;
    },

    /**
     * Removes a comment (see removeTx).
     *
     * @returns {'placeholder' | 'removed' | null} null when the comment is not there.
     * @throws {StoreBusyError}
     */
    remove(thread, id) {
      return write(() => removeTx.immediate(thread, id));
    },

    /** Closes the database (checkpointing the WAL). */
    close() {
      db.close();
    },
  };
}

/** Brings a database to SCHEMA_VERSION, one migration per transaction. */
function migrate(db) {
  const version = db.pragma('user_version', { simple: true });
  if (version > SCHEMA_VERSION) {
    throw new Error(`The database has schema version ${version}; this server knows up to ${SCHEMA_VERSION}. Upgrade parley-server.`);
  }
  for (let next = version; next < SCHEMA_VERSION; next += 1) {
    db.transaction(() => {
      db.exec(MIGRATIONS[next]);
      db.pragma(`user_version = ${next + 1}`);
    }).immediate();
  }
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

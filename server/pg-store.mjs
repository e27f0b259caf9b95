/**
 * Comment storage in PostgreSQL through node-postgres (`pg`): the store for a site that
 * outgrows one machine, where several server processes share one database. It
 * implements the interface described in store.mjs, with the same rows, cursors and
 * pages as the SQLite store.
 *
 * Durability: every connection runs with `synchronous_commit = on`, whatever the
 * cluster's default, so a create resolves only after its commit is flushed.
 *
 * Ordering: `seq` comes from a sequence, and sequences are handed out in call order,
 * not commit order. A post first locks its thread's counter row, which it holds until
 * commit, so within one thread seq order is commit order and a cursor never skips a
 * comment that committed late. The same lock makes the per-thread quota exact.
 *
 * Schema versions live in `parley_schema` and are migrated forward on open, under an
 * advisory lock so that instances starting together migrate once. Tables are prefixed
 * `parley_`, so the database can be shared with other applications.
 */
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { pgMailHooks } from './notify/pg-mail.mjs';
import { pgModeration } from './admin/pg-moderation.mjs';
import { keepsPlaceholder, withReplies } from './admin/moderation-rows.mjs';
import {
  DEFAULT_MAX_PAGE_COMMENTS,
  DEFAULT_MAX_THREAD_COMMENTS,
  DEFAULT_MAX_TOTAL_BYTES,
  DEFAULT_PAGE_SIZE,
  QuotaError,
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

/** Each entry brings a database from version `index` to `index + 1`. */
const MIGRATIONS = [
  `CREATE TABLE parley_comments (
    seq               BIGSERIAL PRIMARY KEY,
    id                TEXT   NOT NULL UNIQUE,
    thread            TEXT   NOT NULL,
    parent_id         TEXT,
    root_seq          BIGINT NOT NULL,
    author_name       TEXT   NOT NULL,
    author_email      TEXT,
    author_url        TEXT,
    author_avatar_url TEXT,
    body              TEXT   NOT NULL,
    created_at        TEXT   NOT NULL,
    status            TEXT   NOT NULL CHECK (status IN ('published', 'pending'))
  );
  CREATE INDEX parley_comments_by_root ON parley_comments (thread, root_seq, seq);
  CREATE INDEX parley_comments_roots ON parley_comments (thread, seq) WHERE parent_id IS NULL;
  CREATE INDEX parley_comments_pending ON parley_comments (status) WHERE status = 'pending';`,
  `CREATE TABLE parley_threads (
    thread   TEXT   PRIMARY KEY,
    comments BIGINT NOT NULL,
    bytes    BIGINT NOT NULL
  );
  INSERT INTO parley_threads (thread, comments, bytes)
    SELECT thread, COUNT(*), SUM(OCTET_LENGTH(body) + OCTET_LENGTH(author_name)
                                 + COALESCE(OCTET_LENGTH(author_email), 0)
                                 + COALESCE(OCTET_LENGTH(author_url), 0))
    FROM parley_comments GROUP BY thread;
  CREATE TABLE parley_totals (id INTEGER PRIMARY KEY CHECK (id = 1), bytes BIGINT NOT NULL);
  INSERT INTO parley_totals (id, bytes) SELECT 1, COALESCE(SUM(bytes), 0) FROM parley_threads;`,
  // 3: a third state, 'spam' (held, marked as caught by a spam check), and the blocklist
  // the moderation page will edit.
  `ALTER TABLE parley_comments DROP CONSTRAINT parley_comments_status_check;
  ALTER TABLE parley_comments ADD CONSTRAINT parley_comments_status_check
    CHECK (status IN ('published', 'pending', 'spam'));
  DROP INDEX parley_comments_pending;
  CREATE INDEX parley_comments_held ON parley_comments (status) WHERE status IN ('pending', 'spam');
  CREATE TABLE parley_blocklist (
    kind  TEXT NOT NULL CHECK (kind IN ('word', 'ip', 'email')),
    value TEXT NOT NULL,
    PRIMARY KEY (kind, value)
  );`,
  // 4: the moderation page (server/admin/): a fourth state, 'rejected' (hidden, out of the
  // queue, kept), the poster's IP (what "block IP" blocks), admin sign-in sessions (only
  // a hash of each cookie is stored) and the audit log.
  `ALTER TABLE parley_comments ADD COLUMN author_ip TEXT;
  ALTER TABLE parley_comments DROP CONSTRAINT parley_comments_status_check;
  ALTER TABLE parley_comments ADD CONSTRAINT parley_comments_status_check
    CHECK (status IN ('published', 'pending', 'spam', 'rejected'));
  CREATE TABLE parley_admin_sessions (
    id_hash    TEXT PRIMARY KEY,
    csrf       TEXT NOT NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
  );
  CREATE TABLE parley_audit_log (
    seq    BIGSERIAL PRIMARY KEY,
    at     TEXT NOT NULL,
    actor  TEXT NOT NULL,
    action TEXT NOT NULL,
    target TEXT,
    detail TEXT
  );`,
  // 5: editing and deleting one's own comment: a hash of the secret handed out once at
  // creation (never the secret), when the body was last edited, and removed comments
  // kept as placeholders while they have replies.
  `ALTER TABLE parley_comments ADD COLUMN secret_hash TEXT;
  ALTER TABLE parley_comments ADD COLUMN edited_at TEXT;
  ALTER TABLE parley_comments ADD COLUMN deleted BOOLEAN NOT NULL DEFAULT FALSE;`,
  // 6: e-mail notifications (server/notify/): the queue the worker sends from, reply
  // subscriptions, settings (the unsubscribe links' secret), and the trigger that queues
  // a reply's notification when it is published after being held, whoever publishes it.
  `CREATE TABLE parley_mail_queue (
    id              BIGSERIAL PRIMARY KEY,
    kind            TEXT    NOT NULL CHECK (kind IN ('owner', 'reply')),
    comment_id      TEXT    NOT NULL,
    created_at      TEXT    NOT NULL,
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at BIGINT  NOT NULL,
    sent_at         TEXT,
    failed_at       TEXT,
    last_error      TEXT
  );
  CREATE INDEX parley_mail_queue_due ON parley_mail_queue (next_attempt_at) WHERE sent_at IS NULL AND failed_at IS NULL;
  CREATE TABLE parley_subscriptions (
    comment_id      TEXT PRIMARY KEY,
    email           TEXT NOT NULL,
    created_at      TEXT NOT NULL,
    unsubscribed_at TEXT
  );
  CREATE TABLE parley_settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
  CREATE FUNCTION parley_mail_on_publish() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    IF EXISTS (SELECT 1 FROM parley_subscriptions WHERE comment_id = NEW.parent_id AND unsubscribed_at IS NULL) THEN
      INSERT INTO parley_mail_queue (kind, comment_id, created_at, next_attempt_at)
      VALUES ('reply', NEW.id, to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
              (extract(epoch FROM clock_timestamp()) * 1000)::bigint);
    END IF;
    RETURN NULL;
  END $$;
  CREATE TRIGGER parley_mail_on_publish AFTER UPDATE OF status ON parley_comments FOR EACH ROW
    WHEN (OLD.status <> 'published' AND NEW.status = 'published' AND NEW.parent_id IS NOT NULL)
    EXECUTE FUNCTION parley_mail_on_publish();`,
  // 7: as SQLite's 7: a 'confirm' kind of mail (double opt-in), each message's outcome
  // (for the per-subscription cap), confirmed addresses, and triggers that drop a deleted
  // comment's subscription and unsent mail, whichever path deletes it.
  `ALTER TABLE parley_mail_queue DROP CONSTRAINT parley_mail_queue_kind_check;
  ALTER TABLE parley_mail_queue ADD CONSTRAINT parley_mail_queue_kind_check CHECK (kind IN ('owner', 'reply', 'confirm'));
  ALTER TABLE parley_mail_queue ADD COLUMN outcome TEXT;
  UPDATE parley_mail_queue SET outcome = 'sent' WHERE sent_at IS NOT NULL;
  CREATE INDEX parley_mail_queue_comment ON parley_mail_queue (comment_id);
  CREATE TABLE parley_confirmed_emails (email TEXT PRIMARY KEY, confirmed_at TEXT NOT NULL);
  CREATE FUNCTION parley_mail_on_delete() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    DELETE FROM parley_subscriptions WHERE comment_id = OLD.id;
    DELETE FROM parley_mail_queue WHERE comment_id = OLD.id AND sent_at IS NULL AND failed_at IS NULL;
    RETURN NULL;
  END $$;
  CREATE TRIGGER parley_mail_on_delete AFTER DELETE ON parley_comments FOR EACH ROW
    EXECUTE FUNCTION parley_mail_on_delete();
  CREATE TRIGGER parley_mail_on_placeholder AFTER UPDATE OF deleted ON parley_comments FOR EACH ROW
    WHEN (NEW.deleted AND NOT OLD.deleted)
    EXECUTE FUNCTION parley_mail_on_delete();
  CREATE FUNCTION parley_forget_confirmed() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    IF NOT EXISTS (SELECT 1 FROM parley_subscriptions WHERE lower(email) = lower(OLD.email)) THEN
      DELETE FROM parley_confirmed_emails WHERE email = lower(OLD.email);
    END IF;
    RETURN NULL;
  END $$;
  CREATE TRIGGER parley_forget_confirmed AFTER DELETE ON parley_subscriptions FOR EACH ROW
    EXECUTE FUNCTION parley_forget_confirmed();`,
  // 8: as SQLite's 8: which spam check caught or held a comment.
  `ALTER TABLE parley_comments ADD COLUMN spam_reason TEXT;`,
];

/** The schema version this code writes. */
export const SCHEMA_VERSION = MIGRATIONS.length;

/** Any constant: the advisory lock key migrations hold. */
const MIGRATION_LOCK = 0x7061726c;

/** Runs one of SQL's statements, prepared once per connection under its name. */
const named = (client, name, values) => client.query({ name: `parley-${name}`, text: SQL[name], values });

const SQL = {
  roots: `SELECT * FROM parley_comments
          WHERE thread = $1 AND parent_id IS NULL AND seq > $2 AND status = 'published'
          ORDER BY seq LIMIT $3`,
  replies: `SELECT * FROM parley_comments
            WHERE thread = $1 AND root_seq BETWEEN $2 AND $3 AND parent_id IS NOT NULL AND status = 'published'
              AND root_seq IN (SELECT seq FROM parley_comments WHERE thread = $1 AND parent_id IS NULL
                                 AND status = 'published' AND seq BETWEEN $2 AND $3)
            ORDER BY root_seq, seq LIMIT $4`,
  // Newest first (`?sort=newest`): roots before $2, descending; replies stay in order.
  rootsNewest: `SELECT * FROM parley_comments
                WHERE thread = $1 AND parent_id IS NULL AND seq < $2 AND status = 'published'
                ORDER BY seq DESC LIMIT $3`,
  repliesNewest: `SELECT * FROM parley_comments
                  WHERE thread = $1 AND root_seq BETWEEN $2 AND $3 AND parent_id IS NOT NULL AND status = 'published'
                    AND root_seq IN (SELECT seq FROM parley_comments WHERE thread = $1 AND parent_id IS NULL
                                       AND status = 'published' AND seq BETWEEN $2 AND $3)
                  ORDER BY root_seq DESC, seq LIMIT $4`,
  repliesAfter: `SELECT * FROM parley_comments
                 WHERE thread = $1 AND root_seq = $2 AND seq > $3 AND parent_id IS NOT NULL
                   AND status = 'published'
                 ORDER BY seq LIMIT $4`,
  // What a reader can see: published comments not under a pending top-level comment.
  // Written with NOT IN over the (few) pending roots, a hashed subplan, rather than a
  // join: on a young table without statistics the planner chose a nested loop of
  // sequential scans for the join, 9 ms for a thread of 100.
  total: `SELECT COUNT(*) AS n FROM parley_comments
          WHERE thread = $1 AND status = 'published' AND NOT deleted AND root_seq NOT IN (
            SELECT seq FROM parley_comments WHERE thread = $1 AND parent_id IS NULL AND status <> 'published')`,
  // `total` for many threads in one statement, written the same way (no join); a thread
  // without comments has no row.
  counts: `SELECT thread, COUNT(*) AS n FROM parley_comments
           WHERE thread = ANY($1::text[]) AND status = 'published' AND NOT deleted AND root_seq NOT IN (
             SELECT seq FROM parley_comments WHERE thread = ANY($1::text[]) AND parent_id IS NULL AND status <> 'published')
           GROUP BY thread`,
  // A page that starts at a top-level comment, in one statement (one round trip, one
  // snapshot): up to $3 roots after $2 (one more, to know whether more follow), up to $4
  // replies under the first $3 of them, and the thread's total.
  page: `WITH roots AS (
           SELECT * FROM parley_comments
           WHERE thread = $1 AND parent_id IS NULL AND seq > $2 AND status = 'published'
           ORDER BY seq LIMIT $3 + 1),
         shown AS (SELECT seq FROM roots ORDER BY seq LIMIT $3),
         replies AS (
           SELECT * FROM parley_comments
           WHERE thread = $1 AND parent_id IS NOT NULL AND status = 'published'
             AND root_seq BETWEEN (SELECT MIN(seq) FROM shown) AND (SELECT MAX(seq) FROM shown)
             AND root_seq IN (SELECT seq FROM shown)
           ORDER BY root_seq, seq LIMIT $4)
         SELECT (SELECT COALESCE(json_agg(roots ORDER BY seq), '[]') FROM roots) AS roots,
                (SELECT COALESCE(json_agg(replies ORDER BY root_seq, seq), '[]') FROM replies) AS replies,
                (SELECT COUNT(*) FROM parley_comments
                 WHERE thread = $1 AND status = 'published' AND NOT deleted AND root_seq NOT IN (
                   SELECT seq FROM parley_comments WHERE thread = $1 AND parent_id IS NULL AND status <> 'published')) AS total`,
  // Takes the thread's row lock (held to commit) and reads its count in one statement.
  lockThread: `INSERT INTO parley_threads (thread, comments, bytes) VALUES ($1, 0, 0)
               ON CONFLICT (thread) DO UPDATE SET thread = EXCLUDED.thread
               RETURNING comments`,
  // No row when the parent is not in this thread: the caller turns that into a 400.
  insert: `WITH parent AS (SELECT root_seq FROM parley_comments WHERE id = $3 AND thread = $2),
                next AS (SELECT nextval(pg_get_serial_sequence('parley_comments', 'seq')) AS seq)
           INSERT INTO parley_comments (seq, id, thread, parent_id, root_seq, author_name, author_email,
                                        author_url, author_avatar_url, body, created_at, status, author_ip)
           SELECT next.seq, $1, $2, $3, COALESCE((SELECT root_seq FROM parent), next.seq),
                  $4, $5, $6, $7, $8, $9, $10, $11
           FROM next
           WHERE $3::text IS NULL OR EXISTS (SELECT 1 FROM parent)
           RETURNING *`,
  count: `WITH t AS (UPDATE parley_threads SET comments = comments + 1, bytes = bytes + $2 WHERE thread = $1)
          UPDATE parley_totals SET bytes = bytes + $2 WHERE id = 1 RETURNING bytes`,
  byId: 'SELECT * FROM parley_comments WHERE id = $1',
  approve: `UPDATE parley_comments SET status = 'published' WHERE id = $1 RETURNING *`,
  pending: `SELECT * FROM parley_comments WHERE status IN ('pending', 'spam') ORDER BY seq`,
  sameBody: `SELECT 1 FROM parley_comments WHERE thread = $1 AND body = $2 AND created_at >= $3 LIMIT 1`,
  blocklist: `SELECT kind, value FROM parley_blocklist ORDER BY kind, value`,
  block: `INSERT INTO parley_blocklist (kind, value) VALUES ($1, $2) ON CONFLICT DO NOTHING`,
  threadContents: 'SELECT id, author_name, created_at, body FROM parley_comments WHERE thread = $1',
  exportAll: 'SELECT * FROM parley_comments WHERE seq > $1 ORDER BY seq LIMIT $2',
  exportThread: 'SELECT * FROM parley_comments WHERE thread = $3 AND seq > $1 ORDER BY seq LIMIT $2',
  byEmail: `SELECT * FROM parley_comments WHERE author_email IS NOT NULL AND lower(author_email) = lower($1)
            ORDER BY seq FOR UPDATE`,
  erase: `UPDATE parley_comments SET author_name = $2, author_email = NULL, author_url = NULL,
            author_avatar_url = NULL, author_ip = NULL WHERE seq = $1`,
  uncount: `WITH t AS (UPDATE parley_threads SET bytes = bytes - $2 WHERE thread = $1)
            UPDATE parley_totals SET bytes = bytes - $2 WHERE id = 1`,
  setSecret: 'UPDATE parley_comments SET secret_hash = $2 WHERE seq = $1 RETURNING *',
  setSpamReason: 'UPDATE parley_comments SET spam_reason = $2 WHERE seq = $1',
  inThread: 'SELECT * FROM parley_comments WHERE id = $1 AND thread = $2',
  inThreadForUpdate: 'SELECT * FROM parley_comments WHERE id = $1 AND thread = $2 FOR UPDATE',
  editBody: 'UPDATE parley_comments SET body = $2, edited_at = $3 WHERE seq = $1 RETURNING *',
  // Replies share their root's root_seq: the (thread, root_seq, seq) index finds them.
  family: 'SELECT * FROM parley_comments WHERE thread = $1 AND root_seq = $2',
  hold: 'UPDATE parley_comments SET status = $2 WHERE seq = $1 RETURNING *',
  restoreExtras: 'UPDATE parley_comments SET edited_at = $2, deleted = $3 WHERE id = $1',
  toPlaceholder: `UPDATE parley_comments SET deleted = TRUE, body = '', author_name = '', author_email = NULL,
                    author_url = NULL, author_avatar_url = NULL, author_ip = NULL, secret_hash = NULL
                  WHERE seq = $1`,
  deleteRow: 'DELETE FROM parley_comments WHERE seq = $1',
  uncountComment: `WITH t AS (UPDATE parley_threads SET comments = comments - 1, bytes = bytes - $2 WHERE thread = $1)
                   UPDATE parley_totals SET bytes = bytes - $2 WHERE id = 1`,
  addBytes: `WITH t AS (UPDATE parley_threads SET bytes = bytes + $2 WHERE thread = $1)
             UPDATE parley_totals SET bytes = bytes + $2 WHERE id = 1 RETURNING bytes`,
};

/**
 * Connects, migrates the schema forward and returns the store.
 *
 * @param {string} connectionString e.g. `postgres://parley@127.0.0.1:5432/parley`
 * @param {{ pageSize?: number, maxPageComments?: number, maxThreadComments?: number,
 *           maxTotalBytes?: number, poolSize?: number,
 *           mail?: import('./notify/sqlite-mail.mjs').MailSettings | null }} [options]
 *   `mail`: which notification mails a post queues, in its own transaction (see
 *   server/notify/); null (the default) queues none.
 * @returns {Promise<import('./store.mjs').CommentStore & { pool: pg.Pool }>}
 */
export async function openPgStore(connectionString, {
  pageSize = DEFAULT_PAGE_SIZE,
  maxPageComments = DEFAULT_MAX_PAGE_COMMENTS,
  maxThreadComments = DEFAULT_MAX_THREAD_COMMENTS,
  maxTotalBytes = DEFAULT_MAX_TOTAL_BYTES,
  poolSize = 10,
  mail = null,
} = {}) {
  const pool = new pg.Pool({
    connectionString,
    max: poolSize,
    options: '-c synchronous_commit=on',
    // seq is a BIGINT: as a number (exact up to 2^53), not node-postgres's default string.
    types: { getTypeParser: (oid, format) => (oid === 20 ? Number : pg.types.getTypeParser(oid, format)) },
  });
  // An idle client whose connection drops emits 'error' on the pool; without a
  // listener that would end the process. The next query reconnects.
  pool.on('error', () => {});
  try {
    await migrate(pool);
  } catch (error) {
    await pool.end();
    throw error;
  }

  const mailHooks = mail ? pgMailHooks(mail) : null;

  /** Deletes `row` and every reply under it (the caller knows none is published or pending). */
  async function dropWithHidden(client, row) {
    const family = (await named(client, 'family', [row.thread, row.root_seq])).rows;
    for (const gone of withReplies([row], () => family)) {
      await named(client, 'deleteRow', [gone.seq]);
      await named(client, 'uncountComment', [gone.thread, gone.deleted ? 0 : storedBytes({ body: gone.body, author: { name: gone.author_name, email: gone.author_email, url: gone.author_url } })]);
    }
  }

  /** From `parentId` up, removes each placeholder left with nothing published or pending under it. */
  async function pruneAbove(client, thread, parentId) {
    while (parentId !== null) {
      const row = (await named(client, 'inThreadForUpdate', [parentId, thread])).rows[0];
      if (!row?.deleted || keepsPlaceholder(row, (await named(client, 'family', [thread, row.root_seq])).rows)) return;
      await dropWithHidden(client, row);
      parentId = row.parent_id;
    }
  }

  /** Runs fn(client) in a transaction; rolls back on any error. */
  async function transaction(fn, begin = 'BEGIN') {
    const client = await pool.connect();
    try {
      await client.query(begin);
      const result = await fn(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {});
      throw error;
    } finally {
      client.release();
    }
  }

  /** Inserts one row with its counters; inside a transaction holding the thread lock. */
  async function insertRow(client, thread, { id, parentId, author, body, createdAt, status, ip = null }) {
    const { rows } = await named(client, 'insert', [
      id, thread, parentId, author.name, author.email ?? null, author.url ?? null,
      author.avatarUrl ?? null, body, createdAt, status, ip,
    ]);
    if (rows.length === 0) throw new UnknownParentError(parentId);
    const counted = await named(client, 'count', [thread, storedBytes({ body, author })]);
    return { row: rows[0], totalBytes: counted.rows[0].bytes };
  }

  return {
    pool,

    async list(thread, { cursor = null, sort = 'oldest' } = {}) {
      const { root: after, reply } = decodeCursor(cursor, sort);
      const newest = sort === 'newest';
      if (reply === null && !newest) {
        const limit = Math.min(pageSize, maxPageComments);
        const { rows: [result] } = await named(pool, 'page', [thread, after, limit, maxPageComments + 1]);
        const roots = result.roots;
        const moreRoots = roots.length > limit;
        if (moreRoots) roots.length = limit;
        const page = roots.length === 0
          ? { rows: [], next: null }
          : assemblePage(roots, result.replies, maxPageComments, moreRoots);
        return { comments: page.rows.map(toRecord), next: page.next, total: Number(result.total) };
      }
      // Newest first, or inside a long run of replies (rare): the general path, in one
      // snapshot so the page and the total describe the same moment.
      return transaction(async (client) => {
        let room = maxPageComments;
        let rows = [];
        let next = null;
        let done = false;
        if (reply !== null) {
          const rest = (await client.query(SQL.repliesAfter, [thread, after, reply, room + 1])).rows;
          if (rest.length > room) {
            rest.length = room;
            rows = rest;
            next = encodeCursor(after, rest.at(-1).seq, sort);
            done = true;
          } else {
            rows = rest;
            room -= rest.length;
          }
        }
        if (!done) {
          const limit = Math.min(pageSize, room);
          const roots = newest
            ? (await client.query(SQL.rootsNewest, [thread, after || Number.MAX_SAFE_INTEGER, limit + 1])).rows
            : (await client.query(SQL.roots, [thread, after, limit + 1])).rows;
          const moreRoots = roots.length > limit;
          if (moreRoots) roots.length = limit;
          if (roots.length === 0) {
            next = moreRoots ? encodeCursor(after, null, sort) : null;
          } else {
            const replies = newest
              ? (await client.query(SQL.repliesNewest, [thread, roots.at(-1).seq, roots[0].seq, room + 1])).rows
              : (await client.query(SQL.replies, [thread, roots[0].seq, roots.at(-1).seq, room + 1])).rows;
            const page = assemblePage(roots, replies, room, moreRoots, sort);
            rows = rows.concat(page.rows);
            next = page.next;
          }
        }
        const total = Number((await client.query(SQL.total, [thread])).rows[0].n);
        return { comments: rows.map(toRecord), next, total };
      }, 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    },

    async create(thread, input, { status = 'published', ip = null, secretHash = null, spamReason = null } = {}) {
      const row = await transaction(async (client) => {
        const used = Number((await named(client, 'lockThread', [thread])).rows[0].comments);
        if (used >= maxThreadComments) throw new QuotaError('thread');
        const { row: inserted, totalBytes } = await insertRow(client, thread, {
          id: randomUUID(),
          parentId: input.parentId,
          author: input.author,
          body: input.body,
          createdAt: new Date().toISOString(),
          status,
          ip,
        });
        if (totalBytes > maxTotalBytes) throw new QuotaError('total');
        await mailHooks?.created(client, inserted, input.notify === true);
        if (spamReason) await named(client, 'setSpamReason', [inserted.seq, spamReason]);
        if (!secretHash) return inserted;
        return (await named(client, 'setSecret', [inserted.seq, secretHash])).rows[0];
      });
      return toRecord(row);
    },

    /** See CommentStore.ownership in store.mjs. */
    async ownership(thread, id) {
      const row = (await named(pool, 'inThread', [id, thread])).rows[0];
      if (!row || row.deleted) return null;
      const author = { name: row.author_name };
      if (row.author_email) author.email = row.author_email;
      if (row.author_url) author.url = row.author_url;
      return { createdAt: row.created_at, secretHash: row.secret_hash, status: row.status, author };
    },

    /** See CommentStore.update in store.mjs. */
    async update(thread, id, body, { hold = null } = {}) {
      const row = await transaction(async (client) => {
        // The thread's counter row first, as a post takes it: the byte counts stay exact.
        await named(client, 'lockThread', [thread]);
        const row = (await named(client, 'inThreadForUpdate', [id, thread])).rows[0];
        if (!row || row.deleted) return null;
        const grows = Buffer.byteLength(body) - Buffer.byteLength(row.body);
        const total = Number((await named(client, 'addBytes', [thread, grows])).rows[0].bytes);
        if (grows > 0 && total > maxTotalBytes) throw new QuotaError('total');
        const edited = (await named(client, 'editBody', [row.seq, body, new Date().toISOString()])).rows[0];
        const status = heldStatus(row.status, hold);
        if (status === row.status) return edited;
        const held = (await named(client, 'hold', [row.seq, status])).rows[0];
        // Held again by moderation: the owner hears of it as of a new held comment.
        if (status === 'pending' && row.status === 'published') await mailHooks?.created(client, held, false);
        return held;
      });
      return row ? toRecord(row) : null;
    },

    /** See CommentStore.remove in store.mjs. */
    async remove(thread, id) {
      return transaction(async (client) => {
        await named(client, 'lockThread', [thread]);
        const row = (await named(client, 'inThreadForUpdate', [id, thread])).rows[0];
        if (!row || row.deleted) return null;
        if (keepsPlaceholder(row, (await named(client, 'family', [thread, row.root_seq])).rows)) {
          const bytes = storedBytes({ body: row.body, author: { name: row.author_name, email: row.author_email, url: row.author_url } });
          await named(client, 'toPlaceholder', [row.seq]);
          await named(client, 'uncount', [thread, bytes]);
          return 'placeholder';
        }
        await dropWithHidden(client, row);
        await pruneAbove(client, thread, row.parent_id);
        return 'removed';
      });
    },

    async approve(id) {
      const { rows } = await pool.query(SQL.approve, [id]);
      return rows.length ? { thread: rows[0].thread, comment: toRecord(rows[0]) } : null;
    },

    async pending() {
      const { rows } = await pool.query(SQL.pending);
      return rows.map((row) => ({ thread: row.thread, comment: toRecord(row) }));
    },

    async hasRecentBody(thread, body, since) {
      return (await pool.query(SQL.sameBody, [thread, body, since])).rows.length > 0;
    },

    async blocklist() {
      return (await pool.query(SQL.blocklist)).rows;
    },

    async block(kind, value) {
      await pool.query(SQL.block, [kind, value]);
    },

    async count(thread) {
      return Number((await named(pool, 'total', [thread])).rows[0].n);
    },

    async counts(threads) {
      const { rows } = await pool.query(SQL.counts, [threads]);
      const found = new Map(rows.map((row) => [row.thread, Number(row.n)]));
      return Object.fromEntries(threads.map((thread) => [thread, found.get(thread) ?? 0]));
    },

    async importSeed(data, { defaultThread } = {}) {
      const entries = seedEntries(data, defaultThread);
      return transaction(async (client) => {
        let added = 0;
        const known = async (id, thread) =>
          (await client.query('SELECT 1 FROM parley_comments WHERE id = $1 AND thread = $2', [id, thread])).rowCount > 0;
        let pending = [];
        for (const entry of entries) {
          if ((await client.query(SQL.byId, [entry.record.id])).rowCount === 0) pending.push(entry);
        }
        // Parents first: repeat while a pass makes progress; what is left has no parent.
        while (pending.length > 0) {
          const waiting = [];
          for (const entry of pending) {
            const { parentId } = entry.record;
            if (parentId !== null && !(await known(parentId, entry.thread))) {
              waiting.push(entry);
              continue;
            }
            await client.query(SQL.lockThread, [entry.thread]);
            await insertRow(client, entry.thread, entry.record);
            added += 1;
          }
          if (waiting.length === pending.length) {
            const ids = waiting.map(({ record }) => record.id).join(', ');
            throw new Error(`Seed comments whose parent is not in their thread: ${ids}`);
          }
          pending = waiting;
        }
        return added;
      });
    },

    async importComments(entries) {
      return transaction(async (client) => {
        /** @type {import('./store.mjs').ImportResult} */
        const result = { added: [], present: [], detached: [] };
        const contents = new Map();
        const alias = new Map();
        for (const { thread, record } of entries) {
          if ((await named(client, 'byId', [record.id])).rowCount > 0) {
            result.present.push(record.id);
            continue;
          }
          let index = contents.get(thread);
          if (!index) {
            // The thread's counter row is locked first: imports and posts to it queue up.
            await named(client, 'lockThread', [thread]);
            const { rows } = await client.query(SQL.threadContents, [thread]);
            index = new Map(rows.map((row) => [contentKey(row.author_name, row.created_at, row.body), row.id]));
            contents.set(thread, index);
          }
          const key = contentKey(record.author.name, record.createdAt, record.body);
          if (index.has(key)) {
            alias.set(record.id, index.get(key));
            result.present.push(record.id);
            continue;
          }
          let parentId = record.parentId === null ? null : alias.get(record.parentId) ?? record.parentId;
          if (parentId !== null) {
            const parent = await client.query('SELECT 1 FROM parley_comments WHERE id = $1 AND thread = $2', [parentId, thread]);
            if (parent.rowCount === 0) {
              result.detached.push(record.id);
              parentId = null;
            }
          }
          await insertRow(client, thread, { ...record, parentId });
          // A restored export keeps when a comment was edited and which are placeholders.
          if (record.editedAt || record.deleted) await named(client, 'restoreExtras', [record.id, record.editedAt ?? null, record.deleted === true]);
          index.set(key, record.id);
          result.added.push(record.id);
        }
        return result;
      });
    },

    async exportRows({ afterSeq, limit, thread = null }) {
      const { rows } = thread === null
        ? await pool.query(SQL.exportAll, [afterSeq, limit])
        : await pool.query(SQL.exportThread, [afterSeq, limit, thread]);
      return rows.map(toExportRow);
    },

    async eraseAuthor(email) {
      return transaction(async (client) => {
        const { rows } = await client.query(SQL.byEmail, [email.trim()]);
        const threads = new Set();
        for (const row of rows) {
          const before = storedBytes({ body: row.body, author: { name: row.author_name, email: row.author_email, url: row.author_url } });
          const after = storedBytes({ body: row.body, author: { name: ERASED_NAME } });
          await client.query(SQL.erase, [row.seq, ERASED_NAME]);
          await client.query(SQL.uncount, [row.thread, before - after]);
          threads.add(row.thread);
        }
        // Their address goes from the reply subscriptions too.
        await client.query('DELETE FROM parley_subscriptions WHERE lower(email) = lower($1)', [email.trim()]);
        return { comments: rows.length, threads: threads.size };
      });
    },

    // The moderation page's reads and writes, sessions and audit log (server/admin/).
    ...pgModeration(pool, transaction, pruneAbove),

    async close() {
      await pool.end();
    },
  };
}

/** Brings the database to SCHEMA_VERSION, all in one transaction under a lock. */
async function migrate(pool) {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await client.query('CREATE TABLE IF NOT EXISTS parley_schema (version INTEGER NOT NULL)');
    const found = (await client.query('SELECT version FROM parley_schema')).rows[0];
    const version = found ? found.version : 0;
    if (!found) await client.query('INSERT INTO parley_schema (version) VALUES (0)');
    if (version > SCHEMA_VERSION) {
      throw new Error(`The database has schema version ${version}; this server knows up to ${SCHEMA_VERSION}. Upgrade parley-server.`);
    }
    for (let next = version; next < SCHEMA_VERSION; next += 1) await client.query(MIGRATIONS[next]);
    await client.query('UPDATE parley_schema SET version = $1', [SCHEMA_VERSION]);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

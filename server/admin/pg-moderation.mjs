/**
 * The moderation page's store methods on PostgreSQL (see ModerationStore in
 * moderation-rows.mjs), mixed into the store by pg-store.mjs.
 */
import { storedBytes } from '../store.mjs';
import { MAX_LISTED_THREADS, toAuditEntry, toModerationEntry, toSession, withReplies } from './moderation-rows.mjs';

const SQL = {
  // Placeholders of comments their authors deleted (schema 5) hold nothing to moderate.
  list: `SELECT * FROM parley_comments
         WHERE NOT deleted AND ($1::text IS NULL OR status = $1) AND ($2::text IS NULL OR thread = $2)
           AND ($3::bigint IS NULL OR seq < $3) AND ($5::text IS NULL OR id = $5)
         ORDER BY seq DESC LIMIT $4`,
  threads: 'SELECT thread FROM parley_threads WHERE comments > 0 ORDER BY thread LIMIT $1',
  setStatus: 'UPDATE parley_comments SET status = $2 WHERE id = ANY($1::text[]) RETURNING id',
  byIds: 'SELECT * FROM parley_comments WHERE id = ANY($1::text[]) ORDER BY seq FOR UPDATE',
  family: 'SELECT * FROM parley_comments WHERE thread = $1 AND root_seq = $2 FOR UPDATE',
  // Takes the thread's row lock first, as a post does: deletes and posts queue up.
  lockThread: 'SELECT 1 FROM parley_threads WHERE thread = $1 FOR UPDATE',
  remove: 'DELETE FROM parley_comments WHERE seq = ANY($1::bigint[])',
  uncount: `WITH t AS (UPDATE parley_threads SET comments = comments - $2, bytes = bytes - $3 WHERE thread = $1)
            UPDATE parley_totals SET bytes = bytes - $3 WHERE id = 1`,
  dropExpired: 'DELETE FROM parley_admin_sessions WHERE expires_at <= $1',
  dropOldest: `DELETE FROM parley_admin_sessions WHERE id_hash IN (
                 SELECT id_hash FROM parley_admin_sessions ORDER BY created_at
                 LIMIT GREATEST(0, (SELECT COUNT(*) FROM parley_admin_sessions) - $1 + 1))`,
  addSession: `INSERT INTO parley_admin_sessions (id_hash, csrf, created_at, expires_at) VALUES ($1, $2, $3, $4)`,
  findSession: 'SELECT * FROM parley_admin_sessions WHERE id_hash = $1 AND expires_at > $2',
  deleteSession: 'DELETE FROM parley_admin_sessions WHERE id_hash = $1',
  deleteAllSessions: 'DELETE FROM parley_admin_sessions',
  audit: 'INSERT INTO parley_audit_log (at, actor, action, target, detail) VALUES ($1, $2, $3, $4, $5)',
  auditLog: `SELECT * FROM parley_audit_log WHERE ($1::bigint IS NULL OR seq < $1)
             ORDER BY seq DESC LIMIT $2`,
};

/**
 * @param {import('pg').Pool} pool
 * @param {<T>(fn: (client: import('pg').PoolClient) => Promise<T>) => Promise<T>} transaction
 * @param {(client: import('pg').PoolClient, thread: string, parentId: string | null) => Promise<void>} [pruneAbove]
 *   The store's: removes the placeholders a deletion leaves without a published reply.
 * @returns {import('./moderation-rows.mjs').ModerationStore}
 */
export function pgModeration(pool, transaction, pruneAbove = async () => {}) {
  /** Locks the threads of `ids` in one order, as posting does, so writers never deadlock. */
  async function lockThreadsOf(client, ids) {
    const threads = (await client.query('SELECT DISTINCT thread FROM parley_comments WHERE id = ANY($1::text[]) ORDER BY thread', [ids])).rows;
    for (const { thread } of threads) await client.query(SQL.lockThread, [thread]);
  }

  return {
    async moderationList({ status = null, thread = null, id = null, beforeSeq = null, limit }) {
      const { rows } = await pool.query(SQL.list, [status, thread, beforeSeq, limit, id]);
      return rows.map(toModerationEntry);
    },
    async moderationThreads() {
      return (await pool.query(SQL.threads, [MAX_LISTED_THREADS])).rows.map((row) => row.thread);
    },
    async setStatus(ids, status) {
      if (status === 'published' || status === 'pending') {
        const { rows } = await pool.query(SQL.setStatus, [ids, status]);
        const found = new Set(rows.map((row) => row.id));
        return ids.filter((id) => found.has(id));
      }
      // A placeholder kept for a reply that is now rejected or spam holds nothing to read.
      return transaction(async (client) => {
        await lockThreadsOf(client, ids);
        const { rows } = await client.query(SQL.setStatus, [ids, status]);
        const found = new Set(rows.map((row) => row.id));
        for (const row of (await client.query(SQL.byIds, [[...found]])).rows) await pruneAbove(client, row.thread, row.parent_id);
        return ids.filter((id) => found.has(id));
      });
    },
    async deleteComments(ids) {
      return transaction(async (client) => {
        await lockThreadsOf(client, ids);
        const named = (await client.query(SQL.byIds, [ids])).rows;
        /** @type {Map<string, any[]>} */
        const families = new Map();
        for (const row of named) {
          const key = `${row.thread}\u0000${row.root_seq}`;
          if (!families.has(key)) families.set(key, (await client.query(SQL.family, [row.thread, row.root_seq])).rows);
        }
        const rows = withReplies(named, (row) => families.get(`${row.thread}\u0000${row.root_seq}`) ?? []);
        /** @type {Map<string, { comments: number, bytes: number }>} */
        const usage = new Map();
        for (const row of rows) {
          const used = usage.get(row.thread) ?? { comments: 0, bytes: 0 };
          used.comments += 1;
          used.bytes += storedBytes({ body: row.body, author: { name: row.author_name, email: row.author_email, url: row.author_url } });
          usage.set(row.thread, used);
        }
        await client.query(SQL.remove, [rows.map((row) => row.seq)]);
        for (const [thread, used] of usage) await client.query(SQL.uncount, [thread, used.comments, used.bytes]);
        // A deleted comment's placeholder kept only for these replies would be left bare.
        for (const row of rows) await pruneAbove(client, row.thread, row.parent_id);
        return rows.map((row) => row.id);
      });
    },
    async createSession(session, maxSessions) {
      await transaction(async (client) => {
        // One sign-in at a time: two would both count the same sessions.
        await client.query('LOCK TABLE parley_admin_sessions IN SHARE ROW EXCLUSIVE MODE');
        await client.query(SQL.dropExpired, [session.createdAt]);
        await client.query(SQL.dropOldest, [maxSessions]);
        await client.query(SQL.addSession, [session.idHash, session.csrf, session.createdAt, session.expiresAt]);
      });
    },
    async findSession(idHash, now) {
      const { rows } = await pool.query(SQL.findSession, [idHash, now]);
      return rows.length ? toSession(rows[0]) : null;
    },
    async deleteSession(idHash) {
      await pool.query(SQL.deleteSession, [idHash]);
    },
    async deleteAllSessions() {
      await pool.query(SQL.deleteAllSessions);
    },
    async audit({ at = new Date().toISOString(), actor, action, target = null, detail = null }) {
      await pool.query(SQL.audit, [at, actor, action, target, detail]);
    },
    async auditLog({ limit, beforeSeq = null }) {
      const { rows } = await pool.query(SQL.auditLog, [beforeSeq, limit]);
      return rows.map(toAuditEntry);
    },
  };
}

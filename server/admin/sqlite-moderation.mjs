/**
 * The moderation page's store methods on SQLite (see ModerationStore in
 * moderation-rows.mjs), mixed into the store by comment-store.mjs. Writes go through the
 * store's `write`, which turns a lock held elsewhere into StoreBusyError and tells the
 * page cache that this connection changed something.
 */
import { storedBytes } from '../store.mjs';
import { MAX_LISTED_THREADS, toAuditEntry, toModerationEntry, toSession, withReplies } from './moderation-rows.mjs';

/**
 * @param {import('better-sqlite3').Database} db
 * @param {<T>(fn: () => T) => T} write
 * @param {(thread: string, parentId: string | null) => void} [pruneAbove] The store's:
 *   removes the placeholders a deletion leaves without a published reply.
 * @returns {import('./moderation-rows.mjs').ModerationStore}
 */
export function sqliteModeration(db, write, pruneAbove = () => {}) {
  const q = {
    // Placeholders of comments their authors deleted (schema 5) hold nothing to moderate.
    list: db.prepare(`SELECT * FROM comments
      WHERE deleted = 0 AND (@status IS NULL OR status = @status) AND (@thread IS NULL OR thread = @thread)
        AND (@id IS NULL OR id = @id)
        AND (@before IS NULL OR seq < @before)
      ORDER BY seq DESC LIMIT @limit`),
    threads: db.prepare('SELECT thread FROM threads WHERE comments > 0 ORDER BY thread LIMIT ?').pluck(),
    byId: db.prepare('SELECT * FROM comments WHERE id = ?'),
    setStatus: db.prepare('UPDATE comments SET status = ? WHERE id = ?'),
    family: db.prepare('SELECT * FROM comments WHERE thread = ? AND root_seq = ?'),
    remove: db.prepare('DELETE FROM comments WHERE seq = ?'),
    uncountThread: db.prepare('UPDATE threads SET comments = comments - 1, bytes = bytes - ? WHERE thread = ?'),
    uncountTotal: db.prepare('UPDATE totals SET bytes = bytes - ? WHERE id = 1'),
    dropExpired: db.prepare('DELETE FROM admin_sessions WHERE expires_at <= ?'),
    sessionCount: db.prepare('SELECT COUNT(*) FROM admin_sessions').pluck(),
    dropOldest: db.prepare(`DELETE FROM admin_sessions WHERE id_hash IN
      (SELECT id_hash FROM admin_sessions ORDER BY created_at LIMIT ?)`),
    addSession: db.prepare(`INSERT INTO admin_sessions (id_hash, csrf, created_at, expires_at)
      VALUES (@idHash, @csrf, @createdAt, @expiresAt)`),
    findSession: db.prepare('SELECT * FROM admin_sessions WHERE id_hash = ? AND expires_at > ?'),
    deleteSession: db.prepare('DELETE FROM admin_sessions WHERE id_hash = ?'),
    deleteAllSessions: db.prepare('DELETE FROM admin_sessions'),
    audit: db.prepare(`INSERT INTO audit_log (at, actor, action, target, detail)
      VALUES (@at, @actor, @action, @target, @detail)`),
    auditLog: db.prepare(`SELECT * FROM audit_log WHERE (@before IS NULL OR seq < @before)
      ORDER BY seq DESC LIMIT @limit`),
  };

  const setStatusTx = db.transaction((ids, status) => {
    const found = [];
    for (const id of ids) if (q.setStatus.run(status, id).changes > 0) found.push(id);
    // A placeholder kept for a reply that is now rejected or spam holds nothing to read.
    if (status !== 'published' && status !== 'pending') {
      for (const id of found) {
        const row = q.byId.get(id);
        if (row) pruneAbove(row.thread, row.parent_id);
      }
    }
    return found;
  });

  const deleteTx = db.transaction((ids) => {
    const named = ids.map((id) => q.byId.get(id)).filter(Boolean);
    const rows = withReplies(named, (row) => q.family.all(row.thread, row.root_seq));
    for (const row of rows) {
      const bytes = storedBytes({ body: row.body, author: { name: row.author_name, email: row.author_email, url: row.author_url } });
      q.remove.run(row.seq);
      q.uncountThread.run(bytes, row.thread);
      q.uncountTotal.run(bytes);
    }
    // A deleted comment's placeholder kept only for these replies would be left bare.
    for (const row of rows) pruneAbove(row.thread, row.parent_id);
    return rows.map((row) => row.id);
  });

  const createSessionTx = db.transaction((session, maxSessions) => {
    q.dropExpired.run(session.createdAt);
    const over = q.sessionCount.get() - maxSessions + 1;
    if (over > 0) q.dropOldest.run(over);
    q.addSession.run(session);
  });

  return {
    moderationList({ status = null, thread = null, id = null, beforeSeq = null, limit }) {
      return q.list.all({ status, thread, id, before: beforeSeq, limit }).map(toModerationEntry);
    },
    moderationThreads() {
      return q.threads.all(MAX_LISTED_THREADS);
    },
    setStatus(ids, status) {
      return write(() => setStatusTx.immediate(ids, status));
    },
    deleteComments(ids) {
      return write(() => deleteTx.immediate(ids));
    },
    createSession(session, maxSessions) {
      write(() => createSessionTx.immediate(session, maxSessions));
    },
    findSession(idHash, now) {
      const row = q.findSession.get(idHash, now);
      return row ? toSession(row) : null;
    },
    deleteSession(idHash) {
      write(() => q.deleteSession.run(idHash));
    },
    deleteAllSessions() {
      write(() => q.deleteAllSessions.run());
    },
    audit({ at = new Date().toISOString(), actor, action, target = null, detail = null }) {
      write(() => q.audit.run({ at, actor, action, target, detail }));
    },
    auditLog({ limit, beforeSeq = null }) {
      return q.auditLog.all({ before: beforeSeq, limit }).map(toAuditEntry);
    },
  };
}

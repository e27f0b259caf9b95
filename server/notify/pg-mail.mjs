/**
 * The mail queue, subscriptions and the unsubscribe secret in PostgreSQL (tables of
 * schema version 5, made by pg-store.mjs's migrations): what sqlite-mail.mjs does, for
 * several server processes sharing one database (a message is leased with
 * `FOR UPDATE SKIP LOCKED`, so two workers never send it twice at once).
 */
import { randomBytes } from 'node:crypto';
import { CONFIRM_EVERY_MS } from './sqlite-mail.mjs';

/**
 * Called by the store inside its write transactions, on the transaction's client.
 *
 * @param {import('./sqlite-mail.mjs').MailSettings} settings
 */
export function pgMailHooks({ owner, replies }) {
  return {
    /** As sqliteMailHooks's `created`, on the transaction's client. */
    async created(client, row, wantsReplies) {
      const now = new Date().toISOString();
      if (wantsReplies && row.author_email) {
        await client.query(`INSERT INTO parley_subscriptions (comment_id, email, created_at) VALUES ($1, $2, $3)
                            ON CONFLICT (comment_id) DO NOTHING`, [row.id, row.author_email, row.created_at]);
        // As on SQLite: one confirmation mail per unconfirmed address a day.
        await client.query(`INSERT INTO parley_mail_queue (kind, comment_id, created_at, next_attempt_at)
          SELECT 'confirm', $1, $2, $3
          WHERE NOT EXISTS (SELECT 1 FROM parley_confirmed_emails WHERE email = lower($4))
            AND NOT EXISTS (SELECT 1 FROM parley_mail_queue q JOIN parley_subscriptions s ON s.comment_id = q.comment_id
                            WHERE q.kind = 'confirm' AND lower(s.email) = lower($4) AND q.created_at > $5)`,
        [row.id, now, Date.now(), row.author_email, new Date(Date.now() - CONFIRM_EVERY_MS).toISOString()]);
      }
      // Caught spam waits in the moderation queue: mailing it would deliver the spam.
      if (owner && (row.status === 'published' || row.status === 'pending')) {
        await client.query(`INSERT INTO parley_mail_queue (kind, comment_id, created_at, next_attempt_at)
                            VALUES ('owner', $1, $2, $3)`, [row.id, now, Date.now()]);
      }
      if (replies && row.parent_id !== null && row.status === 'published') {
        await client.query(`INSERT INTO parley_mail_queue (kind, comment_id, created_at, next_attempt_at)
          SELECT 'reply', $1, $2, $3 WHERE EXISTS (
            SELECT 1 FROM parley_subscriptions WHERE comment_id = $4 AND unsubscribed_at IS NULL)`,
        [row.id, now, Date.now(), row.parent_id]);
      }
    },
  };
}

/**
 * @param {import('pg').Pool} pool
 * @returns {import('./worker.mjs').MailQueue}
 */
export function pgMailQueue(pool) {
  const one = async (text, values) => (await pool.query(text, values)).rows[0] ?? null;
  return {
    async claim(now, leaseUntil, limit) {
      const { rows } = await pool.query(
        `UPDATE parley_mail_queue SET next_attempt_at = $2 WHERE id IN (
           SELECT id FROM parley_mail_queue WHERE sent_at IS NULL AND failed_at IS NULL AND next_attempt_at <= $1
           ORDER BY next_attempt_at, id LIMIT $3 FOR UPDATE SKIP LOCKED)
         RETURNING *`, [now, leaseUntil, limit]);
      return rows.sort((a, b) => Number(a.id) - Number(b.id));
    },
    async sent(id, outcome = 'sent') {
      await pool.query('UPDATE parley_mail_queue SET sent_at = $2, outcome = $3, attempts = attempts + 1 WHERE id = $1',
        [id, new Date().toISOString(), outcome]);
    },
    async retry(id, attempts, nextAt, error) {
      await pool.query('UPDATE parley_mail_queue SET attempts = $2, next_attempt_at = $3, last_error = $4 WHERE id = $1',
        [id, attempts, nextAt, error]);
    },
    async failed(id, attempts, error) {
      await pool.query('UPDATE parley_mail_queue SET attempts = $2, failed_at = $3, last_error = $4 WHERE id = $1',
        [id, attempts, new Date().toISOString(), error]);
    },
    comment: (id) => one('SELECT * FROM parley_comments WHERE id = $1', [id]),
    subscription: (commentId) => one('SELECT * FROM parley_subscriptions WHERE comment_id = $1', [commentId]),
    async unsubscribe(commentId) {
      const { rowCount } = await pool.query(
        'UPDATE parley_subscriptions SET unsubscribed_at = $2 WHERE comment_id = $1 AND unsubscribed_at IS NULL',
        [commentId, new Date().toISOString()]);
      return rowCount > 0;
    },
    confirmed: async (email) => Boolean(await one('SELECT 1 FROM parley_confirmed_emails WHERE email = lower($1)', [email])),
    async confirm(email) {
      await pool.query(`INSERT INTO parley_confirmed_emails (email, confirmed_at) VALUES (lower($1), $2)
                        ON CONFLICT (email) DO NOTHING`, [email, new Date().toISOString()]);
    },
    repliesSentSince: async (parentId, since) => Number((await one(
      `SELECT COUNT(*) AS n FROM parley_mail_queue q JOIN parley_comments c ON c.id = q.comment_id
       WHERE q.kind = 'reply' AND q.outcome = 'sent' AND q.sent_at > $1 AND c.parent_id = $2`, [since, parentId])).n),
    // By the parley_mail_queue_comment index, as on SQLite.
    replySent: async (commentId, exceptId) => Boolean(await one(
      `SELECT 1 FROM parley_mail_queue WHERE comment_id = $1 AND kind = 'reply' AND outcome = 'sent'
       AND id <> $2 LIMIT 1`, [commentId, exceptId])),
    async secret() {
      await pool.query('INSERT INTO parley_settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING',
        ['unsubscribe_secret', randomBytes(32).toString('base64url')]);
      return (await one('SELECT value FROM parley_settings WHERE key = $1', ['unsubscribe_secret'])).value;
    },
  };
}

/**
 * The mail queue, subscriptions and the unsubscribe secret in SQLite (tables of schema
 * version 5, made by comment-store.mjs's migrations).
 *
 * `sqliteMailHooks` is what the store calls inside its own write transactions, so a
 * comment and the mail about it are committed together or not at all: a crash between
 * the two cannot lose the mail, and a failed post queues nothing.
 * `sqliteMailQueue` is what the worker and the unsubscribe page use.
 */
import { randomBytes } from 'node:crypto';

/** How often an unconfirmed address may be sent a confirmation link. */
export const CONFIRM_EVERY_MS = 24 * 3600_000;

/**
 * @typedef {{ owner: boolean, replies: boolean }} MailSettings Which mails to queue: to
 *   the site's owner for each new comment, and to subscribers for each published reply.
 */

/**
 * @param {import('better-sqlite3').Database} db
 * @param {MailSettings} settings
 */
export function sqliteMailHooks(db, { owner, replies }) {
  const enqueue = db.prepare(`INSERT INTO mail_queue (kind, comment_id, created_at, next_attempt_at)
                              VALUES (?, ?, ?, ?)`);
  const enqueueReply = db.prepare(`INSERT INTO mail_queue (kind, comment_id, created_at, next_attempt_at)
    SELECT 'reply', ?, ?, ? WHERE EXISTS (SELECT 1 FROM subscriptions WHERE comment_id = ? AND unsubscribed_at IS NULL)`);
  const subscribe = db.prepare(`INSERT INTO subscriptions (comment_id, email, created_at) VALUES (?, ?, ?)
                                ON CONFLICT (comment_id) DO NOTHING`);
  // One confirmation mail per address a day, however many comments name it: an address
  // typed by someone else gets one mail it can ignore, not one per post.
  const enqueueConfirm = db.prepare(`INSERT INTO mail_queue (kind, comment_id, created_at, next_attempt_at)
    SELECT 'confirm', @id, @now, @at
    WHERE NOT EXISTS (SELECT 1 FROM confirmed_emails WHERE email = lower(@email))
      AND NOT EXISTS (SELECT 1 FROM mail_queue q JOIN subscriptions s ON s.comment_id = q.comment_id
                      WHERE q.kind = 'confirm' AND lower(s.email) = lower(@email) AND q.created_at > @since)`);
  return {
    /**
     * A comment row was inserted by a post; `wantsReplies` is its author's "notify me of
     * replies". (A held reply published later is queued by the schema's trigger, whoever
     * publishes it: the command line, the moderation page.)
     */
    created(row, wantsReplies) {
      const now = new Date().toISOString();
      if (wantsReplies && row.author_email) {
        subscribe.run(row.id, row.author_email, row.created_at);
        enqueueConfirm.run({ id: row.id, now, at: Date.now(), email: row.author_email, since: new Date(Date.now() - CONFIRM_EVERY_MS).toISOString() });
      }
      // Caught spam waits in the moderation queue: mailing it would deliver the spam.
      if (owner && (row.status === 'published' || row.status === 'pending')) enqueue.run('owner', row.id, now, Date.now());
      if (replies && row.parent_id !== null && row.status === 'published') enqueueReply.run(row.id, now, Date.now(), row.parent_id);
    },
  };
}

/**
 * @param {import('better-sqlite3').Database} db
 * @returns {import('./worker.mjs').MailQueue}
 */
export function sqliteMailQueue(db) {
  const s = {
    due: db.prepare(`SELECT id FROM mail_queue WHERE sent_at IS NULL AND failed_at IS NULL
                       AND next_attempt_at <= ? ORDER BY next_attempt_at, id LIMIT ?`).pluck(),
    lease: db.prepare('UPDATE mail_queue SET next_attempt_at = ? WHERE id = ? RETURNING *'),
    sent: db.prepare('UPDATE mail_queue SET sent_at = ?, outcome = ?, attempts = attempts + 1 WHERE id = ?'),
    retry: db.prepare('UPDATE mail_queue SET attempts = ?, next_attempt_at = ?, last_error = ? WHERE id = ?'),
    failed: db.prepare('UPDATE mail_queue SET attempts = ?, failed_at = ?, last_error = ? WHERE id = ?'),
    comment: db.prepare('SELECT * FROM comments WHERE id = ?'),
    subscription: db.prepare('SELECT * FROM subscriptions WHERE comment_id = ?'),
    unsubscribe: db.prepare(`UPDATE subscriptions SET unsubscribed_at = ?
                             WHERE comment_id = ? AND unsubscribed_at IS NULL`),
    setting: db.prepare('SELECT value FROM settings WHERE key = ?').pluck(),
    confirmed: db.prepare('SELECT 1 FROM confirmed_emails WHERE email = lower(?)').pluck(),
    confirm: db.prepare(`INSERT INTO confirmed_emails (email, confirmed_at) VALUES (lower(?), ?)
                         ON CONFLICT (email) DO NOTHING`),
    repliesSent: db.prepare(`SELECT COUNT(*) FROM mail_queue q JOIN comments c ON c.id = q.comment_id
                             WHERE q.kind = 'reply' AND q.outcome = 'sent' AND q.sent_at > ? AND c.parent_id = ?`).pluck(),
    // By the mail_queue_comment index: a reply's few rows, whatever the queue's size.
    replySent: db.prepare(`SELECT 1 FROM mail_queue WHERE comment_id = ? AND kind = 'reply' AND outcome = 'sent'
                           AND id <> ? LIMIT 1`).pluck(),
    setSetting: db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO NOTHING'),
  };
  // One transaction: a message is leased to one worker until the lease runs out.
  const claim = db.transaction((now, leaseUntil, limit) =>
    s.due.all(now, limit).map((id) => s.lease.get(leaseUntil, id)));
  return {
    claim: (now, leaseUntil, limit) => claim.immediate(now, leaseUntil, limit),
    sent: (id, outcome = 'sent') => void s.sent.run(new Date().toISOString(), outcome, id),
    retry: (id, attempts, nextAt, error) => void s.retry.run(attempts, nextAt, error, id),
    failed: (id, attempts, error) => void s.failed.run(attempts, new Date().toISOString(), error, id),
    comment: (id) => s.comment.get(id) ?? null,
    subscription: (commentId) => s.subscription.get(commentId) ?? null,
    unsubscribe: (commentId) => s.unsubscribe.run(new Date().toISOString(), commentId).changes > 0,
    confirmed: (email) => Boolean(s.confirmed.get(email)),
    confirm: (email) => void s.confirm.run(email, new Date().toISOString()),
    repliesSentSince: (parentId, since) => s.repliesSent.get(since, parentId),
    replySent: (commentId, exceptId) => Boolean(s.replySent.get(commentId, exceptId)),
    secret() {
      s.setSetting.run('unsubscribe_secret', randomBytes(32).toString('base64url'));
      return s.setting.get('unsubscribe_secret');
    },
  };
}

/**
 * E-mail notifications, put together: the queue of the store in use, the worker that
 * sends through nodemailer, and the unsubscribe page. Off unless an SMTP URL is given.
 *
 * The store queues mail in the transaction that stores the comment (it is opened with
 * `mail: mailSettings(...)`, see open-store.mjs); this module only reads the queue.
 */
import nodemailer from 'nodemailer';
import { ownerMessage, replyMessage } from './messages.mjs';
import { pgMailQueue } from './pg-mail.mjs';
import { sqliteMailQueue } from './sqlite-mail.mjs';
import { createUnsubscribeHandler } from './unsubscribe.mjs';
import { createMailWorker } from './worker.mjs';

/**
 * @typedef {object} NotifyOptions
 * @property {string} smtpUrl e.g. `smtp://user:pass@mail.example:587` or `smtps://…`
 * @property {string | null} [ownerEmail] Gets a mail for each new comment; null: none.
 * @property {string} publicUrl Where this server is reached from outside, for the links.
 * @property {string | null} [siteUrl] The blog, for permalinks of thread keys that are paths.
 * @property {string} [from] The sender; defaults to `Parley <parley@{host of publicUrl}>`.
 * @property {string} [basePath]
 * @property {(line: string) => void} [log]
 * @property {number} [pollMs]
 * @property {number} [baseDelayMs]
 * @property {number} [maxAttempts]
 * @property {object} [transport] nodemailer transport options besides the URL (tests).
 */

/** What the store queues, given the options: replies always, the owner when named. */
export function mailSettings({ ownerEmail = null } = {}) {
  return { owner: Boolean(ownerEmail), replies: true };
}

/**
 * Starts the worker; returns the unsubscribe page's handler and `stop`.
 *
 * @param {import('../store.mjs').CommentStore & { db?: any, pool?: any }} store
 * @param {NotifyOptions} options
 */
export function startNotifications(store, {
  smtpUrl,
  ownerEmail = null,
  publicUrl,
  siteUrl = null,
  from,
  basePath = '/api',
  log = (line) => console.error(line),
  pollMs,
  baseDelayMs,
  maxAttempts,
  transport: transportOptions = {},
}) {
  const queue = store.db ? sqliteMailQueue(store.db) : pgMailQueue(store.pool);
  let secretValue = null;
  const secret = async () => (secretValue ??= await queue.secret());
  const sender = from ?? `Parley <parley@${new URL(publicUrl).hostname}>`;
  const transport = nodemailer.createTransport({
    url: smtpUrl,
    // A mail server that hangs must not hold the queue for minutes.
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
    ...transportOptions,
  });

  async function compose(job) {
    const comment = await queue.comment(job.comment_id);
    if (!comment) return null;
    const parent = comment.parent_id === null ? null : await queue.comment(comment.parent_id);
    const links = { publicUrl, basePath, siteUrl, secret: await secret() };
    if (job.kind === 'owner') {
      if (!ownerEmail) return null;
      return { to: ownerEmail, ...ownerMessage(comment, parent, links) };
    }
    // A reply: only once published, to a subscriber still subscribed, and not to
    // someone answering themselves.
    if (!parent || comment.status !== 'published') return null;
    const subscription = await queue.subscription(parent.id);
    if (!subscription || subscription.unsubscribed_at) return null;
    if (comment.author_email && comment.author_email.toLowerCase() === subscription.email.toLowerCase()) return null;
    const { subject, text, unsubscribe } = replyMessage(comment, parent, links);
    return {
      to: subscription.email,
      subject,
      text,
      headers: {
        'List-Unsubscribe': `<${unsubscribe}>`,
        'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
      },
    };
  }

  const worker = createMailWorker({
    queue,
    compose,
    send: (mail) => transport.sendMail({
      from: sender,
      ...mail,
      headers: { 'Auto-Submitted': 'auto-generated', ...mail.headers },
    }),
    log,
    pollMs,
    baseDelayMs,
    maxAttempts,
  });
  worker.start();
  return {
    /** The unsubscribe page; true when it took the request. */
    handle: createUnsubscribeHandler({ queue, secret, basePath }),
    async stop() {
      await worker.stop();
      transport.close();
    },
  };
}

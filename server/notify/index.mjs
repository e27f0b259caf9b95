/**
 * E-mail notifications, put together: the queue of the store in use, the worker that
 * sends through nodemailer, and the unsubscribe page. Off unless an SMTP URL is given.
 *
 * The store queues mail in the transaction that stores the comment (it is opened with
 * `mail: mailSettings(...)`, see open-store.mjs); this module only reads the queue.
 */
import nodemailer from 'nodemailer';
import { confirmMessage, ownerMessage, replyMessage } from './messages.mjs';
import { pgMailQueue } from './pg-mail.mjs';
import { messageId } from './signing.mjs';
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
 * @property {number} [maxDelayMs]
 * @property {number} [giveUpMs]
 * @property {number} [repliesPerHour] Reply mails one subscription gets in an hour at most;
 *   replies beyond that are not mailed (the subscriber reads them on the page).
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
  maxDelayMs,
  giveUpMs,
  repliesPerHour = 3,
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
    // Deleted by its author or the moderation page: nothing about it goes out.
    if (!comment || comment.deleted) return null;
    const links = { publicUrl, basePath, siteUrl, secret: await secret() };
    if (job.kind === 'confirm') {
      const subscription = await queue.subscription(comment.id);
      if (!subscription || subscription.unsubscribed_at || await queue.confirmed(subscription.email)) return null;
      return { to: { address: subscription.email }, ...confirmMessage(comment, subscription.email, links) };
    }
    const parent = comment.parent_id === null ? null : await queue.comment(comment.parent_id);
    if (job.kind === 'owner') {
      if (!ownerEmail) return null;
      return { to: { address: ownerEmail }, ...ownerMessage(comment, parent, links) };
    }
    // A reply: only once published, to a subscriber still subscribed whose address was
    // confirmed (double opt-in), and not to someone answering themselves (same address,
    // or posted from the subscribed comment's own IP: an address someone else typed must
    // not become a way to mail its owner the poster's text).
    if (!parent || parent.deleted || comment.status !== 'published') return null;
    // Published again (edited, held, approved): the schema's trigger queued it once more,
    // but the subscriber already has it. A reply has one parent and a parent one
    // subscription, so the same comment means the same recipient.
    if (await queue.replySent(comment.id, job.id)) return null;
    const subscription = await queue.subscription(parent.id);
    if (!subscription || subscription.unsubscribed_at) return null;
    if (!(await queue.confirmed(subscription.email))) return null;
    if (comment.author_email && comment.author_email.toLowerCase() === subscription.email.toLowerCase()) return null;
    if (comment.author_ip && comment.author_ip === parent.author_ip) return null;
    // A busy thread (or someone replying over and over) mails a subscriber a few times
    // an hour at most; the replies beyond are skipped, and are on the page.
    const hourAgo = new Date(Date.now() - 3600_000).toISOString();
    if (await queue.repliesSentSince(parent.id, hourAgo) >= repliesPerHour) return null;
    const { subject, text, unsubscribe } = replyMessage(comment, parent, links);
    return {
      to: { address: subscription.email },
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
    send: async (mail, job) => transport.sendMail({
      from: sender,
      ...mail,
      // The same on every attempt: a copy sent twice is recognisably the same mail.
      messageId: messageId(await secret(), job.id, new URL(publicUrl).hostname),
      headers: { 'Auto-Submitted': 'auto-generated', ...mail.headers },
    }),
    log,
    pollMs,
    baseDelayMs,
    maxDelayMs,
    giveUpMs,
  });
  worker.start();
  return {
    /** The unsubscribe and confirmation pages; true when one took the request. */
    handle: createUnsubscribeHandler({ queue, secret, basePath }),
    async stop() {
      await worker.stop();
      transport.close();
    },
  };
}

/**
 * Sends what the mail queue holds, outside any request: a post never waits for SMTP.
 * A message that fails is tried again after 1, 2, 4, 8… times `baseDelayMs`, the wait
 * capped at `maxDelayMs` (an hour), until `giveUpMs` (48 hours) after it was queued; a
 * permanent refusal (a 5xx answer to it) ends it at once. When it gives up, one line is
 * logged for the message (a retry logs nothing, or a mail server down for a day would
 * fill the log). The queue is a database table, so what is not yet sent survives a
 * restart; a message is leased while it is being sent, so another server process on the
 * same database leaves it alone and a process killed mid-send lets it go again when the
 * lease runs out. Marking a message sent is retried on its own: a database hiccup after
 * the mail went must not send it again. (A crash in between still can; the mail's fixed
 * Message-ID, see index.mjs, makes the copy recognisable.)
 *
 * @typedef {{ id: number, kind: 'owner' | 'reply' | 'confirm', comment_id: string, attempts: number, created_at: string }} QueuedMail
 * @typedef {object} MailQueue What sqlite-mail.mjs and pg-mail.mjs give.
 * @property {(now: number, leaseUntil: number, limit: number) => QueuedMail[] | Promise<QueuedMail[]>} claim
 *   The messages due at `now`, leased until `leaseUntil`.
 * @property {(id: number, outcome?: 'sent' | 'skipped') => void | Promise<void>} sent Done:
 *   sent, or nothing to send.
 * @property {(id: number, attempts: number, nextAt: number, error: string) => void | Promise<void>} retry
 * @property {(id: number, attempts: number, error: string) => void | Promise<void>} failed Given up.
 * @property {(id: string) => any} comment A comment's row, e-mail included, or null.
 * @property {(commentId: string) => any} subscription The subscription to a comment's replies, or null.
 * @property {(commentId: string) => boolean | Promise<boolean>} unsubscribe
 * @property {(email: string) => boolean | Promise<boolean>} confirmed Whether the address was confirmed.
 * @property {(email: string) => void | Promise<void>} confirm
 * @property {(parentId: string, sinceIso: string) => number | Promise<number>} repliesSentSince
 *   Reply mails sent to the subscription of `parentId` since then.
 * @property {(commentId: string, exceptId: number) => boolean | Promise<boolean>} replySent
 *   Whether a reply mail about `commentId`, other than queued message `exceptId`, was sent.
 * @property {() => string | Promise<string>} secret The unsubscribe secret, made on first use.
 *
 * @typedef {{ to: { address: string }, subject: string, text: string, headers?: Record<string, string> }} Mail
 */
import { escapeControl } from '../terminal.mjs';

/** An SMTP answer that will not change by trying again (5xx), except a login refused:
 *  that is the owner's configuration, and mail waits for it to be fixed. */
export function isPermanent(error) {
  const code = Number(error?.responseCode);
  return code >= 500 && code < 600 && error?.code !== 'EAUTH';
}

/**
 * @param {object} options
 * @param {MailQueue} options.queue
 * @param {(job: QueuedMail) => Promise<Mail | null>} options.compose The mail for a queued
 *   message, or null when there is nothing to send (unsubscribed, comment gone).
 * @param {(mail: Mail, job: QueuedMail) => Promise<unknown>} options.send
 * @param {(line: string) => void} [options.log]
 * @param {number} [options.pollMs] How often the queue is read.
 * @param {number} [options.baseDelayMs] Wait before the first retry.
 * @param {number} [options.maxDelayMs] The longest wait between two tries.
 * @param {number} [options.giveUpMs] How long after it was queued a message is given up.
 * @param {number} [options.leaseMs] How long a message being sent is reserved.
 * @param {number} [options.markTries] Tries to mark a sent message sent.
 */
export function createMailWorker({
  queue,
  compose,
  send,
  log = (line) => console.error(line),
  pollMs = 2000,
  baseDelayMs = 30_000,
  maxDelayMs = 3600_000,
  giveUpMs = 48 * 3600_000,
  leaseMs = 10 * 60_000,
  markTries = 6,
}) {
  let timer = null;
  let running = null;
  let stopped = false;

  /** Marks a message done, trying again on failure (never sending again). */
  async function markDone(job, outcome) {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await queue.sent(job.id, outcome);
      } catch (error) {
        if (attempt >= markTries) {
          log(`Mail ${job.id} was ${outcome} but could not be marked so (${escapeControl(error?.message ?? error)}); ` +
            'it may be sent again when its lease runs out, with the same Message-ID');
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, Math.min(50 * 2 ** attempt, 5000)));
      }
    }
  }

  async function deliver(job) {
    let mail = null;
    try {
      mail = await compose(job);
      if (mail) await send(mail, job);
    } catch (error) {
      const attempts = Number(job.attempts) + 1;
      const reason = escapeControl(String(error?.response ?? error?.message ?? error).slice(0, 500));
      const queuedAt = Date.parse(job.created_at);
      const nextAt = Date.now() + Math.min(baseDelayMs * 2 ** (attempts - 1), maxDelayMs);
      if (isPermanent(error) || !(nextAt - queuedAt < giveUpMs)) {
        await queue.failed(job.id, attempts, reason);
        const to = mail ? ` to ${escapeControl(mail.to?.address ?? mail.to)}` : '';
        log(`Mail ${job.id} (${job.kind} notification of comment ${escapeControl(job.comment_id)}${to}) not sent after ${attempts} ` +
          `attempt${attempts === 1 ? '' : 's'}${isPermanent(error) ? ' (refused for good)' : ''}: ${reason}`);
      } else {
        await queue.retry(job.id, attempts, nextAt, reason);
      }
      return;
    }
    await markDone(job, mail ? 'sent' : 'skipped');
  }

  async function tick() {
    try {
      // One at a time: a stop leaves nothing leased and unsent behind.
      while (!stopped) {
        const now = Date.now();
        const [job] = await queue.claim(now, now + leaseMs, 1);
        if (!job) return;
        await deliver(job);
      }
    } catch (error) {
      // The database busy or gone for a moment: the next poll tries again.
      if (error?.code !== 'SQLITE_BUSY') log(`Mail queue: ${escapeControl(error?.message ?? error)}`);
    }
  }

  function schedule() {
    if (stopped) return;
    timer = setTimeout(() => {
      running = tick().finally(() => {
        running = null;
        schedule();
      });
    }, pollMs);
    timer.unref?.();
  }

  return {
    start() {
      stopped = false;
      running = tick().finally(() => {
        running = null;
        schedule();
      });
    },
    /** Stops polling; resolves once a message being sent is done. */
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}

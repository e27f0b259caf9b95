/**
 * Sends what the mail queue holds, outside any request: a post never waits for SMTP.
 * A message that fails is tried again after 1, 2, 4, 8… times `baseDelayMs`, up to
 * `maxAttempts` tries; when it gives up, one line is logged for the message (a retry
 * logs nothing, or a mail server that is down for an hour would fill the log). The queue
 * is a database table, so what is not yet sent survives a restart; a message is leased
 * while it is being sent, so another server process on the same database leaves it alone
 * and a process killed mid-send lets it go again when the lease runs out.
 *
 * @typedef {{ id: number, kind: 'owner' | 'reply', comment_id: string, attempts: number }} QueuedMail
 * @typedef {object} MailQueue What sqlite-mail.mjs and pg-mail.mjs give.
 * @property {(now: number, leaseUntil: number, limit: number) => QueuedMail[] | Promise<QueuedMail[]>} claim
 *   The messages due at `now`, leased until `leaseUntil`.
 * @property {(id: number) => void | Promise<void>} sent Done (sent, or nothing to send).
 * @property {(id: number, attempts: number, nextAt: number, error: string) => void | Promise<void>} retry
 * @property {(id: number, attempts: number, error: string) => void | Promise<void>} failed Given up.
 * @property {(id: string) => any} comment A comment's row, e-mail included, or null.
 * @property {(commentId: string) => any} subscription The subscription to a comment's replies, or null.
 * @property {(commentId: string) => boolean | Promise<boolean>} unsubscribe
 * @property {() => string | Promise<string>} secret The unsubscribe secret, made on first use.
 *
 * @typedef {{ to: string, subject: string, text: string, headers?: Record<string, string> }} Mail
 */

/**
 * @param {object} options
 * @param {MailQueue} options.queue
 * @param {(job: QueuedMail) => Promise<Mail | null>} options.compose The mail for a queued
 *   message, or null when there is nothing to send (unsubscribed, comment gone).
 * @param {(mail: Mail) => Promise<unknown>} options.send
 * @param {(line: string) => void} [options.log]
 * @param {number} [options.pollMs] How often the queue is read.
 * @param {number} [options.baseDelayMs] Wait before the first retry.
 * @param {number} [options.maxAttempts] Tries before giving up.
 * @param {number} [options.leaseMs] How long a message being sent is reserved.
 */
export function createMailWorker({
  queue,
  compose,
  send,
  log = (line) => console.error(line),
  pollMs = 2000,
  baseDelayMs = 30_000,
  maxAttempts = 8,
  leaseMs = 10 * 60_000,
}) {
  let timer = null;
  let running = null;
  let stopped = false;

  async function deliver(job) {
    let mail = null;
    try {
      mail = await compose(job);
      if (mail) await send(mail);
      await queue.sent(job.id);
    } catch (error) {
      const attempts = Number(job.attempts) + 1;
      const reason = String(error?.response ?? error?.message ?? error).slice(0, 500);
      if (attempts >= maxAttempts) {
        await queue.failed(job.id, attempts, reason);
        log(`Mail ${job.id} (${job.kind} notification of comment ${job.comment_id}${mail ? ` to ${mail.to}` : ''}) not sent after ${attempts} attempts: ${reason}`);
      } else {
        await queue.retry(job.id, attempts, Date.now() + baseDelayMs * 2 ** (attempts - 1), reason);
      }
    }
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
      if (error?.code !== 'SQLITE_BUSY') log(`Mail queue: ${error?.message ?? error}`);
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

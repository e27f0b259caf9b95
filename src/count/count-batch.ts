/**
 * Comment counts for many threads, asked for together: every request made before the
 * scheduled flush joins one batch, and each adapter in the batch gets one `count` call
 * with the distinct threads asked of it. An adapter without `count`, or a server that
 * does not know the call (HTTP 404, 405 or 501), is asked `list` once per thread instead,
 * and the page's `total` is read.
 *
 * No DOM here: the element chooses when a batch is flushed.
 */
import type { CommentAdapter, CommentPage } from '../adapters/types.js';

/** Hands a count, or undefined when the thread could not be counted, to whoever asked. */
type Waiter = (n: number | undefined) => void;

/** A number a count may be: a whole number, zero or more. */
const isCount = (n: unknown): n is number => Number.isInteger(n) && (n as number) >= 0;

/** Asks for a thread's count: a number, or undefined when it could not be had (a warning says why). */
export type CountOf = (adapter: CommentAdapter, thread: string) => Promise<number | undefined>;

/**
 * Collects count requests and sends them, per adapter, in one call at each flush.
 *
 * @param schedule Calls `flush` later: once the requests of one parse have all arrived.
 */
export function countBatcher(schedule: (flush: () => void) => void): CountOf {
  let queue = new Map<CommentAdapter, Map<string, Waiter[]>>();
  const flush = () => {
    const batch = queue;
    queue = new Map();
    for (const [adapter, threads] of batch) void send(adapter, threads);
  };
  return (adapter, thread) => {
    if (!queue.size) schedule(flush);
    let threads = queue.get(adapter);
    if (!threads) queue.set(adapter, (threads = new Map()));
    let waiters = threads.get(thread);
    if (!waiters) threads.set(thread, (waiters = []));
    return new Promise((resolve) => waiters.push(resolve));
  };
}

/** Asks one adapter for its threads' counts and answers every waiter; never rejects. */
async function send(adapter: CommentAdapter, waiting: Map<string, Waiter[]>): Promise<void> {
  const threads = [...waiting.keys()];
  const counts = new Map<string, number>();
  let error: unknown;
  const keep = (thread: string, n: unknown) => isCount(n) && counts.set(thread, n);
  let listEach = typeof adapter.count !== 'function';
  if (!listEach) {
    try {
      const answer: unknown = await adapter.count!(threads);
      // Only own properties of the threads asked for: an answer is untrusted data.
      if (typeof answer === 'object' && answer) for (const t of threads) if (Object.hasOwn(answer, t)) keep(t, (answer as Record<string, unknown>)[t]);
    } catch (e) {
      error = e;
      // A server of the REST contract from before counts existed: list instead.
      listEach = [404, 405, 501].includes((e as { status?: unknown } | null)?.status as number);
    }
  }
  if (listEach) {
    await Promise.all(
      threads.map((t) =>
        Promise.resolve()
          .then(() => adapter.list(t))
          .then((page) => keep(t, listed(page)), (e: unknown) => void (error = e)),
      ),
    );
  }
  const missing = threads.filter((t) => !counts.has(t));
  if (missing.length) console.warn('[parley] no comment count for', missing, ...(error ? [error] : []));
  for (const [thread, waiters] of waiting) for (const resolve of waiters) resolve(counts.get(thread));
}

/**
 * A thread's count from its first page: the backend's `total`; without one, the comments
 * on the page when it is the only page, less the placeholders of removed comments. A
 * first page of several with no total says too little: no count rather than one too small.
 */
function listed(page: CommentPage | undefined): number | undefined {
  if (isCount(page?.total)) return page.total;
  const comments: unknown = page?.comments;
  return Array.isArray(comments) && !page!.next ? comments.filter((c) => c?.deleted !== true).length : undefined;
}

/**
 * A fixed-window request counter per key (the client's IP address). Memory stays
 * bounded: expired windows are dropped whenever the table grows large. It keeps no timer,
 * so it never holds a process open.
 */

const SWEEP_AT = 10_000;

/**
 * @param {{ windowMs: number, max: number, now?: () => number }} options
 *   `max` requests per `windowMs` milliseconds; `now` is injectable for tests.
 */
export function createRateLimiter({ windowMs, max, now = Date.now }) {
  if (!(windowMs > 0) || !(max > 0)) throw new RangeError('rateLimit needs windowMs > 0 and max > 0');
  /** @type {Map<string, { count: number, resetAt: number }>} */
  const windows = new Map();

  return {
    /**
     * Counts one request for `key`.
     *
     * @param {string} key
     * @returns {{ allowed: true } | { allowed: false, retryAfterSeconds: number }}
     */
    take(key) {
      const time = now();
      let entry = windows.get(key);
      if (!entry || entry.resetAt <= time) {
        if (windows.size >= SWEEP_AT) {
          for (const [k, e] of windows) if (e.resetAt <= time) windows.delete(k);
        }
        entry = { count: 0, resetAt: time + windowMs };
        windows.set(key, entry);
      }
      entry.count += 1;
      if (entry.count <= max) return { allowed: true };
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((entry.resetAt - time) / 1000)) };
    },
  };
}

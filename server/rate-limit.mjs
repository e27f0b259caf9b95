/**
 * A fixed-window request counter per client. Windows are aligned to multiples of
 * `windowMs`, so one Map holds the current window and is dropped whole when the next
 * begins: no sweep, no scan, constant cost per request however many clients there are.
 * The table is capped too: past `maxKeys` clients in one window, the one seen longest
 * ago is forgotten, found through a ring of keys (constant cost; evicting through the
 * Map's own iteration order would walk over every deleted entry). It keeps no timer,
 * so it never holds a process open.
 */
import { isIP } from 'node:net';

/** Clients tracked per window before the oldest is forgotten. */
export const DEFAULT_MAX_KEYS = 100_000;

/**
 * @param {{ windowMs: number, max: number, maxKeys?: number, now?: () => number }} options
 *   `max` requests per `windowMs` milliseconds; `now` is injectable for tests.
 */
export function createRateLimiter({ windowMs, max, maxKeys = DEFAULT_MAX_KEYS, now = Date.now }) {
  if (!(windowMs > 0) || !(max > 0)) throw new RangeError('rateLimit needs windowMs > 0 and max > 0');
  /** @type {Map<string, number>} key → requests in the current window */
  let counts = new Map();
  /** Keys in the order they entered this window; `next` is the slot to reuse. */
  let ring = [];
  let next = 0;
  let windowIndex = -1;

  return {
    /**
     * Counts one request for `key`.
     *
     * @param {string} key
     * @returns {{ allowed: true } | { allowed: false, retryAfterSeconds: number }}
     */
    take(key) {
      const time = now();
      const index = Math.floor(time / windowMs);
      if (index !== windowIndex) {
        windowIndex = index;
        counts = new Map();
        ring = [];
        next = 0;
      }
      const count = (counts.get(key) ?? 0) + 1;
      if (count === 1) {
        if (ring.length < maxKeys) {
          ring.push(key);
        } else {
          counts.delete(ring[next]);
          ring[next] = key;
          next = (next + 1) % maxKeys;
        }
      }
      counts.set(key, count);
      if (count <= max) return { allowed: true };
      const resetAt = (index + 1) * windowMs;
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((resetAt - time) / 1000)) };
    },
    /** Clients tracked in the current window (for tests and monitoring). */
    get size() {
      return counts.size;
    },
  };
}

/**
 * The key a client is counted under: an IPv4 address as it is, an IPv6 address by its
 * /64 — one subscriber usually holds a whole /64, so counting single addresses would
 * give them 2^64 budgets. An IPv4-mapped IPv6 address counts as its IPv4 address.
 *
 * @param {string} address
 */
export function clientKey(address) {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return mapped[1];
  if (isIP(address) !== 6) return address;
  const zoneless = address.split('%')[0].toLowerCase();
  const [head, tail = ''] = zoneless.split('::');
  const left = head ? head.split(':') : [];
  const right = zoneless.includes('::') && tail ? tail.split(':') : [];
  // An embedded IPv4 tail (::ffff:… handled above) only matters past the first 64 bits.
  const missing = 8 - left.length - right.length;
  const groups = zoneless.includes('::') ? [...left, ...Array(Math.max(0, missing)).fill('0'), ...right] : left;
  return groups.slice(0, 4).map((g) => g.replace(/^0+(?=.)/, '')).join(':') + '::/64';
}

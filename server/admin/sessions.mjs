/**
 * Sign-in sessions of the moderation page: a random cookie value of 256 bits, of which
 * the store keeps only a hash (a copy of the database signs nobody in), a CSRF token per
 * session, and a fixed expiry.
 *
 * The hash is an HMAC keyed with a fingerprint of the admin token, so each stored session
 * carries the token it was signed in with: once the token changes (rotated after a leak),
 * no cookie hashes to a stored session any more and everyone is signed out, without a
 * column to compare or a step to forget.
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** The session cookie's name. */
export const COOKIE_NAME = 'parley_admin';
/** How long a sign-in lasts unless told otherwise. */
export const DEFAULT_SESSION_TTL_MS = 12 * 3_600_000;
/** Live sessions kept; a sign-in past this ends the oldest. */
export const MAX_SESSIONS = 50;
/** The header every state-changing call made with the cookie must carry. */
export const CSRF_HEADER = 'x-parley-csrf';

/** @param {string} text @returns {string} hex SHA-256 */
export function sha256(text) {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** Whether two strings are equal, in time independent of where they differ. */
export function sameSecret(a, b) {
  if (typeof a !== 'string' || typeof b !== 'string') return false;
  return timingSafeEqual(createHash('sha256').update(a).digest(), createHash('sha256').update(b).digest());
}

/**
 * The key session hashes are made with: a fingerprint of the admin token (never the token
 * itself), different for every token.
 *
 * @param {string} adminToken
 * @returns {Buffer}
 */
export function tokenFingerprint(adminToken) {
  return createHash('sha256').update('parley admin sessions\0', 'utf8').update(adminToken, 'utf8').digest();
}

/**
 * What the store keeps of a session's cookie value: its HMAC under the token's fingerprint.
 *
 * @param {string} id the cookie value
 * @param {Buffer} key tokenFingerprint(adminToken)
 * @returns {string} hex
 */
export function sessionHash(id, key) {
  return createHmac('sha256', key).update(id, 'utf8').digest('hex');
}

/**
 * @param {{ store: import('./moderation-rows.mjs').ModerationStore, tokenKey: Buffer,
 *   ttlMs?: number, now?: () => number }} options `tokenKey` is tokenFingerprint(adminToken).
 */
export function createSessions({ store, tokenKey, ttlMs = DEFAULT_SESSION_TTL_MS, now = Date.now }) {
  return {
    ttlMs,
    /** Starts a session; resolves with the cookie value (never stored) and its CSRF token. */
    async start() {
      const id = randomBytes(32).toString('base64url');
      const csrf = randomBytes(32).toString('base64url');
      const created = now();
      const session = {
        idHash: sessionHash(id, tokenKey),
        csrf,
        createdAt: new Date(created).toISOString(),
        expiresAt: new Date(created + ttlMs).toISOString(),
      };
      await store.createSession(session, MAX_SESSIONS);
      return { id, session };
    },
    /** The live session a cookie value names, or null. */
    async find(id) {
      if (typeof id !== 'string' || id.length < 20 || id.length > 100) return null;
      return store.findSession(sessionHash(id, tokenKey), new Date(now()).toISOString());
    },
    /** Ends a session (sign-out). */
    async end(id) {
      if (typeof id === 'string') await store.deleteSession(sessionHash(id, tokenKey));
    },
    /** Ends every session, this one too (sign out everywhere). */
    async endAll() {
      await store.deleteAllSessions();
    },
  };
}

/**
 * The value of one cookie in a Cookie header, or null. Read in one pass, without a
 * pattern: the header is whatever a client sends.
 */
export function readCookie(header, name) {
  if (typeof header !== 'string') return null;
  for (const part of header.split(';')) {
    const at = part.indexOf('=');
    if (at === -1) continue;
    if (part.slice(0, at).trim() === name) return part.slice(at + 1).trim();
  }
  return null;
}

/**
 * The Set-Cookie header of a session: HttpOnly (no script reads it), SameSite=Strict (no
 * other site's page sends it), scoped to the moderation page's path, with an expiry, and
 * Secure unless the owner said the page is reached over plain HTTP (`--public-url
 * http://…`). Not from the request: behind a proxy that keeps `Host: 127.0.0.1`, HTTPS
 * cannot be told from HTTP. Chromium and Firefox keep Secure cookies from
 * http://127.0.0.1 and http://localhost; WebKit (Safari) does not.
 *
 * @param {string} value '' to clear it
 * @param {{ path: string, maxAgeSeconds: number, secure?: boolean }} options
 */
export function sessionCookie(value, { path, maxAgeSeconds, secure = true }) {
  const parts = [`${COOKIE_NAME}=${value}`, `Path=${path}`, `Max-Age=${maxAgeSeconds}`, 'HttpOnly', 'SameSite=Strict'];
  if (maxAgeSeconds > 0) parts.push(`Expires=${new Date(Date.now() + maxAgeSeconds * 1000).toUTCString()}`);
  if (secure) parts.push('Secure');
  return parts.join('; ');
}

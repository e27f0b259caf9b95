/**
 * Sign-in sessions of the moderation page: a random cookie value of 256 bits, of which
 * the store keeps only a SHA-256 hash (a copy of the database signs nobody in), a CSRF
 * token per session, and a fixed expiry.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

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
 * @param {{ store: import('./moderation-rows.mjs').ModerationStore, ttlMs?: number,
 *   now?: () => number }} options
 */
export function createSessions({ store, ttlMs = DEFAULT_SESSION_TTL_MS, now = Date.now }) {
  return {
    ttlMs,
    /** Starts a session; resolves with the cookie value (never stored) and its CSRF token. */
    async start() {
      const id = randomBytes(32).toString('base64url');
      const csrf = randomBytes(32).toString('base64url');
      const created = now();
      const session = {
        idHash: sha256(id),
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
      return store.findSession(sha256(id), new Date(now()).toISOString());
    },
    /** Ends a session (sign-out). */
    async end(id) {
      if (typeof id === 'string') await store.deleteSession(sha256(id));
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
 * other site's page sends it), scoped to the moderation page's path, with an expiry;
 * Secure except on a loopback address, where a browser is reached over plain HTTP.
 *
 * @param {string} value '' to clear it
 * @param {{ path: string, maxAgeSeconds: number, secure: boolean }} options
 */
export function sessionCookie(value, { path, maxAgeSeconds, secure }) {
  const parts = [`${COOKIE_NAME}=${value}`, `Path=${path}`, `Max-Age=${maxAgeSeconds}`, 'HttpOnly', 'SameSite=Strict'];
  if (maxAgeSeconds > 0) parts.push(`Expires=${new Date(Date.now() + maxAgeSeconds * 1000).toUTCString()}`);
  if (secure) parts.push('Secure');
  return parts.join('; ');
}

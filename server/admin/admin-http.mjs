/**
 * The moderation page and its JSON API, as one request handler mounted beside the
 * comment API (server/main.mjs tries it first).
 *
 * Under `path` (default `/admin`):
 * - `GET  /admin/` the page (server/admin/public/parley-admin.js, built from src/admin/)
 * - `POST /admin/session` `{ "token": "…" }` → 200 `{ signedIn, csrf, expiresAt }` and the
 *   session cookie; `GET` → the same for a live session (`{ signedIn: false }` without);
 *   `DELETE` → 204, signed out
 * - `DELETE /admin/sessions` → 204, every session ended (sign out everywhere)
 * - `GET  /admin/api/comments[?status=…&thread=…&id=…&before=SEQ&limit=N]` → `{ comments, next }`
 * - `GET  /admin/api/threads` → `{ threads }`
 * - `POST /admin/api/actions` `{ "action": "approve"|"reject"|"spam"|"delete", "ids": [...] }`
 * - `GET|POST /admin/api/blocklist` (`{ "kind": "ip"|"email"|"word", "value": "…" }`)
 * - `GET  /admin/api/audit[?before=SEQ&limit=N]` → `{ entries, next }`
 *
 * Every `/admin/api/` call takes the session cookie or `Authorization: Bearer <token>`.
 * With the cookie, every state-changing call must come from this site (Origin,
 * Sec-Fetch-Site) and carry the session's CSRF token in `X-Parley-CSRF`. Wrong tokens,
 * in the form or as a bearer header, are throttled per client and in all (the latter
 * never refuses the right token: see checkToken).
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { clientKey, createRateLimiter } from '../rate-limit.mjs';
import { StoreBusyError } from '../store.mjs';
import { escapeControl } from '../terminal.mjs';
import { MAX_ACTION_IDS, MODERATION_STATUSES } from './moderation-rows.mjs';
import { clientAddress, fromThisSite, readJson, sendError, sendJson } from './http-util.mjs';
import { COOKIE_NAME, CSRF_HEADER, createSessions, readCookie, sameSecret, sessionCookie, tokenFingerprint } from './sessions.mjs';

/** The built page script; `npm run build` (and the server's prepack) writes it. */
export const BUNDLE_PATH = fileURLToPath(new URL('./public/parley-admin.js', import.meta.url));
/** The widget's policy, without the Trusted Types exception for anything but Lit. */
export const ADMIN_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; object-src 'none'; " +
  "base-uri 'none'; require-trusted-types-for 'script'; trusted-types lit-html; " +
  "frame-ancestors 'none'; form-action 'self'";
/** Wrong admin tokens allowed per client, and from everyone together, per minute. */
const FAILURES_PER_CLIENT = 5;
const FAILURES_IN_ALL = 30;
/** Comments per list page, and the most one request may ask for. */
const DEFAULT_LIMIT = 50;
const MAX_LIMIT = 200;
const MAX_BODY_BYTES = 16_384;
const ACTIONS = { approve: 'published', reject: 'rejected', spam: 'spam', delete: null };
const BLOCK_KINDS = ['ip', 'email', 'word'];

/**
 * @param {{ store: import('../store.mjs').CommentStore & import('./moderation-rows.mjs').ModerationStore,
 *   adminToken?: string | null, path?: string, trustProxy?: boolean, sessionTtlMs?: number,
 *   secureCookie?: boolean,
 *   bundlePath?: string, log?: (line: string) => void, onError?: (error: unknown) => void }} options
 * @returns {(req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => boolean}
 *   true when it took the request.
 */
export function createAdmin({
  store,
  adminToken = null,
  path = '/admin',
  trustProxy = false,
  sessionTtlMs,
  // false only when the owner says the page is served over plain HTTP (--public-url http://…).
  secureCookie = true,
  bundlePath = BUNDLE_PATH,
  log = (line) => console.error(line),
  onError = (error) => console.error(error),
}) {
  const base = path.replace(/\/+$/, '');
  const tokenDigest = adminToken ? digest(adminToken) : null;
  // Sessions are bound to this token: a new one signs everyone out (sessions.mjs).
  const sessions = createSessions({ store, tokenKey: tokenFingerprint(adminToken ?? ''), ttlMs: sessionTtlMs });
  const perClient = createRateLimiter({ windowMs: 60_000, max: FAILURES_PER_CLIENT });
  const inAll = createRateLimiter({ windowMs: 60_000, max: FAILURES_IN_ALL });
  let lockedUntil = 0;
  /** @type {Map<string, number>} client key → until when it may not try again */
  const clientLocks = new Map();
  const note = (line) => log(escapeControl(line));
  /** @type {Promise<Buffer> | null} */
  let bundle = null;

  /**
   * Checks a token someone offers. Resolves true when right; otherwise answers 401 or
   * 429 (once guessing passes a limit) and resolves false.
   *
   * Two limits, of different kinds. A client past its own limit is refused before the
   * token is compared: that client learns nothing more this minute. The limit on
   * everyone together must not lock the owner out (anyone could trip it by sending 30
   * wrong tokens), so it never refuses the right token: the token is compared (in
   * constant time, cheaply) and only wrong ones are refused, without being counted,
   * audited or logged again — each client still spends its own budget on them, so
   * guesses stay bounded per client.
   */
  async function checkToken(req, res, token, via) {
    const now = Date.now();
    const address = clientAddress(req, trustProxy);
    const key = clientKey(address);
    const clientUntil = clientLocks.get(key) ?? 0;
    if (now < clientUntil) return throttled(res, clientUntil - now);
    if (typeof token === 'string' && token.length > 0 && token.length <= 1000 && timingSafeEqual(digest(token), tokenDigest)) return true;
    const mine = perClient.take(key);
    if (!mine.allowed) {
      // Bounded: past this many locked clients, the oldest locks are forgotten.
      if (clientLocks.size >= 10_000) clientLocks.clear();
      clientLocks.set(key, now + mine.retryAfterSeconds * 1000);
      note(`Admin token refused for ${address} (${via}); it waits ${mine.retryAfterSeconds} s`);
      return throttled(res, mine.retryAfterSeconds * 1000);
    }
    if (now < lockedUntil) return throttled(res, lockedUntil - now);
    note(`Admin token refused for ${address} (${via})`);
    const all = inAll.take('all');
    if (!all.allowed) {
      // Spread over many addresses, wrong tokens are refused from everyone for the rest
      // of the minute (the right one still passes).
      lockedUntil = now + all.retryAfterSeconds * 1000;
      note(`Admin token: ${FAILURES_IN_ALL} wrong in a minute; wrong ones are refused for ${all.retryAfterSeconds} s`);
      return throttled(res, all.retryAfterSeconds * 1000);
    }
    await store.audit({ actor: via, action: 'sign-in-failed', detail: `from ${address}` });
    if (via === 'token') res.setHeader('WWW-Authenticate', 'Bearer');
    sendError(res, 401, 'That is not the admin token.', 'wrong-token');
    return false;
  }

  /**
   * Who makes this call: `token` (bearer header) or `session:<hash prefix>`; null after
   * answering why not.
   */
  async function authenticate(req, res, writes) {
    if (!tokenDigest) {
      sendError(res, 401, 'The moderation page is off: no admin token is configured (PARLEY_ADMIN_TOKEN).', 'disabled');
      return null;
    }
    const authorization = req.headers.authorization;
    if (authorization !== undefined) {
      const match = /^Bearer +(\S+)\s*$/i.exec(authorization);
      return (await checkToken(req, res, match?.[1], 'token')) ? 'token' : null;
    }
    const id = readCookie(req.headers.cookie, COOKIE_NAME);
    const session = await sessions.find(id);
    if (!session) {
      sendError(res, 401, 'Sign in with the admin token first.', 'signed-out');
      return null;
    }
    if (writes && !fromThisSite(req)) {
      sendError(res, 403, 'Moderation calls are accepted from the moderation page only.', 'cross-site');
      return null;
    }
    if (writes && !sameSecret(req.headers[CSRF_HEADER], session.csrf)) {
      sendError(res, 403, `The ${CSRF_HEADER} header is missing or wrong: reload the page.`, 'csrf');
      return null;
    }
    return actorOf(session);
  }

  async function route(req, res, rest, query) {
    if (rest === '') {
      // The query goes along: an owner's mail links /admin/?comment=ID.
      const url = req.url ?? '';
      const queryAt = url.indexOf('?');
      res.statusCode = 308;
      res.setHeader('Location', `${base}/${queryAt === -1 ? '' : url.slice(queryAt)}`);
      return res.end();
    }
    if (rest === '/') return get(req, res, () => sendPage(res));
    if (rest === '/parley-admin.js') return get(req, res, () => sendBundle(res));
    if (rest === '/icon.svg') return get(req, res, () => sendAsset(res, 'image/svg+xml', ICON));
    if (rest === '/session') return sessionRoute(req, res);
    if (rest === '/sessions') {
      if (req.method !== 'DELETE') return notAllowed(res, 'DELETE');
      return signOutEverywhere(req, res);
    }
    if (rest === '/api/comments') return get(req, res, () => listComments(req, res, query));
    if (rest === '/api/threads') {
      return get(req, res, async () => {
        if (await authenticate(req, res, false)) sendJson(res, 200, { threads: await store.moderationThreads() });
      });
    }
    if (rest === '/api/actions') {
      if (req.method !== 'POST') return notAllowed(res, 'POST');
      return act(req, res);
    }
    if (rest === '/api/blocklist') {
      if (req.method === 'GET') {
        if (await authenticate(req, res, false)) sendJson(res, 200, { entries: await store.blocklist() });
        return;
      }
      if (req.method !== 'POST') return notAllowed(res, 'GET, POST');
      return block(req, res);
    }
    if (rest === '/api/audit') return get(req, res, () => listAudit(req, res, query));
    sendError(res, 404, `No such moderation route: ${req.method} ${base}${rest}`);
  }

  async function sessionRoute(req, res) {
    if (req.method === 'GET') {
      // 200 either way: a page opened while signed out is not an error.
      const session = await sessions.find(readCookie(req.headers.cookie, COOKIE_NAME));
      if (!session) return sendJson(res, 200, { signedIn: false });
      return sendJson(res, 200, { signedIn: true, csrf: session.csrf, expiresAt: session.expiresAt });
    }
    if (req.method === 'DELETE') {
      const actor = await authenticate(req, res, true);
      if (!actor) return;
      await sessions.end(readCookie(req.headers.cookie, COOKIE_NAME));
      await store.audit({ actor, action: 'sign-out' });
      res.setHeader('Set-Cookie', sessionCookie('', { path: base, maxAgeSeconds: 0, secure: secureCookie }));
      res.statusCode = 204;
      return res.end();
    }
    if (req.method !== 'POST') return notAllowed(res, 'GET, POST, DELETE');
    if (!tokenDigest) return sendError(res, 401, 'The moderation page is off: no admin token is configured (PARLEY_ADMIN_TOKEN).', 'disabled');
    // A sign-in from another site's page would sign the owner into its session (login CSRF).
    if (!fromThisSite(req)) return sendError(res, 403, 'Sign in from the moderation page itself.', 'cross-site');
    const input = await readJson(req, res, MAX_BODY_BYTES);
    if (!input) return;
    if (!(await checkToken(req, res, input.token, 'form'))) return;
    const { id, session } = await sessions.start();
    const actor = actorOf(session);
    await store.audit({ actor, action: 'sign-in', detail: `from ${clientAddress(req, trustProxy)}` });
    res.setHeader('Set-Cookie', sessionCookie(id, {
      path: base,
      maxAgeSeconds: Math.floor(sessions.ttlMs / 1000),
      secure: secureCookie,
    }));
    sendJson(res, 200, { signedIn: true, csrf: session.csrf, expiresAt: session.expiresAt });
  }

  /** Ends every session (after a token leaked, or a device was lost), this one too. */
  async function signOutEverywhere(req, res) {
    const actor = await authenticate(req, res, true);
    if (!actor) return;
    await sessions.endAll();
    await store.audit({ actor, action: 'sign-out-everywhere' });
    res.setHeader('Set-Cookie', sessionCookie('', { path: base, maxAgeSeconds: 0, secure: secureCookie }));
    res.statusCode = 204;
    res.end();
  }

  async function listComments(req, res, query) {
    if (!(await authenticate(req, res, false))) return;
    const status = query.get('status') || null;
    if (status !== null && !MODERATION_STATUSES.includes(status)) {
      return sendError(res, 400, `status must be one of ${MODERATION_STATUSES.join(', ')}.`);
    }
    const thread = query.get('thread') || null;
    const id = query.get('id') || null;
    const before = readInteger(query.get('before'), 1, Number.MAX_SAFE_INTEGER);
    const limit = readInteger(query.get('limit'), 1, MAX_LIMIT) ?? DEFAULT_LIMIT;
    if (before === undefined || limit === undefined) return sendError(res, 400, `before and limit must be whole numbers (limit at most ${MAX_LIMIT}).`);
    const rows = await store.moderationList({ status, thread, id, beforeSeq: before, limit: limit + 1 });
    const more = rows.length > limit;
    if (more) rows.length = limit;
    sendJson(res, 200, { comments: rows, next: more ? rows.at(-1).seq : null });
  }

  async function listAudit(req, res, query) {
    if (!(await authenticate(req, res, false))) return;
    const before = readInteger(query.get('before'), 1, Number.MAX_SAFE_INTEGER);
    const limit = readInteger(query.get('limit'), 1, MAX_LIMIT) ?? DEFAULT_LIMIT;
    if (before === undefined || limit === undefined) return sendError(res, 400, `before and limit must be whole numbers (limit at most ${MAX_LIMIT}).`);
    const entries = await store.auditLog({ beforeSeq: before, limit: limit + 1 });
    const more = entries.length > limit;
    if (more) entries.length = limit;
    sendJson(res, 200, { entries, next: more ? entries.at(-1).seq : null });
  }

  async function act(req, res) {
    const actor = await authenticate(req, res, true);
    if (!actor) return;
    const input = await readJson(req, res, MAX_BODY_BYTES);
    if (!input) return;
    const { action, ids } = input;
    if (typeof action !== 'string' || !Object.hasOwn(ACTIONS, action)) {
      return sendError(res, 400, `action must be one of ${Object.keys(ACTIONS).join(', ')}.`);
    }
    if (!Array.isArray(ids) || ids.length === 0 || ids.length > MAX_ACTION_IDS
      || !ids.every((id) => typeof id === 'string' && id.length > 0 && id.length <= 200)) {
      return sendError(res, 400, `ids must be a list of 1 to ${MAX_ACTION_IDS} comment ids.`);
    }
    const unique = [...new Set(ids)];
    let done;
    let removed = null;
    try {
      if (action === 'delete') {
        removed = await store.deleteComments(unique);
        const gone = new Set(removed);
        done = unique.filter((id) => gone.has(id));
      } else {
        done = await store.setStatus(unique, ACTIONS[action]);
      }
    } catch (error) {
      if (error instanceof StoreBusyError) {
        res.setHeader('Retry-After', '2');
        return sendError(res, 503, 'The comment database is busy: try again in a moment.');
      }
      throw error;
    }
    const replies = removed ? removed.length - done.length : 0;
    for (const id of done) await store.audit({ actor, action, target: id });
    if (replies > 0) await store.audit({ actor, action, target: null, detail: `${replies} replies under the deleted comments` });
    const found = new Set(done);
    sendJson(res, 200, { action, done, missing: unique.filter((id) => !found.has(id)), removed: removed ?? done });
  }

  async function block(req, res) {
    const actor = await authenticate(req, res, true);
    if (!actor) return;
    const input = await readJson(req, res, MAX_BODY_BYTES);
    if (!input) return;
    const { kind } = input;
    if (!BLOCK_KINDS.includes(kind)) return sendError(res, 400, `kind must be one of ${BLOCK_KINDS.join(', ')}.`);
    const raw = typeof input.value === 'string' ? input.value.trim() : '';
    if (!raw || raw.length > 320) return sendError(res, 400, 'value must be 1 to 320 characters.');
    if (kind === 'email' && !raw.includes('@')) return sendError(res, 400, 'An e-mail entry is an address or @domain.');
    // Stored as the spam filter compares it: words and e-mails in lower case.
    const value = kind === 'ip' ? raw : raw.toLowerCase();
    await store.block(kind, value);
    await store.audit({ actor, action: 'block', target: `${kind}:${value}` });
    sendJson(res, 201, { kind, value });
  }

  function sendPage(res) {
    res.statusCode = 200;
    res.setHeader('Content-Type', 'text/html; charset=utf-8');
    setPageHeaders(res);
    res.end(PAGE);
  }

  function sendAsset(res, type, body) {
    res.statusCode = 200;
    res.setHeader('Content-Type', type);
    setPageHeaders(res);
    res.end(body);
  }

  async function sendBundle(res) {
    bundle ??= readFile(bundlePath);
    let code;
    try {
      code = await bundle;
    } catch {
      bundle = null;
      return sendError(res, 500, 'The moderation page is not built: run `npm run build` in the repository.');
    }
    res.statusCode = 200;
    res.setHeader('Content-Type', 'text/javascript; charset=utf-8');
    setPageHeaders(res);
    res.setHeader('Content-Length', code.length);
    res.end(code);
  }

  return function handle(req, res) {
    const url = req.url ?? '/';
    const queryAt = url.indexOf('?');
    const rawPath = queryAt === -1 ? url : url.slice(0, queryAt);
    if (rawPath !== base && !rawPath.startsWith(`${base}/`)) return false;
    const query = new URLSearchParams(queryAt === -1 ? '' : url.slice(queryAt + 1));
    route(req, res, rawPath.slice(base.length), query).catch((error) => {
      onError(error);
      if (!res.headersSent) sendError(res, 500, 'Internal server error.');
      else res.destroy();
    });
    return true;
  };
}

/** The page: one element and its script; everything else is built by the script. */
const PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>Parley moderation</title>
<link rel="icon" href="icon.svg">
<script type="module" src="parley-admin.js"></script>
</head>
<body>
<parley-admin></parley-admin>
</body>
</html>
`;

/** The tab's icon: a speech bubble (without one, browsers ask for /favicon.ico). */
const ICON = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><path fill="#0b57d0" d="M2 2h12v9H6l-3 3v-3H2z"/></svg>';

function setPageHeaders(res) {
  res.setHeader('Content-Security-Policy', ADMIN_CSP);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
  res.setHeader('Cache-Control', 'no-store');
}

async function get(req, res, fn) {
  if (req.method !== 'GET' && req.method !== 'HEAD') return notAllowed(res, 'GET');
  return fn();
}

function notAllowed(res, allow) {
  res.setHeader('Allow', allow);
  sendError(res, 405, `Method not allowed here; use ${allow}.`);
}

function actorOf(session) {
  return `session:${session.idHash.slice(0, 12)}`;
}

/** A whole number from min to max; null when absent, undefined when malformed. */
function readInteger(text, min, max) {
  if (text === null || text === '') return null;
  if (!/^[0-9]{1,16}$/.test(text)) return undefined;
  const value = Number(text);
  return value >= min && value <= max ? value : undefined;
}

function throttled(res, waitMs) {
  res.setHeader('Retry-After', String(Math.max(1, Math.ceil(waitMs / 1000))));
  sendError(res, 429, 'Too many wrong admin tokens: try again later.', 'throttled');
  return false;
}

function digest(text) {
  return createHash('sha256').update(text, 'utf8').digest();
}

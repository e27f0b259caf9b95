/**
 * The REST contract over `node:http`, as one request handler that can be mounted in
 * front of anything else (a static file server, the demo server).
 *
 * Routes under `basePath`:
 * - `GET  /threads/{thread}/comments[?cursor=…][&sort=oldest|newest]` → 200 CommentPage
 * - `POST /threads/{thread}/comments` (JSON NewComment) → 201 CommentRecord
 * - `PATCH  /threads/{thread}/comments/{id}` (JSON `{ body }`, header X-Parley-Secret) → 200
 *   CommentRecord, and `DELETE` on the same address → 204: the author's own comment,
 *   within `editWindowMs` of its creation, with the secret its POST answered once
 * - `GET  /counts?thread=a&thread=b` → 200 `{"a": 3, "b": 0}`, the visible comments of
 *   each thread (at most MAX_COUNT_THREADS; keys the thread filter rules out are left out)
 * - `POST /admin/comments/{id}/approve` (Bearer admin token) → 200 CommentRecord
 *
 * Every error is `{"error": {"message": "…"}}` with a non-2xx status.
 *
 * Every limit is here or in the store: bodies (64 KB), posts and reads per client per
 * window (IPv6 by /64), records per page, comments per thread, bytes in all, which thread
 * keys exist, and admin-token guesses.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { clientKey, createRateLimiter } from './rate-limit.mjs';
import { InvalidCursorError, QuotaError, StoreBusyError, UnknownParentError, parseSort } from './store.mjs';
import { spamSignals } from './spam.mjs';
import { escapeControl } from './terminal.mjs';
import { validateBody, validateNewComment, validateThreadKey } from './validate.mjs';

const COMMENTS_ROUTE = /^\/threads\/(.+)\/comments$/;
const COMMENT_ROUTE = /^\/threads\/([^/]+)\/comments\/([^/]+)$/;
/** How long after posting a comment its author may edit or delete it, unless told: as Isso. */
export const DEFAULT_EDIT_WINDOW_MS = 15 * 60_000;
/** The header that carries a comment's secret on PATCH and DELETE. */
const SECRET_HEADER = 'x-parley-secret';
const APPROVE_ROUTE = /^\/admin\/comments\/([^/]+)\/approve$/;
/** Threads one counts request may name: a post list's page, and a bound on its work. */
export const MAX_COUNT_THREADS = 100;
const PREFLIGHT_MAX_AGE_SECONDS = '600';
/** Shortest admin token accepted: 32 characters leave guessing hopeless at any rate. */
export const MIN_ADMIN_TOKEN_LENGTH = 32;
/** Wrong admin tokens allowed per client, and from everyone together, per minute. */
const ADMIN_FAILURES_PER_CLIENT = 5;
const ADMIN_FAILURES_IN_ALL = 30;
/**
 * API answers are JSON data, never a document: nothing in them may run, load or be
 * framed, and other sites may not embed them (CORS reads are not affected by CORP).
 */
const API_SECURITY_HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  'Content-Security-Policy': "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Referrer-Policy': 'no-referrer',
};

/**
 * @typedef {object} ApiOptions
 * @property {import('./store.mjs').CommentStore} store
 * @property {string[]} [corsOrigins] Origins (e.g. `https://blog.example`) allowed to call
 *   the API from a browser; no CORS headers are sent for any other origin, and a POST
 *   whose Origin is neither one of these nor the API's own is refused.
 * @property {{ windowMs: number, max: number } | null} [rateLimit] Comment posts allowed
 *   per client (IPv4 address, IPv6 /64) per window; null turns the limit off.
 * @property {{ windowMs: number, max: number } | null} [readRateLimit] Page reads allowed
 *   per client per window, counted apart from posts; null turns the limit off.
 * @property {RegExp | ((thread: string) => boolean) | null} [threadFilter] Which thread
 *   keys exist; others are answered 404 (an allow-list or a pattern of the site's pages).
 * @property {string | null} [adminToken] Bearer token of the approve endpoint, at least
 *   MIN_ADMIN_TOKEN_LENGTH characters; without one the endpoint refuses every request.
 * @property {number} [writeRetryMs] How long a write retries while another process
 *   holds the database lock, before a 503 with Retry-After.
 * @property {(line: string) => void} [log] One line per notable event (a refused admin
 *   token, an aborted upload); control characters are escaped before it is called.
 * @property {boolean} [moderation] New comments start as `pending` until approved.
 * @property {ReturnType<typeof import('./spam.mjs').createSpamFilter> | null} [spamFilter]
 *   Judges each valid post: what it catches is stored as `spam` and answered as a held
 *   comment (201, status `pending`); a duplicate is refused (409, code `duplicate`).
 *   Off (null) unless given; `parley-server` gives one.
 * @property {number} [editWindowMs] How long after posting its author may edit or delete
 *   a comment (PATCH, DELETE with the secret the POST answered); 0 hands out no secrets.
 * @property {boolean} [notifyReplies] Pages say `"notify": true`: the server mails
 *   replies to a commenter who posts with `notify` and an e-mail (server/notify/).
 * @property {number} [maxBodyBytes] Larger request bodies get a 413.
 * @property {string} [basePath] Where the API is mounted, e.g. `/api`.
 * @property {number} [pageSize] Top-level comments per page.
 * @property {boolean} [trustProxy] Take the client IP from the last `X-Forwarded-For`
 *   entry (set this only behind a reverse proxy that writes that header).
 * @property {(error: unknown) => void} [onError] Reports unexpected errors (answered 500).
 */

/**
 * Builds the API handler.
 *
 * @param {ApiOptions} options
 * @returns {(req: import('node:http').IncomingMessage,
 *            res: import('node:http').ServerResponse) => boolean}
 *   Returns true when it took the request (the response may finish later), false when
 *   the path is outside `basePath`.
 */
export function createApi({
  store,
  corsOrigins = [],
  rateLimit = null,
  readRateLimit = null,
  threadFilter = null,
  adminToken = null,
  writeRetryMs = 2000,
  log = (line) => console.error(line),
  moderation = false,
  spamFilter = null,
  editWindowMs = DEFAULT_EDIT_WINDOW_MS,
  notifyReplies = false,
  maxBodyBytes = 65_536,
  basePath = '/api',
  pageSize,
  trustProxy = false,
  onError = (error) => console.error(error),
}) {
  // A loop, not `/\/+$/`: that pattern backtracks over every run of slashes (quadratic).
  let baseEnd = basePath.length;
  while (baseEnd > 0 && basePath[baseEnd - 1] === '/') baseEnd--;
  const base = basePath.slice(0, baseEnd);
  const allowedOrigins = new Set(corsOrigins.map(normalizeOrigin));
  const limiter = rateLimit ? createRateLimiter(rateLimit) : null;
  const readLimiter = readRateLimit ? createRateLimiter(readRateLimit) : null;
  if (adminToken && adminToken.length < MIN_ADMIN_TOKEN_LENGTH) {
    throw new RangeError(`The admin token must be at least ${MIN_ADMIN_TOKEN_LENGTH} characters long.`);
  }
  const adminDigest = adminToken ? digest(adminToken) : null;
  const adminFailures = createRateLimiter({ windowMs: 60_000, max: ADMIN_FAILURES_PER_CLIENT });
  const adminFailuresInAll = createRateLimiter({ windowMs: 60_000, max: ADMIN_FAILURES_IN_ALL });
  let adminLockedUntil = 0;
  /** @type {Map<string, number>} client key → until when its tokens are not compared */
  const adminClientLocks = new Map();
  const isThread = typeof threadFilter === 'function'
    ? threadFilter
    : threadFilter instanceof RegExp
      ? (thread) => threadFilter.test(thread)
      : () => true;
  const note = (line) => log(escapeControl(line));
  /** @type {WeakMap<object, string>} page → its JSON */
  const serialized = new WeakMap();

  async function route(req, res, path, query) {
    for (const [name, value] of Object.entries(API_SECURITY_HEADERS)) res.setHeader(name, value);
    const origin = req.headers.origin;
    res.setHeader('Vary', 'Origin');
    if (typeof origin === 'string' && allowedOrigins.has(origin)) {
      res.setHeader('Access-Control-Allow-Origin', origin);
    }
    // A browser always sends Origin with a POST. One from a page that is neither allowed
    // nor the API's own is a cross-site form or fetch riding on a visitor's browser.
    const writes = req.method === 'POST' || req.method === 'PATCH' || req.method === 'DELETE';
    if (writes && typeof origin === 'string' && !allowedOrigins.has(origin) && !isSameOrigin(origin, req)) {
      return sendError(res, 403, 'Posts from this page\'s origin are not accepted here.');
    }

    const comments = COMMENTS_ROUTE.exec(path);
    if (comments) {
      if (req.method === 'OPTIONS') return preflight(req, res, 'GET, POST, OPTIONS');
      let thread;
      try {
        thread = decodeURIComponent(comments[1]);
      } catch {
        return sendError(res, 400, 'The thread key in the URL is not validly percent-encoded.');
      }
      const problem = validateThreadKey(thread);
      if (problem) return sendError(res, 400, problem);
      if (!isThread(thread)) return sendError(res, 404, 'There is no thread with this key here.');
      if (req.method === 'GET') return listComments(req, res, thread, query);
      if (req.method === 'POST') return createComment(req, res, thread);
      return methodNotAllowed(res, 'GET, POST, OPTIONS');
    }

    const comment = COMMENT_ROUTE.exec(path);
    if (comment) {
      if (req.method === 'OPTIONS') return preflight(req, res, 'PATCH, DELETE, OPTIONS', 'Content-Type, X-Parley-Secret');
      if (req.method !== 'PATCH' && req.method !== 'DELETE') return methodNotAllowed(res, 'PATCH, DELETE, OPTIONS');
      let thread, id;
      try {
        thread = decodeURIComponent(comment[1]);
        id = decodeURIComponent(comment[2]);
      } catch {
        return sendError(res, 400, 'The thread key or comment id in the URL is not validly percent-encoded.');
      }
      const problem = validateThreadKey(thread);
      if (problem) return sendError(res, 400, problem);
      if (!isThread(thread)) return sendError(res, 404, 'There is no thread with this key here.');
      return changeComment(req, res, thread, id);
    }

    if (path === '/counts') {
      if (req.method === 'OPTIONS') return preflight(req, res, 'GET, OPTIONS');
      if (req.method !== 'GET') return methodNotAllowed(res, 'GET, OPTIONS');
      return countComments(req, res, query);
    }

    const approve = APPROVE_ROUTE.exec(path);
    if (approve) {
      if (req.method !== 'POST') return methodNotAllowed(res, 'POST');
      return approveComment(req, res, approve[1]);
    }

    return sendError(res, 404, `No such API route: ${req.method} ${base}${path}`);
  }

  async function listComments(req, res, thread, query) {
    if (readLimiter && limited(res, readLimiter, req, 'Too many requests from your address')) return;
    const cursor = query.get('cursor');
    const sort = parseSort(query.get('sort'));
    if (!sort) return sendError(res, 400, 'The sort order must be "oldest" or "newest".');
    try {
      const page = await store.list(thread, { cursor, pageSize, sort });
      // A store may hand out the same page object until the thread changes: serialise once.
      let body = serialized.get(page);
      if (body === undefined) {
        body = JSON.stringify(page);
        // The page says the server mails replies to those who ask (NewComment.notify).
        if (notifyReplies) body = `${body.slice(0, -1)},"notify":true}`;
        serialized.set(page, body);
      }
      return sendJson(res, 200, page, body);
    } catch (error) {
      if (error instanceof InvalidCursorError) return sendError(res, 400, error.message);
      throw error;
    }
  }

  async function countComments(req, res, query) {
    // One read for the rate limit, as a page is: a post list asks once for all its links.
    if (readLimiter && limited(res, readLimiter, req, 'Too many requests from your address')) return;
    const threads = [...new Set(query.getAll('thread'))];
    if (threads.length === 0) return sendError(res, 400, 'Name the threads to count: /counts?thread=a&thread=b.');
    if (threads.length > MAX_COUNT_THREADS) {
      return sendError(res, 400, `Ask for at most ${MAX_COUNT_THREADS} threads per request, not ${threads.length}.`);
    }
    for (const thread of threads) {
      const problem = validateThreadKey(thread);
      if (problem) return sendError(res, 400, problem);
    }
    return sendJson(res, 200, await store.counts(threads.filter(isThread)));
  }

  /** Counts a request; when over the limit, answers 429 and returns true. */
  function limited(res, which, req, what) {
    const verdict = which.take(clientKey(clientAddress(req, trustProxy)));
    if (verdict.allowed) return false;
    res.setHeader('Retry-After', String(verdict.retryAfterSeconds));
    sendError(res, 429, `${what}: try again in ${verdict.retryAfterSeconds} s.`);
    return true;
  }

  /**
   * Runs a store write; while another process holds the database lock, tries again on
   * a timer (never blocking the event loop) until writeRetryMs has passed.
   */
  async function writeWithRetry(fn) {
    const deadline = Date.now() + writeRetryMs;
    for (let wait = 10; ; wait = Math.min(wait * 2, 200)) {
      try {
        return await fn();
      } catch (error) {
        if (!(error instanceof StoreBusyError) || Date.now() + wait > deadline) throw error;
        await new Promise((resolve) => setTimeout(resolve, wait));
      }
    }
  }

  /** Answers a write that could not get the database; returns true when it did. */
  function busy(res, error) {
    if (!(error instanceof StoreBusyError)) return false;
    res.setHeader('Retry-After', '2');
    sendError(res, 503, 'The comment database is busy: try again in a moment.');
    return true;
  }

  async function createComment(req, res, thread) {
    if (limiter && limited(res, limiter, req, 'Too many comments from your address')) return;
    if (!isJsonContentType(req.headers['content-type'])) {
      return sendError(res, 415, 'Send the comment as JSON (Content-Type: application/json).');
    }
    // Read now: once the client is gone, its socket no longer knows the address.
    const address = clientAddress(req, trustProxy);
    let raw;
    try {
      raw = await readBody(req, maxBodyBytes);
    } catch (error) {
      // The client went away mid-upload: nobody is left to answer, and it is no fault here.
      note(`Upload aborted by ${address}: ${error?.code ?? error?.message ?? error}`);
      res.destroy();
      return;
    }
    if (raw === null) {
      // The rest of the body is not read: close the connection rather than drain it.
      res.setHeader('Connection', 'close');
      return sendError(res, 413, `The request body is larger than ${maxBodyBytes} bytes.`);
    }
    let input;
    try {
      input = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(raw));
    } catch {
      return sendError(res, 400, 'The request body is not valid UTF-8 JSON.');
    }
    const result = validateNewComment(input);
    if (!result.ok) return sendError(res, 400, result.message);
    /** @type {'published' | 'pending' | 'spam'} */
    let status = moderation ? 'pending' : 'published';
    /** Which check caught or held it, kept for the moderation page. */
    let spamReason = null;
    if (spamFilter) {
      const userAgent = String(req.headers['user-agent'] ?? '');
      const { verdict, reason } = await spamFilter({ store, thread, comment: result.value, signals: spamSignals(input), ip: address, userAgent });
      if (verdict === 'duplicate') {
        // A visitor who pressed twice, or came back, is told; nothing is stored twice.
        return sendJson(res, 409, { error: { message: 'You have already posted this comment.', code: 'duplicate' } });
      }
      if (verdict === 'spam') status = 'spam';
      if (verdict === 'held') status = 'pending';
      if (verdict !== 'ok') {
        spamReason = reason ?? null;
        note(`Comment held (${reason}) from ${address} in thread ${thread}`);
      }
    }
    try {
      // A store that can commit several posts at once (SQLite) does so under load.
      const create = store.createBatched ?? store.create;
      // The secret that lets its author edit or delete it: answered once, only its hash kept.
      const secret = editWindowMs > 0 ? randomBytes(24).toString('base64url') : null;
      const secretHash = secret && digest(secret).toString('hex');
      const record = await writeWithRetry(() => create.call(store, thread, result.value, { status, ip: address, spamReason, ...(secret ? { secretHash } : {}) }));
      const editable = secret ? { secret, editableUntil: new Date(Date.parse(record.createdAt) + editWindowMs).toISOString() } : {};
      // Caught or held, the visitor hears the same: bots learn nothing from the answer.
      return sendJson(res, 201, { ...record, ...(record.status === 'spam' ? { status: 'pending' } : {}), ...editable });
    } catch (error) {
      if (error instanceof UnknownParentError) return sendError(res, 400, error.message);
      // A full thread is the site's decision (403); a full server is out of room (507).
      if (error instanceof QuotaError) return sendError(res, error.scope === 'thread' ? 403 : 507, error.message);
      if (busy(res, error)) return;
      throw error;
    }
  }

  /**
   * An author's PATCH (new body) or DELETE of their comment: allowed with the comment's
   * secret (compared as hashes, in constant time) until `editWindowMs` after it was posted.
   */
  async function changeComment(req, res, thread, id) {
    if (limiter && limited(res, limiter, req, 'Too many changes from your address')) return;
    const editing = req.method === 'PATCH';
    let body;
    if (editing) {
      if (!isJsonContentType(req.headers['content-type'])) {
        return sendError(res, 415, 'Send the new text as JSON (Content-Type: application/json).');
      }
      let raw;
      try {
        raw = await readBody(req, maxBodyBytes);
      } catch (error) {
        note(`Upload aborted by ${clientAddress(req, trustProxy)}: ${error?.code ?? error?.message ?? error}`);
        res.destroy();
        return;
      }
      if (raw === null) {
        res.setHeader('Connection', 'close');
        return sendError(res, 413, `The request body is larger than ${maxBodyBytes} bytes.`);
      }
      let input;
      try {
        input = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(raw));
      } catch {
        return sendError(res, 400, 'The request body is not valid UTF-8 JSON.');
      }
      const checked = validateBody(input !== null && typeof input === 'object' ? input.body : undefined);
      if (!checked.ok) return sendError(res, 400, checked.message);
      body = checked.value;
    }
    const owner = await store.ownership(thread, id);
    if (!owner) return sendError(res, 404, 'There is no such comment in this thread (it may have been deleted).');
    const given = req.headers[SECRET_HEADER];
    // Hashes of equal length, whatever was sent: the comparison takes the same time.
    if (!owner.secretHash || typeof given !== 'string' || !given
      || !timingSafeEqual(digest(given), Buffer.from(owner.secretHash, 'hex'))) {
      return sendJson(res, 403, { error: { message: 'Only the browser that posted this comment can change it.', code: 'not-yours' } });
    }
    if (Date.now() > Date.parse(owner.createdAt) + editWindowMs) {
      const minutes = Math.round(editWindowMs / 60_000);
      return sendJson(res, 403, {
        error: { message: `Comments can be changed for ${minutes} minutes after posting; that time is over.`, code: 'edit-window-closed' },
      });
    }
    try {
      if (!editing) {
        const removed = await writeWithRetry(() => store.remove(thread, id));
        if (!removed) return sendError(res, 404, 'There is no such comment in this thread (it may have been deleted).');
        res.statusCode = 204;
        res.setHeader('Cache-Control', 'no-store');
        return res.end();
      }
      // The new text meets the checks a post's does (what needs the form — honeypot, time
      // taken — and the duplicate check aside), and moderation holds it again: otherwise
      // a clean approved comment could be edited into spam and stay published.
      /** @type {'pending' | 'spam' | null} */
      let hold = moderation ? 'pending' : null;
      if (spamFilter) {
        const address = clientAddress(req, trustProxy);
        const userAgent = String(req.headers['user-agent'] ?? '');
        const comment = { parentId: null, author: owner.author, body };
        const { verdict, reason } = await spamFilter({ store, thread, comment, signals: {}, ip: address, userAgent, edit: true });
        if (verdict === 'spam') hold = 'spam';
        if (verdict === 'held') hold = 'pending';
        if (verdict !== 'ok') note(`Edit held (${reason}) from ${address} in thread ${thread}`);
      }
      const record = await writeWithRetry(() => store.update(thread, id, body, { hold }));
      if (!record) return sendError(res, 404, 'There is no such comment in this thread (it may have been deleted).');
      return sendJson(res, 200, record.status === 'spam' ? { ...record, status: 'pending' } : record);
    } catch (error) {
      if (error instanceof QuotaError) return sendError(res, 507, error.message);
      if (busy(res, error)) return;
      throw error;
    }
  }

  function adminThrottled(res, waitMs) {
    res.setHeader('Retry-After', String(Math.max(1, Math.ceil(waitMs / 1000))));
    return sendError(res, 429, 'Too many wrong admin tokens: try again later.');
  }

  async function approveComment(req, res, rawId) {
    if (!adminDigest) {
      return sendError(res, 401, 'The admin endpoint is disabled: no admin token is configured.');
    }
    const now = Date.now();
    const address = clientAddress(req, trustProxy);
    const key = clientKey(address);
    // A client past its own limit is refused before the token is compared.
    const clientUntil = adminClientLocks.get(key) ?? 0;
    if (now < clientUntil) return adminThrottled(res, clientUntil - now);
    const match = /^Bearer +(\S+)\s*$/i.exec(req.headers.authorization ?? '');
    // Compared even while wrong tokens are refused from everyone: anyone can trip that
    // lock, and it must not lock the owner out (server/README.md, Guessing).
    if (!match || !timingSafeEqual(digest(match[1]), adminDigest)) {
      const mine = adminFailures.take(key);
      if (mine.allowed && now < adminLockedUntil) return adminThrottled(res, adminLockedUntil - now);
      note(`Admin token refused for ${address} (${match ? 'wrong token' : 'no Bearer token'})`);
      if (!mine.allowed) {
        if (adminClientLocks.size >= 10_000) adminClientLocks.clear();
        adminClientLocks.set(key, now + mine.retryAfterSeconds * 1000);
        return adminThrottled(res, mine.retryAfterSeconds * 1000);
      }
      const all = adminFailuresInAll.take('all');
      if (!all.allowed) {
        // Wrong tokens from everyone are refused for the rest of the minute: spreading
        // guesses over many addresses must not multiply them.
        adminLockedUntil = now + all.retryAfterSeconds * 1000;
        return adminThrottled(res, all.retryAfterSeconds * 1000);
      }
      // The moderation page's audit log (server/admin/) records refused tokens too.
      await store.audit?.({ actor: 'token', action: 'sign-in-failed', detail: `from ${address}` });
      res.setHeader('WWW-Authenticate', 'Bearer');
      return sendError(res, 401, 'A valid admin token is required (Authorization: Bearer …).');
    }
    let id;
    try {
      id = decodeURIComponent(rawId);
    } catch {
      return sendError(res, 400, 'The comment id in the URL is not validly percent-encoded.');
    }
    let approved;
    try {
      approved = await writeWithRetry(() => store.approve(id));
    } catch (error) {
      if (busy(res, error)) return;
      throw error;
    }
    if (!approved) return sendError(res, 404, `No comment with id "${id}".`);
    // The moderation page's audit log (server/admin/) records every approval.
    await store.audit?.({ actor: 'token', action: 'approve', target: id });
    return sendJson(res, 200, approved.comment);
  }

  function preflight(req, res, allow, headers = 'Content-Type') {
    res.statusCode = 204;
    res.setHeader('Allow', allow);
    if (res.hasHeader('Access-Control-Allow-Origin')) {
      res.setHeader('Access-Control-Allow-Methods', allow.replace(', OPTIONS', ''));
      // Only what a JSON POST (and an author's PATCH or DELETE, with its secret) needs;
      // the admin endpoint stays same-origin.
      res.setHeader('Access-Control-Allow-Headers', headers);
      res.setHeader('Access-Control-Max-Age', PREFLIGHT_MAX_AGE_SECONDS);
    }
    res.end();
  }

  return function handle(req, res) {
    const url = req.url ?? '/';
    const queryAt = url.indexOf('?');
    // Routing uses the raw path: decoding first would turn a %2F inside a thread key
    // into a path separator.
    const rawPath = queryAt === -1 ? url : url.slice(0, queryAt);
    if (base && rawPath !== base && !rawPath.startsWith(base + '/')) return false;
    const query = new URLSearchParams(queryAt === -1 ? '' : url.slice(queryAt + 1));

    route(req, res, rawPath.slice(base.length), query).catch((error) => {
      onError(error);
      if (!res.headersSent) sendError(res, 500, 'Internal server error.');
      else res.destroy();
    });
    return true;
  };
}

/**
 * Reads the request body up to `limit` bytes.
 *
 * @returns {Promise<Buffer | null>} null when the body is larger than `limit`; reading
 *   stops there.
 */
function readBody(req, limit) {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) return Promise.resolve(null);
  return new Promise((resolve, reject) => {
    const chunks = [];
    let size = 0;
    const onData = (chunk) => {
      size += chunk.length;
      if (size > limit) {
        cleanup();
        req.pause();
        resolve(null);
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      cleanup();
      resolve(Buffer.concat(chunks));
    };
    const onError = (error) => {
      cleanup();
      reject(error);
    };
    // A client that goes away mid-body may end the stream with 'close' alone.
    const onClose = () => onError(Object.assign(new Error('aborted'), { code: 'ECONNRESET' }));
    const cleanup = () => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
      req.off('close', onClose);
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
    req.on('close', onClose);
  });
}

function isJsonContentType(header) {
  if (typeof header !== 'string') return false;
  const [type, ...params] = header.split(';').map((part) => part.trim().toLowerCase());
  if (type !== 'application/json') return false;
  const charset = params.find((p) => p.startsWith('charset='));
  return !charset || /^charset="?utf-8"?$/.test(charset);
}

function clientAddress(req, trustProxy) {
  if (trustProxy) {
    const forwarded = req.headers['x-forwarded-for'];
    // The last entry is the one our own proxy appended; earlier ones are client-supplied.
    const last = typeof forwarded === 'string' ? forwarded.split(',').at(-1)?.trim() : '';
    if (last) return last;
  }
  return req.socket.remoteAddress ?? 'unknown';
}

function normalizeOrigin(origin) {
  if (origin.trim() === '*') {
    // Any origin could then post through any visitor's browser: name each blog instead.
    throw new TypeError(
      "--cors-origin '*' is not supported: list each site that embeds the comments, e.g. --cors-origin https://blog.example",
    );
  }
  let url;
  try {
    url = new URL(origin);
  } catch {
    throw new TypeError(`Not an origin: ${origin} (expected e.g. https://blog.example)`);
  }
  if (url.origin === 'null') throw new TypeError(`Not an origin: ${origin} (expected e.g. https://blog.example)`);
  return url.origin;
}

/** Whether a browser's Origin names the host this request was sent to. */
function isSameOrigin(origin, req) {
  const host = req.headers.host;
  if (typeof host !== 'string') return false;
  try {
    // The scheme is the proxy's business (TLS ends there); host and port must match.
    return new URL(origin).host === new URL(`http://${host}`).host;
  } catch {
    return false;
  }
}

function digest(text) {
  return createHash('sha256').update(text, 'utf8').digest();
}

function methodNotAllowed(res, allow) {
  res.setHeader('Allow', allow);
  return sendError(res, 405, `Method not allowed here; use ${allow.replace(', OPTIONS', '')}.`);
}

function sendError(res, status, message) {
  return sendJson(res, status, { error: { message } });
}

function sendJson(res, status, value, body = JSON.stringify(value)) {
  res.statusCode = status;
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Content-Length', Buffer.byteLength(body));
  // Comments change with every post: a reload must ask again.
  res.setHeader('Cache-Control', 'no-store');
  res.end(body);
}

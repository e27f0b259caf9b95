/**
 * The REST contract over `node:http`, as one request handler that can be mounted in
 * front of anything else (a static file server, the demo server).
 *
 * Routes under `basePath`:
 * - `GET  /threads/{thread}/comments[?cursor=…]` → 200 CommentPage
 * - `POST /threads/{thread}/comments` (JSON NewComment) → 201 CommentRecord
 * - `POST /admin/comments/{id}/approve` (Bearer admin token) → 200 CommentRecord
 *
 * Every error is `{"error": {"message": "…"}}` with a non-2xx status.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { createRateLimiter } from './rate-limit.mjs';
import { InvalidCursorError, UnknownParentError } from './comment-store.mjs';
import { validateNewComment, validateThreadKey } from './validate.mjs';

const COMMENTS_ROUTE = /^\/threads\/(.+)\/comments$/;
const APPROVE_ROUTE = /^\/admin\/comments\/([^/]+)\/approve$/;
const PREFLIGHT_MAX_AGE_SECONDS = '600';

/**
 * @typedef {object} ApiOptions
 * @property {import('./comment-store.mjs').CommentStore} store
 * @property {string[]} [corsOrigins] Origins (e.g. `https://blog.example`) allowed to call
 *   the API from a browser; no CORS headers are sent for any other origin.
 * @property {{ windowMs: number, max: number } | null} [rateLimit] Comment posts allowed
 *   per client IP per window; null turns the limit off.
 * @property {string | null} [adminToken] Bearer token of the approve endpoint; without
 *   one the endpoint refuses every request.
 * @property {boolean} [moderation] New comments start as `pending` until approved.
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
  adminToken = null,
  moderation = false,
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
  const adminDigest = adminToken ? digest(adminToken) : null;

  async function route(req, res, path, query) {
    const origin = req.headers.origin;
    res.setHeader('Vary', 'Origin');
    if (typeof origin === 'string' && allowedOrigins.has(origin)) {
      res.setHeader('Access-Control-Allow-Origin', origin);
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
      if (req.method === 'GET') return listComments(res, thread, query);
      if (req.method === 'POST') return createComment(req, res, thread);
      return methodNotAllowed(res, 'GET, POST, OPTIONS');
    }

    const approve = APPROVE_ROUTE.exec(path);
    if (approve) {
      if (req.method !== 'POST') return methodNotAllowed(res, 'POST');
      return approveComment(req, res, approve[1]);
    }

    return sendError(res, 404, `No such API route: ${req.method} ${base}${path}`);
  }

  function listComments(res, thread, query) {
    const cursor = query.get('cursor');
    try {
      return sendJson(res, 200, store.list(thread, { cursor, pageSize }));
    } catch (error) {
      if (error instanceof InvalidCursorError) return sendError(res, 400, error.message);
      throw error;
    }
  }

  async function createComment(req, res, thread) {
    if (limiter) {
      const verdict = limiter.take(clientAddress(req, trustProxy));
      if (!verdict.allowed) {
        res.setHeader('Retry-After', String(verdict.retryAfterSeconds));
        return sendError(
          res,
          429,
          `Too many comments from your address: try again in ${verdict.retryAfterSeconds} s.`,
        );
      }
    }
    if (!isJsonContentType(req.headers['content-type'])) {
      return sendError(res, 415, 'Send the comment as JSON (Content-Type: application/json).');
    }
    const raw = await readBody(req, maxBodyBytes);
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
    try {
      const record = store.create(thread, result.value, {
        status: moderation ? 'pending' : 'published',
      });
      return sendJson(res, 201, record);
    } catch (error) {
      if (error instanceof UnknownParentError) return sendError(res, 400, error.message);
      throw error;
    }
  }

  function approveComment(req, res, rawId) {
    if (!adminDigest) {
      return sendError(res, 401, 'The admin endpoint is disabled: no admin token is configured.');
    }
    const match = /^Bearer +(\S+)\s*$/i.exec(req.headers.authorization ?? '');
    if (!match || !timingSafeEqual(digest(match[1]), adminDigest)) {
      res.setHeader('WWW-Authenticate', 'Bearer');
      return sendError(res, 401, 'A valid admin token is required (Authorization: Bearer …).');
    }
    let id;
    try {
      id = decodeURIComponent(rawId);
    } catch {
      return sendError(res, 400, 'The comment id in the URL is not validly percent-encoded.');
    }
    const approved = store.approve(id);
    if (!approved) return sendError(res, 404, `No comment with id "${id}".`);
    return sendJson(res, 200, approved.comment);
  }

  function preflight(req, res, allow) {
    res.statusCode = 204;
    res.setHeader('Allow', allow);
    if (res.hasHeader('Access-Control-Allow-Origin')) {
      res.setHeader('Access-Control-Allow-Methods', 'GET, POST');
      // Only Content-Type: what a JSON POST needs; the admin endpoint stays same-origin.
      res.setHeader('Access-Control-Allow-Headers', 'Content-Type');
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
    const cleanup = () => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
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
  try {
    return new URL(origin).origin;
  } catch {
    throw new TypeError(`Not an origin: ${origin} (expected e.g. https://blog.example)`);
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

function sendJson(res, status, value) {
  const body = JSON.stringify(value);
  res.statusCode = status;
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Content-Length', Buffer.byteLength(body));
  res.setHeader('X-Content-Type-Options', 'nosniff');
  // Comments change with every post: a reload must ask again.
  res.setHeader('Cache-Control', 'no-store');
  res.end(body);
}

/**
 * Small HTTP pieces the moderation page's handler needs: JSON answers, bounded bodies,
 * the client's address, and the same-origin checks that keep other sites out.
 */

/** JSON answers are data: nothing in them may run, load or be framed. */
export const JSON_SECURITY_HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  'Content-Security-Policy': "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store',
};

export function sendJson(res, status, value) {
  const body = JSON.stringify(value);
  res.statusCode = status;
  for (const [name, v] of Object.entries(JSON_SECURITY_HEADERS)) res.setHeader(name, v);
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Content-Length', Buffer.byteLength(body));
  res.end(body);
}

export function sendError(res, status, message, code) {
  sendJson(res, status, { error: code ? { message, code } : { message } });
}

/**
 * The request's JSON body, at most `limit` bytes; null after answering the problem.
 *
 * @returns {Promise<unknown | null>}
 */
export async function readJson(req, res, limit) {
  const type = String(req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  // A cross-site form cannot send application/json without a preflight this server refuses.
  if (type !== 'application/json') {
    sendError(res, 415, 'Send JSON (Content-Type: application/json).');
    return null;
  }
  const chunks = [];
  let size = 0;
  try {
    for await (const chunk of req) {
      size += chunk.length;
      if (size > limit) {
        res.setHeader('Connection', 'close');
        sendError(res, 413, `The request body is larger than ${limit} bytes.`);
        return null;
      }
      chunks.push(chunk);
    }
  } catch {
    res.destroy();
    return null;
  }
  try {
    const value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks)));
    if (value && typeof value === 'object' && !Array.isArray(value)) return value;
  } catch {
    // answered below
  }
  sendError(res, 400, 'The request body is not a JSON object.');
  return null;
}

/** The client's address; behind a trusted proxy, the last X-Forwarded-For entry. */
export function clientAddress(req, trustProxy) {
  if (trustProxy) {
    const forwarded = req.headers['x-forwarded-for'];
    const last = typeof forwarded === 'string' ? forwarded.split(',').at(-1)?.trim() : '';
    if (last) return last;
  }
  return req.socket.remoteAddress ?? 'unknown';
}

/**
 * Whether a browser says this request comes from a page of this very server: an Origin
 * naming this host, and Sec-Fetch-Site (sent by every current browser) `same-origin`.
 * Clients that are not browsers (curl with a bearer token) send neither and pass.
 */
export function fromThisSite(req) {
  const site = req.headers['sec-fetch-site'];
  if (typeof site === 'string' && site !== 'same-origin') return false;
  const origin = req.headers.origin;
  if (typeof origin !== 'string') return true;
  const host = req.headers.host;
  if (typeof host !== 'string') return false;
  try {
    return new URL(origin).host === new URL(`http://${host}`).host;
  } catch {
    return false;
  }
}

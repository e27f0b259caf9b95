// Fakes Isso, Remark42, Artalk, Waline, Twikoo and a REST-contract server over real HTTP for
// the adapter tests, under /fake/isso/, /fake/remark42/, /fake/artalk/, /fake/waline/,
// /fake/twikoo/ and /fake/rest/ (Waline's and the REST server's answers to what the other
// fakes cannot make them say; both are also tested against the real servers).
//
// Each file in test/fixtures/<backend>/ is one exchange: { note?, request: { method, path,
// query, body? }, response: { status, type?, headers?, body, hang? } }. Isso's were recorded
// from a real Isso 0.14.0 (test/fixtures/isso/README.md), Twikoo's from a real Twikoo 1.7.9
// (test/fixtures/twikoo/README.md; every call is POST / told apart by its body's `event`,
// matched as body fields) and Waline's from a real Waline 1.39.3; Remark42's and Artalk's
// were written from their API documentation and source, the REST ones from
// server/http-api.mjs. A request is answered by the first exchange whose method and path
// are equal, whose query parameters are all equal (exactly, after URL decoding; null:
// absent), whose `body` fields, if any, are equal in the posted JSON (null: null or
// absent), and which carries a cookie named `request.cookie`, if given (Isso's edit cookie).
// The recorded `Set-Cookie` headers are sent as recorded, so the browser keeps them.
//
// POST bodies are first checked the way each backend checks them (required fields, types,
// no fields the adapter should not send); a body that fails gets the backend's own error
// response. The last POST per backend is kept and served at GET /fake/<backend>/__last-post
// so a test can compare the exact body an adapter sent.
//
// `hang: true` holds the response until the client gives up (to test aborting).
import { readdirSync, readFileSync } from 'node:fs';

const PREFIX = /^\/fake\/(isso|remark42|artalk|waline|rest|twikoo)(\/.*)$/;
const HANG_LIMIT_MS = 10000;

const fixtures = new Map();
const lastPost = new Map();

function exchanges(backend) {
  if (!fixtures.has(backend)) {
    const dir = new URL(`../fixtures/${backend}/`, import.meta.url);
    const list = readdirSync(dir)
      .filter((f) => f.endsWith('.json'))
      .sort()
      .map((f) => ({ file: f, ...JSON.parse(readFileSync(new URL(f, dir), 'utf8')) }));
    fixtures.set(backend, list);
  }
  return fixtures.get(backend);
}

function readBody(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function sameJson(a, b) {
  return JSON.stringify(a) === JSON.stringify(b);
}

function matches(exchange, method, path, query, body, cookies) {
  const want = exchange.request;
  if (want.method !== method || want.path !== path) return false;
  if (want.cookie && !cookies.includes(want.cookie)) return false;
  for (const [key, value] of Object.entries(want.query ?? {})) {
    if (query.get(key) !== value) return false;
  }
  for (const [key, value] of Object.entries(want.body ?? {})) {
    if (!body || !sameJson(body[key] ?? null, value)) return false;
  }
  return true;
}

const isString = (v) => typeof v === 'string';
const isStringOrNull = (v) => v === null || typeof v === 'string';
const onlyKeys = (obj, keys) => Object.keys(obj).every((k) => keys.includes(k));

// Isso answers the errors its views return with werkzeug's HTML page; those it raises go
// through its error_handler, which answers JSON to a request that accepts JSON.
const issoRaised = (status, title, description) => ({ status, body: { message: `${status} ${title}: ${description}` } });
function issoError(status, title, description) {
  return {
    status,
    type: 'text/html; charset=utf-8',
    body: `<!doctype html>\n<html lang=en>\n<title>${status} ${title}</title>\n<h1>${title}</h1>\n<p>${description
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')}</p>\n`,
  };
}

const remark42Error = (status, code, details, error) => ({ status, body: { code, details, error } });
const artalkError = (status, msg) => ({ status, body: { msg } });

// Mirrors isso/views/comments.py: the xhr guard, API.ACCEPT and API.verify. Isso drops
// fields it does not accept; the fake refuses them, to catch an adapter sending them.
function checkIsso(ctx, query, body) {
  if (!(ctx.get('content-type') || '').startsWith('application/json')) return issoRaised(403, 'Forbidden', 'CSRF');
  if (!query.get('uri')) return issoError(400, 'Bad Request', 'missing uri query');
  if (!body || typeof body !== 'object') return issoError(400, 'Bad Request', 'Unable to parse JSON');
  if (!onlyKeys(body, ['text', 'author', 'email', 'website', 'parent', 'title'])) {
    return issoError(400, 'Bad Request', 'the fake accepts only text, author, email, website, parent, title');
  }
  if (!isString(body.text)) return issoError(400, 'Bad Request', 'text is missing');
  if (!(body.parent === null || Number.isInteger(body.parent))) {
    return issoError(400, 'Bad Request', 'parent must be an integer or null');
  }
  for (const key of ['author', 'email', 'website']) {
    if (!isStringOrNull(body[key] ?? null)) return issoError(400, 'Bad Request', `${key} must be a string or null`);
  }
  if (body.text.trimEnd().length < 3) return issoError(400, 'Bad Request', 'text is too short (minimum length: 3)');
  return null;
}

// Mirrors go-pkgz/auth (X-JWT) and createCommentCtrl + ValidateComment.
const REMARK42_JWT = 'header.eyJ1c2VyIjp7Im5hbWUiOiJHcmFjZSJ9fQ.signature';
function checkRemark42(ctx, _query, body) {
  if (ctx.get('x-jwt') !== REMARK42_JWT) return { status: 401, type: 'text/plain', body: 'Unauthorized\n' };
  if (!body || typeof body !== 'object') return remark42Error(400, 2, "can't bind comment", 'invalid JSON');
  if (!onlyKeys(body, ['text', 'pid', 'locator'])) {
    return remark42Error(400, 2, "can't bind comment", 'the fake accepts only text, pid, locator');
  }
  const { locator } = body;
  if (!isString(body.pid) || !locator || !isString(locator.site) || !isString(locator.url) || !onlyKeys(locator, ['site', 'url'])) {
    return remark42Error(400, 2, "can't bind comment", 'pid and locator {site, url} must be strings');
  }
  if (!isString(body.text) || body.text === '') return remark42Error(400, 4, 'invalid comment', 'empty comment text');
  return null;
}

// Mirrors server/handler/comment_create.go.
function checkArtalk(_ctx, _query, body) {
  if (!body || typeof body !== 'object') return artalkError(400, 'Invalid JSON');
  const keys = ['name', 'email', 'link', 'content', 'page_key', 'site_name', 'rid'];
  if (!onlyKeys(body, keys)) return artalkError(400, `The fake accepts only ${keys.join(', ')}`);
  if (!isString(body.name) || body.name.trim() === '') return artalkError(400, 'Nickname cannot be empty');
  if (!isString(body.email) || body.email.trim() === '') return artalkError(400, 'Email cannot be empty');
  if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(body.email)) return artalkError(400, 'Invalid Email');
  if (!isString(body.link) || (body.link !== '' && !/^https?:\/\/\S+$/.test(body.link))) return artalkError(400, 'Invalid Link');
  if (!isString(body.content) || body.content === '') return artalkError(400, 'Content cannot be empty');
  if (!isString(body.page_key) || !isString(body.site_name)) return artalkError(400, 'page_key and site_name are required');
  if (!Number.isInteger(body.rid) || body.rid < 0) return artalkError(400, 'rid must be an unsigned integer');
  return null;
}

// Mirrors Twikoo 1.7.9's validate() and its answers (HTTP 200, `code` 1000): every call is
// POST / with an `event`. The fake also refuses a call without an accessToken (Twikoo would
// give the comment no owner) and fields TwikooAdapter should not send.
const twikooError = (message) => ({ status: 200, body: { code: 1000, message } });
const TWIKOO_FIELDS = {
  COMMENT_GET: ['event', 'accessToken', 'url', 'before'],
  COMMENT_SUBMIT: ['event', 'accessToken', 'url', 'href', 'ua', 'nick', 'mail', 'link', 'comment', 'pid', 'rid'],
  GET_COMMENTS_COUNT: ['event', 'accessToken', 'urls', 'includeReply'],
};
function checkTwikoo(_ctx, _query, body) {
  if (!body || typeof body !== 'object' || !isString(body.event)) return twikooError('(the fake) no event');
  const fields = TWIKOO_FIELDS[body.event];
  if (!fields) return { status: 200, body: { code: 1001, message: '请更新 Twikoo 云函数至最新版本' } };
  if (!onlyKeys(body, fields)) return twikooError(`(the fake) ${body.event} takes only ${fields.join(', ')}`);
  if (!isString(body.accessToken) || !/^[0-9a-f]{32}$/.test(body.accessToken)) return twikooError('(the fake) no accessToken');
  const required = { COMMENT_GET: ['url'], COMMENT_SUBMIT: ['url', 'ua', 'comment'], GET_COMMENTS_COUNT: ['urls'] }[body.event];
  const missing = required.find((key) => !body[key]);
  if (!missing) return null;
  const message = `参数"${missing}"不合法`;
  // COMMENT_GET reports its own failure with an empty list and no code.
  return body.event === 'COMMENT_GET' ? { status: 200, body: { data: [], message } } : twikooError(message);
}

const none = () => null;
const checks = { isso: checkIsso, remark42: checkRemark42, artalk: checkArtalk, waline: none, rest: none, twikoo: checkTwikoo };

function notFound(backend) {
  if (backend === 'isso') return issoError(404, 'Not Found', 'The requested URL was not found on the server.');
  if (backend === 'remark42') return { status: 404, type: 'text/plain', body: '404 page not found\n' };
  if (backend === 'waline' || backend === 'rest' || backend === 'twikoo') return { status: 404, type: 'text/plain', body: 'Not Found' };
  return artalkError(404, 'Not found');
}

function send(ctx, response) {
  ctx.status = response.status;
  for (const [name, value] of Object.entries(response.headers ?? {})) ctx.set(name, value);
  if (typeof response.body === 'string') {
    ctx.type = response.type ?? 'text/plain';
    ctx.body = response.body;
  } else {
    ctx.type = 'application/json';
    ctx.body = JSON.stringify(response.body);
  }
}

function hang(ctx) {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, HANG_LIMIT_MS);
    ctx.res.once('close', () => {
      clearTimeout(timer);
      resolve();
    });
  }).then(() => send(ctx, { status: 504, type: 'text/plain', body: 'gave up waiting' }));
}

// What Isso's CORS middleware adds to every answer (recorded from Isso 0.14.0), for an
// Isso whose `host` setting names the page's origin.
function issoCors(ctx) {
  const origin = ctx.get('origin');
  if (!origin) return;
  ctx.set('Access-Control-Allow-Origin', origin);
  ctx.set('Access-Control-Allow-Credentials', 'true');
  ctx.set('Access-Control-Allow-Methods', 'HEAD, GET, POST, PUT, DELETE');
  ctx.set('Access-Control-Allow-Headers', 'Origin, Referer, Content-Type');
  ctx.set('Access-Control-Expose-Headers', 'X-Set-Cookie, Date');
}

export default async function backends(ctx, next) {
  const match = PREFIX.exec(ctx.path);
  if (!match) return next();
  const [, backend, path] = match;
  const query = new URL(ctx.url, 'http://fake.invalid').searchParams;
  if (backend === 'isso') {
    issoCors(ctx);
    if (ctx.method === 'OPTIONS') return send(ctx, { status: 200, type: 'text/plain', body: '' });
  }

  if (ctx.method === 'GET' && path === '/__last-post') {
    return send(ctx, { status: 200, body: lastPost.get(backend) ?? null });
  }

  let body;
  if (ctx.method === 'PUT') {
    try {
      body = JSON.parse(await readBody(ctx.req));
    } catch {
      body = undefined;
    }
  }
  if (ctx.method === 'POST') {
    const raw = await readBody(ctx.req);
    try {
      body = JSON.parse(raw);
    } catch {
      body = undefined;
    }
    lastPost.set(backend, {
      path,
      query: Object.fromEntries(query),
      contentType: ctx.get('content-type'),
      token: ctx.get('x-token'),
      body: body ?? raw,
    });
    const failure = checks[backend](ctx, query, body);
    if (failure) return send(ctx, failure);
  }

  const cookies = (ctx.get('cookie') || '').split(';').map((c) => c.trim().split('=')[0]);
  const exchange = exchanges(backend).find((e) => matches(e, ctx.method, path, query, body, cookies));
  if (!exchange) return send(ctx, notFound(backend));
  if (exchange.response.hang) return hang(ctx);
  return send(ctx, exchange.response);
}

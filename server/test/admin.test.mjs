// The moderation page's server side (server/admin/): sign-in sessions and their cookie,
// CSRF refusals, the guess throttle, every action checked in the database, and the audit
// log — on SQLite, and on PostgreSQL in a throwaway cluster (skipped where PostgreSQL is
// not installed, except in CI).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { createServer, request } from 'node:http';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAdmin, ADMIN_CSP } from '../admin/admin-http.mjs';
import { withReplies } from '../admin/moderation-rows.mjs';
import { sessionHash, tokenFingerprint } from '../admin/sessions.mjs';
import { openCommentStore } from '../comment-store.mjs';
import { createApi } from '../http-api.mjs';
import { createSpamFilter } from '../spam.mjs';
import { openPgStore } from '../pg-store.mjs';
import { createDatabase, findPostgresBin, startPostgres } from './postgres-cluster.mjs';
import { startServer as startProcess } from './server-process.mjs';

const TOKEN = 'a'.repeat(20) + 'moderation-token-for-tests';
const sha256 = (text) => createHash('sha256').update(text).digest('hex');
/** What the store keeps of a cookie value signed in with TOKEN. */
const stored = (value) => sessionHash(value, tokenFingerprint(TOKEN));

/** A raw HTTP call: fetch would not let a test set Host, Origin or Sec-Fetch-Site. */
function call(base, method, path, { headers = {}, body } = {}) {
  const url = new URL(path, base);
  const data = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = request(url, {
      method,
      headers: { ...(data === undefined ? {} : { 'Content-Type': 'application/json' }), ...headers },
    }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let json = null;
        try { json = JSON.parse(text); } catch {}
        resolve({ status: res.statusCode, headers: res.headers, text, json });
      });
    });
    req.on('error', reject);
    req.end(data);
  });
}

/** The server as main.mjs puts it together: the moderation page first, then the API. */
async function startServer(store, { api: apiOptions = {}, ...options } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'parley-admin-'));
  const bundlePath = join(dir, 'parley-admin.js');
  writeFileSync(bundlePath, 'export {};\n');
  const admin = createAdmin({ store, adminToken: TOKEN, bundlePath, log: () => {}, onError: (e) => { throw e; }, ...options });
  const api = createApi({ store, adminToken: TOKEN, log: () => {}, onError: (e) => { throw e; }, ...apiOptions });
  const server = createServer((req, res) => {
    if (admin(req, res)) return;
    if (!api(req, res)) { res.statusCode = 404; res.end(); }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${server.address().port}`;
  return {
    base,
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Signs in through the form's endpoint; returns the cookie header and the CSRF token. */
async function signIn(base) {
  const res = await call(base, 'POST', '/admin/session', { body: { token: TOKEN }, headers: { Origin: base, 'Sec-Fetch-Site': 'same-origin' } });
  assert.equal(res.status, 200, res.text);
  const cookie = res.headers['set-cookie'][0].split(';')[0];
  return { cookie, csrf: res.json.csrf, setCookie: res.headers['set-cookie'][0] };
}

/** Headers of a same-origin call from the page, with its cookie and CSRF token. */
const fromPage = (base, { cookie, csrf }) => ({ Cookie: cookie, 'X-Parley-CSRF': csrf, Origin: base, 'Sec-Fetch-Site': 'same-origin' });

/**
 * @param {{ label: string, open: () => Promise<any>, statusOf: (store: any, id: string) => Promise<string | null>,
 *   sessionHashes: (store: any) => Promise<string[]>, blocklist: (store: any) => Promise<string[]> }} backend
 */
function adminSuite({ label, open, statusOf, sessionHashes, blocklist }) {
  describe(`moderation page on ${label}`, () => {
    let store;
    let server;
    let base;
    let thread;
    let n = 0;
    before(async () => {
      store = await open();
      server = await startServer(store);
      base = server.base;
    });
    after(async () => {
      await server?.close();
      await store?.close();
    });

    /** Posts through the API (so the IP is recorded as a real post's is). */
    async function post(body, extra = {}) {
      const input = { parentId: null, author: { name: 'Tester' }, body, ...extra };
      const res = await call(base, 'POST', `/api/threads/${encodeURIComponent(thread)}/comments`, { body: input });
      assert.equal(res.status, 201, res.text);
      return res.json;
    }

    it('serves the page and its script under the strict policy', async () => {
      const page = await call(base, 'GET', '/admin/');
      assert.equal(page.status, 200);
      assert.equal(page.headers['content-security-policy'], ADMIN_CSP);
      assert.match(page.text, /<script type="module" src="parley-admin.js"><\/script>/);
      assert.doesNotMatch(page.text, /<style|style=|<script>/, 'no inline script or style');
      const script = await call(base, 'GET', '/admin/parley-admin.js');
      assert.equal(script.status, 200);
      assert.match(script.headers['content-type'], /^text\/javascript/);
      assert.equal((await call(base, 'GET', '/admin')).headers.location, '/admin/');
      assert.equal((await call(base, 'GET', '/admin?comment=c%201')).headers.location, '/admin/?comment=c%201', 'the query goes along');
    });

    it('signs in with the token into an HttpOnly, SameSite=Strict, path-scoped cookie with an expiry, stored hashed', async () => {
      const { cookie, csrf, setCookie } = await signIn(base);
      const parts = setCookie.split('; ');
      assert.ok(parts.includes('HttpOnly'));
      assert.ok(parts.includes('SameSite=Strict'));
      assert.ok(parts.includes('Path=/admin'));
      assert.ok(parts.includes('Max-Age=43200'));
      assert.ok(parts.some((p) => p.startsWith('Expires=')));
      assert.ok(parts.includes('Secure'), 'Secure on 127.0.0.1 too: a proxy may keep that Host over HTTPS');
      const value = cookie.split('=')[1];
      const hashes = await sessionHashes(store);
      assert.ok(hashes.includes(stored(value)), 'the hash is stored');
      assert.ok(!hashes.includes(sha256(value)), 'keyed with the token, not a bare hash');
      assert.ok(!hashes.includes(value), 'the cookie value itself is not');
      const again = await call(base, 'GET', '/admin/session', { headers: { Cookie: cookie } });
      assert.equal(again.status, 200);
      assert.equal(again.json.csrf, csrf);

      const remote = await call(base, 'POST', '/admin/session', { body: { token: TOKEN }, headers: { Host: 'comments.example' } });
      assert.ok(remote.headers['set-cookie'][0].split('; ').includes('Secure'), 'and anywhere else');
      const plain = await startServer(store, { secureCookie: false });
      try {
        const res = await call(plain.base, 'POST', '/admin/session', { body: { token: TOKEN }, headers: { Host: 'comments.example' } });
        assert.ok(!res.headers['set-cookie'][0].split('; ').includes('Secure'), 'only when the owner says plain HTTP');
      } finally {
        await plain.close();
      }
    });

    it('refuses an expired or unknown session', async () => {
      const value = 'x'.repeat(43);
      await store.createSession({ idHash: stored(value), csrf: 'c', createdAt: '2020-01-01T00:00:00.000Z', expiresAt: '2020-01-01T12:00:00.000Z' }, 50);
      for (const cookie of [`parley_admin=${value}`, `parley_admin=${'y'.repeat(43)}`, '']) {
        const res = await call(base, 'GET', '/admin/api/comments', { headers: { Cookie: cookie } });
        assert.equal(res.status, 401);
        assert.equal(res.json.error.code, 'signed-out');
      }
    });

    it('refuses state-changing calls without the CSRF token or from another site', async () => {
      thread = `csrf-${n++}`;
      const c = await post('held');
      const session = await signIn(base);
      const body = { action: 'spam', ids: [c.id] };
      const cases = [
        [{ Cookie: session.cookie }, 'csrf'],
        [{ Cookie: session.cookie, 'X-Parley-CSRF': 'wrong' }, 'csrf'],
        [{ ...fromPage(base, session), Origin: 'https://evil.example' }, 'cross-site'],
        [{ ...fromPage(base, session), 'Sec-Fetch-Site': 'cross-site' }, 'cross-site'],
        [{ ...fromPage(base, session), 'Sec-Fetch-Site': 'same-site' }, 'cross-site'],
      ];
      for (const [headers, code] of cases) {
        const res = await call(base, 'POST', '/admin/api/actions', { headers, body });
        assert.equal(res.status, 403, JSON.stringify(headers));
        assert.equal(res.json.error.code, code);
      }
      const form = await call(base, 'POST', '/admin/api/actions', { headers: { ...fromPage(base, session), 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'action=spam' });
      assert.equal(form.status, 415, 'a form post is not JSON');
      assert.equal(await statusOf(store, c.id), 'published', 'nothing changed');
      const crossSignIn = await call(base, 'POST', '/admin/session', { body: { token: TOKEN }, headers: { Origin: 'https://evil.example' } });
      assert.equal(crossSignIn.status, 403);
      const ok = await call(base, 'POST', '/admin/api/actions', { headers: fromPage(base, session), body });
      assert.equal(ok.status, 200);
      assert.equal(await statusOf(store, c.id), 'spam');
    });

    it('approves, rejects, marks as spam and deletes (replies with it), each in the database and the audit log', async () => {
      thread = `actions-${n++}`;
      const [a, b, c, d] = [await post('one'), await post('two'), await post('three'), await post('four')];
      const reply = await post('under four', { parentId: d.id });
      await store.setStatus([a.id, b.id], 'pending');
      const session = await signIn(base);
      const act = (action, ids) => call(base, 'POST', '/admin/api/actions', { headers: fromPage(base, session), body: { action, ids } });

      let res = await act('approve', [a.id, 'no-such-id']);
      assert.equal(res.status, 200);
      assert.deepEqual(res.json.done, [a.id]);
      assert.deepEqual(res.json.missing, ['no-such-id']);
      assert.equal(await statusOf(store, a.id), 'published');
      res = await act('reject', [b.id]);
      assert.equal(await statusOf(store, b.id), 'rejected');
      res = await act('spam', [c.id]);
      assert.equal(await statusOf(store, c.id), 'spam');
      res = await act('delete', [d.id]);
      assert.deepEqual(res.json.done, [d.id]);
      assert.deepEqual(new Set(res.json.removed), new Set([d.id, reply.id]));
      assert.equal(await statusOf(store, d.id), null);
      assert.equal(await statusOf(store, reply.id), null, 'the reply went with it');
      assert.equal(await store.count(thread), 1, 'readers see the approved one only');

      const audit = (await call(base, 'GET', '/admin/api/audit', { headers: { Cookie: session.cookie } })).json.entries;
      const actor = `session:${stored(session.cookie.split('=')[1]).slice(0, 12)}`;
      for (const [action, id] of [['approve', a.id], ['reject', b.id], ['spam', c.id], ['delete', d.id]]) {
        const entry = audit.find((e) => e.action === action && e.target === id);
        assert.ok(entry, `${action} is in the audit log`);
        assert.equal(entry.actor, actor);
        assert.ok(!Number.isNaN(Date.parse(entry.at)));
      }
      assert.ok(audit.some((e) => e.action === 'sign-in' && e.actor === actor));
      assert.ok(audit[0].seq > audit.at(-1).seq, 'newest first');

      res = await act('explode', [a.id]);
      assert.equal(res.status, 400);
      res = await act('approve', []);
      assert.equal(res.status, 400);
    });

    it('lists comments across threads newest first with e-mail and IP, filtered by thread and state', async () => {
      thread = `list-${n++}`;
      const first = await post('first', { author: { name: 'Ada', email: 'ada@example.com', url: 'https://ada.example/' } });
      const second = await post('second <b>bold</b>');
      await store.setStatus([second.id], 'pending');
      const session = await signIn(base);
      const get = async (query) => (await call(base, 'GET', `/admin/api/comments?${query}`, { headers: { Cookie: session.cookie } })).json;
      const all = await get(`thread=${encodeURIComponent(thread)}`);
      assert.deepEqual(all.comments.map((c) => c.id), [second.id, first.id]);
      const ada = all.comments[1];
      assert.equal(ada.author.email, 'ada@example.com');
      assert.equal(ada.author.url, 'https://ada.example/');
      assert.equal(ada.ip, '127.0.0.1');
      assert.equal(ada.thread, thread);
      assert.equal(all.comments[0].body, 'second <b>bold</b>', 'the body as written: the page shows it as text');
      assert.deepEqual((await get(`thread=${encodeURIComponent(thread)}&status=pending`)).comments.map((c) => c.id), [second.id]);
      assert.deepEqual((await get(`id=${encodeURIComponent(first.id)}`)).comments.map((c) => c.id), [first.id], 'one comment by id');
      const paged = await get(`thread=${encodeURIComponent(thread)}&limit=1`);
      assert.equal(paged.comments.length, 1);
      assert.deepEqual((await get(`thread=${encodeURIComponent(thread)}&before=${paged.next}`)).comments.map((c) => c.id), [first.id]);
      const across = await get('limit=200');
      assert.ok(new Set(across.comments.map((c) => c.thread)).size > 1, 'every thread');
      assert.ok((await get('')).comments.every((c, i, list) => i === 0 || list[i - 1].seq > c.seq));
      assert.ok((await call(base, 'GET', '/admin/api/threads', { headers: { Cookie: session.cookie } })).json.threads.includes(thread));
      assert.equal((await call(base, 'GET', '/admin/api/comments?status=gone', { headers: { Cookie: session.cookie } })).status, 400);
      // A comment its author deleted while it had replies stays as a placeholder: not listed.
      const parent = await post('to be deleted by its author');
      await post('a reply keeps it', { parentId: parent.id });
      assert.ok(parent.secret, 'the POST answers the secret that deletes it');
      const removed = await call(base, 'DELETE', `/api/threads/${encodeURIComponent(thread)}/comments/${parent.id}`, { headers: { 'X-Parley-Secret': parent.secret } });
      assert.equal(removed.status, 204, removed.text);
      assert.ok(!(await get(`thread=${encodeURIComponent(thread)}`)).comments.some((c) => c.id === parent.id));
    });

    it('blocks an e-mail and an IP into the spam blocklist, which then holds their comments', async () => {
      thread = `block-${n++}`;
      const session = await signIn(base);
      const block = (kind, value) => call(base, 'POST', '/admin/api/blocklist', { headers: fromPage(base, session), body: { kind, value } });
      assert.equal((await block('email', ' Spammer@Example.com ')).status, 201);
      assert.equal((await block('ip', '203.0.113.9')).status, 201);
      assert.equal((await block('email', 'no-at-sign')).status, 400);
      assert.equal((await block('phone', '1')).status, 400);
      const rows = await blocklist(store);
      assert.ok(rows.includes('email:spammer@example.com'));
      assert.ok(rows.includes('ip:203.0.113.9'));
      const audit = (await call(base, 'GET', '/admin/api/audit', { headers: { Cookie: session.cookie } })).json.entries;
      assert.ok(audit.some((e) => e.action === 'block' && e.target === 'email:spammer@example.com'));
    });

    it('lists which spam check caught a comment', async () => {
      const own = await startServer(store, { api: { spamFilter: createSpamFilter({ maxLinks: 1, minElapsedMs: 0 }) } });
      try {
        const where = `/api/threads/${encodeURIComponent(`caught-${n++}`)}/comments`;
        const send = async (body) => (await call(own.base, 'POST', where, { body: { parentId: null, author: { name: 'Sam' }, body } })).json.id;
        const caught = await send('see https://a.example and https://b.example');
        const clean = await send('a plain comment');
        const { comments } = (await call(own.base, 'GET', `/admin/api/comments?id=${caught}`, { headers: { Authorization: `Bearer ${TOKEN}` } })).json;
        assert.equal(comments[0].status, 'spam');
        assert.equal(comments[0].spamReason, 'links');
        const plain = (await call(own.base, 'GET', `/admin/api/comments?id=${clean}`, { headers: { Authorization: `Bearer ${TOKEN}` } })).json.comments;
        assert.equal(plain[0].spamReason, null);
      } finally {
        await own.close();
      }
    });

    it('takes the bearer token on the admin API without a cookie or CSRF token, and audits the API approve', async () => {
      thread = `bearer-${n++}`;
      const c = await post('by bearer');
      await store.setStatus([c.id], 'pending');
      const headers = { Authorization: `Bearer ${TOKEN}` };
      const res = await call(base, 'POST', '/admin/api/actions', { headers, body: { action: 'reject', ids: [c.id] } });
      assert.equal(res.status, 200);
      assert.equal(await statusOf(store, c.id), 'rejected');
      const approved = await call(base, 'POST', `/api/admin/comments/${c.id}/approve`, { headers });
      assert.equal(approved.status, 200);
      const audit = await store.auditLog({ limit: 10 });
      assert.ok(audit.some((e) => e.actor === 'token' && e.action === 'reject' && e.target === c.id));
      assert.ok(audit.some((e) => e.actor === 'token' && e.action === 'approve' && e.target === c.id));
      const refused = await call(base, 'POST', `/api/admin/comments/${c.id}/approve`, { headers: { Authorization: 'Bearer not-the-token' } });
      assert.equal(refused.status, 401);
      const [last] = await store.auditLog({ limit: 1 });
      assert.deepEqual([last.actor, last.action, last.detail], ['token', 'sign-in-failed', 'from 127.0.0.1']);
    });

    it('signs out: the session is gone from the database and the cookie is cleared', async () => {
      const session = await signIn(base);
      const hash = stored(session.cookie.split('=')[1]);
      const res = await call(base, 'DELETE', '/admin/session', { headers: fromPage(base, session) });
      assert.equal(res.status, 204);
      assert.match(res.headers['set-cookie'][0], /^parley_admin=; Path=\/admin; Max-Age=0/);
      assert.ok(!(await sessionHashes(store)).includes(hash));
      assert.deepEqual((await call(base, 'GET', '/admin/session', { headers: { Cookie: session.cookie } })).json, { signedIn: false });
      assert.equal((await call(base, 'GET', '/admin/api/comments', { headers: { Cookie: session.cookie } })).status, 401);
      const audit = await store.auditLog({ limit: 5 });
      assert.ok(audit.some((e) => e.action === 'sign-out' && e.actor === `session:${hash.slice(0, 12)}`));
    });

    it('signs everyone out when the admin token changes', async () => {
      const session = await signIn(base);
      const headers = { Cookie: session.cookie };
      const rotated = await startServer(store, { adminToken: 'b'.repeat(20) + 'the-rotated-admin-token' });
      try {
        assert.deepEqual((await call(rotated.base, 'GET', '/admin/session', { headers })).json, { signedIn: false });
        const res = await call(rotated.base, 'GET', '/admin/api/comments', { headers });
        assert.equal(res.status, 401);
        assert.equal(res.json.error.code, 'signed-out');
      } finally {
        await rotated.close();
      }
      // The same token still knows it: the session is bound to the token, not lost.
      assert.equal((await call(base, 'GET', '/admin/api/comments', { headers })).status, 200);
    });

    it('signs out everywhere: every session ends, audited', async () => {
      const one = await signIn(base);
      const two = await signIn(base);
      assert.equal((await call(base, 'DELETE', '/admin/sessions', { headers: { Cookie: one.cookie } })).status, 403, 'not without the CSRF token');
      assert.equal((await call(base, 'GET', '/admin/api/comments', { headers: { Cookie: two.cookie } })).status, 200);
      const res = await call(base, 'DELETE', '/admin/sessions', { headers: fromPage(base, one) });
      assert.equal(res.status, 204);
      assert.match(res.headers['set-cookie'][0], /^parley_admin=; Path=\/admin; Max-Age=0/);
      for (const { cookie } of [one, two]) {
        assert.equal((await call(base, 'GET', '/admin/api/comments', { headers: { Cookie: cookie } })).status, 401);
      }
      assert.deepEqual(await sessionHashes(store), []);
      const audit = await store.auditLog({ limit: 5 });
      assert.ok(audit.some((e) => e.action === 'sign-out-everywhere' && e.actor === `session:${stored(one.cookie.split('=')[1]).slice(0, 12)}`));
    });

    it('throttles wrong tokens: after five from one client even the right one waits, and each failure is audited', async () => {
      // A server of its own: the throttle's state is per server.
      const own = await startServer(store);
      try {
        const before = (await store.auditLog({ limit: 200 })).filter((e) => e.action === 'sign-in-failed').length;
        const statuses = [];
        for (let i = 0; i < 6; i += 1) {
          statuses.push((await call(own.base, 'POST', '/admin/session', { body: { token: `wrong-${i}` } })).status);
        }
        assert.deepEqual(statuses, [401, 401, 401, 401, 401, 429]);
        const right = await call(own.base, 'POST', '/admin/session', { body: { token: TOKEN } });
        assert.equal(right.status, 429, 'refused before the token is compared');
        assert.ok(Number(right.headers['retry-after']) > 0);
        const bearer = await call(own.base, 'GET', '/admin/api/comments', { headers: { Authorization: `Bearer ${TOKEN}` } });
        assert.equal(bearer.status, 429, 'the bearer header shares the throttle');
        const after = (await store.auditLog({ limit: 200 })).filter((e) => e.action === 'sign-in-failed');
        assert.equal(after.length - before, 5);
        assert.equal(after[0].actor, 'form');
        assert.equal(after[0].detail, 'from 127.0.0.1');
      } finally {
        await own.close();
      }
    });

    it('refuses wrong tokens from everyone after 30 in a minute, but lets the right one in', async () => {
      // trustProxy: the guessers are told apart by X-Forwarded-For.
      const own = await startServer(store, { trustProxy: true });
      try {
        const from = (address) => ({ 'X-Forwarded-For': address });
        const statuses = [];
        // Three wrong tokens from each of ten addresses: under each one's limit, 30 in all.
        for (let i = 0; i < 31; i += 1) {
          statuses.push((await call(own.base, 'POST', '/admin/session', { body: { token: `wrong-${i}` }, headers: from(`198.51.100.${i % 10}`) })).status);
        }
        assert.deepEqual(statuses, [...Array(30).fill(401), 429]);
        const failed = (await store.auditLog({ limit: 200 })).filter((e) => e.action === 'sign-in-failed').length;
        const wrong = await call(own.base, 'POST', '/admin/session', { body: { token: 'wrong-again' }, headers: from('203.0.113.1') });
        assert.equal(wrong.status, 429, 'a wrong token from anyone is refused');
        assert.equal((await store.auditLog({ limit: 200 })).filter((e) => e.action === 'sign-in-failed').length, failed, 'and not counted or audited');
        const right = await call(own.base, 'POST', '/admin/session', { body: { token: TOKEN }, headers: from('203.0.113.2') });
        assert.equal(right.status, 200, 'the owner is not locked out');
        const bearer = await call(own.base, 'GET', '/admin/api/comments', { headers: { Authorization: `Bearer ${TOKEN}`, ...from('203.0.113.3') } });
        assert.equal(bearer.status, 200, 'nor is the bearer API');
        const wrongBearer = await call(own.base, 'GET', '/admin/api/comments', { headers: { Authorization: 'Bearer nope', ...from('203.0.113.3') } });
        assert.equal(wrongBearer.status, 429);
      } finally {
        await own.close();
      }
    });

    it('is off without an admin token', async () => {
      const off = await startServer(store, { adminToken: null });
      try {
        const res = await call(off.base, 'POST', '/admin/session', { body: { token: TOKEN } });
        assert.equal(res.status, 401);
        assert.equal(res.json.error.code, 'disabled');
      } finally {
        await off.close();
      }
    });
  });
}

describe('the session cookie of parley-server', () => {
  it('is Secure without --public-url, and without Secure only under --public-url http://…', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'parley-admin-cookie-'));
    const secureOf = async (args) => {
      const server = await startProcess(['--db', join(dir, 'comments.db'), ...args], { env: { ...process.env, PARLEY_ADMIN_TOKEN: TOKEN } });
      try {
        const res = await call(new URL(server.url).origin, 'POST', '/admin/session', { body: { token: TOKEN } });
        assert.equal(res.status, 200, res.text);
        return res.headers['set-cookie'][0].split('; ').includes('Secure');
      } finally {
        await server.stop();
      }
    };
    try {
      assert.equal(await secureOf([]), true, 'Host 127.0.0.1 (as behind a proxy) changes nothing');
      assert.equal(await secureOf(['--public-url', 'https://comments.example']), true);
      assert.equal(await secureOf(['--public-url', 'http://127.0.0.1:8787']), false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('withReplies', () => {
  it('finds every reply under the named comments, deep chains in linear time', () => {
    const rows = [{ id: 'r', parent_id: null, root_seq: 1 }];
    for (let i = 1; i <= 20_000; i += 1) rows.push({ id: `c${i}`, parent_id: i === 1 ? 'r' : `c${i - 1}`, root_seq: 1 });
    rows.push({ id: 'other', parent_id: 'r', root_seq: 1 });
    assert.equal(withReplies([rows[0]], () => rows).length, rows.length);
    assert.deepEqual(withReplies([rows[19_999]], () => rows).map((r) => r.id), ['c19999', 'c20000']);
  });
});

adminSuite({
  label: 'SQLite',
  open: async () => openCommentStore(':memory:'),
  statusOf: async (store, id) => store.db.prepare('SELECT status FROM comments WHERE id = ?').pluck().get(id) ?? null,
  sessionHashes: async (store) => store.db.prepare('SELECT id_hash FROM admin_sessions').pluck().all(),
  blocklist: async (store) => store.db.prepare('SELECT kind, value FROM blocklist').all().map((r) => `${r.kind}:${r.value}`),
});

const skip = !findPostgresBin() && !process.env.CI ? 'PostgreSQL is not installed (apt-get install postgresql); CI installs it' : false;
describe('on PostgreSQL', { skip }, () => {
  let cluster;
  let url;
  before(async () => {
    cluster = await startPostgres();
    url = await createDatabase(cluster.url, 'parley_admin');
  });
  after(() => cluster?.stop());
  adminSuite({
    label: 'PostgreSQL',
    open: () => openPgStore(url),
    statusOf: async (store, id) => (await store.pool.query('SELECT status FROM parley_comments WHERE id = $1', [id])).rows[0]?.status ?? null,
    sessionHashes: async (store) => (await store.pool.query('SELECT id_hash FROM parley_admin_sessions')).rows.map((r) => r.id_hash),
    blocklist: async (store) => (await store.pool.query('SELECT kind, value FROM parley_blocklist')).rows.map((r) => `${r.kind}:${r.value}`),
  });
});

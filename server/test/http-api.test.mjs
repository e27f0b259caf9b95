import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { comment, postJson, startApi } from './helpers.mjs';

const ADMIN_TOKEN = 'an-admin-token-that-is-long-enough-to-use';
const threadPath = (url, thread) => `${url}/threads/${encodeURIComponent(thread)}/comments`;

describe('http api: reading and writing', () => {
  let api;
  before(async () => {
    api = await startApi({ pageSize: 2 });
  });
  after(() => api.close());

  it('creates with 201 and lists with 200, as JSON with nosniff and no-store', async () => {
    const url = threadPath(api.url, 'basics');
    const created = await postJson(url, comment('  First!  '));
    assert.equal(created.status, 201);
    assert.equal(created.headers.get('content-type'), 'application/json; charset=utf-8');
    assert.equal(created.headers.get('x-content-type-options'), 'nosniff');
    assert.equal(created.body.body, 'First!');
    assert.equal(created.body.status, 'published');

    const response = await fetch(url);
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('cache-control'), 'no-store');
    // The secret that lets its author change it is in the POST's answer only.
    const { secret, editableUntil, ...record } = created.body;
    assert.ok(secret && editableUntil);
    assert.deepEqual(await response.json(), { comments: [record], next: null, total: 1 });
  });

  it('pages with an opaque cursor and answers a malformed cursor with 400', async () => {
    const url = threadPath(api.url, 'paged');
    for (const body of ['a', 'b', 'c']) assert.equal((await postJson(url, comment(body))).status, 201);
    const first = await (await fetch(url)).json();
    assert.deepEqual(first.comments.map((c) => c.body), ['a', 'b']);
    assert.equal(first.total, 3);
    assert.equal(typeof first.next, 'string');
    const second = await (await fetch(`${url}?cursor=${encodeURIComponent(first.next)}`)).json();
    assert.deepEqual(second.comments.map((c) => c.body), ['c']);
    assert.equal(second.next, null);

    const bad = await fetch(`${url}?cursor=not-a-cursor`);
    assert.equal(bad.status, 400);
    assert.match((await bad.json()).error.message, /cursor is not valid/);
  });

  it('answers 400 for a reply to an unknown parent or to a parent in another thread', async () => {
    const inA = await postJson(threadPath(api.url, 'parent-a'), comment('in a'));
    const foreign = await postJson(threadPath(api.url, 'parent-b'), comment('reply', inA.body.id));
    assert.equal(foreign.status, 400);
    assert.match(foreign.body.error.message, /parentId ".+" is not a comment of this thread/);
    const unknown = await postJson(threadPath(api.url, 'parent-a'), comment('reply', 'no-such-id'));
    assert.equal(unknown.status, 400);
    assert.match(unknown.body.error.message, /parentId "no-such-id"/);
    const same = await postJson(threadPath(api.url, 'parent-a'), comment('reply', inA.body.id));
    assert.equal(same.status, 201);
    assert.equal(same.body.parentId, inA.body.id);
  });

  it('answers 400 with the validation message for a bad NewComment or bad JSON', async () => {
    const url = threadPath(api.url, 'invalid');
    const empty = await postJson(url, comment(''));
    assert.equal(empty.status, 400);
    assert.match(empty.body.error.message, /body is empty/);
    const longName = await postJson(url, comment('ok', null, 'n'.repeat(101)));
    assert.match(longName.body.error.message, /name is too long/);
    const notJson = await postJson(url, '{"body": ');
    assert.equal(notJson.status, 400);
    assert.match(notJson.body.error.message, /not valid UTF-8 JSON/);
    // 20 KB of text is under the 64 KB body limit but over the 10,000-character rule.
    const long = await postJson(url, comment('x'.repeat(20_000)));
    assert.equal(long.status, 400);
    assert.match(long.body.error.message, /too long/);
  });

  it('round-trips thread keys with slashes, spaces and unicode', async () => {
    const keys = ['/blog/2024/real leadership/', 'a b', 'ünï 😀 ?#&=+%', 'a/comments/b'];
    for (const key of keys) {
      const created = await postJson(threadPath(api.url, key), comment(`in ${key}`));
      assert.equal(created.status, 201, key);
      const page = await (await fetch(threadPath(api.url, key))).json();
      assert.deepEqual(page.comments.map((c) => c.body), [`in ${key}`], key);
    }
    // A client that leaves "/" unencoded reaches the same thread.
    const raw = await (await fetch(`${api.url}/threads/blog/2024/real%20leadership/comments`)).json();
    assert.equal(raw.total, 0);
    const rawSame = await (await fetch(`${api.url}/threads//blog/2024/real%20leadership//comments`)).json();
    assert.equal(rawSame.total, 1);
  });

  it('answers 400 for a thread key that is overlong or badly encoded', async () => {
    const long = await fetch(threadPath(api.url, 'k'.repeat(201)));
    assert.equal(long.status, 400);
    assert.match((await long.json()).error.message, /thread key is too long/);
    const broken = await fetch(`${api.url}/threads/%E0%A4%A/comments`);
    assert.equal(broken.status, 400);
    assert.match((await broken.json()).error.message, /percent-encoded/);
  });

  it('answers 404 for an unknown route and 405 for a wrong method', async () => {
    const missing = await fetch(`${api.url}/nothing-here`);
    assert.equal(missing.status, 404);
    assert.match((await missing.json()).error.message, /No such API route/);
    const wrong = await fetch(threadPath(api.url, 't'), { method: 'DELETE' });
    assert.equal(wrong.status, 405);
    assert.equal(wrong.headers.get('allow'), 'GET, POST, OPTIONS');
    assert.ok((await wrong.json()).error.message);
  });

  it('answers 415 for a body that is not declared as JSON', async () => {
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'application/json; charset=latin1']) {
      const response = await fetch(threadPath(api.url, 't'), {
        method: 'POST',
        headers: { 'Content-Type': type },
        body: JSON.stringify(comment('x')),
      });
      assert.equal(response.status, 415, type);
      assert.match((await response.json()).error.message, /as JSON/);
    }
  });

  it('answers 413 for a body over 64 KB, declared or streamed', async () => {
    const big = JSON.stringify(comment('x'.repeat(70_000)));
    const declared = await postJson(threadPath(api.url, 't'), big);
    assert.equal(declared.status, 413);
    assert.match(declared.body.error.message, /larger than 65536 bytes/);

    // Chunked, without Content-Length: the server has to count while reading.
    const streamed = await new Promise((resolve, reject) => {
      const req = request(threadPath(api.url, 't'), {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' },
      });
      req.on('response', (res) => {
        let text = '';
        res.on('data', (chunk) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode, text }));
      });
      // The server may close the connection before everything is sent.
      req.on('error', (error) => (error.code === 'EPIPE' || error.code === 'ECONNRESET' ? null : reject(error)));
      for (let i = 0; i < 8; i += 1) req.write('x'.repeat(16_384));
      req.end();
    });
    assert.equal(streamed.status, 413);
    assert.match(JSON.parse(streamed.text).error.message, /larger than/);
  });

  it('leaves paths outside the base path to the next handler', async () => {
    const outside = await fetch(api.url.replace(/\/api$/, '/apix/threads/t/comments'));
    assert.equal(outside.status, 418);
  });
});

describe('http api: counts', () => {
  let api;
  before(async () => {
    api = await startApi({ moderation: true, adminToken: ADMIN_TOKEN, threadFilter: (thread) => thread !== 'ruled-out' });
  });
  after(() => api.close());

  const counts = (...threads) => fetch(`${api.url}/counts?${new URLSearchParams(threads.map((t) => ['thread', t]))}`);
  const publish = (id) =>
    fetch(`${api.url}/admin/comments/${encodeURIComponent(id)}/approve`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${ADMIN_TOKEN}` },
    });

  it('answers the published comments of each thread named, in one JSON object', async () => {
    const a = threadPath(api.url, 'count a');
    const first = await postJson(a, comment('one'));
    await publish(first.body.id);
    await publish((await postJson(a, comment('reply', first.body.id))).body.id);
    await postJson(a, comment('still pending'));
    await publish((await postJson(threadPath(api.url, 'count/b?x&thread=y'), comment('b'))).body.id);

    const response = await counts('count a', 'count/b?x&thread=y', 'count none', 'count a');
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-type'), 'application/json; charset=utf-8');
    assert.equal(response.headers.get('cache-control'), 'no-store');
    assert.deepEqual(await response.json(), { 'count a': 2, 'count/b?x&thread=y': 1, 'count none': 0 });
  });

  it('leaves out the keys the thread filter rules out, as the comments route answers them 404', async () => {
    assert.deepEqual(await (await counts('ruled-out', 'kept')).json(), { kept: 0 });
  });

  it('counts a thread named __proto__ as any other', async () => {
    assert.equal(await (await counts('__proto__')).text(), '{"__proto__":0}');
  });

  it('takes 100 threads and answers 400 above, or with none, or with a bad key', async () => {
    const hundred = Array.from({ length: 100 }, (_, i) => `many-${i}`);
    const ok = await counts(...hundred);
    assert.equal(ok.status, 200);
    assert.equal(Object.keys(await ok.json()).length, 100);

    const tooMany = await counts(...hundred, 'one-more');
    assert.equal(tooMany.status, 400);
    assert.equal((await tooMany.json()).error.message, 'Ask for at most 100 threads per request, not 101.');

    const none = await fetch(`${api.url}/counts`);
    assert.equal(none.status, 400);
    assert.match((await none.json()).error.message, /Name the threads to count/);

    const long = await counts('ok', 'x'.repeat(201));
    assert.equal(long.status, 400);
    assert.match((await long.json()).error.message, /thread key is too long/);
    assert.equal((await counts('ok', '')).status, 400);
  });

  it('answers 405 to anything but GET', async () => {
    const response = await fetch(`${api.url}/counts?thread=a`, { method: 'POST' });
    assert.equal(response.status, 405);
    assert.equal(response.headers.get('allow'), 'GET, OPTIONS');
  });

  it('is a read for the read rate limit: one per request, however many threads', async () => {
    const limited = await startApi({ readRateLimit: { windowMs: 60_000, max: 2 } });
    try {
      const ask = () => fetch(`${limited.url}/counts?${new URLSearchParams(Array.from({ length: 50 }, (_, i) => ['thread', `t${i}`]))}`);
      assert.equal((await ask()).status, 200);
      assert.equal((await ask()).status, 200);
      const third = await ask();
      assert.equal(third.status, 429);
      assert.ok(third.headers.get('retry-after'));
    } finally {
      await limited.close();
    }
  });
});

describe('http api: CORS', () => {
  let api;
  before(async () => {
    api = await startApi({ corsOrigins: ['https://blog.example/', 'http://localhost:8080'] });
  });
  after(() => api.close());

  it('echoes an allowed origin and varies on Origin', async () => {
    const response = await fetch(threadPath(api.url, 't'), { headers: { Origin: 'https://blog.example' } });
    assert.equal(response.headers.get('access-control-allow-origin'), 'https://blog.example');
    assert.equal(response.headers.get('vary'), 'Origin');
    const posted = await postJson(threadPath(api.url, 't'), comment('x'), { Origin: 'http://localhost:8080' });
    assert.equal(posted.headers.get('access-control-allow-origin'), 'http://localhost:8080');
  });

  it('answers the preflight of an allowed origin for Content-Type', async () => {
    const response = await fetch(threadPath(api.url, 't'), {
      method: 'OPTIONS',
      headers: {
        Origin: 'https://blog.example',
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'content-type',
      },
    });
    assert.equal(response.status, 204);
    assert.equal(response.headers.get('access-control-allow-origin'), 'https://blog.example');
    assert.match(response.headers.get('access-control-allow-methods'), /POST/);
    assert.match(response.headers.get('access-control-allow-headers'), /Content-Type/i);
  });

  it('sends no CORS headers to any other origin', async () => {
    for (const origin of ['https://evil.example', 'https://blog.example.evil', 'null']) {
      const response = await fetch(threadPath(api.url, 't'), { headers: { Origin: origin } });
      assert.equal(response.headers.get('access-control-allow-origin'), null, origin);
      const preflight = await fetch(threadPath(api.url, 't'), {
        method: 'OPTIONS',
        headers: { Origin: origin, 'Access-Control-Request-Method': 'POST' },
      });
      assert.equal(preflight.headers.get('access-control-allow-origin'), null, origin);
      assert.equal(preflight.headers.get('access-control-allow-methods'), null, origin);
    }
  });
});

describe('http api: rate limit', () => {
  it('answers 429 with Retry-After once an IP has posted max times in a window', async () => {
    const api = await startApi({ rateLimit: { windowMs: 60_000, max: 2 } });
    try {
      const url = threadPath(api.url, 'rate');
      assert.equal((await postJson(url, comment('1'))).status, 201);
      assert.equal((await postJson(url, comment('2'))).status, 201);
      const limited = await postJson(url, comment('3'));
      assert.equal(limited.status, 429);
      assert.ok(Number(limited.headers.get('retry-after')) > 0);
      assert.ok(Number(limited.headers.get('retry-after')) <= 60);
      assert.match(limited.body.error.message, /Too many comments/);
      // Reading is not limited.
      assert.equal((await fetch(url)).status, 200);
    } finally {
      await api.close();
    }
  });

  it('opens a new window after windowMs', async () => {
    const { createRateLimiter } = await import('../rate-limit.mjs');
    // Windows are aligned to multiples of windowMs: this one ends at 10 s.
    let time = 1_000;
    const limiter = createRateLimiter({ windowMs: 10_000, max: 1, now: () => time });
    assert.equal(limiter.take('ip').allowed, true);
    assert.deepEqual(limiter.take('ip'), { allowed: false, retryAfterSeconds: 9 });
    assert.equal(limiter.take('other-ip').allowed, true);
    time = 9_999;
    assert.equal(limiter.take('ip').allowed, false);
    time = 10_000;
    assert.equal(limiter.take('ip').allowed, true);
  });
});

describe('http api: moderation', () => {
  let api;
  before(async () => {
    api = await startApi({ moderation: true, adminToken: ADMIN_TOKEN });
  });
  after(() => api.close());

  const approve = (id, token) =>
    fetch(`${api.url}/admin/comments/${encodeURIComponent(id)}/approve`, {
      method: 'POST',
      headers: token ? { Authorization: `Bearer ${token}` } : {},
    });

  it('keeps a new comment pending and unlisted until approved with the admin token', async () => {
    const url = threadPath(api.url, 'moderated');
    const created = await postJson(url, comment('wait for it'));
    assert.equal(created.status, 201);
    assert.equal(created.body.status, 'pending');
    assert.deepEqual(await (await fetch(url)).json(), { comments: [], next: null, total: 0 });

    const anonymous = await approve(created.body.id);
    assert.equal(anonymous.status, 401);
    assert.equal(anonymous.headers.get('www-authenticate'), 'Bearer');
    assert.equal((await approve(created.body.id, 'wrong')).status, 401);
    const unknown = await approve('no-such-id', ADMIN_TOKEN);
    assert.equal(unknown.status, 404);
    assert.match((await unknown.json()).error.message, /No comment with id "no-such-id"/);
    assert.equal((await fetch(`${api.url}/admin/comments/x/approve`)).status, 405);

    const approved = await approve(created.body.id, ADMIN_TOKEN);
    assert.equal(approved.status, 200);
    assert.equal((await approved.json()).status, 'published');
    const page = await (await fetch(url)).json();
    assert.deepEqual(page.comments.map((c) => c.id), [created.body.id]);
    assert.equal(page.total, 1);
  });

  it('refuses every approval when no admin token is configured', async () => {
    const open = await startApi({ moderation: true });
    try {
      const created = await postJson(threadPath(open.url, 't'), comment('x'));
      const response = await fetch(`${open.url}/admin/comments/${created.body.id}/approve`, {
        method: 'POST',
        headers: { Authorization: 'Bearer ' },
      });
      assert.equal(response.status, 401);
      assert.match((await response.json()).error.message, /disabled/);
    } finally {
      await open.close();
    }
  });
});

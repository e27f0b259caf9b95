// Spam defence, layer by layer: the pure checks, each layer through the HTTP API on
// SQLite and on PostgreSQL (caught → stored as spam, answered as held, never listed or
// counted; not caught → published), the schema migration, and the Akismet-compatible
// check against a stub server on 127.0.0.1 (spam, ham, error, timeout).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openCommentStore, SCHEMA_VERSION } from '../comment-store.mjs';
import { exportComments, restoreComments } from '../export.mjs';
import { openPgStore, SCHEMA_VERSION as PG_SCHEMA_VERSION } from '../pg-store.mjs';
import {
  akismetCheck,
  countLinks,
  createSpamFilter,
  parseBlocklist,
  screen,
  spamSignals,
} from '../spam.mjs';
import { postJson, startApi } from './helpers.mjs';
import { createDatabase, findPostgresBin, startPostgres } from './postgres-cluster.mjs';

const threadUrl = (api, thread) => `${api.url}/threads/${encodeURIComponent(thread)}/comments`;
const human = (body, extra = {}) => ({ parentId: null, body, author: { name: 'Ann', ...extra.author }, trap: '', elapsedMs: 8000, ...extra, ...(extra.author ? { author: { name: 'Ann', ...extra.author } } : {}) });
const clean = (body, author = { name: 'Ann' }) => ({ parentId: null, body, author });

describe('spam: the checks that need nothing but the post', () => {
  it('counts http and https links in one pass, in any case, and nothing else', () => {
    assert.equal(countLinks('no links, just http talk and https:/ broken'), 0);
    assert.equal(countLinks('see http://a.example and HTTPS://b.example/x?y and https://c'), 3);
    assert.equal(countLinks('httphttps://x'), 1);
    // Linear: a megabyte of near-misses is one quick pass.
    const started = performance.now();
    assert.equal(countLinks('http:/'.repeat(200_000)), 0);
    assert.ok(performance.now() - started < 500);
  });

  it('catches a filled honeypot, a form sent too fast, too many links, and each blocklist', () => {
    const ctx = { ip: '203.0.113.9' };
    assert.equal(screen(clean('hi'), { trap: '', elapsedMs: 5000 }, ctx), null);
    assert.equal(screen(clean('hi'), {}, ctx), null, 'a client that sends no signals is not judged by them');
    assert.equal(screen(clean('hi'), { trap: 'https://bot.example' }, ctx), 'honeypot');
    assert.equal(screen(clean('hi'), { elapsedMs: 400 }, ctx), 'too-fast');
    assert.equal(screen(clean('hi'), { elapsedMs: 400 }, { ...ctx, minElapsedMs: 0 }), null);
    const links = 'http://a http://b http://c';
    assert.equal(screen(clean(links), {}, ctx), null);
    assert.equal(screen(clean(`${links} http://d`), {}, ctx), 'links');
    assert.equal(screen(clean(`${links} http://d`), {}, { ...ctx, maxLinks: 4 }), null);
    const blocklist = parseBlocklist({ words: ['Cheap Pills'], ips: ['203.0.113.9'], emails: ['@spam.example', 'x@y.example'] });
    assert.equal(screen(clean('buy CHEAP pills'), {}, { ip: '1.2.3.4', blocklist }), 'blocked-word');
    assert.equal(screen(clean('hi', { name: 'cheap pills' }), {}, { ip: '1.2.3.4', blocklist }), 'blocked-word');
    assert.equal(screen(clean('hi'), {}, { ip: '203.0.113.9', blocklist }), 'blocked-ip');
    assert.equal(screen(clean('hi', { name: 'A', email: 'Bot@SPAM.example' }), {}, { ip: '1.2.3.4', blocklist }), 'blocked-email');
    assert.equal(screen(clean('hi', { name: 'A', email: 'X@y.example' }), {}, { ip: '1.2.3.4', blocklist }), 'blocked-email');
    assert.equal(screen(clean('hi', { name: 'A', email: 'ok@example.org' }), {}, { ip: '1.2.3.4', blocklist }), null);
  });

  it('reads only well-formed signals, and refuses a malformed blocklist file', () => {
    assert.deepEqual(spamSignals({ trap: '', elapsedMs: 12 }), { trap: '', elapsedMs: 12 });
    assert.deepEqual(spamSignals({ trap: 3, elapsedMs: 'soon' }), {});
    assert.deepEqual(spamSignals({ elapsedMs: Infinity }), {});
    assert.throws(() => parseBlocklist([]), /JSON object/);
    assert.throws(() => parseBlocklist({ words: [''] }), /non-empty strings/);
    assert.deepEqual(parseBlocklist({ ips: [' ::1 '] }), { words: [], ips: ['::1'], emails: [] });
  });
});

/** Each layer through the API, against one store. */
function layerSuite(open) {
  let api;
  let store;
  before(async () => {
    store = await open();
    await store.block('word', 'casino');
    api = await startApi({
      store,
      spamFilter: createSpamFilter({ blocklist: parseBlocklist({ ips: ['10.9.9.9'], emails: ['@spam.example'] }) }),
      log: () => {},
    });
  });
  after(() => api.close());

  /** Posts and checks the comment was held as spam: answered as held, stored as spam, not shown. */
  async function caught(thread, input) {
    const answer = await postJson(threadUrl(api, thread), input);
    assert.equal(answer.status, 201);
    assert.equal(answer.body.status, 'pending', 'answered as a held comment');
    const held = (await store.pending()).find(({ comment }) => comment.id === answer.body.id);
    assert.equal(held?.comment.status, 'spam', 'stored as spam, in the moderation queue');
    const page = await (await fetch(threadUrl(api, thread))).json();
    assert.deepEqual(page.comments.map((c) => c.id), []);
    assert.equal(page.total, 0);
    assert.equal((await store.counts([thread]))[thread] ?? 0, 0);
  }

  async function published(thread, input) {
    const answer = await postJson(threadUrl(api, thread), input);
    assert.equal(answer.status, 201);
    assert.equal(answer.body.status, 'published');
    assert.equal(await store.count(thread), 1);
  }

  it('honeypot: filled is spam, empty is published', async () => {
    await caught('trap-filled', human('Nice post', { trap: 'http://bot.example' }));
    await published('trap-empty', human('Nice post'));
  });

  it('time taken: under 3 s is spam, over is published', async () => {
    await caught('fast', human('Nice post', { elapsedMs: 900 }));
    await published('slow', human('Nice post', { elapsedMs: 3500 }));
  });

  it('links: four are spam, three are published', async () => {
    await caught('links-4', human('http://a http://b http://c http://d'));
    await published('links-3', human('http://a http://b http://c'));
  });

  it('blocklists: a stored word, a configured IP domain and e-mail domain are spam', async () => {
    await caught('word', human('Best CASINO bonus'));
    await caught('email', human('Hello', { author: { email: 'bot@spam.example' } }));
    await published('word-free', human('Best bonus'));
  });

  it('duplicates: the same body in the same thread is refused with the duplicate code; elsewhere it is new', async () => {
    await published('dup', human('Same words'));
    const again = await postJson(threadUrl(api, 'dup'), human('Same words'));
    assert.equal(again.status, 409);
    assert.equal(again.body.error.code, 'duplicate');
    assert.equal(await store.count('dup'), 1);
    await published('dup-other', human('Same words'));
  });

  it('a reply under a comment held as spam is neither listed nor counted', async () => {
    const answer = await postJson(threadUrl(api, 'under-spam'), human('Nice post', { trap: 'x' }));
    const reply = await postJson(threadUrl(api, 'under-spam'), { ...human('A reply'), parentId: answer.body.id });
    assert.equal(reply.status, 201);
    const page = await (await fetch(threadUrl(api, 'under-spam'))).json();
    assert.deepEqual([page.comments.length, page.total], [0, 0]);
    assert.equal(await store.count('under-spam'), 0);
    assert.equal((await store.counts(['under-spam']))['under-spam'] ?? 0, 0);
  });

  it('approving a spam comment publishes it (the moderator overrules the check)', async () => {
    const answer = await postJson(threadUrl(api, 'overruled'), human('Nice post', { trap: 'x' }));
    await store.approve(answer.body.id);
    assert.equal(await store.count('overruled'), 1);
  });
}

describe('spam: each layer through the API on SQLite', () => {
  layerSuite(() => openCommentStore(':memory:'));

  it('the blocked IP is the client address', async () => {
    const store = openCommentStore(':memory:');
    const api = await startApi({ store, spamFilter: createSpamFilter({ blocklist: parseBlocklist({ ips: ['127.0.0.1'] }) }), log: () => {} });
    try {
      const answer = await postJson(threadUrl(api, 'ip'), human('Hello'));
      assert.equal(answer.body.status, 'pending');
      assert.equal(store.pending()[0].comment.status, 'spam');
    } finally {
      await api.close();
    }
  });

  it('migrates a version 2 database to one that stores spam, keeping its comments', () => {
    const dir = mkdtempSync(join(tmpdir(), 'parley-spam-'));
    try {
      const file = join(dir, 'v2.db');
      const old = new Database(file);
      old.exec(`CREATE TABLE comments (seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, thread TEXT NOT NULL,
        parent_id TEXT, root_seq INTEGER NOT NULL, author_name TEXT NOT NULL, author_email TEXT, author_url TEXT,
        author_avatar_url TEXT, body TEXT NOT NULL, created_at TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('published', 'pending')));
        INSERT INTO comments VALUES (1, 'a', 't', NULL, 1, 'Al', NULL, NULL, NULL, 'hello', '2024-01-01T00:00:00.000Z', 'published');
        INSERT INTO comments VALUES (2, 'b', 't', NULL, 2, 'Bo', NULL, NULL, NULL, 'wait', '2024-01-02T00:00:00.000Z', 'pending');
        CREATE TABLE threads (thread TEXT PRIMARY KEY, comments INTEGER NOT NULL, bytes INTEGER NOT NULL);
        INSERT INTO threads VALUES ('t', 2, 13);
        CREATE TABLE totals (id INTEGER PRIMARY KEY CHECK (id = 1), bytes INTEGER NOT NULL);
        INSERT INTO totals VALUES (1, 13);
        PRAGMA user_version = 2;`);
      old.close();
      const store = openCommentStore(file);
      // Migrated past version 3 (spam) to the latest, whatever later versions add.
      assert.ok(SCHEMA_VERSION >= 3);
      assert.equal(store.db.pragma('user_version', { simple: true }), SCHEMA_VERSION);
      assert.deepEqual(store.list('t').comments.map((c) => c.id), ['a']);
      assert.deepEqual(store.pending().map(({ comment }) => comment.id), ['b']);
      const spam = store.create('t', clean('spam'), { status: 'spam' });
      assert.deepEqual(store.pending().map(({ comment }) => comment.status), ['pending', 'spam']);
      assert.equal(store.count('t'), 1);
      assert.equal(spam.status, 'spam');
      store.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('spam: backups', () => {
  it('an export keeps spam as spam, and a restore brings it back held', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'parley-spam-export-'));
    try {
      const store = openCommentStore(':memory:');
      store.create('t', clean('kept'));
      store.create('t', clean('caught'), { status: 'spam' });
      let text = '';
      await exportComments(store, (line) => (text += line));
      store.close();
      writeFileSync(join(dir, 'backup.jsonl'), text);
      const fresh = openCommentStore(':memory:');
      const result = await restoreComments(fresh, join(dir, 'backup.jsonl'));
      assert.equal(result.added, 2);
      assert.deepEqual(fresh.pending().map(({ comment }) => [comment.body, comment.status]), [['caught', 'spam']]);
      assert.equal(fresh.count('t'), 1);
      fresh.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

const pgSkip = !findPostgresBin() && !process.env.CI
  ? 'PostgreSQL is not installed (apt-get install postgresql); CI installs it'
  : false;

describe('spam: each layer through the API on PostgreSQL', { skip: pgSkip }, () => {
  let cluster;
  let url;
  before(async () => {
    cluster = await startPostgres();
    url = await createDatabase(cluster.url, 'parley_spam');
  });
  after(() => cluster?.stop());

  describe('layers', () => layerSuite(() => openPgStore(url)));

  it('migrates a version 2 database to one that stores spam, keeping its comments', async () => {
    const old = await createDatabase(cluster.url, 'parley_spam_v2');
    const { default: pg } = await import('pg');
    const client = new pg.Client({ connectionString: old });
    await client.connect();
    await client.query(`CREATE TABLE parley_schema (version INTEGER NOT NULL); INSERT INTO parley_schema VALUES (2);
      CREATE TABLE parley_comments (seq BIGSERIAL PRIMARY KEY, id TEXT NOT NULL UNIQUE, thread TEXT NOT NULL,
        parent_id TEXT, root_seq BIGINT NOT NULL, author_name TEXT NOT NULL, author_email TEXT, author_url TEXT,
        author_avatar_url TEXT, body TEXT NOT NULL, created_at TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('published', 'pending')));
      CREATE INDEX parley_comments_pending ON parley_comments (status) WHERE status = 'pending';
      INSERT INTO parley_comments VALUES (1, 'a', 't', NULL, 1, 'Al', NULL, NULL, NULL, 'hello', '2024-01-01T00:00:00.000Z', 'published');
      CREATE TABLE parley_threads (thread TEXT PRIMARY KEY, comments BIGINT NOT NULL, bytes BIGINT NOT NULL);
      INSERT INTO parley_threads VALUES ('t', 1, 7);
      CREATE TABLE parley_totals (id INTEGER PRIMARY KEY CHECK (id = 1), bytes BIGINT NOT NULL);
      INSERT INTO parley_totals VALUES (1, 7);
      SELECT setval('parley_comments_seq_seq', 1);`);
    await client.end();
    const store = await openPgStore(old);
    try {
      const { rows } = await store.pool.query('SELECT version FROM parley_schema');
      assert.deepEqual(rows, [{ version: PG_SCHEMA_VERSION }]);
      await store.create('t', clean('spam'), { status: 'spam' });
      assert.equal(await store.count('t'), 1);
      assert.deepEqual((await store.pending()).map(({ comment }) => comment.status), ['spam']);
    } finally {
      await store.close();
    }
  });
});

describe('spam: the Akismet-compatible check against a stub on 127.0.0.1', () => {
  let stub;
  let endpoint;
  const received = [];
  before(async () => {
    stub = createServer((req, res) => {
      let text = '';
      req.setEncoding('utf8');
      req.on('data', (chunk) => (text += chunk));
      req.on('end', () => {
        const form = new URLSearchParams(text);
        received.push({ type: req.headers['content-type'], form });
        const content = form.get('comment_content');
        if (content.includes('slow')) return; // never answers: the timeout decides
        if (content.includes('broken')) {
          res.statusCode = 500;
          return res.end('oops');
        }
        res.end(content.includes('viagra') ? 'true' : 'false');
      });
    });
    await new Promise((resolve) => stub.listen(0, '127.0.0.1', resolve));
    endpoint = `http://127.0.0.1:${stub.address().port}/1.1/comment-check`;
  });
  after(async () => {
    stub.closeAllConnections();
    await new Promise((resolve) => stub.close(resolve));
  });

  const akismet = () => ({ url: endpoint, key: 'k123', blog: 'https://blog.example/', timeoutMs: 300 });
  const post = (body) => ({ ip: '203.0.113.5', userAgent: 'UA/1', comment: clean(body, { name: 'Ann', email: 'ann@example.org' }) });

  it('sends the comment-check fields form-encoded and reads true as spam, false as ham', async () => {
    assert.equal(await akismetCheck(akismet(), post('buy viagra')), 'spam');
    assert.equal(await akismetCheck(akismet(), post('a kind word')), 'ham');
    const { type, form } = received.at(-1);
    assert.match(type, /^application\/x-www-form-urlencoded/);
    assert.equal(form.get('api_key'), 'k123');
    assert.equal(form.get('blog'), 'https://blog.example/');
    assert.equal(form.get('user_ip'), '203.0.113.5');
    assert.equal(form.get('user_agent'), 'UA/1');
    assert.equal(form.get('comment_author'), 'Ann');
    assert.equal(form.get('comment_author_email'), 'ann@example.org');
    assert.equal(form.get('comment_content'), 'a kind word');
  });

  it('reads an error status and a timeout as errors', async () => {
    assert.equal(await akismetCheck(akismet(), post('broken')), 'error');
    const started = Date.now();
    assert.equal(await akismetCheck(akismet(), post('slow')), 'error');
    assert.ok(Date.now() - started < 2000);
  });

  it('through the API: spam is stored as spam, ham published, and a failed check holds the comment for moderation', async () => {
    const store = openCommentStore(':memory:');
    const api = await startApi({ store, spamFilter: createSpamFilter({ akismet: akismet() }), log: () => {} });
    try {
      const spam = await postJson(threadUrl(api, 'ak'), human('buy viagra'));
      assert.equal(spam.status, 201);
      assert.equal(spam.body.status, 'pending');
      const ham = await postJson(threadUrl(api, 'ak'), human('a kind word'));
      assert.equal(ham.body.status, 'published');
      const broken = await postJson(threadUrl(api, 'ak'), human('broken'));
      const slow = await postJson(threadUrl(api, 'ak'), human('slow'));
      assert.equal(broken.status, 201);
      assert.equal(slow.status, 201);
      assert.deepEqual(store.pending().map(({ comment }) => [comment.body, comment.status]), [
        ['buy viagra', 'spam'],
        ['broken', 'pending'],
        ['slow', 'pending'],
      ]);
      assert.deepEqual(store.list('ak').comments.map((c) => c.body), ['a kind word']);
    } finally {
      await api.close();
    }
  });

  it('is off by default: no call is made', async () => {
    const before = received.length;
    const store = openCommentStore(':memory:');
    const api = await startApi({ store, spamFilter: createSpamFilter() });
    try {
      assert.equal((await postJson(threadUrl(api, 'off'), human('buy viagra'))).body.status, 'published');
      assert.equal(received.length, before);
    } finally {
      await api.close();
    }
  });
});

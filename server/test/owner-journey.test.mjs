// Issue 17's "Done means", as one blog owner's first day, through the command line and
// the running server only (no store opened in this process): import the WordPress
// comments, start the server with moderation, mail and an admin token, get the owner's
// mail for a new comment, follow its link, approve through the moderation page's API,
// see the comment published; post spam three ways and see it held as spam; export;
// erase a commenter. On SQLite, and on PostgreSQL in a throwaway cluster (skipped where
// PostgreSQL is not installed, except in CI, where .ci/run installs it).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { createDatabase, findPostgresBin, startPostgres } from './postgres-cluster.mjs';
import { postJson } from './helpers.mjs';
import { freePort, startSink, until } from './notify-suite.mjs';
import { startServer } from './server-process.mjs';

const MAIN = fileURLToPath(new URL('../main.mjs', import.meta.url));
const SEED_WXR = fileURLToPath(new URL('../../test/fixtures/wordpress/what-is-real-leadership.xml', import.meta.url));
const THREAD = 'what-is-real-leadership';
const TOKEN = 'b'.repeat(32) + '-owner-journey';
const OWNER = 'owner@blog.example';

const cli = (args, storeArgs) =>
  promisify(execFile)(process.execPath, [MAIN, ...args, ...storeArgs], { timeout: 30_000, env: { ...process.env, DATABASE_URL: '' } });

/** What a widget sends: the honeypot left empty, the form open for a human while. */
const fromWidget = (body, name, extra = {}) => ({ parentId: null, body, author: { name, email: `${name.toLowerCase()}@reader.example` }, trap: '', elapsedMs: 9000, ...extra });

/** @param {() => string[]} storeArgs `--db FILE` or `--database-url URL`, known once the store exists. */
function ownerJourney(storeArgs) {
  it('imports WordPress, mails the owner, approves on the moderation page, holds spam, exports and erases', async () => {
    const store = storeArgs();
    const imported = await cli(['import', '--wordpress', SEED_WXR, '--thread-key', 'slug'], store);
    assert.match(imported.stdout, /imported 12 \(12 published, 0 pending\), already present 0, skipped 0/);
    assert.match((await cli(['block', '--word', 'casino'], store)).stdout, /Blocked word "casino"/);

    const sink = await startSink();
    const port = await freePort();
    const origin = `http://127.0.0.1:${port}`;
    const env = { ...process.env, DATABASE_URL: '', PARLEY_SMTP_URL: `smtp://127.0.0.1:${sink.port}`, PARLEY_ADMIN_TOKEN: TOKEN };
    const server = await startServer([...store, '--port', String(port), '--moderation',
      '--notify-email', OWNER, '--public-url', origin], { env });
    try {
      const api = server.url;
      const threadUrl = `${api}/threads/${encodeURIComponent(THREAD)}/comments`;
      const readThread = async () => (await (await fetch(threadUrl)).json()).comments;

      // The demo's thread: 12 comments, Cliff's reply under comment 2 (Jason's).
      const before = await readThread();
      assert.equal(before.length, 12);
      const cliff = before.find((c) => c.author.name === 'Cliff');
      assert.equal(cliff.parentId, before.filter((c) => c.parentId === null)[1].id);

      // Spam three ways: each answered as held, stored as spam, never shown or mailed
      // (posted first: the worker sends in order, so the owner's one mail below proves it).
      const spam = [
        fromWidget('Great post, thanks', 'Bot', { trap: 'https://bot.example' }),
        fromWidget('See http://a.example http://b.example http://c.example http://d.example', 'Linker'),
        fromWidget('Best CASINO bonuses here', 'Gambler'),
      ];
      const held = [];
      for (const value of spam) {
        const res = await postJson(threadUrl, value);
        assert.equal(res.status, 201);
        assert.equal(res.body.status, 'pending', 'the visitor is told it is held');
        held.push(res.body.id);
      }
      // A reader comments: held for moderation, and the owner is mailed.
      const posted = await postJson(threadUrl, fromWidget('Moving here from WordPress went well.', 'Dana'));
      assert.equal(posted.status, 201);
      assert.equal(posted.body.status, 'pending');
      assert.equal((await readThread()).length, 12, 'not shown before approval');
      const mail = await until(() => sink.mails.find((m) => m.text.includes('Moving here from WordPress')), 'the owner mail');
      assert.deepEqual(mail.to, [OWNER]);
      assert.equal(sink.mails.length, 1, 'caught spam is not mailed');
      const link = `${origin}/admin/?comment=${encodeURIComponent(posted.body.id)}`;
      assert.ok(mail.text.includes(link), mail.text);
      const page = await fetch(link);
      assert.equal(page.status, 200);
      assert.match(page.headers.get('content-type'), /text\/html/);

      // The owner signs in as the page does and approves the comment the mail named.
      const pageHeaders = { Origin: origin, 'Sec-Fetch-Site': 'same-origin', 'Content-Type': 'application/json' };
      const signIn = await fetch(`${origin}/admin/session`, { method: 'POST', headers: pageHeaders, body: JSON.stringify({ token: TOKEN }) });
      assert.equal(signIn.status, 200);
      const session = { Cookie: signIn.headers.getSetCookie()[0].split(';')[0], 'X-Parley-CSRF': (await signIn.json()).csrf };
      const listed = await (await fetch(`${origin}/admin/api/comments?id=${encodeURIComponent(posted.body.id)}`, { headers: session })).json();
      assert.equal(listed.comments[0].status, 'pending');
      assert.equal(listed.comments[0].author.email, 'dana@reader.example', 'the owner sees the e-mail');
      const approve = await fetch(`${origin}/admin/api/actions`, {
        method: 'POST', headers: { ...pageHeaders, ...session }, body: JSON.stringify({ action: 'approve', ids: [posted.body.id] }),
      });
      assert.deepEqual((await approve.json()).done, [posted.body.id]);
      const afterApproval = await readThread();
      assert.equal(afterApproval.length, 13);
      assert.equal(afterApproval.find((c) => c.id === posted.body.id)?.status, 'published');

      const queue = await (await fetch(`${origin}/admin/api/comments?status=spam&thread=${THREAD}`, { headers: session })).json();
      assert.deepEqual(new Set(queue.comments.map((c) => c.id)), new Set(held));
      assert.equal((await readThread()).length, 13);
      const audit = (await (await fetch(`${origin}/admin/api/audit`, { headers: session })).json()).entries;
      assert.ok(audit.some((e) => e.action === 'approve' && e.target === posted.body.id));
      assert.ok(audit.some((e) => e.action === 'sign-in'));
    } finally {
      await server.stop();
      await sink.close();
    }

    // For leaving and for privacy requests.
    const exported = await cli(['export', '--thread', THREAD], store);
    const lines = exported.stdout.trim().split('\n').map((line) => JSON.parse(line));
    assert.equal(lines.length, 1 + 16, 'the header, 12 imported, 1 approved, 3 held as spam');
    assert.equal(lines.find((c) => c.author?.name === 'Dana')?.author.email, 'dana@reader.example');
    const erased = await cli(['erase', '--email', 'DANA@reader.example'], store);
    assert.match(erased.stdout, /Anonymised 1 comment in 1 thread/);
    const after = (await cli(['export', '--thread', THREAD], store)).stdout;
    assert.ok(!after.includes('dana@reader.example') && !after.includes('"Dana"'));
  });
}

describe('a blog owner on SQLite', () => {
  const dir = mkdtempSync(join(tmpdir(), 'parley-owner-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  ownerJourney(() => ['--db', join(dir, 'comments.db')]);
});

const skip = !findPostgresBin() && !process.env.CI
  ? 'PostgreSQL is not installed (apt-get install postgresql); CI installs it'
  : false;

describe('a blog owner on PostgreSQL', { skip }, () => {
  let cluster;
  let url;
  before(async () => {
    cluster = await startPostgres();
    url = await createDatabase(cluster.url, 'parley_owner');
  });
  after(() => cluster?.stop());
  ownerJourney(() => ['--database-url', url]);
});

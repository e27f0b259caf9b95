// E-mail notifications (issue 17 point 2) on SQLite and on PostgreSQL: the suite in
// notify-suite.mjs against an SMTP sink on 127.0.0.1, and the pieces that need no sink.
// PostgreSQL runs in a throwaway cluster, skipped where it is not installed (not in CI).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openCommentStore } from '../comment-store.mjs';
import { openPgStore } from '../pg-store.mjs';
import { headerText, ownerMessage, permalink, replyMessage } from '../notify/messages.mjs';
import { unsubscribeToken, verifyUnsubscribeToken } from '../notify/signing.mjs';
import { validateNewComment } from '../validate.mjs';
import { createDatabase, findPostgresBin, startPostgres } from './postgres-cluster.mjs';
import { postJson } from './helpers.mjs';
import { runNotifySuite, startSink, until } from './notify-suite.mjs';
import { startServer } from './server-process.mjs';

describe('notification pieces', () => {
  it('links a comment only on the configured site', () => {
    assert.equal(permalink('https://blog.example', '/posts/a/', 'c 1'), 'https://blog.example/posts/a/#comment-c%201');
    assert.equal(permalink('https://blog.example', 'https://blog.example/x', 'c'), 'https://blog.example/x#comment-c');
    assert.equal(permalink('https://blog.example', '//evil.example/x', 'c'), null);
    assert.equal(permalink('https://blog.example', 'https://evil.example/x', 'c'), null);
    assert.equal(permalink('https://blog.example', 'javascript:alert(1)', 'c'), null);
    assert.equal(permalink('https://blog.example', 'slug-only', 'c'), null);
    assert.equal(permalink(null, '/posts/a/', 'c'), null);
  });

  it('keeps a subject on one line whatever a visitor wrote', () => {
    assert.equal(headerText('Eve\r\nBcc: all@example.org'), 'Eve  Bcc: all@example.org');
    assert.equal(headerText('x'.repeat(500)).length, 121);
    const row = { id: 'c', thread: '/t/', author_name: 'Eve\nBcc: x', body: 'b', status: 'pending', created_at: 'now', parent_id: null };
    assert.doesNotMatch(ownerMessage(row, null, { publicUrl: 'https://c.example', siteUrl: null }).subject, /\n/);
  });

  it('signs unsubscribe links per comment', () => {
    const token = unsubscribeToken('secret', 'c1');
    assert.ok(verifyUnsubscribeToken('secret', 'c1', token));
    assert.ok(!verifyUnsubscribeToken('secret', 'c2', token));
    assert.ok(!verifyUnsubscribeToken('other', 'c1', token));
    assert.ok(!verifyUnsubscribeToken('secret', 'c1', token.slice(1)));
    assert.ok(!verifyUnsubscribeToken('secret', 'c1', undefined));
    const reply = { id: 'r', thread: '/t/', author_name: 'Bob', body: 'hi', parent_id: 'c1' };
    const { unsubscribe } = replyMessage(reply, { id: 'c1', body: 'q' }, { publicUrl: 'https://c.example/', basePath: '/api', siteUrl: null, secret: 'secret' });
    assert.equal(unsubscribe, `https://c.example/api/unsubscribe?comment=c1&token=${token}`);
  });

  it('takes notify only as a boolean, and only with an e-mail', () => {
    const base = { parentId: null, body: 'b', author: { name: 'A', email: 'a@example.org' } };
    assert.equal(validateNewComment({ ...base, notify: true }).value.notify, true);
    assert.equal(validateNewComment({ ...base, notify: false }).value.notify, undefined);
    assert.equal(validateNewComment({ ...base, author: { name: 'A' }, notify: true }).value.notify, undefined);
    assert.equal(validateNewComment({ ...base, notify: 'yes' }).ok, false);
  });
});

describe('parley-server with notifications', () => {
  it('mails the owner through the SMTP server in PARLEY_SMTP_URL and serves the unsubscribe page', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'parley-notify-cli-'));
    const sink = await startSink();
    const env = { ...process.env, PARLEY_SMTP_URL: `smtp://127.0.0.1:${sink.port}` };
    const server = await startServer(['--db', join(dir, 'c.db'), '--notify-email', 'owner@example.org',
      '--public-url', 'https://comments.example', '--site-url', 'https://blog.example'], { env });
    try {
      const page = await (await fetch(`${server.url}/threads/%2Fhello%2F/comments`)).json();
      assert.equal(page.notify, true);
      const { body } = await postJson(`${server.url}/threads/%2Fhello%2F/comments`, { parentId: null, body: 'From the CLI', author: { name: 'Cleo' } });
      const [mail] = await until(() => sink.mails.length && sink.mails, 'the owner mail');
      assert.deepEqual(mail.to, ['owner@example.org']);
      assert.ok(mail.text.includes(`https://blog.example/hello/#comment-${body.id}`));
      assert.equal((await fetch(`${server.url}/unsubscribe?comment=${body.id}&token=forged`)).status, 403);
    } finally {
      await server.stop();
      await sink.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('is off without an SMTP server, and refuses half a configuration', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'parley-notify-cli-'));
    const server = await startServer(['--db', join(dir, 'c.db')], { env: { ...process.env, PARLEY_SMTP_URL: '' } });
    try {
      const page = await (await fetch(`${server.url}/threads/t/comments`)).json();
      assert.equal(page.notify, undefined);
    } finally {
      await server.stop();
    }
    await assert.rejects(startServer(['--db', join(dir, 'c.db'), '--smtp-url', 'smtp://127.0.0.1:1']), /--public-url/);
    await assert.rejects(startServer(['--db', join(dir, 'c.db'), '--notify-email', 'o@example.org'], { env: { ...process.env, PARLEY_SMTP_URL: '' } }), /needs a mail server/);
    rmSync(dir, { recursive: true, force: true });
  });
});

describe('on SQLite', () => {
  const dir = mkdtempSync(join(tmpdir(), 'parley-notify-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const file = join(dir, 'comments.db');
  runNotifySuite({
    describe,
    it,
    open: async (options) => openCommentStore(file, options),
    queueRows: async (store) => store.db.prepare('SELECT * FROM mail_queue ORDER BY id').all(),
    subscription: async (store, id) => store.db.prepare('SELECT * FROM subscriptions WHERE comment_id = ?').get(id),
  });
});

const skip = !findPostgresBin() && !process.env.CI
  ? 'PostgreSQL is not installed (apt-get install postgresql); CI installs it'
  : false;

describe('on PostgreSQL', { skip }, () => {
  let cluster;
  let url;
  before(async () => {
    cluster = await startPostgres();
    url = await createDatabase(cluster.url, 'parley_notify');
  });
  after(() => cluster?.stop());
  runNotifySuite({
    describe,
    it,
    open: (options) => openPgStore(url, options),
    queueRows: async (store) => (await store.pool.query('SELECT * FROM parley_mail_queue ORDER BY id')).rows,
    subscription: async (store, id) =>
      (await store.pool.query('SELECT * FROM parley_subscriptions WHERE comment_id = $1', [id])).rows[0],
  });
});

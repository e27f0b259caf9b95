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
import { confirmMessage, headerText, ownerMessage, permalink, replyMessage, singleLine } from '../notify/messages.mjs';
import { confirmToken, messageId, unsubscribeToken, verifyConfirmToken, verifyUnsubscribeToken } from '../notify/signing.mjs';
import { createMailWorker } from '../notify/worker.mjs';
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

  it('puts the links before what a visitor wrote, quoted, and keeps single-line fields on one line', () => {
    const links = { publicUrl: 'https://c.example', basePath: '/api', siteUrl: null, secret: 's' };
    const row = {
      id: 'c', thread: '/t/\nApprove or reject it: https://evil.example/', author_name: 'Eve\u2028Bcc\u0085x\u2029y\u202e',
      author_email: 'e@x.example', author_url: 'https://e.example/\r\nFake: 1', body: 'Hi\r\nApprove or reject it: https://evil.example/\u2028\u0085end',
      status: 'pending', created_at: 'now', parent_id: null,
    };
    const { text } = ownerMessage(row, null, links);
    const lines = text.split('\n');
    assert.equal(lines.filter((line) => line.startsWith('Approve or reject it:')).length, 1, text);
    assert.ok(lines.indexOf('Approve or reject it: https://c.example/admin/?comment=c') < lines.indexOf('> Hi'), text);
    assert.ok(lines.includes('> Approve or reject it: https://evil.example/'));
    assert.equal(lines.filter((line) => line === '> ').length, 1, 'NEL and LINE SEPARATOR break quoted lines');
    assert.doesNotMatch(text, /[\r\u0085\u2028\u2029\u202e]/);
    assert.ok(lines.includes('Author:  Eve Bcc x y '));
    assert.ok(lines.some((line) => line.startsWith('Thread:  /t/ Approve')));
    assert.equal(singleLine('a\u0000b\u001bc\u007fd'), 'a b c d');
    const reply = replyMessage({ ...row, id: 'r', parent_id: 'c' }, { id: 'c', body: 'q\u2028r' }, links).text.split('\n');
    assert.ok(reply.includes('> q') && reply.includes('> r') && reply.includes('> Hi'));
    assert.ok(reply.findIndex((line) => line.startsWith('Stop these mails')) > reply.indexOf('> end'));
    assert.doesNotMatch(confirmMessage(row, 'e@x.example', links).text, /Hi|evil|Eve/, 'nothing the poster wrote');
  });

  it('signs confirmation links per subscription and address, apart from unsubscribe links', () => {
    const token = confirmToken('secret', 'c1', 'Ann@Example.net');
    assert.ok(verifyConfirmToken('secret', 'c1', 'ann@example.net', token));
    assert.ok(!verifyConfirmToken('secret', 'c2', 'ann@example.net', token));
    assert.ok(!verifyConfirmToken('secret', 'c1', 'bob@example.net', token));
    assert.ok(!verifyConfirmToken('other', 'c1', 'ann@example.net', token));
    assert.ok(!verifyUnsubscribeToken('secret', 'c1', token));
    assert.ok(!verifyConfirmToken('secret', 'c1', 'ann@example.net', unsubscribeToken('secret', 'c1')));
    assert.equal(messageId('s', 7, 'c.example'), messageId('s', 7, 'c.example'));
    assert.notEqual(messageId('s', 7, 'c.example'), messageId('s', 8, 'c.example'));
    assert.match(messageId('s', 7, 'c.example'), /^<parley\.7\.[\w-]{16}@c\.example>$/);
  });

  it('takes notify only as a boolean, and only with an e-mail', () => {
    const base = { parentId: null, body: 'b', author: { name: 'A', email: 'a@example.org' } };
    assert.equal(validateNewComment({ ...base, notify: true }).value.notify, true);
    assert.equal(validateNewComment({ ...base, notify: false }).value.notify, undefined);
    assert.equal(validateNewComment({ ...base, author: { name: 'A' }, notify: true }).value.notify, undefined);
    assert.equal(validateNewComment({ ...base, notify: 'yes' }).ok, false);
  });
});

/** A queue in memory holding `jobs`, recording what the worker does with them. */
function memoryQueue(jobs, { sentFails = 0 } = {}) {
  const log = [];
  let failures = sentFails;
  return {
    log,
    claim: () => jobs.splice(0, 1),
    sent(id, outcome) {
      log.push(['sent', id, outcome]);
      if (failures-- > 0) throw new Error('database is locked');
    },
    retry: (id, attempts, nextAt, error) => void log.push(['retry', id, attempts, nextAt, error]),
    failed: (id, attempts, error) => void log.push(['failed', id, attempts, error]),
  };
}

async function runWorker(queue, options) {
  const lines = [];
  const worker = createMailWorker({ queue, pollMs: 5, log: (line) => lines.push(line), ...options });
  worker.start();
  await until(() => options.done(queue.log), 'the worker', 5000);
  await worker.stop();
  return lines;
}

describe('mail worker', () => {
  const job = (id, attempts, ageMs = 0) => ({ id, kind: 'owner', comment_id: `c${id}`, attempts, created_at: new Date(Date.now() - ageMs).toISOString() });
  const refused = (code, text = 'try later') => Object.assign(new Error(text), { responseCode: code, response: `${code} ${text}` });

  it('waits at most maxDelayMs between tries, and gives up giveUpMs after the mail was queued', async () => {
    const hour = 3600_000;
    const queue = memoryQueue([job(1, 1), job(2, 20), job(3, 20, 47.5 * hour), job(4, 3, 49 * hour)]);
    const start = Date.now();
    await runWorker(queue, {
      compose: async () => ({ to: { address: 'a@b.example' } }),
      send: async () => { throw refused(451); },
      baseDelayMs: 30_000,
      done: (log) => log.length === 4,
    });
    const [first, second, third, fourth] = queue.log;
    assert.deepEqual(first.slice(0, 3), ['retry', 1, 2]);
    const wait = (entry) => (entry[3] - start) / hour;
    assert.ok(wait(first) > 0.015 && wait(first) < 0.02, 'the second retry after 2 × 30 s');
    assert.deepEqual(second.slice(0, 3), ['retry', 2, 21]);
    assert.ok(wait(second) > 0.99 && wait(second) < 1.01, `an hour at most, not 2^20 × 30 s (${wait(second)} h)`);
    assert.deepEqual(third.slice(0, 3), ['failed', 3, 21], 'the next try would fall after 48 hours');
    assert.deepEqual(fourth.slice(0, 3), ['failed', 4, 4]);
  });

  it('gives up at once on a 5xx answer, logging one line with control characters escaped', async () => {
    const queue = memoryQueue([job(1, 0)]);
    const lines = await runWorker(queue, {
      compose: async () => ({ to: { address: 'a@b.example' } }),
      send: async () => { throw refused(550, 'No such user \u001b[2J\u001b]0;owned\u0007\u2028x'); },
      done: (log) => log.length === 1,
    });
    assert.deepEqual(queue.log[0].slice(0, 3), ['failed', 1, 1]);
    assert.equal(lines.length, 1);
    assert.match(lines[0], /to a@b\.example\) not sent after 1 attempt \(refused for good\)/);
    assert.doesNotMatch(lines[0], /[\u0000-\u001f\u2028]/, lines[0]);
    assert.ok(lines[0].includes('\\x1b[2J') && lines[0].includes('\\u2028'), lines[0]);
    assert.doesNotMatch(queue.log[0][3], /[\u0000-\u001f]/, 'nor in the stored error');
  });

  it('retries a login refused (535): that is the configuration, not the address', async () => {
    const queue = memoryQueue([job(1, 0)]);
    await runWorker(queue, {
      compose: async () => ({ to: { address: 'a@b.example' } }),
      send: async () => { throw Object.assign(refused(535, 'auth failed'), { code: 'EAUTH' }); },
      done: (log) => log.length === 1,
    });
    assert.equal(queue.log[0][0], 'retry');
  });

  it('retries marking a mail sent without sending it again', async () => {
    const queue = memoryQueue([job(1, 0), job(2, 0)], { sentFails: 3 });
    const sends = [];
    const lines = await runWorker(queue, {
      compose: async (j) => ({ to: { address: 'a@b.example' }, subject: String(j.id) }),
      send: async (mail, j) => void sends.push(j.id),
      done: (log) => log.filter((entry) => entry[1] === 2).length === 1,
    });
    assert.deepEqual(sends, [1, 2], 'each sent once');
    assert.deepEqual(queue.log.map((entry) => entry.slice(0, 3)),
      [['sent', 1, 'sent'], ['sent', 1, 'sent'], ['sent', 1, 'sent'], ['sent', 1, 'sent'], ['sent', 2, 'sent']]);
    assert.deepEqual(lines, []);
  });

  it('marks a message with nothing to send as skipped', async () => {
    const queue = memoryQueue([job(1, 0)]);
    let sent = 0;
    await runWorker(queue, { compose: async () => null, send: async () => { sent += 1; }, done: (log) => log.length === 1 });
    assert.deepEqual(queue.log[0].slice(0, 3), ['sent', 1, 'skipped']);
    assert.equal(sent, 0);
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
    await assert.rejects(startServer(['--db', join(dir, 'c.db'), '--notify-email', 'Owner<o@example.org>',
      '--public-url', 'https://c.example'], { env: { ...process.env, PARLEY_SMTP_URL: 'smtp://127.0.0.1:1' } }), /not an e-mail address/);
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

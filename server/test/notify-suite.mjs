/**
 * E-mail notifications end to end, for any store: the API and the notification worker in
 * this process, an SMTP sink (`smtp-server`) on 127.0.0.1, and the mail as it arrives.
 * notify.test.mjs runs it on SQLite, postgres.test.mjs on PostgreSQL.
 */
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { createServer as createNetServer } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { createApi } from '../http-api.mjs';
import { mailSettings, startNotifications } from '../notify/index.mjs';
import { postJson } from './helpers.mjs';

const OWNER = 'owner@example.org';
const PUBLIC_URL = 'https://comments.example';
const SITE_URL = 'https://blog.example';

/** A free port on 127.0.0.1 with nothing listening on it (yet). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createNetServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Waits until `check` returns something truthy, polling; fails after `ms`. */
export async function until(check, what, ms = 10_000) {
  const end = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > end) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/**
 * An SMTP sink on 127.0.0.1. `refuse` answers every recipient with that code (550, 451);
 * `stallMs` holds the first connection's greeting that long.
 */
export async function startSink({ port = 0, refuse = null, stallMs = 0 } = {}) {
  const mails = [];
  let recipientsTried = 0;
  let connections = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onConnect(session, callback) {
      if (stallMs && connections++ === 0) setTimeout(callback, stallMs);
      else callback();
    },
    onRcptTo(address, session, callback) {
      recipientsTried += 1;
      if (refuse) return callback(Object.assign(new Error('Refused by the test sink'), { responseCode: refuse }));
      callback();
    },
    onData(stream, session, callback) {
      const chunks = [];
      stream.on('data', (chunk) => chunks.push(chunk));
      stream.on('end', () => {
        mails.push({ to: session.envelope.rcptTo.map((r) => r.address), ...parseMail(Buffer.concat(chunks).toString('utf8')) });
        callback();
      });
    },
  });
  await new Promise((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    port: server.server.address().port,
    mails,
    get recipientsTried() {
      return recipientsTried;
    },
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

/** Headers (unfolded, lower-case names) and the decoded text of a one-part mail. */
function parseMail(raw) {
  const split = raw.indexOf('\r\n\r\n');
  const head = raw.slice(0, split).replace(/\r\n[ \t]+/g, ' ');
  const headers = {};
  for (const line of head.split('\r\n')) {
    const colon = line.indexOf(':');
    headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
  }
  let body = raw.slice(split + 4);
  const encoding = (headers['content-transfer-encoding'] ?? '').toLowerCase();
  if (encoding === 'quoted-printable') {
    body = Buffer.from(
      body.replace(/=\r\n/g, '').replace(/=([0-9A-F]{2})/g, (_, hex) => String.fromCharCode(parseInt(hex, 16))),
      'latin1',
    ).toString('utf8');
  } else if (encoding === 'base64') {
    body = Buffer.from(body, 'base64').toString('utf8');
  }
  return { headers, text: body.replace(/\r\n/g, '\n') };
}

/**
 * The API, the unsubscribe page and the worker on one server, as parley-server mounts
 * them, over `store` (opened with the mail settings).
 */
export async function startNotifyServer(store, { smtpPort, log = () => {}, ...options }) {
  const notifications = startNotifications(store, {
    smtpUrl: `smtp://127.0.0.1:${smtpPort}`,
    ownerEmail: OWNER,
    publicUrl: PUBLIC_URL,
    siteUrl: SITE_URL,
    log,
    pollMs: 20,
    baseDelayMs: 40,
    maxAttempts: 4,
    transport: { ignoreTLS: true, connectionTimeout: 5000, greetingTimeout: 5000 },
    ...options,
  });
  const api = createApi({ store, notifyReplies: true, onError: (error) => { throw error; } });
  const server = createServer((req, res) => {
    if (notifications.handle(req, res)) return;
    if (!api(req, res)) res.writeHead(404).end();
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${server.address().port}`;
  return {
    origin,
    api: `${origin}/api`,
    async stop() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await notifications.stop();
    },
  };
}

/** The same unsubscribe link, against the local server instead of the public address. */
const local = (origin, link) => link.replace(PUBLIC_URL, origin);

/**
 * @param {{ describe: Function, it: Function, before: Function, after: Function,
 *   open: (options: object) => Promise<any>, queueRows: (store: any) => Promise<any[]>,
 *   subscription: (store: any, id: string) => Promise<any>, reopenable?: () => { open: () => Promise<any> } }} options
 *   `open` opens a store over the same database each time it is called.
 */
export function runNotifySuite({ describe, it, open, queueRows, subscription }) {
  const thread = (name) => `/posts/${name}-${Date.now()}/`;
  const mail = mailSettings({ ownerEmail: OWNER });

  describe('e-mail notifications', () => {
    it('says so in the page, and mails the owner each new comment as plain text with its links', async () => {
      const sink = await startSink();
      const store = await open({ mail });
      const server = await startNotifyServer(store, { smtpPort: sink.port });
      try {
        const key = thread('owner');
        const page = await (await fetch(`${server.api}/threads/${encodeURIComponent(key)}/comments`)).json();
        assert.equal(page.notify, true);
        const body = 'A <b>bold</b> claim & <script>alert(1)</script>\nSecond line';
        const created = await postJson(`${server.api}/threads/${encodeURIComponent(key)}/comments`, {
          parentId: null, body, author: { name: 'Ada Lovelace', email: 'ada@example.net', url: 'https://ada.example' },
        });
        assert.equal(created.status, 201);
        const [message] = await until(() => sink.mails.length && sink.mails, 'the owner mail');
        assert.deepEqual(message.to, [OWNER]);
        assert.match(message.headers['content-type'], /^text\/plain/);
        assert.match(message.headers.subject, /New comment by Ada Lovelace on \/posts\/owner-/);
        assert.ok(message.text.includes(body), 'the body as written, not escaped or rendered');
        assert.ok(message.text.includes(`Thread:  ${key}`));
        assert.ok(message.text.includes('Author:  Ada Lovelace'));
        assert.ok(message.text.includes('E-mail:  ada@example.net'));
        assert.ok(message.text.includes(`${PUBLIC_URL}/admin/?comment=${created.body.id}`));
        assert.ok(message.text.includes(`${SITE_URL}${key}#comment-${created.body.id}`));
      } finally {
        await server.stop();
        await store.close();
        await sink.close();
      }
    });

    it('mails a subscriber the published replies of others, with a one-click unsubscribe link that works and cannot be forged', async () => {
      const sink = await startSink();
      const store = await open({ mail });
      const server = await startNotifyServer(store, { smtpPort: sink.port });
      try {
        const key = thread('replies');
        const url = `${server.api}/threads/${encodeURIComponent(key)}/comments`;
        const post = async (parentId, name, email, text, extra = {}) =>
          (await postJson(url, { parentId, body: text, author: { name, email }, ...extra })).body;
        const top = await post(null, 'Ann', 'ann@example.net', 'Tell me when someone answers.', { notify: true });
        const quiet = await post(null, 'Quinn', 'quinn@example.net', 'No mails for me.');
        await post(top.id, 'Ann', 'ANN@example.net', 'Answering myself.');
        await post(quiet.id, 'Bob', 'bob@example.net', 'Quinn did not ask.');
        // Held, then published by whoever moderates: the store's trigger queues it then.
        const held = await store.create(key, { parentId: top.id, body: 'Held at first.', author: { name: 'Hal' } }, { status: 'pending' });
        const reply = await post(top.id, 'Bob', 'bob@example.net', 'Here is an answer.');
        const toAnn = () => sink.mails.filter((m) => m.to.includes('ann@example.net'));
        const [first] = await until(() => toAnn().length && toAnn(), 'the reply mail');
        assert.match(first.headers.subject, /Bob replied to your comment/);
        assert.ok(first.text.includes('Here is an answer.'));
        assert.ok(first.text.includes('> Tell me when someone answers.'));
        assert.ok(first.text.includes(`${SITE_URL}${key}#comment-${reply.id}`));
        await until(() => sink.mails.filter((m) => m.to.includes(OWNER)).length === 6, 'the owner mails');
        assert.equal(toAnn().length, 1, 'neither her own reply nor the held one was mailed to her');
        assert.ok(!sink.mails.some((m) => m.to.includes('quinn@example.net')), 'no mail without asking');

        await store.approve(held.id);
        await until(() => toAnn().length === 2, 'the approved reply');
        assert.ok(toAnn()[1].text.includes('Held at first.'));
        // The same when the moderation page publishes it (its own status update).
        const spam = await store.create(key, { parentId: top.id, body: 'Caught, then let through.', author: { name: 'Sam' } }, { status: 'spam' });
        await store.setStatus([spam.id], 'published');
        await until(() => toAnn().length === 3, 'the reply the moderation page published');
        assert.ok(toAnn()[2].text.includes('Caught, then let through.'));

        const link = /<([^>]+)>/.exec(first.headers['list-unsubscribe'])[1];
        assert.equal(first.headers['list-unsubscribe-post'], 'List-Unsubscribe=One-Click');
        assert.ok(first.text.includes(link), 'the same link in the text');
        const tampered = new URL(local(server.origin, link));
        tampered.searchParams.set('token', tampered.searchParams.get('token').replace(/^./, (c) => (c === 'A' ? 'B' : 'A')));
        assert.equal((await fetch(tampered, { method: 'POST' })).status, 403);
        const forOther = new URL(local(server.origin, link));
        forOther.searchParams.set('comment', quiet.id);
        assert.equal((await fetch(forOther, { method: 'POST' })).status, 403);
        assert.equal((await subscription(store, top.id)).unsubscribed_at, null, 'a refused link changes nothing');

        const confirm = await fetch(local(server.origin, link));
        assert.equal(confirm.status, 200);
        assert.match(await confirm.text(), /<form method="post"/);
        assert.equal((await subscription(store, top.id)).unsubscribed_at, null, 'opening the link changes nothing');
        const done = await fetch(local(server.origin, link), {
          method: 'POST',
          headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
          body: 'List-Unsubscribe=One-Click',
        });
        assert.equal(done.status, 200);
        assert.ok((await subscription(store, top.id)).unsubscribed_at);

        const later = await post(top.id, 'Cy', 'cy@example.net', 'After she left.');
        await until(async () => (await queueRows(store)).some((row) => row.comment_id === later.id && row.sent_at), 'the owner mail of the last reply');
        assert.equal(toAnn().length, 3, 'nothing after unsubscribing');
      } finally {
        await server.stop();
        await store.close();
        await sink.close();
      }
    });

    for (const code of [550, 451]) {
      it(`retries a mail the server refuses (${code}) with backoff, then logs one failure`, async () => {
        const sink = await startSink({ refuse: code });
        const store = await open({ mail });
        const lines = [];
        const server = await startNotifyServer(store, { smtpPort: sink.port, log: (line) => lines.push(line) });
        try {
          const created = await postJson(`${server.api}/threads/${encodeURIComponent(thread('refused'))}/comments`, {
            parentId: null, body: 'Nobody will read this.', author: { name: 'Ray' },
          });
          const row = await until(async () => (await queueRows(store)).find((r) => r.comment_id === created.body.id && r.failed_at), 'the failure');
          assert.equal(Number(row.attempts), 4);
          assert.equal(sink.recipientsTried, 4, 'one try per attempt');
          assert.match(row.last_error, new RegExp(String(code)));
          assert.equal(lines.length, 1, 'one line for the message, none per retry');
          assert.match(lines[0], new RegExp(`comment ${created.body.id}.*not sent after 4 attempts`));
          assert.equal(sink.mails.length, 0);
        } finally {
          await server.stop();
          await store.close();
          await sink.close();
        }
      });
    }

    it('keeps retrying while the mail server is down, across a restart, and delivers once it is up', async () => {
      const port = await freePort();
      let store = await open({ mail });
      let server = await startNotifyServer(store, { smtpPort: port, baseDelayMs: 30, maxAttempts: 12 });
      let sink;
      try {
        const created = await postJson(`${server.api}/threads/${encodeURIComponent(thread('down'))}/comments`, {
          parentId: null, body: 'Sent when the server is back.', author: { name: 'Dee' },
        });
        const mine = async () => (await queueRows(store)).find((r) => r.comment_id === created.body.id);
        await until(async () => Number((await mine()).attempts) >= 2, 'two failed attempts');
        // A restart: the queue is in the database, with its attempts.
        await server.stop();
        await store.close();
        store = await open({ mail });
        const before = Number((await mine()).attempts);
        assert.ok(before >= 2 && !(await mine()).sent_at);
        sink = await startSink({ port });
        server = await startNotifyServer(store, { smtpPort: port, baseDelayMs: 30, maxAttempts: 12 });
        const [message] = await until(() => sink.mails.length && sink.mails, 'the mail after the restart', 20_000);
        assert.ok(message.text.includes('Sent when the server is back.'));
        await until(async () => (await mine()).sent_at, 'the row marked sent');
        assert.equal((await mine()).failed_at, null);
      } finally {
        await server.stop();
        await store.close();
        await sink?.close();
      }
    });

    it('answers a post without waiting for the mail server', async () => {
      const stallMs = 3000;
      const sink = await startSink({ stallMs });
      const store = await open({ mail });
      const server = await startNotifyServer(store, { smtpPort: sink.port });
      try {
        const url = `${server.api}/threads/${encodeURIComponent(thread('prompt'))}/comments`;
        const timed = async (text) => {
          const start = performance.now();
          const { status } = await postJson(url, { parentId: null, body: text, author: { name: 'Pat' } });
          assert.equal(status, 201);
          return performance.now() - start;
        };
        // The first mail's connection is stalled while these posts are answered.
        const durations = [];
        for (let i = 0; i < 5; i += 1) durations.push(await timed(`Post ${i}`));
        assert.ok(Math.max(...durations) < stallMs / 4, `posts took ${durations.map(Math.round)} ms against a ${stallMs} ms stall`);
        await until(() => sink.mails.length === 5, 'all five mails', 20_000);
      } finally {
        await server.stop();
        await store.close();
        await sink.close();
      }
    });
  });
}

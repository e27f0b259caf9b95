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
import { messageId } from '../notify/signing.mjs';
import { pgMailQueue } from '../notify/pg-mail.mjs';
import { sqliteMailQueue } from '../notify/sqlite-mail.mjs';
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
 * `stallMs` holds the first connection's greeting that long; `message` is the refusal's text.
 */
export async function startSink({ port = 0, refuse = null, stallMs = 0, message = 'Refused by the test sink' } = {}) {
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
      if (refuse) return callback(Object.assign(new Error(message), { responseCode: refuse }));
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
    transport: { ignoreTLS: true, connectionTimeout: 5000, greetingTimeout: 5000 },
    ...options,
  });
  // Posts say who they come from in X-Forwarded-For (see `from`): replies from the
  // subscribed comment's own address are not mailed.
  const api = createApi({ store, notifyReplies: true, trustProxy: true, onError: (error) => { throw error; } });
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

/** A made-up client address per name, for X-Forwarded-For. */
export const from = (name) => ({ 'X-Forwarded-For': `10.0.${name.length}.${name.charCodeAt(0)}` });

/** The queue of `store`, as the worker reads it. */
const queueOf = (store) => (store.db ? sqliteMailQueue(store.db) : pgMailQueue(store.pool));

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
        const body = 'A <b>bold</b> claim & <script>alert(1)</script>\nApprove or reject it: https://evil.example/\u2028Third';
        const created = await postJson(`${server.api}/threads/${encodeURIComponent(key)}/comments`, {
          parentId: null, body, author: { name: 'Ada Lovelace', email: 'ada@example.net', url: 'https://ada.example' },
        });
        assert.equal(created.status, 201);
        const [message] = await until(() => sink.mails.length && sink.mails, 'the owner mail');
        assert.deepEqual(message.to, [OWNER]);
        assert.match(message.headers['content-type'], /^text\/plain/);
        assert.match(message.headers.subject, /New comment by Ada Lovelace on \/posts\/owner-/);
        // The body as written, not escaped or rendered, but quoted line by line after the
        // real links, so it cannot pass for one of them.
        assert.ok(message.text.includes('> A <b>bold</b> claim & <script>alert(1)</script>\n> Approve or reject it: https://evil.example/\n> Third\n'), message.text);
        assert.ok(message.text.indexOf(`${PUBLIC_URL}/admin/?comment=`) < message.text.indexOf('> A <b>'), 'the links come first');
        assert.doesNotMatch(message.text, /^Approve or reject it: https:\/\/evil/m);
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
          (await postJson(url, { parentId, body: text, author: { name, email }, ...extra }, from(name))).body;
        const toAnn = () => sink.mails.filter((m) => m.to.includes('ann@example.net'));
        const top = await post(null, 'Ann', 'ann@example.net', 'Tell me when someone answers.', { notify: true });
        // Double opt-in: one mail with a confirmation link, nothing else until it is followed.
        const [confirmation] = await until(() => toAnn().length && toAnn(), 'the confirmation mail');
        assert.match(confirmation.headers.subject, /^Confirm reply notifications from comments\.example$/);
        assert.doesNotMatch(confirmation.text, /Tell me when/, 'nothing the poster wrote but the address');
        const early = await post(top.id, 'Bob', 'bob@example.net', 'Before she confirmed.');
        await until(async () => (await queueRows(store)).filter((r) => r.comment_id === early.id && r.sent_at).length === 2, 'the early reply done');
        assert.equal(toAnn().length, 1, 'no reply mail to an address nobody confirmed');

        const confirmLink = /^https:\S+\/confirm\?\S+$/m.exec(confirmation.text)[0];
        const forged = new URL(local(server.origin, confirmLink));
        forged.searchParams.set('token', forged.searchParams.get('token').replace(/^./, (c) => (c === 'A' ? 'B' : 'A')));
        assert.equal((await fetch(forged, { method: 'POST' })).status, 403);
        const asked = await fetch(local(server.origin, confirmLink));
        assert.equal(asked.status, 200);
        assert.match(await asked.text(), /<form method="post"/);
        assert.equal(await queueOf(store).confirmed('ann@example.net'), false, 'opening the link confirms nothing');
        assert.equal((await fetch(local(server.origin, confirmLink), { method: 'POST' })).status, 200);
        assert.equal(await queueOf(store).confirmed('ANN@example.net'), true);

        const quiet = await post(null, 'Quinn', 'quinn@example.net', 'No mails for me.');
        await post(top.id, 'Ann', 'ANN@example.net', 'Answering myself.');
        await post(quiet.id, 'Bob', 'bob@example.net', 'Quinn did not ask.');
        // Ann2 posts from another address and is mailed to her; Mallory, from Ann's own
        // address under another name and e-mail, is not.
        await post(top.id, 'Ann2', 'other@example.net', 'Same machine.');
        await postJson(url, { parentId: top.id, body: 'From her address.', author: { name: 'Mallory', email: 'm@example.net' } }, from('Ann'));
        // Held, then published by whoever moderates: the store's trigger queues it then.
        const held = await store.create(key, { parentId: top.id, body: 'Held at first.', author: { name: 'Hal' } }, { status: 'pending' });
        const reply = await post(top.id, 'Bob', 'bob@example.net', 'Here is an answer.\nApprove or reject it: https://evil.example/');
        const first = await until(() => toAnn().find((m) => m.text.includes('Here is an answer')), 'the reply mail');
        assert.match(first.headers.subject, /Bob replied to your comment/);
        assert.ok(first.text.includes('> Here is an answer.\n> Approve or reject it: https://evil.example/'), 'the reply quoted');
        assert.ok(first.text.includes('> Tell me when someone answers.'));
        assert.ok(first.text.indexOf(`${SITE_URL}${key}#comment-${reply.id}`) < first.text.indexOf('> Here is'), 'its link first');
        await until(() => sink.mails.filter((m) => m.to.includes(OWNER)).length === 9, 'the owner mails');
        assert.equal(toAnn().length, 3, 'neither her own reply, the one from her address, nor the held one was mailed');
        assert.ok(toAnn().some((m) => m.text.includes('> Same machine.')));
        assert.ok(!toAnn().some((m) => m.text.includes('From her address.')));
        assert.ok(!sink.mails.some((m) => m.to.includes('quinn@example.net')), 'no mail without asking');

        await store.approve(held.id);
        await until(() => toAnn().length === 4, 'the approved reply');
        assert.ok(toAnn()[3].text.includes('Held at first.'));

        // Confirmed once for the address: her next comment needs no new confirmation.
        const second = await post(null, 'Ann', 'ann@example.net', 'Another question.', { notify: true });
        await post(second.id, 'Zed', 'zed@example.net', 'Answer to the second.');
        await until(() => toAnn().some((m) => m.text.includes('Answer to the second.')), 'the reply to her second comment');
        assert.equal(toAnn().filter((m) => /^Confirm/.test(m.headers.subject)).length, 1, 'one confirmation mail in all');

        const link = /<([^>]+)>/.exec(first.headers['list-unsubscribe'])[1];
        assert.equal(first.headers['list-unsubscribe-post'], 'List-Unsubscribe=One-Click');
        assert.ok(first.text.includes(link), 'the same link in the text');
        const tampered = new URL(local(server.origin, link));
        tampered.searchParams.set('token', tampered.searchParams.get('token').replace(/^./, (c) => (c === 'A' ? 'B' : 'A')));
        assert.equal((await fetch(tampered, { method: 'POST' })).status, 403);
        const forOther = new URL(local(server.origin, link));
        forOther.searchParams.set('comment', quiet.id);
        assert.equal((await fetch(forOther, { method: 'POST' })).status, 403);
        // A confirmation token is no unsubscribe token, and the other way round.
        const swapped = new URL(local(server.origin, link));
        swapped.searchParams.set('token', new URL(confirmLink).searchParams.get('token'));
        assert.equal((await fetch(swapped, { method: 'POST' })).status, 403);
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

        const before = toAnn().length;
        const later = await post(top.id, 'Cy', 'cy@example.net', 'After she left.');
        await until(async () => (await queueRows(store)).some((row) => row.comment_id === later.id && row.sent_at), 'the owner mail of the last reply');
        assert.equal(toAnn().length, before, 'nothing after unsubscribing');
      } finally {
        await server.stop();
        await store.close();
        await sink.close();
      }
    });

    it('sends one confirmation mail however often an address is named, and caps reply mails per subscription', async () => {
      const sink = await startSink();
      const store = await open({ mail });
      const server = await startNotifyServer(store, { smtpPort: sink.port, repliesPerHour: 2 });
      try {
        const key = thread('cap');
        const url = `${server.api}/threads/${encodeURIComponent(key)}/comments`;
        const post = async (parentId, name, email, text, extra = {}) => {
          const { status, body } = await postJson(url, { parentId, body: text, author: { name, email }, ...extra }, from(name));
          assert.equal(status, 201, JSON.stringify(body));
          return body;
        };
        const toVic = () => sink.mails.filter((m) => m.to.includes('vic@example.net'));
        // Someone names Vic's address three times: she gets one mail she can ignore.
        const named = [];
        for (const text of ['One', 'Two', 'Three']) named.push(await post(null, 'Eve', 'vic@example.net', text, { notify: true }));
        // (The queue is worked through in order: once a later row is done, these are.)
        const doneUpTo = async (id) => {
          const rows = await queueRows(store);
          const last = rows.filter((r) => r.comment_id === id).at(-1);
          return rows.filter((r) => Number(r.id) <= Number(last.id)).every((r) => r.sent_at || r.failed_at);
        };
        await until(() => doneUpTo(named[2].id), 'the mails sent');
        assert.equal((await queueRows(store)).filter((r) => r.kind === 'confirm' && named.some((c) => c.id === r.comment_id)).length, 1);
        assert.equal(toVic().length, 1);
        // Eve replies to them: nothing reaches Vic, who confirmed nothing.
        const spam = [];
        for (const c of named) spam.push(await post(c.id, 'Evan', 'evan@example.net', 'Buy things.'));
        await until(() => doneUpTo(spam[2].id), 'the replies done');
        assert.equal(toVic().length, 1);

        // Confirmed, a subscription gets two reply mails an hour here; more are skipped.
        await queueOf(store).confirm('vic@example.net');
        const replies = [];
        for (const name of ['Al', 'Bea', 'Cid', 'Dot']) replies.push(await post(named[0].id, name, `${name}@example.net`, `Reply by ${name}`));
        const rows = async () => (await queueRows(store)).filter((r) => r.kind === 'reply' && replies.some((c) => c.id === r.comment_id));
        await until(async () => (await rows()).length === 4 && (await rows()).every((r) => r.sent_at), 'the four replies done');
        assert.deepEqual((await rows()).map((r) => r.outcome), ['sent', 'sent', 'skipped', 'skipped']);
        assert.equal(toVic().length, 3);
        // Each mail keeps one Message-ID, made from its queue row.
        const secret = await queueOf(store).secret();
        const sentRows = (await rows()).filter((r) => r.outcome === 'sent');
        for (const [i, row] of sentRows.entries()) {
          assert.equal(toVic()[i + 1].headers['message-id'], messageId(secret, row.id, 'comments.example'));
        }
      } finally {
        await server.stop();
        await store.close();
        await sink.close();
      }
    });

    it('drops the subscription and unsent mail of a deleted comment, whichever way it is deleted', async () => {
      const store = await open({ mail });
      const key = thread('deleted');
      try {
        await queueOf(store).confirm('del@example.net');
        const make = (parentId, name, notify = false) =>
          store.create(key, { parentId, body: `By ${name}`, author: { name, email: `${name}@example.net` }, notify });
        const sub = await make(null, 'del', true);
        const other = await make(null, 'keep', true);
        const byAuthor = await make(sub.id, 'Rae');
        const byOwner = await make(sub.id, 'Ros');
        const kept = await make(sub.id, 'Kit');
        const rowsOf = async (id) => (await queueRows(store)).filter((r) => r.comment_id === id);
        assert.equal((await rowsOf(byAuthor.id)).length, 2, 'owner and reply mail queued');
        // Its author deletes one (DELETE), the moderation page the other.
        assert.equal(await store.remove(key, byAuthor.id), 'removed');
        await store.deleteComments([byOwner.id]);
        assert.deepEqual(await rowsOf(byAuthor.id), []);
        assert.deepEqual(await rowsOf(byOwner.id), []);
        assert.equal((await rowsOf(kept.id)).length, 2);
        // The subscribed comment, deleted while it has a reply, stays as a placeholder:
        // its subscription goes, and so does its unsent mail.
        assert.equal(await store.remove(key, sub.id), 'placeholder');
        assert.equal(await subscription(store, sub.id), undefined);
        assert.deepEqual(await rowsOf(sub.id), []);
        assert.ok(await subscription(store, other.id), 'others keep theirs');
        assert.equal(await queueOf(store).confirmed('del@example.net'), false, 'an address with no subscription left is forgotten');
        // What was queued before (the reply to it) is not mailed: the worker skips it.
        const sink = await startSink();
        const server = await startNotifyServer(store, { smtpPort: sink.port });
        try {
          await until(async () => (await rowsOf(kept.id)).every((r) => r.sent_at), 'the queue worked through');
          assert.equal((await rowsOf(kept.id)).find((r) => r.kind === 'reply').outcome, 'skipped');
          assert.ok(!sink.mails.some((m) => m.to.includes('del@example.net')));
        } finally {
          await server.stop();
          await sink.close();
        }
      } finally {
        await store.close();
      }
    });

    it('mails a reply once, even when it is edited, held and approved again', async () => {
      // Publishing again fires the schema's trigger again, which queues a second reply mail.
      const sink = await startSink();
      const store = await open({ mail: mailSettings({ ownerEmail: null }) });
      const server = await startNotifyServer(store, { smtpPort: sink.port, ownerEmail: null });
      const key = thread('reapproved');
      try {
        await queueOf(store).confirm('pat@example.net');
        const sub = await store.create(key, { parentId: null, body: 'Ask', author: { name: 'Pat', email: 'pat@example.net' }, notify: true });
        const reply = await store.create(key, { parentId: sub.id, body: 'First words', author: { name: 'Ray' } });
        const toPat = () => sink.mails.filter((m) => m.to.includes('pat@example.net'));
        const replyRows = async (id) => (await queueRows(store)).filter((r) => r.kind === 'reply' && r.comment_id === id);
        await until(async () => (await replyRows(reply.id)).filter((r) => r.sent_at).length === 1, 'the reply mail');
        assert.equal(toPat().length, 1);

        await store.update(key, reply.id, 'Second words', { hold: 'pending' });
        await store.approve(reply.id);
        assert.equal((await replyRows(reply.id)).length, 2, 'approving again queues another reply mail');
        await until(async () => (await replyRows(reply.id)).every((r) => r.sent_at || r.failed_at), 'the second reply row done');
        assert.deepEqual((await replyRows(reply.id)).map((r) => r.outcome), ['sent', 'skipped']);
        // Another reply to the same comment is still mailed: the check is per reply.
        const other = await store.create(key, { parentId: sub.id, body: 'Other words', author: { name: 'Sol' } });
        await until(async () => (await replyRows(other.id)).filter((r) => r.sent_at).length === 1, 'the other reply mail');
        assert.deepEqual(toPat().map((m) => /(\w+) replied/.exec(m.headers.subject)?.[1]), ['Ray', 'Sol']);
      } finally {
        await server.stop();
        await store.close();
        await sink.close();
      }
    });

    it('sends to the stored address as one address, never as a list', async () => {
      // A row from before the address check was tightened (or imported) with a list in it.
      const sink = await startSink();
      const store = await open({ mail: mailSettings({ ownerEmail: null }) });
      const key = thread('list');
      try {
        const listed = 'lee@example.net, victim@example.net';
        await queueOf(store).confirm(listed);
        const sub = await store.create(key, { parentId: null, body: 'Old row', author: { name: 'Lee', email: listed }, notify: true });
        const reply = await store.create(key, { parentId: sub.id, body: 'A reply', author: { name: 'Bo' } });
        // The reply's mail is queued: without it, nothing below would be tested.
        assert.ok((await queueRows(store)).some((r) => r.comment_id === reply.id && r.kind === 'reply'), 'a reply mail queued');
        const server = await startNotifyServer(store, { smtpPort: sink.port, ownerEmail: null });
        try {
          await until(async () => (await queueRows(store)).every((r) => r.sent_at || r.failed_at), 'the queue worked through');
          assert.ok(!sink.mails.some((m) => m.to.includes('victim@example.net')), 'no mail to the second address');
          // Whatever became of it, never more than one recipient was given to the server.
          assert.ok(sink.recipientsTried <= 1, `recipients tried: ${sink.recipientsTried}`);
          for (const m of sink.mails) assert.equal(m.to.length, 1);
        } finally {
          await server.stop();
        }
      } finally {
        await store.close();
        await sink.close();
      }
    });

    it('gives up at once on a permanent refusal (550), logging one line', async () => {
      const sink = await startSink({ refuse: 550 });
      const store = await open({ mail });
      const lines = [];
      const server = await startNotifyServer(store, { smtpPort: sink.port, log: (line) => lines.push(line) });
      try {
        const created = await postJson(`${server.api}/threads/${encodeURIComponent(thread('refused'))}/comments`, {
          parentId: null, body: 'Nobody will read this.', author: { name: 'Ray' },
        });
        const row = await until(async () => (await queueRows(store)).find((r) => r.comment_id === created.body.id && r.failed_at), 'the failure');
        assert.equal(Number(row.attempts), 1);
        assert.equal(sink.recipientsTried, 1, 'not tried again');
        assert.match(row.last_error, /550/);
        assert.equal(lines.length, 1);
        assert.match(lines[0], new RegExp(`comment ${created.body.id}.*not sent after 1 attempt \\(refused for good\\)`));
        assert.equal(sink.mails.length, 0);
      } finally {
        await server.stop();
        await store.close();
        await sink.close();
      }
    });

    it('retries a mail the server defers (451) with backoff until its time is up, then logs one failure', async () => {
      const sink = await startSink({ refuse: 451 });
      const store = await open({ mail });
      const lines = [];
      const server = await startNotifyServer(store, { smtpPort: sink.port, giveUpMs: 500, log: (line) => lines.push(line) });
      try {
        const created = await postJson(`${server.api}/threads/${encodeURIComponent(thread('deferred'))}/comments`, {
          parentId: null, body: 'Nobody will read this.', author: { name: 'Ray' },
        });
        const row = await until(async () => (await queueRows(store)).find((r) => r.comment_id === created.body.id && r.failed_at), 'the failure');
        assert.ok(Number(row.attempts) >= 3, `${row.attempts} attempts`);
        assert.equal(sink.recipientsTried, Number(row.attempts), 'one try per attempt');
        assert.match(row.last_error, /451/);
        assert.equal(lines.length, 1, 'one line for the message, none per retry');
        assert.match(lines[0], new RegExp(`comment ${created.body.id}.*not sent after ${row.attempts} attempts:`));
        assert.equal(sink.mails.length, 0);
      } finally {
        await server.stop();
        await store.close();
        await sink.close();
      }
    });

    it('keeps retrying while the mail server is down, across a restart, and delivers once it is up', async () => {
      const port = await freePort();
      let store = await open({ mail });
      let server = await startNotifyServer(store, { smtpPort: port, baseDelayMs: 30 });
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
        server = await startNotifyServer(store, { smtpPort: port, baseDelayMs: 30 });
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

// An author editing and deleting their own comment over HTTP: the secret answered once
// by the POST, the window, the placeholder, counts, CORS. The same calls run on
// PostgreSQL through the contract suite (contract-suite.mjs, postgres.test.mjs).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { comment, postJson, startApi } from './helpers.mjs';
import { DEFAULT_EDIT_WINDOW_MS } from '../http-api.mjs';
import { openCommentStore } from '../comment-store.mjs';
import { openPgStore } from '../pg-store.mjs';
import { createSpamFilter } from '../spam.mjs';
import { createDatabase, findPostgresBin, startPostgres } from './postgres-cluster.mjs';

const ORIGIN = 'https://blog.example';
let api;
before(async () => {
  api = await startApi({ corsOrigins: [ORIGIN] });
});
after(() => api.close());

let counter = 0;
const fresh = () => `edit-${++counter}-${Math.random().toString(36).slice(2, 8)}`;
const commentsUrl = (thread) => `${api.url}/threads/${encodeURIComponent(thread)}/comments`;
const commentUrl = (thread, id) => `${commentsUrl(thread)}/${encodeURIComponent(id)}`;

async function post(thread, body = 'Hello', parentId = null) {
  const answer = await postJson(commentsUrl(thread), comment(body, parentId));
  assert.equal(answer.status, 201);
  return answer.body;
}

async function change(method, thread, id, { secret, body, headers = {} } = {}) {
  const response = await fetch(commentUrl(thread, id), {
    method,
    headers: {
      ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
      ...(secret !== undefined ? { 'X-Parley-Secret': secret } : {}),
      ...headers,
    },
    body: body === undefined ? undefined : JSON.stringify({ body }),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : null };
}

const list = async (thread) => (await fetch(commentsUrl(thread))).json();

describe('an author changing their comment', () => {
  it('gets a secret and its deadline once, in the answer to the post, and never in a list', async () => {
    const thread = fresh();
    const created = await post(thread);
    assert.match(created.secret, /^[A-Za-z0-9_-]{32}$/);
    assert.equal(Date.parse(created.editableUntil) - Date.parse(created.createdAt), DEFAULT_EDIT_WINDOW_MS);
    const page = await list(thread);
    assert.equal(JSON.stringify(page).includes(created.secret), false);
    assert.equal('secret' in page.comments[0] || 'editableUntil' in page.comments[0], false);
    // Only a hash is stored.
    const row = api.store.db.prepare('SELECT * FROM comments WHERE id = ?').get(created.id);
    assert.equal(JSON.stringify(row).includes(created.secret), false);
    assert.match(row.secret_hash, /^[0-9a-f]{64}$/);
  });

  it('edits with the secret, under the same rules as a post, and the list shows the new text', async () => {
    const thread = fresh();
    const created = await post(thread, 'Typo hree');
    const edited = await change('PATCH', thread, created.id, { secret: created.secret, body: '  Typo here  ' });
    assert.equal(edited.status, 200);
    assert.equal(edited.body.body, 'Typo here');
    assert.equal(edited.body.id, created.id);
    assert.equal('secret' in edited.body, false);
    assert.equal((await list(thread)).comments[0].body, 'Typo here');
    const empty = await change('PATCH', thread, created.id, { secret: created.secret, body: '   ' });
    assert.equal(empty.status, 400);
    assert.match(empty.body.error.message, /empty/);
    const long = await change('PATCH', thread, created.id, { secret: created.secret, body: 'x'.repeat(10_001) });
    assert.equal(long.status, 400);
    assert.match(long.body.error.message, /too long/);
    const notJson = await change('PATCH', thread, created.id, { secret: created.secret, headers: { 'Content-Type': 'text/plain' } });
    assert.equal(notJson.status, 415);
    assert.equal((await list(thread)).comments[0].body, 'Typo here', 'a refused edit changes nothing');
  });

  it('refuses a wrong or missing secret, and comments posted without one, in words for the visitor', async () => {
    const thread = fresh();
    const created = await post(thread);
    const other = await post(thread, 'Another');
    for (const secret of [undefined, '', 'guess', other.secret, created.secret.slice(0, -1)]) {
      const answer = await change('PATCH', thread, created.id, { secret, body: 'Hijacked' });
      assert.equal(answer.status, 403, String(secret));
      assert.equal(answer.body.error.code, 'not-yours');
      assert.match(answer.body.error.message, /browser that posted/);
      assert.equal((await change('DELETE', thread, created.id, { secret })).status, 403);
    }
    await api.store.importSeed({ thread, comments: [{ id: `${thread}-seeded`, body: 'From the old blog', author: { name: 'Al' } }] });
    assert.equal((await change('DELETE', thread, `${thread}-seeded`, { secret: created.secret })).status, 403);
    assert.equal((await list(thread)).comments.length, 3);
  });

  it('refuses once the window is over, saying so', async () => {
    const thread = fresh();
    const created = await post(thread);
    const longAgo = new Date(Date.now() - DEFAULT_EDIT_WINDOW_MS - 1000).toISOString();
    api.store.db.prepare('UPDATE comments SET created_at = ? WHERE id = ?').run(longAgo, created.id);
    for (const method of ['PATCH', 'DELETE']) {
      const answer = await change(method, thread, created.id, { secret: created.secret, body: method === 'PATCH' ? 'Late' : undefined });
      assert.equal(answer.status, 403);
      assert.equal(answer.body.error.code, 'edit-window-closed');
      assert.match(answer.body.error.message, /15 minutes/);
    }
  });

  it('answers 404 for a comment of another thread or one already gone', async () => {
    const thread = fresh();
    const created = await post(thread);
    assert.equal((await change('DELETE', fresh(), created.id, { secret: created.secret })).status, 404);
    assert.equal((await change('DELETE', thread, created.id, { secret: created.secret })).status, 204);
    assert.equal((await change('DELETE', thread, created.id, { secret: created.secret })).status, 404);
    assert.equal((await change('PATCH', thread, created.id, { secret: created.secret, body: 'x' })).status, 404);
  });

  it('deletes: a leaf goes, a comment with replies stays as a placeholder, and the counts follow', async () => {
    const thread = fresh();
    const root = await post(thread, 'Root');
    const reply = await post(thread, 'Reply', root.id);
    const leaf = await post(thread, 'Leaf');
    const counts = async () => (await (await fetch(`${api.url}/counts?thread=${encodeURIComponent(thread)}`)).json())[thread];
    assert.equal(await counts(), 3);
    const gone = await change('DELETE', thread, leaf.id, { secret: leaf.secret });
    assert.equal(gone.status, 204);
    assert.equal(gone.body, null);
    assert.equal(await counts(), 2);
    assert.equal((await change('DELETE', thread, root.id, { secret: root.secret })).status, 204);
    let page = await list(thread);
    assert.deepEqual(page.comments.map((c) => [c.id, c.deleted ?? false, c.body]), [[root.id, true, ''], [reply.id, false, 'Reply']]);
    assert.equal(page.total, 1);
    assert.equal(await counts(), 1);
    // The last reply goes, and the placeholder with it.
    assert.equal((await change('DELETE', thread, reply.id, { secret: reply.secret })).status, 204);
    page = await list(thread);
    assert.deepEqual(page.comments, []);
    assert.equal(page.total, 0);
  });

  it('lets the embedding site call PATCH and DELETE with the secret header, and no other site', async () => {
    const thread = fresh();
    const created = await post(thread);
    const preflight = await fetch(commentUrl(thread, created.id), {
      method: 'OPTIONS',
      headers: { Origin: ORIGIN, 'Access-Control-Request-Method': 'PATCH', 'Access-Control-Request-Headers': 'content-type,x-parley-secret' },
    });
    assert.equal(preflight.status, 204);
    assert.equal(preflight.headers.get('access-control-allow-origin'), ORIGIN);
    assert.deepEqual(preflight.headers.get('access-control-allow-methods').split(', ').sort(), ['DELETE', 'PATCH']);
    assert.match(preflight.headers.get('access-control-allow-headers'), /X-Parley-Secret/i);
    const foreign = await change('DELETE', thread, created.id, { secret: created.secret, headers: { Origin: 'https://evil.example' } });
    assert.equal(foreign.status, 403);
    const allowed = await change('PATCH', thread, created.id, { secret: created.secret, body: 'From the blog', headers: { Origin: ORIGIN } });
    assert.equal(allowed.status, 200);
    assert.equal(allowed.headers.get('access-control-allow-origin'), ORIGIN);
    assert.equal((await fetch(commentUrl(thread, created.id))).status, 405);
  });

  it('hands out no secret when editing is off', async () => {
    const off = await startApi({ editWindowMs: 0 });
    try {
      const answer = await postJson(`${off.url}/threads/t/comments`, comment());
      assert.equal(answer.status, 201);
      assert.equal('secret' in answer.body || 'editableUntil' in answer.body, false);
    } finally {
      await off.close();
    }
  });
});

/**
 * What review found after editing and deleting landed, on each store: an edit meets the
 * spam checks and moderation a post does (M1), records say when they were edited, and a
 * placeholder stays only while a reader can see a reply under it (L7).
 *
 * @param {{ open: (options?: object) => Promise<import('../store.mjs').CommentStore>,
 *   mailKinds: (store: any, id: string) => Promise<string[]> }} options
 */
function runReviewSuite({ open, mailKinds }) {
  let n = 0;
  const key = () => `review-${++n}-${Math.random().toString(36).slice(2, 8)}`;
  const withApi = (options, fn) => async () => {
    const store = await open({ mail: { owner: true, replies: true } });
    const server = await startApi({ store, ...options });
    try {
      await fn(server);
    } finally {
      await server.close();
    }
  };
  const patch = (server, thread, id, secret, body) => fetch(`${server.url}/threads/${thread}/comments/${id}`, {
    method: 'PATCH', headers: { 'Content-Type': 'application/json', 'X-Parley-Secret': secret }, body: JSON.stringify({ body }),
  }).then(async (r) => ({ status: r.status, body: await r.json() }));
  const shown = async (server, thread) => (await (await fetch(`${server.url}/threads/${thread}/comments`)).json());
  const statusOf = async (store, id) => (await store.exportRows({ afterSeq: 0, limit: 10_000 })).find((row) => row.id === id)?.status;
  const SPAM = 'BUY NOW http://a.example http://b.example http://c.example http://d.example';

  it('holds an approved comment edited into spam, as spam, and tells the visitor it is held', withApi({ moderation: true, spamFilter: createSpamFilter({ minElapsedMs: 0 }) }, async (server) => {
    const thread = key();
    const created = (await postJson(`${server.url}/threads/${thread}/comments`, comment('A clean first version'))).body;
    assert.equal(created.status, 'pending');
    await server.store.approve(created.id);
    assert.equal((await shown(server, thread)).total, 1);
    const answer = await patch(server, thread, created.id, created.secret, SPAM);
    assert.equal(answer.status, 200);
    assert.equal(answer.body.status, 'pending', 'the visitor hears "held", as for a post');
    assert.equal(await statusOf(server.store, created.id), 'spam');
    assert.deepEqual((await shown(server, thread)).comments, [], 'readers no longer see it');
  }));

  it('catches an edit by the blocklist and the link limit with moderation off', withApi({ spamFilter: createSpamFilter({ minElapsedMs: 0 }) }, async (server) => {
    const thread = key();
    await server.store.block('word', 'casino');
    const url = `${server.url}/threads/${thread}/comments`;
    const a = (await postJson(url, comment('First version'))).body;
    const b = (await postJson(url, comment('Second version'))).body;
    assert.equal((await patch(server, thread, a.id, a.secret, 'Visit my Casino')).body.status, 'pending');
    assert.equal((await patch(server, thread, b.id, b.secret, SPAM)).body.status, 'pending');
    assert.equal(await statusOf(server.store, a.id), 'spam');
    assert.equal(await statusOf(server.store, b.id), 'spam');
    // A clean edit is published at once, says when it was edited, and is not a "duplicate" of itself.
    const c = (await postJson(url, comment('Third version'))).body;
    const clean = await patch(server, thread, c.id, c.secret, 'Third version');
    assert.equal(clean.body.status, 'published');
    assert.ok(Date.parse(clean.body.editedAt) >= Date.parse(c.createdAt));
    const listed = (await shown(server, thread)).comments;
    assert.deepEqual(listed.map((x) => [x.id, x.editedAt]), [[c.id, clean.body.editedAt]]);
    assert.equal('editedAt' in c, false, 'a new comment has no editedAt');
  }));

  it('sends an approved comment edited with moderation on back to the queue, and tells the owner', withApi({ moderation: true }, async (server) => {
    const thread = key();
    const created = (await postJson(`${server.url}/threads/${thread}/comments`, comment('Before'))).body;
    await server.store.approve(created.id);
    const before = await mailKinds(server.store, created.id);
    const answer = await patch(server, thread, created.id, created.secret, 'After');
    assert.equal(answer.body.status, 'pending');
    assert.equal(await statusOf(server.store, created.id), 'pending');
    assert.deepEqual((await shown(server, thread)).comments, []);
    assert.deepEqual(await mailKinds(server.store, created.id), [...before, 'owner'], 'the owner is mailed as for a new held comment');
  }));

  it('never takes a published or held reply with a deleted comment, and leaves no placeholder bare', async () => {
    const store = await open();
    try {
      const thread = key();
      const make = (body, parentId = null, status = 'published') => store.create(thread, { parentId, author: { name: 'Ola' }, body }, { status });
      // A comment whose only replies are caught as spam goes, and they with it.
      const lonely = await make('Only spam under me');
      const spam = await make('Spam reply', lonely.id, 'spam');
      assert.equal(await store.remove(thread, lonely.id), 'removed');
      assert.equal(await statusOf(store, spam.id), undefined);
      // A held reply was acknowledged to its author: its parent stays as a placeholder, and
      // when the owner rejects the reply, the placeholder goes.
      const waiting = await make('A held reply under me');
      const held = await make('Held reply', waiting.id, 'pending');
      assert.equal(await store.remove(thread, waiting.id), 'placeholder');
      assert.equal(await statusOf(store, held.id), 'pending');
      assert.deepEqual(await store.setStatus([held.id], 'rejected'), [held.id]);
      assert.equal(await statusOf(store, waiting.id), undefined, 'no bare placeholder after the reject');
      assert.equal(await statusOf(store, held.id), undefined, 'the rejected reply goes with it, as spam does');
      // A published reply under one caught as spam keeps its grandparent's place.
      const grand = await make('Grandparent');
      const caught = await make('Caught in the middle', grand.id);
      const below = await make('Published below it', caught.id);
      assert.deepEqual(await store.setStatus([caught.id], 'spam'), [caught.id]);
      assert.equal(await store.remove(thread, grand.id), 'placeholder');
      assert.equal(await statusOf(store, below.id), 'published');
      assert.deepEqual((await store.list(thread)).comments.map((c) => c.id).sort(), [grand.id, below.id].sort());
      await store.deleteComments([grand.id, caught.id, below.id]);
      assert.deepEqual((await store.list(thread)).comments, []);
      // Deleting the reply that kept a placeholder, from the moderation page, takes the
      // placeholder (and a placeholder above it) too.
      const top = await make('Top');
      const middle = await make('Middle', top.id);
      const reply = await make('Reply', middle.id);
      const heldUnder = await make('Held under the reply', reply.id, 'pending');
      assert.equal(await store.remove(thread, top.id), 'placeholder');
      assert.equal(await store.remove(thread, middle.id), 'placeholder');
      assert.equal((await store.list(thread)).comments.length, 3);
      assert.deepEqual((await store.deleteComments([reply.id])).sort(), [reply.id, heldUnder.id].sort());
      assert.deepEqual((await store.list(thread)).comments, [], 'no bare "Comment deleted" is left');
      assert.equal((await store.exportRows({ afterSeq: 0, limit: 10_000, thread })).length, 0);
      assert.equal(await store.count(thread), 0);
    } finally {
      await store.close();
    }
  });
}

describe('after review, on SQLite', () => {
  runReviewSuite({
    open: async (options = {}) => openCommentStore(':memory:', options),
    mailKinds: async (store, id) => store.db.prepare('SELECT kind FROM mail_queue WHERE comment_id = ? ORDER BY id').pluck().all(id),
  });
});

const skip = !findPostgresBin() && !process.env.CI
  ? 'PostgreSQL is not installed (apt-get install postgresql); CI installs it'
  : false;

describe('after review, on PostgreSQL', { skip }, () => {
  let cluster;
  let url;
  before(async () => {
    cluster = await startPostgres();
    url = await createDatabase(cluster.url, 'parley_edit_review');
  });
  after(() => cluster?.stop());
  runReviewSuite({
    open: async (options = {}) => openPgStore(url, options),
    mailKinds: async (store, id) => (await store.pool.query('SELECT kind FROM parley_mail_queue WHERE comment_id = $1 ORDER BY id', [id])).rows.map((r) => r.kind),
  });
});

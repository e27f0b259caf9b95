import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import {
  InvalidCursorError,
  SCHEMA_VERSION,
  UnknownParentError,
  openCommentStore,
} from '../comment-store.mjs';
import { runStoreSuite } from './store-suite.mjs';

// The suite every store passes; PostgreSQL runs it in postgres.test.mjs.
runStoreSuite({ describe, it, open: async (options) => openCommentStore(':memory:', options) });

const input = (body, parentId = null) => ({ parentId, body, author: { name: 'T' } });

/** Walks all pages; returns the pages. */
function walk(store, thread) {
  const pages = [];
  let cursor = null;
  do {
    const page = store.list(thread, { cursor });
    pages.push(page);
    cursor = page.next;
  } while (cursor);
  return pages;
}

describe('comment store', () => {
  it('opens the database in WAL mode with synchronous=FULL', () => {
    const dir = mkdtempSync(join(tmpdir(), 'parley-store-'));
    try {
      const store = openCommentStore(join(dir, 'nested', 'c.db'));
      assert.equal(store.db.pragma('journal_mode', { simple: true }), 'wal');
      // 2 = FULL: an acknowledged write is fsynced, not only written.
      assert.equal(store.db.pragma('synchronous', { simple: true }), 2);
      store.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('migrates a database from before schema versions forward, keeping its comments', () => {
    const dir = mkdtempSync(join(tmpdir(), 'parley-store-'));
    try {
      const file = join(dir, 'old.db');
      // The schema as the first release wrote it, with user_version 0.
      const old = new Database(file);
      old.exec(`CREATE TABLE comments (seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, thread TEXT NOT NULL,
        parent_id TEXT, root_seq INTEGER NOT NULL, author_name TEXT NOT NULL, author_email TEXT, author_url TEXT,
        author_avatar_url TEXT, body TEXT NOT NULL, created_at TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('published', 'pending')));
        INSERT INTO comments VALUES (1, 'a', 't', NULL, 1, 'Al', NULL, NULL, NULL, 'héllo', '2024-01-01T00:00:00.000Z', 'published');
        INSERT INTO comments VALUES (2, 'b', 't', 'a', 1, 'Bo', 'b@x.io', NULL, NULL, 'reply', '2024-01-02T00:00:00.000Z', 'published');`);
      old.close();
      const store = openCommentStore(file, { maxThreadComments: 3 });
      assert.equal(store.db.pragma('user_version', { simple: true }), SCHEMA_VERSION);
      assert.deepEqual(store.list('t').comments.map((c) => c.id), ['a', 'b']);
      // The quota counters start from what was there: 2 + 1 = the limit of 3.
      assert.deepEqual(store.db.prepare('SELECT comments, bytes FROM threads WHERE thread = ?').get('t'), { comments: 2, bytes: 6 + 2 + 5 + 2 + 6 });
      store.create('t', input('third'));
      assert.throws(() => store.create('t', input('fourth')), /thread is full/);
      store.close();
      // Opening again changes nothing.
      const again = openCommentStore(file);
      assert.equal(again.count('t'), 3);
      again.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('commits the posts of one event-loop turn together, each failing or succeeding alone', async () => {
    const store = openCommentStore(':memory:', { maxThreadComments: 3 });
    const root = store.create('t', input('root'));
    // Queued in one turn, so one transaction holds them all, each in a savepoint.
    const posts = [
      store.createBatched('t', input('one', root.id)),
      store.createBatched('t', input('lost', 'no-such-parent')),
      store.createBatched('t', input('two', root.id)),
      store.createBatched('t', input('over the quota')),
      store.createBatched('other', input('elsewhere')),
    ];
    const settled = await Promise.allSettled(posts);
    assert.deepEqual(settled.map((r) => r.status), ['fulfilled', 'rejected', 'fulfilled', 'rejected', 'fulfilled']);
    assert.match(String(settled[1].reason), /parentId "no-such-parent"/);
    assert.match(String(settled[3].reason), /thread is full/);
    assert.deepEqual(store.list('t').comments.map((c) => c.body), ['root', 'one', 'two']);
    assert.equal(store.db.prepare('SELECT comments FROM threads WHERE thread = ?').get('t').comments, 3);
    assert.equal(store.count('other'), 1);
    store.close();
  });

  it('rebuilds a kept page when this or another connection changes the database', () => {
    const dir = mkdtempSync(join(tmpdir(), 'parley-store-'));
    try {
      const file = join(dir, 'c.db');
      const store = openCommentStore(file);
      store.create('t', input('one'));
      assert.equal(store.list('t').comments.length, 1);
      assert.equal(store.list('t'), store.list('t'), 'an unchanged page is kept');
      const other = openCommentStore(file);
      const pending = other.create('t', input('two'), { status: 'pending' });
      other.close();
      assert.equal(store.list('t').total, 1, 'a pending comment is not listed');
      store.approve(pending.id);
      assert.deepEqual(store.list('t').comments.map((c) => c.body), ['one', 'two']);
      const third = openCommentStore(file);
      third.create('t', input('three'));
      third.close();
      assert.deepEqual(store.list('t').comments.map((c) => c.body), ['one', 'two', 'three']);
      store.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('walks pages of roots with all their replies, every comment exactly once', () => {
    const store = openCommentStore(':memory:', { pageSize: 3 });
    const rootOf = new Map();
    const roots = [];
    // Interleave creation so replies of early roots are created after later roots.
    for (let i = 0; i < 8; i += 1) {
      const root = store.create('t', input(`root ${i}`));
      roots.push(root);
      rootOf.set(root.id, root.id);
      if (i > 0) {
        const earlier = roots[i - 1];
        const reply = store.create('t', input(`reply to ${i - 1}`, earlier.id));
        const nested = store.create('t', input(`nested ${i - 1}`, reply.id));
        rootOf.set(reply.id, earlier.id);
        rootOf.set(nested.id, earlier.id);
      }
    }
    store.create('other', input('not in t'));

    const pages = walk(store, 't');
    assert.equal(pages.length, 3);
    assert.equal(pages.at(-1).next, null);
    const seen = [];
    for (const page of pages) {
      assert.equal(page.total, rootOf.size);
      const pageRoots = page.comments.filter((c) => c.parentId === null);
      assert.ok(pageRoots.length <= 3);
      let currentRoot = null;
      for (const c of page.comments) {
        if (c.parentId === null) currentRoot = c.id;
        // Each root is directly followed by its own replies.
        assert.equal(rootOf.get(c.id), currentRoot, `${c.body} follows its root`);
        seen.push(c.id);
      }
    }
    assert.equal(seen.length, rootOf.size);
    assert.equal(new Set(seen).size, rootOf.size);
    assert.deepEqual(
      pages.flatMap((p) => p.comments.filter((c) => !c.parentId).map((c) => c.body)),
      roots.map((r) => r.body),
    );
    // Replies in creation order under their root.
    const first = pages[0].comments.slice(0, 3).map((c) => c.body);
    assert.deepEqual(first, ['root 0', 'reply to 0', 'nested 0']);
    store.close();
  });

  it('rejects malformed and forged cursors', () => {
    const store = openCommentStore(':memory:');
    for (const bad of ['x', '!!!', 'YWZ0ZXI6', Buffer.from('after:-1').toString('base64url'),
      Buffer.from('after:01').toString('base64url'), Buffer.from('before:3').toString('base64url')]) {
      assert.throws(() => store.list('t', { cursor: bad }), InvalidCursorError, bad);
    }
    store.close();
  });

  it('refuses a parent that is unknown or in another thread', () => {
    const store = openCommentStore(':memory:');
    const elsewhere = store.create('a', input('in a'));
    assert.throws(() => store.create('b', input('reply', elsewhere.id)), UnknownParentError);
    assert.throws(() => store.create('b', input('reply', 'nope')), /parentId "nope" is not a comment of this thread/);
    assert.equal(store.count('b'), 0);
    store.close();
  });

  it('hides pending comments and their subtrees from lists and total until approved', () => {
    const store = openCommentStore(':memory:');
    const shown = store.create('t', input('shown'));
    const hidden = store.create('t', input('hidden'), { status: 'pending' });
    const replyToHidden = store.create('t', input('reply to hidden', hidden.id));
    store.create('t', input('pending reply', shown.id), { status: 'pending' });
    assert.equal(hidden.status, 'pending');
    assert.deepEqual(store.list('t').comments.map((c) => c.body), ['shown']);
    assert.equal(store.list('t').total, 1);
    assert.deepEqual(store.pending().map((p) => p.comment.body), ['hidden', 'pending reply']);

    assert.equal(store.approve(hidden.id).comment.status, 'published');
    assert.deepEqual(store.list('t').comments.map((c) => c.id), [shown.id, hidden.id, replyToHidden.id]);
    assert.equal(store.list('t').total, 3);
    assert.equal(store.approve('unknown'), null);
    store.close();
  });

  it('never returns the e-mail address', () => {
    const store = openCommentStore(':memory:');
    const created = store.create('t', { parentId: null, body: 'b', author: { name: 'A', email: 'a@b.c', url: 'https://a.example/' } });
    assert.deepEqual(created.author, { name: 'A', url: 'https://a.example/' });
    assert.equal(JSON.stringify(store.list('t')).includes('a@b.c'), false);
    store.close();
  });

  it('imports seed comments once, parents first, keeping ids and dates', () => {
    const store = openCommentStore(':memory:');
    const seed = {
      thread: 'post',
      comments: [
        { id: 'r1', parentId: 'c1', author: { name: 'Bo' }, body: 'reply first in file', createdAt: '2024-01-02T00:00:00Z' },
        { id: 'c1', parentId: null, author: { name: 'Al', avatarUrl: 'https://x.example/a.png' }, body: 'root', createdAt: '2024-01-01T00:00:00Z' },
        { id: 'c2', parentId: null, author: {}, body: 'second root' },
      ],
    };
    assert.equal(store.importSeed(seed), 3);
    assert.equal(store.importSeed(seed), 0);
    const { comments, total } = store.list('post');
    assert.equal(total, 3);
    assert.deepEqual(comments.map((c) => c.id), ['c1', 'r1', 'c2']);
    assert.equal(comments[0].createdAt, '2024-01-01T00:00:00.000Z');
    assert.equal(comments[0].author.avatarUrl, 'https://x.example/a.png');
    assert.equal(comments[2].author.name, 'Anonymous');

    assert.equal(store.importSeed([{ id: 'x1', parentId: null, author: { name: 'A' }, body: 'b' }], { defaultThread: 'p2' }), 1);
    assert.equal(store.importSeed({ threads: { p3: [{ id: 'y1', parentId: null, author: { name: 'A' }, body: 'b' }] } }), 1);
    assert.equal(store.count('p2') + store.count('p3'), 2);
    assert.throws(() => store.importSeed([{ id: 'z', parentId: 'ghost', author: {}, body: 'b' }], { defaultThread: 'p' }), /parent is not in their thread: z/);
    assert.equal(store.count('p'), 0, 'a failed import adds nothing');
    store.close();
  });
});

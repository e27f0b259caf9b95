/**
 * What every comment store must do, written against the store interface (store.mjs)
 * and run against SQLite (comment-store.test.mjs) and PostgreSQL (postgres.test.mjs).
 * Each test uses its own thread keys, so stores may be shared between tests.
 */
import assert from 'node:assert/strict';
import { InvalidCursorError, QuotaError, UnknownParentError } from '../store.mjs';

const input = (body, parentId = null, author = { name: 'T' }) => ({ parentId, body, author });

/**
 * @param {{ describe: Function, it: Function,
 *           open: (options?: object) => Promise<import('../store.mjs').CommentStore> }} options
 *   `open` gives a store with the given options (page size, quotas).
 */
export function runStoreSuite({ describe, it, open }) {
  let counter = 0;
  const fresh = (name) => `${name}-${Date.now().toString(36)}-${++counter}`;

  /** Walks all pages of a thread. */
  async function walk(store, thread) {
    const pages = [];
    let cursor = null;
    do {
      const page = await store.list(thread, { cursor });
      pages.push(page);
      cursor = page.next;
      assert.ok(pages.length < 100, 'paging ends');
    } while (cursor);
    return pages;
  }

  describe('comment store', () => {
    it('walks pages of roots with their replies, every comment once, in thread order', async () => {
      const store = await open({ pageSize: 3 });
      try {
        const thread = fresh('walk');
        const order = [];
        const roots = [];
        // Replies of early roots are created after later roots.
        for (let i = 0; i < 8; i += 1) {
          roots.push(await store.create(thread, input(`root ${i}`)));
          if (i > 0) {
            const reply = await store.create(thread, input(`reply to ${i - 1}`, roots[i - 1].id));
            await store.create(thread, input(`nested ${i - 1}`, reply.id));
          }
        }
        await store.create(fresh('other'), input('not in the thread'));
        for (let i = 0; i < 8; i += 1) {
          order.push(`root ${i}`);
          if (i < 7) order.push(`reply to ${i}`, `nested ${i}`);
        }
        const pages = await walk(store, thread);
        assert.equal(pages.length, 3);
        for (const page of pages) {
          assert.equal(page.total, order.length);
          assert.ok(page.comments.filter((c) => c.parentId === null).length <= 3);
        }
        assert.deepEqual(pages.flatMap((p) => p.comments.map((c) => c.body)), order);
      } finally {
        await store.close();
      }
    });

    it('cuts a page at maxPageComments and continues the replies on the next', async () => {
      const store = await open({ pageSize: 10, maxPageComments: 4 });
      try {
        const thread = fresh('cap');
        const a = await store.create(thread, input('a'));
        const expected = ['a'];
        for (let i = 0; i < 9; i += 1) {
          await store.create(thread, input(`a${i}`, a.id));
          expected.push(`a${i}`);
        }
        const b = await store.create(thread, input('b'));
        await store.create(thread, input('b0', b.id));
        expected.push('b', 'b0');
        const pages = await walk(store, thread);
        for (const page of pages) assert.ok(page.comments.length <= 4);
        assert.deepEqual(pages.flatMap((p) => p.comments.map((c) => c.body)), expected);
      } finally {
        await store.close();
      }
    });

    it('rejects malformed and forged cursors', async () => {
      const store = await open();
      try {
        for (const bad of ['x', '!!!', 'YWZ0ZXI6', Buffer.from('after:-1').toString('base64url'),
          Buffer.from('after:01').toString('base64url'), Buffer.from('after:5:4').toString('base64url')]) {
          await assert.rejects(async () => store.list('t', { cursor: bad }), InvalidCursorError, bad);
        }
      } finally {
        await store.close();
      }
    });

    it('refuses a parent that is unknown or in another thread, storing nothing', async () => {
      const store = await open();
      try {
        const [a, b] = [fresh('a'), fresh('b')];
        const elsewhere = await store.create(a, input('in a'));
        await assert.rejects(async () => store.create(b, input('reply', elsewhere.id)), UnknownParentError);
        await assert.rejects(async () => store.create(b, input('reply', 'nope')), /parentId "nope"/);
        assert.equal(await store.count(b), 0);
      } finally {
        await store.close();
      }
    });

    it('hides pending comments and their subtrees until approved', async () => {
      const store = await open();
      try {
        const thread = fresh('pending');
        const shown = await store.create(thread, input('shown'));
        const hidden = await store.create(thread, input('hidden'), { status: 'pending' });
        const under = await store.create(thread, input('under hidden', hidden.id));
        assert.equal(hidden.status, 'pending');
        assert.deepEqual((await store.list(thread)).comments.map((c) => c.body), ['shown']);
        assert.equal((await store.list(thread)).total, 1);
        assert.ok((await store.pending()).some((p) => p.comment.id === hidden.id && p.thread === thread));
        assert.equal((await store.approve(hidden.id)).comment.status, 'published');
        assert.deepEqual((await store.list(thread)).comments.map((c) => c.id), [shown.id, hidden.id, under.id]);
        assert.equal(await store.approve('unknown-id'), null);
      } finally {
        await store.close();
      }
    });

    it('counts many threads in one read: what a reader sees, each asked-for thread once', async () => {
      const store = await open();
      try {
        const [busy, held, none] = [fresh('busy'), fresh('held'), fresh('none')];
        const root = await store.create(busy, input('root'));
        await store.create(busy, input('reply', root.id));
        await store.create(busy, input('pending reply', root.id), { status: 'pending' });
        const hidden = await store.create(held, input('pending root'), { status: 'pending' });
        await store.create(held, input('under the pending root', hidden.id));
        const counts = await store.counts([busy, held, none, '__proto__']);
        assert.deepEqual(Object.entries(counts), [[busy, 2], [held, 0], [none, 0], ['__proto__', 0]]);
        assert.equal(counts[busy], await store.count(busy));
      } finally {
        await store.close();
      }
    });

    it('keeps the e-mail address and never returns it', async () => {
      const store = await open();
      try {
        const thread = fresh('mail');
        const created = await store.create(thread, input('b', null, { name: 'A', email: 'a@b.example', url: 'https://a.example/' }));
        assert.deepEqual(created.author, { name: 'A', url: 'https://a.example/' });
        assert.equal(JSON.stringify(await store.list(thread)).includes('a@b.example'), false);
      } finally {
        await store.close();
      }
    });

    it('enforces the per-thread and total quotas', async () => {
      const store = await open({ maxThreadComments: 2 });
      try {
        const thread = fresh('quota');
        await store.create(thread, input('1'));
        await store.create(thread, input('2'));
        await assert.rejects(async () => store.create(thread, input('3')), (e) => e instanceof QuotaError && e.scope === 'thread');
        assert.equal(await store.count(thread), 2);
      } finally {
        await store.close();
      }
      const tight = await open({ maxTotalBytes: 1 });
      try {
        await assert.rejects(async () => tight.create(fresh('total'), input('too much')), (e) => e instanceof QuotaError && e.scope === 'total');
      } finally {
        await tight.close();
      }
    });

    it('imports seed comments once, parents first, keeping ids and dates', async () => {
      const store = await open();
      try {
        const thread = fresh('seed');
        const id = (s) => `${thread}-${s}`;
        const seed = {
          thread,
          comments: [
            { id: id('r1'), parentId: id('c1'), author: { name: 'Bo' }, body: 'reply first in file' },
            { id: id('c1'), parentId: null, author: { name: 'Al', avatarUrl: 'https://x.example/a.png' }, body: 'root', createdAt: '2024-01-01T00:00:00Z' },
          ],
        };
        assert.equal(await store.importSeed(seed), 2);
        assert.equal(await store.importSeed(seed), 0);
        const { comments } = await store.list(thread);
        assert.deepEqual(comments.map((c) => c.id), [id('c1'), id('r1')]);
        assert.equal(comments[0].createdAt, '2024-01-01T00:00:00.000Z');
        assert.equal(comments[0].author.avatarUrl, 'https://x.example/a.png');
        await assert.rejects(async () => store.importSeed([{ id: id('z'), parentId: 'ghost', author: {}, body: 'b' }], { defaultThread: thread }), /parent is not in their thread/);
      } finally {
        await store.close();
      }
    });
  });

  describe('an author editing and deleting their comment', () => {
    it('keeps the secret hash, tells who may change a comment, and edits its body in place', async () => {
      const store = await open();
      try {
        const thread = fresh('edit');
        const created = await store.create(thread, input('first words'), { secretHash: 'ab'.repeat(32) });
        const plain = await store.create(thread, input('no secret'));
        const owner = await store.ownership(thread, created.id);
        assert.equal(owner.secretHash, 'ab'.repeat(32));
        assert.equal(owner.createdAt, created.createdAt);
        assert.equal((await store.ownership(thread, plain.id)).secretHash, null);
        assert.equal(await store.ownership('another-thread', created.id), null, 'ids are per thread');
        assert.equal(await store.ownership(thread, 'nope'), null);
        const edited = await store.update(thread, created.id, 'better words');
        assert.equal(edited.body, 'better words');
        assert.equal(edited.createdAt, created.createdAt, 'an edit keeps its place');
        assert.equal(await store.update(thread, 'nope', 'x'), null);
        const { comments, total } = await store.list(thread);
        assert.deepEqual(comments.map((c) => c.body), ['better words', 'no secret']);
        assert.equal(total, 2);
        assert.ok(!('secretHash' in comments[0]) && !('secret_hash' in comments[0]), 'no hash leaves the store');
      } finally {
        await store.close();
      }
    });

    it('leaves a placeholder where replies hang, removes a leaf, and counts neither', async () => {
      const store = await open();
      try {
        const thread = fresh('delete');
        const root = await store.create(thread, input('root'));
        const reply = await store.create(thread, input('reply', root.id));
        const other = await store.create(thread, input('other'));
        assert.equal(await store.remove(thread, root.id), 'placeholder');
        let page = await store.list(thread);
        assert.deepEqual(page.comments.map((c) => [c.id, c.deleted === true, c.body]), [[root.id, true, ''], [reply.id, false, 'reply'], [other.id, false, 'other']]);
        assert.equal(page.comments[0].author.name, '', 'nothing of the author is kept');
        assert.equal(page.total, 2, 'a placeholder is not counted');
        assert.deepEqual(await store.counts([thread]), { [thread]: 2 });
        assert.equal(await store.ownership(thread, root.id), null, 'a placeholder is no one\'s to change');
        assert.equal(await store.remove(thread, root.id), null);
        // The last reply goes, and the placeholder it kept goes with it.
        assert.equal(await store.remove(thread, reply.id), 'removed');
        page = await store.list(thread);
        assert.deepEqual(page.comments.map((c) => c.id), [other.id]);
        assert.equal(page.total, 1);
        assert.equal(await store.remove(thread, other.id), 'removed');
        assert.deepEqual((await store.list(thread)).comments, []);
        assert.equal(await store.count(thread), 0);
      } finally {
        await store.close();
      }
    });

    it('gives back the quota a removed comment used', async () => {
      const tight = await open({ maxThreadComments: 2 });
      try {
        const thread = fresh('delete-quota');
        const a = await tight.create(thread, input('a'));
        await tight.create(thread, input('b'));
        await assert.rejects(async () => tight.create(thread, input('c')), QuotaError);
        assert.equal(await tight.remove(thread, a.id), 'removed');
        await tight.create(thread, input('c'));
      } finally {
        await tight.close();
      }
    });
  });
}

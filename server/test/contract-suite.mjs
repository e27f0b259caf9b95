/**
 * Contract tests written against the `CommentAdapter` interface (docs/contract.md), so the
 * same checks run against the reference server through a small fetch adapter in node
 * and against the real `RestAdapter` in the browser: client and server cannot drift.
 *
 * Browser-safe on purpose: no node modules, no globals beyond standard JavaScript. The
 * caller passes its test functions and an `assert` with `ok(value, message)` and
 * `strictEqual(actual, expected, message)` (node:assert and chai both fit).
 *
 * Each test uses a fresh thread key, so the suite can share one server and database.
 */

/**
 * @typedef {object} ContractSuiteOptions
 * @property {(name: string, fn: () => void) => void} describe
 * @property {(name: string, fn: () => Promise<void>) => void} it
 * @property {{ ok(value: unknown, message?: string): void,
 *              strictEqual(actual: unknown, expected: unknown, message?: string): void }} assert
 * @property {() => import('../../src/adapters/types.ts').CommentAdapter
 *                | Promise<import('../../src/adapters/types.ts').CommentAdapter>} makeAdapter
 *   An adapter talking to the server under test.
 * @property {number} [pageSize] Top-level comments per page of that server (the
 *   pagination test posts one more than this; configure the server small, e.g. 3).
 * @property {string} [threadPrefix] Start of every thread key the suite uses.
 */

/** @param {ContractSuiteOptions} options */
export function runContractSuite({
  describe,
  it,
  assert,
  makeAdapter,
  pageSize = 50,
  threadPrefix = 'contract',
}) {
  let counter = 0;
  /** A thread key no other test (or earlier run against the same database) uses. */
  const freshThread = (suffix = '') =>
    `${threadPrefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}-${++counter}${suffix}`;

  const newComment = (body, parentId = null, name = 'Contract Tester') => ({
    parentId,
    body,
    author: { name },
  });

  /** Walks every page of a thread through `next`, returning the pages. */
  async function allPages(adapter, thread) {
    const pages = [];
    let cursor = null;
    do {
      const page = await adapter.list(thread, { cursor });
      pages.push(page);
      cursor = page.next ?? null;
      assert.ok(pages.length <= 1000, 'pagination does not end');
    } while (cursor);
    return pages;
  }

  /** Resolves to the rejection reason; fails when the promise fulfils. */
  async function rejection(promise, what) {
    try {
      await promise;
    } catch (error) {
      return error;
    }
    assert.ok(false, `${what} should have been rejected`);
    return undefined;
  }

  describe('REST contract', () => {
    it('lists a thread without comments as an empty page', async () => {
      const adapter = await makeAdapter();
      const page = await adapter.list(freshThread());
      assert.ok(Array.isArray(page.comments), 'comments is an array');
      assert.strictEqual(page.comments.length, 0, 'no comments');
      assert.ok(page.next === undefined || page.next === null, 'no next page');
      assert.ok(page.total === undefined || page.total === 0, 'total is absent or 0');
    });

    it('creates a top-level comment and a reply, then lists them as flat records', async () => {
      const adapter = await makeAdapter();
      const thread = freshThread();
      const root = await adapter.create(thread, newComment('A top-level comment', null, 'Ada'));
      assert.strictEqual(typeof root.id, 'string', 'the record has a string id');
      assert.ok(root.id.length > 0, 'the id is not empty');
      assert.strictEqual(root.parentId, null, 'a top-level comment has parentId null');
      assert.strictEqual(root.body, 'A top-level comment');
      assert.strictEqual(root.author.name, 'Ada');
      assert.ok(!Number.isNaN(Date.parse(root.createdAt)), 'createdAt is a date');
      assert.ok(root.status === undefined || root.status === 'published', 'published');

      const reply = await adapter.create(thread, newComment('A reply', root.id, 'Grace'));
      assert.strictEqual(reply.parentId, root.id, 'the reply points at its parent');
      assert.ok(reply.id !== root.id, 'ids differ');

      const page = await adapter.list(thread);
      const ids = page.comments.map((c) => c.id);
      assert.strictEqual(ids.join(','), [root.id, reply.id].join(','), 'root, then its reply');
      const listedReply = page.comments[1];
      assert.strictEqual(listedReply.parentId, root.id);
      assert.strictEqual(listedReply.body, 'A reply');
      assert.strictEqual(listedReply.author.name, 'Grace');
      assert.ok(page.total === undefined || page.total === 2, 'total counts both');
    });

    it('keeps markup and special characters as text', async () => {
      const adapter = await makeAdapter();
      const thread = freshThread();
      const body = '<script>alert("x")</script> & <b>bold</b> — 😀 \'quotes\'\nsecond line';
      const created = await adapter.create(thread, newComment(body, null, '<i>Eve</i>'));
      assert.strictEqual(created.body, body, 'body returned as sent');
      const [listed] = (await adapter.list(thread)).comments;
      assert.strictEqual(listed.body, body, 'body listed as sent');
      assert.strictEqual(listed.author.name, '<i>Eve</i>', 'name listed as sent');
    });

    it('pages top-level comments through next, each with all of its replies', async () => {
      const adapter = await makeAdapter();
      const thread = freshThread();
      /** @type {Map<string, string>} comment id → id of its top-level comment */
      const rootOf = new Map();
      for (let i = 0; i < pageSize + 1; i += 1) {
        const root = await adapter.create(thread, newComment(`Root ${i}`));
        rootOf.set(root.id, root.id);
        if (i === 0 || i === pageSize) {
          const reply = await adapter.create(thread, newComment(`Reply to ${i}`, root.id));
          const nested = await adapter.create(thread, newComment(`Nested ${i}`, reply.id));
          rootOf.set(reply.id, root.id);
          rootOf.set(nested.id, root.id);
        }
      }

      const pages = await allPages(adapter, thread);
      assert.ok(pages.length >= 2, 'more than one page');
      const seen = new Set();
      for (const page of pages) {
        const rootsHere = new Set(page.comments.filter((c) => c.parentId === null).map((c) => c.id));
        assert.ok(rootsHere.size <= pageSize, 'a page holds at most pageSize top-level comments');
        for (const comment of page.comments) {
          assert.ok(!seen.has(comment.id), `comment ${comment.id} listed once`);
          seen.add(comment.id);
          assert.ok(rootsHere.has(rootOf.get(comment.id)), 'a reply is on its root’s page');
        }
        if (page.total !== undefined) assert.strictEqual(page.total, rootOf.size, 'total');
      }
      assert.strictEqual(seen.size, rootOf.size, 'every comment is listed');
      const order = pages.flatMap((p) => p.comments.filter((c) => c.parentId === null));
      assert.strictEqual(
        order.map((c) => c.body).join('|'),
        Array.from({ length: pageSize + 1 }, (_, i) => `Root ${i}`).join('|'),
        'top-level comments oldest first',
      );
    });

    it('pages newest first through next when it can sort, replies still in order under each', async () => {
      const adapter = await makeAdapter();
      if (!adapter.capabilities?.sort?.includes('newest')) return;
      const thread = freshThread();
      const roots = [];
      for (let i = 0; i < pageSize + 2; i += 1) {
        roots.push(await adapter.create(thread, newComment(`Root ${i}`)));
      }
      // Replies under the oldest root, and one under the newest, after the newer roots.
      const first = await adapter.create(thread, newComment('First reply', roots[0].id));
      const second = await adapter.create(thread, newComment('Second reply', roots[0].id));
      const late = await adapter.create(thread, newComment('Late reply', roots.at(-1).id));

      const pages = [];
      let cursor = null;
      do {
        const page = await adapter.list(thread, { cursor, sort: 'newest' });
        pages.push(page);
        cursor = page.next ?? null;
        assert.ok(pages.length <= 100, 'pagination does not end');
      } while (cursor);
      assert.ok(pages.length >= 2, 'more than one page');
      const ids = pages.flatMap((p) => p.comments.map((c) => c.id));
      const expected = [...roots].reverse().flatMap((r) => {
        if (r.id === roots.at(-1).id) return [r.id, late.id];
        if (r.id === roots[0].id) return [r.id, first.id, second.id];
        return [r.id];
      });
      assert.strictEqual(ids.join(','), expected.join(','), 'newest top-level first, each followed by its replies oldest first');

      const oldest = await adapter.list(thread, { sort: 'oldest' });
      assert.strictEqual(oldest.comments[0].id, roots[0].id, 'sort=oldest lists the oldest first');
      // A cursor continues the order it was issued for.
      const newestFirst = await adapter.list(thread, { sort: 'newest' });
      const wrongOrder = await rejection(adapter.list(thread, { cursor: newestFirst.next, sort: 'oldest' }), 'a newest-first cursor read oldest first');
      assert.ok(wrongOrder instanceof Error, 'rejects with an Error');
    });

    it('rejects an empty body with the server’s message', async () => {
      const adapter = await makeAdapter();
      const error = await rejection(adapter.create(freshThread(), newComment('   ')), 'empty body');
      assert.ok(error instanceof Error, 'rejects with an Error');
      assert.ok(/body/i.test(error.message), `message names the body: "${error.message}"`);
    });

    it('rejects a reply to a comment of another thread', async () => {
      const adapter = await makeAdapter();
      const other = await adapter.create(freshThread(), newComment('Elsewhere'));
      const error = await rejection(
        adapter.create(freshThread(), newComment('Lost reply', other.id)),
        'reply to a foreign parent',
      );
      assert.ok(/parent/i.test(error.message), `message names the parent: "${error.message}"`);
    });

    it('keeps thread keys with slashes, spaces and unicode apart', async () => {
      const adapter = await makeAdapter();
      const base = freshThread();
      const thread = `${base}/posts/2024/what is real leadership? ü 😀 #1`;
      const created = await adapter.create(thread, newComment('In the deep thread'));
      const page = await adapter.list(thread);
      assert.strictEqual(page.comments.map((c) => c.id).join(), created.id, 'listed in its thread');
      const parent = await adapter.list(`${base}/posts`);
      assert.strictEqual(parent.comments.length, 0, 'not listed under a prefix of the key');
    });

    it('counts the comments of many threads in one call, replies included', async () => {
      const adapter = await makeAdapter();
      const busy = freshThread('/posts/a b?thread=x&thread=y ü');
      const quiet = freshThread();
      const first = await adapter.create(busy, newComment('One'));
      await adapter.create(busy, newComment('A reply', first.id));
      await adapter.create(busy, newComment('Two'));
      const counts = await adapter.count([busy, quiet, busy]);
      assert.strictEqual(counts[busy], 3, 'the busy thread, its key kept whole in the query');
      assert.strictEqual(counts[quiet], 0, 'a thread without comments');
      assert.strictEqual(Object.keys(counts).length, 2, 'each thread once, nothing else');
    });

    it("lets the author edit and delete their comment, a placeholder standing where replies hang", async () => {
      const adapter = await makeAdapter();
      // Editing is optional in the contract: an adapter without it has nothing to check.
      if (typeof adapter.update !== 'function' || typeof adapter.remove !== 'function') return;
      const thread = freshThread();
      const root = await adapter.create(thread, newComment('Frist!'));
      assert.strictEqual(root.canEdit, true, 'the author may edit what they just posted');
      assert.strictEqual(root.canDelete, true, 'and delete it');
      const edited = await adapter.update(thread, root.id, { body: 'First!' });
      assert.strictEqual(edited.id, root.id, 'the same comment');
      assert.strictEqual(edited.body, 'First!', 'with its new text');
      const reply = await adapter.create(thread, newComment('A reply', root.id));
      let page = await adapter.list(thread);
      assert.strictEqual(page.comments[0].body, 'First!', 'the list shows the edit');
      assert.strictEqual(page.comments[0].canEdit, true, 'listed, it is still the author\'s to change');
      await adapter.remove(thread, root.id);
      page = await adapter.list(thread);
      assert.strictEqual(page.comments.map((c) => c.id).join(','), [root.id, reply.id].join(','), 'the thread keeps its shape');
      assert.strictEqual(page.comments[0].deleted, true, 'a placeholder');
      assert.strictEqual(page.comments[0].body, '', 'with nothing of what was removed');
      assert.ok(page.total === undefined || page.total === 1, 'placeholders are not counted');
      await adapter.remove(thread, reply.id);
      page = await adapter.list(thread);
      assert.strictEqual(page.comments.length, 0, 'the last reply takes its placeholder with it');
      assert.ok(page.total === undefined || page.total === 0, 'nothing left to count');
      assert.strictEqual((await adapter.count([thread]))[thread] ?? 0, 0, 'counts follow');
    });
  });
}

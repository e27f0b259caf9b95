// WalineAdapter against a real Waline 1.39.3 server (SQLite), proxied by the test server
// under /waline (and under /waline-audit, a second server that holds every comment for
// moderation). Started by web-test-runner.waline.config.mjs; run with `npm run test:waline`.
import { expect } from '@open-wc/testing';
import { WalineAdapter } from '../../src/adapters/waline-adapter.js';
import type { CommentRecord, NewComment } from '../../src/adapters/types.js';
import { assertNothingLeftLoopback, comment, rawThread, uniqueThread } from './waline-support.js';

const byId = (records: CommentRecord[]) => new Map(records.map((r) => [r.id, r]));

describe('WalineAdapter against a real Waline server', () => {
  it('lists an empty thread', async () => {
    const page = await new WalineAdapter('/waline').list(uniqueThread('empty'));
    expect(page).to.deep.equal({ comments: [], next: null, total: 0 });
  });

  it('posts a comment and nested replies, and lists the same tree after a reload', async () => {
    const thread = uniqueThread('tree');
    const writer = new WalineAdapter('/waline');
    const top = await writer.create(thread, comment(null, 'Top-level', { name: 'Ada', email: 'ada@example.com', url: 'https://ada.example/' }));
    const reply = await writer.create(thread, comment(top.id, 'A reply', { name: 'Bob' }));
    const nested = await writer.create(thread, comment(reply.id, 'A reply to the reply', { name: 'Cy' }));
    expect(top).to.include({ parentId: null, status: 'published' });
    expect(top.author).to.include({ name: 'Ada', url: 'https://ada.example/' });
    expect(reply.parentId).to.equal(top.id);
    expect(nested.parentId).to.equal(reply.id);

    // A new adapter knows nothing of what the first one posted: everything comes from Waline.
    const page = await new WalineAdapter('/waline').list(thread);
    expect(page.total).to.equal(3);
    expect(page.next).to.equal(null);
    const listed = byId(page.comments);
    expect([...listed.keys()].sort()).to.deep.equal([top.id, reply.id, nested.id].sort());
    expect(listed.get(top.id)).to.deep.include({ parentId: null, body: top.body, status: 'published', format: 'markdown' });
    expect(listed.get(reply.id)).to.deep.include({ parentId: top.id, body: reply.body });
    expect(listed.get(nested.id)).to.deep.include({ parentId: reply.id, body: nested.body });
    expect(listed.get(top.id)!.author).to.deep.include({ name: 'Ada', url: 'https://ada.example/' });
    expect(listed.get(reply.id)!.author.url).to.equal(undefined);
    for (const record of page.comments) {
      expect(record.createdAt).to.match(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      expect(Math.abs(Date.parse(record.createdAt) - Date.parse(top.createdAt))).to.be.below(60_000);
      expect(record.author.avatarUrl).to.match(/^http:\/\/localhost:\d+\/waline-avatar\/[0-9a-f]{32}\.svg$/);
    }
    // Waline keeps the root of each reply in `rid`: the nested reply must point at the top.
    const [root] = await rawThread('/waline', thread);
    const rawNested = root.children.find((c) => String(c.objectId) === nested.id)!;
    expect(String(rawNested.rid)).to.equal(top.id);
    expect(String(rawNested.pid)).to.equal(reply.id);
  });

  it('finds the root of a parent it never listed before replying to it', async () => {
    const thread = uniqueThread('unlisted-parent');
    const first = new WalineAdapter('/waline');
    const top = await first.create(thread, comment(null, 'Top'));
    const reply = await first.create(thread, comment(top.id, 'Reply'));
    const stranger = new WalineAdapter('/waline');
    const answer = await stranger.create(thread, comment(reply.id, 'Answer from a fresh adapter'));
    expect(answer.parentId).to.equal(reply.id);
    const listed = byId((await new WalineAdapter('/waline').list(thread)).comments);
    expect(listed.get(answer.id)?.parentId).to.equal(reply.id);
  });

  it("shows the visitor's source, never Waline's HTML", async () => {
    const thread = uniqueThread('source');
    const input = comment(null, '**bold** <script>window.__walinePwned = 1</script> <img src=x onerror="window.__walinePwned = 2">');
    const { body } = input;
    const created = await new WalineAdapter('/waline').create(thread, input);
    expect(created.body).to.equal(body);
    const [listed] = (await new WalineAdapter('/waline').list(thread)).comments;
    expect(listed.body).to.equal(body);
    // Waline really did render (and sanitize) it: reading `comment` would differ.
    const [raw] = await rawThread('/waline', thread);
    expect(raw.comment).to.contain('<strong>bold</strong>');
    expect(raw.comment).not.to.contain('<script');
    expect(raw.comment).not.to.contain('onerror');
    expect(raw.orig).to.equal(body);
  });

  it('pages by top-level comment with page numbers as cursors', async () => {
    const thread = uniqueThread('pages');
    const adapter = new WalineAdapter('/waline', { pageSize: 2 });
    const roots: CommentRecord[] = [];
    for (const label of ['one', 'two', 'three']) roots.push(await adapter.create(thread, comment(null, label)));
    await adapter.create(thread, comment(roots[0].id, 'reply to one'));

    const first = await adapter.list(thread);
    expect(first.next).to.equal('2');
    expect(first.total).to.equal(4);
    const second = await adapter.list(thread, { cursor: first.next });
    expect(second.next).to.equal(null);
    const tops = [...first.comments, ...second.comments].filter((c) => c.parentId === null);
    expect(first.comments.filter((c) => c.parentId === null)).to.have.length(2);
    expect(tops.map((c) => c.id).sort()).to.deep.equal(roots.map((c) => c.id).sort());
    // A reply comes on the same page as its top-level comment.
    const reply = [...first.comments, ...second.comments].find((c) => c.parentId === roots[0].id)!;
    const pageOfRoot = first.comments.some((c) => c.id === roots[0].id) ? first : second;
    expect(pageOfRoot.comments).to.deep.include(reply);
  });

  it('marks a comment held for moderation as pending', async () => {
    const thread = uniqueThread('audit');
    const held = await new WalineAdapter('/waline-audit').create(thread, comment(null, 'Held for review'));
    expect(held.status).to.equal('pending');
    // Waline shows held comments only to their signed-in author.
    expect(await new WalineAdapter('/waline-audit').list(thread)).to.deep.equal({ comments: [], next: null, total: 0 });
  });

  it("rejects with Waline's own message when it answers errno with HTTP 200", async () => {
    const thread = uniqueThread('duplicate');
    const adapter = new WalineAdapter('/waline');
    const input: NewComment = comment(null, 'Said twice');
    await adapter.create(thread, input);
    const error = await adapter.create(thread, input).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).to.be.instanceOf(Error);
    expect((error as Error).message).to.equal('Duplicate Content');
  });

  it("rejects with Waline's field messages when it refuses the input", async () => {
    const error = await new WalineAdapter('/waline')
      .create(uniqueThread('blank'), { parentId: null, body: '', author: { name: 'Tester' } })
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect((error as Error).message).to.equal('comment can not be blank');
  });

  it("rejects with Waline's message when it answers an error status", async () => {
    // Waline 1.39 answers 500 to a reply whose parent does not exist.
    const error = await new WalineAdapter('/waline').create(uniqueThread('no-parent'), comment('987654321', 'Reply to nobody')).then(
      () => null,
      (e: unknown) => e,
    );
    expect((error as Error).message).to.equal("Cannot read properties of undefined (reading 'user_id')");
  });

  it('rejects a cursor that is not a page number', async () => {
    const error = await new WalineAdapter('/waline').list(uniqueThread('cursor'), { cursor: 'abc' }).then(
      () => null,
      (e: unknown) => e,
    );
    expect((error as Error).message).to.contain('abc');
  });

  it('honours an AbortSignal', async () => {
    const controller = new AbortController();
    controller.abort();
    const adapter = new WalineAdapter('/waline');
    const thread = uniqueThread('abort');
    const listing = await adapter.list(thread, { signal: controller.signal }).then(
      () => null,
      (e: unknown) => e,
    );
    expect((listing as DOMException).name).to.equal('AbortError');
    const posting = await adapter.create(thread, comment(null, 'Never sent'), { signal: controller.signal }).then(
      () => null,
      (e: unknown) => e,
    );
    expect((posting as DOMException).name).to.equal('AbortError');
    expect((await adapter.list(thread)).comments).to.have.length(0);
  });

  after(assertNothingLeftLoopback);
});

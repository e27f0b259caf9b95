import { expect } from '@open-wc/testing';
import { MemoryAdapter, type CommentRecord } from '../../src/index.js';
import { record } from '../support/fixtures.js';

describe('MemoryAdapter', () => {
  it('pages top-level comments with all their replies, whatever their order', async () => {
    const records = [record('a'), record('b'), record('a1', 'a'), record('c'), record('a1x', 'a1'), record('b1', 'b'), record('orphan', 'gone')];
    const adapter = new MemoryAdapter(records, { pageSize: 2 });
    const ids = (page: { comments: CommentRecord[] }) => page.comments.map((c) => c.id);
    const first = await adapter.list('t');
    expect(ids(first)).to.deep.equal(['a', 'b', 'a1', 'a1x', 'b1']);
    expect(first.next).to.equal('2');
    expect(first.total).to.equal(7);
    const second = await adapter.list('t', { cursor: first.next });
    expect(ids(second)).to.deep.equal(['c', 'orphan']);
    expect(second.next).to.equal(null);
  });

  it('pages a 10,000-long chain listed leaf first without slowing to a crawl', async () => {
    const chain = Array.from({ length: 10000 }, (_, i) => record(`n${i}`, i ? `n${i - 1}` : null)).reverse();
    const page = await new MemoryAdapter(chain, { pageSize: 1 }).list('t');
    expect(page.comments.length).to.equal(10000);
    expect(page.next).to.equal(null);
  });

  it('keeps each thread apart, starting from the records it was built with', async () => {
    const adapter = new MemoryAdapter([record('seed')]);
    await adapter.create('one', { parentId: null, body: 'only in one', author: { name: 'A' } });
    expect((await adapter.list('one')).comments.length).to.equal(2);
    expect((await adapter.list('two')).comments.map((c) => c.id)).to.deep.equal(['seed']);
  });

  it('refuses an empty body and keeps only http(s) author URLs', async () => {
    const adapter = new MemoryAdapter();
    const error = await adapter.create('t', { parentId: null, body: '  ', author: { name: 'A' } }).catch((e: Error) => e);
    expect((error as Error).message).to.contain('needs some text');
    const created = await adapter.create('t', { parentId: null, body: 'hi', author: { name: ' ', url: 'javascript:alert(1)' } });
    expect(created.author).to.deep.equal({ name: '' });
  });

  it('rejects with an AbortError when aborted during its delay', async () => {
    const controller = new AbortController();
    const pending = new MemoryAdapter([], { delay: 1000 }).list('t', { signal: controller.signal });
    controller.abort();
    expect(((await pending.catch((e: unknown) => e)) as DOMException).name).to.equal('AbortError');
  });
});

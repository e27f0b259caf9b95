import { expect } from '@open-wc/testing';
import { RestAdapter, RestAdapterError } from '../../src/index.js';

const base = '/rest-api/';

describe('RestAdapter', () => {
  it('creates and lists comments over HTTP, paging by cursor', async () => {
    const adapter = new RestAdapter(base);
    const thread = `paging-${Math.random()}`;
    const a = await adapter.create(thread, { parentId: null, body: 'first', author: { name: 'Ann' } });
    await adapter.create(thread, { parentId: a.id, body: 'reply', author: { name: 'Ben' } });
    await adapter.create(thread, { parentId: null, body: 'second', author: { name: 'Cy' } });
    await adapter.create(thread, { parentId: null, body: 'third', author: { name: 'Di' } });
    const page1 = await adapter.list(thread);
    expect(page1.comments.map((c) => c.body)).to.deep.equal(['first', 'reply', 'second']);
    expect(page1.total).to.equal(4);
    expect(page1.next).to.equal('2');
    const page2 = await adapter.list(thread, { cursor: page1.next });
    expect(page2.comments.map((c) => c.body)).to.deep.equal(['third']);
    expect(page2.next).to.equal(null);
  });

  it('refuses an endpoint with a query, saying why, instead of calling the wrong address', async () => {
    let called = false;
    const adapter = new RestAdapter('/rest-api?key=1', { fetch: async () => ((called = true), new Response('{}')) });
    const error = await adapter.list('t').then(() => null, (e: Error) => e);
    expect(error?.message).to.equal('A server address cannot have a query or fragment: /rest-api?key=1');
    expect(called).to.be.false;
  });

  it('URL-encodes the thread key', async () => {
    const seen: string[] = [];
    const adapter = new RestAdapter(base, {
      fetch: async (input, init) => {
        const response = await fetch(input, init);
        seen.push(String(input), response.headers.get('X-Seen-Thread')!);
        return response;
      },
    });
    await adapter.list('/blog/2024/what is?#x');
    // The endpoint is relative to the page, and so is the address asked for.
    expect(seen[0]).to.equal(`${location.origin}/rest-api/threads/%2Fblog%2F2024%2Fwhat%20is%3F%23x/comments`);
    expect(decodeURIComponent(seen[1])).to.equal('/blog/2024/what is?#x');
  });

  it('sends the configured headers', async () => {
    let auth: string | null = null;
    const adapter = new RestAdapter(base, {
      headers: { Authorization: 'Bearer t0k' },
      fetch: async (input, init) => {
        const response = await fetch(input, init);
        auth = response.headers.get('X-Seen-Auth');
        return response;
      },
    });
    await adapter.list('headers');
    expect(auth).to.equal('Bearer t0k');
  });

  it("surfaces the server's error message and status", async () => {
    const adapter = new RestAdapter(base);
    const error = await adapter.create('fails-400', { parentId: null, body: '', author: { name: 'x' } }).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(RestAdapterError);
    expect((error as RestAdapterError).message).to.equal('Your comment is empty.');
    expect((error as RestAdapterError).status).to.equal(400);
  });

  it('gives a plain message when the error body is not the contract JSON', async () => {
    const error = await new RestAdapter(base).list('fails-500-html').catch((e: unknown) => e);
    expect((error as Error).message).to.equal('The comment server answered 500.');
  });

  it('rejects with an AbortError when its signal aborts', async () => {
    const controller = new AbortController();
    const pending = new RestAdapter(base).list('hangs', { signal: controller.signal });
    controller.abort();
    const error = await pending.catch((e: unknown) => e);
    expect((error as DOMException).name).to.equal('AbortError');
  });
});

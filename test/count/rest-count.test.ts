import { expect, fixture, html } from '@open-wc/testing';
import { MemoryAdapter, RestAdapter, type ParleyCount } from '../../src/index.js';
import { record, until } from '../support/fixtures.js';

const hasCount = (el: ParleyCount) => el.shadowRoot!.querySelector('[part="count"]') !== null;
const shown = (el: ParleyCount) => el.shadowRoot!.querySelector('[part="count"]')?.textContent;
const requestsTo = (path: string) => performance.getEntriesByType('resource').filter((e) => new URL(e.name).pathname === path);

/** Posts `n` top-level comments to `thread`. */
async function post(adapter: RestAdapter, thread: string, n: number) {
  for (let i = 0; i < n; i++) await adapter.create(thread, { parentId: null, body: `comment ${i}`, author: { name: 'Ann' } });
}

describe('counts over the REST contract', () => {
  it('RestAdapter.count asks the reference server once for many threads', async () => {
    const adapter = new RestAdapter('/reference-api');
    const key = `rc-${Math.random()}`;
    await post(adapter, `${key}-a`, 3);
    await post(adapter, `${key}-b`, 1);
    const counts = await adapter.count([`${key}-a`, `${key}-b`, `${key}-none`, `${key}-a`]);
    expect(counts).to.deep.equal({ [`${key}-a`]: 3, [`${key}-b`]: 1, [`${key}-none`]: 0 });
  });

  it('splits many threads into requests of at most 50, and joins the answers', async () => {
    const urls: string[] = [];
    const adapter = new RestAdapter('/reference-api', {
      fetch: (input, init) => (urls.push(String(input)), fetch(input, init)),
    });
    const threads = Array.from({ length: 120 }, (_, i) => `chunk-${i}`);
    const counts = await adapter.count(threads);
    expect(urls.length).to.equal(3);
    expect(urls.map((u) => new URL(u).searchParams.getAll('thread').length).sort()).to.deep.equal([20, 50, 50]);
    expect(urls.flatMap((u) => new URL(u).searchParams.getAll('thread')).sort()).to.deep.equal([...threads].sort());
    expect(Object.keys(counts).length).to.equal(120);
    expect(Object.values(counts).every((n) => n === 0)).to.be.true;
  });

  it('keeps request lines short when thread keys are long', async () => {
    const urls: string[] = [];
    const adapter = new RestAdapter('/reference-api', {
      fetch: (input, init) => (urls.push(String(input)), fetch(input, init)),
    });
    const threads = Array.from({ length: 20 }, (_, i) => `/blog/${'a-long-path-segment/'.repeat(9)}${i}`);
    expect(Object.keys(await adapter.count(threads)).length).to.equal(20);
    expect(urls.length).to.be.greaterThan(1);
    for (const u of urls) expect(new URL(u).search.length).to.be.at.most(2001);
  });

  it('leaves out what is not a whole number of zero or more in the answer', async () => {
    const body = '{"a": 2, "b": -1, "c": 1.5, "d": "4", "e": null, "__proto__": 6, "unasked": 9}';
    const adapter = new RestAdapter('/anywhere', { fetch: async () => new Response(body, { headers: { 'Content-Type': 'application/json' } }) });
    const counts = await adapter.count(['a', 'b', 'c', 'd', 'e', '__proto__']);
    expect(Object.entries(counts)).to.deep.equal([['a', 2], ['__proto__', 6]]);
  });

  it('<parley-count endpoint> elements share one request to the reference server', async () => {
    const adapter = new RestAdapter('/reference-api');
    const key = `el-${Math.random()}`;
    await post(adapter, `${key}-one`, 1);
    await post(adapter, `${key}-four`, 4);
    performance.clearResourceTimings();
    const box = await fixture<HTMLElement>(html`
      <ul>
        <li><parley-count endpoint="/reference-api" thread=${`${key}-one`}></parley-count></li>
        <li><parley-count endpoint="/reference-api" thread=${`${key}-four`}></parley-count></li>
        <li><parley-count endpoint="/reference-api" thread=${`${key}-none`}></parley-count></li>
        <li><parley-count endpoint="/reference-api" thread=${`${key}-four`}></parley-count></li>
      </ul>
    `);
    const els = [...box.querySelectorAll('parley-count')];
    await until(() => els.every(hasCount), 'every count');
    expect(els.map(shown)).to.deep.equal(['1 comment', '4 comments', 'No comments yet', '4 comments']);
    await until(() => requestsTo('/reference-api/counts').length > 0, 'the timing of the request');
    const [request, ...more] = requestsTo('/reference-api/counts');
    expect(more).to.deep.equal([]);
    expect(new URL(request.name).searchParams.getAll('thread')).to.deep.equal([`${key}-one`, `${key}-four`, `${key}-none`]);
    const lists = performance.getEntriesByType('resource').filter((e) => e.name.includes('/reference-api/threads/'));
    expect(lists, 'no thread is listed').to.deep.equal([]);
  });

  it('lists each thread of a REST server that has no /counts (404)', async () => {
    // The server of test/middleware/rest-contract.mjs, with /counts answered as the
    // reference server answered it before counts existed.
    const asked: string[] = [];
    const adapter = new RestAdapter('/rest-api', {
      fetch: async (input, init) => {
        const path = new URL(String(input)).pathname;
        asked.push(path);
        if (path !== '/rest-api/counts') return fetch(input, init);
        const error = { error: { message: 'No such API route: GET /rest-api/counts' } };
        return new Response(JSON.stringify(error), { status: 404, headers: { 'Content-Type': 'application/json' } });
      },
    });
    const key = `old-${Math.random()}`;
    await post(adapter, `${key}-two`, 2);
    asked.length = 0;
    const box = await fixture<HTMLElement>(html`
      <p>
        <parley-count .adapter=${adapter} thread=${`${key}-two`}></parley-count>
        <parley-count .adapter=${adapter} thread=${`${key}-none`}></parley-count>
      </p>
    `);
    const els = [...box.querySelectorAll('parley-count')];
    await until(() => els.every(hasCount), 'every count');
    expect(els.map(shown)).to.deep.equal(['2 comments', 'No comments yet']);
    expect(asked).to.deep.equal([
      '/rest-api/counts',
      `/rest-api/threads/${encodeURIComponent(`${key}-two`)}/comments`,
      `/rest-api/threads/${encodeURIComponent(`${key}-none`)}/comments`,
    ]);
  });
});

describe('MemoryAdapter.count', () => {
  it('counts what list totals: every record but the placeholders of removed comments', async () => {
    const adapter = new MemoryAdapter([record('a'), record('b', 'a'), record('gone', null, { deleted: true, body: '' }), record('c', 'gone')]);
    await adapter.create('busy', { parentId: null, body: 'one more', author: { name: 'Ann' } });
    expect(await adapter.count(['quiet', 'busy'])).to.deep.equal({ quiet: 3, busy: 4 });
    expect((await adapter.list('busy')).total).to.equal(4);
  });
});

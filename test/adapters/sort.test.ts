import { expect } from '@open-wc/testing';
import { ArtalkAdapter } from '../../src/adapters/artalk-adapter.js';
import { Remark42Adapter } from '../../src/adapters/remark42-adapter.js';
import type { CommentAdapter, SortOrder } from '../../src/adapters/types.js';
import { WalineAdapter } from '../../src/adapters/waline-adapter.js';

/** A fetch that remembers the addresses asked for and answers as an empty thread. */
function spy() {
  const urls: URL[] = [];
  const fetcher: typeof fetch = async (input) => {
    urls.push(new URL(String(input)));
    return Response.json({ errno: 0, data: [] });
  };
  return { urls, fetch: fetcher };
}

// Each backend's own parameter for oldest and newest first, and its default.
const cases: { name: string; param: string; make: (fetch: typeof globalThis.fetch, site?: string) => CommentAdapter; values: Record<SortOrder, string>; first: SortOrder }[] = [
  { name: 'Waline', param: 'sortBy', make: (fetch) => new WalineAdapter('http://127.0.0.1:9/', { fetch }), values: { oldest: 'insertedAt_asc', newest: 'insertedAt_desc' }, first: 'newest' },
  { name: 'Artalk', param: 'sort_by', make: (fetch) => new ArtalkAdapter('http://127.0.0.1:9/', { site: 's', fetch }), values: { oldest: 'date_asc', newest: 'date_desc' }, first: 'oldest' },
  { name: 'Remark42', param: 'sort', make: (fetch) => new Remark42Adapter('http://127.0.0.1:9/', { fetch }), values: { oldest: '+time', newest: '-time' }, first: 'oldest' },
];

describe('adapters that can sort', () => {
  for (const { name, param, make, values, first } of cases) {
    it(`${name}: offers both orders, its default first, and asks its backend for the one chosen`, async () => {
      const seen = spy();
      const adapter = make(seen.fetch);
      expect(adapter.capabilities?.sort).to.deep.equal(first === 'newest' ? ['newest', 'oldest'] : ['oldest', 'newest']);
      await adapter.list('/t/');
      await adapter.list('/t/', { sort: 'newest' });
      await adapter.list('/t/', { sort: 'oldest' });
      expect(seen.urls.map((u) => u.searchParams.get(param))).to.deep.equal([values[first], values.newest, values.oldest]);
    });
  }

  it("puts the site's own order first, so the control shows what the thread shows", () => {
    expect(new WalineAdapter('http://127.0.0.1:9/', { sortBy: 'insertedAt_asc' }).capabilities?.sort).to.deep.equal(['oldest', 'newest']);
    expect(new ArtalkAdapter('http://127.0.0.1:9/', { site: 's', sortBy: 'date_desc' }).capabilities?.sort).to.deep.equal(['newest', 'oldest']);
    expect(new Remark42Adapter('http://127.0.0.1:9/', { sort: '-time' }).capabilities?.sort).to.deep.equal(['newest', 'oldest']);
  });
});

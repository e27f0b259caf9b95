import { expect } from '@open-wc/testing';
import type { CommentAdapter, CommentPage } from '../../src/index.js';
import { AdapterError } from '../../src/index.js';
import { countBatcher } from '../../src/count/count-batch.js';
import { record } from '../support/fixtures.js';

/** A batcher whose flush runs only when the test says. */
function manual() {
  let pending: (() => void) | undefined;
  const countOf = countBatcher((flush) => (pending = flush));
  return {
    batcher: { count: countOf },
    flush() {
      const run = pending;
      pending = undefined;
      run?.();
    },
  };
}

/** An adapter that records its calls; `count` answers from `counts` when given. */
function recording(counts?: Record<string, unknown> | (() => Promise<never>), pages: Record<string, CommentPage> = {}) {
  const calls = { count: [] as string[][], list: [] as string[] };
  const adapter: CommentAdapter = {
    list: async (thread) => {
      calls.list.push(thread);
      if (!pages[thread]) throw new Error(`no page for ${thread}`);
      return pages[thread];
    },
    create: async () => Promise.reject(new Error('not here')),
  };
  if (counts) {
    adapter.count = async (threads) => {
      calls.count.push(threads);
      return typeof counts === 'function' ? counts() : (counts as Record<string, number>);
    };
  }
  return { adapter, calls };
}

describe('countBatcher', () => {
  let warn: typeof console.warn;
  let warnings: unknown[][];
  beforeEach(() => {
    warn = console.warn;
    warnings = [];
    console.warn = (...args: unknown[]) => warnings.push(args);
  });
  afterEach(() => {
    console.warn = warn;
  });

  it('asks one adapter once per flush, for the distinct threads asked of it', async () => {
    const { batcher, flush } = manual();
    const { adapter, calls } = recording({ a: 3, b: 0, c: 12 });
    const asked = ['a', 'b', 'a', 'c', 'b'].map((t) => batcher.count(adapter, t));
    expect(calls.count).to.deep.equal([], 'nothing is sent before the flush');
    flush();
    expect(await Promise.all(asked)).to.deep.equal([3, 0, 3, 12, 0]);
    expect(calls.count).to.deep.equal([['a', 'b', 'c']]);
    expect(calls.list).to.deep.equal([]);
    expect(warnings).to.deep.equal([]);
  });

  it('gives each adapter its own call, and starts a new batch after a flush', async () => {
    const { batcher, flush } = manual();
    const one = recording({ a: 1, b: 2 });
    const two = recording({ a: 5 });
    const first = [batcher.count(one.adapter, 'a'), batcher.count(two.adapter, 'a'), batcher.count(one.adapter, 'b')];
    flush();
    expect(await Promise.all(first)).to.deep.equal([1, 5, 2]);
    const later = batcher.count(one.adapter, 'a');
    flush();
    expect(await later).to.equal(1);
    expect(one.calls.count).to.deep.equal([['a', 'b'], ['a']]);
    expect(two.calls.count).to.deep.equal([['a']]);
  });

  it('lists each distinct thread once when the adapter cannot count, reading the total', async () => {
    const { batcher, flush } = manual();
    const { adapter, calls } = recording(undefined, {
      big: { comments: [record('x')], next: 'p2', total: 1234 },
      small: { comments: [record('x'), record('y', 'x'), record('gone', null, { deleted: true, body: '' })], next: null },
      paged: { comments: [record('x')], next: 'p2' },
    });
    const asked = ['big', 'small', 'big', 'paged'].map((t) => batcher.count(adapter, t));
    flush();
    // Without a total, a single page is counted (less its placeholder); the first of
    // several pages says too little, so that thread has no count.
    expect(await Promise.all(asked)).to.deep.equal([1234, 2, 1234, undefined]);
    expect(calls.list).to.deep.equal(['big', 'small', 'paged']);
    expect(warnings.length).to.equal(1);
    expect(warnings[0][1]).to.deep.equal(['paged']);
  });

  it('ignores counts that are not whole numbers of zero or more, and threads not asked for', async () => {
    const { batcher, flush } = manual();
    const answer = JSON.parse('{"neg": -1, "half": 2.5, "text": "3", "nan": null, "ok": 4, "__proto__": 7, "other": 9}');
    const { adapter } = recording(answer);
    const threads = ['neg', 'half', 'text', 'nan', 'ok', '__proto__', 'absent'];
    const asked = threads.map((t) => batcher.count(adapter, t));
    flush();
    expect(await Promise.all(asked)).to.deep.equal([undefined, undefined, undefined, undefined, 4, 7, undefined]);
    expect(warnings.length).to.equal(1);
    expect(warnings[0][1]).to.deep.equal(['neg', 'half', 'text', 'nan', 'absent']);
  });

  it('answers undefined to every element of a failed batch, and says why once', async () => {
    const { batcher, flush } = manual();
    const failure = new AdapterError('The comment server answered 500.', { status: 500, backend: 'rest' });
    const { adapter, calls } = recording(() => Promise.reject(failure));
    const asked = ['a', 'b'].map((t) => batcher.count(adapter, t));
    flush();
    expect(await Promise.all(asked)).to.deep.equal([undefined, undefined]);
    expect(calls.list, 'a server error is no reason to ask again per thread').to.deep.equal([]);
    expect(warnings).to.deep.equal([['[parley] no comment count for', ['a', 'b'], failure]]);
  });

  it('lists instead when the server does not know the count call (404)', async () => {
    const { batcher, flush } = manual();
    const { adapter, calls } = recording(
      () => Promise.reject(new AdapterError('No such API route', { status: 404, backend: 'rest' })),
      { a: { comments: [], total: 3 }, b: { comments: [], total: 0 } },
    );
    const asked = ['a', 'b'].map((t) => batcher.count(adapter, t));
    flush();
    expect(await Promise.all(asked)).to.deep.equal([3, 0]);
    expect(calls.list).to.deep.equal(['a', 'b']);
    expect(warnings).to.deep.equal([]);
  });

  it('keeps the counts of the threads that could be listed when one cannot', async () => {
    const { batcher, flush } = manual();
    const { adapter } = recording(undefined, { a: { comments: [], total: 5 } });
    const asked = ['a', 'missing'].map((t) => batcher.count(adapter, t));
    flush();
    expect(await Promise.all(asked)).to.deep.equal([5, undefined]);
    expect(warnings.length).to.equal(1);
    expect(String(warnings[0][2])).to.contain('no page for missing');
  });
});

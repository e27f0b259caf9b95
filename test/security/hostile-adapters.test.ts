import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { MemoryAdapter, type CommentAdapter } from '../../src/index.js';
import type { ParleyComments } from '../../src/parley-comments.js';
import { ControlledAdapter, commentEl, record, renderedIds, until } from '../support/fixtures.js';

// Every test here also fails on an uncaught error or unhandled rejection.
let uncaught: unknown[] = [];
const onError = (e: ErrorEvent) => uncaught.push(e.error ?? e.message);
const onRejection = (e: PromiseRejectionEvent) => uncaught.push(e.reason);
let warn: typeof console.warn;

beforeEach(() => {
  uncaught = [];
  addEventListener('error', onError);
  addEventListener('unhandledrejection', onRejection);
  // Skipped records are reported with console.warn; keep the test output clean.
  warn = console.warn;
  console.warn = () => {};
});
afterEach(async () => {
  await new Promise((r) => setTimeout(r, 0));
  removeEventListener('error', onError);
  removeEventListener('unhandledrejection', onRejection);
  console.warn = warn;
  expect(uncaught, 'uncaught errors').to.deep.equal([]);
});

async function mountWith(adapter: CommentAdapter, attrs = ''): Promise<{ el: ParleyComments; outcome: 'loaded' | 'error' }> {
  const el = await fixture<ParleyComments>(html`<parley-comments thread="hostile" max-depth=${attrs || '5'}></parley-comments>`);
  const outcome = new Promise<'loaded' | 'error'>((resolve) => {
    el.addEventListener('parley-loaded', () => resolve('loaded'), { once: true });
    el.addEventListener('parley-error', () => resolve('error'), { once: true });
  });
  el.adapter = adapter;
  const result = await outcome;
  await el.updateComplete;
  return { el, outcome: result };
}

const listing = (page: unknown): CommentAdapter => ({ list: async () => page as never, create: async () => record('x') });
const alertText = (el: ParleyComments) => el.shadowRoot!.querySelector('[role="alert"]')?.textContent ?? '';
const retryButton = (el: ParleyComments) =>
  [...el.shadowRoot!.querySelectorAll('button')].find((b) => b.textContent!.trim() === 'Retry');

describe('whatever the adapter returns', () => {
  for (const [label, page] of [
    ['null', null],
    ['a number', 42],
    ['a string', 'comments'],
    ['an array', [record('a')]],
    ['comments that is not an array', { comments: { 0: record('a') } }],
    ['comments: null', { comments: null }],
  ] as const) {
    it(`survives a page that is ${label}`, async () => {
      const { el, outcome } = await mountWith(listing(page));
      expect(outcome).to.equal('loaded');
      expect(renderedIds(el)).to.deep.equal([]);
      expect(el.shadowRoot!.querySelector('[part~="heading"]')!.textContent).to.equal('No comments yet');
    });
  }

  it('skips records of the wrong types and shows the rest', async () => {
    const { el } = await mountWith(
      listing({
        comments: [
          null,
          7,
          'str',
          [],
          { id: 5, body: 'numeric id' },
          { id: 'nobody' },
          { id: 'ok1', body: 'fine', author: null, createdAt: 12, parentId: {} },
          { id: 'ok2', body: 'fine', author: { name: ['x'], url: 42, avatarUrl: {} }, status: 'published' },
          { id: 'ok3', body: 'fine', author: 'Mallory', next: 'x' },
        ],
        next: 17,
        total: 'many',
      }),
    );
    expect(renderedIds(el)).to.deep.equal(['ok1', 'ok2', 'ok3']);
    expect(commentEl(el, 'ok1').querySelector('[part~="author"]')!.textContent).to.equal('Anonymous');
    expect(commentEl(el, 'ok3').querySelector('[part~="author"]')!.textContent).to.equal('Anonymous');
    // In the page's words when it gives them.
    el.strings = { anonymous: 'Anonyme' };
    await el.updateComplete;
    expect(commentEl(el, 'ok1').querySelector('[part~="author"]')!.textContent).to.equal('Anonyme');
    expect(commentEl(el, 'ok1').querySelector('[part~="reply-button"]')!.getAttribute('aria-label')).to.contain('Anonyme');
    const time = commentEl(el, 'ok1').querySelector('time')!;
    expect(time.hasAttribute('datetime')).to.be.false;
    expect(time.textContent).to.equal('');
    expect([...el.shadowRoot!.querySelectorAll('button')].some((b) => b.textContent!.includes('Load more'))).to.be.false;
  });

  it('shows one comment for 10,000 records with the same id', async () => {
    const same = Array.from({ length: 10000 }, (_, i) => record('dup', null, { body: `copy ${i}` }));
    const { el } = await mountWith(listing({ comments: same }));
    expect(renderedIds(el)).to.deep.equal(['dup']);
    expect(commentEl(el, 'dup').querySelector('[part~="body"]')!.textContent).to.contain('copy 0');
  });

  it('shows self-parented records, long cycles and orphans exactly once', async () => {
    const cycle = Array.from({ length: 500 }, (_, i) => record(`cy${i}`, `cy${(i + 1) % 500}`));
    const comments = [record('self', 'self'), ...cycle, record('orphan', 'gone'), record('orphan-reply', 'orphan')];
    const { el } = await mountWith(listing({ comments }));
    // A page this big is shown in steps, one per frame.
    await until(() => renderedIds(el).length >= comments.length, 'every comment');
    const ids = renderedIds(el);
    expect(ids.length).to.equal(comments.length);
    expect(new Set(ids).size).to.equal(comments.length);
    expect(commentEl(el, 'orphan').contains(commentEl(el, 'orphan-reply'))).to.be.true;
  });

  it('renders a 10,000-deep reply chain, never nesting past max-depth', async () => {
    const chain = [record('n0')];
    for (let i = 1; i < 10000; i++) chain.push(record(`n${i}`, `n${i - 1}`));
    const { el } = await mountWith(listing({ comments: chain }), '4');
    // A page this big is shown in steps, each cut inside this one thread.
    await until(() => renderedIds(el).length === 10000, 'the whole chain');
    let deepest = 0;
    for (const li of el.shadowRoot!.querySelectorAll('[data-comment-id]')) {
      let depth = 0;
      for (let n: Element | null = li; n; n = n.parentElement?.closest('[data-comment-id]') ?? null) depth++;
      deepest = Math.max(deepest, depth);
    }
    expect(deepest).to.equal(4);
    expect(commentEl(el, 'n9999').textContent).to.contain('in reply to Author n9998');
  });

  it('shows 5,000 replies to one comment', async () => {
    const replies = Array.from({ length: 5000 }, (_, i) => record(`r${i}`, 'root'));
    const { el } = await mountWith(listing({ comments: [record('root'), ...replies] }));
    // The first five show; the rest come with "Show 4995 more replies".
    await until(() => !!commentEl(el, 'root').querySelector('[data-action="more-replies"]'), 'the button for the rest');
    commentEl(el, 'root').querySelector<HTMLButtonElement>('[data-action="more-replies"]')!.click();
    await until(() => commentEl(el, 'root').querySelectorAll('[data-comment-id]').length === 5000, 'all replies');
    expect(renderedIds(el).slice(0, 3)).to.deep.equal(['root', 'r0', 'r1']);
  });

  it('cuts a 1 MB body with a Show more button that reveals the rest', async () => {
    const body = 'word '.repeat(200000) + 'THE-END';
    const { el } = await mountWith(listing({ comments: [record('big', null, { body })] }));
    const bodyEl = () => commentEl(el, 'big').querySelector('[part~="body"]')!;
    expect(bodyEl().textContent!.length).to.be.lessThan(10000);
    expect(bodyEl().textContent).not.to.contain('THE-END');
    const more = [...bodyEl().querySelectorAll('button')].find((b) => b.textContent!.trim() === 'Show more')!;
    more.click();
    await until(() => bodyEl().textContent!.includes('THE-END'), 'the whole body');
  });

  for (const [label, reason, shown] of [
    ['a string', 'backend exploded', 'backend exploded'],
    ['an Error', new Error('Error from adapter'), 'Error from adapter'],
    ['undefined', undefined, 'could not be loaded'],
    ['an object with a message', { message: 'object message' }, 'object message'],
    ['an object without one', { code: 500 }, 'could not be loaded'],
  ] as const) {
    it(`shows a clear message and Retry when list() rejects with ${label}`, async () => {
      const adapter: CommentAdapter = { list: () => Promise.reject(reason), create: async () => record('x') };
      const { el, outcome } = await mountWith(adapter);
      expect(outcome).to.equal('error');
      expect(alertText(el)).to.contain(shown);
      expect(retryButton(el)).to.exist;
    });
  }

  it('cuts a very long error message without splitting a character', async () => {
    // 299 letters, then an emoji straddling the 300-unit cut.
    const message = `${'x'.repeat(299)}😀${'y'.repeat(5000)}`;
    const { el, outcome } = await mountWith({ list: () => Promise.reject(new Error(message)), create: async () => record('x') });
    expect(outcome).to.equal('error');
    const shown = el.shadowRoot!.querySelector('[role="alert"] p')!.textContent!;
    expect(shown).to.equal(`${'x'.repeat(299)}…`);
  });

  it('treats list() throwing synchronously like a rejection', async () => {
    const adapter = { list: () => { throw new TypeError('sync boom'); }, create: async () => record('x') } as unknown as CommentAdapter;
    const { el, outcome } = await mountWith(adapter);
    expect(outcome).to.equal('error');
    expect(alertText(el)).to.contain('sync boom');
  });

  it('gives up on a list() that never settles, then Retry loads', async () => {
    const adapter = new ControlledAdapter();
    const el = await fixture<ParleyComments>(html`<parley-comments thread="slow"></parley-comments>`);
    el.timeout = 50;
    const failed = oneEvent(el, 'parley-error');
    el.adapter = adapter;
    await failed;
    await el.updateComplete;
    expect(alertText(el)).to.contain('did not answer in time');
    expect(adapter.lists[0].signal!.aborted).to.be.true;
    retryButton(el)!.click();
    await until(() => adapter.lists.length === 2);
    adapter.lists[1].resolve({ comments: [record('late')] });
    await oneEvent(el, 'parley-loaded');
    await el.updateComplete;
    expect(renderedIds(el)).to.deep.equal(['late']);
  });

  it('reloads instead of inserting a malformed created record', async () => {
    const adapter = new MemoryAdapter([record('a')]);
    const realCreate = adapter.create.bind(adapter);
    adapter.create = async (thread, input) => {
      await realCreate(thread, input);
      return { garbage: true } as never;
    };
    const { el } = await mountWith(adapter);
    const form = el.shadowRoot!.querySelector('parley-reply-form')!;
    await form.updateComplete;
    const textarea = form.shadowRoot!.querySelector('textarea')!;
    textarea.value = 'saved but answered badly';
    textarea.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
    const reloaded = oneEvent(el, 'parley-loaded');
    form.shadowRoot!.querySelector<HTMLButtonElement>('[part~="submit"]')!.click();
    await reloaded;
    await el.updateComplete;
    expect(renderedIds(el).length).to.equal(2);
    expect(el.shadowRoot!.textContent).to.contain('saved but answered badly');
  });

  for (const [label, reason, shown] of [
    ['a string', 'nope', 'nope'],
    ['an Error', new Error('err-message'), 'err-message'],
    ['undefined', undefined, 'Something went wrong'],
    ['an object', { message: 'obj-message' }, 'obj-message'],
  ] as const) {
    it(`keeps the text when create() rejects with ${label}`, async () => {
      const adapter: CommentAdapter = { list: async () => ({ comments: [] }), create: () => Promise.reject(reason) };
      const { el } = await mountWith(adapter);
      const form = el.shadowRoot!.querySelector('parley-reply-form')!;
      await form.updateComplete;
      const textarea = form.shadowRoot!.querySelector('textarea')!;
      textarea.value = 'keep me';
      textarea.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
      form.shadowRoot!.querySelector<HTMLButtonElement>('[part~="submit"]')!.click();
      await until(() => form.shadowRoot!.querySelector('[role="alert"]')!.textContent!.includes(shown), 'post failure');
      expect(textarea.value).to.equal('keep me');
    });
  }

  it('gives up on a create() that never settles and keeps the text', async () => {
    const adapter = new ControlledAdapter();
    const el = await fixture<ParleyComments>(html`<parley-comments thread="slow-post"></parley-comments>`);
    el.adapter = adapter;
    await until(() => adapter.lists.length === 1);
    adapter.lists[0].resolve({ comments: [] });
    await oneEvent(el, 'parley-loaded');
    el.timeout = 50;
    const form = el.shadowRoot!.querySelector('parley-reply-form')!;
    await form.updateComplete;
    const textarea = form.shadowRoot!.querySelector('textarea')!;
    textarea.value = 'patient words';
    textarea.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
    form.shadowRoot!.querySelector<HTMLButtonElement>('[part~="submit"]')!.click();
    await until(() => form.shadowRoot!.querySelector('[role="alert"]')!.textContent!.includes('did not answer in time'), 'timeout');
    expect(textarea.value).to.equal('patient words');
    expect(form.shadowRoot!.querySelector<HTMLButtonElement>('[part~="submit"]')!.disabled).to.be.false;
  });
});

import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { MemoryAdapter, type CommentAdapter } from '../../src/index.js';
import type { ParleyComments } from '../../src/parley-comments.js';
import { commentEl, formOf, mountLoaded, record, renderedIds, until } from '../support/fixtures.js';

const shadow = (el: Element) => el.shadowRoot!;
const within = (el: ParleyComments, id: string, selector: string) => commentEl(el, id).querySelector<HTMLElement>(selector);
const replies = (n: number, parent = 'root') => Array.from({ length: n }, (_, i) => record(`r${i}`, parent));

describe('long threads', () => {
  beforeEach(() => sessionStorage.clear());

  it('shows the first five replies and "Show N more replies", which brings the rest and focuses the first of them', async () => {
    const el = await mountLoaded(new MemoryAdapter([record('root'), ...replies(8)]), { thread: 'more-replies' });
    expect(renderedIds(el)).to.deep.equal(['root', 'r0', 'r1', 'r2', 'r3', 'r4']);
    const more = within(el, 'root', ':scope > [data-action="more-replies"]')!;
    expect(more.textContent).to.equal('Show 3 more replies');
    more.click();
    await until(() => renderedIds(el).length === 9, 'all replies');
    expect(shadow(el).activeElement).to.equal(within(el, 'r5', ':scope > article'));
    expect(within(el, 'root', ':scope > [data-action="more-replies"]')).to.equal(null);
  });

  it('takes the number of replies shown from replies-shown', async () => {
    const el = await fixture<ParleyComments>(html`<parley-comments thread="shown-2" replies-shown="2"></parley-comments>`);
    el.adapter = new MemoryAdapter([record('root'), ...replies(4)]);
    await oneEvent(el, 'parley-loaded');
    await el.updateComplete;
    expect(renderedIds(el)).to.deep.equal(['root', 'r0', 'r1']);
  });

  it('folds a branch with "Hide replies", and remembers it for the session', async () => {
    const seed = [record('root'), ...replies(2), record('other')];
    const el = await mountLoaded(new MemoryAdapter(seed), { thread: 'fold' });
    const fold = within(el, 'root', ':scope > article > [data-action="fold"]')!;
    expect(fold.textContent).to.equal('Hide replies');
    expect(fold.getAttribute('aria-expanded')).to.equal('true');
    expect(within(el, 'other', ':scope > article > [data-action="fold"]')).to.equal(null);
    fold.focus();
    fold.click();
    await until(() => !renderedIds(el).includes('r0'), 'folded');
    expect(fold.textContent).to.equal('Show 2 replies');
    expect(fold.getAttribute('aria-expanded')).to.equal('false');
    expect(shadow(el).activeElement).to.equal(fold);
    el.remove();

    const again = await mountLoaded(new MemoryAdapter(seed), { thread: 'fold' });
    expect(renderedIds(again)).to.deep.equal(['root', 'other']);
    within(again, 'root', ':scope > article > [data-action="fold"]')!.click();
    await until(() => renderedIds(again).includes('r1'), 'unfolded');
  });

  it('offers oldest or newest first when the adapter can sort, and lists again in that order', async () => {
    const el = await mountLoaded(new MemoryAdapter([record('a'), record('a1', 'a'), record('b'), record('c')]), { thread: 'sort' });
    const select = shadow(el).querySelector<HTMLSelectElement>('.sort select')!;
    expect([...select.options].map((o) => o.textContent)).to.deep.equal(['Oldest first', 'Newest first']);
    expect(shadow(el).querySelector('.sort')!.textContent).to.contain('Sort comments');
    select.value = 'newest';
    select.dispatchEvent(new Event('change'));
    await until(() => renderedIds(el)[0] === 'c', 'newest first');
    expect(renderedIds(el)).to.deep.equal(['c', 'b', 'a', 'a1']);
  });

  it('offers no sorting for an adapter that cannot sort', async () => {
    const memory = new MemoryAdapter([record('a')]);
    const plain: CommentAdapter = { list: (t, o) => memory.list(t, o), create: (t, i) => memory.create(t, i) };
    const el = await mountLoaded(plain, { thread: 'no-sort' });
    expect(shadow(el).querySelector('.sort')).to.equal(null);
  });

  it('says on a Reply button that a reply draft is waiting there, also after a reload', async () => {
    const seed = [record('c1', null, { author: { name: 'Ada' } }), record('c2')];
    const el = await mountLoaded(new MemoryAdapter(seed), { thread: `drafted-${Date.now()}` });
    const thread = el.thread!;
    const reply = within(el, 'c1', ':scope > article > [part~="reply-button"]')!;
    reply.click();
    await until(() => !!formOf(commentEl(el, 'c1')), 'reply form');
    const form = formOf(commentEl(el, 'c1'))!;
    await form.updateComplete;
    form.shadowRoot!.querySelector('textarea')!.focus();
    await sendKeys({ type: 'to be continued' });
    form.shadowRoot!.querySelector<HTMLButtonElement>('.cancel')!.click();
    await until(() => reply.textContent === 'Reply (draft saved)', 'the Reply button saying so');
    expect(reply.getAttribute('aria-label')).to.equal('Reply to Ada (draft saved)');
    expect(within(el, 'c2', ':scope > article > [part~="reply-button"]')!.textContent).to.equal('Reply');
    el.remove();

    const again = await mountLoaded(new MemoryAdapter(seed), { thread });
    await until(() => within(again, 'c1', ':scope > article > [part~="reply-button"]')!.textContent === 'Reply (draft saved)', 'after a reload');
  });
});

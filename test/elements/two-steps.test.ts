import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import type { CommentRecord } from '../../src/index.js';
import type { ParleyComments } from '../../src/parley-comments.js';
import type { ParleyReplyForm } from '../../src/reply-form/parley-reply-form.js';
import { FIRST_SCREEN_COMMENTS } from '../../src/controller/thread-controller.js';
import { ControlledAdapter, commentEl, record, renderedIds, until } from '../support/fixtures.js';

/** `n` comments: top-level ones with two replies each, the last one's body findable. */
function bigPage(n: number): CommentRecord[] {
  const records: CommentRecord[] = [];
  for (let i = 0; records.length < n; i++) {
    records.push(record(`t${i}`));
    if (records.length < n) records.push(record(`t${i}a`, `t${i}`));
    if (records.length < n) records.push(record(`t${i}b`, `t${i}a`));
  }
  records[n - 1] = { ...records[n - 1], body: 'The needle at the very end of the thread' };
  return records;
}

const section = (el: ParleyComments) => el.shadowRoot!.querySelector('section')!;
const loadMore = (el: ParleyComments) => el.shadowRoot!.querySelector('button.more');

/**
 * Mounts a widget and answers its first list with `page`; resolves at its first render of
 * comments (not at `parley-loaded`, which a page shown in steps sends once all are in).
 */
async function mountWith(page: { comments: CommentRecord[]; next?: string | null }) {
  const adapter = new ControlledAdapter();
  const el = await fixture<ParleyComments>(html`<parley-comments thread="big"></parley-comments>`);
  el.adapter = adapter;
  await until(() => adapter.lists.length === 1, 'list');
  let loadedWith = -1;
  el.addEventListener('parley-loaded', () => (loadedWith = renderedIds(el).length), { once: true });
  adapter.lists[0].resolve(page);
  // Microtasks only, no frame: the next step comes after one.
  for (let i = 0; i < 200 && !renderedIds(el).length; i++) await Promise.resolve();
  await el.updateComplete;
  return { el, adapter, loadedWith: () => loadedWith };
}

/** A first page far bigger than a screenful: shown in several steps. */
const BIG = 1500;

describe('stepped render of a first page', () => {
  it(`paints a first screenful, then the rest a step per frame, for a page of more than ${FIRST_SCREEN_COMMENTS}`, async () => {
    const n = BIG;
    const started = performance.now();
    const { el, loadedWith } = await mountWith({ comments: bigPage(n), next: 'page-2' });
    const first = renderedIds(el).length;
    expect(first).to.equal(FIRST_SCREEN_COMMENTS);
    expect(loadedWith(), 'parley-loaded not yet: the page is not all in').to.equal(-1);
    // The first comments in reading order: what the top of the thread shows.
    expect(renderedIds(el)).to.deep.equal(bigPage(n).slice(0, first).map((r) => r.id));
    // The count is the whole page's, the thread is busy, and Load more waits for the rest.
    expect(el.shadowRoot!.querySelector('[part~="heading"]')!.textContent).to.equal(`${n.toLocaleString('en')} comments`);
    expect(section(el).getAttribute('aria-busy')).to.equal('true');
    expect(loadMore(el)).to.equal(null);

    // The next frame paints the first step as it is — when it comes within the second
    // after which everything is shown anyway (for hidden tabs, which paint no frames).
    await new Promise((resolve) => requestAnimationFrame(resolve));
    if (performance.now() - started < 1000) expect(renderedIds(el).length).to.equal(first);

    // Counted at each frame: the rest arrives in steps, not all at once.
    const counts: number[] = [];
    await until(() => {
      counts.push(renderedIds(el).length);
      return renderedIds(el).length === n;
    }, 'the rest of the thread');
    expect(counts.some((c) => c > first && c < n), `steps seen: ${counts.join(', ')}`).to.be.true;
    await el.updateComplete;
    // Whoever waits for parley-loaded finds the whole page in the DOM, as with a small one.
    expect(loadedWith(), 'comments in the DOM at parley-loaded').to.equal(n);
    expect(section(el).getAttribute('aria-busy')).to.equal('false');
    expect(loadMore(el)).to.not.equal(null);
    expect(renderedIds(el)).to.deep.equal(bigPage(n).map((r) => r.id));
  });

  it('leaves every comment in the DOM as text, so find-in-page finds the last one', async () => {
    const n = BIG;
    const { el } = await mountWith({ comments: bigPage(n) });
    await until(() => renderedIds(el).length === n, 'the rest of the thread');
    const last = commentEl(el, bigPage(n)[n - 1].id);
    expect(last.querySelector('[part~="body"]')!.textContent).to.contain('The needle at the very end of the thread');
    // Nothing skipped from rendering, which would hide it from find-in-page and assistive technology.
    for (let node: Element | null = last; node && node !== section(el); node = node.parentElement) {
      expect(getComputedStyle(node).contentVisibility).to.equal('visible');
      expect(getComputedStyle(node).display).to.not.equal('none');
    }
  });

  it('renders a page of up to a screenful in one step', async () => {
    const { el } = await mountWith({ comments: bigPage(FIRST_SCREEN_COMMENTS) });
    expect(renderedIds(el).length).to.equal(FIRST_SCREEN_COMMENTS);
    expect(section(el).getAttribute('aria-busy')).to.equal('false');
  });

  it('shows a big later page at once, leaving focus on Load more while more pages follow', async () => {
    const { el, adapter } = await mountWith({ comments: [record('first')], next: 'p2' });
    const more = loadMore(el) as HTMLButtonElement;
    more.focus();
    more.click();
    await until(() => adapter.lists.length === 2, 'second list');
    const n = BIG;
    const loaded = oneEvent(el, 'parley-loaded');
    adapter.lists[1].resolve({ comments: bigPage(n), next: 'p3' });
    await loaded;
    await el.updateComplete;
    expect(renderedIds(el).length).to.equal(n + 1);
    expect(section(el).getAttribute('aria-busy')).to.equal('false');
    expect(el.shadowRoot!.activeElement).to.equal(more);
  });

  it('writes everything at once when the words change between the steps', async () => {
    const n = BIG;
    const { el } = await mountWith({ comments: bigPage(n) });
    expect(renderedIds(el).length).to.equal(FIRST_SCREEN_COMMENTS);
    el.strings = { reply: 'Answer' };
    await el.updateComplete;
    expect(renderedIds(el).length).to.equal(n);
    expect(commentEl(el, 't0').querySelector('[part~="reply-button"]')!.textContent).to.equal('Answer');
  });

  it('shows everything at once when the visitor posts before the rest arrives', async () => {
    const n = BIG;
    const { el, adapter } = await mountWith({ comments: bigPage(n) });
    expect(renderedIds(el).length).to.be.below(n);
    const form = el.shadowRoot!.querySelector<ParleyReplyForm>('.thread > parley-reply-form')!;
    await form.updateComplete;
    const textarea = form.shadowRoot!.querySelector('textarea')!;
    textarea.value = 'Posted early';
    textarea.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    form.shadowRoot!.querySelector<HTMLButtonElement>('[part~="submit"]')!.click();
    // Microtasks only, no frame: the second step has not come yet.
    for (let i = 0; i < 50 && !adapter.creates.length; i++) await Promise.resolve();
    expect(adapter.creates.length).to.equal(1);
    expect(renderedIds(el).length).to.be.below(n);
    adapter.creates[0].resolve(record('mine', null, { body: 'Posted early' }));
    await oneEvent(el, 'parley-posted');
    await el.updateComplete;
    expect(renderedIds(el).length).to.equal(n + 1);
    await until(() => el.shadowRoot!.activeElement === commentEl(el, 'mine').querySelector('article'), 'focus on the new comment');
  });
});

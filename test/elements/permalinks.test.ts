import { expect, fixture, html } from '@open-wc/testing';
import { MemoryAdapter } from '../../src/index.js';
import type { ParleyComments } from '../../src/parley-comments.js';
import { ControlledAdapter, commentEl, mountLoaded, record, until } from '../support/fixtures.js';

const shadow = (el: Element) => el.shadowRoot!;
const live = (el: ParleyComments) => shadow(el).querySelector('[aria-live="polite"]')!.textContent!.trim();
const articleOf = (el: ParleyComments, id: string) => commentEl(el, id).querySelector<HTMLElement>(':scope > article')!;
const page = () => location.href.split('#')[0];
/** Whether focus is on a comment's box (safe to ask before the comment exists). */
const focusedOn = (el: ParleyComments, id: string) => shadow(el).activeElement?.id === `comment-${id}`;

/** Opens the page at a permalink, as a reader following a link would, without a hashchange. */
function openAt(hash: string): void {
  history.replaceState(null, '', hash);
}

describe('permalinks', () => {
  afterEach(() => history.replaceState(null, '', location.pathname + location.search));

  it('gives each comment the anchor comment-<id>, and makes its time a link to it', async () => {
    const el = await mountLoaded(new MemoryAdapter([record('c1'), record('c 2', 'c1')]));
    expect(articleOf(el, 'c1').id).to.equal('comment-c1');
    const link = articleOf(el, 'c1').querySelector<HTMLAnchorElement>('a.permalink')!;
    expect(link.href).to.equal(`${page()}#comment-c1`);
    expect(link.querySelector('time')).to.exist;
    expect(articleOf(el, 'c 2').querySelector<HTMLAnchorElement>('a.permalink')!.href).to.equal(`${page()}#comment-c%202`);
  });

  it('loads pages through the cursor until the linked comment comes, then shows, highlights and focuses it', async () => {
    openAt('#comment-deep');
    const records = [record('a'), record('b'), record('c'), record('d'), record('deep', 'd')];
    const el = await mountLoaded(new MemoryAdapter(records, { pageSize: 1 }));
    await until(() => !!el.shadowRoot!.querySelector('[data-comment-id="deep"]'), 'the linked comment');
    await until(() => focusedOn(el, 'deep'), 'focus on it');
    expect(commentEl(el, 'deep').classList.contains('target')).to.be.true;
    const box = articleOf(el, 'deep').getBoundingClientRect();
    expect(box.top).to.be.within(0, innerHeight);
  });

  it('finds a comment that arrives late, after the page is open', async () => {
    openAt('#comment-late');
    const adapter = new ControlledAdapter();
    const el = await fixture<ParleyComments>(html`<parley-comments thread="late"></parley-comments>`);
    el.adapter = adapter;
    await until(() => adapter.lists.length === 1, 'the first load');
    await new Promise((r) => setTimeout(r, 50));
    adapter.lists[0].resolve({ comments: [record('early'), record('late', 'early')] });
    await until(() => focusedOn(el, 'late'), 'focus on the late comment');
  });

  it('shows what hides the linked comment: folded replies and replies past the first five', async () => {
    const replies = Array.from({ length: 8 }, (_, i) => record(`r${i}`, 'root'));
    sessionStorage.clear();
    const el = await mountLoaded(new MemoryAdapter([record('root'), ...replies]), { thread: 'hidden-target' });
    expect(el.shadowRoot!.querySelector('[data-comment-id="r7"]')).to.equal(null);
    location.hash = '#comment-r7';
    await until(() => focusedOn(el, 'r7'), 'focus on r7');
    // Folded by the visitor, then linked to again.
    commentEl(el, 'root').querySelector<HTMLButtonElement>(':scope > article > [data-action="fold"]')!.click();
    await until(() => !el.shadowRoot!.querySelector('[data-comment-id="r7"]'), 'folded');
    location.hash = '#comment-r3';
    await until(() => focusedOn(el, 'r3'), 'focus on r3');
    expect(commentEl(el, 'root').querySelector('[data-action="fold"]')!.getAttribute('aria-expanded')).to.equal('true');
  });

  it('says so when the linked comment is not in the thread', async () => {
    openAt('#comment-nowhere');
    const el = await mountLoaded(new MemoryAdapter([record('a'), record('b')], { pageSize: 1 }));
    await until(() => live(el) === 'The linked comment is not in this thread any more.', 'the announcement');
  });

  it('copies a comment\'s link, and shows it selected where the clipboard is closed', async () => {
    const el = await mountLoaded(new MemoryAdapter([record('c1')]));
    const copy = articleOf(el, 'c1').querySelector<HTMLButtonElement>('[data-action="copy-link"]')!;
    expect(copy.textContent).to.equal('Copy link');
    const clipboard = navigator.clipboard;
    const original = clipboard.writeText;
    let copied = '';
    try {
      clipboard.writeText = async (text: string) => void (copied = text);
      copy.click();
      await until(() => live(el) === 'Link copied', 'the announcement');
      expect(copied).to.equal(`${page()}#comment-c1`);
      clipboard.writeText = () => Promise.reject(new DOMException('denied', 'NotAllowedError'));
      copy.click();
      await until(() => !!articleOf(el, 'c1').querySelector('input.link-field'), 'the link field');
      const field = articleOf(el, 'c1').querySelector<HTMLInputElement>('input.link-field')!;
      expect(field.value).to.equal(`${page()}#comment-c1`);
      expect(field.getAttribute('aria-label')).to.equal('Link to this comment');
      expect(shadow(el).activeElement).to.equal(field);
      expect([field.selectionStart, field.selectionEnd]).to.deep.equal([0, field.value.length]);
    } finally {
      clipboard.writeText = original;
    }
  });
});

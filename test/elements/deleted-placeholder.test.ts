import { expect } from '@open-wc/testing';
import { MemoryAdapter } from '../../src/index.js';
import { commentEl, mountLoaded, record } from '../support/fixtures.js';

// Isso keeps a deleted comment that has replies (mode 4) so its thread keeps its shape.
describe('a removed comment that still has replies', () => {
  const seed = [
    record('gone', null, { deleted: true, body: 'what was said', author: { name: 'Mallory', url: 'https://m.example/' } }),
    record('answer', 'gone', { author: { name: 'Jason' } }),
  ];

  it('stands in its place as "Comment deleted", with its reply inside, and is not counted', async () => {
    const el = await mountLoaded(new MemoryAdapter(seed));
    const shadow = el.shadowRoot!;
    expect(shadow.querySelector('[part~="heading"]')!.textContent!.trim()).to.equal('1 comment');
    const gone = commentEl(el, 'gone');
    expect(gone.contains(commentEl(el, 'answer'))).to.be.true;
    const author = gone.querySelector(':scope > article [part~="author"]')!;
    expect(author.textContent).to.equal('Comment deleted');
    expect(author.localName).to.equal('span');
    expect(gone.querySelector(':scope > article [part~="body"]')!.textContent).to.equal('');
    expect(gone.textContent).not.to.contain('Mallory');
    expect(gone.textContent).not.to.contain('what was said');
  });

  it('offers no Reply on the placeholder, but on its replies', async () => {
    const el = await mountLoaded(new MemoryAdapter(seed));
    const replyOf = (id: string) => commentEl(el, id).querySelector<HTMLButtonElement>(':scope > article > [part~="reply-button"]')!;
    expect(replyOf('gone').hidden).to.be.true;
    expect(getComputedStyle(replyOf('gone')).display).to.equal('none');
    expect(replyOf('answer').hidden).to.be.false;
  });

  it('takes the words of the page for "Comment deleted"', async () => {
    const el = await mountLoaded(new MemoryAdapter(seed));
    el.strings = { deleted: 'Kommentar gelöscht' };
    await el.updateComplete;
    expect(commentEl(el, 'gone').querySelector('[part~="author"]')!.textContent).to.equal('Kommentar gelöscht');
  });
});

import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { MemoryAdapter } from '../../src/index.js';
import type { ParleyComments } from '../../src/parley-comments.js';
import { usableTag } from '../../src/i18n/locale.js';
import { record, renderedIds } from '../support/fixtures.js';

// Some tools write lang="C"; every Intl constructor throws on it.
describe('a page whose language tag Intl refuses', () => {
  it('reads as English', () => {
    expect(usableTag('C')).to.equal('en');
    expect(usableTag('en_US@posix')).to.equal('en');
    expect(usableTag('')).to.equal('en');
    expect(usableTag('de-AT')).to.equal('de-AT');
  });

  it('still shows its comments, their times and their count', async () => {
    const wrapper = await fixture<HTMLDivElement>(html`<div lang="C"><parley-comments thread="lang-c" loading="eager"></parley-comments></div>`);
    const el = wrapper.querySelector<ParleyComments>('parley-comments')!;
    el.adapter = new MemoryAdapter([record('a'), record('b', 'a')]);
    await oneEvent(el, 'parley-loaded');
    await el.updateComplete;
    expect(renderedIds(el)).to.deep.equal(['a', 'b']);
    expect(el.shadowRoot!.querySelector('[part~="heading"]')!.textContent!.trim()).to.equal('2 comments');
    expect(el.shadowRoot!.querySelector('[data-comment-id="a"] time')!.textContent).to.match(/ago/);
  });
});

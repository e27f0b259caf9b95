import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { MemoryAdapter } from '../../src/index.js';
import type { ParleyComments } from '../../src/parley-comments.js';
import { commentEl, record } from '../support/fixtures.js';
import { chain, freshThread, mount, openReply, shadow } from './support.js';

const box = (e: Element) => e.getBoundingClientRect();

/** A widget inside a wrapper carrying `lang` and `dir`, as a page section would. */
async function mountInside(lang: string, dir: 'ltr' | 'rtl', records = chain(3)): Promise<ParleyComments> {
  const wrapper = await fixture<HTMLDivElement>(html`<div lang=${lang} dir=${dir}>
    <parley-comments thread=${freshThread('dir')}></parley-comments>
  </div>`);
  const el = wrapper.querySelector<ParleyComments>('parley-comments')!;
  const loaded = oneEvent(el, 'parley-loaded');
  el.adapter = new MemoryAdapter(records);
  await loaded;
  await el.updateComplete;
  return el;
}

function mirrorChecks(el: ParleyComments, rtl: boolean): void {
  const top = commentEl(el, 'd1').querySelector(':scope > article')!;
  const reply = commentEl(el, 'd2').querySelector(':scope > article')!;
  const avatar = top.querySelector('.avatar')!;
  const author = top.querySelector('[part~="author"]')!;
  const host = box(el);
  if (rtl) {
    expect(box(avatar).left, 'avatar right of the name').to.be.greaterThan(box(author).right - 1);
    expect(host.right - box(reply).right, 'reply indented from the right edge').to.be.greaterThan(8);
    expect(Math.abs(box(reply).left - box(top).left), 'left edges line up').to.be.lessThan(2);
    expect(Math.abs(host.right - box(top).right), 'top level flush right').to.be.lessThan(2);
  } else {
    expect(box(avatar).right, 'avatar left of the name').to.be.lessThan(box(author).left + 1);
    expect(box(reply).left - host.left, 'reply indented from the left edge').to.be.greaterThan(8);
  }
  // Text starts on the reading side.
  expect(getComputedStyle(top).direction).to.equal(rtl ? 'rtl' : 'ltr');
}

describe('a11y: language and direction', () => {
  it('mirrors avatars, indents and alignment under dir="rtl" on an ancestor', async () => {
    mirrorChecks(await mountInside('ar', 'rtl'), true);
  });

  it('mirrors under its own dir="rtl", and stays left to right otherwise', async () => {
    mirrorChecks(await mount(new MemoryAdapter(chain(3)), { dir: 'rtl' }), true);
    mirrorChecks(await mount(new MemoryAdapter(chain(3))), false);
  });

  it('mirrors the reply form: buttons start from the right', async () => {
    const el = await mountInside('he', 'rtl');
    const form = await openReply(el, 'd1');
    const submit = form.shadowRoot!.querySelector('[part~="submit"]')!;
    const cancel = form.shadowRoot!.querySelector('button.cancel')!;
    expect(box(submit).left, 'Post reply first, on the right').to.be.greaterThan(box(cancel).right - 1);
  });

  it('formats numbers and times in the language of its nearest [lang]', async () => {
    const records = [record('l1', null, { createdAt: new Date(Date.now() - 3 * 86400000).toISOString() })];
    const page = { list: async () => ({ comments: records, total: 1234 }), create: async () => records[0] };
    const el = await mountInside('de', 'ltr');
    el.adapter = page;
    await oneEvent(el, 'parley-loaded');
    await el.updateComplete;
    expect(shadow(el).querySelector('[part~="heading"]')!.textContent).to.contain('1.234');
    expect(commentEl(el, 'l1').querySelector('time')!.textContent).to.match(/vor 3 Tagen/);
    // Its own lang wins over the page's.
    const own = await mount(page, { lang: 'fr' });
    expect(shadow(own).querySelector('[part~="heading"]')!.textContent).to.match(/1\s234/);
  });

  it('isolates each visitor-written name and text, so one direction cannot spill into the next', async () => {
    const el = await mount(new MemoryAdapter([record('x', null, { author: { name: 'مريم' }, body: 'שלום world' })]));
    expect(commentEl(el, 'x').querySelector('[part~="author"] bdi')).to.exist;
    expect(commentEl(el, 'x').querySelector('.body p')!.getAttribute('dir')).to.equal('auto');
  });
});

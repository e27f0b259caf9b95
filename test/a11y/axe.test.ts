import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { MemoryAdapter } from '../../src/index.js';
import type { ParleyComments } from '../../src/parley-comments.js';
import { ControlledAdapter, record, until } from '../support/fixtures.js';
import { chain, freshThread, mount, openReply, seedRecords, shadow, topForm } from './support.js';

async function waiting(theme = 'light'): Promise<{ el: ParleyComments; adapter: ControlledAdapter }> {
  const el = await fixture<ParleyComments>(html`<parley-comments thread=${freshThread('axe')} theme=${theme}></parley-comments>`);
  const adapter = new ControlledAdapter();
  el.adapter = adapter;
  await until(() => adapter.lists.length === 1, 'list call');
  await el.updateComplete;
  return { el, adapter };
}

describe('a11y: axe-core finds nothing', () => {
  for (const theme of ['light', 'dark'] as const) {
    describe(`${theme} theme`, () => {
      it('while loading', async () => {
        const { el } = await waiting(theme);
        expect(shadow(el).querySelector('[aria-busy="true"]')).to.exist;
        await expect(el).to.be.accessible();
      });

      it('with no comments yet', async () => {
        const el = await mount(new MemoryAdapter([]), { theme });
        await topForm(el).updateComplete;
        await expect(el).to.be.accessible();
      });

      it('with the seed thread loaded and more to load', async () => {
        const el = await mount(new MemoryAdapter(await seedRecords(), { pageSize: 8 }), { theme });
        expect(shadow(el).querySelectorAll('[data-comment-id]').length).to.be.greaterThan(8);
        await expect(el).to.be.accessible();
      });

      it('with a reply form open and text in it', async () => {
        const el = await mount(new MemoryAdapter(await seedRecords()), { theme });
        await openReply(el, 'c2-1');
        await sendKeys({ type: 'Agreed.' });
        await expect(el).to.be.accessible();
      });

      it('after a failed load', async () => {
        const { el, adapter } = await waiting(theme);
        adapter.lists[0].reject(new Error('The comment server is down.'));
        await oneEvent(el, 'parley-error');
        await el.updateComplete;
        await expect(el).to.be.accessible();
      });

      it('after a refused and a failed post', async () => {
        const memory = new MemoryAdapter([record('a')]);
        const el = await mount({ list: (t, o) => memory.list(t, o), create: () => Promise.reject(new Error('No.')) }, { theme });
        const form = topForm(el);
        await form.updateComplete;
        form.shadowRoot!.querySelector<HTMLButtonElement>('[part~="submit"]')!.click();
        await form.updateComplete;
        const reply = await openReply(el, 'a');
        await sendKeys({ type: 'Hello' });
        const failed = oneEvent(el, 'parley-error');
        reply.shadowRoot!.querySelector<HTMLButtonElement>('[part~="submit"]')!.click();
        await failed;
        await until(() => reply.shadowRoot!.querySelector('[role="alert"]')!.textContent!.includes('No.'), 'alert');
        await expect(el).to.be.accessible();
      });

      it('with a comment awaiting moderation', async () => {
        const el = await mount(new MemoryAdapter([record('p', null, { status: 'pending' }), record('q')]), { theme });
        await expect(el).to.be.accessible();
      });

      it('with a thread deeper than max-depth', async () => {
        const el = await mount(new MemoryAdapter(chain(8)), { theme, maxDepth: 5 });
        await openReply(el, 'd8');
        await expect(el).to.be.accessible();
      });

      it('with more top-level comments than one group holds, a reply form open in a group', async () => {
        const records = Array.from({ length: 70 }, (_, i) => record(`t${i}`));
        const el = await mount(new MemoryAdapter(records, { pageSize: 100 }), { theme });
        const list = shadow(el).querySelector('ol.comments')!;
        expect(list.querySelectorAll(':scope > li.group[role="none"] > ol[role="none"] > li[role="listitem"]')).to.have.length(38);
        await openReply(el, 't50');
        await expect(el).to.be.accessible();
      });

      it('right to left', async () => {
        const el = await mount(new MemoryAdapter(await seedRecords()), { theme, dir: 'rtl', lang: 'ar' });
        await expect(el).to.be.accessible();
      });
    });
  }
});

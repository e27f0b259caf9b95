// Each test file runs in its own page: here IndexedDB is gone before Parley loads.
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { ParleyComments } from '../../src/parley-comments.js';
import type { ParleyReplyForm } from '../../src/reply-form/parley-reply-form.js';

Object.defineProperty(window, 'indexedDB', { value: undefined, configurable: true });

describe('without IndexedDB', () => {
  it('still loads, keeps drafts in memory for the page, posts, and says drafts are not saved', async () => {
    const { MemoryAdapter } = await import('../../src/index.js');
    const el = await fixture<ParleyComments>(html`<parley-comments thread="no-idb"></parley-comments>`);
    const loaded = oneEvent(el, 'parley-loaded');
    el.adapter = new MemoryAdapter([]);
    await loaded;
    const form = el.shadowRoot!.querySelector<ParleyReplyForm>('.thread > parley-reply-form')!;
    await form.updateComplete;
    form.shadowRoot!.querySelector('textarea')!.focus();
    await sendKeys({ type: 'Still works' });
    dispatchEvent(new PageTransitionEvent('pagehide'));
    await form.updateComplete;
    expect(form.shadowRoot!.textContent).to.contain('Drafts cannot be saved');
    // A second form for the same thread gets the in-memory draft.
    const second = await fixture<ParleyComments>(html`<parley-comments thread="no-idb"></parley-comments>`);
    const secondLoaded = oneEvent(second, 'parley-loaded');
    second.adapter = new MemoryAdapter([]);
    await secondLoaded;
    const secondForm = second.shadowRoot!.querySelector<ParleyReplyForm>('.thread > parley-reply-form')!;
    await secondForm.updateComplete;
    expect(secondForm.shadowRoot!.querySelector('textarea')!.value).to.equal('Still works');
    const posted = oneEvent(el, 'parley-posted');
    form.shadowRoot!.querySelector<HTMLButtonElement>('[part~="submit"]')!.click();
    expect((await posted).detail.comment.body).to.equal('Still works');
  });
});

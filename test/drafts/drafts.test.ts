import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { clear, createStore } from 'idb-keyval';
import { MemoryAdapter } from '../../src/index.js';
import { IdbDraftStore, draftKey } from '../../src/drafts/draft-store.js';
import type { ParleyComments } from '../../src/parley-comments.js';
import type { ParleyReplyForm } from '../../src/reply-form/parley-reply-form.js';
import { commentEl, formOf, record, topForm, until } from '../support/fixtures.js';

const seed = [record('c1', null, { author: { name: 'Ada' } }), record('c2')];
const field = (form: ParleyReplyForm, selector: 'textarea' | 'input') => form.shadowRoot!.querySelector(selector)!;
const stored = new IdbDraftStore();

async function mount(thread: string, adapter = new MemoryAdapter(seed)): Promise<ParleyComments> {
  const el = await fixture<ParleyComments>(html`<parley-comments thread=${thread}></parley-comments>`);
  const loaded = oneEvent(el, 'parley-loaded');
  el.adapter = adapter;
  await loaded;
  await el.updateComplete;
  return el;
}

async function openReply(el: ParleyComments, id: string): Promise<ParleyReplyForm> {
  const comment = commentEl(el, id);
  comment.querySelector<HTMLButtonElement>('[part~="reply-button"]')!.click();
  await until(() => !!formOf(comment), 'reply form');
  const form = formOf(comment)!;
  await form.updateComplete;
  return form;
}

/** Waits until the debounced save has reached IndexedDB. */
async function savedDraft(thread: string, parentId: string | null) {
  let draft;
  for (let i = 0; i < 100 && !(draft = await stored.get(draftKey('memory', thread, parentId))); i++) {
    await new Promise((r) => setTimeout(r, 20));
  }
  return draft;
}

describe('drafts', () => {
  beforeEach(async () => {
    await clear(createStore('parley', 'drafts'));
  });

  it('keeps a reply draft in IndexedDB within half a second and restores it in a fresh element', async () => {
    const el = await mount('drafts-a');
    const form = await openReply(el, 'c1');
    const started = performance.now();
    await sendKeys({ type: 'Half-written thought' });
    const draft = await savedDraft('drafts-a', 'c1');
    expect(performance.now() - started).to.be.lessThan(1500);
    expect(draft?.body).to.equal('Half-written thought');
    expect(field(form, 'textarea').value).to.equal('Half-written thought');
    el.remove();
    // A new element, as after a reload: the same reply form brings the text back.
    const fresh = await mount('drafts-a');
    const reopened = await openReply(fresh, 'c1');
    await until(() => field(reopened, 'textarea').value === 'Half-written thought', 'restored text');
  });

  it('keeps drafts per thread and per parent, and restores after closing the form', async () => {
    const el = await mount('drafts-b');
    let form = await openReply(el, 'c1');
    await sendKeys({ type: 'to c1' });
    form.shadowRoot!.querySelector<HTMLButtonElement>('.cancel')!.click();
    await until(() => !formOf(commentEl(el, 'c1')));
    const other = await openReply(el, 'c2');
    expect(field(other, 'textarea').value).to.equal('');
    form = await openReply(el, 'c1');
    await until(() => field(form, 'textarea').value === 'to c1', 'restored after reopening');
    const elsewhere = await mount('drafts-b-other');
    expect(field(await openReply(elsewhere, 'c1'), 'textarea').value).to.equal('');
  });

  it('saves at once on pagehide', async () => {
    const el = await mount('drafts-c');
    const form = topForm(el);
    await form.updateComplete;
    field(form, 'textarea').focus();
    await sendKeys({ type: 'quick' });
    dispatchEvent(new PageTransitionEvent('pagehide'));
    // No debounce wait: the write started synchronously on pagehide.
    expect((await stored.get(draftKey('memory', 'drafts-c', null)))?.body).to.equal('quick');
  });

  it('clears the draft after a successful post and remembers the name', async () => {
    const el = await mount('drafts-d');
    const form = topForm(el);
    await form.updateComplete;
    field(form, 'textarea').focus();
    await sendKeys({ type: 'Posted text' });
    field(form, 'input').focus();
    await sendKeys({ type: 'Mary G' });
    await savedDraft('drafts-d', null);
    const posted = oneEvent(el, 'parley-posted');
    form.shadowRoot!.querySelector<HTMLButtonElement>('[part~="submit"]')!.click();
    expect((await posted).detail.comment.author.name).to.equal('Mary G');
    await until(() => field(form, 'textarea').value === '', 'cleared form');
    expect(await stored.get(draftKey('memory', 'drafts-d', null))).to.equal(undefined);
    expect((await stored.getIdentity('memory'))?.name).to.equal('Mary G');
    const reply = await openReply(el, 'c1');
    await until(() => field(reply, 'input').value === 'Mary G', 'remembered name');
  });

  it('keeps the draft when the post fails', async () => {
    const failing = new MemoryAdapter(seed);
    failing.create = () => Promise.reject(new Error('nope'));
    const el = await mount('drafts-e', failing);
    const form = topForm(el);
    await form.updateComplete;
    field(form, 'textarea').focus();
    await sendKeys({ type: 'Do not lose me' });
    form.shadowRoot!.querySelector<HTMLButtonElement>('[part~="submit"]')!.click();
    await until(() => form.shadowRoot!.querySelector('[role="alert"]')!.textContent!.includes('nope'));
    expect((await stored.get(draftKey('memory', 'drafts-e', null)))?.body).to.equal('Do not lose me');
    expect(field(form, 'textarea').value).to.equal('Do not lose me');
  });

  it('ignores a corrupted draft record', async () => {
    const { set } = await import('idb-keyval');
    await set(draftKey('memory', 'drafts-f', null), 'not a draft', createStore('parley', 'drafts'));
    expect(await stored.get(draftKey('memory', 'drafts-f', null))).to.equal(undefined);
    const el = await mount('drafts-f');
    await topForm(el).updateComplete;
    expect(field(topForm(el), 'textarea').value).to.equal('');
  });

  it('works without IndexedDB, keeping drafts in memory', async () => {
    const original = Object.getOwnPropertyDescriptor(window, 'indexedDB');
    Object.defineProperty(window, 'indexedDB', { value: undefined, configurable: true });
    try {
      const store = new IdbDraftStore('parley-missing', 'drafts');
      await store.set('k', { body: 'kept', name: '' });
      expect(store.persistent).to.be.false;
      expect((await store.get('k'))?.body).to.equal('kept');
    } finally {
      if (original) Object.defineProperty(window, 'indexedDB', original);
      else delete (window as { indexedDB?: unknown }).indexedDB;
    }
  });
});

import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { clear, createStore } from 'idb-keyval';
import { MemoryAdapter } from '../../src/index.js';
import { IdbDraftStore, draftKey } from '../../src/drafts/draft-store.js';
import type { ParleyComments } from '../../src/parley-comments.js';
import type { ParleyReplyForm } from '../../src/reply-form/parley-reply-form.js';
import { ControlledAdapter, frames, record, topForm, until } from '../support/fixtures.js';

const stored = new IdbDraftStore();
const textarea = (form: ParleyReplyForm) => form.shadowRoot!.querySelector('textarea')!;
const submit = (form: ParleyReplyForm) => form.shadowRoot!.querySelector<HTMLButtonElement>('[part~="submit"]')!;

async function mount(thread: string, adapter: MemoryAdapter | ControlledAdapter = new MemoryAdapter([record('c1')])) {
  const el = await fixture<ParleyComments>(html`<parley-comments thread=${thread}></parley-comments>`);
  el.adapter = adapter;
  if (adapter instanceof ControlledAdapter) {
    await until(() => adapter.lists.length > 0);
    adapter.lists[0].resolve({ comments: [] });
  }
  await oneEvent(el, 'parley-loaded');
  const form = topForm(el);
  await form.updateComplete;
  return { el, form };
}

async function type(form: ParleyReplyForm, text: string) {
  textarea(form).focus();
  await sendKeys({ type: text });
}

describe('nothing a visitor types is lost', () => {
  beforeEach(() => clear(createStore('parley', 'drafts')));

  it('has the draft in IndexedDB while a post is in flight (a reload then restores it)', async () => {
    const adapter = new ControlledAdapter();
    const { form } = await mount('inflight', adapter);
    await type(form, 'mid-flight words');
    submit(form).click();
    await until(() => adapter.creates.length === 1);
    // The save happened before the request, not after the debounce.
    expect((await stored.get(draftKey('adapter', 'inflight', null)))?.body).to.equal('mid-flight words');
  });

  it('completes a post when the element is removed and re-added mid-post', async () => {
    const adapter = new ControlledAdapter();
    const { el, form } = await mount('remount', adapter);
    await type(form, 'survive the remount');
    submit(form).click();
    await until(() => adapter.creates.length === 1);
    const parent = el.parentElement!;
    el.remove();
    parent.append(el);
    adapter.creates[0].resolve(record('posted', null, { body: 'survive the remount' }));
    await until(() => !!el.shadowRoot!.querySelector('[data-comment-id="posted"]'), 'posted comment shown');
    await until(() => textarea(form).value === '', 'form cleared');
    expect(adapter.lists.length).to.equal(1);
    expect(await stored.get(draftKey('adapter', 'remount', null))).to.equal(undefined);
  });

  it('keeps the draft when the element is removed for good mid-post and the post fails', async () => {
    const adapter = new ControlledAdapter();
    const { el, form } = await mount('removed', adapter);
    await type(form, 'still here');
    submit(form).click();
    await until(() => adapter.creates.length === 1);
    el.remove();
    adapter.creates[0].reject(new Error('gone'));
    await until(() => submit(form).disabled === false, 'post settled');
    expect((await stored.get(draftKey('adapter', 'removed', null)))?.body).to.equal('still here');
  });

  it('tells the visitor when IndexedDB refuses to write, and keeps the text', async () => {
    const put = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function () {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
    try {
      const store = new IdbDraftStore('parley-quota', 'drafts');
      await store.set('k', { body: 'x', name: '' });
      expect(store.persistent).to.be.false;
      expect((await store.get('k'))?.body).to.equal('x');
    } finally {
      IDBObjectStore.prototype.put = put;
    }
  });

  it('shows the quota problem in the form', async () => {
    const { form } = await mount('quota-form');
    const put = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function () {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
    try {
      await type(form, 'no room');
      dispatchEvent(new PageTransitionEvent('pagehide'));
      await until(() => form.shadowRoot!.textContent!.includes('Drafts cannot be saved'), 'drafts-off note');
      expect(textarea(form).value).to.equal('no room');
    } finally {
      IDBObjectStore.prototype.put = put;
    }
  });

  it("takes another tab's edit of the same draft when the form is not focused, not while typing", async () => {
    const { form } = await mount('two-tabs');
    const otherTab = new BroadcastChannel('parley/drafts');
    try {
      textarea(form).blur();
      otherTab.postMessage({ key: draftKey('memory', 'two-tabs', null), draft: { body: 'from the other tab', name: 'Eve' } });
      await until(() => textarea(form).value === 'from the other tab', 'synced from the other tab');
      expect(form.shadowRoot!.querySelector('input')!.value).to.equal('Eve');
      await type(form, ' + mine');
      otherTab.postMessage({ key: draftKey('memory', 'two-tabs', null), draft: { body: 'overwrite?', name: 'Eve' } });
      otherTab.postMessage({ key: draftKey('memory', 'elsewhere', null), draft: { body: 'other key', name: '' } });
      await frames(10); // the messages have arrived, and must not have been applied
      expect(textarea(form).value).to.equal('from the other tab + mine');
    } finally {
      otherTab.close();
    }
  });

  it('sends one request for a double click', async () => {
    const adapter = new ControlledAdapter();
    const { form } = await mount('double', adapter);
    await type(form, 'once');
    submit(form).click();
    submit(form).click();
    await form.updateComplete;
    expect(adapter.creates.length).to.equal(1);
  });

  it('sends one request for Enter pressed twice on the button', async () => {
    const adapter = new ControlledAdapter();
    const { form } = await mount('double-enter', adapter);
    await type(form, 'once');
    submit(form).focus();
    expect(form.shadowRoot!.activeElement).to.equal(submit(form));
    await sendKeys({ press: 'Enter' });
    await sendKeys({ press: 'Enter' });
    await form.updateComplete;
    expect(adapter.creates.length).to.equal(1);
  });

  it('tells the visitor when offline and keeps the draft', async () => {
    const adapter = new ControlledAdapter();
    const { form } = await mount('offline', adapter);
    await type(form, 'offline words');
    Object.defineProperty(navigator, 'onLine', { value: false, configurable: true });
    try {
      submit(form).click();
      await until(() => form.shadowRoot!.querySelector('[role="alert"]')!.textContent!.includes('offline'), 'offline alert');
      expect(adapter.creates.length).to.equal(0);
      expect(textarea(form).value).to.equal('offline words');
      let draft;
      for (let i = 0; i < 50 && !(draft = await stored.get(draftKey('adapter', 'offline', null))); i++) await new Promise((r) => setTimeout(r, 20));
      expect(draft?.body).to.equal('offline words');
    } finally {
      delete (navigator as { onLine?: boolean }).onLine;
    }
  });
});

describe('limits and validation', () => {
  beforeEach(() => clear(createStore('parley', 'drafts')));

  it('refuses a body over max-length before sending, with a live count near the limit', async () => {
    const adapter = new ControlledAdapter();
    const el = await fixture<ParleyComments>(html`<parley-comments thread="limits" max-length="20"></parley-comments>`);
    el.adapter = adapter;
    await until(() => adapter.lists.length === 1);
    adapter.lists[0].resolve({ comments: [] });
    await oneEvent(el, 'parley-loaded');
    const form = topForm(el);
    await form.updateComplete;
    const count = form.shadowRoot!.querySelector<HTMLElement>('#body-count')!;
    await type(form, '1234567890');
    await form.updateComplete;
    expect(count.hidden).to.be.true;
    await type(form, '123456789');
    await form.updateComplete;
    expect(count.hidden).to.be.false;
    expect(count.textContent).to.contain('1 characters left');
    await type(form, '12345');
    await form.updateComplete;
    expect(count.textContent).to.contain('4 characters too many');
    submit(form).click();
    await form.updateComplete;
    expect(form.shadowRoot!.querySelector('#body-error')!.textContent).to.contain('longer than 20');
    expect(adapter.creates.length).to.equal(0);
  });

  it('trims the name and caps it at 100 characters', async () => {
    const adapter = new ControlledAdapter();
    const { form } = await mount('names', adapter);
    await type(form, 'hello');
    const name = form.shadowRoot!.querySelector('input')!;
    name.value = `   ${'n'.repeat(150)}   `;
    name.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
    submit(form).click();
    await until(() => adapter.creates.length === 1);
    expect((adapter.creates[0].input as { author: { name: string } }).author.name).to.equal('n'.repeat(100));
  });

  it('shows control characters and lone surrogates safely', async () => {
    const nasty = 'a\u0000b\u0007c\u001bd\u202ee\ud800f\udc00g😀h';
    const el = await fixture<ParleyComments>(html`<parley-comments thread="controls"></parley-comments>`);
    el.adapter = new MemoryAdapter([record('x', null, { body: nasty, author: { name: nasty } })]);
    await oneEvent(el, 'parley-loaded');
    await el.updateComplete;
    const body = el.shadowRoot!.querySelector('[part~="body"]')!.textContent!.trim();
    expect(body).to.equal('a\ufffdb\ufffdc\ufffdd\u202ee\ufffdf\ufffdg😀h');
    const author = el.shadowRoot!.querySelector('[part~="author"]')!;
    // Inside <bdi>, so nothing in it can flip the text around it, and its override shown
    // as a marker, so it cannot flip the name itself (test/security/bidi.test.ts).
    expect(author.querySelector('bdi')!.textContent).to.equal('a\ufffdb\ufffdc\ufffdd\ufffde\ufffdf\ufffdg😀h');
  });
});

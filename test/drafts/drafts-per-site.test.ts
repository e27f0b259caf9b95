import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { clear, createStore, get, set } from 'idb-keyval';
import { MemoryAdapter } from '../../src/index.js';
import { DRAFT_LIFETIME, IdbDraftStore, draftKey, legacyDraftKey } from '../../src/drafts/draft-store.js';
import type { ParleyComments } from '../../src/parley-comments.js';
import type { ParleyReplyForm } from '../../src/reply-form/parley-reply-form.js';
import { record, topForm, until } from '../support/fixtures.js';

const idb = createStore('parley', 'drafts');
const seed = [record('c1')];

/** A backend of one site: the same kind of adapter, another identity per site. */
const SiteAdapter = (site: string) => new MemoryAdapter(seed, { id: `memory ${site}` });

async function mount(thread: string, adapter: MemoryAdapter): Promise<ParleyComments> {
  const el = await fixture<ParleyComments>(html`<parley-comments thread=${thread}></parley-comments>`);
  const loaded = oneEvent(el, 'parley-loaded');
  el.adapter = adapter;
  await loaded;
  await el.updateComplete;
  return el;
}

const fields = async (el: ParleyComments): Promise<[HTMLTextAreaElement, HTMLInputElement, ParleyReplyForm]> => {
  const form = topForm(el);
  await form.updateComplete;
  return [form.shadowRoot!.querySelector('textarea')!, form.shadowRoot!.querySelector('input')!, form];
};

async function stored(key: string) {
  for (let i = 0; i < 100; i++) {
    const value = await get(key, idb);
    if (value) return value;
    await new Promise((r) => setTimeout(r, 20));
  }
  return undefined;
}

describe('drafts stay with their site', () => {
  beforeEach(() => clear(idb));

  it('keeps unsent text of one backend away from another with the same thread key', async () => {
    const blogA = await mount('shared-key', SiteAdapter('a'));
    const [body] = await fields(blogA);
    body.focus();
    await sendKeys({ type: 'for blog A only' });
    expect(await stored(draftKey('memory a', 'shared-key', null))).to.include({ body: 'for blog A only' });
    blogA.remove();

    const blogB = await mount('shared-key', SiteAdapter('b'));
    await new Promise((r) => setTimeout(r, 100));
    expect((await fields(blogB))[0].value).to.equal('');
    blogB.remove();

    const again = await mount('shared-key', SiteAdapter('a'));
    const [restored] = await fields(again);
    await until(() => restored.value === 'for blog A only', 'the draft back on its own site');
  });

  it('keys a REST endpoint by its absolute address, so two blogs under one host differ', async () => {
    const one = await fixture<ParleyComments>(html`<parley-comments thread="t" endpoint="/blog-one/api"></parley-comments>`);
    const [body] = await fields(one);
    body.focus();
    await sendKeys({ type: 'one' });
    const key = draftKey(`rest ${new URL('/blog-one/api/', location.href).href}`, 't', null);
    expect(await stored(key)).to.include({ body: 'one' });
    const two = await fixture<ParleyComments>(html`<parley-comments thread="t" endpoint="/blog-two/api"></parley-comments>`);
    await new Promise((r) => setTimeout(r, 100));
    expect((await fields(two))[0].value).to.equal('');
  });

  it('remembers the name per backend', async () => {
    const store = new IdbDraftStore();
    await store.setIdentity('memory a', { name: 'Ann of A' });
    const onB = await mount('names', SiteAdapter('b'));
    await new Promise((r) => setTimeout(r, 100));
    expect((await fields(onB))[1].value).to.equal('');
    const onA = await mount('names', SiteAdapter('a'));
    const [, name] = await fields(onA);
    await until(() => name.value === 'Ann of A', 'the name remembered for site A');
  });

  it('restores a draft saved before drafts were kept per site, once, under its new key', async () => {
    await set(legacyDraftKey('upgraded', null), { body: 'written last week', name: 'Old', savedAt: Date.now() }, idb);
    const el = await mount('upgraded', SiteAdapter('a'));
    const [body] = await fields(el);
    await until(() => body.value === 'written last week', 'the old draft restored');
    expect(await stored(draftKey('memory a', 'upgraded', null))).to.include({ body: 'written last week' });
    await until(() => true);
    expect(await get(legacyDraftKey('upgraded', null), idb)).to.equal(undefined);
  });

  it('removes drafts older than 30 days when the store opens, and keeps newer ones', async () => {
    const old = draftKey('memory a', 'old', null);
    const recent = draftKey('memory a', 'recent', null);
    const undated = draftKey('memory a', 'undated', null);
    await set(old, { body: 'stale', name: '', savedAt: Date.now() - DRAFT_LIFETIME - 60_000 }, idb);
    await set(recent, { body: 'fresh', name: '', savedAt: Date.now() - DRAFT_LIFETIME + 60 * 60_000 }, idb);
    await set(undated, { body: 'from before dates', name: '' }, idb);
    const store = new IdbDraftStore();
    await store.get(recent); // opens the store
    for (let i = 0; i < 100 && (await get(old, idb)); i++) await new Promise((r) => setTimeout(r, 20));
    expect(await get(old, idb)).to.equal(undefined);
    expect(await get(recent, idb)).to.include({ body: 'fresh' });
    // An undated draft gets a date, and with it a lifetime.
    expect((await get<{ savedAt?: number }>(undated, idb))?.savedAt).to.be.a('number');
  });
});

import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { clear, createStore } from 'idb-keyval';
import { MemoryAdapter } from '../../src/index.js';
import { IdbDraftStore, draftKey } from '../../src/drafts/draft-store.js';
import type { ParleyComments } from '../../src/parley-comments.js';
import type { ParleyReplyForm } from '../../src/reply-form/parley-reply-form.js';
import { ControlledAdapter, commentEl, mountLoaded, record, renderedIds, topForm, until } from '../support/fixtures.js';


describe('lifecycle', () => {
  beforeEach(() => clear(createStore('parley', 'drafts')));

  it('keeps separate drafts for two widgets with different threads on one page', async () => {
    const wrapper = await fixture<HTMLDivElement>(html`<div>
      <parley-comments thread="left"></parley-comments><parley-comments thread="right"></parley-comments>
    </div>`);
    const [left, right] = wrapper.querySelectorAll('parley-comments');
    for (const el of [left, right]) {
      const loaded = oneEvent(el, 'parley-loaded');
      el.adapter = new MemoryAdapter([]);
      await loaded;
      await topForm(el).updateComplete;
    }
    topForm(left).shadowRoot!.querySelector('textarea')!.focus();
    await sendKeys({ type: 'left words' });
    topForm(right).shadowRoot!.querySelector('textarea')!.focus();
    await sendKeys({ type: 'right words' });
    dispatchEvent(new PageTransitionEvent('pagehide'));
    const store = new IdbDraftStore();
    let drafts: unknown[] = [];
    for (let i = 0; i < 50; i++) {
      drafts = [await store.get(draftKey('memory', 'left', null)), await store.get(draftKey('memory', 'right', null))];
      if (drafts.every(Boolean)) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(drafts.map((d) => (d as { body: string }).body)).to.deep.equal(['left words', 'right words']);
  });

  it('works again when re-added after being removed mid-load', async () => {
    const adapter = new ControlledAdapter();
    const el = await fixture<ParleyComments>(html`<parley-comments thread="readd"></parley-comments>`);
    el.adapter = adapter;
    await until(() => adapter.lists.length === 1);
    const parent = el.parentElement!;
    el.remove();
    expect(adapter.lists[0].signal!.aborted).to.be.true;
    parent.append(el);
    await until(() => adapter.lists.length === 2, 'a new load');
    adapter.lists[0].resolve({ comments: [record('stale')] });
    adapter.lists[1].resolve({ comments: [record('fresh')] });
    await oneEvent(el, 'parley-loaded');
    await el.updateComplete;
    expect(renderedIds(el)).to.deep.equal(['fresh']);
  });

  it('keeps what it loaded when moved in the page', async () => {
    const adapter = new MemoryAdapter([record('kept')]);
    const el = await mountLoaded(adapter);
    const list = adapter.list.bind(adapter);
    let calls = 0;
    adapter.list = (...args) => (calls++, list(...args));
    document.body.append(el);
    await el.updateComplete;
    expect(calls).to.equal(0);
    expect(renderedIds(el)).to.deep.equal(['kept']);
    el.remove();
  });

  it('moves between comments with j and k, never while typing', async () => {
    const el = await mountLoaded(new MemoryAdapter([record('a'), record('a1', 'a'), record('b')]));
    const article = (id: string) => commentEl(el, id).querySelector('article')!;
    article('a').focus();
    await sendKeys({ press: 'j' });
    expect(el.shadowRoot!.activeElement).to.equal(article('a1'));
    await sendKeys({ press: 'j' });
    expect(el.shadowRoot!.activeElement).to.equal(article('b'));
    await sendKeys({ press: 'k' });
    expect(el.shadowRoot!.activeElement).to.equal(article('a1'));
    commentEl(el, 'a1').querySelector<HTMLButtonElement>('[part~="reply-button"]')!.click();
    await until(() => !!commentEl(el, 'a1').querySelector('parley-reply-form'));
    const form = commentEl(el, 'a1').querySelector<ParleyReplyForm>('parley-reply-form')!;
    await form.updateComplete;
    await until(() => form.shadowRoot!.activeElement?.localName === 'textarea');
    await sendKeys({ type: 'jk' });
    expect(form.shadowRoot!.querySelector('textarea')!.value).to.equal('jk');
    expect(el.shadowRoot!.activeElement).to.equal(form);
  });

  it('refreshes relative times once a minute, only for comments on screen', async () => {
    const realSetInterval = window.setInterval;
    const realNow = Date.now;
    let tick: (() => void) | undefined;
    window.setInterval = ((fn: () => void, ms: number) => {
      if (ms === 60_000) tick = fn;
      return realSetInterval(() => {}, 1e9);
    }) as typeof setInterval;
    try {
      const now = realNow();
      const spacer = await fixture<HTMLDivElement>(html`<div><parley-comments thread="clock"></parley-comments></div>`);
      const el = spacer.querySelector('parley-comments')!;
      const created = new Date(now - 30_000).toISOString();
      const records = [record('seen', null, { createdAt: created }), record('far', null, { createdAt: created, body: 'x\n'.repeat(2000) })];
      const loaded = oneEvent(el, 'parley-loaded');
      el.adapter = new MemoryAdapter(records);
      await loaded;
      await el.updateComplete;
      // Push the second comment far below the viewport.
      commentEl(el, 'far').style.marginBlockStart = '5000px';
      const timeOf = (id: string) => commentEl(el, id).querySelector(':scope > article time')!.textContent!.trim();
      expect(timeOf('seen')).to.equal('now');
      expect(tick, 'a one-minute timer').to.be.a('function');
      Date.now = () => now + 5 * 60_000;
      tick!();
      await el.updateComplete;
      expect(timeOf('seen')).to.equal('5 minutes ago');
      expect(timeOf('far')).to.equal('now');

      // An hour in a hidden tab, where the timer writes nothing: the page coming back into
      // view brings the times up to date at once.
      Object.defineProperty(document, 'hidden', { configurable: true, get: () => true });
      Date.now = () => now + 65 * 60_000;
      tick!();
      expect(timeOf('seen')).to.equal('5 minutes ago');
      Object.defineProperty(document, 'hidden', { configurable: true, get: () => false });
      document.dispatchEvent(new Event('visibilitychange'));
      expect(timeOf('seen')).to.equal('1 hour ago');
      const posted = oneEvent(el, 'parley-posted');
      const form = el.shadowRoot!.querySelector<ParleyReplyForm>('.thread > parley-reply-form')!;
      const textarea = form.shadowRoot!.querySelector('textarea')!;
      textarea.value = 'Back again';
      textarea.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
      // 90 seconds on, before the next tick, a comment is posted and dated by the clock: it
      // must read "now", not "in 1 minute" from the time of the last tick.
      Date.now = () => now + 65 * 60_000 + 90_000;
      (el.adapter as MemoryAdapter).create = async (_thread, input) =>
        ({ ...record('new'), body: input.body, createdAt: new Date(Date.now()).toISOString() });
      form.shadowRoot!.querySelector<HTMLButtonElement>('[part~="submit"]')!.click();
      await posted;
      await el.updateComplete;
      expect(timeOf('new')).to.equal('now');
    } finally {
      delete (document as { hidden?: boolean }).hidden;
      window.setInterval = realSetInterval;
      Date.now = realNow;
    }
  });
});

import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { MemoryAdapter, type CommentRecord } from '../../src/index.js';
import type { ParleyComments } from '../../src/parley-comments.js';
import type { ParleyReplyForm } from '../../src/reply-form/parley-reply-form.js';
import { ControlledAdapter, commentEl, record, until } from '../support/fixtures.js';
import { freshThread, liveRegion, mount, openReply, seedRecords, shadow } from './support.js';

/** Watches a live region and records each text it shows. */
function watch(region: HTMLElement): { texts: string[]; stop: () => void } {
  const texts: string[] = [];
  const observer = new MutationObserver(() => {
    const text = region.textContent!.trim();
    if (texts[texts.length - 1] !== text) texts.push(text);
  });
  observer.observe(region, { childList: true, characterData: true, subtree: true });
  return { texts, stop: () => observer.disconnect() };
}

async function mountWaiting(thread = freshThread('live')): Promise<{ el: ParleyComments; adapter: ControlledAdapter }> {
  const el = await fixture<ParleyComments>(html`<parley-comments thread=${thread}></parley-comments>`);
  const adapter = new ControlledAdapter();
  return { el, adapter };
}

describe('a11y: announcements', () => {
  it('has exactly one polite live region, and alerts only for errors', async () => {
    const el = await mount(new MemoryAdapter(await seedRecords()));
    const regions = shadow(el).querySelectorAll('[aria-live]:not([hidden])');
    expect([...regions].filter((r) => r.getAttribute('aria-live') === 'polite' && !r.closest('parley-reply-form')).length).to.equal(1);
    expect(shadow(el).querySelectorAll('[role="alert"]').length).to.equal(0);
  });

  it('says "Loading comments" and then how many loaded', async () => {
    const { el, adapter } = await mountWaiting();
    const region = liveRegion(el);
    const seen = watch(region);
    el.adapter = adapter;
    await until(() => adapter.lists.length === 1, 'list call');
    await el.updateComplete;
    expect(region.textContent!.trim()).to.match(/^Loading comments/);
    adapter.lists[0].resolve({ comments: await seedRecords() });
    await oneEvent(el, 'parley-loaded');
    await el.updateComplete;
    seen.stop();
    expect(seen.texts).to.deep.equal(['Loading comments…', '12 comments loaded']);
  });

  it('shows and says "Loading more comments" while the next page comes, then how many loaded', async () => {
    const { el, adapter } = await mountWaiting();
    el.adapter = adapter;
    await until(() => adapter.lists.length === 1, 'list call');
    adapter.lists[0].resolve({ comments: [record('a')], next: 'p2', total: 2 });
    await oneEvent(el, 'parley-loaded');
    await el.updateComplete;
    const seen = watch(liveRegion(el));
    const more = shadow(el).querySelector<HTMLButtonElement>('button.more')!;
    more.click();
    await until(() => adapter.lists.length === 2, 'second list call');
    await el.updateComplete;
    // Beside the button the visitor pressed, which keeps its name and focus.
    const status = more.nextElementSibling;
    expect(status?.textContent).to.equal('Loading more comments…');
    expect(more.textContent!.trim()).to.equal('Load more comments');
    adapter.lists[1].resolve({ comments: [record('b')], next: null, total: 2 });
    await oneEvent(el, 'parley-loaded');
    await el.updateComplete;
    seen.stop();
    expect(seen.texts).to.deep.equal(['Loading more comments…', '2 comments loaded']);
    expect(shadow(el).querySelector('.status')).to.equal(null);
  });

  it('keeps the live region outside anything aria-busy, so screen readers do not hold its news back', async () => {
    const { el, adapter } = await mountWaiting();
    el.adapter = adapter;
    await until(() => adapter.lists.length === 1, 'list call');
    await el.updateComplete;
    // "Loading comments" is said while the thread is busy: a busy ancestor would mute it.
    expect(!!shadow(el).querySelector('[aria-busy="true"]'), 'something is busy while loading').to.be.true;
    const busy = liveRegion(el).closest('[aria-busy="true"]');
    expect(busy ? `inside a busy <${busy.tagName.toLowerCase()}>` : 'outside').to.equal('outside');
  });

  it('changes the live region at most twice while 5,000 comments load', async () => {
    const records: CommentRecord[] = [];
    for (let i = 0; i < 1000; i++) {
      records.push(record(`r${i}`));
      for (let j = 0; j < 4; j++) records.push(record(`r${i}-${j}`, j ? `r${i}-${j - 1}` : `r${i}`));
    }
    const { el, adapter } = await mountWaiting();
    const region = liveRegion(el);
    let mutations = 0;
    const observer = new MutationObserver((list) => (mutations += list.length));
    observer.observe(region, { childList: true, characterData: true, subtree: true, attributes: true });
    el.adapter = adapter;
    await until(() => adapter.lists.length === 1, 'list call');
    adapter.lists[0].resolve({ comments: records });
    await oneEvent(el, 'parley-loaded');
    // A page this big is shown in steps, one per frame: the live region must stay quiet through them.
    await until(() => shadow(el).querySelectorAll('[data-comment-id]').length === 5000, 'all comments');
    await new Promise((r) => requestAnimationFrame(r));
    observer.disconnect();
    expect(region.textContent!.trim()).to.equal('5,000 comments loaded');
    expect(mutations).to.be.within(1, 2);
  });

  it('says "Draft restored" when a form brings back what was typed', async () => {
    const thread = freshThread('draft');
    const records = [record('d1', null, { author: { name: 'Dana' } })];
    const first = await fixture<ParleyComments>(html`<parley-comments thread=${thread}></parley-comments>`);
    first.adapter = new MemoryAdapter(records);
    await oneEvent(first, 'parley-loaded');
    await first.updateComplete;
    await openReply(first, 'd1');
    await sendKeys({ type: 'Unfinished thought' });
    // pagehide writes the draft at once, as leaving the page would.
    window.dispatchEvent(new PageTransitionEvent('pagehide'));
    first.remove();

    const again = await fixture<ParleyComments>(html`<parley-comments thread=${thread}></parley-comments>`);
    again.adapter = new MemoryAdapter(records);
    await oneEvent(again, 'parley-loaded');
    await again.updateComplete;
    await openReply(again, 'd1');
    await until(() => liveRegion(again).textContent!.includes('Draft restored'), 'Draft restored announced');
  });

  it('announces a failed load through role="alert" with a Retry button', async () => {
    const { el, adapter } = await mountWaiting();
    el.adapter = adapter;
    await until(() => adapter.lists.length === 1, 'list call');
    adapter.lists[0].reject(new Error('Backend unreachable.'));
    await oneEvent(el, 'parley-error');
    await el.updateComplete;
    const alert = shadow(el).querySelector('[role="alert"]')!;
    expect(alert.textContent).to.contain('Backend unreachable.');
    expect([...alert.querySelectorAll('button')].map((b) => b.textContent!.trim())).to.deep.equal(['Retry']);
    // The failure is an alert, not also a polite echo of the same words.
    expect(liveRegion(el).textContent).not.to.contain('Backend unreachable.');
  });

  it('shows "Posting…" while a comment is on its way, says it when that is slow, then "Comment posted"', async () => {
    const { el, adapter } = await mountWaiting();
    el.adapter = adapter;
    await until(() => adapter.lists.length === 1, 'list call');
    adapter.lists[0].resolve({ comments: [] });
    await oneEvent(el, 'parley-loaded');
    const form = shadow(el).querySelector('.thread > parley-reply-form')!;
    const seen = watch(liveRegion(el));
    form.shadowRoot!.querySelector('textarea')!.focus();
    await sendKeys({ type: 'Hello' });
    const submit = form.shadowRoot!.querySelector<HTMLButtonElement>('[part~="submit"]')!;
    submit.click();
    await until(() => adapter.creates.length === 1, 'create call');
    await (form as ParleyReplyForm).updateComplete;
    const actions = submit.parentElement!;
    expect(actions.querySelector('.note')?.textContent).to.equal('Posting…');
    expect(submit.textContent!.trim()).to.equal('Post comment');
    // Said only once the post is slow, after a second.
    expect(seen.texts).to.deep.equal([]);
    await until(() => seen.texts.length > 0, '"Posting…" announced');
    adapter.creates[0].resolve(record('new', null, { body: 'Hello' }));
    await oneEvent(el, 'parley-posted');
    await until(() => !actions.querySelector('.note'), 'the note gone');
    seen.stop();
    expect(seen.texts).to.deep.equal(['Posting…', 'Comment posted']);
  });

  it('says "Comment posted" after each of two posts in a row, not only the first', async () => {
    const el = await mount(new MemoryAdapter([record('p1'), record('p2')]));
    for (const id of ['p1', 'p2']) {
      const seen = watch(liveRegion(el));
      await openReply(el, id);
      await sendKeys({ type: `Answer to ${id}` });
      const posted = oneEvent(el, 'parley-posted');
      await sendKeys({ press: 'Tab' });
      await sendKeys({ press: 'Tab' });
      await sendKeys({ press: 'Enter' });
      await posted;
      await until(() => seen.texts.includes('Comment posted'), `"Comment posted" announced after answering ${id}`);
      seen.stop();
      // A quick post is not talked through.
      expect(seen.texts).not.to.include('Posting…');
      expect(commentEl(el, id).querySelectorAll('[data-comment-id]').length).to.equal(1);
    }
  });
});

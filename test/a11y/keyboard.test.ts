import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { MemoryAdapter, type CommentAdapter, type CommentRecord } from '../../src/index.js';
import type { ParleyComments } from '../../src/parley-comments.js';
import { commentEl, record, until } from '../support/fixtures.js';
import {
  articleOf,
  deepActive,
  deepQueryAll,
  expectSame,
  formOf,
  freshThread,
  liveRegion,
  mount,
  openReply,
  replyButton,
  seedRecords,
  shadow,
  topForm,
} from './support.js';

/** A widget between two page buttons, so Tab can enter and leave it. */
async function mountBetween(adapter: CommentAdapter): Promise<{ el: ParleyComments; before: HTMLElement; after: HTMLElement }> {
  const wrapper = await fixture<HTMLDivElement>(html`<div>
    <button id="before">before</button>
    <parley-comments thread=${freshThread('kbd')}></parley-comments>
    <button id="after">after</button>
  </div>`);
  const el = wrapper.querySelector<ParleyComments>('parley-comments')!;
  const loaded = oneEvent(el, 'parley-loaded');
  el.adapter = adapter;
  await loaded;
  await el.updateComplete;
  await topForm(el).updateComplete;
  return { el, before: wrapper.querySelector('#before')!, after: wrapper.querySelector('#after')! };
}

const controls = (el: ParleyComments) =>
  deepQueryAll(shadow(el), 'a[href], button:not([disabled]), textarea, input:not([tabindex="-1"]), select, [tabindex="0"]');

/** Presses a key until focus reaches `stop`, returning every element focused on the way. */
async function walk(key: 'Tab' | 'Shift+Tab', stop: Element, limit = 80): Promise<Element[]> {
  const seen: Element[] = [];
  for (let i = 0; i < limit; i++) {
    // Puppeteer knows no "Shift+Tab" chord: hold Shift around the Tab.
    if (key === 'Shift+Tab') await sendKeys({ down: 'Shift' });
    await sendKeys({ press: 'Tab' });
    if (key === 'Shift+Tab') await sendKeys({ up: 'Shift' });
    const active = deepActive()!;
    if (active === stop) return seen;
    seen.push(active);
  }
  throw new Error(`${key} never reached ${stop.id}`);
}

const label = (e: Element) => `${e.tagName.toLowerCase()} "${e.getAttribute('aria-label') ?? e.textContent!.trim().slice(0, 20)}"`;

/** An adapter that saves every comment as pending moderation. */
function moderated(records: CommentRecord[]): CommentAdapter {
  const memory = new MemoryAdapter(records);
  return {
    list: (thread, options) => memory.list(thread, options),
    create: async (thread, input) => ({ ...(await memory.create(thread, input)), status: 'pending' }),
  };
}

describe('a11y: keyboard', () => {
  it('reaches every control with Tab, in document order, and back with Shift+Tab', async () => {
    const records = await seedRecords();
    const { el, before, after } = await mountBetween(new MemoryAdapter(records, { pageSize: 8 }));
    const expected = controls(el);
    // The thread has links, Reply buttons, the form and Load more: all of them must be met.
    expect(expected.length).to.be.greaterThan(12);
    before.focus();
    const forward = await walk('Tab', after);
    expect(forward.map(label)).to.deep.equal(expected.map(label));
    forward.forEach((e, i) => expectSame(e, expected[i], `Tab stop ${i}`));
    const backward = await walk('Shift+Tab', before);
    const reversed = [...expected].reverse();
    expect(backward.map(label)).to.deep.equal(reversed.map(label));
    backward.forEach((e, i) => expectSame(e, reversed[i], `Shift+Tab stop ${i}`));
  });

  it('opens a reply with Enter, closes it with Escape and reopens it with Space, keeping the draft', async () => {
    const el = await mount(new MemoryAdapter(await seedRecords()));
    const cliff = commentEl(el, 'c2-1');
    const reply = replyButton(el, 'c2-1');
    reply.focus();
    await sendKeys({ press: 'Enter' });
    await until(() => deepActive()?.tagName === 'TEXTAREA', 'focus in the reply text area');
    expect(reply.getAttribute('aria-expanded')).to.equal('true');
    await sendKeys({ type: 'I agree' });

    // With text in it, the first Escape only asks; the form stays and says so politely.
    await sendKeys({ press: 'Escape' });
    await el.updateComplete;
    expect(formOf(cliff)).to.exist;
    expect(liveRegion(el).textContent).to.contain('Press Escape again to close this reply. Your draft is kept.');
    await sendKeys({ press: 'Escape' });
    await until(() => !formOf(cliff), 'form closed');
    await until(() => deepActive() === reply, 'focus back on the Reply button');
    expect(reply.getAttribute('aria-expanded')).to.equal('false');

    await sendKeys({ press: ' ' }); // the space bar: BiDi's keyboard does not know the name "Space"
    await until(() => deepActive()?.tagName === 'TEXTAREA', 'reply reopened with Space');
    await until(() => (deepActive() as HTMLTextAreaElement).value === 'I agree', 'the draft back in the text area');
  });

  it('closes an empty reply with one Escape and returns focus to its Reply button', async () => {
    const el = await mount(new MemoryAdapter(await seedRecords()));
    await openReply(el, 'c1');
    await sendKeys({ press: 'Escape' });
    await until(() => !formOf(commentEl(el, 'c1')), 'form closed');
    await until(() => deepActive() === replyButton(el, 'c1'), 'focus on Reply');
  });

  it('posts with the keyboard, then focuses the new comment and announces it', async () => {
    const el = await mount(new MemoryAdapter(await seedRecords()));
    await openReply(el, 'c2-1');
    await sendKeys({ type: 'Thanks, Cliff.' });
    await sendKeys({ press: 'Tab' }); // Name
    await sendKeys({ type: 'Robin' });
    await sendKeys({ press: 'Tab' }); // Post reply
    expect(deepActive()!.textContent!.trim()).to.equal('Post reply');
    const posted = oneEvent(el, 'parley-posted');
    await sendKeys({ press: 'Enter' });
    const { detail } = await posted;
    const article = await (async () => {
      await until(() => deepActive() === articleOf(el, detail.comment.id), 'focus on the new comment');
      return articleOf(el, detail.comment.id);
    })();
    expect(article.getAttribute('tabindex')).to.equal('-1');
    expect(liveRegion(el).textContent!.trim()).to.equal('Comment posted');
  });

  it('says a held comment is awaiting moderation', async () => {
    const el = await mount(moderated([record('m1')]));
    const field = topForm(el).shadowRoot!.querySelector('textarea')!;
    field.focus();
    await sendKeys({ type: 'First!' });
    const posted = oneEvent(el, 'parley-posted');
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: ' ' });
    const { detail } = await posted;
    await until(() => deepActive() === articleOf(el, detail.comment.id), 'focus on the held comment');
    expect(liveRegion(el).textContent!.trim()).to.equal('Your comment is awaiting moderation');
  });

  it('keeps focus in the form after a failed post and announces the failure as an alert', async () => {
    const memory = new MemoryAdapter([record('f1')]);
    const el = await mount({ list: (t, o) => memory.list(t, o), create: () => Promise.reject(new Error('The server said no.')) });
    const form = await openReply(el, 'f1');
    const alert = form.shadowRoot!.querySelector('[role="alert"]')!;
    await sendKeys({ type: 'Words worth keeping' });
    const failed = oneEvent(el, 'parley-error');
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Enter' });
    await failed;
    await until(() => alert.textContent!.includes('The server said no.'), 'alert text');
    // The same alert element was in the page before: its new text is what gets announced.
    expectSame(form.shadowRoot!.querySelector('[role="alert"]'), alert, 'the alert');
    expectSame(formOf(commentEl(el, 'f1')), form, 'the open form');
    expect(form.shadowRoot!.contains(deepActive())).to.be.true;
  });

  it('keeps focus in the thread when Load more goes away after the last page', async () => {
    const records = [record('p1'), record('p2'), record('p3')];
    const el = await mount(new MemoryAdapter(records, { pageSize: 2 }));
    const more = [...shadow(el).querySelectorAll('button')].find((b) => b.textContent!.trim() === 'Load more comments')!;
    more.focus();
    const loaded = oneEvent(el, 'parley-loaded');
    await sendKeys({ press: 'Enter' });
    await loaded;
    await el.updateComplete;
    // Focus left on a removed button falls back to <body>: the reader loses their place.
    await until(() => !!deepActive() && shadow(el).contains(deepActive()), 'focus inside the widget');
    expectSame(deepActive(), articleOf(el, 'p3'), 'focus');
  });

  describe('j/k shortcuts', () => {
    const order = ['c1', 'c2', 'c2-1', 'c3'];

    it('move focus to the next and previous comment in document order', async () => {
      const el = await mount(new MemoryAdapter((await seedRecords()).slice(0, 4)));
      articleOf(el, 'c1').focus();
      for (const id of order.slice(1)) {
        await sendKeys({ press: 'j' });
        expectSame(deepActive(), articleOf(el, id), `j to ${id}`);
      }
      for (const id of [...order].reverse().slice(1)) {
        await sendKeys({ press: 'k' });
        expectSame(deepActive(), articleOf(el, id), `k to ${id}`);
      }
    });

    it('move on from a Reply button too', async () => {
      const el = await mount(new MemoryAdapter((await seedRecords()).slice(0, 4)));
      replyButton(el, 'c2').focus();
      await sendKeys({ press: 'j' });
      expectSame(deepActive(), articleOf(el, 'c2-1'), 'focus');
    });

    it('never fire while typing', async () => {
      const el = await mount(new MemoryAdapter((await seedRecords()).slice(0, 4)));
      const form = await openReply(el, 'c2');
      const textarea = deepActive() as HTMLTextAreaElement;
      await sendKeys({ type: 'jkjk' });
      expectSame(deepActive(), textarea, 'focus');
      expect(textarea.value).to.equal('jkjk');
      const name = form.shadowRoot!.querySelector('input')!;
      name.focus();
      await sendKeys({ type: 'kj' });
      expectSame(deepActive(), name, 'focus');
      expect(name.value.endsWith('kj')).to.be.true;
    });
  });
});

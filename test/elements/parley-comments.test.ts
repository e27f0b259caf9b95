import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { MemoryAdapter, type CommentRecord } from '../../src/index.js';
import type { ParleyComments } from '../../src/parley-comments.js';
import { ControlledAdapter, commentEl, formOf, frames, mountLoaded, record, renderedIds, topForm, until } from '../support/fixtures.js';

const seed: CommentRecord[] = [
  record('c1', null, { author: { name: 'Ada Lovelace', url: 'https://ada.example/' } }),
  record('c2', null, { author: { name: 'Bob', url: 'javascript:alert(1)', avatarUrl: 'https://img.example/b.png' } }),
  record('c2-1', 'c2', { author: { name: 'Cliff' }, body: 'First line\nsecond line\n\nNew paragraph with https://example.com/x.' }),
  record('c3', null, { status: 'pending' }),
];

const shadow = (el: Element) => el.shadowRoot!;
const heading = (el: ParleyComments) => shadow(el).querySelector('[part~="heading"]')!.textContent!.trim();
const button = (root: ParentNode, name: string) =>
  [...root.querySelectorAll<HTMLButtonElement>('button')].find((b) => (b.getAttribute('aria-label') ?? b.textContent!.trim()) === name);

/** Each comment's id with the id of the comment it is nested in. */
const nestingOf = (el: ParleyComments) =>
  [...shadow(el).querySelectorAll<HTMLElement>('[data-comment-id]')].map(
    (e) => `${e.dataset.commentId}<${e.parentElement!.closest<HTMLElement>('[data-comment-id]')?.dataset.commentId ?? ''}`,
  );

async function typeInto(field: HTMLElement, text: string) {
  field.focus();
  await sendKeys({ type: text });
}

describe('<parley-comments>', () => {
  it('renders the count, the thread, and replies inside their parent', async () => {
    const el = await mountLoaded(new MemoryAdapter(seed));
    expect(heading(el)).to.equal('4 comments');
    expect(renderedIds(el)).to.deep.equal(['c1', 'c2', 'c2-1', 'c3']);
    expect(commentEl(el, 'c2').contains(commentEl(el, 'c2-1'))).to.be.true;
    expect(commentEl(el, 'c1').contains(commentEl(el, 'c2'))).to.be.false;
  });

  it('uses plural rules for the heading', async () => {
    expect(heading(await mountLoaded(new MemoryAdapter([])))).to.equal('No comments yet');
    expect(heading(await mountLoaded(new MemoryAdapter([record('a')])))).to.equal('1 comment');
    // The backend's total counts comments not loaded yet.
    const paged = { list: async () => ({ comments: [record('a')], total: 1234 }), create: async () => record('x') };
    expect(heading(await mountLoaded(paged))).to.equal('1,234 comments');
  });

  it('links authors only for http(s) URLs and shows avatars or initials', async () => {
    const el = await mountLoaded(new MemoryAdapter(seed));
    const ada = commentEl(el, 'c1').querySelector('[part~="author"]')!;
    expect(ada.tagName).to.equal('A');
    expect(ada.getAttribute('href')).to.equal('https://ada.example/');
    expect(ada.getAttribute('rel')).to.equal('nofollow ugc noopener');
    const bob = commentEl(el, 'c2').querySelector('[part~="author"]')!;
    expect(bob.tagName).to.equal('SPAN');
    expect(bob.textContent).to.equal('Bob');
    // Remote avatars are opt-in (they tell the image's host who reads what).
    expect(commentEl(el, 'c2').querySelector(':scope > article .avatar img')).to.equal(null);
    el.avatars = 'remote';
    await el.updateComplete;
    const img = commentEl(el, 'c2').querySelector(':scope > article .avatar img')!;
    expect(img.getAttribute('src')).to.equal('https://img.example/b.png');
    expect(img.getAttribute('referrerpolicy')).to.equal('no-referrer');
    const initials = commentEl(el, 'c1').querySelector(':scope > article .avatar')!;
    expect(initials.textContent).to.equal('AL');
    expect(initials.querySelector('img')).to.equal(null);
  });

  it('shows the time, paragraphs, line breaks, links and moderation state', async () => {
    const el = await mountLoaded(new MemoryAdapter(seed));
    const reply = commentEl(el, 'c2-1');
    const time = reply.querySelector('time')!;
    expect(time.getAttribute('datetime')).to.equal('2024-03-01T12:00:00.000Z');
    expect(time.textContent!.trim()).to.match(/ago$/);
    expect(time.title).to.contain('2024');
    const body = reply.querySelector('[part~="body"]')!;
    expect(body.querySelectorAll('p').length).to.equal(2);
    expect(body.querySelectorAll('br').length).to.equal(1);
    const link = body.querySelector('a')!;
    expect(link.getAttribute('href')).to.equal('https://example.com/x');
    expect(body.querySelectorAll('p')[1].textContent).to.equal('New paragraph with https://example.com/x.');
    expect(commentEl(el, 'c3').textContent).to.contain('awaiting moderation');
    expect(commentEl(el, 'c1').textContent).not.to.contain('awaiting moderation');
  });

  it('nests to max-depth and labels deeper replies with whom they answer', async () => {
    const chain = [record('d1'), record('d2', 'd1'), record('d3', 'd2', { author: { name: 'Cliff' } }), record('d4', 'd3')];
    const el = await mountLoaded(new MemoryAdapter(chain), { maxDepth: 2 });
    expect(commentEl(el, 'd1').contains(commentEl(el, 'd2'))).to.be.true;
    expect(commentEl(el, 'd2').contains(commentEl(el, 'd3'))).to.be.false;
    expect(commentEl(el, 'd1').contains(commentEl(el, 'd4'))).to.be.true;
    expect(commentEl(el, 'd4').textContent).to.contain('in reply to Cliff');
    expect(commentEl(el, 'd3').textContent).to.contain('in reply to Author d2');
  });

  it('moves comments in place when max-depth changes, keeping an open reply, its text and focus', async () => {
    const chain = [record('d1'), record('d2', 'd1'), record('d3', 'd2', { author: { name: 'Cliff' } }), record('d4', 'd3')];
    const el = await mountLoaded(new MemoryAdapter(chain), { maxDepth: 5 });
    const d4 = commentEl(el, 'd4');
    button(d4, 'Reply to Author d4')!.click();
    await until(() => formOf(d4) !== null, 'reply form');
    const form = formOf(d4)!;
    await form.updateComplete;
    const textarea = form.shadowRoot!.querySelector('textarea')!;
    await until(() => form.shadowRoot!.activeElement === textarea, 'focus in the reply');
    await sendKeys({ type: 'Half a thought' });

    el.maxDepth = 2;
    await el.updateComplete;
    // The same elements, moved: d3 and d4 now sit beside d2, labelled with whom they answer.
    expect(commentEl(el, 'd4') === d4, 'the same element').to.be.true;
    expect(nestingOf(el)).to.deep.equal(['d1<', 'd2<d1', 'd3<d1', 'd4<d1']);
    expect(d4.textContent).to.contain('in reply to Cliff');
    expect(formOf(d4) === form, 'the same form').to.be.true;
    expect(textarea.value).to.equal('Half a thought');
    // Compared as booleans: a failing compare of the form element itself would make the
    // test runner serialise the whole element, which takes the browser down.
    expect(shadow(el).activeElement === form && form.shadowRoot!.activeElement === textarea, 'focus still in the reply').to.be.true;
    await sendKeys({ type: ', finished.' });
    expect(textarea.value).to.equal('Half a thought, finished.');

    el.maxDepth = 5;
    await el.updateComplete;
    expect(nestingOf(el)).to.deep.equal(['d1<', 'd2<d1', 'd3<d2', 'd4<d3']);
    expect(d4.textContent).not.to.contain('in reply to');
    expect(shadow(el).activeElement === form && form.shadowRoot!.activeElement === textarea, 'focus still in the reply').to.be.true;
  });

  it('opens a reply form under the comment with focus in its text area, and Cancel returns focus', async () => {
    const el = await mountLoaded(new MemoryAdapter(seed));
    const c1 = commentEl(el, 'c1');
    const reply = button(c1, 'Reply to Ada Lovelace')!;
    reply.click();
    await until(() => !!formOf(c1), 'reply form');
    const form = formOf(c1)!;
    await form.updateComplete;
    expect(reply.getAttribute('aria-expanded')).to.equal('true');
    expect(form.shadowRoot!.activeElement?.tagName).to.equal('TEXTAREA');
    expect(button(form.shadowRoot!, 'Post reply')).to.exist;
    // Right under its text: after the body inside the comment's own article.
    expect(form.parentElement!.tagName).to.equal('ARTICLE');
    button(form.shadowRoot!, 'Cancel')!.click();
    await until(() => !formOf(c1), 'form closed');
    await until(() => shadow(el).activeElement === reply, 'focus back on Reply');
  });

  it('posts a reply: one request, inserted in place, cleared, announced, event fired, focus moved', async () => {
    const adapter = new ControlledAdapter();
    const el = await fixture<ParleyComments>(html`<parley-comments thread="post-test"></parley-comments>`);
    el.adapter = adapter;
    await until(() => adapter.lists.length === 1, 'list');
    adapter.lists[0].resolve({ comments: seed });
    await oneEvent(el, 'parley-loaded');
    const c2 = commentEl(el, 'c2');
    button(c2, 'Reply to Bob')!.click();
    await until(() => !!formOf(c2), 'reply form');
    const form = formOf(c2)!;
    await form.updateComplete;
    await typeInto(form.shadowRoot!.querySelector('textarea')!, 'Thanks Bob');
    const submit = button(form.shadowRoot!, 'Post reply')!;
    submit.click();
    submit.click();
    await form.updateComplete;
    expect(submit.disabled).to.be.true;
    expect(adapter.creates.length).to.equal(1);
    expect(adapter.creates[0].input).to.deep.include({ parentId: 'c2', body: 'Thanks Bob' });
    const posted = oneEvent(el, 'parley-posted');
    adapter.creates[0].resolve(record('new', 'c2', { body: 'Thanks Bob' }));
    const event = await posted;
    expect(event.detail.comment.id).to.equal('new');
    await el.updateComplete;
    expect(commentEl(el, 'c2').contains(commentEl(el, 'new'))).to.be.true;
    expect(renderedIds(el)).to.deep.equal(['c1', 'c2', 'c2-1', 'new', 'c3']);
    expect(heading(el)).to.equal('5 comments');
    expect(formOf(c2)).to.equal(null);
    expect(shadow(el).querySelector('[aria-live="polite"]')!.textContent).to.contain('Comment posted');
    await until(() => shadow(el).activeElement === commentEl(el, 'new').querySelector('article'), 'focus on new comment');
  });

  it('refuses an empty body with a message at the field and no request', async () => {
    const adapter = new ControlledAdapter();
    const el = await fixture<ParleyComments>(html`<parley-comments thread="empty"></parley-comments>`);
    el.adapter = adapter;
    await until(() => adapter.lists.length === 1);
    adapter.lists[0].resolve({ comments: [] });
    const form = topForm(el);
    await form.updateComplete;
    button(form.shadowRoot!, 'Post comment')!.click();
    await form.updateComplete;
    const textarea = form.shadowRoot!.querySelector('textarea')!;
    expect(textarea.getAttribute('aria-invalid')).to.equal('true');
    expect(form.shadowRoot!.querySelector('#body-error')!.textContent).to.contain('Please write');
    expect(adapter.creates.length).to.equal(0);
  });

  it('keeps the text and shows the adapter message when a post fails', async () => {
    const adapter = new ControlledAdapter();
    const el = await fixture<ParleyComments>(html`<parley-comments thread="fail"></parley-comments>`);
    el.adapter = adapter;
    await until(() => adapter.lists.length === 1);
    adapter.lists[0].resolve({ comments: [] });
    const form = topForm(el);
    await form.updateComplete;
    const textarea = form.shadowRoot!.querySelector('textarea')!;
    await typeInto(textarea, 'Important words');
    const errorEvent = oneEvent(el, 'parley-error');
    button(form.shadowRoot!, 'Post comment')!.click();
    await until(() => adapter.creates.length === 1);
    adapter.creates[0].reject(new Error('The server is on fire.'));
    const { detail } = await errorEvent;
    expect(detail.action).to.equal('post');
    await until(() => form.shadowRoot!.querySelector('[role="alert"]')!.textContent!.includes('The server is on fire.'), 'alert');
    expect(textarea.value).to.equal('Important words');
    expect(form.shadowRoot!.activeElement).to.equal(textarea);
  });

  it('loads more pages after the earlier ones', async () => {
    const records = [record('p1'), record('p1r', 'p1'), record('p2'), record('p3')];
    const el = await mountLoaded(new MemoryAdapter(records, { pageSize: 2 }));
    expect(renderedIds(el)).to.deep.equal(['p1', 'p1r', 'p2']);
    const more = button(shadow(el), 'Load more comments')!;
    const loaded = oneEvent(el, 'parley-loaded');
    more.click();
    await loaded;
    await el.updateComplete;
    expect(renderedIds(el)).to.deep.equal(['p1', 'p1r', 'p2', 'p3']);
    expect(button(shadow(el), 'Load more comments')).to.equal(undefined);
  });

  it('leaves the comments already shown alone when another page or a reply form comes', async () => {
    const avatar = { author: { name: 'Ann', avatarUrl: 'https://img.example/ann.png' } };
    // Page 2 brings a reply to a comment of page 1, as a backend paging by date would.
    const pages = [
      { comments: [record('p1', null, avatar), record('p1r', 'p1')], next: '2' },
      { comments: [record('p2'), record('p2r', 'p1')], next: null },
    ];
    const el = await mountLoaded({
      list: async (_thread, options) => pages[options?.cursor ? 1 : 0],
      create: async () => record('new'),
    });
    el.avatars = 'remote';
    await el.updateComplete;
    const img = commentEl(el, 'p1').querySelector(':scope > article .avatar img');
    expect(img, 'an avatar image to keep').to.exist;
    const time = commentEl(el, 'p1').querySelector(':scope > article time')!.firstChild;
    const mutations: MutationRecord[] = [];
    const observer = new MutationObserver((records) => mutations.push(...records));
    observer.observe(commentEl(el, 'p1').querySelector('article')!, { subtree: true, childList: true, attributes: true, characterData: true });
    const loaded = oneEvent(el, 'parley-loaded');
    button(shadow(el), 'Load more comments')!.click();
    await loaded;
    await el.updateComplete;
    expect(commentEl(el, 'p1').contains(commentEl(el, 'p2r')), 'the late reply in its thread').to.be.true;
    button(commentEl(el, 'p1'), 'Reply to Ann')!.click();
    await until(() => formOf(commentEl(el, 'p1')) !== null, 'reply form');
    // The image is not fetched again, nor the texts rewritten: only the form came.
    expect(commentEl(el, 'p1').querySelector(':scope > article .avatar img')).to.equal(img);
    expect(commentEl(el, 'p1').querySelector(':scope > article time')!.firstChild).to.equal(time);
    const changed = [...mutations, ...observer.takeRecords()].map((m) => (m.type === 'attributes' ? `@${m.attributeName}` : `${m.type} ${m.target.nodeName}`));
    expect(changed).to.deep.equal(['@aria-expanded', 'childList ARTICLE']);
  });

  it('shows a failed load with a Retry that works', async () => {
    const adapter = new ControlledAdapter();
    const el = await fixture<ParleyComments>(html`<parley-comments thread="retry"></parley-comments>`);
    el.adapter = adapter;
    await until(() => adapter.lists.length === 1);
    const failed = oneEvent(el, 'parley-error');
    adapter.lists[0].reject('backend down');
    expect((await failed).detail.action).to.equal('load');
    await el.updateComplete;
    const alert = shadow(el).querySelector('[role="alert"]')!;
    expect(alert.textContent).to.contain('backend down');
    button(alert, 'Retry')!.click();
    await until(() => adapter.lists.length === 2, 'second list');
    adapter.lists[1].resolve({ comments: [record('back')] });
    await oneEvent(el, 'parley-loaded');
    await el.updateComplete;
    expect(renderedIds(el)).to.deep.equal(['back']);
    expect(shadow(el).querySelector('[role="alert"]')).to.equal(null);
  });

  it('aborts the load when removed, and reloads when the thread changes', async () => {
    const adapter = new ControlledAdapter();
    const el = await fixture<ParleyComments>(html`<parley-comments thread="one"></parley-comments>`);
    el.adapter = adapter;
    await until(() => adapter.lists.length === 1);
    el.thread = 'two';
    await until(() => adapter.lists.length === 2);
    expect(adapter.lists[0].signal!.aborted).to.be.true;
    expect(adapter.lists[1].thread).to.equal('two');
    // The slow answer for the old thread must not show up under the new one.
    adapter.lists[0].resolve({ comments: [record('old')] });
    adapter.lists[1].resolve({ comments: [record('new')] });
    await oneEvent(el, 'parley-loaded');
    await el.updateComplete;
    expect(renderedIds(el)).to.deep.equal(['new']);
    el.thread = 'three';
    await until(() => adapter.lists.length === 3);
    el.remove();
    expect(adapter.lists[2].signal!.aborted).to.be.true;
  });

  it('waits quietly without an adapter or endpoint', async () => {
    const events: string[] = [];
    const el = document.createElement('parley-comments');
    for (const type of ['parley-loaded', 'parley-error']) el.addEventListener(type, () => events.push(type));
    await fixture(el);
    await frames(5);
    expect(events).to.deep.equal([]);
    expect(shadow(el).querySelector('[role="alert"]')).to.equal(null);
    expect(shadow(el).querySelector('section')!.getAttribute('aria-busy')).to.equal('false');
    expect(heading(el)).to.equal('Comments');
    // Given one later, it loads.
    el.adapter = new MemoryAdapter(seed);
    await oneEvent(el, 'parley-loaded');
    await el.updateComplete;
    expect(heading(el)).to.equal('4 comments');
  });

  it('passes an axe check with a reply form open', async () => {
    const el = await mountLoaded(new MemoryAdapter(seed));
    button(commentEl(el, 'c1'), 'Reply to Ada Lovelace')!.click();
    await until(() => !!formOf(commentEl(el, 'c1')));
    await formOf(commentEl(el, 'c1'))!.updateComplete;
    await expect(el).to.be.accessible();
  });

  it('switches to the dark palette when the theme property is set from script', async () => {
    const el = await mountLoaded(new MemoryAdapter([]), { thread: 'theme-prop' });
    el.theme = 'light';
    await el.updateComplete;
    const light = getComputedStyle(el).backgroundColor;
    el.theme = 'dark';
    await el.updateComplete;
    expect(el.getAttribute('theme')).to.equal('dark');
    expect(getComputedStyle(el).backgroundColor).to.not.equal(light);
  });

  it('takes its accent colour from a custom property set on the page', async () => {
    const wrapper = await fixture<HTMLDivElement>(html`<div><parley-comments thread="theme"></parley-comments></div>`);
    wrapper.style.setProperty('--parley-color-accent', 'rgb(1, 2, 3)');
    const el = wrapper.querySelector('parley-comments')!;
    el.adapter = new MemoryAdapter([]);
    await oneEvent(el, 'parley-loaded');
    const form = topForm(el);
    await form.updateComplete;
    const submit = form.shadowRoot!.querySelector('[part~="submit"]')!;
    expect(getComputedStyle(submit).backgroundColor).to.equal('rgb(1, 2, 3)');
  });
});

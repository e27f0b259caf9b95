import { expect, fixture, html } from '@open-wc/testing';
import { MemoryAdapter, type CommentAdapter } from '../../src/index.js';
import type { ParleyComments } from '../../src/parley-comments.js';
import { frames, record, renderedIds, until } from '../support/fixtures.js';

/** An adapter that records every call, standing for every request a backend would get. */
function recording(records = [record('c1', null, { author: { name: 'Ann', avatarUrl: 'https://127.0.0.1:9/ann.png' } })]) {
  const memory = new MemoryAdapter(records);
  const calls: string[] = [];
  const adapter: CommentAdapter = {
    list: (thread, options) => (calls.push(`list ${thread}`), memory.list(thread, options)),
    create: (thread, input) => (calls.push(`create ${thread}`), memory.create(thread, input)),
  };
  return { adapter, calls };
}

/** Every request the page made to an address, from the Resource Timing entries and fetch. */
const requestsTo = (part: string) => performance.getEntriesByType('resource').filter((e) => e.name.includes(part));

describe('loading when wanted', () => {
  it('asks for nothing until the widget nears the viewport (loading="visible", the default)', async () => {
    const { adapter, calls } = recording();
    const wrapper = await fixture<HTMLDivElement>(html`<div><div style="height: 400vh"></div><parley-comments thread="far"></parley-comments></div>`);
    const el = wrapper.querySelector('parley-comments')!;
    expect(el.loading).to.equal('visible');
    el.adapter = adapter;
    await frames(5);
    expect(calls).to.deep.equal([]);
    el.scrollIntoView();
    await until(() => calls.length === 1, 'the first load once seen');
    expect(calls).to.deep.equal(['list far']);
    await until(() => renderedIds(el).length === 1, 'the comment');
    scrollTo(0, 0);
  });

  it('loads at once with loading="eager"', async () => {
    const { adapter, calls } = recording();
    const wrapper = await fixture<HTMLDivElement>(html`<div><div style="height: 400vh"></div><parley-comments thread="eager" loading="eager"></parley-comments></div>`);
    wrapper.querySelector('parley-comments')!.adapter = adapter;
    await until(() => calls.length === 1, 'the load');
  });

  it('with loading="click" shows "Show comments", no form, and asks nothing before the click', async () => {
    const { adapter, calls } = recording();
    const el = await fixture<ParleyComments>(html`<parley-comments thread="consent" loading="click"></parley-comments>`);
    el.adapter = adapter;
    await frames(5);
    expect(calls).to.deep.equal([]);
    const shadow = el.shadowRoot!;
    expect(shadow.querySelector('parley-reply-form')).to.equal(null);
    const show = shadow.querySelector<HTMLButtonElement>('button.show')!;
    expect(show.textContent!.trim()).to.equal('Show comments');
    show.click();
    await until(() => renderedIds(el).length === 1, 'the comments');
    expect(calls).to.deep.equal(['list consent']);
    expect(shadow.querySelector('parley-reply-form')).to.exist;
  });

  it('lets a consent manager load the comments with load()', async () => {
    const { adapter, calls } = recording();
    const el = await fixture<ParleyComments>(html`<parley-comments thread="consent-api" loading="click"></parley-comments>`);
    el.adapter = adapter;
    await frames(3);
    expect(calls).to.deep.equal([]);
    el.load();
    await until(() => calls.length === 1, 'the load');
  });

  it('makes no request to the server of an endpoint before the click', async () => {
    const before = requestsTo('/consent-endpoint/').length;
    const el = await fixture<ParleyComments>(html`<parley-comments thread="t" loading="click" endpoint="/consent-endpoint/api"></parley-comments>`);
    await frames(5);
    expect(requestsTo('/consent-endpoint/').length).to.equal(before);
    el.load();
    await until(() => requestsTo('/consent-endpoint/').length > before, 'the request after load()');
  });

  it('shows initials, not remote avatar images, unless avatars="remote"', async () => {
    const { adapter } = recording();
    const el = await fixture<ParleyComments>(html`<parley-comments thread="avatars"></parley-comments>`);
    el.adapter = adapter;
    await until(() => renderedIds(el).length === 1, 'the comment');
    const avatar = () => el.shadowRoot!.querySelector('[data-comment-id="c1"] .avatar')!;
    expect(avatar().querySelector('img')).to.equal(null);
    expect(avatar().textContent).to.equal('A');
    expect(requestsTo('127.0.0.1:9/ann.png')).to.have.length(0);
    el.avatars = 'remote';
    await el.updateComplete;
    expect(avatar().querySelector('img')!.getAttribute('src')).to.equal('https://127.0.0.1:9/ann.png');
  });
});

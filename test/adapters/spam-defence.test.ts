import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { AdapterError, RestAdapter } from '../../src/index.js';
import type { ParleyComments } from '../../src/parley-comments.js';
import { commentEl, topForm } from '../support/fixtures.js';

// The reference server with its default spam defence (test/middleware/reference-server.mjs),
// reached over real HTTP through RestAdapter.
const endpoint = () => `${location.origin}/spam-api`;
const unique = (name: string) => `${name}-${Date.now()}-${Math.random().toString(36).slice(2)}`;

describe('the reference server\'s spam defence, through RestAdapter', () => {
  it('holds a filled honeypot (answered as held, never listed), publishes a person, refuses a duplicate as such', async () => {
    const adapter = new RestAdapter(endpoint());
    const thread = unique('spam');
    const bot = await adapter.create(thread, { parentId: null, body: 'Cheap watches', author: { name: 'Bot' }, trap: 'https://bot.example', elapsedMs: 9000 });
    expect(bot.status).to.equal('pending');
    const person = await adapter.create(thread, { parentId: null, body: 'A kind word', author: { name: 'Ann' }, trap: '', elapsedMs: 9000 });
    expect(person.status).to.equal('published');
    expect((await adapter.list(thread)).comments.map((c) => c.id)).to.deep.equal([person.id]);
    const twice = await adapter.create(thread, { parentId: null, body: 'A kind word', author: { name: 'Ann' }, trap: '', elapsedMs: 9000 }).catch((e: unknown) => e);
    expect(twice).to.be.instanceOf(AdapterError);
    expect((twice as AdapterError).code).to.equal('duplicate');
  });

  it('a form sent faster than a person could is held: the widget says "awaiting moderation", readers never see it', async () => {
    const thread = unique('fast');
    const el = await fixture<ParleyComments>(html`<parley-comments thread=${thread} loading="eager"></parley-comments>`);
    const loaded = oneEvent(el, 'parley-loaded');
    el.adapter = new RestAdapter(endpoint());
    await loaded;
    const form = topForm(el);
    await form.updateComplete;
    form.shadowRoot!.querySelector('textarea')!.focus();
    await sendKeys({ type: 'Quick' });
    const posted = oneEvent(el, 'parley-posted');
    form.shadowRoot!.querySelector<HTMLButtonElement>('[part~="submit"]')!.click();
    const { detail } = await posted;
    expect(detail.comment.status).to.equal('pending');
    await el.updateComplete;
    expect(commentEl(el, detail.comment.id).textContent).to.contain('awaiting moderation');
    expect((await new RestAdapter(endpoint()).list(thread)).comments).to.deep.equal([]);
  });
});

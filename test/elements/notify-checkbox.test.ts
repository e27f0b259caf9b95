import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { RestAdapter } from '../../src/index.js';
import type { ParleyComments } from '../../src/parley-comments.js';
import { en } from '../../src/i18n/strings.js';
import { commentEl, formOf, topForm, until } from '../support/fixtures.js';

// "Notify me of replies": offered only when the backend's page says `notify: true` (the
// reference server with notifications on, test/middleware/notify-server.mjs) and the form
// asks for an e-mail; sent as NewComment.notify, kept by the server as a subscription.
const unique = (name: string) => `${name}-${Date.now()}-${Math.random().toString(36).slice(2)}`;

async function mount(endpoint: string, fields: string): Promise<ParleyComments> {
  const el = await fixture<ParleyComments>(html`<parley-comments thread=${unique('notify')} fields=${fields} loading="eager"></parley-comments>`);
  const loaded = oneEvent(el, 'parley-loaded');
  el.adapter = new RestAdapter(`${location.origin}${endpoint}`);
  await loaded;
  await el.updateComplete;
  await topForm(el).updateComplete;
  return el;
}

const box = (el: ParleyComments) => topForm(el).shadowRoot!.querySelector<HTMLInputElement>('#notify');

function type(el: ParleyComments, selector: string, value: string): void {
  const field = topForm(el).shadowRoot!.querySelector<HTMLInputElement | HTMLTextAreaElement>(selector)!;
  field.value = value;
  field.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
}

describe('"Notify me of replies"', () => {
  it('is not offered by a server that does not mail replies', async () => {
    const el = await mount('/reference-api', 'name email');
    expect(box(el)).to.equal(null);
  });

  it('is not offered by a form without an e-mail field', async () => {
    const el = await mount('/notify-api', 'name url');
    expect(box(el)).to.equal(null);
  });

  it('is a labelled checkbox that needs the e-mail, sends notify, and is remembered with the name', async () => {
    const el = await mount('/notify-api', 'name email');
    const form = topForm(el);
    const checkbox = box(el)!;
    expect(checkbox.type).to.equal('checkbox');
    expect(checkbox.checked).to.equal(false);
    expect(checkbox.closest('label')!.textContent!.trim()).to.equal(en.notifyReplies);
    await expect(el).to.be.accessible();

    type(el, 'textarea', 'Tell me when someone answers.');
    type(el, '#name', 'Ann');
    checkbox.click();
    await form.updateComplete;
    // Ticked without an address: the e-mail field says what it needs, and has focus.
    form.shadowRoot!.querySelector<HTMLButtonElement>('[part~="submit"]')!.click();
    await form.updateComplete;
    const email = form.shadowRoot!.querySelector<HTMLInputElement>('#email')!;
    expect(email.getAttribute('aria-invalid')).to.equal('true');
    expect(form.shadowRoot!.querySelector('#email-error')!.textContent).to.equal(en.fieldMissing.email);
    expect(form.shadowRoot!.activeElement).to.equal(email);
    await expect(el).to.be.accessible();

    type(el, '#email', 'ann@example.org');
    const posted = oneEvent(el, 'parley-posted');
    form.shadowRoot!.querySelector<HTMLButtonElement>('[part~="submit"]')!.click();
    const { detail } = await posted;
    const stored = await (await fetch(`/notify-api-subscription?comment=${encodeURIComponent(detail.comment.id)}`)).json();
    expect(stored.subscription).to.deep.equal({ email: 'ann@example.org', unsubscribed_at: null });

    // The next form, on another page of the site, starts ticked.
    const next = await mount('/notify-api', 'name email');
    await new Promise((resolve) => setTimeout(resolve, 50));
    await topForm(next).updateComplete;
    expect(box(next)!.checked).to.equal(true);
    expect(topForm(next).shadowRoot!.querySelector<HTMLInputElement>('#email')!.value).to.equal('ann@example.org');
  });

  it('is offered in a reply form too, and a reply sends it', async () => {
    const el = await mount('/notify-api', 'name email');
    type(el, 'textarea', 'A first comment.');
    let posted = oneEvent(el, 'parley-posted');
    topForm(el).shadowRoot!.querySelector<HTMLButtonElement>('[part~="submit"]')!.click();
    const first = (await posted).detail.comment;
    await el.updateComplete;
    commentEl(el, first.id).querySelector<HTMLButtonElement>(':scope > article [part~="reply-button"]')!.click();
    await until(() => !!formOf(commentEl(el, first.id)), 'reply form');
    const form = formOf(commentEl(el, first.id))!;
    await form.updateComplete;
    const checkbox = form.shadowRoot!.querySelector<HTMLInputElement>('#notify')!;
    if (!checkbox.checked) checkbox.click();
    const body = form.shadowRoot!.querySelector('textarea')!;
    body.value = 'A reply that wants answers.';
    body.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    const email = form.shadowRoot!.querySelector<HTMLInputElement>('#email')!;
    email.value = 'cleo@example.org';
    email.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    posted = oneEvent(el, 'parley-posted');
    form.shadowRoot!.querySelector<HTMLButtonElement>('[part~="submit"]')!.click();
    const reply = (await posted).detail.comment;
    expect(reply.parentId).to.equal(first.id);
    const stored = await (await fetch(`/notify-api-subscription?comment=${encodeURIComponent(reply.id)}`)).json();
    expect(stored.subscription).to.deep.equal({ email: 'cleo@example.org', unsubscribed_at: null });
  });

  it('sends nothing about notifications when left unticked', async () => {
    const el = await mount('/notify-api', 'name email');
    // A fresh visitor: whatever an earlier test remembered is cleared by unticking.
    if (box(el)!.checked) box(el)!.click();
    type(el, 'textarea', 'Just a remark.');
    type(el, '#email', 'bob@example.org');
    const posted = oneEvent(el, 'parley-posted');
    topForm(el).shadowRoot!.querySelector<HTMLButtonElement>('[part~="submit"]')!.click();
    const { detail } = await posted;
    const stored = await (await fetch(`/notify-api-subscription?comment=${encodeURIComponent(detail.comment.id)}`)).json();
    expect(stored.subscription).to.equal(null);
  });
});

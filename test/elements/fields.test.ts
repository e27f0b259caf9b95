import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { MemoryAdapter, type CommentAdapter, type NewComment } from '../../src/index.js';
import type { ParleyComments } from '../../src/parley-comments.js';
import { parseFields } from '../../src/reply-form/fields.js';
import { commentEl, record, topForm, until } from '../support/fixtures.js';

/** A memory backend that keeps what the widget sent. */
function keeping() {
  const memory = new MemoryAdapter([record('c1')], { id: `fields-${Date.now()}-${Math.random()}` });
  const sent: NewComment[] = [];
  const adapter: CommentAdapter & { id: string } = {
    id: memory.id,
    list: (t, o) => memory.list(t, o),
    create: (t, input, o) => (sent.push(input), memory.create(t, input, o)),
  };
  return { adapter, sent };
}

async function mount(fields: string | null, adapter: CommentAdapter): Promise<ParleyComments> {
  const el = await fixture<ParleyComments>(html`<parley-comments thread="fields" loading="eager"></parley-comments>`);
  if (fields !== null) el.setAttribute('fields', fields);
  el.adapter = adapter;
  await oneEvent(el, 'parley-loaded');
  await el.updateComplete;
  await topForm(el).updateComplete;
  return el;
}

const formRoot = (el: ParleyComments) => topForm(el).shadowRoot!;
const labels = (el: ParleyComments) => [...formRoot(el).querySelectorAll('label')].map((l) => l.textContent!.replace(/\s+/g, ' ').trim());
const input = (el: ParleyComments, id: string) => formRoot(el).querySelector<HTMLInputElement>(`#${id}`)!;

async function typeIn(field: HTMLElement, text: string) {
  field.focus();
  await sendKeys({ type: text });
}

const submit = (el: ParleyComments) => formRoot(el).querySelector<HTMLButtonElement>('[part~="submit"]')!.click();

describe('the fields attribute', () => {
  it('reads "name* email* url" as WordPress does: order kept, * required, unknown words ignored', () => {
    expect(parseFields('name* email* url')).to.deep.equal([
      { name: 'name', required: true },
      { name: 'email', required: true },
      { name: 'url', required: false },
    ]);
    expect(parseFields('email url name email bogus')).to.deep.equal([
      { name: 'email', required: false },
      { name: 'url', required: false },
      { name: 'name', required: false },
    ]);
    expect(parseFields('')).to.deep.equal([{ name: 'name', required: false }]);
    expect(parseFields(undefined)).to.deep.equal([{ name: 'name', required: false }]);
  });

  it('shows an optional name by default, and nothing else', async () => {
    const el = await mount(null, keeping().adapter);
    expect(labels(el)).to.deep.equal(['Your comment', 'Name']);
    expect(input(el, 'name').required).to.be.false;
  });

  it('refuses a required field left empty at the field, in the visitor\'s words, and posts nothing', async () => {
    const { adapter, sent } = keeping();
    const el = await mount('name* email* url', adapter);
    expect(labels(el)).to.deep.equal(['Your comment', 'Name (required)', 'E-mail (never shown) (required)', 'Website']);
    await typeIn(formRoot(el).querySelector('textarea')!, 'Hello');
    submit(el);
    await topForm(el).updateComplete;
    expect(formRoot(el).activeElement).to.equal(input(el, 'name'));
    expect(input(el, 'name').getAttribute('aria-invalid')).to.equal('true');
    expect(formRoot(el).querySelector('#name-error')!.textContent).to.equal('Please give your name.');
    expect(input(el, 'name').getAttribute('aria-describedby')).to.equal('name-error');
    await typeIn(input(el, 'name'), 'Ann');
    await typeIn(input(el, 'email'), 'not-an-address');
    submit(el);
    await topForm(el).updateComplete;
    expect(formRoot(el).activeElement).to.equal(input(el, 'email'));
    expect(formRoot(el).querySelector('#email-error')!.textContent).to.equal('That does not look like an e-mail address (name@example.com).');
    expect(sent).to.deep.equal([]);
  });

  it('sends name, e-mail and website; never shows the e-mail; links the website; remembers all three', async () => {
    const { adapter, sent } = keeping();
    const el = await mount('name* email* url', adapter);
    await typeIn(formRoot(el).querySelector('textarea')!, 'With contact details');
    await typeIn(input(el, 'name'), 'Ann');
    await typeIn(input(el, 'email'), 'ann@example.com');
    await typeIn(input(el, 'url'), 'https://ann.example/');
    const posted = oneEvent(el, 'parley-posted');
    submit(el);
    const { detail } = await posted;
    // The spam signals (trap, elapsedMs) are the honeypot test's business.
    expect(sent.map(({ trap: _t, elapsedMs: _e, ...rest }) => rest)).to.deep.equal([{ parentId: null, body: 'With contact details', author: { name: 'Ann', email: 'ann@example.com', url: 'https://ann.example/' } }]);
    await el.updateComplete;
    const mine = commentEl(el, detail.comment.id);
    expect(mine.querySelector('a[part~="author"]')!.getAttribute('href')).to.equal('https://ann.example/');
    expect(el.shadowRoot!.querySelector('.comments')!.textContent).not.to.contain('ann@example.com');
    el.remove();

    const again = await mount('name* email* url', adapter);
    await until(() => input(again, 'email').value === 'ann@example.com', 'the remembered e-mail');
    expect(input(again, 'name').value).to.equal('Ann');
    expect(input(again, 'url').value).to.equal('https://ann.example/');
  });

  it('refuses a website that is not http(s)', async () => {
    const el = await mount('url', keeping().adapter);
    await typeIn(formRoot(el).querySelector('textarea')!, 'Hi');
    await typeIn(input(el, 'url'), 'javascript:alert(1)');
    submit(el);
    await topForm(el).updateComplete;
    expect(formRoot(el).querySelector('#url-error')!.textContent).to.equal('A website address starts with http:// or https://.');
  });

  it('never gets the e-mail back from the reference server', async () => {
    const el = await fixture<ParleyComments>(
      html`<parley-comments thread=${`fields-rest-${Date.now()}`} endpoint="/reference-api" fields="name email" loading="eager"></parley-comments>`,
    );
    await oneEvent(el, 'parley-loaded');
    await topForm(el).updateComplete;
    await typeIn(formRoot(el).querySelector('textarea')!, 'Through the reference server');
    await typeIn(input(el, 'name'), 'Ben');
    await typeIn(input(el, 'email'), 'ben@example.com');
    const posted = oneEvent(el, 'parley-posted');
    submit(el);
    const { detail } = await posted;
    expect(JSON.stringify(detail.comment)).not.to.contain('ben@example.com');
    const listed = await (await fetch(`/reference-api/threads/${encodeURIComponent(el.thread!)}/comments`)).text();
    expect(listed).to.contain('Through the reference server');
    expect(listed).not.to.contain('ben@example.com');
  });
});

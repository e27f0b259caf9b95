import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { MemoryAdapter } from '../../src/index.js';
import '../../src/markdown/index.js';
import type { ParleyComments } from '../../src/parley-comments.js';
import { commentEl, record, topForm, until } from '../support/fixtures.js';

// The add-on in the widget: bodies through the same path as plain ones (fillBody), the
// record's own format winning over the element's, and the Write / Preview switch.

let threads = 0;

async function mount(records: unknown[], format: string | null = 'markdown'): Promise<ParleyComments> {
  // A thread of its own each time: drafts are kept per thread.
  const thread = `md-${Date.now()}-${++threads}`;
  const el = await fixture<ParleyComments>(html`<parley-comments thread=${thread} loading="eager" format=${format ?? ''}></parley-comments>`);
  if (format === null) el.removeAttribute('format');
  const loaded = oneEvent(el, 'parley-loaded');
  el.adapter = new MemoryAdapter(records);
  await loaded;
  await el.updateComplete;
  return el;
}

const body = (el: ParleyComments, id: string) => commentEl(el, id).querySelector<HTMLElement>('[part="body"]')!;

describe('markdown add-on in <parley-comments>', () => {
  it('format="markdown": lists, links, emphasis and code as elements; raw HTML as text', async () => {
    const el = await mount([
      record('a', null, { body: 'Hello *there*\n\n- one\n- [two](https://example.com/2)\n\n`<b>x</b>` <img src=x onerror=alert(1)>' }),
    ]);
    const b = body(el, 'a');
    expect(b.querySelector('p em')?.textContent).to.equal('there');
    expect([...b.querySelectorAll('ul > li')].map((li) => li.textContent)).to.deep.equal(['one', 'two']);
    const link = b.querySelector('a')!;
    expect(link.href).to.equal('https://example.com/2');
    expect(link.rel).to.equal('nofollow ugc noopener');
    expect(b.querySelector('code')?.textContent).to.equal('<b>x</b>');
    expect(b.querySelector('img, b')).to.equal(null);
    expect(b.textContent).to.include('<img src=x onerror=alert(1)>');
    // The add-on's stylesheet reaches the widget's shadow root, whose own resets lists.
    expect(getComputedStyle(b.querySelector('ul')!).listStyleType).to.equal('disc');
  });

  it('without format, plain text; a record saying markdown is formatted anyway', async () => {
    const el = await mount([record('p', null, { body: '*plain*' }), record('m', null, { body: '*marked*', format: 'markdown' })], null);
    expect(body(el, 'p').querySelector('em')).to.equal(null);
    expect(body(el, 'p').textContent).to.equal('*plain*');
    expect(body(el, 'm').querySelector('em')?.textContent).to.equal('marked');
  });

  it('a format no add-on registered, even an Object.prototype name, is plain text', async () => {
    const warn = console.warn;
    const warnings: unknown[] = [];
    console.warn = (...args: unknown[]) => void warnings.push(args);
    try {
      const el = await mount([record('c', null, { body: '*a*', format: 'constructor' as 'markdown' })], '__proto__');
      expect(body(el, 'c').textContent).to.equal('*a*');
      expect(warnings.length).to.equal(1);
    } finally {
      console.warn = warn;
    }
  });

  it('a long body is cut to a preview and "Show more" shows the rest, formatted', async () => {
    const long = `**start** ${'word '.repeat(1000)}\n\n- last item`;
    const el = await mount([record('l', null, { body: long })]);
    expect(body(el, 'l').querySelector('strong')?.textContent).to.equal('start');
    expect(body(el, 'l').querySelector('li')).to.equal(null);
    body(el, 'l').querySelector<HTMLButtonElement>('[data-action="more"]')!.click();
    await el.updateComplete;
    await until(() => body(el, 'l').querySelector('li') !== null, 'the expanded body');
    expect(body(el, 'l').querySelector('li')?.textContent).to.equal('last item');
  });
});

describe('markdown add-on: the Write / Preview switch', () => {
  const parts = (el: ParleyComments) => {
    const root = topForm(el).shadowRoot!;
    const [write, preview] = [...root.querySelectorAll<HTMLButtonElement>('.md-switch button')];
    return { root, write, preview, textarea: root.querySelector('textarea')!, output: root.querySelector<HTMLElement>('.md-preview')! };
  };

  it('is not there without format="markdown"', async () => {
    const el = await mount([], null);
    await topForm(el).updateComplete;
    expect(topForm(el).shadowRoot!.querySelector('.md-switch')).to.equal(null);
  });

  it('two toggle buttons, Write pressed; Preview shows the text drawn as comments are, in a live region', async () => {
    const el = await mount([]);
    await topForm(el).updateComplete;
    const { root, write, preview, textarea, output } = parts(el);
    expect(root.querySelector('.md-switch')!.getAttribute('role')).to.equal('group');
    expect(root.querySelector('.md-switch')!.getAttribute('aria-label')).to.equal('Markdown: write or preview');
    expect([write.textContent, preview.textContent]).to.deep.equal(['Write', 'Preview']);
    expect([write.getAttribute('aria-pressed'), preview.getAttribute('aria-pressed')]).to.deep.equal(['true', 'false']);
    expect(output.getAttribute('aria-live')).to.equal('polite');

    textarea.focus();
    await sendKeys({ type: '**bold** and [a link](https://example.com/)' });
    preview.focus();
    await sendKeys({ press: 'Enter' });
    expect([write.getAttribute('aria-pressed'), preview.getAttribute('aria-pressed')]).to.deep.equal(['false', 'true']);
    expect(textarea.hidden).to.equal(true);
    expect(output.querySelector('strong')?.textContent).to.equal('bold');
    expect(output.querySelector('a')?.getAttribute('href')).to.equal('https://example.com/');
    await expect(topForm(el)).to.be.accessible();

    // Back to writing with the keyboard: the text is as it was, and focus is in it.
    write.focus();
    await sendKeys({ press: ' ' }); // the space bar: BiDi's keyboard does not know the name "Space"
    expect(textarea.hidden).to.equal(false);
    expect(output.childNodes.length).to.equal(0);
    expect(root.activeElement).to.equal(textarea);
    expect(textarea.value).to.equal('**bold** and [a link](https://example.com/)');
  });

  it('an empty comment previews as a note; posting from the preview goes back to writing', async () => {
    const el = await mount([]);
    await topForm(el).updateComplete;
    const { root, preview, textarea, output } = parts(el);
    preview.click();
    expect(output.textContent).to.equal('Nothing to preview yet.');
    root.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    await topForm(el).updateComplete;
    // Refused as empty: the message is at the text area, which shows and has focus.
    expect(textarea.hidden).to.equal(false);
    expect(root.activeElement).to.equal(textarea);
  });

  it('speaks the widget\'s language', async () => {
    const el = await mount([]);
    el.locale = 'de';
    await until(() => parts(el).preview?.textContent === 'Vorschau', 'German words');
    expect(parts(el).write.textContent).to.equal('Schreiben');
  });
});

import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { MemoryAdapter } from '../../src/index.js';
import type { ParleyComments } from '../../src/parley-comments.js';
import { commentEl, record, topForm, until } from '../support/fixtures.js';

// format="markdown" before the add-on is loaded (this file imports it only in its last
// test): plain text and one console line saying why; then the add-on arrives, as a script
// tag after parley.min.js or a late import would bring it, and the widget redraws.

describe('format="markdown" without the add-on', () => {
  const warn = console.warn;
  let warnings: unknown[][] = [];
  beforeEach(() => {
    warnings = [];
    console.warn = (...args: unknown[]) => void warnings.push(args);
  });
  afterEach(() => {
    console.warn = warn;
  });

  it('shows plain text, says once in the console why, and has no Write / Preview switch; the add-on arriving redraws', async () => {
    const el = await fixture<ParleyComments>(html`<parley-comments thread="no-addon" loading="eager" format="markdown"></parley-comments>`);
    const loaded = oneEvent(el, 'parley-loaded');
    el.adapter = new MemoryAdapter([record('a', null, { body: '*one*' }), record('b', null, { body: '- two' })]);
    await loaded;
    await el.updateComplete;
    const body = (id: string) => commentEl(el, id).querySelector<HTMLElement>('[part="body"]')!;
    expect(body('a').textContent).to.equal('*one*');
    expect(body('b').textContent).to.equal('- two');
    expect(warnings.length, 'console lines').to.equal(1);
    expect(String(warnings[0][0])).to.match(/markdown add-on.*plain text/);
    await topForm(el).updateComplete;
    expect(topForm(el).shadowRoot!.querySelector('.md-switch')).to.equal(null);

    await import('../../src/markdown/index.js');
    await until(() => body('a').querySelector('em') !== null, 'the comments drawn again in markdown');
    expect(body('b').querySelector('li')?.textContent).to.equal('two');
    await until(() => topForm(el).shadowRoot!.querySelector('.md-switch') !== null, 'the switch');
    expect(warnings.length, 'console lines').to.equal(1);
  });
});

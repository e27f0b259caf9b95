import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { MemoryAdapter } from '../../src/index.js';
import { formats } from '../../src/comment/formats.js';
import type { ParleyComments } from '../../src/parley-comments.js';
import { commentEl, record } from '../support/fixtures.js';

// A body format an add-on registers writes bodies itself. One that throws on some body
// (a lexer's stack overflow, say) must not stop the thread: that comment is shown as
// plain text, the ones after it are drawn, and the error goes to the console.

describe('a body format that throws', () => {
  const error = console.error;
  let errors: unknown[][] = [];
  beforeEach(() => {
    errors = [];
    console.error = (...args: unknown[]) => void errors.push(args);
    formats['throws-on-boom'] = (target, text) => {
      if (text.includes('boom')) throw new RangeError('Maximum call stack size exceeded');
      const b = document.createElement('b');
      b.textContent = text;
      target.append(b);
    };
  });
  afterEach(() => {
    console.error = error;
    delete formats['throws-on-boom'];
  });

  it('leaves that comment as plain text and draws the rest of the thread', async () => {
    const el = await fixture<ParleyComments>(html`<parley-comments thread="format-failure" loading="eager" format="throws-on-boom"></parley-comments>`);
    const loaded = oneEvent(el, 'parley-loaded');
    el.adapter = new MemoryAdapter([
      record('a', null, { body: 'first' }),
      record('b', null, { body: 'a boom here' }),
      record('c', null, { body: 'third' }),
    ]);
    await loaded;
    await el.updateComplete;
    const body = (id: string) => commentEl(el, id).querySelector<HTMLElement>('[part="body"]')!;
    expect(body('a').querySelector('b')?.textContent, 'formatted before').to.equal('first');
    expect(body('b').querySelector('b'), 'no half-written format').to.equal(null);
    expect(body('b').textContent).to.equal('a boom here');
    expect(body('c').querySelector('b')?.textContent, 'formatted after').to.equal('third');
    expect(errors.length, 'console errors').to.equal(1);
    expect(String(errors[0][0])).to.match(/format failed/);
  });
});

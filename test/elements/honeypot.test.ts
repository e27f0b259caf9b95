import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { a11ySnapshot, sendKeys } from '@web/test-runner-commands';
import type { CommentAdapter, CommentPage, CommentRecord, NewComment } from '../../src/index.js';
import type { ParleyComments } from '../../src/parley-comments.js';
import { engine } from '../support/engine.js';
import { topForm } from '../support/fixtures.js';

/** A backend that keeps what the widget sent. */
class Recording implements CommentAdapter {
  readonly id = `recording-${Date.now()}-${Math.random()}`;
  sent: NewComment[] = [];
  async list(): Promise<CommentPage> {
    return { comments: [], next: null, total: 0 };
  }
  async create(_thread: string, input: NewComment): Promise<CommentRecord> {
    this.sent.push(input);
    return { id: `c${this.sent.length}`, parentId: input.parentId, author: { name: input.author.name }, body: input.body, createdAt: new Date().toISOString(), status: 'pending' };
  }
}

interface AXNode { role: string; name?: string; children?: AXNode[] }
const roles = (node: AXNode): string[] => [node.role, ...(node.children ?? []).flatMap(roles)];

describe('the honeypot field', () => {
  it('is out of sight, out of the tab order and out of the accessibility tree, and a post sends it empty with the time taken', async () => {
    const el = await fixture<ParleyComments>(html`<parley-comments thread="honeypot" loading="eager"></parley-comments>`);
    const loaded = oneEvent(el, 'parley-loaded');
    const backend = new Recording();
    el.adapter = backend;
    await loaded;
    const form = topForm(el);
    await form.updateComplete;
    const trap = form.shadowRoot!.querySelector<HTMLInputElement>('.trap input')!;
    expect(trap.name).to.equal('website');
    expect(trap.tabIndex).to.equal(-1);
    expect(trap.autocomplete).to.equal('off');
    expect(trap.closest('[aria-hidden="true"]')).to.exist;
    expect(trap.checkVisibility()).to.equal(false);
    expect(trap.getBoundingClientRect().width).to.equal(0);

    // Chromium's tree holds the comment box and the name field, not the trap. The other
    // engines' drivers have no accessibility-tree command; aria-hidden is checked above.
    if (engine === 'chromium') {
      const tree = (await a11ySnapshot({ selector: 'parley-comments' })) as unknown as AXNode;
      expect(roles(tree).filter((role) => role === 'textbox')).to.have.length(2);
    }

    form.shadowRoot!.querySelector('textarea')!.focus();
    await sendKeys({ type: 'A person wrote this' });
    // Tab moves from the comment box to the name field and on to the button, never the
    // trap. Not one Tab further: past the last control focus would leave the page, and in
    // Firefox the next test files would start without it.
    await sendKeys({ press: 'Tab' });
    expect(form.shadowRoot!.activeElement).to.equal(form.shadowRoot!.querySelector('#name'));
    await sendKeys({ press: 'Tab' });
    expect(form.shadowRoot!.activeElement).to.equal(form.shadowRoot!.querySelector('[part~="submit"]'));
    const posted = oneEvent(el, 'parley-posted');
    form.shadowRoot!.querySelector<HTMLButtonElement>('[part~="submit"]')!.click();
    await posted;
    expect(backend.sent).to.have.length(1);
    expect(backend.sent[0].trap).to.equal('');
    expect(backend.sent[0].elapsedMs).to.be.a('number').and.to.be.above(0);
  });
});

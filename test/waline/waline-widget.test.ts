// <parley-comments> on a real Waline server: what a visitor writes, markup included, is
// shown as text — both what Waline already stores and what is posted through the form.
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/index.js';
import { WalineAdapter } from '../../src/adapters/waline-adapter.js';
import type { ParleyComments } from '../../src/parley-comments.js';
import { assertNothingLeftLoopback, comment, uniqueThread } from './waline-support.js';

declare global {
  interface Window {
    __walinePwned?: number;
  }
}

const ATTACK = '<script>window.__walinePwned = 1</script><img src=x onerror="window.__walinePwned = 2"> **not bold**';

/** Mounts the widget on a fresh WalineAdapter and waits for its first page. */
async function mount(thread: string): Promise<ParleyComments> {
  const el = await fixture<ParleyComments>(html`<parley-comments .thread=${thread}></parley-comments>`);
  const loaded = oneEvent(el, 'parley-loaded');
  el.adapter = new WalineAdapter('/waline');
  await loaded;
  await el.updateComplete;
  return el;
}

/** Every element under `root`, through open shadow roots. */
function deepElements(root: ParentNode): Element[] {
  const found: Element[] = [];
  for (const el of root.querySelectorAll('*')) {
    found.push(el);
    if (el.shadowRoot) found.push(...deepElements(el.shadowRoot));
  }
  return found;
}

/**
 * Lets an injected `<img src=x onerror=…>` have its say: an image of the same address,
 * loaded here, has failed and reported it, and a frame has passed, before the flag is read.
 */
async function afterImageErrors(): Promise<void> {
  await new Promise((resolve) => {
    const control = new Image();
    control.onerror = control.onload = resolve;
    control.src = 'x';
  });
  await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve)));
}

function bodyOf(el: ParleyComments, id: string): Element {
  const item = el.shadowRoot!.querySelector(`[data-comment-id="${CSS.escape(id)}"]`);
  expect(item, `comment ${id} is shown`).to.exist;
  return item!.querySelector('[part~="body"]')!;
}

describe('<parley-comments> on a real Waline server', () => {
  beforeEach(() => {
    delete window.__walinePwned;
  });

  it('shows a stored comment with markup in it as text', async () => {
    const thread = uniqueThread('widget-stored');
    const input = comment(null, ATTACK);
    const stored = await new WalineAdapter('/waline').create(thread, input);
    const el = await mount(thread);
    const body = bodyOf(el, stored.id);
    expect(body.textContent).to.contain(input.body);
    expect(body.querySelector('script, img, strong')).to.equal(null);
    expect(deepElements(el).filter((e) => e.localName === 'script')).to.have.length(0);
    await afterImageErrors();
    expect(window.__walinePwned).to.equal(undefined);
  });

  it('posts markup through the form and shows it as text after a reload', async () => {
    const thread = uniqueThread('widget-posted');
    const el = await mount(thread);
    const form = el.shadowRoot!.querySelector('parley-reply-form')!;
    const [textarea, name] = [form.shadowRoot!.querySelector('textarea')!, form.shadowRoot!.querySelector('input')!];
    const text = comment(null, ATTACK).body;
    textarea.focus();
    await sendKeys({ type: text });
    name.focus();
    await sendKeys({ type: 'Mallory' });
    const posted = oneEvent(el, 'parley-posted');
    form.shadowRoot!.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    const { detail } = await posted;
    expect(detail.comment.body).to.equal(text);

    el.remove();
    const reloaded = await mount(thread);
    const body = bodyOf(reloaded, detail.comment.id);
    expect(body.textContent).to.contain(text);
    expect(body.querySelector('script, img, strong')).to.equal(null);
    expect(deepElements(reloaded).filter((e) => e.localName === 'script')).to.have.length(0);
    await afterImageErrors();
    expect(window.__walinePwned).to.equal(undefined);
  });

  after(assertNothingLeftLoopback);
});

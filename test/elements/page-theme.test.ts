import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { MemoryAdapter } from '../../src/index.js';
import type { ParleyComments } from '../../src/parley-comments.js';
import { itOnlyIn } from '../support/engine.js';
import { record, topForm } from '../support/fixtures.js';

/** Emulates the reader's system colour scheme in any engine (test/support/media-plugin.mjs). */
const systemScheme = (colorScheme: 'light' | 'dark') => executeServerCommand('parley-media', { colorScheme });

/** The relative luminance of a computed `rgb(…)` colour: 0 for black, 1 for white. */
function luminance(color: string): number {
  const [r, g, b] = color.match(/[\d.]+/g)!.slice(0, 3).map((v) => {
    const c = Number(v) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

async function mountOn(page: { scheme?: string; background: string }, theme?: string): Promise<ParleyComments> {
  const wrapper = await fixture<HTMLDivElement>(html`<div style="padding: 8px"><parley-comments thread="page-theme"></parley-comments></div>`);
  wrapper.style.background = page.background;
  if (page.scheme) wrapper.style.colorScheme = page.scheme;
  const el = wrapper.querySelector('parley-comments')!;
  if (theme) el.setAttribute('theme', theme);
  el.adapter = new MemoryAdapter([record('c1', null, { body: 'Readable?' })]);
  await oneEvent(el, 'parley-loaded');
  await el.updateComplete;
  return el;
}

const textOf = (el: ParleyComments) => getComputedStyle(el.shadowRoot!.querySelector('[part~="body"]')!).color;

// The README's snippet on a white blog viewed with a dark system once drew a black slab
// with text flush to its edges.
describe('the widget on the page it lands on', () => {
  afterEach(() => systemScheme('light'));
  // WebKit is driven over W3C WebDriver, which cannot make the system scheme dark.
  const itWithDarkSystem = itOnlyIn(['chromium', 'firefox'], 'needs a dark system scheme, which WebDriver cannot emulate');

  itWithDarkSystem('sits on a light page in light colours with a dark system, without a slab of its own', async () => {
    await systemScheme('dark');
    const el = await mountOn({ background: 'rgb(255, 255, 255)' });
    expect(el.hasAttribute('theme')).to.be.false;
    expect(getComputedStyle(el).backgroundColor).to.equal('rgba(0, 0, 0, 0)');
    expect(luminance(textOf(el))).to.be.lessThan(0.1);
    const field = topForm(el).shadowRoot!.querySelector('textarea')!;
    expect(luminance(getComputedStyle(field).backgroundColor)).to.be.greaterThan(0.9);
  });

  it('follows a page that declares itself dark, with a light system', async () => {
    await systemScheme('light');
    const el = await mountOn({ scheme: 'dark', background: 'rgb(17, 17, 17)' });
    expect(getComputedStyle(el).backgroundColor).to.equal('rgba(0, 0, 0, 0)');
    expect(luminance(textOf(el))).to.be.greaterThan(0.6);
    const field = topForm(el).shadowRoot!.querySelector('textarea')!;
    expect(luminance(getComputedStyle(field).backgroundColor)).to.be.lessThan(0.1);
  });

  itWithDarkSystem('follows the system with theme="auto", painting its own background with room around the text', async () => {
    await systemScheme('dark');
    const el = await mountOn({ background: 'rgb(255, 255, 255)' }, 'auto');
    expect(luminance(getComputedStyle(el).backgroundColor)).to.be.lessThan(0.1);
    expect(luminance(textOf(el))).to.be.greaterThan(0.6);
    expect(parseFloat(getComputedStyle(el).paddingLeft)).to.be.at.least(12);
  });

  itWithDarkSystem('keeps theme="light" and "dark" whatever the page and the system say', async () => {
    await systemScheme('dark');
    const light = await mountOn({ scheme: 'dark', background: 'rgb(0, 0, 0)' }, 'light');
    expect(luminance(getComputedStyle(light).backgroundColor)).to.be.greaterThan(0.9);
    expect(luminance(textOf(light))).to.be.lessThan(0.1);
    await systemScheme('light');
    const dark = await mountOn({ background: 'rgb(255, 255, 255)' }, 'dark');
    expect(luminance(getComputedStyle(dark).backgroundColor)).to.be.lessThan(0.1);
  });
});

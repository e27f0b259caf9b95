import { expect, oneEvent } from '@open-wc/testing';
import { executeServerCommand, sendKeys, setViewport } from '@web/test-runner-commands';
import { MemoryAdapter, type CommentAdapter, type CommentRecord } from '../../src/index.js';
import type { ParleyComments } from '../../src/parley-comments.js';
import { itOnlyIn, onlyIn } from '../support/engine.js';
import { ControlledAdapter, commentEl, record, until } from '../support/fixtures.js';
import {
  backgroundOf,
  chain,
  contrast,
  deepActive,
  deepQueryAll,
  describeElement as name,
  mount,
  openReply,
  over,
  parseColor,
  seedRecords,
  shadow,
} from './support.js';

const frames = (n = 2) =>
  new Promise<void>((resolve) => {
    const step = (left: number) => (left ? requestAnimationFrame(() => step(left - 1)) : resolve());
    step(n);
  });

/** Text built to break layouts: an unbroken word, a long URL, a long name, a deep thread, a long body. */
async function stressThread(): Promise<CommentRecord[]> {
  return [
    ...(await seedRecords()),
    record('long-word', null, {
      author: { name: 'Maximiliane Hohenzollern-Sigmaringen-Wittelsbach' },
      body: `Donaudampfschifffahrtselektrizitätenhauptbetriebswerkbauunterbeamtengesellschaft ${'https://example.com/'.padEnd(160, 'a/')}`,
    }),
    ...chain(7),
    record('very-long', null, { body: 'A long story. '.repeat(260) }),
    record('page-two'),
  ];
}

const controlSelector = 'a[href], button:not([disabled]), textarea, input:not([tabindex="-1"])';

/**
 * Tabs through the whole widget, calling `check` at each stop; returns how many of its
 * controls Tab reached (each once, if the order is right).
 */
async function tabThrough(el: ParleyComments, check: (active: Element) => void): Promise<number> {
  const expected = deepQueryAll(shadow(el), controlSelector);
  (expected[0] as HTMLElement).focus();
  // A programmatic focus is only "keyboard" focus once a key was pressed.
  await sendKeys({ press: 'Shift' });
  const reached = new Set<Element>();
  for (let i = 0; i < expected.length; i++) {
    if (i) await sendKeys({ press: 'Tab' });
    const active = deepActive()!;
    if (expected.includes(active as HTMLElement)) reached.add(active);
    check(active);
  }
  expect(reached.size, 'controls reached by Tab').to.equal(expected.length);
  return reached.size;
}

function outlineProblems(active: Element, problems: string[], minWidth = 2): void {
  const style = getComputedStyle(active);
  if (style.outlineStyle === 'none' || parseFloat(style.outlineWidth) < minWidth) {
    problems.push(`${name(active)}: outline ${style.outlineStyle} ${style.outlineWidth}`);
  }
}

/** Everything laid out inside the widget stays within its left and right edges. */
function overflowProblems(el: ParleyComments): string[] {
  const problems: string[] = [];
  const page = document.documentElement;
  if (page.scrollWidth > page.clientWidth) problems.push(`page scrolls sideways: ${page.scrollWidth} > ${page.clientWidth}`);
  if (el.scrollWidth > el.clientWidth) problems.push(`widget scrolls sideways: ${el.scrollWidth} > ${el.clientWidth}`);
  const host = el.getBoundingClientRect();
  for (const e of deepQueryAll(shadow(el), '*')) {
    const box = e.getBoundingClientRect();
    if (box.width === 0 && box.height === 0) continue;
    if (box.left < host.left - 1 || box.right > host.right + 1) {
      problems.push(`${name(e)} spans ${Math.round(box.left)}–${Math.round(box.right)}, widget ${Math.round(host.left)}–${Math.round(host.right)}`);
    }
    const style = getComputedStyle(e);
    // Fields scroll their own text, inline boxes report no scroll width, and the live
    // region is clipped to one pixel on purpose.
    const scrolls =
      e.tagName === 'INPUT' || e.tagName === 'TEXTAREA' || style.display.startsWith('inline') || e.classList.contains('visually-hidden');
    if (!scrolls && e.clientWidth > 0 && e.scrollWidth > e.clientWidth + 1) {
      problems.push(`${name(e)} overflows its own box: ${e.scrollWidth} > ${e.clientWidth}`);
    }
  }
  return problems;
}

/** Emulates the reader's media preferences in any engine (test/support/media-plugin.mjs); `{}` resets. */
const emulateMedia = (media: { forcedColors?: 'active' | 'none'; reducedMotion?: 'reduce' | 'no-preference'; colorScheme?: 'light' | 'dark' }) =>
  executeServerCommand('parley-media', media);

describe('a11y: visuals', () => {
  afterEach(async () => {
    document.documentElement.style.removeProperty('font-size');
    await setViewport({ width: 800, height: 600 });
    await emulateMedia({ reducedMotion: 'no-preference', colorScheme: 'light' });
  });

  describe('focus indicator', () => {
    for (const theme of ['light', 'dark'] as const) {
      it(`draws a 2px outline on every control met with Tab (${theme})`, async () => {
        const el = await mount(new MemoryAdapter(await stressThread(), { pageSize: 14 }), { theme });
        await openReply(el, 'c2-1');
        const problems: string[] = [];
        const visited = await tabThrough(el, (active) => outlineProblems(active, problems));
        expect(visited).to.be.greaterThan(20);
        // A comment focused with j (or after posting) shows where the reader is too.
        commentEl(el, 'c1').querySelector<HTMLElement>(':scope > article')!.focus();
        await sendKeys({ press: 'j' });
        expect(deepActive()!.tagName).to.equal('ARTICLE');
        outlineProblems(deepActive()!, problems);
        expect(problems, problems.join('\n')).to.deep.equal([]);
      });
    }

    it('rings the Retry button of a failed load', async () => {
      const el = await mount(new MemoryAdapter([record('a')]));
      const adapter = new ControlledAdapter();
      el.adapter = adapter;
      await until(() => adapter.lists.length === 1, 'list call');
      adapter.lists[0].reject(new Error('down'));
      await oneEvent(el, 'parley-error');
      await el.updateComplete;
      const retry = shadow(el).querySelector<HTMLButtonElement>('[role="alert"] button')!;
      retry.focus();
      await sendKeys({ press: 'Shift' });
      const problems: string[] = [];
      outlineProblems(retry, problems);
      expect(problems).to.deep.equal([]);
    });
  });

  // WebKit is driven over W3C WebDriver, which has no way to emulate media preferences.
  const withMediaEmulation = onlyIn(['chromium', 'firefox'], 'needs media emulation, which WebDriver lacks');

  withMediaEmulation('forced colours (Windows High Contrast)', () => {
    afterEach(() => emulateMedia({}));

    it('keeps borders on fields and buttons, a visible focus ring, and avatars outlined', async () => {
      await emulateMedia({ forcedColors: 'active' });
      expect(matchMedia('(forced-colors: active)').matches, 'forced colours emulated').to.be.true;
      const el = await mount(new MemoryAdapter(await stressThread(), { pageSize: 14 }));
      await openReply(el, 'c2-1');
      const problems: string[] = [];
      for (const e of deepQueryAll(shadow(el), 'button, textarea, input, span.avatar, .pending')) {
        const s = getComputedStyle(e);
        const bg = backgroundOf(e.parentElement ?? (e.getRootNode() as ShadowRoot).host);
        const visible = s.borderTopStyle !== 'none' && parseFloat(s.borderTopWidth) >= 1;
        if (!visible) problems.push(`${name(e)}: no border`);
        else if (contrast(over(parseColor(s.borderTopColor), bg), bg) < 3) problems.push(`${name(e)}: border ${s.borderTopColor} vanishes on ${bg}`);
      }
      const replies = shadow(el).querySelector('.replies')!;
      if (getComputedStyle(replies).borderInlineStartStyle === 'none') problems.push('nested replies lost their rule');
      await tabThrough(el, (active) => {
        outlineProblems(active, problems);
        const bg = backgroundOf(active.parentElement ?? (active.getRootNode() as ShadowRoot).host);
        const ring = parseColor(getComputedStyle(active).outlineColor);
        if (contrast(over(ring, bg), bg) < 3) problems.push(`${name(active)}: focus ring ${ring} vanishes on ${bg}`);
      });
      expect(problems, problems.join('\n')).to.deep.equal([]);
    });
  });

  withMediaEmulation('reduced motion', () => {
    it('moves nothing when the reader asks for reduced motion', async () => {
      await emulateMedia({ reducedMotion: 'reduce' });
      const el = await mount(new MemoryAdapter(await seedRecords()));
      await openReply(el, 'c1');
      const moving: string[] = [];
      const zero = (list: string) => list.split(',').every((d) => parseFloat(d) === 0);
      for (const e of [el, ...deepQueryAll(shadow(el), '*')]) {
        const s = getComputedStyle(e);
        if (s.animationName !== 'none' && !zero(s.animationDuration)) moving.push(`${name(e)}: animation ${s.animationName}`);
        if (!zero(s.transitionDuration)) moving.push(`${name(e)}: transition ${s.transitionProperty} ${s.transitionDuration}`);
        if (s.scrollBehavior === 'smooth') moving.push(`${name(e)}: smooth scrolling`);
      }
      expect(moving, moving.join('\n')).to.deep.equal([]);
    });
  });

  // MiniBrowser, which WebKit's WebDriver drives, will not make its window narrower than
  // its toolbar (447 px here), so WebKit cannot be given a 320 px viewport.
  const itNarrow = itOnlyIn(['chromium', 'firefox'], 'MiniBrowser has no viewport under 447 px');

  describe('reflow', () => {
    const cases = [
      { what: '320 CSS px wide', width: 320, height: 640 },
      // A 1280×1024 window at 400% zoom is a 320×256 CSS px viewport.
      { what: '400% zoom', width: 320, height: 256 },
      // A 1280 px window at 200% zoom with the reader's font at 200% as well.
      { what: '200% text on a 640 px wide page', width: 640, height: 480, fontSize: '200%' },
    ];
    for (const c of cases) {
      (c.width < 447 ? itNarrow : it)(`scrolls nothing sideways at ${c.what}`, async () => {
        await setViewport({ width: c.width, height: c.height });
        if (c.fontSize) document.documentElement.style.fontSize = c.fontSize;
        const el = await mount(new MemoryAdapter(await stressThread()));
        await openReply(el, 'd5');
        const problems = overflowProblems(el);
        expect(problems, problems.join('\n')).to.deep.equal([]);
      });
    }

    itNarrow('narrows the indent of deep threads instead of squeezing their text at 320 px', async () => {
      await setViewport({ width: 320, height: 640 });
      const el = await mount(new MemoryAdapter(chain(7)));
      const level5 = commentEl(el, 'd5').querySelector<HTMLElement>(':scope > article > [part~="body"]')!;
      const ratio = level5.getBoundingClientRect().width / el.getBoundingClientRect().width;
      expect(ratio, `level-5 text uses ${Math.round(ratio * 100)}% of the widget`).to.be.at.least(0.6);
    });
  });

  it('sizes text from the reader’s font size (rem/em, no px)', async () => {
    const el = await mount(new MemoryAdapter(await seedRecords()));
    const form = await openReply(el, 'c1');
    const samples = (): [string, Element][] => [
      ['comment text', commentEl(el, 'c1').querySelector('.body p')!],
      ['heading', shadow(el).querySelector('[part~="heading"]')!],
      ['time', commentEl(el, 'c1').querySelector('time')!],
      ['author', commentEl(el, 'c1').querySelector('[part~="author"]')!],
      ['Reply button', commentEl(el, 'c1').querySelector('[part~="reply-button"]')!],
      ['field label', form.shadowRoot!.querySelector('label')!],
      ['text area', form.shadowRoot!.querySelector('textarea')!],
      ['post button', form.shadowRoot!.querySelector('[part~="submit"]')!],
      ['avatar', commentEl(el, 'c1').querySelector('.avatar')!],
    ];
    const size = (e: Element) => parseFloat(getComputedStyle(e).fontSize);
    const before = samples().map(([what, e]) => [what, size(e), e.getBoundingClientRect().width] as const);
    document.documentElement.style.fontSize = '200%';
    const after = samples().map(([, e]) => [size(e), e.getBoundingClientRect().width] as const);
    const wrong = before
      .map(([what, px], i) => ({ what, ratio: after[i][0] / px }))
      .filter(({ ratio }) => Math.abs(ratio - 2) > 0.01)
      .map(({ what, ratio }) => `${what} grew ×${ratio.toFixed(2)}`);
    expect(wrong, wrong.join('\n')).to.deep.equal([]);
    // The avatar is sized in em too: it grows with the text rather than staying 40 px.
    expect(after[8][1] / before[8][2]).to.be.closeTo(2, 0.05);
  });

  describe('target size', () => {
    async function undersized(adapter: CommentAdapter): Promise<string[]> {
      const el = await mount(adapter);
      await openReply(el, 'c2-1');
      const small: string[] = [];
      for (const b of deepQueryAll(shadow(el), 'button')) {
        b.scrollIntoView({ block: 'center' });
        await frames(1);
        const box = b.getBoundingClientRect();
        if (box.width < 24 || box.height < 24) small.push(`${name(b)}: ${box.width.toFixed(1)}×${box.height.toFixed(1)}`);
      }
      return small;
    }

    it('makes every button at least 24×24 CSS px', async () => {
      const small = await undersized(new MemoryAdapter(await stressThread(), { pageSize: 14 }));
      expect(small, small.join('\n')).to.deep.equal([]);
    });

    itNarrow('keeps them at least 24×24 at 320 px wide', async () => {
      await setViewport({ width: 320, height: 640 });
      const small = await undersized(new MemoryAdapter(await stressThread(), { pageSize: 14 }));
      expect(small, small.join('\n')).to.deep.equal([]);
    });
  });
});

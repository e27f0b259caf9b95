import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { AVATAR_HUES } from '../../src/comment/comment.js';
import { MemoryAdapter, type CommentRecord } from '../../src/index.js';
import type { ParleyComments } from '../../src/parley-comments.js';
import { hueIndex } from '../../src/util/text.js';
import { ControlledAdapter, commentEl, record, until } from '../support/fixtures.js';
import {
  backgroundOf,
  chain,
  contrast,
  deepActive,
  deepQueryAll,
  describeElement as name,
  freshThread,
  mount,
  over,
  parseColor,
  seedRecords,
  shadow,
  textContrast,
  topForm,
} from './support.js';

type Theme = 'light' | 'dark';

/** One name per avatar colour, so every `.hue-N` is drawn. */
function namesForEveryHue(): string[] {
  const names = new Map<number, string>();
  for (let i = 0; names.size < AVATAR_HUES; i++) {
    const candidate = `Visitor ${i}`;
    const hue = hueIndex(candidate, AVATAR_HUES);
    if (!names.has(hue)) names.set(hue, candidate);
  }
  return [...names.values()];
}

/** The seed thread plus a held comment, a reply below max-depth and one of each avatar colour. */
async function richThread(): Promise<CommentRecord[]> {
  return [
    ...(await seedRecords()),
    record('held', null, { status: 'pending', author: { name: 'Pat' } }),
    ...chain(7, 'deep'),
    ...namesForEveryHue().map((n, i) => record(`hue${i}`, null, { author: { name: n }, body: 'See https://example.com/page.' })),
    record('next-page'),
  ];
}

/** Collects every pair below its threshold, so one run lists them all. */
class Audit {
  readonly failures: string[] = [];
  text(el: Element | null | undefined, what: string, min = 4.5): void {
    if (!el) return void this.failures.push(`${what}: not rendered`);
    const ratio = textContrast(el);
    if (ratio < min) this.failures.push(`${what} ${name(el)}: ${ratio.toFixed(2)}:1 < ${min}:1 (${getComputedStyle(el).color} on ${backgroundOf(el)})`);
  }
  pair(fg: string, bgEl: Element, what: string, min: number): void {
    const bg = backgroundOf(bgEl);
    const ratio = contrast(over(parseColor(fg), bg), bg);
    if (ratio < min) this.failures.push(`${what}: ${ratio.toFixed(2)}:1 < ${min}:1 (${fg} on ${bg})`);
  }
  border(el: Element | null | undefined, what: string): void {
    if (!el) return void this.failures.push(`${what}: not rendered`);
    const style = getComputedStyle(el);
    if (style.borderTopStyle === 'none' || parseFloat(style.borderTopWidth) === 0) return void this.failures.push(`${what}: no border`);
    this.pair(style.borderTopColor, el.parentElement ?? (el.getRootNode() as ShadowRoot).host, `${what} border`, 3);
  }
  /** The focused element's ring: it must be drawn (outline-color alone is the text colour when there is none). */
  focusRing(el: Element, what: string): void {
    const style = getComputedStyle(el);
    if (style.outlineStyle === 'none' || parseFloat(style.outlineWidth) === 0) return void this.failures.push(`${what}: no ring`);
    this.pair(style.outlineColor, el.parentElement ?? (el.getRootNode() as ShadowRoot).host, what, 3);
  }
}

async function auditTheme(theme: Theme): Promise<string[]> {
  const audit = new Audit();
  const el = await mount(new MemoryAdapter(await richThread(), { pageSize: 21 }), { theme, maxDepth: 5 });
  const root = shadow(el);
  const form = topForm(el);
  await form.updateComplete;
  const formRoot = form.shadowRoot!;

  audit.text(root.querySelector('[part~="heading"]'), 'heading');
  audit.text(commentEl(el, 'c1').querySelector('.body p'), 'comment text');
  audit.text(commentEl(el, 'c1').querySelector('span[part~="author"]'), 'author name');
  audit.text(commentEl(el, 'c2').querySelector('a[part~="author"]'), 'author link');
  audit.text(commentEl(el, 'hue0').querySelector('.body a'), 'link in a comment');
  audit.text(commentEl(el, 'c1').querySelector('time'), 'muted time');
  audit.text(commentEl(el, 'held').querySelector('.pending'), 'moderation note');
  audit.text(commentEl(el, 'deep7').querySelector('.in-reply-to'), '"in reply to"');
  audit.text(formRoot.querySelector('label'), 'field label');
  audit.text(formRoot.querySelector('[part~="submit"]'), 'accent button text');
  audit.text(commentEl(el, 'c1').querySelector('[part~="reply-button"]'), 'Reply button text');
  for (let i = 0; i < AVATAR_HUES; i++) {
    const avatar = root.querySelector(`span.avatar.hue-${i}`);
    audit.text(avatar, `avatar initials on .hue-${i}`);
  }

  // Non-text contrast: what shows where a control is.
  audit.border(formRoot.querySelector('textarea'), 'text area');
  audit.border(formRoot.querySelector('input'), 'name field');
  audit.border(commentEl(el, 'c1').querySelector('[part~="reply-button"]'), 'Reply button');
  audit.border([...root.querySelectorAll('button')].find((b) => b.textContent!.includes('Load more')), 'Load more button');
  const submit = formRoot.querySelector('[part~="submit"]')!;
  audit.pair(getComputedStyle(submit).backgroundColor, form, 'accent button against the page', 3);

  // A hovered quiet button keeps its text readable on the hover tint.
  const reply = commentEl(el, 'c1').querySelector<HTMLElement>('[part~="reply-button"]')!;
  reply.scrollIntoView({ block: 'center' });
  await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
  const moved = reply.getBoundingClientRect();
  const { sendMouse, resetMouse } = await import('@web/test-runner-commands');
  await sendMouse({ type: 'move', position: [Math.round(moved.x + moved.width / 2), Math.round(moved.y + moved.height / 2)] });
  expect(moved.width).to.be.greaterThan(0);
  audit.text(reply, 'hovered Reply button text');
  await resetMouse();

  // Focus rings, met the way a keyboard user meets them.
  formRoot.querySelector('textarea')!.focus();
  for (const target of ['textarea', 'name field', 'submit'] as const) {
    const active = deepActive()!;
    audit.focusRing(active, `focus ring on the ${target}`);
    await sendKeys({ press: 'Tab' });
  }
  const firstReply = commentEl(el, 'c1').querySelector<HTMLElement>('[part~="reply-button"]')!;
  firstReply.focus();
  await sendKeys({ press: 'j' });
  const article = deepActive()!;
  expect(article.tagName).to.equal('ARTICLE');
  audit.focusRing(article, 'focus ring on a comment');
  const controls = deepQueryAll(root, 'a[href], button');
  let audited = 0;
  for (const control of controls) {
    control.focus();
    if (deepActive() !== control) continue;
    await sendKeys({ press: 'Shift' });
    audit.focusRing(control, `focus ring on ${name(control)}`);
    audited++;
  }
  // Only disabled controls may be skipped; there is none in this thread.
  expect(audited, 'controls whose focus ring was audited').to.equal(controls.length);

  // Error text: a refused empty comment, and a failed load.
  formRoot.querySelector<HTMLButtonElement>('[part~="submit"]')!.click();
  await form.updateComplete;
  audit.text(formRoot.querySelector('.field-error'), 'field error');
  audit.border(formRoot.querySelector('textarea[aria-invalid="true"]'), 'invalid text area');

  // Below the long thread, far from the viewport: loaded at once all the same.
  const failing = await fixture<ParleyComments>(html`<parley-comments thread=${freshThread('fail')} theme=${theme} loading="eager"></parley-comments>`);
  const adapter = new ControlledAdapter();
  failing.adapter = adapter;
  await until(() => adapter.lists.length === 1, 'list call');
  adapter.lists[0].reject(new Error('Backend unreachable.'));
  await oneEvent(failing, 'parley-error');
  await failing.updateComplete;
  audit.text(shadow(failing).querySelector('[role="alert"] p'), 'load error');
  audit.border(shadow(failing).querySelector('[role="alert"]'), 'error box');
  return audit.failures;
}

describe('a11y: colour contrast of the default palettes (WCAG 2.2 AA)', () => {
  for (const theme of ['light', 'dark'] as const) {
    it(`meets 4.5:1 for text and 3:1 for controls and focus rings in the ${theme} theme`, async () => {
      const failures = await auditTheme(theme);
      expect(failures, failures.join('\n')).to.deep.equal([]);
    });
  }
});

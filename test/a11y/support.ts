import { fixture, html, oneEvent } from '@open-wc/testing';
import type { CommentAdapter, CommentRecord } from '../../src/index.js';
import type { ParleyComments } from '../../src/parley-comments.js';
import type { ParleyReplyForm } from '../../src/reply-form/parley-reply-form.js';
import { commentEl, formOf, topForm, until } from '../support/fixtures.js';

let counter = 0;
/** A thread key no other test used, so no draft from an earlier test shows up. */
export const freshThread = (name: string) => `a11y-${name}-${Date.now()}-${counter++}`;

let seedCache: CommentRecord[] | undefined;
/** The demo's seed thread (12 comments, Cliff answering Jason), as the demo serves it. */
export async function seedRecords(): Promise<CommentRecord[]> {
  seedCache ??= (await (await fetch('/demo/seed-comments.json')).json()) as CommentRecord[];
  return structuredClone(seedCache);
}

export interface MountOptions {
  theme?: 'light' | 'dark';
  headingLevel?: number;
  maxDepth?: number;
  dir?: 'ltr' | 'rtl';
  lang?: string;
}

/** Mounts a widget on an adapter and waits for its first page. */
export async function mount(adapter: CommentAdapter, options: MountOptions = {}): Promise<ParleyComments> {
  const el = await fixture<ParleyComments>(html`<parley-comments thread=${freshThread('t')}></parley-comments>`);
  if (options.theme) el.setAttribute('theme', options.theme);
  if (options.headingLevel) el.setAttribute('heading-level', String(options.headingLevel));
  if (options.maxDepth) el.setAttribute('max-depth', String(options.maxDepth));
  if (options.dir) el.setAttribute('dir', options.dir);
  if (options.lang) el.setAttribute('lang', options.lang);
  const loaded = oneEvent(el, 'parley-loaded');
  el.adapter = adapter;
  await loaded;
  await el.updateComplete;
  return el;
}

export const shadow = (el: Element) => el.shadowRoot!;
export const liveRegion = (el: ParleyComments) => shadow(el).querySelector<HTMLElement>('[aria-live="polite"]:not(parley-reply-form *)')!;
export { topForm, formOf };
export const articleOf = (el: ParleyComments, id: string) => commentEl(el, id).querySelector<HTMLElement>(':scope > article')!;
export const replyButton = (el: ParleyComments, id: string) =>
  commentEl(el, id).querySelector<HTMLButtonElement>(':scope > article > [part~="reply-button"]')!;

/** The element that has focus, looking through every open shadow root. */
export function deepActive(): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

/** Every element matching `selector` in `root` and in the shadow roots below it, in document order. */
export function deepQueryAll<T extends Element = HTMLElement>(root: ParentNode, selector: string): T[] {
  const found: T[] = [];
  const walk = (node: ParentNode) => {
    for (const child of node.querySelectorAll('*')) {
      if (child.matches(selector)) found.push(child as T);
      if (child.shadowRoot) walk(child.shadowRoot);
    }
  };
  walk(root);
  return found;
}

/** Opens the reply form under a comment and waits until it has focus. */
export async function openReply(el: ParleyComments, id: string): Promise<ParleyReplyForm> {
  const comment = commentEl(el, id);
  replyButton(el, id).click();
  await until(() => !!formOf(comment), 'reply form');
  const form = formOf(comment)!;
  await form.updateComplete;
  await until(() => deepActive()?.tagName === 'TEXTAREA', 'focus in the reply form');
  return form;
}

/** Records answering in a straight line, each a reply to the one before. */
export function chain(depth: number, prefix = 'd'): CommentRecord[] {
  return Array.from({ length: depth }, (_, i) => ({
    id: `${prefix}${i + 1}`,
    parentId: i ? `${prefix}${i}` : null,
    author: { name: `Level ${i + 1}` },
    body: `A reply at level ${i + 1}, long enough to wrap over a couple of lines on a narrow phone screen.`,
    createdAt: '2024-03-01T12:00:00.000Z',
  }));
}

/* ---------- colours ---------- */

export type RGBA = [number, number, number, number];

/** A computed colour (`rgb()`, `rgba()` or `color(srgb …)`) as 0–255 channels and alpha. */
export function parseColor(value: string): RGBA {
  const rgb = value.match(/^rgba?\(([^)]+)\)$/);
  if (rgb) {
    const [r, g, b, a = '1'] = rgb[1].split(/[\s,/]+/).filter(Boolean);
    return [Number(r), Number(g), Number(b), Number(a)];
  }
  const srgb = value.match(/^color\(srgb ([^)]+)\)$/);
  if (srgb) {
    const [r, g, b, a = '1'] = srgb[1].split(/[\s/]+/).filter(Boolean);
    return [Number(r) * 255, Number(g) * 255, Number(b) * 255, Number(a)];
  }
  throw new Error(`cannot read colour ${value}`);
}

/** `top` painted over the opaque `bottom`. */
export function over(top: RGBA, bottom: RGBA): RGBA {
  const a = top[3];
  return [0, 1, 2].map((i) => top[i] * a + bottom[i] * (1 - a)).concat(1) as RGBA;
}

function luminance([r, g, b]: RGBA): number {
  const lin = (c: number) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

/** The WCAG 2.x contrast ratio of two opaque colours. */
export function contrast(a: RGBA, b: RGBA): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

function parentAcrossShadow(el: Element): Element | null {
  if (el.parentElement) return el.parentElement;
  const root = el.getRootNode();
  return root instanceof ShadowRoot ? root.host : null;
}

/** The opaque colour behind an element: its own background and its ancestors', composited. */
export function backgroundOf(el: Element): RGBA {
  const layers: RGBA[] = [];
  for (let e: Element | null = el; e; e = parentAcrossShadow(e)) {
    const bg = parseColor(getComputedStyle(e).backgroundColor);
    if (bg[3] > 0) layers.push(bg);
    if (bg[3] >= 1) break;
  }
  let result: RGBA = [255, 255, 255, 1]; // the canvas behind a page without a background
  for (const layer of layers.reverse()) result = over(layer, result);
  return result;
}

/** The contrast of an element's text with what is behind it. */
export function textContrast(el: Element): number {
  const bg = backgroundOf(el);
  return contrast(over(parseColor(getComputedStyle(el).color), bg), bg);
}

/** A short readable name for an element, for failure messages. */
export function describeElement(e: Element | null | undefined): string {
  if (!e) return String(e);
  const name = e.getAttribute('aria-label') ?? e.textContent!.trim().replace(/\s+/g, ' ').slice(0, 30);
  const id = e.closest('[data-comment-id]')?.getAttribute('data-comment-id');
  return `<${e.tagName.toLowerCase()}${id ? ` in ${id}` : ''}> "${name}"`;
}

/**
 * Asserts two elements are the same one. Chai would print the elements themselves on a
 * failure, and serialising a Lit element graph can hang the test runner.
 */
export function expectSame(actual: Element | null | undefined, expected: Element | null | undefined, what = 'element'): void {
  if (actual !== expected) throw new Error(`${what}: expected ${describeElement(expected)}, got ${describeElement(actual)}`);
}


import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { MemoryAdapter, type CommentRecord } from '../../src/index.js';
import type { ParleyComments } from '../../src/parley-comments.js';
import { normalizeRecord } from '../../src/model/normalize.js';
import { displayName, isBidiControl, isBlank } from '../../src/util/text.js';
import { commentEl, record } from '../support/fixtures.js';

// What a reader sees is the order the characters are laid out in, not the order they are
// stored in: a right-to-left override (U+202E) stores `nigol/elpmaxe.knab//:sptth` and shows
// `https://bank.example/login`. So these tests read the rendered text back from where each
// character was drawn, and compare that with where the link goes.

const RLO = '\u202e';
const PDF = '\u202c';
const reversed = (s: string) => [...s].reverse().join('');
const BANK = 'https://bank.example/login';

/**
 * The text of an element as laid out, left to right: each character at its drawn position,
 * direction controls (which draw nothing) left out. The element must fit on one line.
 */
function readsAs(root: Element): string {
  const chars: { ch: string; left: number; middle: number }[] = [];
  const range = document.createRange();
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
    for (let i = 0; i < node.data.length; i++) {
      if (isBidiControl(node.data.charCodeAt(i))) continue;
      range.setStart(node, i);
      range.setEnd(node, i + 1);
      const box = range.getBoundingClientRect();
      if (box.width === 0) continue;
      chars.push({ ch: node.data[i], left: box.left, middle: box.top + box.height / 2 });
    }
  }
  const middles = chars.map((c) => c.middle);
  expect(Math.max(...middles) - Math.min(...middles), 'the text is on one line').to.be.lessThan(4);
  return chars
    .sort((a, b) => a.left - b.left)
    .map((c) => c.ch)
    .join('');
}

async function mount(records: CommentRecord[], maxDepth = 5): Promise<ParleyComments> {
  // Wide enough that no body or name here wraps.
  const wrapper = await fixture<HTMLDivElement>(
    html`<div style="width: 2400px"><parley-comments thread="bidi" max-depth=${maxDepth}></parley-comments></div>`,
  );
  const el = wrapper.querySelector<ParleyComments>('parley-comments')!;
  const loaded = oneEvent(el, 'parley-loaded');
  el.adapter = new MemoryAdapter(records);
  await loaded;
  await el.updateComplete;
  return el;
}

const bodyOf = (el: ParleyComments, id: string) => commentEl(el, id).querySelector<HTMLElement>('[part~="body"]')!;
const authorOf = (el: ParleyComments, id: string) => commentEl(el, id).querySelector<HTMLElement>('[part~="author"]')!;

/** Checks that a link shows, in the order a reader reads it, the address it goes to. */
function expectTruthful(link: HTMLAnchorElement): void {
  const text = link.textContent!;
  expect([...text].some((ch) => isBidiControl(ch.charCodeAt(0))), `no direction control in the link text ${JSON.stringify(text)}`).to.equal(false);
  expect(readsAs(link), 'the link reads as its text').to.equal(text);
  // Its text is the address it goes to, each direction control in it shown as a marker.
  const target = [...decodeURI(link.href)].map((ch) => (isBidiControl(ch.charCodeAt(0)) ? '\ufffd' : ch)).join('');
  expect(text, 'the link shows where it goes').to.equal(target);
  expect(getComputedStyle(link).direction).to.equal('ltr');
  expect(getComputedStyle(link).unicodeBidi, 'isolated from the text around it').to.match(/isolate/);
}

describe('direction controls cannot make text lie about links', () => {
  it("the reviewer's case: an override before a link does not turn it into bank.example", async () => {
    // Stored: the override, then a link to evil.example whose query is the bank's address backwards.
    const body = `Log in at ${RLO}https://evil.example/?${reversed(BANK)}`;
    const el = await mount([record('r', null, { body })]);
    const link = bodyOf(el, 'r').querySelector('a')!;
    expect(new URL(link.href).host).to.equal('evil.example');
    expectTruthful(link);
    // Before links were isolated, the paragraph read "Log in at https://bank.example/login?/elpmaxe.live//:sptth".
    const shown = readsAs(bodyOf(el, 'r').querySelector('p')!);
    expect(shown).not.to.contain('bank.example');
    expect(shown).to.contain('https://evil.example/');
  });

  it('an override inside a link cannot reorder it: it shows as a marker', async () => {
    const body = `https://evil.example/${RLO}${reversed(BANK)}${PDF} and more`;
    const el = await mount([record('r', null, { body })]);
    const link = bodyOf(el, 'r').querySelector('a')!;
    expect(new URL(link.href).host).to.equal('evil.example');
    expectTruthful(link);
    expect(readsAs(link)).not.to.contain('bank.example');
    expect(link.textContent).to.equal(`https://evil.example/\ufffd${reversed(BANK)}\ufffd`);
    // The text after the link is not drawn into it.
    expect(readsAs(bodyOf(el, 'r').querySelector('p')!)).to.match(/\ufffd and more$/);
  });

  it('isolates, embeddings and marks around and inside links change nothing a link shows', async () => {
    const controls = ['\u202a', '\u202b', '\u202d', '\u202e', '\u2066', '\u2067', '\u2068', '\u200e', '\u200f', '\u061c'];
    const records = controls.map((c, i) =>
      record(`c${i}`, null, { body: `${c}שלום ${c}https://a.example/${c}x${c}/y ${c}עולם ${c}https://b.example/z` }),
    );
    const el = await mount(records);
    for (let i = 0; i < controls.length; i++) {
      const links = [...bodyOf(el, `c${i}`).querySelectorAll('a')];
      expect(links.map((a) => new URL(a.href).host), `U+${controls[i].charCodeAt(0).toString(16)}`).to.deep.equal(['a.example', 'b.example']);
      for (const link of links) expectTruthful(link);
    }
  });

  it('ordinary links keep their text, and a right-to-left paragraph keeps each URL left to right', async () => {
    const el = await mount([
      record('en', null, { body: 'See https://example.com/a_(b) for more.' }),
      record('he', null, { body: 'ראו https://example.com/path?q=1 תודה' }),
    ]);
    const en = bodyOf(el, 'en').querySelector('a')!;
    expect(en.textContent).to.equal('https://example.com/a_(b)');
    expect(readsAs(bodyOf(el, 'en').querySelector('p')!)).to.equal('See https://example.com/a_(b) for more.');
    const he = bodyOf(el, 'he').querySelector('a')!;
    expectTruthful(he);
    expect(readsAs(bodyOf(el, 'he').querySelector('p')!)).to.contain('https://example.com/path?q=1');
  });
});

describe('names cannot hide or reorder what they say', () => {
  it('shows embeddings, overrides and isolates in a name as markers and drops the marks', async () => {
    const el = await mount([
      record('o', null, { author: { name: `${RLO}nimdA` } }),
      record('i', null, { author: { name: 'Alice\u2066\u2067\u2068\u2069' } }),
      record('m', null, { author: { name: 'Support\u200f \u200fPayPal' } }),
      record('r', 'o', { author: { name: 'Replier' } }),
    ], 1);
    expect(authorOf(el, 'o').textContent).to.equal('\ufffdnimdA');
    // Without the override, the name reads as it is stored, not as "Admin".
    expect(readsAs(authorOf(el, 'o'))).to.equal('\ufffdnimdA');
    expect(authorOf(el, 'i').textContent).to.equal('Alice\ufffd\ufffd\ufffd\ufffd');
    expect(readsAs(authorOf(el, 'm'))).to.equal('Support PayPal');
    expect(commentEl(el, 'r').querySelector('.in-reply-to')!.textContent).to.contain('\ufffdnimdA');
  });

  for (const [label, name] of [
    ['zero-width spaces', '\u200b\u200b'],
    ['a word joiner and a byte order mark', '\u2060\ufeff'],
    ['Hangul fillers', '\u3164\u115f'],
    ['a blank Braille pattern between spaces', ' \u2800 '],
    ['only direction controls', `${RLO}\u2066\u200f`],
    ['a soft hyphen and a combining grapheme joiner', '\u00ad\u034f'],
    ['ideographic and no-break spaces', '\u3000\u00a0'],
  ] as const) {
    it(`shows a name of ${label} as "Anonymous"`, async () => {
      expect(isBlank(name)).to.equal(true);
      expect(displayName(name)).to.equal('');
      expect(normalizeRecord(record('x', null, { author: { name } }))!.author.name).to.equal('');
      const el = await mount([record('x', null, { author: { name } })]);
      expect(authorOf(el, 'x').textContent!.trim()).to.equal('Anonymous');
    });
  }

  it('keeps names that show something, however short', () => {
    for (const name of ['A', '李', '\u0627', '🙂', 'a\u200b', '.', '\u0301']) {
      expect(isBlank(name), JSON.stringify(name)).to.equal(false);
      expect(normalizeRecord(record('x', null, { author: { name } }))!.author.name).to.equal(name);
    }
  });
});

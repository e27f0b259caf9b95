/**
 * The XSS corpus (test/fixtures/xss-vectors.json, the vectors test/security/xss.test.ts
 * runs through every field) through the markdown add-on: each vector as a body as it is
 * and wrapped in each markdown construct that makes elements or links, in a widget with
 * format="markdown", and typed into the comment form and previewed. Asserted: nothing ran
 * (traps on alert/confirm/prompt/print, a setter on window.__xss, CSP violation events),
 * no element outside the add-on's fixed set, no event handler or other attribute, and no
 * link to anything but an http(s) or mailto URL.
 */
import { expect, fixture, html, nextFrame, oneEvent } from '@open-wc/testing';
import { MemoryAdapter } from '../../src/index.js';
import '../../src/markdown/index.js';
import type { ParleyComments } from '../../src/parley-comments.js';
import { topForm, until } from '../support/fixtures.js';

interface Corpus {
  vectors: { id: string; vector: string }[];
}

/** What a markdown body may hold: the add-on's elements, and the core's "Show more" button. */
const TAGS = new Set(['p', 'em', 'strong', 'del', 'code', 'pre', 'blockquote', 'ul', 'ol', 'li', 'a', 'br', 'hr', 'button']);
const ATTRIBUTES = new Set(['href', 'rel', 'dir', 'start', 'type', 'class', 'data-action']);

/** Each vector as written and inside every construct that makes an element or a link. */
const WRAPS: [string, (v: string) => string][] = [
  ['as written', (v) => v],
  ['link text and address', (v) => `[${v}](${v})`],
  ['link address in <>', (v) => `[x](<${v}>)`],
  ['autolink', (v) => `<${v}>`],
  ['image', (v) => `![${v}](${v} "${v}")`],
  ['reference link', (v) => `[x][r]\n\n[r]: ${v}`],
  ['emphasis, strong, strike, code', (v) => `*${v}* **${v}** ~~${v}~~ \`${v}\``],
  ['code block', (v) => `\`\`\`${v}\n${v}\n\`\`\``],
  ['quote and lists', (v) => `> ${v}\n\n- ${v}\n1. ${v}`],
];

/**
 * What only markdown draws, per wrap, to tell a body drawn through it from one that fell
 * back to plain text (which makes paragraphs and links too). The link and image wraps
 * have none: most vectors are not addresses a link may take, and both ways show text.
 */
const MARKDOWN_ONLY: Record<string, string> = {
  'emphasis, strong, strike, code': 'em, strong, del, code',
  'code block': 'pre > code',
  'quote and lists': 'blockquote, ul, ol',
};

const fired: string[] = [];
const TRAPPED = ['alert', 'confirm', 'prompt', 'print'] as const;

function installTraps(): () => void {
  const w = window as unknown as Record<string, unknown>;
  const saved = TRAPPED.map((name) => w[name]);
  for (const name of TRAPPED) {
    w[name] = (...args: unknown[]) => {
      fired.push(`${name}(${args.map(String).join(', ')})`);
      return name === 'confirm' ? false : null;
    };
  }
  Object.defineProperty(window, '__xss', { configurable: true, get: () => undefined, set: (v: unknown) => fired.push(`window.__xss = ${String(v)}`) });
  const onViolation = (e: SecurityPolicyViolationEvent) => fired.push(`CSP violation ${e.violatedDirective} (${e.blockedURI})`);
  document.addEventListener('securitypolicyviolation', onViolation, true);
  return () => {
    TRAPPED.forEach((name, i) => (w[name] = saved[i]));
    delete w.__xss;
    document.removeEventListener('securitypolicyviolation', onViolation, true);
  };
}

/** An injected `<img onerror>` fires only after its failed load: a frame and a moment. */
async function settle(): Promise<void> {
  await nextFrame();
  await new Promise((r) => setTimeout(r, 50));
}

/** What is wrong with the elements under `root` (itself left out). */
function problemsIn(root: Element, where: string): string[] {
  const problems: string[] = [];
  for (const el of root.querySelectorAll('*')) {
    if (!TAGS.has(el.localName)) problems.push(`<${el.localName}> in ${where}`);
    for (const attr of el.attributes) {
      if (!ATTRIBUTES.has(attr.name)) problems.push(`${attr.name}="${attr.value.slice(0, 60)}" on <${el.localName}> in ${where}`);
    }
    if (el.localName === 'a') {
      const href = el.getAttribute('href') ?? '';
      let protocol = '';
      try {
        protocol = new URL(href).protocol;
      } catch {
        /* not absolute: a problem */
      }
      if (!['http:', 'https:', 'mailto:'].includes(protocol)) problems.push(`link to ${JSON.stringify(href.slice(0, 60))} in ${where}`);
      if (el.getAttribute('rel') !== 'nofollow ugc noopener') problems.push(`link without rel in ${where}`);
    }
  }
  return problems;
}

describe('XSS corpus through markdown: nothing runs, only the subset is drawn', () => {
  let corpus: Corpus;
  let untrap: () => void;
  let preexisting: Set<Element>;

  before(async () => {
    untrap = installTraps();
    corpus = (await (await fetch(new URL('../fixtures/xss-vectors.json', import.meta.url))).json()) as Corpus;
  });
  beforeEach(() => {
    preexisting = new Set(document.querySelectorAll('*'));
  });
  after(async () => {
    await settle();
    untrap();
    expect(fired, 'ran after the last test').to.deep.equal([]);
  });

  /** Elements the page gained outside the test's fixture. */
  const strays = (container: Element) =>
    [...document.querySelectorAll('*')].filter((el) => !preexisting.has(el) && !container.contains(el)).map((el) => `<${el.localName}> added to the page`);

  it('has the whole corpus', () => {
    expect(corpus.vectors.length).to.be.at.least(352);
  });

  for (const [name, wrap] of WRAPS) {
    it(`in comments: ${name}`, async function () {
      this.timeout(60_000);
      const records = corpus.vectors.map((v, i) => ({
        id: `v${i}`,
        parentId: null,
        author: { name: 'Tester' },
        body: wrap(v.vector),
        createdAt: '2024-05-01T12:00:00.000Z',
      }));
      const el = await fixture<ParleyComments>(html`<parley-comments thread=${`xss-md-${name}`} loading="eager" format="markdown"></parley-comments>`);
      const loaded = oneEvent(el, 'parley-loaded');
      el.adapter = new MemoryAdapter(records);
      await loaded;
      const bodies = () => el.shadowRoot!.querySelectorAll('[part="body"]');
      await until(() => bodies().length === records.length, 'every comment drawn');
      await settle();
      const problems = [...bodies()].flatMap((body, i) => problemsIn(body, `vector ${corpus.vectors[i].id}`));
      problems.push(...strays(el.parentElement!), ...fired.splice(0).map((f) => `ran: ${f}`));
      expect(problems.length, problems.slice(0, 30).join('\n')).to.equal(0);
      // Drawn through markdown, not its plain-text fallback: most bodies of a wrap that
      // makes elements have them (a vector may break the wrap's syntax in a few).
      const only = MARKDOWN_ONLY[name];
      if (only) {
        const drawn = [...bodies()].filter((body) => body.querySelector(only)).length;
        expect(drawn, `bodies with ${only}`).to.be.greaterThan(records.length / 2);
      }
    });
  }

  it('in the preview of the comment form', async function () {
    this.timeout(60_000);
    const el = await fixture<ParleyComments>(html`<parley-comments thread="xss-md-preview" loading="eager" format="markdown"></parley-comments>`);
    const loaded = oneEvent(el, 'parley-loaded');
    el.adapter = new MemoryAdapter([]);
    await loaded;
    const form = topForm(el);
    await until(() => !!form.shadowRoot?.querySelector('.md-switch'), 'the switch');
    const root = form.shadowRoot!;
    const textarea = root.querySelector('textarea')!;
    const [write, preview] = root.querySelectorAll<HTMLButtonElement>('.md-switch button');
    const output = root.querySelector<HTMLElement>('.md-preview')!;
    const problems: string[] = [];
    // The preview drew something: an empty one would pass every check above it.
    const drawn = new Map<string, number>();
    for (const v of corpus.vectors) {
      for (const [name, wrap] of WRAPS) {
        textarea.value = wrap(v.vector);
        preview.click();
        problems.push(...problemsIn(output, `the preview of ${v.id} (${name})`));
        const only = MARKDOWN_ONLY[name];
        if (only && output.querySelector(only)) drawn.set(name, (drawn.get(name) ?? 0) + 1);
        write.click();
      }
    }
    await settle();
    problems.push(...strays(el.parentElement!), ...fired.splice(0).map((f) => `ran: ${f}`));
    expect(problems.length, problems.slice(0, 30).join('\n')).to.equal(0);
    for (const [name, only] of Object.entries(MARKDOWN_ONLY)) {
      expect(drawn.get(name) ?? 0, `previews of "${name}" with ${only}`).to.be.greaterThan(corpus.vectors.length / 2);
    }
  });
});

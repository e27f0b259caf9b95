/**
 * Every field of a record is text, never markup, never a script, never a dangerous URL.
 *
 * Each vector of test/fixtures/xss-vectors.json is placed in one field of one record, all
 * vectors of a field batched into one `<parley-comments>`. After the render settles the
 * test asserts that nothing ran (traps on `alert`/`confirm`/`prompt`/`print`, a setter on
 * `window.__xss`, CSP violation events), that no element, attribute or URL came from the
 * data (compared with a control render of benign records), and that the text is shown
 * literally. What counts as "the widget's own markup" is learnt from control renders, not
 * written down here, so the test keeps working as the templates change.
 */
import { expect, nextFrame } from '@open-wc/testing';
import { MemoryAdapter } from '../../src/index.js';

interface Vector {
  id: string;
  source: string;
  vector: string;
}

interface Corpus {
  sources: { name: string; url: string }[];
  vectors: Vector[];
}

type Field = 'body' | 'author.name' | 'author.url' | 'author.avatarUrl' | 'id' | 'createdAt' | 'status';

type ParleyElement = HTMLElement & { adapter: unknown; updateComplete?: Promise<unknown> };
type Updatable = Element & { updateComplete?: Promise<unknown> };

const MIN_VECTORS = 150;
const CREATED_AT = '2024-05-01T12:00:00.000Z';
const BASE_NAME = 'Tester';
const BASE_BODY = 'Plain body';
/** Attributes whose value the browser loads or navigates to. */
const URL_ATTRIBUTES = new Set([
  'href', 'src', 'srcset', 'action', 'formaction', 'xlink:href', 'poster', 'data',
  'background', 'srcdoc', 'ping', 'manifest', 'codebase', 'cite', 'lowsrc', 'dynsrc',
]);

// ---------------------------------------------------------------------------------------
// Traps: anything a payload runs ends up calling one of these.
// ---------------------------------------------------------------------------------------

/** Which vector a comment element belongs to, for readable failures. */
const owners = new Map<string, string>();
const fired: string[] = [];

function culprit(): string {
  // window.event names the element of an inline handler, except (by design) when that
  // element is in a shadow tree, which is where comments live.
  const event = (window as unknown as { event?: Event }).event;
  const target = event?.composedPath()[0];
  if (target instanceof Element) return ownerOf(target);
  return event ? `a ${event.type} event` : 'an element in a shadow tree';
}

/** The vector (or comment) an element belongs to, walking out through shadow roots. */
function ownerOf(el: Element): string {
  let node: Node | null = el;
  while (node) {
    if (node instanceof Element && node.hasAttribute('data-comment-id')) {
      const id = node.getAttribute('data-comment-id')!;
      return owners.get(id) ?? `comment ${short(id)}`;
    }
    node = node.parentNode ?? (node instanceof ShadowRoot ? node.host : null);
  }
  return 'the widget outside any comment';
}

const TRAPPED = ['alert', 'confirm', 'prompt', 'print'] as const;

function installTraps(): () => void {
  const w = window as unknown as Record<string, unknown>;
  const saved = TRAPPED.map((name) => w[name]);
  for (const name of TRAPPED) {
    w[name] = (...args: unknown[]) => {
      fired.push(`${name}(${args.map(String).join(', ')}) from ${culprit()}`);
      return name === 'confirm' ? false : null;
    };
  }
  Object.defineProperty(window, '__xss', {
    configurable: true,
    get: () => undefined,
    set: (value: unknown) => fired.push(`window.__xss = ${String(value)} from ${culprit()}`),
  });
  const onViolation = (e: SecurityPolicyViolationEvent) =>
    fired.push(`CSP violation ${e.violatedDirective} (${e.blockedURI}) from ${culprit()}`);
  document.addEventListener('securitypolicyviolation', onViolation, true);
  return () => {
    TRAPPED.forEach((name, i) => (w[name] = saved[i]));
    delete w.__xss;
    document.removeEventListener('securitypolicyviolation', onViolation, true);
  };
}

// ---------------------------------------------------------------------------------------
// DOM helpers: the widget nests shadow roots, so every walk crosses them.
// ---------------------------------------------------------------------------------------

/** Every element under `root` in tree order, descending into (open) shadow roots first. */
function walk(root: Element, skip?: (el: Element) => boolean): Element[] {
  const out: Element[] = [];
  const visit = (el: Element) => {
    out.push(el);
    if (skip?.(el)) return;
    if (el.shadowRoot) for (const child of el.shadowRoot.children) visit(child);
    for (const child of el.children) visit(child);
  };
  visit(root);
  return out;
}

const hasPart = (el: Element, part: string) => (el.getAttribute('part') ?? '').split(/\s+/).includes(part);

/** The comment elements by their `data-comment-id`, read with getAttribute (ids are vectors). */
function commentsById(host: Element): Map<string, Element> {
  const map = new Map<string, Element>();
  for (const el of walk(host)) {
    const id = el.getAttribute('data-comment-id');
    if (id !== null && !map.has(id)) map.set(id, el);
  }
  return map;
}

/** A comment's own elements, itself included: nested comments (replies) are left out. */
function ownElements(comment: Element, skip?: (el: Element) => boolean): Element[] {
  const nested = (el: Element) => el !== comment && el.hasAttribute('data-comment-id');
  return walk(comment, (el) => nested(el) || !!skip?.(el)).filter((el) => !nested(el));
}

function firstPart(comment: Element, part: string): Element | undefined {
  return ownElements(comment).find((el) => hasPart(el, part));
}

/** The tag names of a comment, with the inside of its body part left out (bodies vary). */
function shape(comment: Element): string {
  return ownElements(comment, (el) => hasPart(el, 'body'))
    .map((el) => el.localName)
    .join(' ');
}

/** An absolute http(s) URL, parsed the way the browser parses an href. */
function isHttpUrl(value: string): boolean {
  try {
    const { protocol } = new URL(value);
    return protocol === 'http:' || protocol === 'https:';
  } catch {
    return false;
  }
}

const INVISIBLE =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFD\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Text as a reader sees it. Control characters and lone surrogates may be shown as U+FFFD
 * or dropped (the widget replaces them so they cannot hide text), and so may direction
 * controls in names and links (so they cannot reorder them: test/security/bidi.test.ts);
 * whitespace collapses in paragraphs. All are normalised away before comparing.
 */
function visible(text: string): string {
  return text
    .replace(INVISIBLE, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Whether `shown` contains `written` literally; a long text may be cut to a preview. */
function showsLiterally(shown: string, written: string): boolean {
  const s = visible(shown);
  const w = visible(written);
  if (s.includes(w)) return true;
  return w.length > 200 && s.includes(w.slice(0, 100));
}

/** An element's text with line breaks and paragraph ends kept as whitespace (textContent drops them). */
function textOf(node: Node): string {
  if (node instanceof Text) return node.data;
  if (!(node instanceof Element)) return '';
  if (node.localName === 'br') return '\n';
  const inner = [...node.childNodes].map(textOf).join('');
  return node.localName === 'p' || node.localName === 'div' ? `${inner}\n` : inner;
}

const short = (v: string) => JSON.stringify(v.length > 70 ? `${v.slice(0, 70)}…` : v);

// ---------------------------------------------------------------------------------------
// Rendering
// ---------------------------------------------------------------------------------------

let threadSeq = 0;
let container: HTMLElement | undefined;

/** Renders records through a MemoryAdapter and waits until they are shown and settled. */
async function render(records: unknown[], attributes: Record<string, string> = {}): Promise<ParleyElement> {
  container = document.createElement('div');
  document.body.append(container);
  const host = document.createElement('parley-comments') as ParleyElement;
  host.setAttribute('thread', `xss-${Date.now()}-${++threadSeq}`);
  // Every vector is shown the most revealing way: remote avatars on, and loaded at once
  // wherever the container lands.
  host.setAttribute('avatars', 'remote');
  host.setAttribute('loading', 'eager');
  for (const [name, value] of Object.entries(attributes)) host.setAttribute(name, value);
  const loaded = new Promise<void>((resolve, reject) => {
    host.addEventListener('parley-loaded', () => resolve(), { once: true });
    host.addEventListener('parley-error', (e) => reject((e as CustomEvent).detail?.error), { once: true });
  });
  host.adapter = new MemoryAdapter(records);
  container.append(host);
  await loaded;
  await host.updateComplete;
  await settle();
  return host;
}

/**
 * Lets a frame pass, then waits a little: an injected `<img src=x onerror>` or `<video>`
 * only fires after its (failing) request returns, and there is no event to await for an
 * element that is not supposed to exist. This is the only sleep in the file.
 */
async function settle(): Promise<void> {
  await nextFrame();
  await new Promise((r) => setTimeout(r, 50));
}

interface Overrides {
  body?: string;
  name?: string;
  url?: string;
  avatarUrl?: string;
  createdAt?: string;
  status?: string;
  parentId?: string | null;
}

/** A record as an adapter would hand it over; `status` may be any string, as from a backend. */
function record(id: string, overrides: Overrides = {}): Record<string, unknown> {
  const author: Record<string, unknown> = { name: overrides.name ?? BASE_NAME };
  if (overrides.url !== undefined) author.url = overrides.url;
  if (overrides.avatarUrl !== undefined) author.avatarUrl = overrides.avatarUrl;
  return {
    id,
    parentId: overrides.parentId ?? null,
    author,
    body: overrides.body ?? BASE_BODY,
    createdAt: overrides.createdAt ?? CREATED_AT,
    status: overrides.status ?? 'published',
  };
}

/** Opens the reply form of a comment and waits until it has rendered. */
async function openReplyForm(host: ParleyElement, comment: Element): Promise<Element | undefined> {
  const button = firstPart(comment, 'reply-button') as HTMLElement | undefined;
  button?.click();
  await host.updateComplete;
  // The form is whichever custom element of the comment holds a text area.
  const form = ownElements(comment).find(
    (el) => el.localName.includes('-') && walk(el).some((inner) => inner.localName === 'textarea'),
  );
  await (form as Updatable | undefined)?.updateComplete;
  return form;
}

/** What the widget renders on its own, learnt from benign records. */
interface Allowed {
  tags: Set<string>;
  attributes: Set<string>;
  urls: Set<string>;
  bodyTags: Set<string>;
}

function learn(host: Element, into: Allowed): void {
  for (const el of walk(host)) {
    into.tags.add(el.localName);
    for (const attr of el.attributes) {
      into.attributes.add(attr.name);
      if (URL_ATTRIBUTES.has(attr.name)) into.urls.add(attr.value);
    }
    if (hasPart(el, 'body')) for (const inner of walk(el)) if (inner !== el) into.bodyTags.add(inner.localName);
  }
}

/** Elements, attributes and URLs anywhere in the widget that the control never produced. */
function foreignMarkup(root: Element, allowed: Allowed, where: (el: Element) => string): string[] {
  const problems: string[] = [];
  for (const el of walk(root)) {
    if (!allowed.tags.has(el.localName)) problems.push(`<${el.localName}> element in ${where(el)}`);
    for (const attr of el.attributes) {
      if (/^on/i.test(attr.name)) problems.push(`${attr.name} handler on <${el.localName}> in ${where(el)}`);
      else if (!allowed.attributes.has(attr.name)) problems.push(`${attr.name} attribute on <${el.localName}> in ${where(el)}`);
      if (URL_ATTRIBUTES.has(attr.name) && !allowed.urls.has(attr.value) && !isHttpUrl(attr.value)) {
        problems.push(`${attr.name}=${short(attr.value)} on <${el.localName}> in ${where(el)}`);
      }
    }
  }
  return problems;
}

// ---------------------------------------------------------------------------------------

describe('XSS: every vector in every field is shown as text', () => {
  let corpus: Corpus;
  let allowed: Allowed;
  let untrap: () => void;
  /** How many entries of `fired` a test has already reported; later ones belong to the next. */
  let reported = 0;
  let startHref: string;
  let preexisting: Set<Element>;

  before(async () => {
    // Installed once for the whole suite, before anything is rendered, and kept until the
    // end: handlers of a batch may still fire while the next one runs.
    untrap = installTraps();
    await customElements.whenDefined('parley-comments');
    const response = await fetch(new URL('../fixtures/xss-vectors.json', import.meta.url));
    corpus = (await response.json()) as Corpus;

    // The control: benign records that exercise every piece of the template — a link and
    // an avatar image, a pending reply, a reply past max-depth, a long body with a "show
    // more" button, a body with a link and line breaks, an unparseable date and an open
    // reply form. Whatever appears here is the widget's own markup.
    allowed = { tags: new Set(), attributes: new Set(), urls: new Set(), bodyTags: new Set() };
    const host = await render(
      [
        record('c1', {
          name: 'Alice Example',
          url: 'https://127.0.0.1:9/alice',
          avatarUrl: 'https://127.0.0.1:9/alice.png',
          body: 'First paragraph, see https://127.0.0.1:9/page.\nSecond line.\n\nSecond paragraph.',
        }),
        record('c2', { parentId: 'c1', name: 'Bob', status: 'pending', body: 'A pending reply.' }),
        record('c3', { parentId: 'c2', name: 'Carol', body: 'Deeper than max-depth.' }),
        record('c4', { name: 'Dan', body: 'Long words go on. '.repeat(400) }),
        record('c5', { name: 'Eve', createdAt: 'not a date' }),
      ],
      { 'max-depth': '2' },
    );
    const comments = commentsById(host);
    expect([...comments.keys()]).to.include.members(['c1', 'c2', 'c3', 'c4', 'c5']);
    const c1 = comments.get('c1')!;
    expect(firstPart(c1, 'author')?.closest('a'), 'control author link').to.exist;
    expect(ownElements(c1).some((el) => el.localName === 'img'), 'control avatar image').to.equal(true);
    learn(host, allowed);
    expect(await openReplyForm(host, c1), 'control reply form').to.exist;
    learn(host, allowed);
    container!.remove();
  });

  beforeEach(() => {
    startHref = location.href;
    preexisting = new Set(document.querySelectorAll('*'));
  });

  afterEach(() => {
    container?.remove();
    container = undefined;
  });

  after(async () => {
    // A detached <img> still loads and fires onerror: let stragglers hit the traps, not a
    // native dialog (which would block the page until the runner's timeout).
    await settle();
    untrap();
    expect(fired.slice(reported), 'executed after the last batch').to.deep.equal([]);
  });

  /** What every batch asserts after rendering, besides its field's own checks. */
  function commonProblems(host: Element): string[] {
    const problems = foreignMarkup(host, allowed, ownerOf);
    for (const el of document.querySelectorAll('*')) {
      if (!preexisting.has(el) && !container!.contains(el)) {
        problems.push(`<${el.localName}> added to the page outside the widget`);
      }
    }
    if (location.href !== startHref) problems.push(`the page navigated to ${location.href}`);
    return problems;
  }

  function report(problems: string[], field: string): void {
    // Calls are summarised (handlers in shadow trees cannot name their element); the
    // markup problems below them name the vector that brought the element in.
    const counts = new Map<string, number>();
    for (const f of fired.slice(reported)) counts.set(f, (counts.get(f) ?? 0) + 1);
    reported = fired.length;
    const executed = [...counts].map(([f, n]) => `executed ${n}×: ${f}`);
    const all = [...executed, ...problems];
    const shown = [...executed.slice(0, 8), ...problems.slice(0, 30)].join('\n  ');
    expect(all.length, `${field}: ${all.length} problem(s)\n  ${shown}`).to.equal(0);
  }

  it('has a corpus of at least 150 distinct vectors from the documented sources', () => {
    const texts = corpus.vectors.map((v) => v.vector);
    const ids = corpus.vectors.map((v) => v.id);
    expect(new Set(texts).size, 'distinct vectors').to.equal(texts.length);
    expect(new Set(ids).size, 'distinct ids').to.equal(ids.length);
    expect(texts.length).to.be.at.least(MIN_VECTORS);
    const names = new Set(corpus.sources.map((s) => s.name));
    for (const v of corpus.vectors) {
      expect(typeof v.vector === 'string' && v.vector.trim() !== '', `${v.id} is a non-blank string`).to.equal(true);
      expect(names.has(v.source), `${v.id} cites a listed source`).to.equal(true);
    }
  });

  /**
   * Renders every vector in one field (plus benign controls in the same element), then
   * checks: nothing fired, no foreign markup, and each comment has exactly the element
   * structure of its control (so the data added nothing and removed nothing it should not).
   */
  async function runField(
    field: Field,
    place: (v: string) => Record<string, unknown>,
    options: {
      controls: Record<string, unknown>[];
      extra?: (v: Vector, id: string) => Record<string, unknown>[];
      attributes?: Record<string, string>;
      idOf?: (v: Vector) => string;
      check?: (v: Vector, comment: Element, controlShapes: Map<string, string>) => string[];
      replyForms?: boolean;
    },
  ): Promise<void> {
    const idOf = options.idOf ?? ((v: Vector) => `${field}:${v.id}`);
    const records: Record<string, unknown>[] = [...options.controls];
    for (const v of corpus.vectors) {
      const id = idOf(v);
      owners.set(id, `${v.id} in ${field} ${short(v.vector)}`);
      records.push({ ...place(v.vector), ...(field === 'id' ? {} : { id }) });
      for (const extra of options.extra?.(v, id) ?? []) {
        owners.set(extra.id as string, `${v.id} in ${field} (a reply to it) ${short(v.vector)}`);
        records.push(extra);
      }
    }
    const host = await render(records, options.attributes);
    const comments = commentsById(host);
    const controlShapes = new Map<string, string>();
    for (const c of options.controls) {
      const el = comments.get(c.id as string);
      expect(el, `control ${String(c.id)} is shown`).to.exist;
      controlShapes.set(c.id as string, shape(el!));
    }

    const problems = commonProblems(host);
    for (const v of corpus.vectors) {
      const comment = comments.get(idOf(v));
      if (!comment) {
        problems.push(`${v.id} in ${field}: comment not shown (data-comment-id ${short(idOf(v))} missing)`);
        continue;
      }
      const found = options.check?.(v, comment, controlShapes) ?? [];
      problems.push(...found.map((p) => `${v.id} in ${field} ${short(v.vector)}: ${p}`));
    }

    // The reply form is rendered from the record too (its label names the author, its
    // draft is keyed by the id): open each one in turn and check what it adds.
    if (options.replyForms) {
      for (const v of corpus.vectors) {
        const comment = comments.get(idOf(v));
        if (!comment) continue;
        const form = await openReplyForm(host as ParleyElement, comment);
        if (!form) problems.push(`${v.id} in ${field}: the reply form did not open`);
        problems.push(...foreignMarkup(comment, allowed, ownerOf));
      }
      await settle();
    } else {
      await settle();
    }
    problems.push(...commonProblems(host).filter((p) => !problems.includes(p)));
    report(problems, field);
  }

  /** The element structure must be one of the given controls' (by control id). */
  const sameShapeAs =
    (...controlIds: string[]) =>
    (comment: Element, shapes: Map<string, string>): string[] => {
      const s = shape(comment);
      if (controlIds.some((id) => shapes.get(id) === s)) return [];
      const expected = controlIds.map((id) => `[${shapes.get(id)}]`).join(' or ');
      return [`element structure [${s}] differs from the control's ${expected}`];
    };

  function authorShownLiterally(comment: Element, name: string): string[] {
    const author = firstPart(comment, 'author');
    if (!author) return ['no [part~=author] element'];
    return showsLiterally(textOf(author), name) ? [] : [`author shows ${short(visible(textOf(author)))}`];
  }

  it('body: shown literally as text, at most linkified http(s) URLs', async () => {
    await runField('body', (v) => record('', { body: v }), {
      controls: [record('control', { body: 'Benign' })],
      check: (v, comment, shapes) => {
        const problems = sameShapeAs('control')(comment, shapes);
        const body = firstPart(comment, 'body');
        if (!body) return [...problems, 'no [part~=body] element'];
        if (!showsLiterally(textOf(body), v.vector)) problems.push(`body shows ${short(visible(textOf(body)))}`);
        for (const el of walk(body)) {
          if (el === body) continue;
          if (!allowed.bodyTags.has(el.localName)) problems.push(`<${el.localName}> inside the body`);
          // The only element text may become is a link to an http(s) URL written in it.
          if (el.localName === 'a') {
            const href = el.getAttribute('href') ?? '';
            if (!isHttpUrl(href)) problems.push(`body link to ${short(href)}`);
            const text = visible(el.textContent ?? '');
            if (!text || !visible(v.vector).includes(text)) problems.push(`body link text ${short(text)} is not in the text`);
          }
        }
        return problems;
      },
    });
  });

  it('author.name: shown literally, in the comment, the "in reply to" label and the reply form', async () => {
    // max-depth 1 puts every reply at the top level, labelled with the vector as its parent's name.
    await runField('author.name', (v) => record('', { name: v }), {
      attributes: { 'max-depth': '1' },
      controls: [record('control', { name: 'Benign Name' }), record('control-reply', { parentId: 'control', name: 'Replier' })],
      extra: (_v, id) => [record(`${id}:reply`, { parentId: id, name: 'Replier' })],
      check: (v, comment, shapes) => [...sameShapeAs('control')(comment, shapes), ...authorShownLiterally(comment, v.vector)],
      replyForms: true,
    });
  });

  it('author.url: a link only for an http(s) URL, otherwise the name as plain text', async () => {
    await runField('author.url', (v) => record('', { url: v }), {
      controls: [
        record('control', { url: 'not a url' }),
        record('control-link', { url: 'https://127.0.0.1:9/control' }),
      ],
      check: (v, comment, shapes) => {
        const http = isHttpUrl(v.vector);
        const problems = sameShapeAs(...(http ? ['control', 'control-link'] : ['control']))(comment, shapes);
        const author = firstPart(comment, 'author');
        if (!author) return [...problems, 'no [part~=author] element'];
        const link = author.closest('a') ?? walk(author).find((el) => el.localName === 'a');
        const href = link?.getAttribute('href') ?? '';
        if (link && !http) problems.push(`the author is a link (href ${short(href)})`);
        if (link && !isHttpUrl(href)) problems.push(`author link to ${short(href)}`);
        return [...problems, ...authorShownLiterally(comment, BASE_NAME)];
      },
    });
  });

  it('author.avatarUrl: an image only for an http(s) URL, otherwise the initials avatar', async () => {
    await runField('author.avatarUrl', (v) => record('', { avatarUrl: v }), {
      controls: [
        record('control', { avatarUrl: 'not a url' }),
        record('control-image', { avatarUrl: 'https://127.0.0.1:9/control.png' }),
      ],
      check: (v, comment, shapes) => {
        const http = isHttpUrl(v.vector);
        // Same structure as the control without an image is what "the initials avatar" means.
        const problems = sameShapeAs(...(http ? ['control', 'control-image'] : ['control']))(comment, shapes);
        for (const img of ownElements(comment).filter((el) => el.localName === 'img')) {
          if (!http) problems.push(`an <img> for a non-http(s) avatar (src ${short(img.getAttribute('src') ?? '')})`);
          else if (!isHttpUrl(img.getAttribute('src') ?? '')) problems.push(`avatar src ${short(img.getAttribute('src') ?? '')}`);
        }
        return problems;
      },
    });
  });

  it('id: kept verbatim in data-comment-id and never turned into markup', async () => {
    await runField('id', (v) => record(v), {
      idOf: (v) => v.vector,
      controls: [record('control')],
      check: (_v, comment, shapes) => [...sameShapeAs('control')(comment, shapes), ...authorShownLiterally(comment, BASE_NAME)],
      replyForms: true,
    });
  });

  it('createdAt: never turned into markup', async () => {
    await runField('createdAt', (v) => record('', { createdAt: v }), {
      controls: [record('control', { createdAt: 'not a date' }), record('control-date', { createdAt: CREATED_AT })],
      // The legacy Date parser accepts odd strings, so a vector may yield a <time>.
      check: (_v, comment, shapes) => sameShapeAs('control', 'control-date')(comment, shapes),
    });
  });

  it('status: never turned into markup', async () => {
    await runField('status', (v) => record('', { status: v }), {
      controls: [record('control', { status: 'published' })],
      check: (_v, comment, shapes) => sameShapeAs('control')(comment, shapes),
    });
  });
});

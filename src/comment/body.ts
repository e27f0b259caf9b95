import { afterNextPaint } from '../util/schedule.js';
import { formats, type BodyFormat } from './formats.js';
import { safeHttpUrl } from '../util/url.js';
import { displayText, isBidiControl, truncate, UnitWriter } from '../util/text.js';

/** Bodies longer than this are cut, with a button that shows the rest. */
export const BODY_PREVIEW_LENGTH = 3000;

// The body is read in single passes, without regular expressions: in a backtracking engine
// (SpiderMonkey, JavaScriptCore, Node 20's V8) a pattern such as the old autolinker's
// trailing-punctuation `[.,;:!?]+$` takes time growing with the square of the run it
// scans, and a body is whatever a visitor or a backend sends.

/** A URL written in a line: where it starts, and where it ends without trailing punctuation. */
export interface UrlSpan {
  readonly start: number;
  readonly end: number;
}

/** Whether a UTF-16 unit is whitespace as JavaScript's `\s` defines it. */
function isSpace(c: number): boolean {
  return (
    (c >= 0x09 && c <= 0x0d) || c === 0x20 || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff
  );
}

/** Whether a unit ends a URL written in text: whitespace, or a quote or angle bracket around it. */
function endsUrl(c: number): boolean {
  return c === 0x3c || c === 0x3e || c === 0x22 || c === 0x27 || c === 0x60 || isSpace(c);
}

/** Whether a unit is an ASCII letter, digit or `_`, the characters `\b` sees as a word. */
function isWordChar(c: number): boolean {
  const lower = c | 0x20;
  return (c >= 0x30 && c <= 0x39) || (lower >= 0x61 && lower <= 0x7a) || c === 0x5f;
}

/** Whether a unit is punctuation that ends a sentence or closes a bracket: . , ; : ! ? ' " ) ] } > */
function isTrailingPunctuation(c: number): boolean {
  switch (c) {
    case 0x2e: case 0x2c: case 0x3b: case 0x3a: case 0x21: case 0x3f:
    case 0x27: case 0x22: case 0x29: case 0x5d: case 0x7d: case 0x3e:
      return true;
    default:
      return false;
  }
}

/** The length of `http://` or `https://`, in any case, at `i`; 0 when neither is there. */
function schemeLength(line: string, i: number): number {
  if ((line.charCodeAt(i) | 0x20) !== 0x68 || line.slice(i + 1, i + 4).toLowerCase() !== 'ttp') return 0;
  const j = (line.charCodeAt(i + 4) | 0x20) === 0x73 ? i + 5 : i + 4;
  return line.startsWith('://', j) ? j + 3 - i : 0;
}

/**
 * The `http(s)://` URLs written in one line, in order. A URL starts where no ASCII letter,
 * digit or `_` comes before it and runs to the next whitespace, quote or angle bracket.
 * Trailing punctuation is left out ("see https://example.com/a." ends
 * at `a`), unless it is a lone `)` closing a bracket the URL opened, as Wikipedia's do.
 */
export function urlSpans(line: string): UrlSpan[] {
  const spans: UrlSpan[] = [];
  const n = line.length;
  let i = 0;
  let sep = -1;
  while (i < n) {
    // Jump to the only places a URL can start: 4 or 5 units before the next `://`.
    if (sep < i + 4) {
      sep = line.indexOf('://', i + 4);
      if (sep < 0) break;
      i = Math.max(i, sep - 5);
    }
    const scheme = i > 0 && isWordChar(line.charCodeAt(i - 1)) ? 0 : schemeLength(line, i);
    let end = i + scheme;
    if (!scheme || end >= n || endsUrl(line.charCodeAt(end))) {
      i++;
      continue;
    }
    let opensBracket = false;
    for (; end < n && !endsUrl(line.charCodeAt(end)); end++) if (line.charCodeAt(end) === 0x28) opensBracket = true;
    let cut = end;
    while (isTrailingPunctuation(line.charCodeAt(cut - 1))) cut--;
    const closesOwnBracket = end - cut === 1 && line.charCodeAt(cut) === 0x29 && opensBracket;
    spans.push({ start: i, end: closesOwnBracket ? end : cut });
    i = end;
  }
  return spans;
}

/**
 * Splits text into paragraphs at blank lines: a line break, spaces or tabs, then one or
 * more line breaks (as `text.split(/\n[ \t]*\n+/)` would, in one pass).
 */
export function paragraphs(text: string): string[] {
  const out: string[] = [];
  let from = 0;
  for (let i = text.indexOf('\n'); i >= 0; ) {
    let j = i + 1;
    while (text.charCodeAt(j) === 0x20 || text.charCodeAt(j) === 0x09) j++;
    if (text.charCodeAt(j) === 0x0a) {
      out.push(text.slice(from, i));
      while (text.charCodeAt(j) === 0x0a) j++;
      from = j;
    }
    i = text.indexOf('\n', j);
  }
  out.push(text.slice(from));
  return out;
}

/** Text with each CR LF and lone CR as LF, the one line break the rest of this module reads. */
export function lineFeeds(text: string): string {
  if (!text.includes('\r')) return text;
  const out = new UnitWriter(text.length);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 0x0d) out.push(c);
    else if (text.charCodeAt(i + 1) !== 0x0a) out.push(0x0a);
  }
  return out.toString();
}

/**
 * What a link shows of the URL written in the text: the same characters, but each
 * direction control as `�`. No real URL holds one (a browser's address bar shows them
 * percent-encoded), and inside the link one could reorder what it shows: an override
 * before `nigol/elpmaxe.knab` makes it read `bank.example/login`.
 */
export function linkText(raw: string): string {
  let i = 0;
  while (i < raw.length && !isBidiControl(raw.charCodeAt(i))) i++;
  if (i === raw.length) return raw;
  const out = new UnitWriter(raw.length);
  for (i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    out.push(isBidiControl(c) ? 0xfffd : c);
  }
  return out.toString();
}

/** A link to an `http(s)` URL written in a body. */
function createLink(href: string, raw: string): HTMLAnchorElement {
  const link = document.createElement('a');
  link.href = href;
  link.rel = 'nofollow ugc noopener';
  // A URL reads left to right whatever surrounds it (Unicode's advice for URLs): as its
  // own isolate, no override written before it can reorder it, and none in it can reach
  // the text after it.
  link.dir = 'ltr';
  link.textContent = linkText(raw);
  return link;
}

// Blocks are sized in rough units of work, a character being 1: a line break (an element,
// a text node and a line to lay out) costs about 32 characters, a link (a URL parsed, an
// element, an isolate) about 128. Measured on 1 MB bodies: laying out 350,000 lines took
// Chromium 4 s, and Firefox 69 s in one paragraph (its line layout grows with the square
// of the lines in a block); 32,000 links took both 0.6 s.
const LINE_COST = 32;
const LINK_COST = 128;
/** What one block holds at most: a longer paragraph goes on in further blocks inside it. */
const BLOCK_COST = 16_384;
/**
 * How long an expanded body is written for before the page may paint, in ms; the rest
 * follows in later frames. Time, not size: on a busy machine less is written per frame.
 */
const FRAME_MS = 8;

/** Whether a body's format had no add-on to write it, and the console was told. */
let warned = false;

/** The write in progress into each body element, so that a new fill stops an older one. */
const writes = new WeakMap<HTMLElement, Generator<number, void>>();

/**
 * Writes text into `target` as paragraphs and line breaks, its URLs as links, and yields
 * the cost of each block as it reaches the page. A paragraph over `BLOCK_COST` goes on in
 * `<div>` blocks inside its `<p>`, split at line breaks (or, in a line longer than a
 * block, near a space), each laid out on its own. Those later blocks keep their line
 * breaks as text under `white-space: pre-line`, which shows the same as `<br>`s: a block
 * of short lines is then one text node, where `<br>`s made 700,000 nodes of a megabyte.
 */
function* write(target: HTMLElement, text: string): Generator<number, void> {
  let p!: HTMLElement;
  let block!: HTMLElement;
  let cost = 0;
  let empty = true;
  /** Text of a later block not yet appended: it becomes one text node. */
  let pending: string[] = [];

  const flush = () => {
    if (pending.length) block.append(pending.join(''));
    pending = [];
  };

  function* close(more: boolean): Generator<number, void> {
    flush();
    if (block === p) {
      // Set once the block is written: Chromium looks for the direction of a `dir=auto`
      // element again at every child appended (1.7 s for 64 KB of short lines).
      p.dir = 'auto';
      target.append(p);
    } else {
      // A later block keeps the direction the paragraph took from its start.
      block.dir = directionOf(p);
      p.append(block);
    }
    yield cost;
    if (more) {
      block = document.createElement('div');
      // Set through the CSSOM, which a strict Content-Security-Policy allows. Off screen,
      // a block is neither laid out nor painted (`content-visibility`): without that,
      // Chromium's frames grew with all the blocks above, to 230 ms each at a megabyte.
      block.style.whiteSpace = 'pre-line';
      block.style.setProperty('content-visibility', 'auto');
      block.style.setProperty('contain-intrinsic-size', 'auto 40em');
      cost = 0;
      empty = true;
    }
  }

  const put = (s: string) => {
    if (block === p) block.append(s);
    else pending.push(s);
  };

  function* add(node: Node, size: number): Generator<number, void> {
    if (!empty && cost + size > BLOCK_COST) yield* close(true);
    flush();
    block.append(node);
    cost += size;
    empty = false;
  }

  function* addText(s: string): Generator<number, void> {
    let from = 0;
    while (s.length - from > BLOCK_COST - cost) {
      if (!empty && BLOCK_COST - cost < 256) {
        yield* close(true);
        continue;
      }
      let cut = from + BLOCK_COST - cost;
      // Near a space, where the line could wrap anyway; never between a surrogate pair.
      let space = cut;
      while (space > cut - 256 && s.charCodeAt(space - 1) !== 0x20) space--;
      if (space > cut - 256 && space > from) cut = space;
      else if ((s.charCodeAt(cut - 1) & 0xfc00) === 0xd800) cut--;
      put(s.slice(from, cut));
      cost += cut - from;
      empty = false;
      from = cut;
      yield* close(true);
    }
    put(s.slice(from));
    cost += s.length - from;
    if (s.length > from) empty = false;
  }

  function* addLine(line: string): Generator<number, void> {
    let last = 0;
    for (const { start, end } of urlSpans(line)) {
      const raw = line.slice(start, end);
      const href = safeHttpUrl(raw);
      if (!href) continue;
      yield* addText(line.slice(last, start));
      yield* add(createLink(href, raw), LINK_COST + raw.length);
      last = end;
    }
    yield* addText(line.slice(last));
  }

  for (const paragraph of paragraphs(text)) {
    if (!paragraph.trim()) continue;
    p = block = document.createElement('p');
    cost = 0;
    empty = true;
    const lines = paragraph.split('\n');
    for (let i = 0; i < lines.length; i++) {
      // Where a block ends at a line break, the block's edge is the break.
      if (i && cost + LINE_COST > BLOCK_COST) yield* close(true);
      else if (i) {
        if (block === p) block.append(document.createElement('br'));
        else pending.push('\n');
        cost += LINE_COST;
      }
      yield* addLine(lines[i]);
    }
    yield* close(false);
  }
}

/** The direction an element resolved to, for a sibling block that must read the same way. */
function directionOf(element: HTMLElement): string {
  try {
    return element.matches(':dir(rtl)') ? 'rtl' : 'ltr';
  } catch {
    // No `:dir()` (Chromium before 120): let the block find its own.
    return 'auto';
  }
}

/** Runs a write, a block at a time, until it is done (true) or the time is past `deadline`. */
function advance(writer: Generator<number, void>, deadline: number): boolean {
  do {
    if (writer.next().done) return true;
  } while (performance.now() < deadline);
  return false;
}

/**
 * Goes on with a write once the page has painted, a batch per frame until it is done or
 * replaced: batches in back-to-back tasks would all be laid out in the one frame after them.
 */
function continueLater(target: HTMLElement, writer: Generator<number, void>): void {
  afterNextPaint(() => {
    if (writes.get(target) !== writer) return;
    if (advance(writer, performance.now() + FRAME_MS)) writes.delete(target);
    else continueLater(target, writer);
  });
}

/** Fills an element with all of a body in one go: what "Show more" spreads over frames. */
export function fillWholeBody(target: HTMLElement, body: string): void {
  if (target.firstChild) target.textContent = '';
  writes.delete(target);
  advance(write(target, lineFeeds(displayText(body))), Infinity);
}

/**
 * Whether an add-on's format wrote the body. One that throws must not take the rest of
 * the thread with it: the comment is then written as plain text (and the error logged).
 */
function formatted(formatter: BodyFormat, target: HTMLElement, text: string): boolean {
  try {
    formatter(target, text);
    return true;
  } catch (error) {
    console.error('[parley] a body format failed; plain text shown', error);
    target.textContent = '';
    return false;
  }
}

/**
 * Fills an element with a visitor's text as paragraphs (blank lines) and line breaks, cut
 * to a preview when very long. Only text nodes and elements made here: no string from the
 * body is ever parsed as markup. A preview is written at once; so is as much of an
 * expanded body as takes 8 ms, and the rest follows a batch per frame, so that "Show more"
 * on a megabyte never holds the page. A `format` an add-on registered writes it instead.
 */
export function fillBody(target: HTMLElement, body: string, expanded: boolean, showMore: string, format?: string): void {
  const long = !expanded && body.length > BODY_PREVIEW_LENGTH;
  const text = lineFeeds(displayText(long ? truncate(body, BODY_PREVIEW_LENGTH) + '…' : body));
  if (target.firstChild) target.textContent = '';
  // A format an add-on registered (src/comment/formats.ts) writes the body itself;
  // without the add-on, plain text, and a word in the console why (once).
  const formatter = formats[format!];
  if (format && !formatter && !warned) {
    warned = true;
    // An add-on in a later deferred or async script may still come (and redraw): said only
    // when it has not by the time the page has loaded.
    const check = () => formats[format] || console.warn(`[parley] no ${format} add-on loaded: plain text shown`);
    if (document.readyState === 'complete') check();
    else addEventListener('load', check, { once: true });
  }
  // Most bodies are one short line without a link: what `write` makes of them (one
  // paragraph of one text node) made directly, without its generators. In a CPU profile
  // of a first render of 5,000 comments this module's own time fell from 106 to 12 ms.
  if (formatter && formatted(formatter, target, text)) {
    writes.delete(target);
  } else if (text.length <= BLOCK_COST && !text.includes('\n') && !text.includes('://') && text.trim()) {
    writes.delete(target);
    const p = document.createElement('p');
    p.append(text);
    p.dir = 'auto';
    target.append(p);
  } else {
    const writer = write(target, text);
    if (advance(writer, expanded ? performance.now() + FRAME_MS : Infinity)) writes.delete(target);
    else {
      writes.set(target, writer);
      continueLater(target, writer);
    }
  }
  if (long) {
    const more = document.createElement('button');
    more.type = 'button';
    more.className = 'link';
    more.dataset.action = 'more';
    more.textContent = showMore;
    target.append(more);
  }
}

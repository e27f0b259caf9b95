/**
 * Markdown source → a description of the nodes to show, without a DOM: the safe subset of
 * the markdown add-on, testable in any engine. `marked`'s lexer reads the source; only
 * its tokens are used (never its HTML renderer), and only the constructs below become
 * elements. Everything else comes out as the text it was written as.
 *
 * Shown: paragraphs, emphasis, strong, strikethrough, inline code, code blocks, block
 * quotes, lists, thematic breaks, line breaks, links to `http:`, `https:` and `mailto:`
 * URLs, and URLs written out (autolinks). Shown as their text: raw HTML, headings (a
 * comment should not add to the page's outline), tables, images (their alt text, and a
 * link to the image when it is an http(s) URL), links to any other scheme or a relative
 * address, reference definitions.
 */
import { Lexer, type Token, type Tokens } from 'marked';
import { decodeHtmlEntities } from '../adapters/html-to-text.js';
import { paragraphs } from '../comment/body.js';

/** The elements a description may name: nothing else is ever created. */
export type MarkdownTag = 'p' | 'em' | 'strong' | 'del' | 'code' | 'pre' | 'blockquote' | 'ul' | 'ol' | 'li' | 'a' | 'br' | 'hr';

/** One element to create, with its children; text is a plain string. */
export interface MarkdownElement {
  readonly tag: MarkdownTag;
  readonly children: MarkdownNode[];
  /** A link's address: absolute `http:`, `https:` or `mailto:`, checked by `safeLinkUrl`. */
  readonly href?: string;
  /** An ordered list's first number, when not 1. */
  readonly start?: number;
  /** A URL written out: shown left to right whatever surrounds it. */
  readonly autolink?: boolean;
}

export type MarkdownNode = string | MarkdownElement;

// Limits that keep the lexer's time linear in the source. Its block rules recurse once
// per level of quote or list (20,000 `>` overflowed the stack), and matching emphasis
// and link delimiters takes time growing with the number of delimiters times the length
// of the block (`*a` repeated: 0.6 s for 20,000 characters in Node). A block over these
// limits is not read for inline markdown and is shown as the text it was written as.
/** The deepest quote or list nesting read as markdown; deeper, the body is shown as plain text. */
export const MAX_NESTING = 16;
/** The most delimiter characters (`*_~[]`!<`) a block's inline content may hold. */
export const MAX_DELIMITERS = 256;
// Some of the lexer's block rules take time growing with the square of what is left of
// the source in JavaScriptCore (Safari), where V8 and SpiderMonkey stay linear: 64 KB of
// `- a` lines took 8 s, of setext headings 42 s. So it reads the source in pieces of at
// most `PIECE_HARD` characters (`pieces`), which bounds each piece's cost and keeps the
// whole linear, and a body longer than `MAX_SOURCE` is shown as plain text.
/** A piece ends at the first blank line after this many characters. */
export const PIECE_SOFT = 768;
/** No piece is longer than this. */
export const PIECE_HARD = 1024;
/** The longest body read as markdown (the widget posts at most 10,000 characters by default). */
export const MAX_SOURCE = 32_768;

/** Absolute `http:`, `https:` or `mailto:` URLs, as the parser normalises them; else null. */
export function safeLinkUrl(raw: string): string | null {
  // Entities first: `&#106;avascript:` is `javascript:` to whoever reads it.
  const value = decodeHtmlEntities(raw);
  if (value.length > 2048) return null;
  let url: URL;
  try {
    // No base: a relative address would resolve against whatever page embeds the widget.
    url = new URL(value);
  } catch {
    return null;
  }
  return url.protocol === 'http:' || url.protocol === 'https:' || url.protocol === 'mailto:' ? url.href : null;
}

const isDigit = (c: number) => c >= 0x30 && c <= 0x39;

/**
 * Whether a list marker ends at `i`: a space, a tab, or the end of the line, as marked
 * reads it (`-\t` nested 1,490 lists in 3 KB when only a space counted, and overflowed
 * the lexer's stack).
 */
function endsMarker(source: string, i: number): boolean {
  const c = source.charCodeAt(i);
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || i >= source.length;
}

/** Whether a line's start nests deeper than `MAX_NESTING` quotes or list levels. */
function tooDeep(source: string): boolean {
  let line = 0;
  while (line < source.length) {
    let depth = 0;
    let i = line;
    // Quote markers and indentation (a list level is two to four spaces or a tab).
    for (let spaces = 0; i < source.length; i++) {
      const c = source.charCodeAt(i);
      if (c === 0x3e /* > */) depth++;
      else if (c === 0x09) depth++;
      else if (c === 0x20) {
        if (++spaces % 2 === 0) depth++;
      } else if ((c === 0x2d || c === 0x2a || c === 0x2b) && endsMarker(source, i + 1)) {
        depth++;
        i++;
      } else if (c >= 0x30 && c <= 0x39) {
        // An ordered list's marker: digits, then `.` or `)`, then a space.
        let j = i + 1;
        while (j < source.length && j - i < 10 && isDigit(source.charCodeAt(j))) j++;
        const after = source.charCodeAt(j);
        if ((after !== 0x2e && after !== 0x29) || !endsMarker(source, j + 1)) break;
        depth++;
        i = j + 1;
      } else break;
      if (depth > MAX_NESTING) return true;
    }
    const next = source.indexOf('\n', i);
    line = next < 0 ? source.length : next + 1;
  }
  return false;
}

/** How many characters of `text` could open or close an inline construct. */
function delimiters(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    switch (text.charCodeAt(i)) {
      case 0x2a: case 0x5f: case 0x7e: case 0x5b: case 0x5d: case 0x60: case 0x21: case 0x3c:
        n++;
    }
  }
  return n;
}

const el = (tag: MarkdownTag, children: MarkdownNode[] = [], extra: Partial<MarkdownElement> = {}): MarkdownElement => ({ tag, children, ...extra });

/** Text of a token as written, entities read. */
const textOf = (token: { text?: string; raw: string }) => decodeHtmlEntities(token.text ?? token.raw);

/** Adds text to a list of nodes, joining it to text before it. */
function pushText(out: MarkdownNode[], text: string): void {
  if (!text) return;
  const last = out.length - 1;
  if (last >= 0 && typeof out[last] === 'string') out[last] += text;
  else out.push(text);
}

function inline(tokens: readonly Token[] | undefined, out: MarkdownNode[] = []): MarkdownNode[] {
  for (const token of tokens ?? []) {
    switch (token.type) {
      case 'strong':
      case 'em':
      case 'del':
        out.push(el(token.type, inline(token.tokens)));
        break;
      case 'codespan':
        // Code keeps its entities as written: `&amp;` in code is five characters.
        out.push(el('code', [token.text]));
        break;
      case 'br':
        out.push(el('br'));
        break;
      case 'link': {
        const href = safeLinkUrl(token.href);
        const children = inline(token.tokens);
        if (!href) {
          // Not a URL we link to: the text it was written as, so nothing is lost or hidden.
          pushText(out, token.raw);
          break;
        }
        const autolink = (token as Tokens.Link & { autolink?: boolean }).autolink === true || token.raw === token.href;
        out.push(el('a', autolink ? [decodeHtmlEntities(token.text)] : children, autolink ? { href, autolink } : { href }));
        break;
      }
      case 'image': {
        // Not fetched: an image would tell its host who reads the comment. Its alt text
        // stands in, linked when the image's address is one we link to.
        const href = safeLinkUrl(token.href);
        const alt = inline(token.tokens);
        if (href) out.push(el('a', alt.length ? alt : [token.href], { href }));
        else out.push(...alt);
        break;
      }
      case 'escape':
        pushText(out, token.text);
        break;
      case 'text':
        if ('tokens' in token && token.tokens?.length) inline(token.tokens, out);
        else pushText(out, textOf(token));
        break;
      case 'as-written':
        // A block with too many delimiters to read in linear time (see `MAX_DELIMITERS`).
        asWritten(token.raw, out);
        break;
      default:
        // Raw HTML, and anything a later lexer adds: the source, shown as text.
        pushText(out, token.raw);
    }
  }
  return out;
}

/** Adds a node to a list, text joined to text before it. */
const append = (out: MarkdownNode[], node: MarkdownNode) => (typeof node === 'string' ? pushText(out, node) : out.push(node));

/** Text without the line feeds that end it (a loop: `/\n+$/` backtracks on long runs). */
function withoutFinalLineFeeds(text: string): string {
  let end = text.length;
  while (text.charCodeAt(end - 1) === 0x0a) end--;
  return text.slice(0, end);
}

/** Text with its line breaks as `<br>`s, for a block shown as it was written. */
function asWritten(text: string, out: MarkdownNode[] = []): MarkdownNode[] {
  text = withoutFinalLineFeeds(text);
  const end = text.length;
  let from = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < end; i = text.indexOf('\n', from)) {
    pushText(out, text.slice(from, i));
    out.push(el('br'));
    from = i + 1;
  }
  pushText(out, text.slice(from, end));
  return out;
}

/** A block's inline content. */
const inlineOf = (token: Tokens.Paragraph | Tokens.Text | Tokens.Heading) => inline(token.tokens);

function blocks(tokens: readonly Token[], out: MarkdownNode[] = []): MarkdownNode[] {
  for (const token of tokens) {
    switch (token.type) {
      case 'space':
      case 'def':
        break;
      case 'paragraph':
      case 'heading':
        out.push(el('p', inlineOf(token as Tokens.Paragraph)));
        break;
      case 'text':
        // A tight list item's text: its inline content, without a paragraph.
        if ('tokens' in token && token.tokens) for (const node of inlineOf(token as Tokens.Text)) append(out, node);
        else pushText(out, textOf(token));
        break;
      case 'code':
        out.push(el('pre', [el('code', [withoutFinalLineFeeds(token.text)])]));
        break;
      case 'blockquote':
        out.push(el('blockquote', blocks(token.tokens ?? [])));
        break;
      case 'hr':
        out.push(el('hr'));
        break;
      case 'list': {
        const list = token as Tokens.List;
        const items = list.items.map((item) => el('li', blocks(item.tokens)));
        const start = Number(list.start);
        out.push(el(list.ordered ? 'ol' : 'ul', items, list.ordered && Number.isSafeInteger(start) && start !== 1 ? { start } : {}));
        break;
      }
      case 'checkbox':
        pushText(out, (token as { checked?: boolean }).checked ? '[x] ' : '[ ] ');
        break;
      default:
        // Raw HTML blocks, tables and anything unknown: their source, as a paragraph of text.
        out.push(el('p', asWritten(token.raw)));
    }
  }
  return out;
}

/**
 * What a markdown body shows, as elements and text; as plain text when it nests deeper
 * than `MAX_NESTING`. Line breaks inside a paragraph are
 * kept (as in comments on GitHub), since comments are written with them in mind.
 */
export function describeMarkdown(source: string): MarkdownNode[] {
  if (source.includes('\r')) source = source.replace(/\r\n?/g, '\n');
  // Too long or too deep to read: paragraphs and line breaks, as plain text shows them.
  if (source.length > MAX_SOURCE || tooDeep(source)) return paragraphs(source).filter((p) => p.trim()).map((p) => el('p', asWritten(p)));
  const out: MarkdownNode[] = [];
  for (const { text, join } of pieces(source)) {
    const nodes = describePiece(text);
    // A cut inside a block does not show: the block goes on from one piece into the next.
    if (join !== 'blank') joinBlocks(out, nodes, join);
    out.push(...nodes);
  }
  return out;
}

/**
 * Joins the first block of `next` to the last of `out` when a cut inside a block split
 * them: a paragraph (at a line break, or a space for a line cut in two), a list, a quote
 * (and what ends and starts it), a code block.
 */
function joinBlocks(out: MarkdownNode[], next: MarkdownNode[], join: Exclude<Piece['join'], 'blank'>): void {
  const last = out[out.length - 1];
  const first = next[0];
  if (typeof last === 'string' || typeof first === 'string' || !last || !first || last.tag !== first.tag) return;
  next.shift();
  if (last.tag === 'p') {
    if (join === 'line') last.children.push(el('br'));
    else if (join === 'space') pushText(last.children, ' ');
    for (const node of first.children) append(last.children, node);
  } else if (last.tag === 'pre') {
    const [a] = last.children as MarkdownElement[];
    const [b] = first.children as MarkdownElement[];
    a.children[0] = `${a.children[0] as string}\n${b.children[0] as string}`;
  } else if (last.tag === 'blockquote') {
    joinBlocks(last.children, first.children, join);
    last.children.push(...first.children);
  } else if (last.tag === 'ul' || last.tag === 'ol') {
    last.children.push(...first.children);
  } else {
    next.unshift(first);
  }
}

/** One piece of at most `PIECE_HARD` characters, lexed on its own. */
function describePiece(source: string): MarkdownNode[] {
  // `Lexer.lex` in two steps: the blocks, then the inline content of each block that
  // stays within `MAX_DELIMITERS`.
  const lexer = new Lexer({ gfm: true, breaks: true });
  const tokens = lexer.blockTokens(source, lexer.tokens);
  for (const { src, tokens: into } of lexer.inlineQueue) {
    lexer.state.inRawBlock = false;
    if (delimiters(src) <= MAX_DELIMITERS) lexer.inlineTokens(src, into);
    else into.push({ type: 'as-written', raw: src } as unknown as Token);
  }
  lexer.inlineQueue = [];
  return blocks(tokens);
}

/** The fence a line opens or closes (```` ``` ```` or `~~~`, up to three spaces in), as its run; else ''. */
function fenceRun(line: string): string {
  let i = 0;
  while (i < 3 && line.charCodeAt(i) === 0x20) i++;
  const c = line.charCodeAt(i);
  if (c !== 0x60 && c !== 0x7e) return '';
  let j = i;
  while (line.charCodeAt(j) === c) j++;
  return j - i >= 3 ? line.slice(i, j) : '';
}

/** A piece of the source, and what stood between it and the piece before. */
export interface Piece {
  readonly text: string;
  /**
   * `blank`: a blank line (or it is the first); `line`: a line break inside a block;
   * `space`: a line cut at a space; `none`: a line cut where it had none.
   */
  readonly join: 'blank' | 'line' | 'space' | 'none';
}

/**
 * The source cut into pieces the lexer reads one at a time, so that none is longer than
 * `PIECE_HARD`: after `PIECE_SOFT` characters at the next blank line outside a code
 * block, else at a line's end (a code block cut there is closed and opened again), and a
 * line longer than that near a space. Bodies are short, and most are one piece.
 */
export function pieces(source: string): Piece[] {
  if (source.length <= PIECE_HARD) return [{ text: source, join: 'blank' }];
  const out: Piece[] = [];
  let join: Piece['join'] = 'blank';
  let piece: string[] = [];
  let size = 0;
  /** The open code block's fence run, and the line that opened it. */
  let fence = '';
  let opening = '';
  /** Ends the piece; the next one follows it as `next` says. */
  const cut = (next: Piece['join']) => {
    if (fence) piece.push(fence);
    out.push({ text: piece.join('\n'), join });
    join = next;
    piece = fence ? [opening] : [];
    size = fence ? opening.length + 1 : 0;
  };
  for (let from = 0; from <= source.length; ) {
    let end = source.indexOf('\n', from);
    if (end < 0) end = source.length;
    let line = source.slice(from, end);
    from = end + 1;
    while (line.length > PIECE_HARD - size) {
      if (size) {
        cut('line');
        continue;
      }
      // A line longer than a piece: cut near a space, never between a surrogate pair.
      let at = PIECE_HARD;
      let space = at;
      while (space > at - 256 && line.charCodeAt(space - 1) !== 0x20) space--;
      // The space itself goes: the pieces are joined again with one (`joinBlocks`).
      const atSpace = space > at - 256;
      if (atSpace) at = space;
      else if ((line.charCodeAt(at - 1) & 0xfc00) === 0xd800) at--;
      piece.push(line.slice(0, atSpace ? at - 1 : at));
      size = at + 1;
      cut(atSpace ? 'space' : 'none');
      line = line.slice(at);
    }
    if (!fence && size >= PIECE_SOFT && !line.trim()) {
      cut('blank');
      continue;
    }
    const run = fenceRun(line);
    if (!fence && run) {
      fence = run;
      opening = line;
    } else if (fence && run && run[0] === fence[0] && run.length >= fence.length && !line.slice(line.indexOf(run) + run.length).trim()) {
      fence = '';
    }
    piece.push(line);
    size += line.length + 1;
  }
  if (piece.length) out.push({ text: piece.join('\n'), join });
  return out;
}

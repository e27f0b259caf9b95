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
  // Too deep to read: paragraphs and line breaks, as plain text shows them.
  if (tooDeep(source)) return paragraphs(source).filter((p) => p.trim()).map((p) => el('p', asWritten(p)));
  // `Lexer.lex` in two steps: the blocks, then the inline content of each block that
  // stays within `MAX_DELIMITERS`.
  const lexer = new Lexer({ gfm: true, breaks: true });
  const tokens = lexer.blockTokens(source.includes('\r') ? source.replace(/\r\n?/g, '\n') : source, lexer.tokens);
  for (const { src, tokens: into } of lexer.inlineQueue) {
    lexer.state.inRawBlock = false;
    if (delimiters(src) <= MAX_DELIMITERS) lexer.inlineTokens(src, into);
    else into.push({ type: 'as-written', raw: src } as unknown as Token);
  }
  lexer.inlineQueue = [];
  return blocks(tokens);
}

/**
 * Backend HTML — the markup a comment server renders from markdown, or an error page —
 * read as text, on strings, without building any DOM from it.
 *
 * Every loop here moves forward through its input and every search (`indexOf`, one fixed
 * string or a one-character class) starts where the last one ended: the work grows with
 * the length of the input in every engine. Backtracking patterns such as `/[ \t]+\n/`
 * are avoided on purpose: SpiderMonkey, JavaScriptCore and Node 20 take time that grows
 * with the square of a run of spaces on them, where Chromium does not.
 */
import { httpUrl } from './backend-support.js';

/** The named references HTML escapers emit, spelled as HTML accepts them (case matters). */
const NAMED = new Map([
  ['amp', '&'],
  ['AMP', '&'],
  ['lt', '<'],
  ['LT', '<'],
  ['gt', '>'],
  ['GT', '>'],
  ['quot', '"'],
  ['QUOT', '"'],
  ['apos', "'"],
  ['nbsp', '\u00a0'],
]);

/**
 * Decodes the character references HTML escapers emit — `&amp; &lt; &gt; &quot; &apos;
 * &nbsp;` and numeric ones — in one pass, so `&amp;lt;` becomes the text `&lt;`, not `<`.
 * A numeric reference to no character (0, a surrogate, past U+10FFFF) becomes U+FFFD, as
 * in a browser; other named references stay as written. Not a string: ''.
 */
export function decodeHtmlEntities(text: unknown): string {
  if (typeof text !== 'string') return '';
  const out: string[] = [];
  let copied = 0;
  for (let amp = text.indexOf('&'); amp >= 0; amp = text.indexOf('&', amp + 1)) {
    const reference = readReference(text, amp);
    if (!reference) continue;
    out.push(text.slice(copied, amp), reference.text);
    copied = reference.end;
  }
  return copied === 0 ? text : out.join('') + text.slice(copied);
}

/**
 * The reference that starts with the `&` at `at` (`&name;`, `&#digits;`, `&#xhex;`) as
 * the text it stands for and where it ends, or null when there is none. A run of letters
 * or digits holds no `&`, so no character is read on behalf of two ampersands.
 */
function readReference(text: string, at: number): { text: string; end: number } | null {
  const numeric = text[at + 1] === '#';
  const hex = numeric && (text[at + 2] === 'x' || text[at + 2] === 'X');
  const start = at + (hex ? 3 : numeric ? 2 : 1);
  const allowed = hex ? isHexDigit : numeric ? isDigit : isLetter;
  let end = start;
  while (end < text.length && allowed(text.charCodeAt(end))) end++;
  if (end === start || text[end] !== ';') return null;
  const name = text.slice(start, end);
  if (!numeric) {
    const named = NAMED.get(name);
    return named === undefined ? null : { text: named, end: end + 1 };
  }
  const code = parseInt(name, hex ? 16 : 10);
  const valid = code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff);
  return { text: valid ? String.fromCodePoint(code) : '\ufffd', end: end + 1 };
}

const isDigit = (c: number) => c >= 48 && c <= 57;
const isLetter = (c: number) => (c | 0x20) >= 97 && (c | 0x20) <= 122;
const isHexDigit = (c: number) => isDigit(c) || ((c | 0x20) >= 97 && (c | 0x20) <= 102);

/** One piece of markup read by `readMarkup`. */
interface Markup {
  /** Where the text after it starts. */
  end: number;
  /** The lower-case tag name; '' for a comment, a doctype or anything else without text. */
  name: string;
  closing: boolean;
  /** The decoded `href` attribute, when the tag has one. */
  href?: string;
}

const SPACE = /[\t\n\f\r ]/;
const NAME_END = /[\t\n\f\r />]/;
const ATTRIBUTE_NAME_END = /[\t\n\f\r />=]/;
const UNQUOTED_VALUE_END = /[\t\n\f\r >]/;
const LINE_ENDS = /^(li|tr)$/;
const BLOCK_ENDS = /^(p|div|pre|blockquote|h[1-6]|ul|ol|table)$/;

/**
 * Reads the markup that starts with the `<` at `at` as the HTML tokenizer does: a tag (a
 * quoted attribute value may hold `>`), a comment, or a bogus comment (`<!doctype …>`,
 * `<?…>`, `</ …>`). Returns null when the `<` is plain text, as in `a < b`. Markup left
 * open at the end of the input swallows the rest, as in a browser. One pass, no regular
 * expression over the whole input: hostile markup cannot make it backtrack.
 */
function readMarkup(html: string, at: number): Markup | null {
  const n = html.length;
  if (html.startsWith('<!--', at)) {
    // Searching from the first '-' also closes `<!-->` and `<!--->`, as the tokenizer does.
    const close = html.indexOf('-->', at + 2);
    return { end: close < 0 ? n : close + 3, name: '', closing: false };
  }
  const closing = html[at + 1] === '/';
  let j = at + (closing ? 2 : 1);
  if (!/[a-zA-Z]/.test(html[j] ?? '')) {
    if (j >= n || (!closing && html[j] !== '!' && html[j] !== '?')) return null;
    const close = html.indexOf('>', j);
    return { end: close < 0 ? n : close + 1, name: '', closing: false };
  }
  const nameStart = j;
  while (j < n && !NAME_END.test(html[j])) j++;
  const tag: Markup = { end: n, name: html.slice(nameStart, j).toLowerCase(), closing };
  while (j < n) {
    if (html[j] === '>') return { ...tag, end: j + 1 };
    if (SPACE.test(html[j]) || html[j] === '/') {
      j++;
      continue;
    }
    // An attribute: its name (which may begin with '='), then maybe '=' and a value.
    const attributeStart = j++;
    while (j < n && !ATTRIBUTE_NAME_END.test(html[j])) j++;
    const attribute = html.slice(attributeStart, j).toLowerCase();
    let k = j;
    while (k < n && SPACE.test(html[k])) k++;
    if (html[k] !== '=') continue;
    j = k + 1;
    while (j < n && SPACE.test(html[j])) j++;
    const quote = html[j];
    let value: string;
    if (quote === '"' || quote === "'") {
      const close = html.indexOf(quote, j + 1);
      if (close < 0) break;
      value = html.slice(j + 1, close);
      j = close + 1;
    } else {
      const valueStart = j;
      while (j < n && !UNQUOTED_VALUE_END.test(html[j])) j++;
      value = html.slice(valueStart, j);
    }
    if (attribute === 'href' && tag.href === undefined) tag.href = decodeHtmlEntities(value);
  }
  return { end: n, name: '', closing: false };
}

/** Where the contents of a `<script>` or `<style>` opened before `from` end. */
function rawTextEnd(html: string, from: number, name: string): number {
  const end = new RegExp(`</${name}[\\t\\n\\f\\r />]`, 'gi');
  end.lastIndex = from;
  return end.exec(html)?.index ?? html.length;
}

/** What follows a link's text: its address in brackets, when it is an http(s) URL not already shown. */
function linkAddress(label: string, href: string | undefined): string {
  const url = httpUrl(href?.trim());
  const shown = label.trim();
  if (!url || shown === url || shown === href?.trim()) return '';
  return shown ? ` (${url})` : url;
}

/**
 * Turns the small, sanitised HTML a comment server renders from markdown into readable
 * text, without building any DOM from it: block ends and `<br>` become line breaks, a link
 * keeps its address in brackets when that is an http(s) URL (any other, `javascript:`
 * included, is dropped and only the link's text remains), the contents of `<script>` and
 * `<style>` and comments are dropped, other tags are removed and character references
 * decoded. The result is text to show as text, never to parse as HTML again: `&lt;b&gt;`
 * in the source comes out as `<b>`. Not a string: ''.
 */
export function htmlToText(html: unknown): string {
  if (typeof html !== 'string') return '';
  const out: string[] = [];
  let link: { href: string | undefined; from: number } | undefined;
  const closeLink = () => {
    if (link) out.push(linkAddress(out.slice(link.from).join(''), link.href));
    link = undefined;
  };
  // The text from `i` on is not written out yet; the next tag is looked for from `from`,
  // past any '<' that opened none (`a < b`), which stays in the text.
  let i = 0;
  let from = 0;
  for (let lt = html.indexOf('<'); lt >= 0; lt = html.indexOf('<', from)) {
    const tag = readMarkup(html, lt);
    if (!tag) {
      from = lt + 1;
      continue;
    }
    out.push(decodeHtmlEntities(html.slice(i, lt)));
    i = tag.end;
    const { name, closing } = tag;
    if (name === 'br') {
      out.push('\n');
      // Markdown renderers write "<br>\n": one line break, not two.
      if (html[i] === '\n') i++;
    } else if (name === 'a') {
      closeLink();
      if (!closing) link = { href: tag.href, from: out.length };
    } else if (!closing && (name === 'script' || name === 'style')) {
      i = rawTextEnd(html, i, name);
    } else if (closing && LINE_ENDS.test(name)) {
      out.push('\n');
    } else if (closing && BLOCK_ENDS.test(name)) {
      out.push('\n\n');
    }
    from = i;
  }
  out.push(decodeHtmlEntities(html.slice(i)));
  return tidyLines(out.join('')).trim();
}

/**
 * Drops the spaces and tabs that end a line and keeps at most one blank line between two
 * others, in one pass: each run of spaces, tabs and line breaks is read once.
 */
function tidyLines(text: string): string {
  const out: string[] = [];
  let copied = 0;
  for (let i = 0; i < text.length; i++) {
    if (!isBlank(text.charCodeAt(i))) continue;
    let end = i;
    let breaks = 0;
    let afterBreak = i;
    for (; end < text.length && isBlank(text.charCodeAt(end)); end++) {
      if (text.charCodeAt(end) === LINE_FEED) {
        breaks++;
        afterBreak = end + 1;
      }
    }
    if (breaks > 0) {
      // What follows the last line break is the next line's indentation: it stays.
      out.push(text.slice(copied, i), breaks > 1 ? '\n\n' : '\n');
      copied = afterBreak;
    }
    i = end - 1;
  }
  return copied === 0 ? text : out.join('') + text.slice(copied);
}

const LINE_FEED = 10;
const isBlank = (c: number) => c === 32 || c === 9 || c === LINE_FEED;

/**
 * The message of an error page that is not JSON: the text of its first paragraph (where
 * Werkzeug, Isso's server, and most proxies put the reason), else all its text; a body
 * that is not HTML is the message itself.
 */
export function pageMessage(body: string): string {
  const text = body.trim();
  if (!text.startsWith('<')) return text;
  // Searches rather than one regular expression, which would backtrack on a page of
  // unclosed paragraphs.
  const start = text.search(/<p[\t\n\f\r />]/i);
  const end = start < 0 ? -1 : text.toLowerCase().indexOf('</p', start);
  return htmlToText(start < 0 ? text : text.slice(start, end < 0 ? undefined : end));
}

/**
 * Turning what a comment backend sends — untrusted JSON, rendered HTML, error pages — into
 * Parley's types. Shared by the backend adapters (Waline, Isso, Remark42, Artalk); what is
 * particular to one backend stays in its adapter.
 *
 * Every function takes whatever the backend sent and never throws on it; the one exception
 * is `parseCursor`, which refuses a cursor the adapter never handed out.
 */
import { truncate } from '../util/text.js';
import { safeHttpUrl } from '../util/url.js';
import type { CommentAuthor } from './types.js';

/** Longest error message taken from a backend; error pages can be whole documents. */
const MAX_MESSAGE = 300;

/** True for a JSON object: not null, not an array. */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The objects in a JSON array; other entries are skipped, and a non-array reads as empty. */
export function objectsIn(value: unknown): Record<string, unknown>[] {
  return Array.isArray(value) ? value.filter(isObject) : [];
}

/**
 * The page number or offset in a cursor that an adapter handed out as `next`: `first` when
 * there is no cursor, else a decimal integer of at least `first`.
 * @throws Error for anything else, naming the backend.
 */
export function parseCursor(cursor: string | null | undefined, first: number, backend: string): number {
  if (cursor === null || cursor === undefined || cursor === '') return first;
  // Digits only: Number() would also take ' 2', '1e3' or '0x10', which no adapter hands out.
  const value = /^\d{1,15}$/.test(cursor) ? Number(cursor) : NaN;
  if (!(value >= first)) throw new Error(`Not a page cursor of this ${backend} adapter: ${truncate(cursor, 40)}`);
  return value;
}

/**
 * The value as an absolute `http:`/`https:` URL, or undefined. With `base`, a relative
 * address is resolved against it first (some servers send their own avatars that way).
 */
export function httpUrl(value: unknown, base?: string): string | undefined {
  if (typeof value !== 'string' || !value) return undefined;
  if (base === undefined) return safeHttpUrl(value) ?? undefined;
  try {
    return safeHttpUrl(new URL(value, base).href) ?? undefined;
  } catch {
    return undefined;
  }
}

/**
 * An author from a backend's fields: the name as given (empty when it is missing or blank;
 * the widget shows its words for "Anonymous"), the website and avatar only when they are
 * http(s) URLs.
 */
export function toAuthor(name: unknown, url?: unknown, avatarUrl?: unknown): CommentAuthor {
  const author: CommentAuthor = { name: typeof name === 'string' && name.trim() ? name : '' };
  const link = httpUrl(url);
  if (link) author.url = link;
  const avatar = httpUrl(avatarUrl);
  if (avatar) author.avatarUrl = avatar;
  return author;
}

/**
 * Milliseconds since the epoch as ISO 8601. A time that is not a number or lies outside
 * what `Date` can hold (where `toISOString` would throw) reads as the epoch: the comment
 * still shows, and the odd date makes the gap obvious.
 */
export function isoTime(ms: number): string {
  const date = new Date(Number.isFinite(ms) ? ms : 0);
  return (Number.isNaN(date.getTime()) ? new Date(0) : date).toISOString();
}

/** Finds the message in a backend's JSON error body (a string, or anything else for none). */
export type MessagePicker = (data: Record<string, unknown>) => unknown;

/**
 * The message in the body of a failed response, at most 300 characters, or '' when there
 * is none: what `pick` finds in a JSON object, the first paragraph of an HTML error page
 * (or its whole text when it has none) as text, or else the body itself.
 */
export function responseMessage(body: string, pick?: MessagePicker): string {
  const text = body.trim();
  let message: unknown = text;
  if (pick && text.startsWith('{')) {
    try {
      const data: unknown = JSON.parse(text);
      message = isObject(data) ? pick(data) : '';
    } catch {
      // Not JSON after all (a proxy's answer, say): the text itself is the message.
    }
  } else if (text.startsWith('<')) {
    // Found with searches rather than one regular expression, which would backtrack on a
    // page of unclosed paragraphs. Werkzeug (Isso) and most proxies put the reason in a <p>.
    const start = text.search(/<p[\t\n\f\r />]/i);
    const end = start < 0 ? -1 : text.toLowerCase().indexOf('</p', start);
    message = htmlToText(start < 0 ? text : text.slice(start, end < 0 ? undefined : end));
  }
  return typeof message === 'string' ? truncate(message.trim(), MAX_MESSAGE) : '';
}

/**
 * Reads a backend's answer. A 2xx answer resolves with its JSON object (`{}` when the body
 * is empty or a JSON value that is not an object). Any other status rejects with an Error
 * carrying the backend's own message (see `responseMessage`), or "{backend} answered HTTP
 * {status}." when it gives none; a 2xx body that is not JSON rejects too.
 */
export async function readObject(
  response: Response,
  backend: string,
  pick?: MessagePicker,
): Promise<Record<string, unknown>> {
  // An abort while the body is read rejects here with the AbortError itself.
  const text = await response.text();
  if (!response.ok) throw new Error(responseMessage(text, pick) || `${backend} answered HTTP ${response.status}.`);
  if (!text.trim()) return {};
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new Error(`${backend} sent an answer that is not JSON.`);
  }
  return isObject(data) ? data : {};
}

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
  return text.replace(/&(#[xX][0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);/g, (match, ref: string) => {
    if (ref[0] !== '#') return NAMED.get(ref) ?? match;
    const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
    const valid = code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff);
    return valid ? String.fromCodePoint(code) : '\ufffd';
  });
}

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
  let i = 0;
  while (i < html.length) {
    const lt = html.indexOf('<', i);
    out.push(decodeHtmlEntities(html.slice(i, lt < 0 ? html.length : lt)));
    if (lt < 0) break;
    const tag = readMarkup(html, lt);
    if (!tag) {
      out.push('<');
      i = lt + 1;
      continue;
    }
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
  }
  return out
    .join('')
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

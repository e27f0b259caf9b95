/**
 * HTML read as text, on strings, without building any DOM: the server's copy of the
 * widget's `src/adapters/html-to-text.ts` (the server runs plain .mjs and cannot import
 * TypeScript), used for the bodies of imported comments. WordPress keeps a comment as
 * text with a little HTML (`<a>`, `<strong>`, character references; line breaks are
 * meaningful) and Disqus as HTML; both become the plain text Parley stores and the widget
 * renders as text.
 *
 * Linear time: every loop moves forward through its input and every search (`indexOf`,
 * one fixed string or a one-character class) starts where the last one ended. No
 * pattern that can backtrack over a run of input is used.
 */

/** The named references HTML escapers emit, spelled as HTML accepts them (case matters). */
const NAMED = new Map([
  ['amp', '&'], ['AMP', '&'], ['lt', '<'], ['LT', '<'], ['gt', '>'], ['GT', '>'],
  ['quot', '"'], ['QUOT', '"'], ['apos', "'"], ['nbsp', '\u00a0'],
  // WordPress's texturize writes these into stored text.
  ['hellip', '\u2026'], ['ndash', '\u2013'], ['mdash', '\u2014'],
  ['lsquo', '\u2018'], ['rsquo', '\u2019'], ['ldquo', '\u201c'], ['rdquo', '\u201d'],
]);

/**
 * Decodes named references of NAMED and numeric ones in one pass, so `&amp;lt;` becomes
 * the text `&lt;`, not `<`. A numeric reference to no character becomes U+FFFD; other
 * named references stay as written.
 *
 * @param {unknown} text
 * @returns {string}
 */
export function decodeHtmlEntities(text) {
  if (typeof text !== 'string') return '';
  const out = [];
  let copied = 0;
  for (let amp = text.indexOf('&'); amp >= 0; amp = text.indexOf('&', amp + 1)) {
    const reference = readReference(text, amp);
    if (!reference) continue;
    out.push(text.slice(copied, amp), reference.text);
    copied = reference.end;
  }
  return copied === 0 ? text : out.join('') + text.slice(copied);
}

function readReference(text, at) {
  const numeric = text[at + 1] === '#';
  const hex = numeric && (text[at + 2] === 'x' || text[at + 2] === 'X');
  const start = at + (hex ? 3 : numeric ? 2 : 1);
  const allowed = hex ? isHexDigit : numeric ? isDigit : isLetter;
  let end = start;
  // A reference longer than any real one is text: bounds the work per ampersand.
  while (end < text.length && end - start < 32 && allowed(text.charCodeAt(end))) end++;
  if (end === start || text[end] !== ';') return null;
  const name = text.slice(start, end);
  if (!numeric) {
    const named = NAMED.get(name);
    return named === undefined ? null : { text: named, end: end + 1 };
  }
  const code = parseInt(name, hex ? 16 : 10);
  // NUL and the other C0 controls but tab and line breaks are no text either.
  const valid = code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff) && (code >= 32 || code === 9 || code === 10 || code === 13);
  return { text: valid ? String.fromCodePoint(code) : '\ufffd', end: end + 1 };
}

const isDigit = (c) => c >= 48 && c <= 57;
const isLetter = (c) => (c | 0x20) >= 97 && (c | 0x20) <= 122;
const isHexDigit = (c) => isDigit(c) || ((c | 0x20) >= 97 && (c | 0x20) <= 102);

const SPACE = /[\t\n\f\r ]/;
const NAME_END = /[\t\n\f\r />]/;
const ATTRIBUTE_NAME_END = /[\t\n\f\r />=]/;
const UNQUOTED_VALUE_END = /[\t\n\f\r >]/;
const LINE_ENDS = new Set(['li', 'tr']);
const BLOCK_ENDS = new Set(['p', 'div', 'pre', 'blockquote', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'ul', 'ol', 'table']);

/**
 * Reads the markup that starts with the `<` at `at` as the HTML tokenizer does (a tag, a
 * comment, or a bogus comment), or null when the `<` is plain text, as in `a < b`.
 */
function readMarkup(html, at) {
  const n = html.length;
  if (html.startsWith('<!--', at)) {
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
  const tag = { end: n, name: html.slice(nameStart, j).toLowerCase(), closing, href: undefined };
  while (j < n) {
    if (html[j] === '>') return { ...tag, end: j + 1 };
    if (SPACE.test(html[j]) || html[j] === '/') {
      j++;
      continue;
    }
    const attributeStart = j++;
    while (j < n && !ATTRIBUTE_NAME_END.test(html[j])) j++;
    const attribute = html.slice(attributeStart, j).toLowerCase();
    let k = j;
    while (k < n && SPACE.test(html[k])) k++;
    if (html[k] !== '=') continue;
    j = k + 1;
    while (j < n && SPACE.test(html[j])) j++;
    const quote = html[j];
    let value;
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
function rawTextEnd(html, from, name) {
  const end = new RegExp(`</${name}[\\t\\n\\f\\r />]`, 'gi');
  end.lastIndex = from;
  return end.exec(html)?.index ?? html.length;
}

/** An absolute http(s) URL, or undefined. */
export function httpUrl(value) {
  if (typeof value !== 'string' || !value) return undefined;
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

function linkAddress(label, href) {
  const url = httpUrl(href?.trim());
  const shown = label.trim();
  if (!url || shown === url || shown === href?.trim()) return '';
  return shown ? ` (${url})` : url;
}

/**
 * Turns comment HTML into readable text: block ends and `<br>` become line breaks (line
 * breaks in the source stay, as WordPress shows them), a link keeps its http(s) address in
 * brackets (any other is dropped), `<script>`/`<style>` contents and comments are dropped,
 * other tags removed and references decoded. The result is text, never HTML again.
 *
 * @param {unknown} html
 * @returns {string}
 */
export function htmlToText(html) {
  if (typeof html !== 'string') return '';
  const out = [];
  let link;
  const closeLink = () => {
    if (link) out.push(linkAddress(out.slice(link.from).join(''), link.href));
    link = undefined;
  };
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
      if (html[i] === '\n') i++;
    } else if (name === 'a') {
      closeLink();
      if (!closing) link = { href: tag.href, from: out.length };
    } else if (!closing && (name === 'script' || name === 'style')) {
      i = rawTextEnd(html, i, name);
    } else if (closing && LINE_ENDS.has(name)) {
      out.push('\n');
    } else if (closing && BLOCK_ENDS.has(name)) {
      out.push('\n\n');
    }
    from = i;
  }
  closeLink();
  out.push(decodeHtmlEntities(html.slice(i)));
  return tidyLines(out.join('').replace(/\r\n?/g, '\n')).trim();
}

/** Drops spaces and tabs that end a line and keeps at most one blank line, in one pass. */
function tidyLines(text) {
  const out = [];
  let copied = 0;
  for (let i = 0; i < text.length; i++) {
    if (!isBlank(text.charCodeAt(i))) continue;
    let end = i;
    let breaks = 0;
    let afterBreak = i;
    for (; end < text.length && isBlank(text.charCodeAt(end)); end++) {
      if (text.charCodeAt(end) === 10) {
        breaks++;
        afterBreak = end + 1;
      }
    }
    if (breaks > 0) {
      out.push(text.slice(copied, i), breaks > 1 ? '\n\n' : '\n');
      copied = afterBreak;
    }
    i = end - 1;
  }
  return copied === 0 ? text : out.join('') + text.slice(copied);
}

const isBlank = (c) => c === 32 || c === 9 || c === 10;

import { safeHttpUrl } from '../util/url.js';
import { displayText, truncate } from '../util/text.js';

/** Bodies longer than this are cut, with a button that shows the rest. */
export const BODY_PREVIEW_LENGTH = 3000;

const URL_PATTERN = /\bhttps?:\/\/[^\s<>"'`]+/gi;
const TRAILING_PUNCTUATION = /[.,;:!?'")\]}>]+$/;

/** Appends one line of text, its `http(s)` URLs as links and everything else as text. */
function appendLine(parent: Element, line: string): void {
  if (!line.includes('://')) {
    parent.append(line);
    return;
  }
  let last = 0;
  for (const match of line.matchAll(URL_PATTERN)) {
    let raw = match[0];
    // "see https://example.com/a." — the full stop ends the sentence, not the URL,
    // unless it closes a bracket the URL itself opened, as Wikipedia's do.
    const tail = raw.match(TRAILING_PUNCTUATION)?.[0] ?? '';
    if (tail && !(tail === ')' && raw.includes('('))) raw = raw.slice(0, raw.length - tail.length);
    const href = safeHttpUrl(raw);
    if (!href) continue;
    const start = match.index!;
    const link = document.createElement('a');
    link.href = href;
    link.rel = 'nofollow ugc noopener';
    link.textContent = raw;
    parent.append(line.slice(last, start), link);
    last = start + raw.length;
  }
  parent.append(line.slice(last));
}

/**
 * Fills an element with a visitor's text as paragraphs (blank lines) and line breaks, cut
 * to a preview when very long. Only text nodes and elements made here: no string from the
 * body is ever parsed as markup.
 */
export function fillBody(target: HTMLElement, body: string, expanded: boolean, showMore: string): void {
  const long = !expanded && body.length > BODY_PREVIEW_LENGTH;
  const text = displayText(long ? truncate(body, BODY_PREVIEW_LENGTH) + '…' : body).replace(/\r\n?/g, '\n');
  if (target.firstChild) target.textContent = '';
  // Most comments are one paragraph: the split by blank lines is skipped for them.
  for (const paragraph of text.includes('\n') ? text.split(/\n[ \t]*\n+/) : [text]) {
    if (!paragraph.trim()) continue;
    const p = document.createElement('p');
    p.dir = 'auto';
    paragraph.split('\n').forEach((line, i) => {
      if (i) p.append(document.createElement('br'));
      appendLine(p, line);
    });
    target.append(p);
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

import { html, nothing, type TemplateResult } from 'lit';
import { safeHttpUrl } from '../util/url.js';
import { displayText, truncate } from '../util/text.js';

/** Bodies longer than this are cut, with a button that shows the rest. */
export const BODY_PREVIEW_LENGTH = 3000;

const URL_PATTERN = /\bhttps?:\/\/[^\s<>"'`]+/gi;
const TRAILING_PUNCTUATION = /[.,;:!?'")\]}>]+$/;

/** One line of text, with its `http(s)` URLs as links and everything else as text. */
function linkify(line: string): unknown {
  if (!line.includes('://')) return line;
  const parts: unknown[] = [];
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
    if (start > last) parts.push(line.slice(last, start));
    parts.push(html`<a href=${href} rel="nofollow ugc noopener">${raw}</a>`);
    last = start + raw.length;
  }
  if (last < line.length) parts.push(line.slice(last));
  return parts;
}

function paragraph(text: string): TemplateResult {
  const lines = text.split('\n');
  if (lines.length === 1) return html`<p dir="auto">${linkify(text)}</p>`;
  return html`<p dir="auto">${lines.map((line, i) => (i ? [html`<br />`, linkify(line)] : linkify(line)))}</p>`;
}

/**
 * A visitor's text as paragraphs (blank lines) and line breaks, cut to a preview when
 * very long. Everything is bound as text: no string from the body becomes markup.
 */
export function renderBody(body: string, expanded: boolean, showMore: string): TemplateResult {
  const long = !expanded && body.length > BODY_PREVIEW_LENGTH;
  const text = displayText(long ? truncate(body, BODY_PREVIEW_LENGTH) + '…' : body).replace(/\r\n?/g, '\n');
  const paragraphs = text.split(/\n[ \t]*\n+/).filter((p) => p.trim() !== '');
  return html`<div part="body" class="body">
    ${paragraphs.length === 1 ? paragraph(paragraphs[0]) : paragraphs.map(paragraph)}
    ${long ? html`<button type="button" class="link" data-action="more">${showMore}</button>` : nothing}
  </div>`;
}

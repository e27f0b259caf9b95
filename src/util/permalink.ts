/**
 * Permalinks to single comments: the anchor `comment-<id>` on each comment, and the page
 * address that names it. Pure, so the element, the renderer and the tests agree.
 */

/** The anchor of a comment's permalink. The prefix keeps it apart from the widget's own ids. */
export function permalinkId(id: string): string {
  return `comment-${id}`;
}

const PREFIX = `#${permalinkId('')}`;

/** The comment a page address's fragment names (`#comment-<id>`), or null. */
export function commentIdIn(hash: string): string | null {
  if (!hash.startsWith(PREFIX) || hash.length === PREFIX.length) return null;
  try {
    return decodeURIComponent(hash.slice(PREFIX.length));
  } catch {
    return hash.slice(PREFIX.length);
  }
}

/** The address of a comment on this page: the page without its fragment, and the anchor. */
export function permalink(id: string, page = location.href): string {
  return `${page.split('#')[0]}#${permalinkId(encodeURIComponent(wellFormed(id)))}`;
}

/** The text with any lone surrogate as U+FFFD, which `encodeURIComponent` would throw on. */
function wellFormed(text: string): string {
  return /[\uD800-\uDFFF]/.test(text) ? text.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD') : text;
}

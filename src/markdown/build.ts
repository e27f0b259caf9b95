import { linkText } from '../comment/body.js';
import type { MarkdownNode } from './describe.js';

/** Blocks that take their direction from their own first strong character, as plain bodies' paragraphs do. */
const OWN_DIRECTION = new Set(['p', 'li', 'blockquote']);

/**
 * Appends the nodes a description names to `parent`: elements made with `createElement`
 * from the fixed set `MarkdownTag` allows, text only as text nodes, and on links only an
 * `href` that `safeLinkUrl` checked. No string is ever parsed as markup.
 */
export function buildMarkdown(nodes: readonly MarkdownNode[], parent: Node, inLink = false): void {
  for (const node of nodes) {
    if (typeof node === 'string') {
      // In a link, direction controls could make its text read as another address.
      parent.appendChild(document.createTextNode(inLink ? linkText(node) : node));
      continue;
    }
    const element = document.createElement(node.tag);
    if (node.tag === 'a') {
      const a = element as HTMLAnchorElement;
      a.href = node.href!;
      a.rel = 'nofollow ugc noopener';
      // A URL written out reads left to right whatever surrounds it, as plain bodies' links do.
      if (node.autolink) a.dir = 'ltr';
    } else if (node.start !== undefined) {
      (element as HTMLOListElement).start = node.start;
    } else if (OWN_DIRECTION.has(node.tag)) {
      element.dir = 'auto';
    }
    buildMarkdown(node.children, element, inLink || node.tag === 'a');
    parent.appendChild(element);
  }
}

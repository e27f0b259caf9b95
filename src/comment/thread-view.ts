import type { CommentNode } from '../thread/tree.js';
import { createComment, fillComment, partsOf, type CommentParts, type CommentView } from './comment.js';

/** What was last written into one comment's element. */
interface Rendered {
  readonly li: HTMLLIElement;
  node: CommentNode;
  rev: number;
  treeRev: number;
  body: string | null;
  expanded: boolean;
  /** Whether its reply form is open. */
  open: boolean;
}

/**
 * Keeps a list element in step with the comment tree. Each comment's element is made
 * once and updated in place; a render visits only branches whose `treeRev` moved, and
 * rewrites only comments whose `rev` moved. Measured against a template per comment,
 * this keeps first render and memory close to plain DOM, which per-comment template
 * bookkeeping (parts, markers, instances) did not.
 */
export class ThreadView {
  private readonly rendered = new Map<string, Rendered>();

  constructor(private readonly list: HTMLElement) {}

  /** The element of a shown comment. */
  element(id: string): HTMLLIElement | undefined {
    return this.rendered.get(id)?.li;
  }

  /** Forgets everything shown, for a new thread. */
  clear(): void {
    this.rendered.clear();
    this.list.textContent = '';
  }

  render(roots: CommentNode[], view: CommentView): void {
    this.sync(this.list, roots, view);
  }

  /** Makes `list` hold the elements of `nodes`, in order, moving as little as possible. */
  private sync(list: Element, nodes: CommentNode[], view: CommentView): void {
    let cursor = list.firstElementChild;
    for (const node of nodes) {
      const li = this.update(node, view);
      if (li === cursor) cursor = cursor.nextElementSibling;
      else list.insertBefore(li, cursor);
    }
    while (cursor) {
      const next = cursor.nextElementSibling;
      cursor.remove();
      cursor = next;
    }
  }

  private update(node: CommentNode, view: CommentView): HTMLLIElement {
    const id = node.record.id;
    let shown = this.rendered.get(id);
    let parts: CommentParts | undefined;
    if (!shown) {
      parts = createComment(node, view.strings);
      shown = { li: parts.li, node, rev: -1, treeRev: -1, body: null, expanded: false, open: false };
      this.rendered.set(id, shown);
    }
    if (shown.node === node && shown.treeRev === node.treeRev) return shown.li;
    if (shown.node !== node || shown.rev !== node.rev) {
      const expanded = view.expanded.has(id);
      const bodyChanged = shown.body !== node.record.body || shown.expanded !== expanded;
      shown.open = fillComment(parts ?? partsOf(shown.li), node, view, bodyChanged, shown.open);
      shown.body = node.record.body;
      shown.expanded = expanded;
    }
    let replies = shown.li.lastElementChild;
    if (replies?.localName !== 'ol') replies = null;
    if (node.children.length) {
      if (!replies) {
        replies = document.createElement('ol');
        replies.className = 'replies';
        replies.setAttribute('role', 'list');
        shown.li.append(replies);
      }
      this.sync(replies, node.children, view);
    } else {
      replies?.remove();
    }
    shown.node = node;
    shown.rev = node.rev;
    shown.treeRev = node.treeRev;
    return shown.li;
  }
}

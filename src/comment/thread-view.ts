import type { CommentNode } from '../thread/tree.js';
import { fillBody } from './body.js';
import {
  createComment,
  fillComment,
  fillReplyTo,
  fillTime,
  partsOf,
  setReplyOpen,
  type CommentParts,
  type CommentView,
} from './comment.js';

/** What was last written into one comment's element. */
interface Rendered {
  readonly li: HTMLLIElement;
  /** The node whose record it shows; null until filled. */
  node: CommentNode | null;
  /** The node's `treeRev` when its branch was last visited in full. */
  treeRev: number;
  replyTo: string | undefined;
  /** Whether its long body is shown whole. */
  expanded: boolean;
  /** Whether its reply form is open. */
  open: boolean;
}

/**
 * A first page with more comments than this is shown in two steps: a first screenful,
 * painted at once, then the rest. Above it, laying out the whole page before the first
 * paint kept the visitor looking at an empty widget for well over a second
 * (bench/README.md).
 */
export const TWO_STEPS_FROM = 2000;

/** Comments in the first step: more than the tallest screen shows, a small frame's work. */
export const FIRST_SCREEN_COMMENTS = 60;

/**
 * Keeps a list element in step with the comment tree. Each comment's element is made
 * once and updated in place; a render visits only branches whose `treeRev` moved, and
 * in those writes only what differs from what it wrote before. Measured against a template per comment,
 * this keeps first render and memory close to plain DOM, which per-comment template
 * bookkeeping (parts, markers, instances) did not.
 */
export class ThreadView {
  private readonly rendered = new Map<string, Rendered>();
  /** How many more comment elements the current render may create. */
  private budget = Infinity;
  /** Whether the current render stopped at its budget. */
  private cut = false;

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

  /**
   * Writes the relative times of the given comments and all their replies again, and
   * nothing else: what the minute timer needs.
   */
  refreshTimes(nodes: readonly CommentNode[], view: CommentView): void {
    const stack = [...nodes];
    while (stack.length) {
      const node = stack.pop()!;
      const li = this.rendered.get(node.record.id)?.li;
      if (li) fillTime(partsOf(li).time, node.record.createdAt, view, false);
      stack.push(...node.children);
    }
  }

  /**
   * Writes the thread. With `newComments`, creates at most that many comment elements, in
   * reading order, and stops there even inside a thread; a later render completes what was
   * left out. Returns whether everything is shown.
   */
  render(roots: CommentNode[], view: CommentView, newComments = Infinity): boolean {
    this.budget = newComments;
    this.cut = false;
    const focused = deepActiveElement(this.list);
    this.sync(this.list, roots, view);
    // A comment moved to another list (a page brought its parent, or max-depth changed)
    // was taken out of the document for a moment, which drops focus, perhaps from the
    // reply someone was typing in it: give it back.
    if (focused?.isConnected && focused !== deepActiveElement(this.list)) focused.focus({ preventScroll: true });
    return !this.cut;
  }

  /** Makes `list` hold the elements of `nodes`, in order, moving as little as possible. */
  private sync(list: Element, nodes: CommentNode[], view: CommentView): void {
    // Each element goes right after the one placed before it, looked up after the update:
    // a reply shown top-level until its parent arrives (on a later page) is moved into the
    // parent's replies by that update, out of this list, so no position read earlier holds.
    let previous: Element | null = null;
    for (const node of nodes) {
      const li = this.update(node, view);
      if (!li) break;
      const here: Element | null = previous ? previous.nextElementSibling : list.firstElementChild;
      if (li !== here) list.insertBefore(li, here);
      previous = li;
      if (this.cut) break;
    }
    // Cut short, what follows may be comments not visited yet: the next render sorts it out.
    if (this.cut) return;
    let rest = previous ? previous.nextElementSibling : list.firstElementChild;
    while (rest) {
      const next = rest.nextElementSibling;
      rest.remove();
      rest = next;
    }
  }

  private update(node: CommentNode, view: CommentView): HTMLLIElement | null {
    const id = node.record.id;
    let shown = this.rendered.get(id);
    let parts: CommentParts | undefined;
    if (!shown) {
      if (this.budget <= 0) {
        this.cut = true;
        return null;
      }
      this.budget--;
      parts = createComment(view.strings);
      shown = { li: parts.li, node: null, treeRev: -1, replyTo: undefined, expanded: false, open: false };
      this.rendered.set(id, shown);
    } else if (shown.node === node && shown.treeRev === node.treeRev) {
      return shown.li;
    }
    const expanded = view.expanded.has(id);
    if (shown.node !== node) {
      fillComment((parts ??= partsOf(shown.li)), node, view, expanded);
      shown.node = node;
      shown.expanded = expanded;
    } else if (shown.expanded !== expanded) {
      fillBody((parts ??= partsOf(shown.li)).body, node.record.body, expanded, view.strings.showMore);
      shown.expanded = expanded;
    }
    if (shown.replyTo !== node.replyTo) {
      fillReplyTo((parts ??= partsOf(shown.li)), node.replyTo, view.strings);
      shown.replyTo = node.replyTo;
    }
    const open = view.replyingTo === id;
    if (shown.open !== open) {
      setReplyOpen((parts ??= partsOf(shown.li)), node, view.strings, open);
      shown.open = open;
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
    // A branch cut short is visited again by the next render.
    shown.treeRev = this.cut ? -1 : node.treeRev;
    return shown.li;
  }
}

/** The focused element inside `list`, looking into the shadow roots of forms; or null. */
function deepActiveElement(list: HTMLElement): HTMLElement | null {
  let active = (list.getRootNode() as Document | ShadowRoot).activeElement as HTMLElement | null;
  if (!active || !list.contains(active)) return null;
  while (active.shadowRoot?.activeElement) active = active.shadowRoot.activeElement as HTMLElement;
  return active;
}

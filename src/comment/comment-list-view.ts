import type { CommentNode } from '../model/tree.js';
import { fillBody } from './body.js';
import {
  createComment,
  fillComment,
  fillReplyTo,
  fillFold,
  fillReplyButton,
  fillTime,
  partsOf,
  replyFormOf,
  setMoreReplies,
  showLinkField,
  setReplyOpen,
  type CommentParts,
  type CommentView,
} from './comment.js';
import { fillOwn, ownState } from './own-controls.js';

/**
 * How many top-level comments each group holds; the first GROUP_SIZE sit in the list
 * itself, so a thread of up to that many has no group at all.
 */
const GROUP_SIZE = 32;

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
  /** What its fold button says: replies shown nested, and whether they are hidden. */
  fold: string;
  /** How many of its replies wait behind "Show N more replies". */
  more: number;
  /** Whether its Reply button says a draft is waiting. */
  drafted: boolean;
  /** Whether it is highlighted as a permalink's target. */
  target: boolean;
  /** What it shows of the visitor's controls over their comment (`ownState`). */
  own: string;
}

/** What one render may do besides following the tree. */
export interface RenderOptions {
  /**
   * How many comment elements it may create, in reading order; it stops there, even
   * inside a thread, and a later render completes what was left out.
   */
  readonly budget?: number;
  /**
   * Comments whose state outside the tree (reply form, expanded body) changed: their
   * branches are visited even where the tree did not change.
   */
  readonly revisit?: Iterable<CommentNode>;
}

/** A button of a comment the visitor pressed, found from a click on the list. */
export interface CommentAction {
  readonly action: 'reply' | 'more' | 'copy-link' | 'fold' | 'more-replies' | 'edit' | 'delete' | 'confirm-delete' | 'cancel-delete';
  readonly id: string;
}

const ACTIONS: ReadonlySet<string> = new Set(['reply', 'more', 'copy-link', 'fold', 'more-replies', 'edit', 'delete', 'confirm-delete', 'cancel-delete']);

/**
 * Keeps a list element in step with the comment tree: the one place that knows the
 * comments' markup, so the root asks it for a comment's article or Reply button instead
 * of querying the markup. Each comment's element is made once and updated in place; a
 * render visits only branches whose `treeRev` moved or that hold a comment to revisit,
 * and in those writes only what differs from what it wrote before. Measured against a template per comment,
 * this keeps first render and memory close to plain DOM, which per-comment template
 * bookkeeping (parts, markers, instances) did not.
 */
export class CommentListView {
  private readonly rendered = new Map<string, Rendered>();
  /** How many more comment elements the current render may create. */
  private budget = Infinity;
  /** Whether the current render stopped at its budget. */
  private cut = false;
  /** The comments to revisit in the current render, and every comment they sit in. */
  private mustVisit = new Set<CommentNode>();

  /** @param list The element the comments are written into. */
  constructor(readonly list: HTMLElement) {}

  /** The element of a shown comment. */
  element(id: string): HTMLLIElement | undefined {
    return this.rendered.get(id)?.li;
  }

  /** The focusable box of a shown comment. */
  article(id: string): HTMLElement | undefined {
    const li = this.element(id);
    return li && partsOf(li).article;
  }

  /** A shown comment's Reply button. */
  replyButton(id: string): HTMLButtonElement | undefined {
    const li = this.element(id);
    return li && partsOf(li).reply;
  }

  /**
   * What a focus request names, once rendered: a comment, one of its buttons, or the
   * question's Cancel button; an Edit or Delete button gone meanwhile gives the comment.
   */
  focusTarget(id: string, on: 'comment' | 'reply-button' | 'edit-button' | 'delete-button' | 'delete-cancel'): HTMLElement | undefined {
    const article = this.article(id);
    if (!article || on === 'comment') return article;
    if (on === 'reply-button') return this.replyButton(id);
    const action = on === 'edit-button' ? 'edit' : on === 'delete-button' ? 'delete' : 'cancel-delete';
    const button = article.querySelector<HTMLElement>(`:scope > .own > [data-action="${action}"], :scope > .confirm-delete > [data-action="${action}"]`);
    return button && !button.hidden ? button : article;
  }

  /** The comment whose "Delete this comment?" holds `target`, for Escape to take it back. */
  questionAt(target: EventTarget | null): string | undefined {
    const question = target instanceof Element ? target.closest('.confirm-delete') : null;
    return question?.closest<HTMLElement>('[data-comment-id]')?.dataset.commentId;
  }

  /** The reply form open under a shown comment. */
  replyForm(id: string): HTMLElement | undefined {
    const li = this.element(id);
    return (li && replyFormOf(partsOf(li))) ?? undefined;
  }

  /** Shows a comment's link selected in a field, for copying by hand. */
  showLinkField(id: string, url: string, label: string): void {
    const li = this.element(id);
    if (li) showLinkField(partsOf(li), url, label);
  }

  /** The comment button a click landed on, if any. */
  actionAt(target: EventTarget | null): CommentAction | null {
    const button = target instanceof Element ? target.closest<HTMLElement>('button[data-action]') : null;
    const id = button?.closest<HTMLElement>('[data-comment-id]')?.dataset.commentId;
    const action = button?.dataset.action;
    return id !== undefined && action !== undefined && ACTIONS.has(action) ? { action: action as CommentAction['action'], id } : null;
  }

  /**
   * Every comment's focusable box in reading order. Queried when asked, not kept: the
   * keyboard needs it once per key press, and keeping it would cost memory per comment.
   */
  articles(): HTMLElement[] {
    return [...this.list.querySelectorAll<HTMLElement>('article')];
  }

  /** Forgets everything shown, for a new thread. */
  clear(): void {
    this.rendered.clear();
    this.mustVisit.clear();
    this.list.textContent = '';
  }

  /**
   * Writes the relative times again of the top-level threads on screen, replies included,
   * and nothing else: what the minute timer needs. Thousands of comments off screen cost
   * nothing.
   */
  refreshTimes(view: CommentView): void {
    const stack: CommentNode[] = [];
    for (const li of this.topLevel()) {
      const box = li.getBoundingClientRect();
      if (box.bottom < 0 || box.top > innerHeight) continue;
      const node = this.rendered.get((li as HTMLElement).dataset.commentId!)?.node;
      if (node) stack.push(node);
    }
    while (stack.length) {
      const node = stack.pop()!;
      const li = this.rendered.get(node.record.id)?.li;
      if (li) fillTime(partsOf(li).time, node.record.createdAt, view, false);
      stack.push(...node.children);
    }
  }

  /** Writes the thread. Returns whether everything is shown (see `RenderOptions.budget`). */
  render(roots: CommentNode[], view: CommentView, { budget = Infinity, revisit = [] }: RenderOptions = {}): boolean {
    this.budget = budget;
    this.cut = false;
    for (const node of revisit) {
      for (let n: CommentNode | null = node; n && !this.mustVisit.has(n); n = n.container) this.mustVisit.add(n);
    }
    const focused = deepActiveElement(this.list);
    this.syncTop(roots, view);
    // Cut short, a comment to revisit may not have been reached: the next render will.
    if (!this.cut) this.mustVisit.clear();
    // A comment moved to another list (a page brought its parent, or max-depth changed)
    // was taken out of the document for a moment, which drops focus, perhaps from the
    // reply someone was typing in it: give it back.
    if (focused?.isConnected && focused !== deepActiveElement(this.list)) focused.focus({ preventScroll: true });
    return !this.cut;
  }

  /** The top-level comments' elements, in order, out of their groups. */
  private topLevel(): Element[] {
    return [...this.list.children].flatMap((e) => (e.classList.contains('group') ? [...e.firstElementChild!.children] : [e]));
  }

  /**
   * Makes the list hold the top-level comments' elements, in order: the first GROUP_SIZE
   * in the list itself, each further GROUP_SIZE in a group, an `li` and `ol` of role none
   * whose comments are role listitem (screen readers see one list of comments, as before;
   * checked with Chromium's accessibility tree and axe). Each group is one contained box:
   * Chromium keeps a paint layer per contained box, and on every frame that changed
   * anything in the list (a key in a reply form) walked all the list's layers, one per
   * top-level comment (1,552 at 5,000 comments); grouped, about 80, and opening Reply or
   * posting moves the groups below as one box each, as the comments were before.
   */
  private syncTop(nodes: CommentNode[], view: CommentView): void {
    const list = this.list;
    let into: Element = list;
    let group: Element | null = null;
    let previous: Element | null = null;
    let index = 0;
    for (const node of nodes) {
      if (index >= GROUP_SIZE && index % GROUP_SIZE === 0) {
        // The next group: the element after the last one placed in the list, if a group.
        const after: Element | null = group ?? previous;
        let next: Element | null = after ? after.nextElementSibling : list.firstElementChild;
        if (!next?.classList.contains('group')) next = list.insertBefore(createGroup(), next);
        group = next;
        into = next.firstElementChild!;
        previous = null;
      }
      const li = this.update(node, view);
      if (!li) break;
      const here: Element | null = previous ? previous.nextElementSibling : into.firstElementChild;
      if (li !== here) {
        // A list of role none would make its items presentational too; a listitem named
        // as such stays one, an item of the comments' list through the groups.
        if (into !== list) li.setAttribute('role', 'listitem');
        into.insertBefore(li, here);
      }
      previous = li;
      index++;
      if (this.cut) break;
    }
    // Cut short, what follows may be comments not visited yet: the next render sorts it out.
    if (this.cut) return;
    removeFrom(previous ? previous.nextElementSibling : into.firstElementChild);
    if (group) removeFrom(group.nextElementSibling);
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
      shown = { li: parts.li, node: null, treeRev: -1, replyTo: undefined, expanded: false, open: false, fold: '', more: 0, drafted: false, target: false, own: '' };
      this.rendered.set(id, shown);
    } else if (shown.node === node && shown.treeRev === node.treeRev && !this.mustVisit.has(node)) {
      return shown.li;
    }
    const expanded = view.expanded.has(id);
    if (shown.node !== node) {
      fillComment((parts ??= partsOf(shown.li)), node, view, expanded);
      shown.node = node;
      shown.expanded = expanded;
      // Another record (an edit): the buttons that quote it are written again.
      if (shown.own) shown.own = '-';
    } else if (shown.expanded !== expanded) {
      fillBody((parts ??= partsOf(shown.li)).body, node.record.body, expanded, view.strings.showMore, node.record.format ?? view.format);
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
    const drafted = view.drafted.has(id);
    if (shown.drafted !== drafted) {
      fillReplyButton((parts ??= partsOf(shown.li)), node, view.strings, drafted);
      shown.drafted = drafted;
    }
    const own = ownState(node, view);
    if (shown.own !== own) {
      fillOwn((parts ??= partsOf(shown.li)), node, view);
      shown.own = own;
    }
    const target = view.target === id;
    if (shown.target !== target) {
      shown.li.classList.toggle('target', target);
      shown.target = target;
    }
    // Replies: all of them, the first `repliesShown` and a button for the rest, or none
    // while the visitor has them hidden.
    const total = node.children.length;
    const folded = total > 0 && view.folded.has(id);
    const shownCount = folded ? 0 : view.allReplies.has(id) ? total : firstReplies(node, view.repliesShown);
    // "Hide replies" does not say how many: only folding or unfolding rewrites it.
    const fold = total === 0 ? '' : folded ? `-${total}` : '+';
    if (shown.fold !== fold) {
      fillFold((parts ??= partsOf(shown.li)), node, folded, view.strings);
      shown.fold = fold;
    }
    const more = total - shownCount - (folded ? total : 0);
    if (shown.more !== more) {
      setMoreReplies(shown.li, more, view.strings);
      shown.more = more;
    }
    let replies = shown.li.firstElementChild!.nextElementSibling;
    if (replies?.localName !== 'ol') replies = null;
    if (shownCount) {
      if (!replies) {
        replies = document.createElement('ol');
        replies.className = 'replies';
        replies.setAttribute('role', 'list');
        shown.li.firstElementChild!.after(replies);
      }
      this.sync(replies, shownCount < total ? node.children.slice(0, shownCount) : node.children, view);
    } else {
      // Their elements are kept (in `rendered`): shown again, or moved elsewhere by a new
      // max-depth, they come back as they were.
      replies?.remove();
    }
    // A branch cut short is visited again by the next render.
    shown.treeRev = this.cut ? -1 : node.treeRev;
    return shown.li;
  }
}

/** A group of top-level comments: no role of its own, so its comments are the list's items. */
function createGroup(): HTMLLIElement {
  const group = document.createElement('li');
  group.className = 'group';
  group.setAttribute('role', 'none');
  const list = document.createElement('ol');
  list.setAttribute('role', 'none');
  group.append(list);
  return group;
}

/** Removes `first` and every element after it. */
function removeFrom(first: Element | null): void {
  while (first) {
    const next = first.nextElementSibling;
    first.remove();
    first = next;
  }
}

/** The focused element inside `list`, looking into the shadow roots of forms; or null. */
function deepActiveElement(list: HTMLElement): HTMLElement | null {
  let active = (list.getRootNode() as Document | ShadowRoot).activeElement as HTMLElement | null;
  if (!active || !list.contains(active)) return null;
  while (active.shadowRoot?.activeElement) active = active.shadowRoot.activeElement as HTMLElement;
  return active;
}

/**
 * How many of a comment's nested comments its first `n` direct replies take: a reply
 * flattened below the deepest level (see `buildTree`) goes with the reply it answers.
 */
function firstReplies(node: CommentNode, n: number): number {
  const children = node.children;
  if (children.length <= n) return children.length;
  let direct = 0;
  for (let i = 0; i < children.length; i++) {
    if (children[i].parent === node && ++direct > n) return i;
  }
  return children.length;
}

import type { ParleyStrings } from '../i18n/strings.js';
import type { CommentNode } from '../model/tree.js';
import { displayName, hueIndex, initials } from '../util/text.js';
import { permalink, permalinkId } from '../util/permalink.js';
import { fullDate, parseDate, relativeTime } from '../util/time.js';
import { fillBody } from './body.js';

/** The number of avatar colours in the stylesheet (`.hue-0` …). */
export const AVATAR_HUES = 8;

/** What rendering a comment needs besides the comment itself. */
export interface CommentView {
  readonly strings: ParleyStrings;
  readonly locale: string;
  /** The time relative dates are measured from. */
  readonly now: number;
  // These two change without a new tree: the renderer is told which comments to revisit.
  /** The comment whose reply form is open, if any. */
  readonly replyingTo: string | null;
  /** Comments whose long body the visitor expanded. */
  readonly expanded: ReadonlySet<string>;
  /** How many replies a comment shows before "Show N more replies". */
  readonly repliesShown: number;
  /** Comments whose replies all show: the visitor asked for the rest. */
  readonly allReplies: ReadonlySet<string>;
  /** Comments whose replies the visitor hid. */
  readonly folded: ReadonlySet<string>;
  /** Comments with a saved reply draft. */
  readonly drafted: ReadonlySet<string>;
  /** The comment a permalink named, highlighted. */
  readonly target: string | null;
  /** Whether to show the avatar images records name (else initials only). */
  readonly remoteAvatars: boolean;
  /** The page's address that permalinks start from, read once per render; `location.href` if absent. */
  readonly page?: string;
  /** Whether the adapter edits and deletes comments (records say which are the visitor's). */
  readonly editable?: boolean;
  readonly deletable?: boolean;
  /** The visitor's comment whose edit form is open, if any. */
  readonly editing?: string | null;
  /** The visitor's comment that asks "Delete this comment?", and why its deletion failed. */
  readonly deleting?: string | null;
  readonly deleteFailure?: string;
  /** The format of bodies whose record names none (`markdown`, from an add-on); plain text if absent. */
  readonly format?: string;
}

/** Creates an element with attributes, all constants of this module. */
function el(tag: string, attrs: Record<string, string> = {}, ...children: Node[]): HTMLElement {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) element.setAttribute(name, value);
  element.append(...children);
  return element;
}

// One comment's markup, built once per set of words and cloned for each comment: cloning
// a tree is cheaper than building it element by element, and what every comment shows
// alike (the Reply button) is then never written again.
const skeletons = new WeakMap<ParleyStrings, HTMLLIElement>();
function cloneSkeleton(strings: ParleyStrings): HTMLLIElement {
  let skeleton = skeletons.get(strings);
  if (!skeleton) skeletons.set(strings, (skeleton = el(
    'li',
    { class: 'comment' },
    el(
      'article',
      { part: 'comment', tabindex: '-1' },
      el(
        'header',
        { class: 'meta' },
        el('span', { class: 'avatar', 'aria-hidden': 'true' }),
        el(
          'span',
          { class: 'byline' },
          el('span', { part: 'author', class: 'author' }, el('bdi')),
          el('span', { class: 'in-reply-to' }),
          // The time is the comment's permalink, as on most blogs.
          el('a', { class: 'permalink' }, el('time')),
          // "edited", its time in the tooltip; empty (hidden) for a comment never edited.
          el('time', { class: 'edited' }),
        ),
      ),
      el('div', { part: 'body', class: 'body' }),
      el('p', { class: 'pending' }),
      el(
        'button',
        { type: 'button', part: 'reply-button', class: 'reply', 'data-action': 'reply', 'aria-expanded': 'false' },
        document.createTextNode(strings.reply),
      ),
      el('button', { type: 'button', class: 'quiet', 'data-action': 'copy-link' }, document.createTextNode(strings.copyLink)),
    ),
  ) as HTMLLIElement));
  return skeleton.cloneNode(true) as HTMLLIElement;
}

/**
 * One comment's element and the parts of it that change, found by position. Only held
 * while a comment is written: kept for every comment, these references (and the JS
 * wrappers they keep alive) measured 1.4 MB of heap at 10,000 comments.
 */
export interface CommentParts {
  readonly li: HTMLLIElement;
  readonly article: HTMLElement;
  readonly avatar: HTMLElement;
  readonly author: HTMLElement;
  readonly inReplyTo: HTMLElement;
  readonly time: HTMLTimeElement;
  readonly edited: HTMLTimeElement;
  readonly body: HTMLElement;
  readonly pending: HTMLElement;
  readonly reply: HTMLButtonElement;
  readonly copyLink: HTMLButtonElement;
}

/** Finds the parts of a comment's element. */
export function partsOf(li: HTMLLIElement): CommentParts {
  const article = li.firstElementChild as HTMLElement;
  const header = article.firstElementChild!;
  const byline = header.lastElementChild!;
  const author = byline.firstElementChild as HTMLElement;
  const body = header.nextElementSibling as HTMLElement;
  const pending = body.nextElementSibling as HTMLElement;
  const reply = pending.nextElementSibling as HTMLButtonElement;
  const copyLink = reply.nextElementSibling as HTMLButtonElement;
  const edited = byline.lastElementChild as HTMLTimeElement;
  return {
    li,
    article,
    avatar: header.firstElementChild as HTMLElement,
    author,
    inReplyTo: author.nextElementSibling as HTMLElement,
    time: edited.previousElementSibling!.firstElementChild as HTMLTimeElement,
    edited,
    body,
    pending,
    reply,
    copyLink,
  };
}

/** Creates the element of one comment, empty, and its parts for filling it. */
export function createComment(strings: ParleyStrings): CommentParts {
  return partsOf(cloneSkeleton(strings));
}

/** The name a comment is shown under, in the widget's words when it has none. */
const shownName = (name: string, strings: ParleyStrings) => displayName(name) || strings.anonymous;

/**
 * Writes what a comment shows of its record: ids, avatar, author, time, body, pending
 * note. A record never changes, so this is done once per element (again only if another
 * node object came to stand for the same id) and nothing here is written again when the
 * visitor opens a reply form or another page arrives. The rest is state, written by the
 * functions below when it changes.
 */
export function fillComment(parts: CommentParts, node: CommentNode, view: CommentView, expanded: boolean): void {
  const { record } = node;
  const { strings } = view;
  // A removed comment that still has replies stands in its place, under the words for it.
  const name = record.deleted ? strings.deleted : shownName(record.author.name, strings);

  parts.li.setAttribute('data-comment-id', record.id);
  // The one id that comes from the data: the anchor a permalink names (util/permalink.ts).
  parts.article.id = permalinkId(record.id);
  // Absolute, as every link the widget makes is an http(s) address.
  (parts.time.parentElement as HTMLAnchorElement).href = permalink(record.id, view.page);
  // Ids come from a counter, never from the data, so nothing a backend sends can collide.
  parts.author.id = `a${node.key}`;
  parts.time.id = `t${node.key}`;
  parts.article.setAttribute('aria-labelledby', `a${node.key} t${node.key}`);

  // Links and avatars are http(s) URLs or absent: normalizeRecord checked them on arrival.
  const src = record.author.avatarUrl;
  parts.avatar.className = record.deleted ? 'avatar' : `avatar hue-${hueIndex(name, AVATAR_HUES)}`;
  parts.avatar.textContent = record.deleted ? '' : initials(name);
  if (src && view.remoteAvatars) {
    // Over the initials, which show through if the image fails to load.
    const img = document.createElement('img');
    img.alt = '';
    img.src = src;
    img.loading = 'lazy';
    img.decoding = 'async';
    img.referrerPolicy = 'no-referrer';
    parts.avatar.append(img);
  }

  const url = record.author.url;
  let author = parts.author;
  if ((author.localName === 'a') !== !!url) {
    const replacement = document.createElement(url ? 'a' : 'span');
    replacement.id = author.id;
    replacement.setAttribute('part', 'author');
    replacement.className = 'author';
    replacement.append(author.firstChild!);
    author.replaceWith(replacement);
    author = replacement;
  }
  if (url) {
    (author as HTMLAnchorElement).href = url;
    (author as HTMLAnchorElement).rel = 'nofollow ugc noopener';
  }
  author.firstChild!.textContent = name;

  fillTime(parts.time, record.createdAt, view, true);
  const edited = record.editedAt === undefined || record.deleted ? null : parseDate(record.editedAt);
  setText(parts.edited, edited ? strings.editedMark : '');
  if (edited) {
    parts.edited.dateTime = edited.toISOString();
    parts.edited.title = fullDate(edited, view.locale);
  }
  fillBody(parts.body, record.body, expanded, strings.showMore, record.format ?? view.format);
  setText(parts.pending, record.status === 'pending' ? strings.pending : '');
  parts.reply.setAttribute('aria-label', strings.replyTo(name));
  parts.copyLink.setAttribute('aria-label', strings.copyLinkTo(name));
  // Nothing is left to answer or link to; its replies can still be answered. Written only
  // when it changes: most comments are never deleted, and then nothing is written.
  const deleted = record.deleted === true;
  if (deleted !== parts.reply.hidden) {
    parts.reply.hidden = parts.copyLink.hidden = deleted;
    parts.li.classList.toggle('deleted', deleted);
  }
}

/** Writes the "in reply to" line of a reply shown below its true depth, or clears it. */
export function fillReplyTo(parts: CommentParts, replyTo: string | undefined, strings: ParleyStrings): void {
  setText(parts.inReplyTo, replyTo === undefined ? '' : strings.inReplyTo(shownName(replyTo, strings)));
}

/**
 * Writes a comment's time: the relative text, and with `full` the machine-readable date
 * and the full date in the tooltip, which do not change as time passes.
 */
export function fillTime(time: HTMLTimeElement, createdAt: string, view: CommentView, full: boolean): void {
  const date = parseDate(createdAt);
  if (!date) return;
  if (full) {
    time.dateTime = date.toISOString();
    time.title = fullDate(date, view.locale);
  }
  time.textContent = relativeTime(date, view.now, view.locale);
}

/**
 * Opens or closes a comment's reply form. The Reply button stays the same element, so
 * focus stays put.
 */
export function setReplyOpen(parts: CommentParts, node: CommentNode, strings: ParleyStrings, open: boolean): void {
  parts.reply.setAttribute('aria-expanded', String(open));
  if (open) {
    const form = document.createElement('parley-reply-form');
    form.setAttribute('exportparts', 'form, textarea, submit');
    form.parentId = node.record.id;
    form.replyTo = shownName(node.record.author.name, strings);
    parts.article.append(form);
  } else {
    replyFormOf(parts)?.remove();
  }
}

/** The reply form open under a comment, if any: it ends the comment's box. */
export function replyFormOf(parts: CommentParts): HTMLElement | null {
  const last = parts.article.lastElementChild;
  return last?.localName === 'parley-reply-form' ? (last as HTMLElement) : null;
}


/**
 * Writes the Reply button's words: plain, or saying that a reply draft is waiting, so a
 * returning visitor finds the reply they started.
 */
export function fillReplyButton(parts: CommentParts, node: CommentNode, strings: ParleyStrings, drafted: boolean): void {
  const name = shownName(node.record.author.name, strings);
  parts.reply.firstChild!.textContent = drafted ? strings.replyDraft : strings.reply;
  parts.reply.setAttribute('aria-label', drafted ? strings.replyToDraft(name) : strings.replyTo(name));
}

/**
 * Writes the fold button of a comment by the number of replies shown nested in it: none without
 * replies, "Hide replies" while they show, "Show N replies" once folded. It follows
 * "Copy link", made when the first reply comes (most comments never have one).
 */
export function fillFold(parts: CommentParts, node: CommentNode, folded: boolean, strings: ParleyStrings): void {
  const total = node.children.length;
  let fold = parts.copyLink.nextElementSibling;
  if (fold?.getAttribute('data-action') !== 'fold') fold = null;
  if (!total) {
    fold?.remove();
    return;
  }
  if (!fold) {
    fold = el('button', { type: 'button', class: 'quiet', 'data-action': 'fold' });
    parts.copyLink.after(fold);
  }
  const name = shownName(node.record.author.name, strings);
  fold.textContent = folded ? strings.showReplies(total) : strings.hideReplies;
  fold.setAttribute('aria-label', folded ? strings.showRepliesTo(total, name) : strings.hideRepliesTo(name));
  fold.setAttribute('aria-expanded', String(!folded));
}

/**
 * Shows or removes the "Show N more replies" button after a comment's replies. It is the
 * comment's last element when present.
 */
export function setMoreReplies(li: HTMLLIElement, hidden: number, strings: ParleyStrings): void {
  let button = li.lastElementChild as HTMLButtonElement;
  if (button.localName !== 'button') {
    if (!hidden) return;
    button = el('button', { type: 'button', class: 'more-replies quiet', 'data-action': 'more-replies' }) as HTMLButtonElement;
    li.append(button);
  } else if (!hidden) {
    button.remove();
    return;
  }
  button.textContent = strings.moreReplies(hidden);
}

/** Writes text that is usually empty, skipping the DOM when it stays empty. */
function setText(element: HTMLElement, text: string): void {
  if (text || element.firstChild) element.textContent = text;
}

/**
 * Shows a comment's link in a field, selected, for the visitor to copy by hand where the
 * clipboard is closed. It goes when it loses focus.
 */
export function showLinkField(parts: CommentParts, url: string, label: string): void {
  const field = el('input', { type: 'text', readonly: '', class: 'link-field', 'aria-label': label }) as HTMLInputElement;
  field.value = url;
  field.addEventListener('blur', () => field.remove(), { once: true });
  parts.copyLink.after(field);
  field.focus();
  field.select();
}

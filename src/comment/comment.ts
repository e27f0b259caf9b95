import { html, nothing, type TemplateResult } from 'lit';
import { guard } from 'lit/directives/guard.js';
import { repeat } from 'lit/directives/repeat.js';
import type { ParleyStrings } from '../i18n/strings.js';
import type { CommentNode } from '../thread/tree.js';
import { displayText, hueIndex, initials } from '../util/text.js';
import { fullDate, parseDate, relativeTime } from '../util/time.js';
import { safeHttpUrl } from '../util/url.js';
import { renderBody } from './body.js';

/** The number of avatar colours in the stylesheet (`.hue-0` …). */
export const AVATAR_HUES = 8;

/** What rendering a comment needs besides the comment itself. */
export interface CommentView {
  readonly strings: ParleyStrings;
  readonly locale: string;
  // These change without a new view: the root marks the comments they affect (their
  // `rev`), so guards stay valid for everything else.
  /** The time relative dates are measured from. */
  now: number;
  /** The comment whose reply form is open, if any. */
  replyingTo: string | null;
  /** Comments whose long body the visitor expanded. */
  readonly expanded: Set<string>;
}

const key = (node: CommentNode) => node.key;

/**
 * The comments of one level as a keyed list. `guard` skips every branch whose `rev` did
 * not change, so a new reply or an opened form re-renders one branch, not the thread.
 */
export function renderComments(nodes: CommentNode[], view: CommentView): TemplateResult {
  return html`${repeat(nodes, key, (node) => guard([node.rev, view], () => renderComment(node, view)))}`;
}

function avatar(name: string, avatarUrl: string | undefined): TemplateResult {
  const src = safeHttpUrl(avatarUrl);
  return src
    ? html`<img class="avatar" src=${src} alt="" width="40" height="40" loading="lazy" decoding="async" referrerpolicy="no-referrer" />`
    : html`<span class="avatar hue-${hueIndex(name, AVATAR_HUES)}" aria-hidden="true">${initials(name)}</span>`;
}

function time(createdAt: string, view: CommentView, id: string): TemplateResult | typeof nothing {
  const date = parseDate(createdAt);
  if (!date) return nothing;
  return html`<time id=${id} datetime=${date.toISOString()} title=${fullDate(date, view.locale)}
    >${relativeTime(date, view.now, view.locale)}</time
  >`;
}

/** One comment, with its nested replies inside its element. */
export function renderComment(node: CommentNode, view: CommentView): TemplateResult {
  const { record } = node;
  const { strings } = view;
  const name = displayText(record.author.name);
  const url = safeHttpUrl(record.author.url);
  const k = node.key;
  const open = view.replyingTo === record.id;
  return html`<li class="comment" data-comment-id=${record.id}>
    <article part="comment" tabindex="-1" aria-labelledby="a${k} t${k}">
      <header class="meta">
        ${avatar(name, record.author.avatarUrl)}
        <span class="byline">
          ${url
            ? html`<a id="a${k}" part="author" class="author" href=${url} rel="nofollow ugc noopener"><bdi>${name}</bdi></a>`
            : html`<span id="a${k}" part="author" class="author"><bdi>${name}</bdi></span>`}
          ${node.replyTo !== undefined
            ? html`<span class="in-reply-to">${strings.inReplyTo(displayText(node.replyTo))}</span>`
            : nothing}
          ${time(record.createdAt, view, `t${k}`)}
        </span>
      </header>
      ${renderBody(record.body, view.expanded.has(record.id), strings.showMore)}
      ${record.status === 'pending' ? html`<p class="pending">${strings.pending}</p>` : nothing}
      <button
        type="button"
        part="reply-button"
        class="reply"
        data-action="reply"
        aria-label=${strings.replyTo(name)}
        aria-expanded=${open ? 'true' : 'false'}
      >
        ${strings.reply}
      </button>
      ${open
        ? html`<parley-reply-form
            exportparts="form, textarea, submit"
            .parentId=${record.id}
            .replyTo=${name}
          ></parley-reply-form>`
        : nothing}
    </article>
    ${node.children.length
      ? html`<ol class="replies" role="list">${renderComments(node.children, view)}</ol>`
      : nothing}
  </li>`;
}

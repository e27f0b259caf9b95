/**
 * The text of the notification mails: plain text only (no HTML part, so nothing a
 * visitor wrote can become markup in a mail client), with every visitor-written line
 * kept as written and control characters taken out of the subject.
 */
import { trimSlash, unsubscribeUrl } from './signing.mjs';

/** Characters of a parent comment quoted in a reply notification. */
const QUOTE_CHARS = 300;

/**
 * @typedef {object} LinkSettings
 * @property {string} publicUrl Where this server is reached, e.g. https://comments.example
 * @property {string} basePath Where the API is mounted, e.g. /api
 * @property {string | null} siteUrl The blog's address; thread keys that are paths
 *   (`/posts/hello/`) or URLs on that site get a permalink.
 * @property {string} secret Signs the unsubscribe links.
 */

/** A one-line header value: control characters (CR, LF…) become spaces, length bounded. */
export function headerText(text, max = 120) {
  let out = '';
  for (const char of String(text)) {
    const code = char.codePointAt(0);
    out += code < 0x20 || code === 0x7f || (code >= 0x80 && code < 0xa0) ? ' ' : char;
    if (out.length >= max) return `${out}…`;
  }
  return out;
}

/**
 * The page a comment is on, with its anchor, when the thread key names a page of the
 * site (a path, or a URL with the site's origin); null otherwise: a visitor chooses the
 * thread key, and a mail must not carry a link to anyone else's site.
 */
export function permalink(siteUrl, thread, commentId) {
  if (!siteUrl) return null;
  let site;
  let page;
  try {
    site = new URL(siteUrl);
    page = thread.startsWith('/') && !thread.startsWith('//') ? new URL(thread, site) : new URL(thread);
  } catch {
    return null;
  }
  if (page.origin !== site.origin) return null;
  page.hash = `comment-${encodeURIComponent(commentId)}`;
  return page.href;
}

/** The moderation page (server/admin/), naming the comment (`comment=`, for the page to pick out). */
export function adminUrl(publicUrl, commentId) {
  return `${trimSlash(publicUrl)}/admin/?comment=${encodeURIComponent(commentId)}`;
}

const STATE = { published: 'published', pending: 'held for approval', spam: 'held as spam' };

/**
 * The owner's mail about a new comment.
 *
 * @param {any} comment Its row (snake_case, e-mail included: the owner sees it).
 * @param {any | null} parent The row it answers, if any.
 * @param {LinkSettings} links
 * @returns {{ subject: string, text: string }}
 */
export function ownerMessage(comment, parent, links) {
  const held = comment.status !== 'published';
  const name = comment.author_name;
  const page = permalink(links.siteUrl, comment.thread, comment.id);
  const lines = [
    `${held ? 'A comment awaits your approval' : 'A new comment'} on ${comment.thread}.`,
    '',
    `Thread:  ${comment.thread}`,
    `Author:  ${name}`,
    ...(comment.author_email ? [`E-mail:  ${comment.author_email}`] : []),
    ...(comment.author_url ? [`Website: ${comment.author_url}`] : []),
    ...(parent ? [`Reply to: ${parent.author_name}`] : []),
    `State:   ${STATE[comment.status] ?? comment.status}`,
    `Written: ${comment.created_at}`,
    '',
    comment.body,
    '',
    `${held ? 'Approve or reject it' : 'Moderate it'}: ${adminUrl(links.publicUrl, comment.id)}`,
    ...(page ? [`${held ? 'Its page (it shows once approved)' : 'Read it on its page'}: ${page}`] : []),
  ];
  return {
    subject: headerText(`${held ? '[Held] ' : ''}New comment by ${name} on ${comment.thread}`),
    text: lines.join('\n') + '\n',
  };
}

/**
 * A subscriber's mail about a reply to their comment, with its unsubscribe link.
 *
 * @param {any} reply The reply's row.
 * @param {any} parent The subscriber's comment.
 * @param {LinkSettings} links
 * @returns {{ subject: string, text: string, unsubscribe: string }}
 */
export function replyMessage(reply, parent, links) {
  const page = permalink(links.siteUrl, reply.thread, reply.id);
  const unsubscribe = unsubscribeUrl(links, parent.id);
  const quoted = parent.body.length > QUOTE_CHARS ? `${parent.body.slice(0, QUOTE_CHARS)}…` : parent.body;
  const lines = [
    `${reply.author_name} replied to your comment on ${reply.thread}.`,
    '',
    'You wrote:',
    ...quoted.split('\n').map((line) => `> ${line}`),
    '',
    `${reply.author_name} wrote:`,
    reply.body,
    '',
    ...(page ? [`Read and answer it: ${page}`, ''] : []),
    '-- ',
    'You get this mail because you asked to hear of replies to your comment.',
    `Stop these mails (one click, no login): ${unsubscribe}`,
  ];
  return {
    subject: headerText(`${reply.author_name} replied to your comment on ${reply.thread}`),
    text: lines.join('\n') + '\n',
    unsubscribe,
  };
}

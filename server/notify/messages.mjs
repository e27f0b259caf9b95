/**
 * The text of the notification mails: plain text only (no HTML part, so nothing a
 * visitor wrote can become markup in a mail client). The site's own lines and links come
 * first; what a visitor wrote follows, each line quoted with "> ", so a comment cannot
 * pass itself off as the mail's own "Approve it:" link. Single-line fields (thread key,
 * name, e-mail, website) lose their line breaks and other control characters.
 */
import { confirmUrl, trimSlash, unsubscribeUrl } from './signing.mjs';

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

// C0 and C1 controls, DEL, and the Unicode ones that break or reorder lines (U+0085 is C1).
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]/g;
// What ends a line in some mail client: CR, LF, NEL, LINE and PARAGRAPH SEPARATOR.
const LINE_BREAK = /\r\n|[\r\n\u0085\u2028\u2029]/;

/** A field shown on one line of a mail: every control character becomes a space. */
export function singleLine(text) {
  return String(text ?? '').replace(CONTROL, ' ');
}

/** Visitor text as a quote: each line (whatever breaks it) after "> ", controls as spaces. */
export function quote(text) {
  return String(text).split(LINE_BREAK).map((line) => `> ${line.replace(/\t/g, '    ').replace(CONTROL, ' ')}`);
}

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
  const name = singleLine(comment.author_name);
  const thread = singleLine(comment.thread);
  const page = permalink(links.siteUrl, comment.thread, comment.id);
  const lines = [
    `${held ? 'A comment awaits your approval' : 'A new comment'} on ${thread}.`,
    '',
    // The links before anything a visitor wrote: the body below is quoted, and nothing
    // in it can come before or look like these.
    `${held ? 'Approve or reject it' : 'Moderate it'}: ${adminUrl(links.publicUrl, comment.id)}`,
    ...(page ? [`${held ? 'Its page (it shows once approved)' : 'Read it on its page'}: ${page}`] : []),
    '',
    `Thread:  ${thread}`,
    `Author:  ${name}`,
    ...(comment.author_email ? [`E-mail:  ${singleLine(comment.author_email)}`] : []),
    ...(comment.author_url ? [`Website: ${singleLine(comment.author_url)}`] : []),
    ...(parent ? [`Reply to: ${singleLine(parent.author_name)}`] : []),
    `State:   ${STATE[comment.status] ?? comment.status}`,
    `Written: ${comment.created_at}`,
    '',
    `${name} wrote:`,
    ...quote(comment.body),
  ];
  return {
    subject: headerText(`${held ? '[Held] ' : ''}New comment by ${name} on ${thread}`),
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
  const name = singleLine(reply.author_name);
  const thread = singleLine(reply.thread);
  const quoted = parent.body.length > QUOTE_CHARS ? `${parent.body.slice(0, QUOTE_CHARS)}…` : parent.body;
  const lines = [
    `${name} replied to your comment on ${thread}.`,
    '',
    ...(page ? [`Read and answer it: ${page}`, ''] : []),
    `${name} wrote:`,
    ...quote(reply.body),
    '',
    'You wrote:',
    ...quote(quoted),
    '',
    '-- ',
    'You get this mail because you asked to hear of replies to your comment.',
    `Stop these mails (one click, no login): ${unsubscribe}`,
  ];
  return {
    subject: headerText(`${name} replied to your comment on ${thread}`),
    text: lines.join('\n') + '\n',
    unsubscribe,
  };
}

/**
 * The one mail a visitor gets on ticking "notify me of replies" with an address not yet
 * confirmed: a signed link that confirms the address (double opt-in). Nothing a visitor
 * wrote is in it but the thread key, on one line: the address may not be theirs.
 *
 * @param {any} comment The subscribing comment's row.
 * @param {string} email The address to confirm.
 * @param {LinkSettings} links
 * @returns {{ subject: string, text: string }}
 */
export function confirmMessage(comment, email, links) {
  const host = new URL(links.publicUrl).host;
  const lines = [
    `Someone asked ${host} to e-mail ${singleLine(email)} when their comment gets a reply.`,
    '',
    'If that was you, confirm this address (one click, no login):',
    confirmUrl(links, comment.id, email),
    '',
    'Once confirmed, replies to comments you ask about are mailed to this address.',
    'If it was not you, ignore this mail: nothing more will be sent to you.',
  ];
  return {
    subject: headerText(`Confirm reply notifications from ${host}`),
    text: lines.join('\n') + '\n',
  };
}

import { prepareCountFormats } from './plural.js';

export { prepareCountFormats };

/**
 * Every word Parley shows or announces. Built in: English (`en`, below) and eleven more
 * locales in `./locales/`, each loaded when a widget needs it. Pass a partial object as the
 * `strings` property of `<parley-comments>` to reword; what is not given stays the locale's.
 */
export interface ParleyStrings extends Partial<MarkdownStrings> {
  /** The heading: "No comments yet", "1 comment", "12 comments". */
  count: (n: number, locale: string) => string;
  /** The heading until the first page has loaded. */
  title: string;
  loading: string;
  /** Announced once a load finishes. */
  loaded: (n: number, locale: string) => string;
  loadFailed: string;
  retry: string;
  loadMore: string;
  loadingMore: string;
  reply: string;
  /** The accessible name of a comment's Reply button. */
  replyTo: (name: string) => string;
  /** Shown on a reply that sits below its true depth. */
  inReplyTo: (name: string) => string;
  pending: string;
  showMore: string;
  newCommentForm: string;
  commentLabel: string;
  nameLabel: string;
  emailLabel: string;
  urlLabel: string;
  /** Added to the label of a field a comment needs. */
  required: string;
  /** Shown at a required field left empty, by field. */
  fieldMissing: { name: string; email: string; url: string };
  emailInvalid: string;
  /** The checkbox asking for replies by e-mail (shown when the backend sends them). */
  notifyReplies: string;
  urlInvalid: string;
  postComment: string;
  postReply: string;
  cancel: string;
  posting: string;
  posted: string;
  postedPending: string;
  emptyBody: string;
  tooLong: (max: number) => string;
  charactersLeft: (n: number) => string;
  postFailed: (reason: string) => string;
  timeout: string;
  offline: string;
  unknownError: string;
  /** The server could not be reached at all (offline, blocked, or not allowed from this site). */
  unreachable: string;
  /** Refusals a backend names (`AdapterError.code`), in the visitor's words. */
  tooFast: string;
  rateLimited: string;
  duplicate: string;
  emailRequired: string;
  nameRequired: string;
  tooManyReplies: string;
  /** Stands in for a removed comment that still has replies. */
  deleted: string;
  /** The Reply button of a comment with a saved reply draft, and its accessible name. */
  replyDraft: string;
  replyToDraft: (name: string) => string;
  copyLink: string;
  /** The accessible name of a comment's "Copy link" button. */
  copyLinkTo: (name: string) => string;
  /** Announced once a comment's link is on the clipboard. */
  linkCopied: string;
  /** The label of the field that shows a link to copy by hand, where the clipboard is closed. */
  linkField: string;
  /** Announced when the comment a link names is not in the thread. */
  notFound: string;
  hideReplies: string;
  /** The fold button of a comment whose replies are hidden. */
  showReplies: (n: number) => string;
  /** The accessible names of the fold button, naming whose replies. */
  hideRepliesTo: (name: string) => string;
  showRepliesTo: (n: number, name: string) => string;
  /** After the first replies of a comment with many. */
  moreReplies: (n: number) => string;
  sortLabel: string;
  oldestFirst: string;
  newestFirst: string;
  /** The button that loads the comments when `loading="click"`. */
  showComments: string;
  draftRestored: string;
  draftsOff: string;
  /** Shown when Escape is pressed in a reply form that holds text. */
  confirmClose: string;
  /** The Edit and Delete buttons of the visitor's own comments, and their accessible names (the start of the comment). */
  edit: string;
  editComment: (excerpt: string) => string;
  delete: string;
  deleteComment: (excerpt: string) => string;
  /** The label of the form that edits a comment. */
  editForm: string;
  save: string;
  saving: string;
  /** Announced once an edit is saved. */
  edited: string;
  /** Shown, muted, after the time of a comment its author edited (the edit's time in its tooltip). */
  editedMark: string;
  editFailed: (reason: string) => string;
  /** The in-page question before a comment is deleted, and its confirming button. */
  deleteQuestion: string;
  deleteConfirm: string;
  deleteFailed: (reason: string) => string;
  /** Refusals of an edit or deletion (`edit-window-closed`, `not-yours`). */
  editWindowClosed: string;
  notYours: string;
  anonymous: string;
}

/**
 * The words of the markdown add-on's Write / Preview switch: in every locale, but in
 * English only in the add-on (`markdownEn`, ./markdown-strings.ts), so the core bundle
 * does not carry them.
 */
export interface MarkdownStrings {
  /** The accessible name of the group of the two buttons. */
  markdownSwitch: string;
  markdownWrite: string;
  markdownPreview: string;
  /** Shown in the preview of an empty comment. */
  markdownEmpty: string;
}

const plural = (locale: string, n: number, one: string, other: string) => {
  const [number, rules] = prepareCountFormats(locale);
  return `${number.format(n)} ${rules.select(n) === 'one' ? one : other}`;
};

export const en: ParleyStrings = {
  count: (n, locale) => (n === 0 ? 'No comments yet' : plural(locale, n, 'comment', 'comments')),
  title: 'Comments',
  loading: 'Loading comments…',
  loaded: (n, locale) => `${plural(locale, n, 'comment', 'comments')} loaded`,
  loadFailed: 'The comments could not be loaded.',
  retry: 'Retry',
  loadMore: 'Load more comments',
  loadingMore: 'Loading more comments…',
  reply: 'Reply',
  replyTo: (name) => `Reply to ${name}`,
  inReplyTo: (name) => `in reply to ${name}`,
  pending: 'awaiting moderation',
  showMore: 'Show more',
  newCommentForm: 'Write a comment',
  commentLabel: 'Your comment',
  nameLabel: 'Name',
  emailLabel: 'E-mail (never shown)',
  urlLabel: 'Website',
  required: 'required',
  fieldMissing: {
    name: 'Please give your name.',
    email: 'Please give your e-mail address. It is never shown.',
    url: 'Please give your website.',
  },
  notifyReplies: 'Notify me of replies by e-mail',
  emailInvalid: 'That does not look like an e-mail address (name@example.com).',
  urlInvalid: 'A website address starts with http:// or https://.',
  postComment: 'Post comment',
  postReply: 'Post reply',
  cancel: 'Cancel',
  posting: 'Posting…',
  posted: 'Comment posted',
  postedPending: 'Your comment is awaiting moderation',
  emptyBody: 'Please write your comment before posting.',
  tooLong: (max) => `Your comment is longer than ${max} characters. Please shorten it.`,
  charactersLeft: (n) => (n >= 0 ? `${n} characters left` : `${-n} characters too many`),
  postFailed: (reason) => `Your comment was not posted: ${reason} Your text is kept; try again.`,
  timeout: 'The comment server did not answer in time.',
  offline: 'You are offline.',
  unknownError: 'Something went wrong.',
  unreachable: 'Could not reach the comment server.',
  tooFast: 'You are posting too quickly. Please wait a moment.',
  rateLimited: 'Too many comments have been posted from your connection. Please wait a few minutes.',
  duplicate: 'You have already posted this comment.',
  emailRequired: 'This site asks for your e-mail address.',
  nameRequired: 'This site asks for your name.',
  tooManyReplies: 'This comment cannot take more replies.',
  deleted: 'Comment deleted',
  replyDraft: 'Reply (draft saved)',
  replyToDraft: (name) => `Reply to ${name} (draft saved)`,
  copyLink: 'Copy link',
  copyLinkTo: (name) => `Copy link to the comment by ${name}`,
  linkCopied: 'Link copied',
  linkField: 'Link to this comment',
  notFound: 'The linked comment is not in this thread any more.',
  hideReplies: 'Hide replies',
  showReplies: (n) => (n === 1 ? 'Show 1 reply' : `Show ${n} replies`),
  hideRepliesTo: (name) => `Hide replies to ${name}`,
  showRepliesTo: (n, name) => (n === 1 ? `Show 1 reply to ${name}` : `Show ${n} replies to ${name}`),
  moreReplies: (n) => (n === 1 ? 'Show 1 more reply' : `Show ${n} more replies`),
  sortLabel: 'Sort comments',
  oldestFirst: 'Oldest first',
  newestFirst: 'Newest first',
  showComments: 'Show comments',
  draftRestored: 'Draft restored',
  draftsOff: 'Drafts cannot be saved in this browser right now: keep this tab open until you post.',
  confirmClose: 'Press Escape again to close this reply. Your draft is kept.',
  edit: 'Edit',
  editComment: (excerpt) => `Edit your comment “${excerpt}”`,
  delete: 'Delete',
  deleteComment: (excerpt) => `Delete your comment “${excerpt}”`,
  editForm: 'Edit your comment',
  save: 'Save',
  saving: 'Saving…',
  edited: 'Comment updated',
  editedMark: 'edited',
  editFailed: (reason) => `Your comment was not changed: ${reason} Your text is kept; try again.`,
  deleteQuestion: 'Delete this comment? This cannot be undone.',
  deleteConfirm: 'Yes, delete',
  deleteFailed: (reason) => `Your comment was not deleted: ${reason}`,
  editWindowClosed: 'The time to change this comment is over.',
  notYours: 'This comment can only be changed from the browser that posted it.',
  anonymous: 'Anonymous',
};

/**
 * The moderation page's words. The page is for the site's owner, not its visitors, and
 * ships apart from the widget: English only for now (the widget's eleven locales cover
 * what visitors read).
 */
export type ModerationStatus = 'published' | 'pending' | 'spam' | 'rejected';
export type ModerationAction = 'approve' | 'reject' | 'spam' | 'delete';

const rules = new Intl.PluralRules('en');
const plural = (n: number, one: string, many: string) => `${n} ${rules.select(n) === 'one' ? one : many}`;

const SPAM_REASONS: Record<string, string> = {
  honeypot: 'the hidden field (only a bot fills it in)',
  'too-fast': 'sent too soon after the form appeared',
  links: 'too many links',
  'blocked-word': 'a blocked word',
  'blocked-ip': 'a blocked IP address',
  'blocked-email': 'a blocked e-mail address',
  akismet: 'the Akismet check',
  'akismet-unavailable': 'held: the Akismet check did not answer',
};

export const adminStrings = {
  title: 'Parley moderation',
  signInHeading: 'Sign in',
  tokenLabel: 'Admin token',
  tokenHint: 'The value of PARLEY_ADMIN_TOKEN on the server.',
  signIn: 'Sign in',
  signingIn: 'Signing in…',
  signOut: 'Sign out',
  signedOut: 'Signed out.',
  signOutEverywhere: 'Sign out everywhere',
  signedOutEverywhere: 'Signed out on every device.',
  sessionEnded: 'Your session has ended: sign in again.',
  disabled: 'The moderation page is off: start the server with PARLEY_ADMIN_TOKEN set.',
  commentsHeading: 'Comments',
  filters: 'Filter',
  threadFilter: 'Thread',
  allThreads: 'All threads',
  stateFilter: 'State',
  allStates: 'Every state',
  show: 'Show',
  status: {
    published: 'Published',
    pending: 'Pending',
    spam: 'Spam',
    rejected: 'Rejected',
  } satisfies Record<ModerationStatus, string>,
  caption: (status: ModerationStatus | '', thread: string) =>
    `${status ? adminStrings.status[status] : 'All'} comments${thread ? ` in ${thread}` : ' in all threads'}, newest first`,
  linkedCaption: 'The comment the link names',
  linkedGone: 'The comment the link names is not here any more.',
  showAll: 'Show every comment',
  loading: 'Loading…',
  empty: 'No comments match this filter.',
  loadMore: 'Show older comments',
  selectAll: 'Select every comment shown',
  select: (name: string, when: string) => `Select the comment by ${name}, ${when}`,
  selected: (n: number) => `${plural(n, 'comment', 'comments')} selected`,
  bulkActions: 'Actions on the selected comments',
  columns: { select: 'Select', comment: 'Comment', details: 'Details', actions: 'Actions' },
  thread: 'Thread',
  email: 'E-mail',
  website: 'Website',
  ip: 'IP',
  caughtBy: 'Caught by',
  /** The spam check's reason (server/spam.mjs) in the owner's words; an unknown one as it is. */
  spamReason: (reason: string) => (Object.hasOwn(SPAM_REASONS, reason) ? SPAM_REASONS[reason] : reason),
  none: '—',
  reply: 'Reply',
  actions: {
    approve: 'Approve',
    reject: 'Reject',
    spam: 'Mark as spam',
    delete: 'Delete',
  } satisfies Record<ModerationAction, string>,
  bulk: {
    approve: 'Approve selected',
    reject: 'Reject selected',
    spam: 'Mark selected as spam',
    delete: 'Delete selected',
  } satisfies Record<ModerationAction, string>,
  /** An action button's accessible name: its visible words first (WCAG 2.5.3), then whose comment. */
  actionOn: (label: string, name: string) => `${label}: comment by ${name}`,
  blockEmail: 'Block e-mail',
  blockIp: 'Block IP',
  done: {
    approve: (n: number) => `Approved ${plural(n, 'comment', 'comments')}.`,
    reject: (n: number) => `Rejected ${plural(n, 'comment', 'comments')}.`,
    spam: (n: number) => `Marked ${plural(n, 'comment', 'comments')} as spam.`,
    delete: (n: number) => `Deleted ${plural(n, 'comment', 'comments')}.`,
  } satisfies Record<ModerationAction, (n: number) => string>,
  deletedReplies: (n: number) => ` ${plural(n, 'reply', 'replies')} under them went too.`,
  missing: (n: number) => ` ${plural(n, 'comment was', 'comments were')} no longer there.`,
  blocked: (kind: 'email' | 'ip' | 'word', value: string) =>
    kind === 'word'
      ? `Blocked the word ${value}: new comments with it are held as spam.`
      : `Blocked ${kind === 'email' ? 'e-mail' : 'IP'} ${value}: new comments from it are held as spam.`,
  blocklistHeading: 'Blocklist',
  blockWordLabel: 'Block a word',
  blockWordHint: 'New comments with it in their text, name or website, in any case, are held as spam.',
  blockWord: 'Block word',
  blocklistCaption: 'Blocked words, e-mails and IP addresses',
  blocklistEmpty: 'Nothing is blocked yet.',
  blockKinds: { word: 'Word', email: 'E-mail', ip: 'IP' },
  auditHeading: 'Audit log',
  auditCaption: 'Moderation actions and sign-ins, newest first',
  auditEmpty: 'Nothing recorded yet.',
  auditColumns: { at: 'When', actor: 'Who', action: 'What', target: 'Target', detail: 'Detail' },
  failed: (message: string) => `That did not work: ${message}`,
  offline: 'The server could not be reached.',
};

export type AdminStrings = typeof adminStrings;

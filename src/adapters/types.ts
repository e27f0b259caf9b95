/** Who wrote a comment, as an adapter hands it over. */
export interface CommentAuthor {
  name: string;
  /** Shown as a link only when it is an `http:` or `https:` URL. */
  url?: string;
  /** Shown as an image only when it is an `http:` or `https:` URL. */
  avatarUrl?: string;
}

/** One comment as a backend stores it: flat, with a pointer to its parent. */
export interface CommentRecord {
  id: string;
  /** `null` for a top-level comment. */
  parentId: string | null;
  author: CommentAuthor;
  /** Plain text written by a visitor: never trusted as HTML. */
  body: string;
  /** ISO 8601. */
  createdAt: string;
  status?: 'published' | 'pending';
  /** A removed comment kept as a placeholder because it has replies; body empty. */
  deleted?: boolean;
  /** ISO 8601: when its author last edited it; the widget shows "edited" after the time. */
  editedAt?: string;
  /** The visitor may change this comment's text now through `update`: theirs, while the backend allows it. */
  canEdit?: boolean;
  /** The visitor may delete this comment now through `remove`. */
  canDelete?: boolean;
  /** ISO 8601: when `canEdit` and `canDelete` end; the widget takes the buttons away then. */
  editableUntil?: string;
  /**
   * `markdown`: the body is markdown source, shown formatted when the markdown add-on is
   * loaded (whatever the element's `format`), else as plain text. Absent: the element's `format`.
   */
  format?: 'markdown';
}

/** What the widget sends to create a comment. */
export interface NewComment {
  parentId: string | null;
  body: string;
  author: { name: string; email?: string; url?: string };
  /** The honeypot field's value: people never see it and leave it empty; bots fill it. */
  trap?: string;
  /** Milliseconds between the form's first render and its submission. */
  elapsedMs?: number;
  /**
   * The author asks to be e-mailed replies to this comment ("Notify me of replies"); sent
   * only with an e-mail, and only to a backend whose pages say `notify: true`.
   */
  notify?: boolean;
}

/** One page of a thread: top-level comments with all their replies. */
export interface CommentPage {
  comments: CommentRecord[];
  /** The cursor of the following page; absent or null when there is none. */
  next?: string | null;
  /** The number of comments in the whole thread, when the backend knows it. */
  total?: number;
  /**
   * The backend e-mails replies to a commenter who posts with `NewComment.notify`: the
   * form then offers "Notify me of replies" (where it asks for an e-mail). Read from the
   * first page.
   */
  notify?: boolean;
}

/** The orders a thread can be listed in. */
export type SortOrder = 'oldest' | 'newest';

export interface ListOptions {
  cursor?: string | null;
  signal?: AbortSignal;
  /**
   * The order of top-level comments, asked for only when the adapter's
   * `capabilities.sort` lists it; absent, the backend's own order.
   */
  sort?: SortOrder;
}

export interface CreateOptions {
  signal?: AbortSignal;
}

export interface CountOptions {
  signal?: AbortSignal;
}

/** What an edit changes of a comment. */
export interface CommentChange {
  body: string;
}

/** The options of `update` and `remove`. */
export interface ChangeOptions {
  signal?: AbortSignal;
}

/** What an adapter can do beyond listing and posting; every member is optional. */
export interface AdapterCapabilities {
  /** The orders `list` takes in `ListOptions.sort`; the widget offers a choice when there are two. */
  readonly sort?: readonly SortOrder[];
}

/** The small interface a backend implements to talk to Parley. */
export interface CommentAdapter {
  list(thread: string, options?: ListOptions): Promise<CommentPage>;
  create(thread: string, input: NewComment, options?: CreateOptions): Promise<CommentRecord>;
  /**
   * Optional: the number of comments a reader sees in each of `threads`, in one call, for
   * `<parley-count>` on a list of posts: `{ [thread]: n }`. A thread left out, or given
   * something other than a whole number of zero or more, shows no count. Without this
   * method the widget calls `list` once per thread and reads the page's `total`.
   */
  count?(threads: string[], options?: CountOptions): Promise<Record<string, number>>;
  /**
   * Optional: replaces the text of a comment the visitor may edit (`canEdit`) and resolves
   * to the saved record. A refusal rejects with an `AdapterError` whose `code` is
   * `edit-window-closed` (the time to change it is over) or `not-yours`.
   */
  update?(thread: string, id: string, change: CommentChange, options?: ChangeOptions): Promise<CommentRecord>;
  /**
   * Optional: deletes a comment the visitor may delete (`canDelete`). The widget then
   * removes it, or leaves "Comment deleted" in its place while it has replies, as the
   * backend does. Refusals as for `update`.
   */
  remove?(thread: string, id: string, options?: ChangeOptions): Promise<void>;
  /**
   * Who keeps the comments, for keying the visitor's drafts and remembered name: two
   * adapters with the same id share them. Built-in adapters name their kind and server;
   * an adapter without one shares a single key with every other such adapter of the site.
   */
  readonly id?: string;
  /** What it can do beyond the two calls. */
  readonly capabilities?: AdapterCapabilities;
}

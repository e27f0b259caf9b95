/**
 * The refusals an adapter can name, for the widget to put in the visitor's words:
 * - `too-fast`: the server wants a pause between two comments (Waline's "Comment too fast!").
 * - `rate-limited`: too many comments or requests from this address for now (Isso's
 *   "ratelimit exceeded", HTTP 429, Artalk's captcha challenge).
 * - `duplicate`: the same comment was posted before (Waline).
 * - `email-required`: the server requires an e-mail address (Isso's `require-email`, Artalk).
 * - `name-required`: the server requires a name (Isso's `require-author`, Artalk).
 * - `too-many-replies`: the visitor has reached the server's limit of comments on this
 *   thread (Isso's `direct-reply`).
 * - `edit-window-closed`: the time in which a comment's author may edit or delete it is over.
 * - `not-yours`: the comment may not be changed from here (another browser posted it, or
 *   the proof of authorship was lost).
 * - `network`: the server was not reached at all: offline, DNS, or a request the browser
 *   refused to send (CORS).
 */
export type AdapterErrorCode =
  | 'too-fast'
  | 'rate-limited'
  | 'duplicate'
  | 'email-required'
  | 'name-required'
  | 'too-many-replies'
  | 'edit-window-closed'
  | 'not-yours'
  | 'network';

/**
 * A failed adapter call: the server refused or could not be reached. The `message` is the
 * server's own text (or a description of what went wrong), meant for the console; `code`
 * names the refusal when it is known, so the widget can tell the visitor in their words.
 */
export class AdapterError extends Error {
  override name = 'AdapterError';
  /** The HTTP status of the answer; 0 when the server was not reached. */
  readonly status: number;
  /** The refusal, when the adapter recognised it (see `AdapterErrorCode`); a server of Parley's REST contract may send codes of its own. */
  readonly code?: string;
  /** The backend that answered: `rest`, `waline`, `isso`, `remark42`, `artalk` or `twikoo`. */
  readonly backend: string;

  constructor(message: string, details: { status: number; backend: string; code?: string; cause?: unknown }) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.status = details.status;
    this.backend = details.backend;
    if (details.code !== undefined) this.code = details.code;
  }
}

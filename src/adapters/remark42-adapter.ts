/**
 * An adapter for a [Remark42](https://remark42.com) server.
 *
 * What of Parley it supports:
 * - Listing a thread (`GET /api/v1/find?site=…&url=…&sort=…&format=plain`): Remark42 sends
 *   the whole thread at once, flat, each comment pointing at its direct parent (`pid`), so
 *   there is a single page (`next` is null) and `total` is the post's `info.count`.
 * - The visitor's own text: `body` is Remark42's `orig` (the markdown as written), with the
 *   HTML escaping Remark42's sanitiser applies to it decoded; for a comment without `orig`
 *   (some imports), the rendered `text` is turned into text by `htmlToText` in
 *   `html-to-text.ts`. Backend HTML is never handed over as HTML. User names are decoded
 *   the same way; `user.picture` becomes the avatar (resolved against the server's URL when
 *   relative, kept only when it is http(s)).
 * - Posting (`POST /api/v1/comment` with `{text, pid, locator: {site, url}}`) as the user
 *   whose JWT is given in the `jwt` option (sent as `X-JWT`), or with a cookie session when
 *   `credentials: 'include'` and an `X-XSRF-TOKEN` header are given.
 * - Errors: Remark42's `{error, details}` becomes the message of an `AdapterError`; its
 *   rate limiter's HTTP 429 has the code `rate-limited`. Its CORS allows the `X-JWT` and
 *   `X-XSRF-TOKEN` headers from any origin.
 *
 * What it does not support:
 * - Posting without a signed-in user: Remark42 takes the author from the session, so
 *   `create` rejects with an Error before any request when no JWT or XSRF header is set,
 *   and the `author` of the new comment (name, email, url) is ignored. Signing in (OAuth,
 *   e-mail or anonymous login) happens outside Parley.
 * - Moderation queues (Remark42 has none: every record is `published`), deleted comments
 *   (left out; their replies are still shown), votes, pins, editing, images.
 */
import { AdapterError } from './adapter-error.js';
import { toAuthor } from './author.js';
import { backendId, httpUrl, isObject, isoTime, objectsIn } from './backend-support.js';
import { decodeHtmlEntities, htmlToText, pageMessage } from './html-to-text.js';
import { BackendClient, type RequestOptions } from './request.js';
import { serverUrl } from '../util/url.js';
import type { AdapterCapabilities, CommentAdapter, CommentPage, CommentRecord, CreateOptions, ListOptions, NewComment } from './types.js';

/**
 * The options of a `Remark42Adapter`, besides `fetch`, `headers` (e.g. `X-XSRF-TOKEN` for
 * a cookie session) and `credentials` (`'include'` for a cookie session on another origin).
 */
export interface Remark42AdapterOptions extends RequestOptions {
  /** The Remark42 site ID (its `SITE` setting). Default `remark`. */
  site?: string;
  /** The signed-in user's JWT, or a function returning it at the time of posting. */
  jwt?: string | (() => string | null | undefined);
  /** Remark42's `sort` (`+time`, `-time`, `+score`, …). Default `+time`. */
  sort?: string;
}

/** Talks to a Remark42 server at `baseUrl` (the `REMARK_URL`, without `/api/v1`). */
export class Remark42Adapter implements CommentAdapter {
  /** Keys the visitor's drafts and remembered name: `remark42 {server address} {site}`. */
  readonly id: string;
  private readonly baseUrl: string;
  private readonly site: string;
  private readonly client: BackendClient;
  private readonly headers: Record<string, string>;
  private readonly jwt: Remark42AdapterOptions['jwt'];
  private readonly sort: string;
  /** Oldest or newest first on the visitor's request; the first is the site's `sort`. */
  readonly capabilities: AdapterCapabilities;

  constructor(baseUrl: string, options: Remark42AdapterOptions = {}) {
    // Absolute: it is also the base of the avatars Remark42 serves itself.
    this.baseUrl = serverUrl(baseUrl, '');
    this.site = options.site ?? 'remark';
    this.id = backendId('remark42', this.baseUrl, this.site);
    this.client = new BackendClient(
      {
        backend: 'remark42',
        server: 'The Remark42 server',
        page: pageMessage,
        message: errorText,
        // Its rate limiter (tollbooth) answers 429 in plain text.
        refusal: ({ status }) => (status === 429 ? 'rate-limited' : undefined),
        corsHeaders: 'Remark42 allows only Accept, Authorization, Content-Type, X-XSRF-Token and X-JWT',
      },
      options,
    );
    this.headers = options.headers ?? {};
    this.jwt = options.jwt;
    this.sort = options.sort ?? '+time';
    this.capabilities = { sort: this.sort === '-time' ? ['newest', 'oldest'] : ['oldest', 'newest'] };
  }

  async list(thread: string, options: ListOptions = {}): Promise<CommentPage> {
    const sort = options.sort === 'newest' ? '-time' : options.sort === 'oldest' ? '+time' : this.sort;
    const query = { site: this.site, url: thread, sort, format: 'plain' };
    const data = await this.client.object({ url: serverUrl(this.baseUrl, 'api/v1/find', query), signal: options.signal });
    const comments: CommentRecord[] = [];
    for (const item of objectsIn(data.comments)) {
      const record = toRecord(item, this.baseUrl);
      if (record) comments.push(record);
    }
    const info = isObject(data.info) ? data.info : {};
    return typeof info.count === 'number' ? { comments, next: null, total: info.count } : { comments, next: null };
  }

  async create(thread: string, input: NewComment, options: CreateOptions = {}): Promise<CommentRecord> {
    const auth = this.authHeaders();
    if (!auth) {
      throw new AdapterError(
        'Remark42 needs a signed-in user to post: give the adapter the user’s JWT (`jwt` option) or a cookie session with an X-XSRF-TOKEN header.',
        { status: 0, backend: 'remark42' },
      );
    }
    const body = { text: input.body, pid: input.parentId ?? '', locator: { site: this.site, url: thread } };
    const url = serverUrl(this.baseUrl, 'api/v1/comment');
    const data = await this.client.object({ url, method: 'POST', json: body, headers: auth, signal: options.signal });
    const record = toRecord(data, this.baseUrl);
    if (!record) throw new AdapterError('The Remark42 server returned no comment.', { status: 200, backend: 'remark42' });
    return record;
  }

  /** The headers that identify the user, or null when none are configured. */
  private authHeaders(): Record<string, string> | null {
    const headers = { ...this.headers };
    const jwt = typeof this.jwt === 'function' ? this.jwt() : this.jwt;
    if (jwt) headers['X-JWT'] = jwt;
    const names = Object.keys(headers).map((name) => name.toLowerCase());
    return names.includes('x-jwt') || names.includes('x-xsrf-token') ? headers : null;
  }
}

function toRecord(item: unknown, baseUrl: string): CommentRecord | null {
  if (!isObject(item) || typeof item.id !== 'string' || item.delete === true) return null;
  const user = isObject(item.user) ? item.user : {};
  return {
    id: item.id,
    parentId: typeof item.pid === 'string' && item.pid ? item.pid : null,
    author: toAuthor(decodeHtmlEntities(user.name), undefined, httpUrl(user.picture, baseUrl)),
    body: typeof item.orig === 'string' && item.orig ? decodeHtmlEntities(item.orig) : htmlToText(item.text),
    createdAt: toIso(item.time),
    status: 'published',
  };
}

/** Remark42 times are RFC 3339 with up to nanoseconds; Date wants at most milliseconds. */
function toIso(value: unknown): string {
  // A time is short: anything longer is not one, and is never searched.
  if (typeof value !== 'string' || value.length > 40) return isoTime(NaN);
  return isoTime(Date.parse(value.replace(/(\.\d{3})\d+/, '$1')));
}

/** `{error, details}` from Remark42's JSON errors (its auth middleware answers in plain text). */
function errorText(data: Record<string, unknown>): string {
  const details = typeof data.details === 'string' ? data.details : '';
  const error = typeof data.error === 'string' ? data.error : '';
  return details && error ? `${details}: ${error}` : details || error;
}

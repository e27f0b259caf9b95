/**
 * An adapter for an [Artalk](https://artalk.js.org) server (API v2).
 *
 * What of Parley it supports:
 * - Listing a thread (`GET /api/v2/comments?page_key=…&site_name=…&limit=…&offset=…
 *   &flat_mode=false&sort_by=…`). Artalk's nested mode pages over top-level comments and
 *   returns each page's replies with it, still as one flat list — exactly a Parley page.
 *   (`flat_mode=true` pages over all comments instead and can split a reply from its
 *   parent.) The cursor is the offset of the next top-level comment; `total` is `count`.
 * - Any nesting depth: `rid` is the direct parent and becomes `parentId` (0: top level).
 * - The visitor's own text: `content` is the markdown as written, used as `body`;
 *   `content_marked` (HTML) is never read.
 * - Pending comments (`is_pending`, shown by Artalk to admins and their author) map to
 *   `status: 'pending'`, including a new comment held by `pending_default`.
 * - Posting (`POST /api/v2/comments` with `{name, email, link, content, page_key, site_name,
 *   rid}`). Artalk requires a name and an e-mail address: a post without one is sent as
 *   it is, and Artalk's refusal comes back with the code `name-required` or
 *   `email-required` (read from what was sent, so in any language Artalk answers in).
 *   Give the widget `fields="name* email*"` so its form asks for both before posting.
 * - Avatars: `avatar` when the server sends one, else Gravatar from `email_encrypted` with
 *   the same mirror and parameters as Artalk's own client (configurable, or off).
 * - Errors: Artalk's `{msg}` becomes the message of an `AdapterError`; its rate limiter's
 *   captcha challenge (`need_captcha`) has the code `rate-limited`.
 *
 * What it does not support:
 * - Captcha challenges (Artalk's rate limiter answers `need_captcha`, reported as
 *   `rate-limited`: the captcha cannot be solved), signed-in users beyond passing an
 *   `Authorization` header through `headers` (Artalk's CORS allows it), votes, pins,
 *   collapsing, editing.
 * - Time zones: Artalk sends `date` as the server's local time without an offset. Like
 *   Artalk's client, it is read as the browser's local time unless `serverUtcOffset` says
 *   what the server's offset is.
 */
import { AdapterError } from './adapter-error.js';
import { sentField, sentName, toAuthor } from './author.js';
import { backendId, httpUrl, isObject, isoTime, objectsIn, parseCursor } from './backend-support.js';
import { pageMessage } from './html-to-text.js';
import { BackendClient, type Failure, type RequestOptions } from './request.js';
import { serverUrl } from '../util/url.js';
import type { AdapterCapabilities, CommentAdapter, CommentPage, CommentRecord, CreateOptions, ListOptions, NewComment } from './types.js';

/** The options of an `ArtalkAdapter`, besides `fetch`, `headers` (e.g. `Authorization: Bearer …`) and `credentials`. */
export interface ArtalkAdapterOptions extends RequestOptions {
  /** The Artalk site name (`site_name`) the pages belong to. */
  site: string;
  /** Top-level comments per page. Default 20. */
  pageSize?: number;
  /** Artalk's `sort_by`. Default `date_asc` (oldest first). */
  sortBy?: 'date_asc' | 'date_desc' | 'vote';
  /** The server's UTC offset, e.g. `+08:00` or `Z`; default: the browser's local time. */
  serverUtcOffset?: string;
  /** Where avatars come from when a comment has none; `false` for no avatar. */
  gravatar?: { mirror: string; params: string } | false;
}

/** The defaults of Artalk's own client. */
const GRAVATAR = { mirror: 'https://www.gravatar.com/avatar/', params: 'sha256=1&d=mp&s=240' };

/**
 * Artalk's refusals are translated into the server's language, so they are read from the
 * answer's flags and from what was sent: Artalk checks the name first, then the e-mail.
 */
function refusal({ status, data, sent }: Failure): string | undefined {
  if (data?.need_captcha === true) return 'rate-limited';
  if (status !== 400 || !isObject(sent)) return undefined;
  if (sent.name === '') return 'name-required';
  return sent.email === '' ? 'email-required' : undefined;
}

/** Talks to an Artalk server at `baseUrl` (its root, without `/api/v2`). */
export class ArtalkAdapter implements CommentAdapter {
  /** Keys the visitor's drafts and remembered name: `artalk {server address} {site}`. */
  readonly id: string;
  private readonly baseUrl: string;
  private readonly site: string;
  private readonly client: BackendClient;
  private readonly pageSize: number;
  private readonly sortBy: string;
  /** Oldest or newest first on the visitor's request; the first is the site's `sortBy`. */
  readonly capabilities: AdapterCapabilities;
  private readonly serverUtcOffset: string | undefined;
  private readonly gravatar: { mirror: string; params: string } | false;

  constructor(baseUrl: string, options: ArtalkAdapterOptions) {
    this.baseUrl = baseUrl;
    this.site = options.site;
    this.id = backendId('artalk', baseUrl, this.site);
    this.client = new BackendClient(
      {
        backend: 'artalk',
        server: 'The Artalk server',
        page: pageMessage,
        message: (data) => data.msg,
        refusal,
        corsHeaders: 'Artalk allows only Origin, Content-Type, Accept and Authorization',
      },
      options,
    );
    this.pageSize = options.pageSize ?? 20;
    this.sortBy = options.sortBy ?? 'date_asc';
    this.capabilities = { sort: this.sortBy === 'date_desc' ? ['newest', 'oldest'] : ['oldest', 'newest'] };
    this.serverUtcOffset = options.serverUtcOffset;
    this.gravatar = options.gravatar ?? GRAVATAR;
  }

  async list(thread: string, options: ListOptions = {}): Promise<CommentPage> {
    const offset = parseCursor(options.cursor, 0, 'Artalk');
    const query = {
      page_key: thread,
      site_name: this.site,
      limit: String(this.pageSize),
      offset: String(offset),
      flat_mode: 'false',
      sort_by: options.sort === 'newest' ? 'date_desc' : options.sort === 'oldest' ? 'date_asc' : this.sortBy,
    };
    const data = await this.client.object({ url: serverUrl(this.baseUrl, 'api/v2/comments', query), signal: options.signal });
    const comments: CommentRecord[] = [];
    let roots = 0;
    for (const item of objectsIn(data.comments)) {
      const record = this.toRecord(item);
      if (!record) continue;
      comments.push(record);
      if (record.parentId === null) roots += 1;
    }
    const rootsCount = typeof data.roots_count === 'number' ? data.roots_count : 0;
    const next = roots > 0 && offset + roots < rootsCount ? String(offset + roots) : null;
    return typeof data.count === 'number' ? { comments, next, total: data.count } : { comments, next };
  }

  async create(thread: string, input: NewComment, options: CreateOptions = {}): Promise<CommentRecord> {
    const body = {
      name: sentName(input.author?.name),
      email: sentField(input.author?.email),
      link: sentField(input.author?.url),
      content: input.body,
      page_key: thread,
      site_name: this.site,
      rid: input.parentId === null ? 0 : Number(input.parentId),
    };
    const url = serverUrl(this.baseUrl, 'api/v2/comments');
    const data = await this.client.object({ url, method: 'POST', json: body, signal: options.signal });
    const record = this.toRecord(data);
    if (!record) throw new AdapterError('The Artalk server returned no comment.', { status: 200, backend: 'artalk' });
    return record;
  }

  private toRecord(item: unknown): CommentRecord | null {
    if (!isObject(item) || typeof item.id !== 'number') return null;
    return {
      id: String(item.id),
      parentId: typeof item.rid === 'number' && item.rid !== 0 ? String(item.rid) : null,
      author: toAuthor(item.nick, item.link, this.avatarOf(item)),
      body: typeof item.content === 'string' ? item.content : '',
      createdAt: this.toIso(item.date),
      status: item.is_pending === true ? 'pending' : 'published',
    };
  }

  private avatarOf(item: Record<string, unknown>): string | undefined {
    const avatar = httpUrl(item.avatar);
    if (avatar) return avatar;
    if (!this.gravatar || typeof item.email_encrypted !== 'string' || !/^[0-9a-f]+$/i.test(item.email_encrypted)) {
      return undefined;
    }
    const mirror = this.gravatar.mirror.replace(/\/$/, '');
    const params = this.gravatar.params.replace(/^\?/, '');
    return `${mirror}/${item.email_encrypted}${params ? `?${params}` : ''}`;
  }

  /** `date` is `YYYY-MM-DD HH:mm:ss` in the server's local time. */
  private toIso(value: unknown): string {
    const match = typeof value === 'string' ? /^(\d{4})-(\d\d)-(\d\d)[ T](\d\d):(\d\d):(\d\d)/.exec(value) : null;
    if (!match) return isoTime(NaN);
    const [, y, mo, d, h, mi, s] = match;
    if (this.serverUtcOffset !== undefined) {
      return isoTime(Date.parse(`${y}-${mo}-${d}T${h}:${mi}:${s}${this.serverUtcOffset}`));
    }
    return isoTime(new Date(+y, +mo - 1, +d, +h, +mi, +s).getTime());
  }
}

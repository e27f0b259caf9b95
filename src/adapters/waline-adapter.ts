/**
 * An adapter for a [Waline](https://waline.js.org) server (`@waline/vercel`, written
 * against 1.39.3).
 *
 * What of Parley it supports:
 * - Listing a thread (`GET /api/comment?path=…&page=…&pageSize=…&sortBy=…&lang=…`). Waline
 *   pages over top-level comments and hands each one over with all its replies in a flat
 *   `children` list, where `pid` is the direct parent and `rid` the top-level comment: each
 *   becomes one flat record, `parentId` taken from `pid`. The cursor is the next page
 *   number; `total` is Waline's `count` (every visible comment of the thread).
 * - The visitor's own text: `orig` is the source as written and becomes `body`, marked
 *   `format: 'markdown'` (shown formatted where the markdown add-on is loaded). Waline's
 *   rendered HTML in `comment` is never inserted anywhere; it is read only when `orig` is
 *   missing (older servers), and then reduced to plain text by `htmlToText` in
 *   `html-to-text.ts` — no DOM is ever built from it.
 * - Authors: `nick` (no name when blank: the widget says "Anonymous"), `link` and `avatar`
 *   (the URL the server builds from its avatar settings), each URL kept only when it is
 *   http(s). A visitor who gave no name is posted with an empty `nick`, as Waline's own
 *   client does when names are optional.
 * - Pending comments: `status: 'waiting'` (Waline's moderation queue, `COMMENT_AUDIT`) and
 *   `'spam'` map to `status: 'pending'`. Waline lists them only to their signed-in author,
 *   so in practice this is what a visitor sees right after posting.
 * - Posting (`POST /api/comment` with `{comment, nick, mail, link, url, ua, pid, rid, at}`).
 *   A reply needs both its parent (`pid`) and its top-level comment (`rid`); the adapter
 *   remembers every comment's top-level comment from what it listed, and for a parent it
 *   never listed it reads the thread's pages until it finds it.
 * - Errors: Waline answers most failures (duplicate text, posting too fast, …) with HTTP
 *   200 and a non-zero `errno`; its `errmsg` becomes the message of an `AdapterError`, in
 *   `lang`. "Duplicate Content" (in any of Waline's languages) has the code `duplicate`,
 *   "Comment too fast!" (which Waline never translates) `too-fast`.
 * - Cancellation through the `AbortSignal` of every call.
 *
 * What it does not support: signing in (OAuth, tokens, so a visitor's own pending comments
 * do not come back on reload), captchas (reCAPTCHA / Turnstile), reactions, likes, pins,
 * page-view counters, editing and deleting: Waline changes a comment (`PUT` and `DELETE
 * /api/comment/{id}`) only for a signed-in user who wrote it, or an administrator, and an
 * anonymous commenter has no proof of authorship to send, so no record has `canEdit` or
 * `canDelete`.
 */
import { AdapterError } from './adapter-error.js';
import { sentField, sentName, toAuthor } from './author.js';
import { backendId, isoTime, isObject, objectsIn, parseCursor } from './backend-support.js';
import { htmlToText, pageMessage } from './html-to-text.js';
import { BackendClient, type Failure, type RequestOptions } from './request.js';
import { serverUrl } from '../util/url.js';
import type { AdapterCapabilities, CommentAdapter, CommentPage, CommentRecord, CreateOptions, ListOptions, NewComment } from './types.js';

/** The options of a `WalineAdapter`, besides `fetch`, `headers` and `credentials`. */
export interface WalineAdapterOptions extends RequestOptions {
  /** Top-level comments per page (Waline allows at most 100). Default 10, as Waline's client. */
  pageSize?: number;
  /** The language of Waline's error messages, e.g. `en-US` (default) or `zh-CN`. */
  lang?: string;
  /**
   * Waline's `sortBy` for top-level comments. Default `insertedAt_desc` (newest first, as
   * Waline's own client), with each comment's replies oldest first. With `insertedAt_asc`
   * Waline lists replies newest first.
   */
  sortBy?: 'insertedAt_desc' | 'insertedAt_asc' | 'like_desc';
}

/** A comment as Waline 1.39 sends it (only the fields the adapter reads). */
interface WalineComment {
  objectId?: unknown;
  pid?: unknown;
  rid?: unknown;
  nick?: unknown;
  link?: unknown;
  avatar?: unknown;
  comment?: unknown;
  orig?: unknown;
  time?: unknown;
  insertedAt?: unknown;
  status?: unknown;
  children?: unknown;
}

/** What Waline remembers about a listed comment to answer it later. */
interface Known {
  /** The id exactly as Waline sent it: a number for SQL storage, a string elsewhere. */
  raw: string | number;
  /** The top-level comment of its thread, as Waline sent it. */
  root: string | number;
  nick: string;
}

/** Waline's envelope: `{errno, errmsg, data}`; `errno` 0 means success. */
interface Envelope {
  errno?: unknown;
  errmsg?: unknown;
  data?: unknown;
}

/** How far `create` reads a thread looking for a parent it has not listed. */
const MAX_PAGES = 100;

/**
 * Waline's "Duplicate Content" in each language it ships (@waline/vercel 1.39.3,
 * src/locales); its "Comment too fast!" has no translation, so it always reads so.
 */
const DUPLICATE = new Set([
  'Duplicate Content',
  'Doppelter Inhalt gesendet',
  'Contenido duplicado enviado',
  'Contenu dupliqué envoyé',
  'Contenuto duplicato',
  '重複した内容が送信されました',
  '중복된 내용',
  'Conteúdo duplicado enviado',
  'Дублированное содержание',
  'Nội dung trùng lặp đã được gửi',
  '发送的内容之前已经发过',
  '發送的內容之前已經發過',
]);

function refusal({ message }: Failure): string | undefined {
  if (DUPLICATE.has(message)) return 'duplicate';
  return message.startsWith('Comment too fast') ? 'too-fast' : undefined;
}

/** Waline's `sortBy` for each order the widget asks for. */
const SORT_BY = { oldest: 'insertedAt_asc', newest: 'insertedAt_desc' } as const;

/** Talks to a Waline server at `serverURL` (its root, without `/api`). */
export class WalineAdapter implements CommentAdapter {
  /** Keys the visitor's drafts and remembered name: `waline {server address}`. */
  readonly id: string;
  private readonly serverURL: string;
  private readonly client: BackendClient;
  private readonly pageSize: number;
  private readonly lang: string;
  private readonly sortBy: string;
  /**
   * Oldest or newest first on the visitor's request; the first is what the site set
   * (`sortBy`), the order a thread shows in until the visitor picks one.
   */
  readonly capabilities: AdapterCapabilities;
  /** Every comment listed or created so far, by Parley id (Waline ids are server-wide). */
  private readonly known = new Map<string, Known>();

  constructor(serverURL: string, options: WalineAdapterOptions = {}) {
    this.serverURL = String(serverURL);
    this.id = backendId('waline', this.serverURL);
    this.client = new BackendClient(
      {
        backend: 'waline',
        server: 'The Waline server',
        page: pageMessage,
        message: (body) => errorText(body.errmsg),
        refusal,
      },
      options,
    );
    this.pageSize = Math.min(100, Math.max(1, Math.floor(options.pageSize ?? 10)));
    this.lang = options.lang ?? 'en-US';
    this.sortBy = options.sortBy ?? 'insertedAt_desc';
    this.capabilities = { sort: this.sortBy === 'insertedAt_asc' ? ['oldest', 'newest'] : ['newest', 'oldest'] };
  }

  async list(thread: string, { cursor, signal, sort }: ListOptions = {}): Promise<CommentPage> {
    const page = parseCursor(cursor, 1, 'Waline');
    const query = { path: thread, page: String(page), pageSize: String(this.pageSize), sortBy: sort ? SORT_BY[sort] : this.sortBy, lang: this.lang };
    const data = await this.request(query, { signal });
    const body = (isObject(data) ? data : {}) as { data?: unknown; totalPages?: unknown; count?: unknown };
    const comments: CommentRecord[] = [];
    for (const root of objectsIn(body.data)) {
      if (!isId(root.objectId)) continue;
      comments.push(this.remember(root, null, root.objectId));
      for (const child of objectsIn(root.children)) {
        if (!isId(child.objectId)) continue;
        const parent = isId(child.pid) ? child.pid : root.objectId;
        comments.push(this.remember(child, String(parent), isId(child.rid) ? child.rid : root.objectId));
      }
    }
    const totalPages = Number(body.totalPages);
    const total = Number(body.count);
    return {
      comments,
      next: Number.isFinite(totalPages) && page < totalPages ? String(page + 1) : null,
      ...(Number.isFinite(total) ? { total } : {}),
    };
  }

  async create(thread: string, input: NewComment, { signal }: CreateOptions = {}): Promise<CommentRecord> {
    const payload: Record<string, unknown> = {
      comment: input.body,
      nick: sentName(input.author?.name),
      mail: sentField(input.author?.email),
      link: sentField(input.author?.url),
      url: thread,
      ua: typeof navigator === 'undefined' ? '' : navigator.userAgent,
    };
    let root: string | number | undefined;
    if (input.parentId !== null) {
      const parent = this.known.get(input.parentId) ?? (await this.find(thread, input.parentId, signal));
      // A parent Waline does not list any more: answering it directly is the best guess.
      payload.pid = parent?.raw ?? input.parentId;
      payload.rid = root = parent?.root ?? input.parentId;
      if (parent?.nick) payload.at = parent.nick;
    }
    const data = await this.request({ lang: this.lang }, { method: 'POST', json: payload, signal });
    if (!isObject(data) || !isId(data.objectId)) {
      throw new AdapterError('The Waline server did not return the new comment.', { status: 200, backend: 'waline' });
    }
    return this.remember(data, input.parentId, root ?? data.objectId);
  }

  /** Maps one Waline comment to a record and remembers where it sits. */
  private remember(comment: WalineComment, parentId: string | null, root: string | number): CommentRecord {
    const raw = comment.objectId as string | number;
    const id = String(raw);
    const author = toAuthor(comment.nick, comment.link, comment.avatar);
    this.known.set(id, { raw, root, nick: author.name });
    const record: CommentRecord = {
      id,
      parentId,
      author,
      body: typeof comment.orig === 'string' ? comment.orig : htmlToText(comment.comment),
      createdAt: createdAt(comment),
    };
    // Waline's source text is markdown: shown formatted where the markdown add-on is loaded.
    if (typeof comment.orig === 'string') record.format = 'markdown';
    if (comment.status === 'waiting' || comment.status === 'spam') record.status = 'pending';
    else if (comment.status === 'approved') record.status = 'published';
    return record;
  }

  /** Reads the thread page by page (at most MAX_PAGES) until the comment `id` turns up. */
  private async find(thread: string, id: string, signal?: AbortSignal): Promise<Known | undefined> {
    let cursor: string | null | undefined = null;
    for (let pages = 0; pages < MAX_PAGES; pages++) {
      ({ next: cursor } = await this.list(thread, { cursor, signal }));
      const known = this.known.get(id);
      if (known || !cursor) return known;
    }
    return undefined;
  }

  /** One call to Waline: resolves with `data`, rejects with Waline's own message. */
  private async request(
    query: Record<string, string>,
    call: { method?: 'POST'; json?: unknown; signal?: AbortSignal },
  ): Promise<unknown> {
    const envelope: Envelope = await this.client.object({ url: serverUrl(this.serverURL, 'api/comment', query), ...call });
    if (envelope.errno !== 0) {
      const message = errorText(envelope.errmsg) || `The Waline server refused (errno ${String(envelope.errno)}).`;
      throw this.client.refused(200, message, envelope as Record<string, unknown>, call.json);
    }
    return envelope.data;
  }
}

function isId(value: unknown): value is string | number {
  return (typeof value === 'string' && value !== '') || (typeof value === 'number' && Number.isFinite(value));
}

/** Waline's `errmsg`: a string, or for a failed validation an object of messages by field. */
function errorText(errmsg: unknown): string {
  if (typeof errmsg === 'string') return errmsg.trim();
  if (!isObject(errmsg)) return '';
  return Object.values(errmsg)
    .filter((v): v is string => typeof v === 'string')
    .join(' ')
    .trim();
}

/** `time` is milliseconds since the epoch; older servers send `insertedAt` instead. */
function createdAt(comment: WalineComment): string {
  for (const value of [comment.time, comment.insertedAt]) {
    const ms = typeof value === 'number' || typeof value === 'string' ? new Date(value).getTime() : NaN;
    if (!Number.isNaN(ms)) return isoTime(ms);
  }
  return isoTime(NaN);
}

/**
 * An adapter for an [Isso](https://isso-comments.de) server (recorded against Isso 0.14.0).
 *
 * What of Parley it supports:
 * - Listing a thread (`GET /?uri=…&plain=1&limit=…&offset=…&nested_limit=…`), one page of
 *   top-level comments with all their replies; `next` is the offset of the following page.
 * - Deleted comments that still have replies (Isso's `mode` 4) come as placeholders,
 *   `deleted: true` with an empty body and no author, so their replies keep their place.
 *   `total` is Isso's `total_replies` less the placeholders listed so far: Isso counts
 *   them, the widget does not.
 * - Posting (`POST /new?uri=…` with `{text, author, email, website, parent, title}`); a
 *   comment Isso holds for moderation (`mode` 2, HTTP 202) comes back `pending`. A visitor
 *   who gave no name is sent as `author: null`, which Isso stores as no name.
 * - A new thread's title: Isso creates a thread on its first comment and needs a title for
 *   it; without one it fetches the page itself, and refuses (HTTP 400, "URI … is not
 *   accessible and no title was provided") when it cannot: a draft, a page behind a login,
 *   a `thread` key that is not a path. The `title` option (default `document.title`) is sent.
 * - The visitor's own text: the adapter asks for `plain=1` (Isso ≥ 0.13), so `body` is the
 *   source the visitor wrote, never Isso's rendered HTML; it is markdown (`format:
 *   'markdown'`), shown formatted where the markdown add-on is loaded. With `{ plain: false }` (for older
 *   servers, which always render), the HTML is turned into text by `htmlToText`
 *   (`html-to-text.ts`) — no DOM is ever built from it. Isso HTML-escapes names and
 *   websites when it stores them; those are decoded the same way. Websites and
 *   `gravatar_image` are kept only when they are http(s) URLs.
 * - Errors: Isso answers the errors its views return with an HTML page, whose `<p>` text
 *   becomes the message of an `AdapterError`, and those it raises (its guard's, a server
 *   error) with `{"message": "403 Forbidden: …"}`, whose reason becomes the message.
 *   Its guard's refusals get a `code`: "ratelimit exceeded" is `rate-limited`, "… direct
 *   responses to …" `too-many-replies`, "email address required" `email-required`,
 *   "author address required" `name-required`.
 * - No cookie: Isso answers a new comment with a 15-minute edit cookie; requests go with
 *   `credentials: 'omit'` unless the `credentials` option says otherwise.
 * - Editing and deleting the visitor's own comments (`PUT` and `DELETE /id/{id}`), when the
 *   site lets Isso's edit cookie be kept and sent: `credentials: 'include'` (or
 *   `'same-origin'` for an Isso on the page's origin). The browser holds the cookie; the
 *   adapter notes until when (its `Max-Age`, read from `X-Set-Cookie`, which Isso's CORS
 *   exposes; Isso's `max-age`, 15 minutes by default, renewed by each edit) in IndexedDB,
 *   and marks those comments `canEdit` and `canDelete`. Isso's refusal (403) is
 *   `edit-window-closed` once that time has passed, else `not-yours`. An Isso on another
 *   site sets its cookie `SameSite=Lax` unless it is served over https with
 *   `[server] samesite = None`, and browsers that block third-party cookies never send it:
 *   there the edit is refused as `not-yours`.
 *
 * What it does not support:
 * - Nesting deeper than one level: Isso files a reply to a reply under the top-level
 *   comment, so the created record's `parentId` is the one Isso returns, not the one asked.
 * - Comments awaiting moderation are not listed by Isso (only to their author right after
 *   posting).
 * - Custom `headers` on an Isso of another origin: Isso's CORS preflight allows only
 *   `Origin, Referer, Content-Type`, so the browser sends nothing and the call fails with a
 *   `network` error that says so. Headers are fine for an Isso proxied on the page's origin.
 * - Editing the name or website, votes, Isso's reply notifications and its `reply-to-self`
 *   refusal ("edit time frame is still open"), which gets no code.
 */
import { AdapterError } from './adapter-error.js';
import { sentField, sentName, toAuthor } from './author.js';
import { backendId, isObject, isoTime, objectsIn, parseCursor } from './backend-support.js';
import { decodeHtmlEntities, htmlToText, pageMessage } from './html-to-text.js';
import { BackendClient, type Failure, type RequestOptions } from './request.js';
import { serverUrl } from '../util/url.js';
import { sharedSecretStore, type CommentSecret, type SecretStore } from '../drafts/secret-store.js';
import type { ChangeOptions, CommentAdapter, CommentChange, CommentPage, CommentRecord, CreateOptions, ListOptions, NewComment } from './types.js';

/**
 * The options of an `IssoAdapter`, besides `fetch`, `headers` and `credentials` (default
 * `'omit'`: no edit cookie). Custom `headers` work only with an Isso on the page's origin.
 */
export interface IssoAdapterOptions extends RequestOptions {
  /** Top-level comments per page (Isso's `limit`). Default 20. */
  pageSize?: number;
  /** Replies fetched with each top-level comment before asking for the rest. Default 100. */
  nestedLimit?: number;
  /**
   * Ask Isso for the visitor's source text (`plain=1`, Isso ≥ 0.13). Set to `false` for an
   * older server that only returns rendered HTML. Default `true`.
   */
  plain?: boolean;
  /**
   * The title Isso gives a thread created by its first comment, or a function of the
   * thread key returning it. Default: the page's `document.title`. When it is empty Isso
   * reads the title from the page itself, which fails for a page it cannot fetch.
   */
  title?: string | ((thread: string) => string);
  /** Where the times until which the visitor may change their comments are kept; IndexedDB by default. */
  secrets?: SecretStore;
}

/** What marks a comment the visitor may still change, and until when. */
const mark = (until: number) => ({ canEdit: true, canDelete: true, editableUntil: new Date(until).toISOString() });

/** The `Max-Age` of an edit cookie Isso sets, in seconds; NaN without one. */
function cookieMaxAge(headers: Headers): number {
  const match = /max-age=(\d{1,9})/i.exec(headers.get('X-Set-Cookie') ?? '');
  return match ? Number(match[1]) : NaN;
}

/** Isso's guard answers 403 with one of these reasons (isso/db/spam.py); none is translated. */
const REFUSALS: [string, string][] = [
  ['ratelimit exceeded', 'rate-limited'],
  ['direct responses to', 'too-many-replies'],
  ['email address required', 'email-required'],
  ['author address required', 'name-required'],
];

const refusal = ({ status, message }: Failure) =>
  status === 403 ? REFUSALS.find(([reason]) => message.includes(reason))?.[1] : undefined;

/**
 * The reason in an error Isso raises, which it answers as `{"message": "403 Forbidden:
 * reason"}` to a request that accepts JSON (the errors it returns are HTML pages).
 */
function reason(data: Record<string, unknown>): unknown {
  const { message } = data;
  if (typeof message !== 'string' || !/^\d{3} /.test(message)) return message;
  const colon = message.indexOf(': ');
  return colon < 0 ? message : message.slice(colon + 2);
}

/** Talks to an Isso server at `baseUrl` (the URL Isso is served from). */
export class IssoAdapter implements CommentAdapter {
  /** Keys the visitor's drafts and remembered name: `isso {server address}`. */
  readonly id: string;
  private readonly baseUrl: string;
  private readonly client: BackendClient;
  private readonly pageSize: number;
  private readonly nestedLimit: number;
  private readonly plain: boolean;
  private readonly title: (thread: string) => string;
  /** The placeholders listed per thread since its first page was read: Isso counts them in `total_replies`. */
  private readonly placeholders = new Map<string, Set<string>>();
  /** Whether Isso's edit cookie is kept and sent (see the module's comment). */
  private readonly editable: boolean;
  private readonly secrets: SecretStore;

  constructor(baseUrl: string, options: IssoAdapterOptions = {}) {
    this.baseUrl = baseUrl;
    this.id = backendId('isso', baseUrl);
    this.client = new BackendClient(
      {
        backend: 'isso',
        server: 'The Isso server',
        page: pageMessage,
        message: reason,
        refusal,
        corsHeaders: 'Isso allows only Origin, Referer and Content-Type',
        credentials: 'omit',
      },
      options,
    );
    this.pageSize = options.pageSize ?? 20;
    this.nestedLimit = options.nestedLimit ?? 100;
    this.plain = options.plain ?? true;
    const { title } = options;
    this.title = typeof title === 'function' ? title : () => title ?? globalThis.document?.title ?? '';
    this.editable = options.credentials === 'include' || options.credentials === 'same-origin';
    this.secrets = options.secrets ?? sharedSecretStore();
  }

  async list(thread: string, options: ListOptions = {}): Promise<CommentPage> {
    const offset = parseCursor(options.cursor, 0, 'Isso');
    // The kept edit cookies' times are read while the page is on its way, not after: on the
    // first call the store opens IndexedDB, which would otherwise wait on the first paint.
    const kept = this.editable ? this.secrets.all(this.id).catch(() => undefined) : undefined;
    const data = await this.get(
      { uri: thread, limit: String(this.pageSize), offset: String(offset), nested_limit: String(this.nestedLimit) },
      options.signal,
    );
    const roots = objectsIn(data.replies);
    const comments: CommentRecord[] = [];
    for (const root of roots) {
      pushRecord(comments, root, this.plain);
      let replies = objectsIn(root.replies);
      // Replies beyond nested_limit come from a second call for that comment alone.
      if (typeof root.id === 'number' && Number(root.hidden_replies) > 0) {
        const rest = await this.get({ uri: thread, parent: String(root.id) }, options.signal);
        replies = objectsIn(rest.replies);
      }
      for (const reply of replies) pushRecord(comments, reply, this.plain);
    }
    const hidden = Number(data.hidden_replies);
    const next = hidden > 0 && roots.length > 0 ? String(offset + roots.length) : null;
    const placeholders = this.placeholdersOf(thread, offset === 0);
    for (const record of comments) if (record.deleted) placeholders.add(record.id);
    const mine = await kept;
    const shown = mine?.size ? comments.map((c) => (mine.has(c.id) && !c.deleted ? { ...c, ...mark(mine.get(c.id)!.until) } : c)) : comments;
    if (typeof data.total_replies !== 'number') return { comments: shown, next };
    return { comments: shown, next, total: Math.max(0, data.total_replies - placeholders.size) };
  }

  /** Replaces the text of the visitor's comment: `PUT /id/{id}`, with Isso's edit cookie. */
  async update(_thread: string, id: string, change: CommentChange, options: ChangeOptions = {}): Promise<CommentRecord> {
    let maxAge = NaN;
    let keptUntil = NaN;
    const data = await this.changing(id, (kept) => {
      keptUntil = kept.until;
      return this.client.object({
        url: serverUrl(this.baseUrl, `id/${encodeURIComponent(id)}`),
        method: 'PUT',
        json: { text: change?.body },
        signal: options.signal,
        onHeaders: (headers) => (maxAge = cookieMaxAge(headers)),
      });
    });
    const record = toRecord(data, false);
    if (!record) throw new AdapterError('The Isso server returned no comment.', { status: 200, backend: 'isso' });
    // Each edit sets a new cookie: the time to change it starts again. Where X-Set-Cookie
    // cannot be read, the time kept stands, as the REST adapter keeps its secret's.
    const until = maxAge > 0 ? Date.now() + maxAge * 1000 : keptUntil;
    if (maxAge > 0) await this.secrets.set(this.id, id, { secret: 'isso-cookie', until }).catch(() => undefined);
    // Isso answers with its rendering: the sent text is the source, as for a post.
    return { ...record, body: change.body, format: 'markdown', ...(until > Date.now() ? mark(until) : {}) };
  }

  /** Deletes the visitor's comment: `DELETE /id/{id}`; Isso keeps it as a placeholder while it has replies. */
  async remove(_thread: string, id: string, options: ChangeOptions = {}): Promise<void> {
    await this.changing(id, () => this.client.send({ url: serverUrl(this.baseUrl, `id/${encodeURIComponent(id)}`), method: 'DELETE', signal: options.signal }));
    await this.secrets.delete(this.id, id).catch(() => undefined);
  }

  /** Runs an edit or a deletion; Isso's 403 becomes the refusal it stands for. */
  private async changing<T>(id: string, call: (kept: CommentSecret) => Promise<T>): Promise<T> {
    const kept = this.editable ? (await this.secrets.all(this.id).catch(() => undefined))?.get(id) : undefined;
    // The widget offers to change only comments it was told it may: none kept means its time ran out.
    if (!kept) throw new AdapterError('The time to change that comment is over.', { status: 403, backend: 'isso', code: 'edit-window-closed' });
    try {
      return await call(kept);
    } catch (error) {
      if (!(error instanceof AdapterError) || (error.status !== 403 && error.status !== 404)) throw error;
      await this.secrets.delete(this.id, id).catch(() => undefined);
      const code = error.status === 404 ? undefined : kept.until <= Date.now() ? 'edit-window-closed' : 'not-yours';
      throw new AdapterError(error.message, { status: error.status, backend: 'isso', code, cause: error });
    }
  }

  async create(thread: string, input: NewComment, options: CreateOptions = {}): Promise<CommentRecord> {
    const title = this.title(thread);
    const body = {
      text: input.body,
      // null, not '': Isso stores what it is sent, and its own client shows null as no name.
      author: sentName(input.author?.name) || null,
      email: sentField(input.author?.email) || null,
      website: sentField(input.author?.url) || null,
      parent: input.parentId === null ? null : Number(input.parentId),
      // Only a new thread uses it; an empty one would stop Isso reading the page's own.
      ...(typeof title === 'string' && title.trim() ? { title: title.trim() } : {}),
    };
    const url = serverUrl(this.baseUrl, 'new', { uri: thread });
    let maxAge = NaN;
    const onHeaders = (headers: Headers) => (maxAge = cookieMaxAge(headers));
    const data = await this.client.object({ url, method: 'POST', json: body, signal: options.signal, onHeaders });
    const record = toRecord(data, this.plain);
    if (!record) throw new AdapterError('The Isso server returned no comment.', { status: 200, backend: 'isso' });
    // Isso stores the text as sent but answers with its rendering: the sent text is the source.
    const created: CommentRecord = { ...record, body: input.body, format: 'markdown' };
    // Its edit cookie was kept by the browser only where cookies go to Isso.
    if (!this.editable || !(maxAge > 0)) return created;
    const until = Date.now() + maxAge * 1000;
    await this.secrets.set(this.id, created.id, { secret: 'isso-cookie', until }).catch(() => undefined);
    return { ...created, ...mark(until) };
  }

  private get(query: Record<string, string>, signal?: AbortSignal): Promise<Record<string, unknown>> {
    const params = this.plain ? { ...query, plain: '1' } : query;
    return this.client.object({ url: serverUrl(this.baseUrl, '', params), signal });
  }

  /** The placeholders counted for a thread; a first page starts counting again. */
  private placeholdersOf(thread: string, restart: boolean): Set<string> {
    let seen = this.placeholders.get(thread);
    if (!seen || restart) this.placeholders.set(thread, (seen = new Set()));
    return seen;
  }
}

function pushRecord(out: CommentRecord[], item: unknown, plain: boolean): void {
  const record = toRecord(item, plain);
  if (record) out.push(record);
}

function toRecord(item: unknown, plain: boolean): CommentRecord | null {
  if (!isObject(item) || typeof item.id !== 'number') return null;
  const record: CommentRecord = {
    id: String(item.id),
    parentId: typeof item.parent === 'number' ? String(item.parent) : null,
    author: { name: '' },
    body: '',
    // Isso's `created` is seconds since the epoch, with a fraction.
    createdAt: isoTime(typeof item.created === 'number' ? Math.round(item.created * 1000) : 0),
    status: item.mode === 2 ? 'pending' : 'published',
  };
  // Isso empties a deleted comment that has replies and keeps it, as `mode` 4.
  if (item.mode === 4) return { ...record, deleted: true };
  const text = typeof item.text === 'string' ? item.text : '';
  record.author = toAuthor(decodeHtmlEntities(item.author), decodeHtmlEntities(item.website), item.gravatar_image);
  record.body = plain ? text : htmlToText(text);
  // Isso's source text is markdown: shown formatted where the markdown add-on is loaded.
  if (plain) record.format = 'markdown';
  return record;
}

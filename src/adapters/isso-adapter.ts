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
 *
 * What it does not support:
 * - Nesting deeper than one level: Isso files a reply to a reply under the top-level
 *   comment, so the created record's `parentId` is the one Isso returns, not the one asked.
 * - Comments awaiting moderation are not listed by Isso (only to their author right after
 *   posting).
 * - Custom `headers` on an Isso of another origin: Isso's CORS preflight allows only
 *   `Origin, Referer, Content-Type`, so the browser sends nothing and the call fails with a
 *   `network` error that says so. Headers are fine for an Isso proxied on the page's origin.
 * - Editing, deleting, votes, Isso's reply notifications and its `reply-to-self` refusal
 *   ("edit time frame is still open"), which gets no code.
 */
import { AdapterError } from './adapter-error.js';
import { sentField, sentName, toAuthor } from './author.js';
import { backendId, isObject, isoTime, objectsIn, parseCursor } from './backend-support.js';
import { decodeHtmlEntities, htmlToText, pageMessage } from './html-to-text.js';
import { BackendClient, type Failure, type RequestOptions } from './request.js';
import { serverUrl } from '../util/url.js';
import type { CommentAdapter, CommentPage, CommentRecord, CreateOptions, ListOptions, NewComment } from './types.js';

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
  }

  async list(thread: string, options: ListOptions = {}): Promise<CommentPage> {
    const offset = parseCursor(options.cursor, 0, 'Isso');
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
    if (typeof data.total_replies !== 'number') return { comments, next };
    return { comments, next, total: Math.max(0, data.total_replies - placeholders.size) };
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
    const data = await this.client.object({ url, method: 'POST', json: body, signal: options.signal });
    const record = toRecord(data, this.plain);
    if (!record) throw new AdapterError('The Isso server returned no comment.', { status: 200, backend: 'isso' });
    // Isso stores the text as sent but answers with its rendering: the sent text is the source.
    return { ...record, body: input.body, format: 'markdown' };
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

/**
 * An adapter for an [Isso](https://isso-comments.de) server.
 *
 * What of Parley it supports:
 * - Listing a thread (`GET /?uri=…&plain=1&limit=…&offset=…&nested_limit=…`), one page of
 *   top-level comments with all their replies; `next` is the offset of the following page,
 *   `total` is Isso's `total_replies` (every visible comment of the thread).
 * - Posting (`POST /new?uri=…` with `{text, author, email, website, parent}`); a comment Isso
 *   holds for moderation (`mode` 2, HTTP 202) comes back with `status: 'pending'`.
 * - The visitor's own text: the adapter asks for `plain=1` (Isso ≥ 0.13), so `body` is the
 *   source the visitor wrote, never Isso's rendered HTML. With `{ plain: false }` (for older
 *   servers, which always render), the HTML is turned into text by `htmlToText` in
 *   `backend-support.ts` (a tag-strip and a decoder for `&amp; &lt; &gt; &quot; &apos;
 *   &nbsp;` and numeric references) — no DOM is ever built from it. Isso HTML-escapes names
 *   and websites when it stores them; those are decoded the same way. Websites and
 *   `gravatar_image` are kept only when they are http(s) URLs.
 * - Errors: Isso answers errors with an HTML page; its `<p>` text becomes the Error message.
 *
 * What it does not support:
 * - Nesting deeper than one level: Isso files a reply to a reply under the top-level
 *   comment, so the created record's `parentId` is the one Isso returns, not the one asked.
 * - Comments awaiting moderation are not listed by Isso (only to their author right after
 *   posting); deleted comments that still have replies (`mode` 4) are left out, and their
 *   replies are still shown.
 * - Editing, deleting, votes, the edit cookie and Isso's `title` for a new thread.
 */
import {
  decodeHtmlEntities,
  htmlToText,
  isObject,
  isoTime,
  objectsIn,
  parseCursor,
  readObject,
  toAuthor,
} from './backend-support.js';
import { serverUrl } from '../util/url.js';
import type { CommentAdapter, CommentPage, CommentRecord, CreateOptions, ListOptions, NewComment } from './types.js';

export interface IssoAdapterOptions {
  /** The fetch to use; defaults to the global one. */
  fetch?: typeof fetch;
  /** Extra headers sent with every request. */
  headers?: Record<string, string>;
  /** Top-level comments per page (Isso's `limit`). Default 20. */
  pageSize?: number;
  /** Replies fetched with each top-level comment before asking for the rest. Default 100. */
  nestedLimit?: number;
  /**
   * Ask Isso for the visitor's source text (`plain=1`, Isso ≥ 0.13). Set to `false` for an
   * older server that only returns rendered HTML. Default `true`.
   */
  plain?: boolean;
}

/** Talks to an Isso server at `baseUrl` (the URL Isso is served from). */
export class IssoAdapter implements CommentAdapter {
  private readonly baseUrl: string;
  private readonly fetchImpl: typeof fetch;
  private readonly headers: Record<string, string>;
  private readonly pageSize: number;
  private readonly nestedLimit: number;
  private readonly plain: boolean;

  constructor(baseUrl: string, options: IssoAdapterOptions = {}) {
    this.baseUrl = baseUrl;
    this.fetchImpl = options.fetch ?? ((input, init) => fetch(input, init));
    this.headers = options.headers ?? {};
    this.pageSize = options.pageSize ?? 20;
    this.nestedLimit = options.nestedLimit ?? 100;
    this.plain = options.plain ?? true;
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
    const total = typeof data.total_replies === 'number' ? data.total_replies : undefined;
    return total === undefined ? { comments, next } : { comments, next, total };
  }

  async create(thread: string, input: NewComment, options: CreateOptions = {}): Promise<CommentRecord> {
    const url = serverUrl(this.baseUrl, 'new', { uri: thread });
    const body = {
      text: input.body,
      author: input.author.name || null,
      email: input.author.email || null,
      website: input.author.url || null,
      parent: input.parentId === null ? null : Number(input.parentId),
    };
    const data = await this.send(url, {
      method: 'POST',
      headers: { ...this.headers, 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
      signal: options.signal,
    });
    const record = toRecord(data, this.plain);
    if (!record) throw new Error('Isso returned no comment');
    // Isso stores the text as sent but answers with its rendering: the sent text is the source.
    return { ...record, body: input.body };
  }

  private get(query: Record<string, string>, signal?: AbortSignal): Promise<Record<string, unknown>> {
    const params = this.plain ? { ...query, plain: '1' } : query;
    return this.send(serverUrl(this.baseUrl, '', params), { headers: this.headers, signal });
  }

  /** Isso answers errors with werkzeug's HTML pages: their `<p>` becomes the message. */
  private async send(url: string, init: RequestInit): Promise<Record<string, unknown>> {
    return readObject(await this.fetchImpl(url, init), 'Isso');
  }
}

function pushRecord(out: CommentRecord[], item: unknown, plain: boolean): void {
  const record = toRecord(item, plain);
  if (record) out.push(record);
}

function toRecord(item: unknown, plain: boolean): CommentRecord | null {
  if (!isObject(item) || typeof item.id !== 'number' || item.mode === 4) return null;
  const text = typeof item.text === 'string' ? item.text : '';
  return {
    id: String(item.id),
    parentId: typeof item.parent === 'number' ? String(item.parent) : null,
    author: toAuthor(decodeHtmlEntities(item.author), decodeHtmlEntities(item.website), item.gravatar_image),
    body: plain ? text : htmlToText(text),
    // Isso's `created` is seconds since the epoch, with a fraction.
    createdAt: isoTime(typeof item.created === 'number' ? Math.round(item.created * 1000) : 0),
    status: item.mode === 2 ? 'pending' : 'published',
  };
}

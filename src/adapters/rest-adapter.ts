import { serverUrl } from '../util/url.js';
import type { CommentAdapter, CommentPage, CommentRecord, CreateOptions, ListOptions, NewComment } from './types.js';

export interface RestAdapterOptions {
  /** The `fetch` to use, e.g. one that adds credentials; the global one by default. */
  fetch?: typeof fetch;
  /** Extra headers sent with every request, e.g. an authorization token. */
  headers?: Record<string, string>;
}

/** A failed request, carrying the HTTP status and the server's own message. */
export class RestAdapterError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
    this.name = 'RestAdapterError';
  }
}

/**
 * Talks to a server that speaks Parley's REST contract:
 * `GET {endpoint}/threads/{thread}/comments[?cursor=…]` and
 * `POST {endpoint}/threads/{thread}/comments`.
 */
export class RestAdapter implements CommentAdapter {
  private readonly endpoint: string;

  constructor(
    endpoint: string,
    private readonly options: RestAdapterOptions = {},
  ) {
    this.endpoint = String(endpoint);
  }

  async list(thread: string, { cursor, signal }: ListOptions = {}): Promise<CommentPage> {
    return this.request(this.url(thread, cursor ? { cursor } : {}), { method: 'GET', signal });
  }

  async create(thread: string, input: NewComment, { signal }: CreateOptions = {}): Promise<CommentRecord> {
    return this.request(this.url(thread, {}), {
      method: 'POST',
      body: JSON.stringify(input),
      headers: { 'Content-Type': 'application/json' },
      signal,
    });
  }

  private url(thread: string, query: Record<string, string>): string {
    return serverUrl(this.endpoint, `threads/${encodeURIComponent(thread)}/comments`, query);
  }

  private async request<T>(url: string, init: RequestInit): Promise<T> {
    const doFetch = this.options.fetch ?? globalThis.fetch.bind(globalThis);
    const response = await doFetch(url, {
      ...init,
      headers: { Accept: 'application/json', ...this.options.headers, ...(init.headers as Record<string, string>) },
    });
    const payload: unknown = await response.json().catch(() => undefined);
    // A body cut short by an abort reads as no body: report the abort, not a bad answer.
    init.signal?.throwIfAborted();
    if (!response.ok) {
      const message = (payload as { error?: { message?: unknown } } | undefined)?.error?.message;
      throw new RestAdapterError(
        typeof message === 'string' && message ? message : `The comment server answered ${response.status}.`,
        response.status,
      );
    }
    return payload as T;
  }
}

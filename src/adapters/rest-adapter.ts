/**
 * An adapter for a server of Parley's REST contract, such as the reference server in `server/`.
 *
 * What of Parley it supports:
 * - Listing (`GET {endpoint}/threads/{thread}/comments[?cursor=…]`) and posting (`POST` to
 *   the same address with a `NewComment`): the server answers in Parley's own types, which
 *   are handed over as they come (the widget checks every record).
 * - A visitor who gave no name: `author.name` is sent empty; the server decides what to store.
 * - Errors: `{"error": {"message", "code"?}}` becomes an `AdapterError` with the server's
 *   message, its status and its `code`; HTTP 429 is `rate-limited` even without a code.
 *   An error body that is not the contract's JSON gives "The comment server answered {status}.".
 * - Cancellation through the `AbortSignal` of every call.
 *
 * What it does not support: anything beyond the two calls of the contract (editing,
 * deleting, votes).
 */
import { serverUrl } from '../util/url.js';
import { AdapterError } from './adapter-error.js';
import { sentName } from './author.js';
import { backendId, isObject } from './backend-support.js';
import { BackendClient, type RequestOptions } from './request.js';
import type { CommentAdapter, CommentPage, CommentRecord, CreateOptions, ListOptions, NewComment } from './types.js';

/** The options of a `RestAdapter`: `fetch`, `headers` and `credentials` (see the README on servers on another origin). */
export type RestAdapterOptions = RequestOptions;

/**
 * A failed request to a REST server.
 * @deprecated Catch `AdapterError`, which every adapter rejects with; `RestAdapter` still
 * rejects with this subclass of it, so existing `instanceof` checks keep working.
 */
export class RestAdapterError extends AdapterError {
  override name = 'RestAdapterError';

  constructor(message: string, status: number, code?: string, cause?: unknown) {
    super(message, { status, backend: 'rest', code, cause });
  }
}

const client = (options: RestAdapterOptions) =>
  new BackendClient(
    {
      backend: 'rest',
      server: 'The comment server',
      message: (data) => (isObject(data.error) ? data.error.message : undefined),
      // No `page`: the contract's error is JSON, and an HTML page comes from something in between.
      refusal: ({ status, data }) => {
        const code = isObject(data?.error) ? data.error.code : undefined;
        if (typeof code === 'string' && code) return code;
        return status === 429 ? 'rate-limited' : undefined;
      },
      corsHeaders: "Parley's reference server allows only Content-Type",
      error: (message, { status, code, cause }) => new RestAdapterError(message, status, code, cause),
    },
    options,
  );

/**
 * Talks to a server that speaks Parley's REST contract:
 * `GET {endpoint}/threads/{thread}/comments[?cursor=…]` and
 * `POST {endpoint}/threads/{thread}/comments`.
 */
export class RestAdapter implements CommentAdapter {
  /** Keys the visitor's drafts and remembered name: `rest {server address}`. */
  readonly id: string;
  private readonly endpoint: string;
  private readonly client: BackendClient;

  constructor(endpoint: string, options: RestAdapterOptions = {}) {
    this.endpoint = String(endpoint);
    this.id = backendId('rest', this.endpoint);
    this.client = client(options);
  }

  async list(thread: string, { cursor, signal }: ListOptions = {}): Promise<CommentPage> {
    return (await this.client.send({ url: this.url(thread, cursor ? { cursor } : {}), signal })) as CommentPage;
  }

  async create(thread: string, input: NewComment, { signal }: CreateOptions = {}): Promise<CommentRecord> {
    const author = isObject(input?.author) ? { ...input.author, name: sentName(input.author.name) } : input?.author;
    const json = { ...input, author };
    return (await this.client.send({ url: this.url(thread, {}), method: 'POST', json, signal })) as CommentRecord;
  }

  private url(thread: string, query: Record<string, string>): string {
    return serverUrl(this.endpoint, `threads/${encodeURIComponent(thread)}/comments`, query);
  }
}

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
 * - Counts of many threads (`GET {endpoint}/counts?thread=a&thread=b` → `{"a": 3}`), at
 *   most 50 threads and about 2,000 characters of query per request; a value that is not
 *   a whole number of zero or more is left out.
 * - Editing and deleting the visitor's own comments (`PATCH` and `DELETE` on
 *   `{endpoint}/threads/{thread}/comments/{id}`): the secret a post's answer carries once
 *   is kept in IndexedDB per server until its `editableUntil`, sent in `X-Parley-Secret`,
 *   and shown as `canEdit` / `canDelete` on the comments it proves are the visitor's.
 * - Cancellation through the `AbortSignal` of every call.
 *
 * What it does not support: anything beyond the calls of the contract (votes).
 */
import { serverUrl } from '../util/url.js';
import { AdapterError } from './adapter-error.js';
import { sentName } from './author.js';
import { backendId, isObject } from './backend-support.js';
import { BackendClient, type RequestOptions } from './request.js';
import { sharedSecretStore, type CommentSecret, type SecretStore } from '../drafts/secret-store.js';
import type {
  AdapterCapabilities,
  ChangeOptions,
  CommentAdapter,
  CommentChange,
  CommentPage,
  CommentRecord,
  CountOptions,
  CreateOptions,
  ListOptions,
  NewComment,
} from './types.js';

/** The options of a `RestAdapter`: `fetch`, `headers` and `credentials` (see the README on servers on another origin). */
export type RestAdapterOptions = RequestOptions & {
  /** Where the secrets that let the visitor change their comments are kept; IndexedDB by default. */
  secrets?: SecretStore;
};

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
      corsHeaders: "Parley's reference server allows only Content-Type (and X-Parley-Secret on a comment's own address)",
      error: (message, { status, code, cause }) => new RestAdapterError(message, status, code, cause),
    },
    options,
  );

/** What marks a comment the visitor may still change, and until when. */
const mark = (until: number) => ({ canEdit: true, canDelete: true, editableUntil: new Date(until).toISOString() });

/**
 * Talks to a server that speaks Parley's REST contract:
 * `GET {endpoint}/threads/{thread}/comments[?cursor=…][&sort=newest]`,
 * `POST {endpoint}/threads/{thread}/comments` and `GET {endpoint}/counts?thread=…`.
 */
export class RestAdapter implements CommentAdapter {
  /** Keys the visitor's drafts and remembered name: `rest {server address}`. */
  readonly id: string;
  private readonly endpoint: string;
  private readonly client: BackendClient;
  private readonly secrets: SecretStore;

  constructor(endpoint: string, options: RestAdapterOptions = {}) {
    this.endpoint = String(endpoint);
    this.id = backendId('rest', this.endpoint);
    this.client = client(options);
    this.secrets = options.secrets ?? sharedSecretStore();
  }

  /** The contract's `?sort=`: oldest or newest first. */
  readonly capabilities: AdapterCapabilities = { sort: ['oldest', 'newest'] };

  async list(thread: string, { cursor, signal, sort }: ListOptions = {}): Promise<CommentPage> {
    // Oldest first is the default order: asked for only when it is not.
    const query = { ...(cursor ? { cursor } : {}), ...(sort === 'newest' ? { sort } : {}) };
    // The kept secrets are read while the page is on its way, not after: on the first call
    // the store opens IndexedDB, which would otherwise wait on the first paint.
    const kept = this.secrets.all(this.id).catch(() => undefined);
    const [page, secrets] = await Promise.all([this.client.send({ url: this.url(thread, query), signal }), kept]);
    return this.mine(page as CommentPage, secrets);
  }

  async create(thread: string, input: NewComment, { signal }: CreateOptions = {}): Promise<CommentRecord> {
    const author = isObject(input?.author) ? { ...input.author, name: sentName(input.author.name) } : input?.author;
    const json = { ...input, author };
    const answer = await this.client.send({ url: this.url(thread, {}), method: 'POST', json, signal });
    if (!isObject(answer)) return answer as CommentRecord;
    // The secret is the visitor's alone: kept, never handed to the widget.
    const { secret, editableUntil, ...record } = answer;
    const until = typeof editableUntil === 'string' ? Date.parse(editableUntil) : NaN;
    if (typeof secret !== 'string' || !secret || typeof record.id !== 'string' || !(until > Date.now())) return record as unknown as CommentRecord;
    await this.secrets.set(this.id, record.id, { secret, until }).catch(() => undefined);
    return { ...record, ...mark(until) } as unknown as CommentRecord;
  }

  /** Replaces the text of one of the visitor's comments: `PATCH` with its secret. */
  async update(thread: string, id: string, change: CommentChange, { signal }: ChangeOptions = {}): Promise<CommentRecord> {
    const { headers, until } = await this.proof(id);
    const call = { url: this.commentUrl(thread, id), method: 'PATCH' as const, json: { body: change?.body }, headers, signal };
    const record = await this.refusing(id, this.client.send(call));
    return isObject(record) ? ({ ...record, ...mark(until) } as unknown as CommentRecord) : (record as CommentRecord);
  }

  /** Deletes one of the visitor's comments: `DELETE` with its secret, which goes with it. */
  async remove(thread: string, id: string, { signal }: ChangeOptions = {}): Promise<void> {
    const { headers } = await this.proof(id);
    await this.refusing(id, this.client.send({ url: this.commentUrl(thread, id), method: 'DELETE', headers, signal }));
    await this.secrets.delete(this.id, id).catch(() => undefined);
  }

  /** The header that proves the visitor posted `id`; refuses as the server would without it. */
  private async proof(id: string): Promise<{ headers: Record<string, string>; until: number }> {
    const kept = (await this.secrets.all(this.id).catch(() => undefined))?.get(id);
    // The widget offers to change only comments it was told it may: none kept means its time ran out.
    if (!kept) throw new RestAdapterError('The time to change that comment is over (no secret for it is kept here).', 403, 'edit-window-closed');
    return { headers: { 'X-Parley-Secret': kept.secret }, until: kept.until };
  }

  /** A refusal that no later try can change forgets the secret, so the buttons go. */
  private async refusing<T>(id: string, answer: Promise<T>): Promise<T> {
    try {
      return await answer;
    } catch (error) {
      const code = (error as AdapterError | null)?.code;
      if (code === 'edit-window-closed' || code === 'not-yours' || (error as AdapterError | null)?.status === 404) {
        await this.secrets.delete(this.id, id).catch(() => undefined);
      }
      throw error;
    }
  }

  /** The page with the comments this browser may still change marked so. */
  private mine(page: CommentPage, kept: ReadonlyMap<string, CommentSecret> | undefined): CommentPage {
    if (!isObject(page) || !Array.isArray(page.comments) || page.comments.length === 0) return page;
    if (!kept?.size) return page;
    const comments = page.comments.map((c) =>
      isObject(c) && typeof c.id === 'string' && kept.has(c.id) && c.deleted !== true ? { ...c, ...mark(kept.get(c.id)!.until) } : c,
    );
    return { ...page, comments };
  }

  /** `{ [thread]: n }` for the threads the server counted: `GET {endpoint}/counts?thread=…`, in chunks. */
  async count(threads: string[], { signal }: CountOptions = {}): Promise<Record<string, number>> {
    // Servers refuse long request lines (Node's default: 16 KB of headers); the reference
    // server takes at most 100 threads a request.
    const chunks: string[][] = [];
    let chunk: string[] = [];
    let room = 0;
    for (const thread of new Set(threads)) {
      // `&thread=` and the key, encoded as the query will carry it.
      const size = String(new URLSearchParams({ thread })).length + 1;
      if (size > room || chunk.length === 50) {
        chunks.push((chunk = []));
        room = 2000;
      }
      chunk.push(thread);
      room -= size;
    }
    const base = serverUrl(this.endpoint, 'counts');
    const answers = await Promise.all(
      chunks.map(async (chunk) => {
        const query = new URLSearchParams(chunk.map((t) => ['thread', t]));
        const data = await this.client.object({ url: `${base}?${query}`, signal });
        return chunk.filter((t) => Object.hasOwn(data, t)).map((t) => [t, data[t]] as const);
      }),
    );
    // fromEntries makes own properties, so a thread named `__proto__` is a count too.
    return Object.fromEntries(answers.flat().filter(([, n]) => Number.isInteger(n) && (n as number) >= 0)) as Record<string, number>;
  }

  private commentUrl(thread: string, id: string): string {
    return serverUrl(this.endpoint, `threads/${encodeURIComponent(thread)}/comments/${encodeURIComponent(id)}`, {});
  }

  private url(thread: string, query: Record<string, string>): string {
    return serverUrl(this.endpoint, `threads/${encodeURIComponent(thread)}/comments`, query);
  }
}

/**
 * The one way every adapter talks to its server: `fetch` with the site's headers and
 * credentials, a JSON body, the answer read as JSON, and every failure turned into an
 * `AdapterError` that carries the status, the server's own words and, where the adapter
 * recognises it, the refusal's `code`. Cancellation is the caller's `AbortSignal`; the
 * widget puts its own time limit on every call, so there is none here.
 */
import { MAX_MESSAGE, truncate } from '../util/text.js';
import { AdapterError, type AdapterErrorCode } from './adapter-error.js';
import { isObject } from './backend-support.js';

/** The request options every adapter takes. */
export interface RequestOptions {
  /** The `fetch` to use (one that logs, or adds a token); the global one by default. It receives the full address. */
  fetch?: typeof fetch;
  /**
   * Extra headers sent with every request. A server on another origin must allow each of
   * them in its CORS preflight, or the browser sends nothing: see "Backends" in the README.
   */
  headers?: Record<string, string>;
  /** The fetch `credentials`: `'include'` sends and accepts cookies from a server on another origin. */
  credentials?: RequestCredentials;
}

/** A failed answer, as an adapter's `refusal` reads it. */
export interface Failure {
  status: number;
  /** The server's message, as it will appear in the error. */
  message: string;
  /** The JSON object of the answer, when it was one. */
  data?: Record<string, unknown>;
  /** The JSON body that was sent, for a refusal that only what was sent explains. */
  sent?: unknown;
}

/** How one backend speaks, for `BackendClient`. */
export interface Protocol {
  /** The backend's identifier in `AdapterError.backend`: `isso`. */
  backend: string;
  /** The server named in a sentence: `The Isso server`. */
  server: string;
  /** Finds the message in a JSON error body. */
  message?: (data: Record<string, unknown>) => unknown;
  /**
   * Reads the message of an error answer that is not JSON (an HTML page, plain text), as
   * `pageMessage` in `html-to-text.ts` does; without it such an answer gives none. A
   * parameter rather than an import, so an adapter that needs no HTML reading (REST, in
   * the main bundle) does not carry it.
   */
  page?: (body: string) => string;
  /** The refusal a failed answer stands for, when the adapter recognises it. */
  refusal?: (failure: Failure) => AdapterErrorCode | string | undefined;
  /** Which request headers the server allows from another origin, as a sentence: `Isso allows only …`. */
  corsHeaders?: string;
  /** The `credentials` when the site sets none; the browser's default otherwise. */
  credentials?: RequestCredentials;
  /** Builds the errors, for an adapter that rejects with a subclass of `AdapterError`. */
  error?: (message: string, details: ConstructorParameters<typeof AdapterError>[1]) => AdapterError;
}

/** One request: where, and what to send. */
export interface Call {
  url: string;
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Sent as JSON, with `Content-Type: application/json`. */
  json?: unknown;
  /** Headers for this request only, after the site's. */
  headers?: Record<string, string>;
  signal?: AbortSignal;
  /** Reads the answer's headers (of a success or a failure), before its body. */
  onHeaders?: (headers: Headers) => void;
}

/** Sends an adapter's requests and reads its server's answers (see the module's comment). */
export class BackendClient {
  private readonly fetchImpl: typeof fetch;
  private readonly headers: Record<string, string>;
  private readonly credentials: RequestCredentials | undefined;

  constructor(
    private readonly protocol: Protocol,
    options: RequestOptions = {},
  ) {
    // Called as a plain function, never as a method of this object: the browser's own fetch,
    // passed as is, throws "Illegal invocation" when called on anything but the window. The
    // global one is looked up at each call, so a polyfill or test double installed later is seen.
    const given = options.fetch;
    this.fetchImpl = given ? (input, init) => given(input, init) : (input, init) => fetch(input, init);
    this.headers = { ...options.headers };
    this.credentials = options.credentials ?? protocol.credentials;
  }

  /** The JSON of a 2xx answer (undefined for an empty body); rejects with an `AdapterError`, or the AbortError. */
  async send(call: Call): Promise<unknown> {
    const headers: Record<string, string> = { Accept: 'application/json', ...this.headers, ...call.headers };
    if (call.json !== undefined) headers['Content-Type'] = 'application/json';
    const init: RequestInit = { method: call.method ?? 'GET', headers, signal: call.signal };
    if (call.json !== undefined) init.body = JSON.stringify(call.json);
    if (this.credentials) init.credentials = this.credentials;
    let response: Response;
    try {
      response = await this.fetchImpl(call.url, init);
    } catch (error) {
      // fetch rejects with a TypeError when nothing came back; anything else (an abort, a
      // custom fetch's own error) is passed on as it is.
      if (call.signal?.aborted || !(error instanceof TypeError)) throw error;
      throw this.unreachable(call, error);
    }
    call.onHeaders?.(response.headers);
    // An abort while the body is read rejects here with the AbortError itself.
    const text = await response.text();
    // A body cut short by an abort reads as no body: report the abort, not a bad answer.
    call.signal?.throwIfAborted();
    if (!response.ok) throw this.failed(response.status, text, call.json);
    if (!text.trim()) return undefined;
    try {
      return JSON.parse(text);
    } catch {
      throw this.error(`${this.protocol.server} sent an answer that is not JSON.`, response.status);
    }
  }

  /** Like `send`, for an answer that should be a JSON object: anything else reads as `{}`. */
  async object(call: Call): Promise<Record<string, unknown>> {
    const data = await this.send(call);
    return isObject(data) ? data : {};
  }

  /**
   * The error for a refusal the server answers with success (Waline's `errno`): its
   * message, cut to length, and the refusal's code when the adapter recognises it.
   */
  refused(status: number, message: string, data?: Record<string, unknown>, sent?: unknown): AdapterError {
    const text = truncate(message.trim(), MAX_MESSAGE) || `${this.protocol.server} refused (HTTP ${status}).`;
    return this.error(text, status, this.protocol.refusal?.({ status, message: text, data, sent }));
  }

  private failed(status: number, body: string, sent: unknown): AdapterError {
    const { message: pick, page } = this.protocol;
    let data: Record<string, unknown> | undefined;
    if (body.trimStart().startsWith('{')) {
      try {
        const parsed: unknown = JSON.parse(body);
        if (isObject(parsed)) data = parsed;
      } catch {
        // Not JSON after all (a proxy's answer, say): read as text below.
      }
    }
    const found = data && pick ? pick(data) : page ? page(body) : '';
    const message = typeof found === 'string' ? truncate(found.trim(), MAX_MESSAGE) : '';
    const text = message || `${this.protocol.server} answered ${status}.`;
    return this.error(text, status, this.protocol.refusal?.({ status, message: text, data, sent }));
  }

  /** Says what is known when fetch itself failed, and the likely cause when custom headers went to another origin. */
  private unreachable(call: Call, cause: TypeError): AdapterError {
    let message = `${this.protocol.server} could not be reached (${cause.message}).`;
    const custom = Object.keys({ ...this.headers, ...call.headers });
    if (custom.length > 0 && crossOrigin(call.url)) {
      const allowed = this.protocol.corsHeaders;
      message +=
        ` The request carried the header${custom.length > 1 ? 's' : ''} ${custom.join(', ')}: a server on another` +
        ' origin must allow each custom header in its CORS preflight (Access-Control-Allow-Headers), or the' +
        ` browser sends nothing.${allowed ? ` ${allowed}.` : ''}`;
    }
    return this.error(message, 0, 'network', cause);
  }

  private error(message: string, status: number, code?: string, cause?: unknown): AdapterError {
    const details = { status, backend: this.protocol.backend, code, cause };
    return this.protocol.error ? this.protocol.error(message, details) : new AdapterError(message, details);
  }
}

/** True when `url` is on another origin than the page (always, where there is no page). */
function crossOrigin(url: string): boolean {
  const page = globalThis.location;
  if (!page) return true;
  try {
    return new URL(url, page.href).origin !== page.origin;
  } catch {
    return true;
  }
}

/**
 * An adapter for a [Twikoo](https://twikoo.js.org) server, self-hosted (`tkserver`) or any
 * deployment answering its HTTP API (recorded against Twikoo 1.7.9). Every call is
 * `POST {server}` with a JSON body whose `event` names it.
 *
 * What of Parley it supports:
 * - Listing a thread (`COMMENT_GET` with `url`): top-level comments newest first, each with
 *   all its replies in a flat `replies` list, where `pid` is the direct parent and `rid`
 *   the top-level comment; each becomes one flat record, `parentId` taken from `pid`. The
 *   page size is the server's `COMMENT_PAGE_SIZE` (default 8) and cannot be asked for.
 *   Twikoo pages by time: the cursor is the `created` of the oldest top-level comment
 *   listed, sent back as `before`; pinned comments (`top`) come on the first page only and
 *   are left out of it, as Twikoo's client does. `more` says whether a page follows.
 * - `total`: Twikoo's `count` counts top-level comments only, so `total` is given only
 *   when the first page is the whole thread (then it is every comment listed); `count()`
 *   gives the full number of a list of threads (`GET_COMMENTS_COUNT` with `includeReply`).
 * - The visitor's identity: Twikoo has no sign-in for guests; a comment belongs to the
 *   `accessToken` sent with it, and a comment held for review (`isSpam`) is listed to that
 *   token alone. The adapter sends one with every call: the `accessToken` option, else one
 *   it makes on its first call as Twikoo's server makes them (32 random hex digits) and
 *   hands to `onAccessToken`. Without a token Twikoo would give the comment no owner, and
 *   every client without a token would then see it. The adapter keeps the token in memory
 *   only; keeping it across visits (so held comments still show after a reload) is the
 *   site's choice, through the two options: no cookie, no storage by default.
 * - Pending comments: `isSpam` (Twikoo's manual review, `AKISMET_KEY = MANUAL_REVIEW`, its
 *   forbidden words, or Akismet) is `status: 'pending'`, listed only to their author.
 * - Bodies: Twikoo stores and sends HTML (its client renders markdown before posting; the
 *   server runs DOMPurify) and keeps no source text. It is turned into text by `htmlToText`
 *   (`html-to-text.ts`) and never inserted as HTML. What a visitor writes is sent as HTML
 *   too, escaped, with its paragraphs as `<p>` and line breaks as `<br>`, so Twikoo's own
 *   client shows it as written and the adapter reads back the same text.
 * - Authors: `nick` (Twikoo stores a nameless comment as "匿名", "anonymous", which reads
 *   as no name so the widget shows its own word), `link` and, when the server sends none
 *   of its own (`avatar`), an avatar from `mailMd5` on the `gravatar` mirror (default
 *   WeAvatar, Twikoo's default; `false` for none), each URL kept only when it is http(s).
 * - Posting (`COMMENT_SUBMIT` with `{url, href, ua, nick, mail, link, comment, pid, rid}`).
 *   A reply needs both its parent (`pid`) and its top-level comment (`rid`): the adapter
 *   remembers each listed comment's top-level comment, and for a parent it never listed
 *   reads the thread's pages until it finds it. Twikoo answers with the new id alone, so
 *   the record is built from what was sent: the visitor's text, name and website, the
 *   time of the answer, no avatar, and no status (whether Twikoo holds it shows on the
 *   next list).
 * - Errors: Twikoo answers every call with HTTP 200; a refusal has a non-zero `code` and
 *   a `message` (in Chinese, never translated), which becomes the message of an
 *   `AdapterError`. Its rate limits have the code `rate-limited`: "发言频率过高" (too many
 *   comments from this address, `LIMIT_PER_MINUTE`), "评论太火爆啦" (too many from
 *   everyone, `LIMIT_PER_MINUTE_ALL`) and "Too Many Requests" (`TWIKOO_THROTTLE`).
 * - Cancellation through the `AbortSignal` of every call.
 *
 * What it does not support:
 * - Sorting: Twikoo's `sort: 'oldest'` cannot page (`before` only reaches older comments),
 *   so the adapter lists newest first and offers no choice.
 * - The fields Twikoo's own client requires (`REQUIRED_FIELDS`, by default a name and an
 *   e-mail address): the server does not check them and neither does the adapter.
 * - Captchas (Turnstile, GeeTest, Cap): a server with one refuses every comment.
 * - Likes, pins (shown, not set), page-view counters, image uploads, the IP region and
 *   browser lines, the admin panel, editing and deleting. (A self-hosted Twikoo 1.7.9 does
 *   delete, never edit, a comment for the `accessToken` that posted it, through
 *   `COMMENT_DELETE_FOR_USER`, with no time limit; it removes the comment whole, leaving its
 *   replies without a parent, which does not match the placeholder the widget keeps, so it
 *   is not mapped.)
 */
import { AdapterError } from './adapter-error.js';
import { sentField, sentName, toAuthor } from './author.js';
import { backendId, isoTime, objectsIn, parseCursor } from './backend-support.js';
import { htmlToText, pageMessage } from './html-to-text.js';
import { BackendClient, type Failure, type RequestOptions } from './request.js';
import type {
  CommentAdapter,
  CommentPage,
  CommentRecord,
  CountOptions,
  CreateOptions,
  ListOptions,
  NewComment,
} from './types.js';

/** The options of a `TwikooAdapter`, besides `fetch`, `headers` and `credentials`. */
export interface TwikooAdapterOptions extends RequestOptions {
  /**
   * The visitor's Twikoo identity from an earlier visit (what `onAccessToken` was given),
   * so the comments they posted that await review are listed to them again. Default: a
   * new one, made on the first call.
   */
  accessToken?: string;
  /**
   * Called once with the token the adapter made when none was given, for the site to keep
   * it (`localStorage.setItem('twikoo-access-token', token)` shares it with Twikoo's own
   * client). Without it the token lives as long as the adapter.
   */
  onAccessToken?: (token: string) => void;
  /**
   * Where avatars come from when Twikoo sends no `avatar` of its own: `mirror` + `mailMd5`
   * (a hash of the e-mail address, or of the name) + `?` + `params`; `false` for none.
   * Default WeAvatar, as Twikoo's client: `{ mirror: 'https://weavatar.com/avatar/', params: 'd=mp' }`.
   * A server with `GRAVATAR_CDN = cravatar.cn` hashes with MD5: use that mirror then.
   */
  gravatar?: { mirror: string; params: string } | false;
}

/** Twikoo's reply to any event: `code` 0 (or absent) on success, else with a `message`. */
interface Envelope {
  code?: unknown;
  message?: unknown;
  data?: unknown;
  more?: unknown;
  id?: unknown;
}

/** What the adapter remembers of a listed comment to answer it later. */
interface Known {
  /** The top-level comment of its thread. */
  root: string;
}

const WEAVATAR = { mirror: 'https://weavatar.com/avatar/', params: 'd=mp' };

/** The name Twikoo gives a comment posted without one (`nick || '匿名'`). */
const ANONYMOUS = '匿名';

/** How far `create` reads a thread looking for a parent it has not listed. */
const MAX_PAGES = 100;

/**
 * Twikoo's limits on how often (twikoo-func 1.7.9, self-hosted index.js): per address,
 * for everyone, and its per-address request cap. None is translated.
 */
const RATE_LIMITS = ['发言频率过高', '评论太火爆啦', 'Too Many Requests'];

const refusal = ({ message }: Failure) => (RATE_LIMITS.some((m) => message.startsWith(m)) ? 'rate-limited' : undefined);

/** Talks to a Twikoo server at `serverURL` (the address Twikoo's client calls `envId`). */
export class TwikooAdapter implements CommentAdapter {
  /** Keys the visitor's drafts and remembered name: `twikoo {server address}`. */
  readonly id: string;
  private readonly url: string;
  private readonly client: BackendClient;
  private readonly gravatar: { mirror: string; params: string } | false;
  private readonly onAccessToken?: (token: string) => void;
  private token: string | undefined;
  /** Every comment listed so far, by id (Twikoo's ids are server-wide). */
  private readonly known = new Map<string, Known>();

  constructor(serverURL: string, options: TwikooAdapterOptions = {}) {
    this.url = String(serverURL);
    this.id = backendId('twikoo', this.url);
    this.client = new BackendClient(
      {
        backend: 'twikoo',
        server: 'The Twikoo server',
        page: pageMessage,
        message: (data) => data.message,
        refusal,
        corsHeaders:
          'Twikoo allows only X-CSRF-Token, X-Requested-With, Accept, Accept-Version, Content-Length, Content-MD5, ' +
          'Content-Type, Date and X-Api-Version',
      },
      options,
    );
    this.gravatar = options.gravatar ?? WEAVATAR;
    this.onAccessToken = options.onAccessToken;
    if (options.accessToken) this.token = options.accessToken;
  }

  async list(thread: string, { cursor, signal }: ListOptions = {}): Promise<CommentPage> {
    const first = cursor === null || cursor === undefined || cursor === '';
    const before = first ? undefined : parseCursor(cursor, 1, 'Twikoo');
    const data = await this.call({ event: 'COMMENT_GET', url: thread, ...(before ? { before } : {}) }, signal);
    const comments: CommentRecord[] = [];
    let oldest = Infinity;
    for (const root of objectsIn(data.data)) {
      if (!isId(root.id)) continue;
      comments.push(this.remember(root, null, root.id));
      if (root.top !== true && typeof root.created === 'number') oldest = Math.min(oldest, root.created);
      for (const reply of objectsIn(root.replies)) {
        if (!isId(reply.id)) continue;
        const parent = isId(reply.pid) ? reply.pid : root.id;
        comments.push(this.remember(reply, parent, isId(reply.rid) ? reply.rid : root.id));
      }
    }
    const more = data.more === true && Number.isFinite(oldest);
    const page: CommentPage = { comments, next: more ? String(oldest) : null };
    // `count` is top-level comments only: the whole thread's number is known only when it is all here.
    if (first && data.more !== true) page.total = comments.length;
    return page;
  }

  async create(thread: string, input: NewComment, { signal }: CreateOptions = {}): Promise<CommentRecord> {
    const payload: Record<string, unknown> = {
      event: 'COMMENT_SUBMIT',
      url: thread,
      href: globalThis.location?.href ?? '',
      // Twikoo refuses a comment without a user agent (validate(['url', 'ua', 'comment'])).
      ua: (typeof navigator === 'undefined' ? '' : navigator.userAgent) || 'Parley',
      nick: sentName(input.author?.name),
      mail: sentField(input.author?.email),
      link: sentField(input.author?.url),
      comment: textToHtml(input.body),
    };
    if (input.parentId !== null) {
      const parent = this.known.get(input.parentId) ?? (await this.find(thread, input.parentId, signal));
      payload.pid = input.parentId;
      // A parent Twikoo does not list any more: answering it as a top-level comment is the best guess.
      payload.rid = parent?.root ?? input.parentId;
    }
    const data = await this.call(payload, signal);
    if (!isId(data.id)) {
      throw new AdapterError('The Twikoo server did not return the new comment.', { status: 200, backend: 'twikoo' });
    }
    this.known.set(data.id, { root: (payload.rid as string | undefined) ?? data.id });
    // Twikoo answers with the id alone: the rest is what was sent.
    return {
      id: data.id,
      parentId: input.parentId,
      author: toAuthor(payload.nick, payload.link),
      body: input.body,
      createdAt: isoTime(Date.now()),
    };
  }

  async count(threads: string[], { signal }: CountOptions = {}): Promise<Record<string, number>> {
    const counts: Record<string, number> = {};
    if (threads.length === 0) return counts;
    const data = await this.call({ event: 'GET_COMMENTS_COUNT', urls: threads, includeReply: true }, signal);
    for (const item of objectsIn(data.data)) {
      if (typeof item.url === 'string' && Number.isInteger(item.count)) counts[item.url] = item.count as number;
    }
    return counts;
  }

  /** Maps one Twikoo comment to a record and remembers its top-level comment. */
  private remember(item: Record<string, unknown>, parentId: string | null, root: string): CommentRecord {
    const id = item.id as string;
    this.known.set(id, { root });
    const nick = item.nick === ANONYMOUS ? '' : item.nick;
    return {
      id,
      parentId,
      author: toAuthor(nick, item.link, this.avatar(item)),
      body: htmlToText(item.comment),
      createdAt: isoTime(typeof item.created === 'number' ? item.created : NaN),
      status: item.isSpam === true ? 'pending' : 'published',
    };
  }

  private avatar(item: Record<string, unknown>): string | undefined {
    if (typeof item.avatar === 'string' && item.avatar) return item.avatar;
    if (!this.gravatar || typeof item.mailMd5 !== 'string' || !/^[0-9a-f]+$/i.test(item.mailMd5)) return undefined;
    const mirror = this.gravatar.mirror.replace(/\/$/, '');
    const params = this.gravatar.params.replace(/^\?/, '');
    return `${mirror}/${item.mailMd5}${params ? `?${params}` : ''}`;
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

  /** One event, with the visitor's token: resolves with Twikoo's answer, rejects with its message. */
  private async call(body: Record<string, unknown>, signal?: AbortSignal): Promise<Envelope> {
    const json = { ...body, accessToken: this.accessToken() };
    const answer: Envelope = await this.client.object({ url: this.endpoint(), method: 'POST', json, signal });
    // COMMENT_GET and GET_COMMENTS_COUNT report their own failures with a message and no code.
    const failed = answer.code === undefined ? typeof answer.message === 'string' && answer.message !== '' : answer.code !== 0;
    if (failed) {
      const message = typeof answer.message === 'string' ? answer.message : '';
      throw this.client.refused(200, message || `The Twikoo server refused (code ${String(answer.code)}).`, answer as Record<string, unknown>, json);
    }
    return answer;
  }

  /**
   * The server's address as given (Twikoo's client posts to its `envId` unchanged: a
   * function's path may not take a trailing slash), resolved against the page's.
   */
  private endpoint(): string {
    const page = globalThis.document?.baseURI ?? globalThis.location?.href;
    return page === undefined ? this.url : new URL(this.url, page).href;
  }

  /** The visitor's token: the one given, else one made now as Twikoo's server makes them. */
  private accessToken(): string {
    if (!this.token) {
      this.token = newToken();
      this.onAccessToken?.(this.token);
    }
    return this.token;
  }
}

function isId(value: unknown): value is string {
  return typeof value === 'string' && value !== '';
}

/** A v4 UUID's 32 hex digits, without dashes: what Twikoo's server hands out (`uuidv4().replace(/-/g, '')`). */
function newToken(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * The visitor's text as the HTML Twikoo stores: escaped, a paragraph (`<p>`) for each run of
 * lines between blank ones, `<br>` for the line breaks inside one. `htmlToText` reads it
 * back as the same text, and Twikoo's own client shows it as written.
 */
function textToHtml(text: string): string {
  const paragraphs: string[] = [];
  let lines: string[] = [];
  for (const line of text.replace(/\r\n?/g, '\n').split('\n')) {
    if (line.trim() === '') {
      if (lines.length) paragraphs.push(lines.join('<br>\n'));
      lines = [];
    } else {
      lines.push(line.replace(/[&<>"']/g, (c) => ESCAPES[c]));
    }
  }
  if (lines.length) paragraphs.push(lines.join('<br>\n'));
  return paragraphs.map((p) => `<p>${p}</p>`).join('\n');
}

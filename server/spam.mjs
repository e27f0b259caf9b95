/**
 * Spam defence, in layers, each a small function: the checks that need nothing but the
 * post are pure (`screen`); the duplicate check asks the store; the Akismet-compatible
 * check is one HTTP call with a timeout. `createSpamFilter` puts them together for the
 * HTTP layer, which stores what a layer catches as `spam` (held, never published, never
 * dropped) and answers the visitor exactly as for a held comment.
 *
 * Order: honeypot, time taken, links, blocklists (all without I/O), duplicate (one store
 * read), then the remote check (one HTTP call, only for what passed the rest).
 */

/** Fastest a person fills the form, in milliseconds, unless configured. */
export const DEFAULT_MIN_ELAPSED_MS = 3000;
/** Most http(s) links a comment may carry before it is held as spam. */
export const DEFAULT_MAX_LINKS = 3;
/** How far back the same body in the same thread counts as a duplicate. */
export const DEFAULT_DUPLICATE_WINDOW_MS = 24 * 60 * 60 * 1000;
/** How long the remote check may take before the comment is held for moderation. */
export const DEFAULT_AKISMET_TIMEOUT_MS = 3000;
/** Entries one blocklist kind may hold (a JSON file or the store). */
export const MAX_BLOCKLIST_ENTRIES = 10_000;

/**
 * @typedef {{ words: string[], ips: string[], emails: string[] }} Blocklist
 *   Words are matched case-insensitively anywhere in the body, name or website; IPs
 *   exactly; e-mails exactly (case-insensitively), or a whole domain written `@example.com`.
 * @typedef {{ trap?: string, elapsedMs?: number }} SpamSignals What the widget sends.
 * @typedef {'honeypot' | 'too-fast' | 'links' | 'blocked-word' | 'blocked-ip'
 *   | 'blocked-email' | 'akismet'} SpamReason
 */

/** An empty blocklist. */
export const EMPTY_BLOCKLIST = Object.freeze({ words: [], ips: [], emails: [] });

/** The spam signals of a parsed NewComment; anything malformed is left out. */
export function spamSignals(input) {
  /** @type {SpamSignals} */
  const signals = {};
  if (input && typeof input === 'object') {
    if (typeof input.trap === 'string') signals.trap = input.trap;
    if (typeof input.elapsedMs === 'number' && Number.isFinite(input.elapsedMs)) signals.elapsedMs = input.elapsedMs;
  }
  return signals;
}

/**
 * The http(s) links in `text`, counted in one pass (no regular expression, so no
 * backtracking whatever the text).
 */
export function countLinks(text) {
  const lower = text.toLowerCase();
  let count = 0;
  let at = lower.indexOf('http');
  while (at !== -1) {
    let next = at + 4;
    if (lower[next] === 's') next += 1;
    if (lower.startsWith('://', next)) {
      count += 1;
      next += 3;
    }
    at = lower.indexOf('http', next);
  }
  return count;
}

/**
 * The checks that need nothing but the post: returns why it is spam, or null.
 *
 * @param {import('./validate.mjs').CleanComment} comment
 * @param {SpamSignals} signals
 * @param {{ ip: string, minElapsedMs?: number, maxLinks?: number, blocklist?: Blocklist }} context
 * @returns {SpamReason | null}
 */
export function screen(comment, signals, { ip, minElapsedMs = DEFAULT_MIN_ELAPSED_MS, maxLinks = DEFAULT_MAX_LINKS, blocklist = EMPTY_BLOCKLIST }) {
  // People never see the field; whatever is in it was put there by a program.
  if (signals.trap !== undefined && signals.trap !== '') return 'honeypot';
  // Absent (a client other than the widget), the time is not judged.
  if (signals.elapsedMs !== undefined && signals.elapsedMs < minElapsedMs) return 'too-fast';
  // The website field is one link by design: only the body's are counted.
  if (countLinks(comment.body) > maxLinks) return 'links';
  const text = `${comment.body}\n${comment.author.name}\n${comment.author.url ?? ''}`.toLowerCase();
  if (blocklist.words.some((word) => text.includes(word))) return 'blocked-word';
  if (blocklist.ips.includes(ip)) return 'blocked-ip';
  const email = comment.author.email?.toLowerCase();
  if (email) {
    const domain = email.slice(email.lastIndexOf('@'));
    if (blocklist.emails.some((entry) => entry === email || entry === domain)) return 'blocked-email';
  }
  return null;
}

/**
 * Checks and normalises a blocklist (the JSON file's content, or the store's rows):
 * `{ "words": [...], "ips": [...], "emails": [...] }`, every entry a non-empty string.
 *
 * @param {unknown} data
 * @param {string} [where] Named in error messages.
 * @returns {Blocklist}
 */
export function parseBlocklist(data, where = 'the blocklist') {
  if (!data || typeof data !== 'object' || Array.isArray(data)) {
    throw new TypeError(`${where} must be a JSON object: { "words": [], "ips": [], "emails": [] }.`);
  }
  /** @type {Blocklist} */
  const list = { words: [], ips: [], emails: [] };
  for (const kind of /** @type {const} */ (['words', 'ips', 'emails'])) {
    const entries = data[kind] ?? [];
    if (!Array.isArray(entries) || entries.some((entry) => typeof entry !== 'string' || !entry.trim())) {
      throw new TypeError(`${where}: "${kind}" must be a list of non-empty strings.`);
    }
    if (entries.length > MAX_BLOCKLIST_ENTRIES) {
      throw new TypeError(`${where}: "${kind}" holds more than ${MAX_BLOCKLIST_ENTRIES} entries.`);
    }
    list[kind] = entries.map((entry) => (kind === 'ips' ? entry.trim() : entry.trim().toLowerCase()));
  }
  return list;
}

/** The store's rows (`{ kind: 'word' | 'ip' | 'email', value }`) as a Blocklist. */
export function blocklistFromRows(rows) {
  const data = { words: [], ips: [], emails: [] };
  for (const { kind, value } of rows) data[`${kind}s`]?.push(value);
  return parseBlocklist(data, 'the stored blocklist');
}

/** Two blocklists as one. */
export function mergeBlocklists(a, b) {
  return { words: [...a.words, ...b.words], ips: [...a.ips, ...b.ips], emails: [...a.emails, ...b.emails] };
}

/**
 * @typedef {object} AkismetOptions
 * @property {string} url The comment-check endpoint, e.g.
 *   `https://rest.akismet.com/1.1/comment-check`.
 * @property {string} key The API key, sent as `api_key`.
 * @property {string} [blog] The site's front page URL, sent as `blog`.
 * @property {number} [timeoutMs]
 * @property {typeof fetch} [fetch]
 */

/**
 * One Akismet comment-check call: POST, form-encoded; the answer's body is `true` (spam)
 * or `false` (not spam). Anything else, a non-2xx status, a network error or the timeout
 * is `'error'`: the caller decides what that means (here: held for moderation).
 *
 * @param {AkismetOptions} options
 * @param {{ ip: string, userAgent: string, comment: import('./validate.mjs').CleanComment }} post
 * @returns {Promise<'spam' | 'ham' | 'error'>}
 */
export async function akismetCheck({ url, key, blog = '', timeoutMs = DEFAULT_AKISMET_TIMEOUT_MS, fetch: fetchFn = fetch }, { ip, userAgent, comment }) {
  const form = new URLSearchParams({
    api_key: key,
    blog,
    user_ip: ip,
    user_agent: userAgent,
    comment_type: 'comment',
    comment_author: comment.author.name,
    comment_author_email: comment.author.email ?? '',
    comment_author_url: comment.author.url ?? '',
    comment_content: comment.body,
  });
  try {
    const response = await fetchFn(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded; charset=utf-8' },
      body: form,
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = (await response.text()).trim();
    if (!response.ok) return 'error';
    if (text === 'true') return 'spam';
    if (text === 'false') return 'ham';
    return 'error';
  } catch {
    return 'error';
  }
}

/**
 * @typedef {object} SpamOptions
 * @property {number} [minElapsedMs] 0 turns the time check off.
 * @property {number} [maxLinks]
 * @property {number} [duplicateWindowMs] 0 turns the duplicate check off.
 * @property {Blocklist} [blocklist] From `--blocklist FILE`; the store's table is added.
 * @property {AkismetOptions | null} [akismet] Off unless given.
 */

/**
 * The verdict on one post: `published`/`pending` (as moderation says), `spam` (held,
 * marked), `duplicate` (refused: the visitor posted this already), or `held` (the remote
 * check failed: held for moderation, not marked).
 *
 * @param {SpamOptions} options
 */
export function createSpamFilter({
  minElapsedMs = DEFAULT_MIN_ELAPSED_MS,
  maxLinks = DEFAULT_MAX_LINKS,
  duplicateWindowMs = DEFAULT_DUPLICATE_WINDOW_MS,
  blocklist = EMPTY_BLOCKLIST,
  akismet = null,
} = {}) {
  /**
   * @param {{ store: import('./store.mjs').CommentStore, thread: string,
   *   comment: import('./validate.mjs').CleanComment, signals: SpamSignals, ip: string,
   *   userAgent: string, now?: number, edit?: boolean }} post `edit`: the new text of a
   *   comment already stored, which is not judged as a duplicate (of itself, or of
   *   another comment: the post it was made as passed that check).
   * @returns {Promise<{ verdict: 'ok' | 'spam' | 'duplicate' | 'held', reason?: string }>}
   */
  return async function check({ store, thread, comment, signals, ip, userAgent, now = Date.now(), edit = false }) {
    const stored = store.blocklist ? blocklistFromRows(await store.blocklist()) : EMPTY_BLOCKLIST;
    const reason = screen(comment, signals, { ip, minElapsedMs, maxLinks, blocklist: mergeBlocklists(blocklist, stored) });
    if (reason) return { verdict: 'spam', reason };
    if (!edit && duplicateWindowMs > 0 && store.hasRecentBody) {
      const since = new Date(now - duplicateWindowMs).toISOString();
      if (await store.hasRecentBody(thread, comment.body, since)) return { verdict: 'duplicate' };
    }
    if (akismet) {
      const answer = await akismetCheck(akismet, { ip, userAgent, comment });
      if (answer === 'spam') return { verdict: 'spam', reason: 'akismet' };
      if (answer === 'error') return { verdict: 'held', reason: 'akismet-unavailable' };
    }
    return { verdict: 'ok' };
  };
}

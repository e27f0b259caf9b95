import type { ModerationAction, ModerationStatus } from './strings.js';

/** A comment as the moderation API returns it (e-mail and IP included). */
export interface ModerationEntry {
  seq: number;
  thread: string;
  id: string;
  parentId: string | null;
  author: { name: string; email?: string; url?: string };
  ip: string | null;
  body: string;
  createdAt: string;
  status: ModerationStatus;
  /** The spam check that caught or held it (honeypot, links, blocked-word, akismet, …), or null. */
  spamReason: string | null;
}

/** What the spam blocklist holds: a word, an IP address, or an e-mail (or `@domain`). */
export type BlockKind = 'email' | 'ip' | 'word';

export interface BlockEntry {
  kind: BlockKind;
  value: string;
}

export interface AuditEntry {
  seq: number;
  at: string;
  actor: string;
  action: string;
  target: string | null;
  detail: string | null;
}

export interface ActionResult {
  action: ModerationAction;
  done: string[];
  missing: string[];
  removed: string[];
}

/** What the server answered instead; `code` is its machine-readable reason when it gave one. */
export class AdminError extends Error {
  constructor(message: string, readonly status: number, readonly code?: string) {
    super(message);
    this.name = 'AdminError';
  }
}

/**
 * The moderation API (server/admin/admin-http.mjs) over fetch, relative to the page's
 * own address. The session lives in an HttpOnly cookie the script never sees; the CSRF
 * token it is given goes into a header on every state-changing call.
 */
export class AdminClient {
  private csrf: string | null = null;

  constructor(private readonly base: URL) {}

  /** Whether a session is live (a reload keeps one). */
  async resume(): Promise<boolean> {
    const { signedIn, csrf } = await this.call<{ signedIn: boolean; csrf?: string }>('GET', 'session');
    this.csrf = csrf ?? null;
    return signedIn;
  }

  async signIn(token: string): Promise<void> {
    const { csrf } = await this.call<{ csrf: string }>('POST', 'session', { token });
    this.csrf = csrf;
  }

  async signOut(): Promise<void> {
    await this.call('DELETE', 'session');
    this.csrf = null;
  }

  /** Ends every session, on every device, this one too. */
  async signOutEverywhere(): Promise<void> {
    await this.call('DELETE', 'sessions');
    this.csrf = null;
  }

  list(filter: { status: ModerationStatus | ''; thread: string; id?: string | null }, before: number | null = null) {
    const query = new URLSearchParams();
    if (filter.id) query.set('id', filter.id);
    if (filter.status) query.set('status', filter.status);
    if (filter.thread) query.set('thread', filter.thread);
    if (before !== null) query.set('before', String(before));
    return this.call<{ comments: ModerationEntry[]; next: number | null }>('GET', `api/comments?${query}`);
  }

  threads() {
    return this.call<{ threads: string[] }>('GET', 'api/threads');
  }

  act(action: ModerationAction, ids: string[]) {
    return this.call<ActionResult>('POST', 'api/actions', { action, ids });
  }

  block(kind: BlockKind, value: string) {
    return this.call<BlockEntry>('POST', 'api/blocklist', { kind, value });
  }

  blocklist() {
    return this.call<{ entries: BlockEntry[] }>('GET', 'api/blocklist');
  }

  audit() {
    return this.call<{ entries: AuditEntry[]; next: number | null }>('GET', 'api/audit?limit=50');
  }

  private async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = {};
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (method !== 'GET' && this.csrf) headers['X-Parley-CSRF'] = this.csrf;
    let response: Response;
    try {
      response = await fetch(new URL(path, this.base), {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        credentials: 'same-origin',
        cache: 'no-store',
      });
    } catch {
      throw new AdminError('', 0, 'offline');
    }
    if (response.status === 204) return undefined as T;
    const data = await response.json().catch(() => null);
    if (!response.ok) {
      throw new AdminError(data?.error?.message ?? `HTTP ${response.status}`, response.status, data?.error?.code);
    }
    return data as T;
  }
}

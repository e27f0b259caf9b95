import { createStore, del, delMany, entries, get, set, type UseStore } from 'idb-keyval';

/** Who is writing, as the form's fields say: remembered per backend for the next form. */
export interface Identity {
  name: string;
  /** Given only where the site asks for it (`fields`); never shown. */
  email?: string;
  url?: string;
  /** "Notify me of replies" was ticked. */
  notify?: boolean;
}

/** A comment of this visitor's that waits for moderation, as kept on this device. */
export interface HeldComment {
  /** The record the backend answered with (checked again when read back). */
  readonly record: unknown;
  /** When it was kept, in milliseconds since the epoch. */
  readonly savedAt: number;
}

/** What a visitor has typed into one form. */
export interface Draft extends Identity {
  body: string;
}

/** Where drafts live. The widget only needs these three calls. */
export interface DraftStore {
  get(key: string): Promise<Draft | undefined>;
  set(key: string, draft: Draft): Promise<void>;
  delete(key: string): Promise<void>;
  /** The commenter's name, e-mail and website, remembered per backend for the next form. */
  getIdentity(backend: string): Promise<Identity | undefined>;
  setIdentity(backend: string, identity: Identity): Promise<void>;
  /**
   * This visitor's comments that a moderated backend holds, per backend and thread, with
   * when each was kept (the widget shows them until the backend lists them, or 30 days).
   */
  getHeld(backend: string, thread: string): Promise<HeldComment[]>;
  setHeld(backend: string, thread: string, held: readonly HeldComment[]): Promise<void>;
  /** The comments of one thread that have a saved reply draft with text. */
  repliesWithDrafts(backend: string, thread: string): Promise<string[]>;
  /** False once drafts can only be kept in memory (no IndexedDB, or it refused a write). */
  readonly persistent: boolean;
  /** Calls `listener` when another tab changes a draft; returns a function that stops it. */
  subscribe(listener: (key: string, draft: Draft | undefined) => void): () => void;
}

/**
 * The key of the draft of one form: per backend (two sites on one origin, or a staging
 * and a live site, may use the same thread keys), per thread, and per comment it answers.
 */
export function draftKey(backend: string, thread: string, parentId: string | null): string {
  return JSON.stringify(['draft', backend, thread, parentId]);
}

/** The key of the draft of the form that edits one of the visitor's comments. */
export function editDraftKey(backend: string, thread: string, id: string): string {
  return JSON.stringify(['edit', backend, thread, id]);
}

/** The key a draft had before drafts were kept per backend: read once, then moved. */
export function legacyDraftKey(thread: string, parentId: string | null): string {
  return JSON.stringify(['draft', thread, parentId]);
}

/**
 * The comment a draft key answers, when it is a reply draft of this backend and thread
 * (or one saved before drafts were kept per backend); else null.
 */
function replyOf(key: unknown, backend: string, thread: string): string | null {
  if (typeof key !== 'string' || !key.startsWith('["draft"')) return null;
  let parts: unknown;
  try {
    parts = JSON.parse(key);
  } catch {
    return null;
  }
  if (!Array.isArray(parts)) return null;
  const [, a, b, c] = parts as unknown[];
  if (parts.length === 4 && a === backend && b === thread && typeof c === 'string') return c;
  if (parts.length === 3 && a === thread && typeof b === 'string') return b;
  return null;
}

const heldKey = (backend: string, thread: string) => JSON.stringify(['held', backend, thread]);

const nameKey = (backend: string) => JSON.stringify(['name', backend]);
/** Where the name was remembered before names were kept per backend. */
const LEGACY_NAME_KEY = JSON.stringify(['name']);

/** Drafts not written for this long are removed when the store opens. */
export const DRAFT_LIFETIME = 30 * 24 * 60 * 60 * 1000;

const text = (value: unknown) => (typeof value === 'string' ? value : '');

/** The e-mail and website of a stored value, where it has them. */
function contact(value: Record<string, unknown>): Omit<Identity, 'name'> {
  const { email, url, notify } = value;
  return { ...(typeof email === 'string' && email ? { email } : {}), ...(typeof url === 'string' && url ? { url } : {}), ...(notify === true ? { notify } : {}) };
}

/** Reads a stored value as a draft, ignoring anything that is not one (a corrupted record). */
function asDraft(value: unknown): Draft | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const record = value as Record<string, unknown>;
  if (typeof record.body !== 'string' && typeof record.name !== 'string') return undefined;
  return { body: text(record.body), name: text(record.name), ...contact(record) };
}

/** Reads a remembered identity: an object, or the bare name kept before e-mail and website. */
function asIdentity(value: unknown): Identity | undefined {
  if (typeof value === 'string') return { name: value };
  if (typeof value !== 'object' || value === null) return undefined;
  const record = value as Record<string, unknown>;
  return { name: text(record.name), ...contact(record) };
}

/**
 * Drafts in IndexedDB (a database of Parley's own), with a copy in memory for this page,
 * so typing never fails and nothing is lost while IndexedDB is missing or refuses writes.
 */
export class IdbDraftStore implements DraftStore {
  private idb: UseStore | null = null;
  private readonly memory = new Map<string, unknown>();
  private channel: BroadcastChannel | null = null;
  private readonly listeners = new Set<(key: string, draft: Draft | undefined) => void>();
  persistent = true;

  constructor(
    private readonly dbName = 'parley',
    private readonly storeName = 'drafts',
  ) {}

  async get(key: string): Promise<Draft | undefined> {
    return asDraft(await this.read(key));
  }

  set(key: string, draft: Draft): Promise<void> {
    const value = { body: draft.body, name: draft.name, ...contact(draft as unknown as Record<string, unknown>), savedAt: Date.now() };
    this.openChannel()?.postMessage({ key, draft: value });
    return this.write(key, value);
  }

  delete(key: string): Promise<void> {
    this.openChannel()?.postMessage({ key, draft: null });
    return this.write(key, undefined);
  }

  async repliesWithDrafts(backend: string, thread: string): Promise<string[]> {
    const found = new Map<string, boolean>();
    const note = (key: unknown, value: unknown) => {
      const parentId = replyOf(key, backend, thread);
      if (parentId !== null && !found.has(parentId)) found.set(parentId, !!asDraft(value)?.body);
    };
    // What this page wrote wins over what IndexedDB still has.
    for (const [key, value] of this.memory) note(key, value);
    const idb = this.store();
    if (idb) for (const [key, value] of await entries(idb).catch(() => [])) note(key, value);
    return [...found].filter(([, body]) => body).map(([id]) => id);
  }

  async getHeld(backend: string, thread: string): Promise<HeldComment[]> {
    const value = await this.read(heldKey(backend, thread));
    if (!Array.isArray(value)) return [];
    return value.filter((entry): entry is HeldComment => typeof entry === 'object' && entry !== null && typeof entry.savedAt === 'number');
  }

  setHeld(backend: string, thread: string, held: readonly HeldComment[]): Promise<void> {
    return this.write(heldKey(backend, thread), held.length ? [...held] : undefined);
  }

  async getIdentity(backend: string): Promise<Identity | undefined> {
    return asIdentity((await this.read(nameKey(backend))) ?? (await this.read(LEGACY_NAME_KEY)));
  }

  setIdentity(backend: string, identity: Identity): Promise<void> {
    return this.write(nameKey(backend), { name: identity.name, ...contact(identity as unknown as Record<string, unknown>) });
  }

  subscribe(listener: (key: string, draft: Draft | undefined) => void): () => void {
    this.listeners.add(listener);
    this.openChannel();
    return () => {
      this.listeners.delete(listener);
      if (!this.listeners.size) {
        this.channel?.close();
        this.channel = null;
      }
    };
  }

  /** Tabs of one site share IndexedDB; a channel tells the others what changed. */
  private openChannel(): BroadcastChannel | null {
    if (!this.channel && typeof BroadcastChannel === 'function') {
      this.channel = new BroadcastChannel(`${this.dbName}/${this.storeName}`);
      this.channel.onmessage = ({ data }: MessageEvent) => {
        if (typeof data !== 'object' || data === null || typeof data.key !== 'string') return;
        const draft = asDraft(data.draft);
        this.memory.set(data.key, draft);
        for (const listener of this.listeners) listener(data.key, draft);
      };
    }
    return this.channel;
  }

  private unavailable = false;

  private store(): UseStore | null {
    if (!this.idb && !this.unavailable) {
      try {
        if (typeof indexedDB === 'undefined' || !indexedDB) throw new Error('no IndexedDB');
        this.idb = createStore(this.dbName, this.storeName);
        void this.removeExpired(this.idb);
      } catch {
        this.unavailable = true;
        this.persistent = false;
      }
    }
    return this.idb;
  }

  /**
   * Removes drafts older than `DRAFT_LIFETIME`, once per page: unsent text is not kept for
   * ever. A draft from before drafts were dated gets a date now, and so a lifetime.
   */
  private async removeExpired(idb: UseStore): Promise<void> {
    try {
      const now = Date.now();
      const expired: IDBValidKey[] = [];
      for (const [key, value] of await entries<IDBValidKey, unknown>(idb)) {
        if (typeof key !== 'string' || !(key.startsWith('["draft"') || key.startsWith('["edit"')) || this.memory.has(key)) continue;
        const savedAt = (value as { savedAt?: unknown } | null)?.savedAt;
        if (typeof savedAt !== 'number') await set(key, { ...(value as object), savedAt: now }, idb);
        else if (now - savedAt > DRAFT_LIFETIME) expired.push(key);
      }
      if (expired.length) await delMany(expired, idb);
    } catch {
      // Nothing is lost by keeping an old draft a little longer.
    }
  }

  private async read(key: string): Promise<unknown> {
    // What this page wrote last is in memory, even when IndexedDB refused it.
    if (this.memory.has(key)) return this.memory.get(key);
    const idb = this.store();
    if (!idb) return undefined;
    try {
      return await get(key, idb);
    } catch {
      return undefined;
    }
  }

  private async write(key: string, value: unknown): Promise<void> {
    // Memory first: whatever IndexedDB does, this page keeps the text.
    // A deletion stays in memory as `undefined`, so a stale IndexedDB copy is not read back.
    this.memory.set(key, value);
    const idb = this.store();
    if (!idb) return;
    try {
      await (value === undefined ? del(key, idb) : set(key, value, idb));
      // A write went through again (space was freed, say): drafts are saved again.
      this.persistent = true;
    } catch {
      this.persistent = false;
    }
  }
}

let shared: DraftStore | undefined;

/** The store all widgets on a page share, created on first use. */
export function sharedDraftStore(): DraftStore {
  return (shared ??= new IdbDraftStore());
}

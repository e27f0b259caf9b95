import { createStore, del, get, set, type UseStore } from 'idb-keyval';

/** What a visitor has typed into one form. */
export interface Draft {
  body: string;
  name: string;
}

/** Where drafts live. The widget only needs these three calls. */
export interface DraftStore {
  get(key: string): Promise<Draft | undefined>;
  set(key: string, draft: Draft): Promise<void>;
  delete(key: string): Promise<void>;
  /** The commenter's name, remembered for the next form. */
  getName(): Promise<string | undefined>;
  setName(name: string): Promise<void>;
  /** False once drafts can only be kept in memory (no IndexedDB, or it refused a write). */
  readonly persistent: boolean;
  /** Calls `listener` when another tab changes a draft; returns a function that stops it. */
  subscribe(listener: (key: string, draft: Draft | undefined) => void): () => void;
}

/** The key of the draft of one form: per thread, and per comment it answers. */
export function draftKey(thread: string, parentId: string | null): string {
  return JSON.stringify(['draft', thread, parentId]);
}

const NAME_KEY = JSON.stringify(['name']);

/** Reads a stored value as a draft, ignoring anything that is not one (a corrupted record). */
function asDraft(value: unknown): Draft | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { body, name } = value as Record<string, unknown>;
  if (typeof body !== 'string' && typeof name !== 'string') return undefined;
  return { body: typeof body === 'string' ? body : '', name: typeof name === 'string' ? name : '' };
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
    const value = { body: draft.body, name: draft.name, savedAt: Date.now() };
    this.openChannel()?.postMessage({ key, draft: value });
    return this.write(key, value);
  }

  delete(key: string): Promise<void> {
    this.openChannel()?.postMessage({ key, draft: null });
    return this.write(key, undefined);
  }

  async getName(): Promise<string | undefined> {
    const name = await this.read(NAME_KEY);
    return typeof name === 'string' ? name : undefined;
  }

  setName(name: string): Promise<void> {
    return this.write(NAME_KEY, name);
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
      } catch {
        this.unavailable = true;
        this.persistent = false;
      }
    }
    return this.idb;
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

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
 * Drafts in IndexedDB (a database of Parley's own), falling back to memory for the rest
 * of the page's life when IndexedDB is missing or throws, so typing never fails.
 */
export class IdbDraftStore implements DraftStore {
  private idb: UseStore | null = null;
  private readonly memory = new Map<string, unknown>();
  persistent = true;

  constructor(
    private readonly dbName = 'parley',
    private readonly storeName = 'drafts',
  ) {}

  async get(key: string): Promise<Draft | undefined> {
    return asDraft(await this.read(key));
  }

  set(key: string, draft: Draft): Promise<void> {
    return this.write(key, { body: draft.body, name: draft.name, savedAt: Date.now() });
  }

  delete(key: string): Promise<void> {
    return this.write(key, undefined);
  }

  async getName(): Promise<string | undefined> {
    const name = await this.read(NAME_KEY);
    return typeof name === 'string' ? name : undefined;
  }

  setName(name: string): Promise<void> {
    return this.write(NAME_KEY, name);
  }

  private store(): UseStore | null {
    if (this.persistent && !this.idb) {
      try {
        if (typeof indexedDB === 'undefined' || !indexedDB) throw new Error('no IndexedDB');
        this.idb = createStore(this.dbName, this.storeName);
      } catch {
        this.persistent = false;
      }
    }
    return this.persistent ? this.idb : null;
  }

  private async read(key: string): Promise<unknown> {
    const idb = this.store();
    if (idb) {
      try {
        return await get(key, idb);
      } catch {
        this.persistent = false;
      }
    }
    return this.memory.get(key);
  }

  private async write(key: string, value: unknown): Promise<void> {
    // Memory first: whatever IndexedDB does, this page keeps the text.
    if (value === undefined) this.memory.delete(key);
    else this.memory.set(key, value);
    const idb = this.store();
    if (!idb) return;
    try {
      await (value === undefined ? del(key, idb) : set(key, value, idb));
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

import { createStore, del, entries, set, type UseStore } from 'idb-keyval';

/** The proof that this browser posted a comment, as a backend handed it over once. */
export interface CommentSecret {
  readonly secret: string;
  /** Until when the backend lets the comment be changed, in milliseconds since the epoch. */
  readonly until: number;
}

/** Where a backend's comment secrets are kept: per backend, by comment id. */
export interface SecretStore {
  /** The unexpired secrets of one backend, by comment id. */
  all(backend: string): Promise<ReadonlyMap<string, CommentSecret>>;
  set(backend: string, id: string, secret: CommentSecret): Promise<void>;
  delete(backend: string, id: string): Promise<void>;
}

const keyOf = (backend: string, id: string) => JSON.stringify(['secret', backend, id]);

/** Reads a stored entry, ignoring anything that is not one of ours. */
function parse(key: unknown, value: unknown): { backend: string; id: string; secret: CommentSecret } | null {
  if (typeof key !== 'string' || !key.startsWith('["secret"')) return null;
  let parts: unknown;
  try {
    parts = JSON.parse(key);
  } catch {
    return null;
  }
  if (!Array.isArray(parts) || parts.length !== 3 || typeof parts[1] !== 'string' || typeof parts[2] !== 'string') return null;
  const v = value as Partial<CommentSecret> | null;
  if (typeof v?.secret !== 'string' || typeof v.until !== 'number') return null;
  return { backend: parts[1], id: parts[2], secret: { secret: v.secret, until: v.until } };
}

/**
 * Comment secrets in IndexedDB (a database of their own, so drafts and secrets never share
 * a lifetime), read once per page and then served from memory; expired ones are removed as
 * they are read. Where IndexedDB is missing or refuses, they live as long as the page,
 * which is what editing a comment just posted needs.
 */
export class IdbSecretStore implements SecretStore {
  private idb: UseStore | null = null;
  private unavailable = false;
  /** Every backend's secrets, once read: key → secret (undefined: deleted on this page). */
  private loaded: Promise<Map<string, CommentSecret | undefined>> | null = null;

  constructor(
    private readonly dbName = 'parley-secrets',
    private readonly storeName = 'secrets',
  ) {}

  async all(backend: string): Promise<ReadonlyMap<string, CommentSecret>> {
    const now = Date.now();
    const found = new Map<string, CommentSecret>();
    const expired: string[] = [];
    for (const [key, secret] of await this.load()) {
      const entry = secret && parse(key, secret);
      if (!entry || entry.backend !== backend) continue;
      if (entry.secret.until > now) found.set(entry.id, entry.secret);
      else expired.push(entry.id);
    }
    for (const id of expired) void this.delete(backend, id);
    return found;
  }

  async set(backend: string, id: string, secret: CommentSecret): Promise<void> {
    await this.write(keyOf(backend, id), { secret: secret.secret, until: secret.until });
  }

  async delete(backend: string, id: string): Promise<void> {
    await this.write(keyOf(backend, id), undefined);
  }

  private store(): UseStore | null {
    if (!this.idb && !this.unavailable) {
      try {
        if (typeof indexedDB === 'undefined' || !indexedDB) throw new Error('no IndexedDB');
        this.idb = createStore(this.dbName, this.storeName);
      } catch {
        this.unavailable = true;
      }
    }
    return this.idb;
  }

  private load(): Promise<Map<string, CommentSecret | undefined>> {
    this.loaded ??= (async () => {
      // Opening a database creates it: a visitor who never posted keeps none of ours.
      const idb = (await this.exists()) ? this.store() : null;
      const all: [IDBValidKey, unknown][] = idb ? await entries(idb).catch(() => []) : [];
      const found = new Map<string, CommentSecret | undefined>();
      // Checked when read (`parse`): what IndexedDB holds may be anything.
      for (const [key, value] of all) if (typeof key === 'string') found.set(key, value as CommentSecret);
      return found;
    })();
    return this.loaded;
  }

  /** Whether the database is there to read (true where the browser cannot tell). */
  private async exists(): Promise<boolean> {
    try {
      if (typeof indexedDB === 'undefined' || !indexedDB) return false;
      if (typeof indexedDB.databases !== 'function') return true;
      return (await indexedDB.databases()).some((db) => db.name === this.dbName);
    } catch {
      return true;
    }
  }

  private async write(key: string, value: CommentSecret | undefined): Promise<void> {
    // Memory first: whatever IndexedDB does, this page keeps what it was told.
    (await this.load()).set(key, value);
    const idb = this.store();
    if (!idb) return;
    try {
      await (value === undefined ? del(key, idb) : set(key, value, idb));
    } catch {
      // Kept for this page only; the comment can still be changed until it is closed.
    }
  }
}

let shared: SecretStore | undefined;

/** The store every adapter on a page shares, created on first use. */
export function sharedSecretStore(): SecretStore {
  return (shared ??= new IdbSecretStore());
}

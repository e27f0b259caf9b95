/**
 * Picks the store: PostgreSQL when a `postgres://` URL is given, SQLite otherwise.
 * node-postgres is loaded only when it is used.
 */
import { openCommentStore } from './comment-store.mjs';

/**
 * @param {{ databaseUrl?: string | null, dbPath: string } & Record<string, unknown>} options
 *   The other options go to the store (page size, quotas, busy timeout).
 * @returns {Promise<import('./store.mjs').CommentStore>}
 */
export async function openStore({ databaseUrl = null, dbPath, ...options }) {
  if (databaseUrl) {
    if (!/^postgres(ql)?:\/\//.test(databaseUrl)) {
      throw new Error('The database URL must start with postgres:// (e.g. postgres://parley@db.example/parley).');
    }
    const { openPgStore } = await import('./pg-store.mjs');
    return openPgStore(databaseUrl, options);
  }
  return openCommentStore(dbPath, options);
}

/**
 * Test helpers: the API on an ephemeral port over a fresh in-memory database, and a
 * minimal fetch-based CommentAdapter that speaks the REST contract the way RestAdapter does.
 */
import { createServer } from 'node:http';
import { openCommentStore } from '../comment-store.mjs';
import { createApi } from '../http-api.mjs';

/**
 * Starts the API on 127.0.0.1 with a random port.
 *
 * @param {Partial<import('../http-api.mjs').ApiOptions> & { dbPath?: string }} [options]
 * @returns {Promise<{ url: string, store: import('../comment-store.mjs').CommentStore,
 *                     close: () => Promise<void> }>} `url` is the API base, e.g. http://127.0.0.1:1234/api
 */
export async function startApi({ dbPath = ':memory:', pageSize, ...options } = {}) {
  const store = options.store ?? openCommentStore(dbPath, { pageSize });
  const api = createApi({ store, pageSize, onError: (error) => { throw error; }, ...options });
  const server = createServer((req, res) => {
    if (!api(req, res)) {
      res.statusCode = 418;
      res.end('outside the API');
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
  return {
    url: `http://127.0.0.1:${port}${options.basePath ?? '/api'}`,
    store,
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await store.close();
    },
  };
}

/**
 * A CommentAdapter over fetch, as a third-party client would write it.
 *
 * @param {string} endpoint
 * @returns {import('../../src/adapters/types.ts').CommentAdapter}
 */
export function fetchAdapter(endpoint) {
  const threadUrl = (thread) => `${endpoint}/threads/${encodeURIComponent(thread)}/comments`;
  async function parse(response) {
    const data = await response.json();
    if (!response.ok) throw new Error(data?.error?.message ?? `HTTP ${response.status}`);
    return data;
  }
  /** The secret of each comment this client posted, as a browser would keep it. */
  const secrets = new Map();
  const mine = (record) => (secrets.has(record.id) ? { ...record, canEdit: true, canDelete: true } : record);
  const commentUrl = (thread, id) => `${threadUrl(thread)}/${encodeURIComponent(id)}`;
  return {
    capabilities: { sort: ['oldest', 'newest'] },
    async list(thread, { cursor, signal, sort } = {}) {
      const query = new URLSearchParams({ ...(cursor ? { cursor } : {}), ...(sort ? { sort } : {}) });
      const page = await parse(await fetch(`${threadUrl(thread)}${String(query) ? `?${query}` : ''}`, { signal }));
      return { ...page, comments: page.comments.map(mine) };
    },
    async create(thread, input, { signal } = {}) {
      const { secret, editableUntil, ...record } = await parse(
        await fetch(threadUrl(thread), {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify(input),
          signal,
        }),
      );
      if (secret) secrets.set(record.id, secret);
      return mine(record);
    },
    async update(thread, id, { body }, { signal } = {}) {
      const headers = { 'Content-Type': 'application/json', 'X-Parley-Secret': secrets.get(id) ?? '' };
      return mine(await parse(await fetch(commentUrl(thread, id), { method: 'PATCH', headers, body: JSON.stringify({ body }), signal })));
    },
    async remove(thread, id, { signal } = {}) {
      const response = await fetch(commentUrl(thread, id), { method: 'DELETE', headers: { 'X-Parley-Secret': secrets.get(id) ?? '' }, signal });
      if (!response.ok) await parse(response);
      secrets.delete(id);
    },
    async count(threads, { signal } = {}) {
      const query = new URLSearchParams(threads.map((thread) => ['thread', thread]));
      return parse(await fetch(`${endpoint}/counts?${query}`, { signal }));
    },
  };
}

/** POSTs a JSON value (or a raw string) to a thread and returns status, headers and parsed body. */
export async function postJson(url, value, headers = {}) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: typeof value === 'string' ? value : JSON.stringify(value),
  });
  return { status: response.status, headers: response.headers, body: await response.json() };
}

/** A valid NewComment. */
export function comment(body = 'Hello', parentId = null, name = 'Tester') {
  return { parentId, body, author: { name } };
}

import { expect } from '@open-wc/testing';
import { RestAdapter, type AdapterError } from '../../src/index.js';
import { IdbSecretStore } from '../../src/drafts/secret-store.js';
import { rejection } from './recorded-backend.js';

// Against the reference server's own handler (test/middleware/reference-server.mjs).
const endpoint = `${location.origin}/reference-api`;
let run = 0;
const fresh = () => `rest-edit-${Date.now()}-${++run}`;

describe('RestAdapter: the secret that lets the visitor change their comment', () => {
  it('creates no database for a visitor who only reads', async () => {
    const dbName = `parley-secrets-reader-${Date.now()}`;
    const store = new IdbSecretStore(dbName);
    expect((await store.all('rest x')).size).to.equal(0);
    const names = (await indexedDB.databases()).map((db) => db.name);
    expect(names).not.to.include(dbName);
    // The first secret creates it.
    await store.set('rest x', 'c1', { secret: 's', until: Date.now() + 60_000 });
    expect((await indexedDB.databases()).map((db) => db.name)).to.include(dbName);
    indexedDB.deleteDatabase(dbName);
  });

  it('keeps it in IndexedDB, so a reloaded page may still change the comment, and sends it in X-Parley-Secret', async () => {
    const dbName = `parley-secrets-rest-test-${Date.now()}`;
    const thread = fresh();
    const sent: (string | null)[] = [];
    const fetchSpy: typeof fetch = (input, init) => {
      sent.push(new Headers(init?.headers).get('X-Parley-Secret'));
      return fetch(input, init);
    };
    const first = new RestAdapter(endpoint, { secrets: new IdbSecretStore(dbName), fetch: fetchSpy });
    const created = await first.create(thread, { parentId: null, body: 'Typo hree', author: { name: 'Ada' } });
    expect(created.canEdit).to.be.true;
    expect(JSON.stringify(created)).not.to.contain('secret');
    // A new page: a new store object over the same database.
    const reloaded = new RestAdapter(endpoint, { secrets: new IdbSecretStore(dbName), fetch: fetchSpy });
    const [listed] = (await reloaded.list(thread)).comments;
    expect(listed).to.include({ id: created.id, canEdit: true, canDelete: true });
    const edited = await reloaded.update(thread, created.id, { body: 'Typo here' });
    expect(edited.body).to.equal('Typo here');
    expect(sent.at(-1)).to.match(/^[A-Za-z0-9_-]{32}$/);
    // Another browser (another database) holds no secret: nothing to offer, nothing sent.
    const other = new RestAdapter(endpoint, { secrets: new IdbSecretStore(`${dbName}-other`) });
    expect((await other.list(thread)).comments[0].canEdit).to.equal(undefined);
    expect(((await rejection(other.remove(thread, created.id))) as AdapterError).code).to.equal('edit-window-closed');
    await reloaded.remove(thread, created.id);
    expect((await reloaded.list(thread)).comments).to.deep.equal([]);
  });

  it('forgets a secret whose time is over, and a secret the server refuses', async () => {
    const secrets = new IdbSecretStore(`parley-secrets-rest-test-${Date.now()}-old`);
    const adapter = new RestAdapter(endpoint, { secrets });
    const thread = fresh();
    const created = await adapter.create(thread, { parentId: null, body: 'Old words', author: { name: 'Ada' } });
    await secrets.set(adapter.id, created.id, { secret: 'x', until: Date.now() - 1 });
    expect((await adapter.list(thread)).comments[0].canEdit).to.equal(undefined);
    await secrets.set(adapter.id, created.id, { secret: 'not-the-secret', until: Date.now() + 60_000 });
    const refused = (await rejection(adapter.update(thread, created.id, { body: 'New words' }))) as AdapterError;
    expect(refused.status).to.equal(403);
    expect(refused.code).to.equal('not-yours');
    expect((await secrets.all(adapter.id)).has(created.id)).to.be.false;
    expect((await adapter.list(thread)).comments[0].body).to.equal('Old words');
  });

  it('reads the kept secrets while the page is on its way, not after it arrived, and lists without them when the store fails', async () => {
    const secrets = new IdbSecretStore(`parley-secrets-rest-test-${Date.now()}-early`);
    const thread = fresh();
    const created = await new RestAdapter(endpoint, { secrets }).create(thread, { parentId: null, body: 'Mine', author: { name: 'Ada' } });
    let reads = 0;
    const readsAtRequest: number[] = [];
    const counting = { set: secrets.set.bind(secrets), delete: secrets.delete.bind(secrets), all: (backend: string) => (reads++, secrets.all(backend)) };
    const fetchSpy: typeof fetch = (input, init) => (readsAtRequest.push(reads), fetch(input, init));
    const adapter = new RestAdapter(endpoint, { secrets: counting, fetch: fetchSpy });
    expect((await adapter.list(thread)).comments[0]).to.include({ id: created.id, canEdit: true });
    // On a first call the store opens IndexedDB: that must not wait for the answer.
    expect(readsAtRequest).to.deep.equal([1]);
    const broken = { ...counting, all: () => Promise.reject(new Error('no IndexedDB')) };
    const [listed] = (await new RestAdapter(endpoint, { secrets: broken }).list(thread)).comments;
    expect(listed.id).to.equal(created.id);
    expect(listed.canEdit).to.equal(undefined);
  });
});

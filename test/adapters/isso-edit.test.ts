import { expect } from '@open-wc/testing';
import { AdapterError } from '../../src/adapters/adapter-error.js';
import { IssoAdapter } from '../../src/adapters/isso-adapter.js';
import { IdbSecretStore } from '../../src/drafts/secret-store.js';
import { fakeBackend, rejection } from './recorded-backend.js';

// test/fixtures/isso/edit-*.json, recorded from a real Isso 0.14.0 (see the README there):
// the fake answers PUT and DELETE /id/{id} only when the request carries the edit cookie
// the recorded POST set, as Isso does.
const base = fakeBackend('isso');
const thread = '/editing/';
let run = 0;
const store = () => new IdbSecretStore(`parley-secrets-isso-test-${Date.now()}-${++run}`);
const forget = (name: string) => (document.cookie = `${name}=; Max-Age=0; Path=/`);

describe('IssoAdapter: editing and deleting with Isso\'s edit cookie', () => {
  afterEach(() => ['1', '2'].forEach(forget));

  it('offers nothing while cookies do not go to Isso (the default)', async () => {
    const adapter = new IssoAdapter(base, { title: 'Editing', secrets: store() });
    const created = await adapter.create(thread, { parentId: null, body: 'Frist!', author: { name: 'Ada' } });
    expect(created.canEdit).to.equal(undefined);
    expect(document.cookie.split('; ').some((c) => c.startsWith('1='))).to.be.false;
    const error = await rejection(adapter.update(thread, '1', { body: 'First!' }));
    expect((error as AdapterError).code).to.equal('edit-window-closed');
  });

  it('edits with the cookie kept by the browser, for the Max-Age Isso gave it, and marks its comment', async () => {
    const secrets = store();
    const adapter = new IssoAdapter(base, { title: 'Editing', credentials: 'include', secrets, pageSize: 2, nestedLimit: 2 });
    const before = Date.now();
    const created = await adapter.create(thread, { parentId: null, body: 'Frist!', author: { name: 'Ada' } });
    expect(created).to.include({ id: '1', body: 'Frist!', canEdit: true, canDelete: true });
    const kept = (await secrets.all(adapter.id)).get('1')!;
    // X-Set-Cookie said Max-Age=900: Isso's default max-age of 15 minutes.
    expect(kept.until - before).to.be.within(899_000, 901_000 + (Date.now() - before));
    const edited = await adapter.update(thread, '1', { body: 'First!' });
    expect(edited).to.include({ id: '1', body: 'First!', format: 'markdown', canEdit: true, canDelete: true });
    // Isso's ids are the server's, whatever the thread: a listed comment 1 is this visitor's.
    const page = await adapter.list('/what-is-real-leadership/');
    expect(page.comments.find((c) => c.id === '1')!.canEdit).to.be.true;
    expect(page.comments.find((c) => c.id === '2')!.canEdit).to.equal(undefined);
    expect(page.comments.find((c) => c.id === '4')!.canEdit, 'never a placeholder').to.equal(undefined);
  });

  it('deletes with the cookie and forgets it; without the cookie Isso refuses, told as not-yours', async () => {
    const secrets = store();
    const adapter = new IssoAdapter(base, { title: 'Editing', credentials: 'include', secrets });
    await adapter.create(thread, { parentId: null, body: 'Frist!', author: { name: 'Ada' } });
    // A browser that blocks the cookie (a third-party Isso): Isso's 403.
    forget('1');
    const error = (await rejection(adapter.update(thread, '1', { body: 'Hijacked' }))) as AdapterError;
    expect(error).to.be.instanceOf(AdapterError);
    expect(error.status).to.equal(403);
    expect(error.code).to.equal('not-yours');
    expect((await secrets.all(adapter.id)).has('1'), 'a refusal forgets the comment').to.be.false;

    await adapter.create(thread, { parentId: null, body: 'Frist!', author: { name: 'Ada' } });
    await adapter.remove(thread, '1');
    expect((await secrets.all(adapter.id)).has('1')).to.be.false;
  });

  it('keeps the comment changeable until the kept time when an edit\'s X-Set-Cookie cannot be read', async () => {
    const secrets = store();
    // A proxy that drops Isso's header, or a server that does not expose it: the answer comes without it.
    const hiding: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      if (init?.method !== 'PUT') return response;
      const headers = new Headers(response.headers);
      headers.delete('X-Set-Cookie');
      return new Response(await response.text(), { status: response.status, headers });
    };
    const adapter = new IssoAdapter(base, { title: 'Editing', credentials: 'include', secrets, fetch: hiding });
    const created = await adapter.create(thread, { parentId: null, body: 'Frist!', author: { name: 'Ada' } });
    const kept = (await secrets.all(adapter.id)).get('1')!;
    const edited = await adapter.update(thread, '1', { body: 'First!' });
    expect(edited).to.include({ id: '1', body: 'First!', canEdit: true, canDelete: true, editableUntil: created.editableUntil });
    expect((await secrets.all(adapter.id)).get('1')!.until).to.equal(kept.until);
  });

  it('reads the kept cookie times while the page is on its way, not after it arrived, and lists without them when the store fails', async () => {
    const secrets = store();
    let reads = 0;
    const readsAtRequest: number[] = [];
    const counting = { set: secrets.set.bind(secrets), delete: secrets.delete.bind(secrets), all: (backend: string) => (reads++, secrets.all(backend)) };
    const fetchSpy: typeof fetch = (input, init) => (readsAtRequest.push(reads), fetch(input, init));
    const adapter = new IssoAdapter(base, { title: 'Editing', credentials: 'include', secrets: counting, fetch: fetchSpy, pageSize: 2, nestedLimit: 2 });
    await counting.set(adapter.id, '1', { secret: 'isso-cookie', until: Date.now() + 60_000 });
    const page = await adapter.list('/what-is-real-leadership/');
    expect(page.comments.find((c) => c.id === '1')!.canEdit).to.be.true;
    // On a first call the store opens IndexedDB: that must not wait for the answer.
    expect(readsAtRequest[0]).to.equal(1);
    const broken = { ...counting, all: () => Promise.reject(new Error('no IndexedDB')) };
    const plain = await new IssoAdapter(base, { title: 'Editing', credentials: 'include', secrets: broken, pageSize: 2, nestedLimit: 2 }).list('/what-is-real-leadership/');
    expect(plain.comments.map((c) => c.id)).to.deep.equal(page.comments.map((c) => c.id));
    expect(plain.comments.find((c) => c.id === '1')!.canEdit).to.equal(undefined);
  });
});

import { expect } from '@open-wc/testing';
import { AdapterError } from '../../src/adapters/adapter-error.js';
import { MemoryAdapter } from '../../src/adapters/memory-adapter.js';
import type { CommentAdapter, CommentRecord } from '../../src/adapters/types.js';
import { ThreadController } from '../../src/controller/thread-controller.js';
import { draftKey, type Draft } from '../../src/drafts/draft-store.js';
import { en } from '../../src/i18n/strings.js';
import { ThreadModel } from '../../src/model/thread-model.js';
import { Host, memoryDrafts, settle, setupController } from '../support/controller-host.js';
import { record, until } from '../support/fixtures.js';


// Failures are told to the site's owner in the console; here they are expected.
let warn: typeof console.warn;
beforeEach(() => {
  warn = console.warn;
  console.warn = () => {};
});
afterEach(() => {
  console.warn = warn;
});

async function setup(adapter: CommentAdapter) {
  const made = setupController(adapter);
  await settle();
  return made;
}

const draft = (body: string): Draft => ({ body, name: 'Ada' });

describe('ThreadController: editing and deleting the visitor\'s comments', () => {
  it('offers to change only what the adapter says is the visitor\'s, and only where it can', async () => {
    const { controller } = await setup(new MemoryAdapter([record('seeded')]));
    const mine = (await controller.post(null, draft('Mine')))!;
    expect(mine.canEdit).to.be.true;
    expect(controller.mayChange(mine.id, 'edit')).to.be.true;
    expect(controller.mayChange(mine.id, 'delete')).to.be.true;
    expect(controller.mayChange('seeded', 'edit')).to.be.false;
    controller.openEdit('seeded');
    expect(controller.editing).to.equal(null);
    expect(controller.ownAction('reply', mine.id)).to.be.false;
    // An adapter without update and remove: the same record offers nothing.
    const { controller: bare } = await setup({ list: async () => ({ comments: [{ ...mine }] }), create: async () => mine });
    expect(bare.mayChange(mine.id, 'edit')).to.be.false;
    expect(bare.shown.editable).to.be.false;
  });

  it('edits in place: the new text, the form closed, focus back on Edit, said and told', async () => {
    const { host, controller } = await setup(new MemoryAdapter([]));
    const mine = (await controller.post(null, draft('Frist!')))!;
    controller.takeFocus();
    expect(controller.ownAction('edit', mine.id)).to.be.true;
    expect(controller.shown.editing).to.equal(mine.id);
    const saved = await controller.saveEdit(mine.id, 'First!');
    expect(saved!.body).to.equal('First!');
    expect(controller.model.tree.byId.get(mine.id)!.record.body).to.equal('First!');
    expect(controller.model.tree.byId.get(mine.id)!.record.canEdit).to.be.true;
    expect(controller.editing).to.equal(null);
    expect(controller.takeFocus()).to.deep.equal({ id: mine.id, on: 'edit-button' });
    expect(controller.announcement).to.equal(en.edited);
    expect(host.events.at(-1)).to.deep.include({ type: 'parley-edited' });
    expect(controller.model.total).to.equal(1);
  });

  it('keeps the form open with the reason when an edit fails, and takes the buttons away when it never can succeed', async () => {
    const mine: CommentRecord = { ...record('mine'), canEdit: true, canDelete: true };
    let refusal: unknown = new AdapterError('offline', { status: 0, backend: 'x', code: 'network' });
    const adapter: CommentAdapter = {
      list: async () => ({ comments: [mine] }),
      create: async () => mine,
      update: async () => Promise.reject(refusal),
      remove: async () => Promise.reject(refusal),
    };
    const { host, controller } = await setup(adapter);
    controller.openEdit('mine');
    let error = await controller.saveEdit('mine', 'New').catch((e: Error) => e);
    expect((error as Error).message).to.equal(en.editFailed(en.unreachable));
    expect(controller.editing).to.equal('mine');
    expect(controller.mayChange('mine', 'edit')).to.be.true;
    refusal = new AdapterError('too late', { status: 403, backend: 'rest', code: 'edit-window-closed' });
    error = await controller.saveEdit('mine', 'New').catch((e: Error) => e);
    expect((error as Error).message).to.equal(en.editFailed(en.editWindowClosed));
    expect(controller.mayChange('mine', 'edit')).to.be.false;
    expect(controller.mayChange('mine', 'delete')).to.be.false;
    expect(controller.editing, 'the text typed stays in its form').to.equal('mine');
    expect(host.events.filter((e) => e.type === 'parley-error').map((e) => (e.detail as { action: string }).action)).to.deep.equal(['edit', 'edit']);
  });

  it('shows an edit the backend holds as awaiting moderation, says so, counts it for its author and keeps it for a reload', async () => {
    const mine: CommentRecord = { ...record('mine'), canEdit: true, canDelete: true };
    const held: unknown[][] = [];
    const adapter: CommentAdapter = {
      list: async () => ({ comments: [mine, record('other')], total: 2 }),
      create: async () => mine,
      // A moderated server, or a spam check on the new text, takes it back to the queue.
      update: async (_thread, id, { body }) => ({ ...mine, id, body, status: 'pending', editedAt: new Date().toISOString() }),
    };
    const drafts = memoryDrafts();
    drafts.setHeld = async (_backend, _thread, entries) => void held.push(entries.map((entry) => entry.record));
    const host = new Host();
    const controller = new ThreadController(host, drafts);
    controller.configure({ thread: 't', adapter, maxDepth: 5, maxLength: 10000, timeout: 15000, strings: en, locale: 'en' });
    await settle();
    expect(controller.model.total).to.equal(2);
    const saved = await controller.saveEdit('mine', 'Now with links');
    expect(saved!.status).to.equal('pending');
    expect(controller.model.tree.byId.get('mine')!.record.status).to.equal('pending');
    expect(controller.announcement).to.equal(en.postedPending);
    expect(controller.model.held.map((r) => r.id)).to.deep.equal(['mine']);
    expect(held.at(-1)!.map((r) => (r as CommentRecord).id), 'kept for its author after a reload').to.deep.equal(['mine']);
    expect(controller.model.total, 'the backend counts it no more; its author still sees it').to.equal(2);
  });

  it('asks before deleting, and Cancel takes focus back to Delete', async () => {
    const { controller } = await setup(new MemoryAdapter([]));
    const mine = (await controller.post(null, draft('Oops')))!;
    controller.takeFocus();
    controller.ownAction('delete', mine.id);
    expect(controller.shown.deleting).to.equal(mine.id);
    expect(controller.takeFocus()).to.deep.equal({ id: mine.id, on: 'delete-cancel' });
    controller.ownAction('cancel-delete', mine.id);
    expect(controller.shown.deleting).to.equal(null);
    expect(controller.takeFocus()).to.deep.equal({ id: mine.id, on: 'delete-button' });
    expect(controller.model.tree.byId.has(mine.id)).to.be.true;
    // Confirming without the question does nothing.
    await controller.confirmDelete(mine.id);
    expect(controller.model.tree.byId.has(mine.id)).to.be.true;
  });

  it('deletes a comment without replies: it goes, the count follows, focus goes to the comment beside it', async () => {
    const { host, controller } = await setup(new MemoryAdapter([record('a')]));
    const first = (await controller.post(null, draft('First')))!;
    const second = (await controller.post(null, draft('Second')))!;
    expect(controller.model.total).to.equal(3);
    controller.askDelete(first.id);
    await controller.confirmDelete(first.id);
    expect(controller.model.tree.byId.has(first.id)).to.be.false;
    expect(controller.model.total).to.equal(2);
    expect(controller.takeFocus()).to.deep.equal({ id: second.id, on: 'comment' });
    expect(controller.announcement).to.equal(en.deleted);
    expect(host.events.at(-1)).to.deep.equal({ type: 'parley-deleted', detail: { id: first.id, placeholder: false } });
    // The last of the visitor's comments: focus on the one before it.
    controller.askDelete(second.id);
    await controller.confirmDelete(second.id);
    expect(controller.takeFocus()).to.deep.equal({ id: 'a', on: 'comment' });
  });

  it('leaves "Comment deleted" where replies hang, and focus on it; the thread\'s last comment gives focus to the heading', async () => {
    const { host, controller } = await setup(new MemoryAdapter([]));
    const root = (await controller.post(null, draft('Root')))!;
    const reply = (await controller.post(root.id, draft('Reply')))!;
    controller.askDelete(root.id);
    await controller.confirmDelete(root.id);
    const placeholder = controller.model.tree.byId.get(root.id)!;
    expect(placeholder.record.deleted).to.be.true;
    expect(placeholder.record.body).to.equal('');
    expect(placeholder.replies.map((n) => n.record.id)).to.deep.equal([reply.id]);
    expect(controller.mayChange(root.id, 'delete')).to.be.false;
    expect(controller.model.total).to.equal(1);
    expect(controller.takeFocus()).to.deep.equal({ id: root.id, on: 'comment' });
    expect(host.events.at(-1)!.detail).to.deep.equal({ id: root.id, placeholder: true });
    // The reply goes, and the placeholder with it: nothing is left but the heading.
    controller.askDelete(reply.id);
    await controller.confirmDelete(reply.id);
    expect(controller.model.tree.byId.size).to.equal(0);
    expect(controller.model.total).to.equal(0);
    expect(controller.takeFocus()).to.deep.equal({ id: reply.id, on: 'heading' });
  });

  it('closes the reply form under a comment it deletes, keeps its draft and sends focus where the deletion does', async () => {
    const drafts = memoryDrafts();
    const host = new Host();
    const controller = new ThreadController(host, drafts);
    controller.configure({ thread: 't', adapter: new MemoryAdapter([]), maxDepth: 5, maxLength: 10000, timeout: 15000, strings: en, locale: 'en' });
    await settle();
    const root = (await controller.post(null, draft('Root')))!;
    const reply = (await controller.post(root.id, draft('Reply')))!;
    const other = (await controller.post(null, draft('Other')))!;
    controller.takeFocus();
    // With replies: "Comment deleted" stays, and must not keep a form posting to it.
    await drafts.set(draftKey(controller.backend, 't', root.id), { body: 'half a reply', name: '' });
    controller.openReply(root.id);
    controller.askDelete(root.id);
    await controller.confirmDelete(root.id);
    expect(controller.model.tree.byId.get(root.id)!.record.deleted).to.be.true;
    expect(controller.replyingTo).to.equal(null);
    expect(controller.shown.replyingTo).to.equal(null);
    expect(controller.takeFocus()).to.deep.equal({ id: root.id, on: 'comment' });
    expect((await drafts.get(draftKey(controller.backend, 't', root.id)))?.body, 'the draft is kept').to.equal('half a reply');
    // Without replies: the comment goes, and the form does not point at it.
    controller.openReply(other.id);
    controller.askDelete(other.id);
    await controller.confirmDelete(other.id);
    expect(controller.model.tree.byId.has(other.id)).to.be.false;
    expect(controller.replyingTo).to.equal(null);
    expect(controller.takeFocus()).to.deep.equal({ id: root.id, on: 'comment' });
    // Another comment's open form stays open.
    controller.openReply(reply.id);
    const last = (await controller.post(null, draft('Last')))!;
    controller.askDelete(last.id);
    await controller.confirmDelete(last.id);
    expect(controller.replyingTo).to.equal(reply.id);
  });

  it('shows why a deletion failed in the question, which stays; a final refusal closes it', async () => {
    const mine: CommentRecord = { ...record('mine'), canEdit: true, canDelete: true };
    let refusal: unknown = new AdapterError('offline', { status: 0, backend: 'x', code: 'network' });
    const adapter: CommentAdapter = { list: async () => ({ comments: [mine] }), create: async () => mine, remove: async () => Promise.reject(refusal) };
    const { controller } = await setup(adapter);
    controller.askDelete('mine');
    await controller.confirmDelete('mine');
    expect(controller.shown.deleting).to.equal('mine');
    expect(controller.shown.deleteFailure).to.equal(en.deleteFailed(en.unreachable));
    expect(controller.announcement).to.equal(en.deleteFailed(en.unreachable));
    refusal = new AdapterError('not yours', { status: 403, backend: 'rest', code: 'not-yours' });
    await controller.confirmDelete('mine');
    expect(controller.shown.deleting).to.equal(null);
    expect(controller.mayChange('mine', 'delete')).to.be.false;
    expect(controller.model.tree.byId.has('mine')).to.be.true;
    expect(controller.announcement).to.equal(en.deleteFailed(en.notYours));
  });
});

describe('ThreadController: the time to change a comment', () => {
  it('takes Edit and Delete away when editableUntil passes, and never shows them for a time already past', async () => {
    const soon = new Date(Date.now() + 30).toISOString();
    const past = new Date(Date.now() - 1000).toISOString();
    const adapter: CommentAdapter = {
      list: async () => ({
        comments: [
          { ...record('soon'), canEdit: true, canDelete: true, editableUntil: soon },
          { ...record('past'), canEdit: true, canDelete: true, editableUntil: past },
          { ...record('always'), canEdit: true, canDelete: true },
        ],
      }),
      create: async () => record('x'),
      update: async () => record('x'),
      remove: async () => {},
    };
    const { controller } = await setup(adapter);
    expect(controller.mayChange('past', 'edit')).to.be.false;
    expect(controller.mayChange('soon', 'edit')).to.be.true;
    await until(() => !controller.mayChange('soon', 'edit'), 'the buttons to go once the time is over');
    expect(controller.mayChange('soon', 'delete')).to.be.false;
    expect(controller.mayChange('always', 'edit'), 'no time given: until the next load').to.be.true;
  });
});

describe('ThreadModel: replace and remove', () => {
  it('keeps an edited comment in its place and under its parent, whatever the adapter says', () => {
    const model = new ThreadModel();
    model.appendPage({ comments: [record('a'), record('b', 'a'), record('c')], total: 3 });
    const node = model.replace({ ...record('b', null), body: 'changed' })!;
    expect(node.record.body).to.equal('changed');
    expect(node.parent!.record.id).to.equal('a');
    expect(model.replace({ ...record('zzz') })).to.equal(null);
    expect(model.replace('not a record')).to.equal(null);
    expect(model.total).to.equal(3);
  });

  it('keeps the time of an edit, and only a valid one', () => {
    const model = new ThreadModel();
    model.appendPage({ comments: [record('a')] });
    expect(model.replace({ ...record('a'), editedAt: '2026-12-06T07:00:00.000Z' })!.record.editedAt).to.equal('2026-12-06T07:00:00.000Z');
    expect('editedAt' in model.replace({ ...record('a'), editedAt: 'yesterday' })!.record).to.be.false;
  });

  it('removes placeholders left without replies, up the chain, and counts neither', () => {
    const model = new ThreadModel();
    model.appendPage({ comments: [record('a', null, { deleted: true }), record('b', 'a', { deleted: true }), record('c', 'b'), record('d')], total: 2 });
    expect(model.remove('c')).to.equal('removed');
    expect([...model.tree.byId.keys()]).to.deep.equal(['d']);
    expect(model.total).to.equal(1);
    expect(model.remove('nope')).to.equal(null);
  });
});

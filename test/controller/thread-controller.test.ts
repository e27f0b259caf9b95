import { expect } from '@open-wc/testing';
import { AdapterError } from '../../src/adapters/adapter-error.js';
import { MemoryAdapter } from '../../src/adapters/memory-adapter.js';
import { FIRST_SCREEN_COMMENTS } from '../../src/controller/thread-controller.js';
import { en } from '../../src/i18n/strings.js';
import type { ParleyEventDetails } from '../../src/events.js';
import { settings, settle, setupController } from '../support/controller-host.js';
import { ControlledAdapter, record } from '../support/fixtures.js';

const setup = setupController;

describe('ThreadController (no element)', () => {
  it('loads the first page of the configured adapter and says so', async () => {
    const { host, controller } = setup(new MemoryAdapter([record('a'), record('b', 'a')]));
    expect(controller.loading).to.be.true;
    expect(controller.busy).to.be.true;
    await settle();
    expect(controller.loading).to.be.false;
    expect(controller.model.total).to.equal(2);
    expect(controller.announcement).to.equal('2 comments loaded');
    expect(host.events.map((e) => e.type)).to.deep.equal(['parley-loaded']);
  });

  it('runs one load at a time: a new thread aborts the old load and ignores its late answer', async () => {
    const adapter = new ControlledAdapter();
    const { host, controller } = setup(adapter);
    await settle();
    expect(adapter.lists).to.have.length(1);
    const first = adapter.lists[0];
    controller.configure(settings(adapter, { thread: 'other' }));
    expect(first.signal!.aborted).to.be.true;
    await settle();
    expect(adapter.lists).to.have.length(2);
    first.resolve({ comments: [record('stale')] });
    adapter.lists[1].resolve({ comments: [record('fresh')] });
    await settle();
    expect([...controller.model.tree.byId.keys()]).to.deep.equal(['fresh']);
    expect(host.events.filter((e) => e.type === 'parley-loaded')).to.have.length(1);
  });

  it('keeps the same source without reloading, and reloads for a new adapter', async () => {
    const adapter = new ControlledAdapter();
    const { controller } = setup(adapter);
    controller.configure(settings(adapter, { maxDepth: 3 }));
    await settle();
    expect(adapter.lists).to.have.length(1);
    const other = new ControlledAdapter();
    controller.configure(settings(other));
    await settle();
    expect(other.lists).to.have.length(1);
  });

  it('pages through the cursor and hands back the first new top-level comment', async () => {
    const { controller } = setup(new MemoryAdapter([record('a'), record('a1', 'a'), record('b'), record('c')], { pageSize: 2 }));
    await settle();
    expect(controller.canLoadMore).to.be.true;
    expect(await controller.loadMore()).to.equal('c');
    expect(controller.canLoadMore).to.be.false;
    expect(await controller.loadMore()).to.equal(undefined);
  });

  it('aborts the load when its host goes away, and loads again when it comes back', async () => {
    const adapter = new ControlledAdapter();
    const { controller } = setup(adapter);
    await settle();
    controller.hostDisconnected();
    expect(adapter.lists[0].signal!.aborted).to.be.true;
    expect(controller.loading).to.be.false;
    controller.hostConnected();
    await settle();
    expect(adapter.lists).to.have.length(2);
  });

  it('keeps a failed load as the visitor\'s words and retries the same page', async () => {
    const adapter = new ControlledAdapter();
    const { host, controller } = setup(adapter);
    await settle();
    adapter.lists[0].reject(new AdapterError('fetch failed', { status: 0, code: 'network', backend: 'test' }));
    await settle();
    expect(controller.loadError).to.deep.equal({ message: 'Could not reach the comment server.', more: false });
    expect(host.events.map((e) => e.type)).to.deep.equal(['parley-error']);
    controller.retry();
    await settle();
    expect(adapter.lists).to.have.length(2);
    expect(controller.loadError).to.equal(null);
  });

  it('posts, returns the saved comment, sends an empty name empty, and asks for focus on it', async () => {
    const adapter = new ControlledAdapter();
    const { host, controller } = setup(adapter);
    await settle();
    adapter.lists[0].resolve({ comments: [record('a')] });
    await settle();
    controller.openReply('a');
    const posting = controller.post('a', { body: 'Hello', name: '' });
    await settle();
    expect(adapter.creates[0].input).to.deep.equal({ parentId: 'a', body: 'Hello', author: { name: '' } });
    adapter.creates[0].resolve(record('new', 'a', { body: 'Hello' }));
    const saved = await posting;
    expect(saved?.id).to.equal('new');
    expect(controller.replyingTo).to.equal(null);
    expect(controller.takeFocus()).to.deep.equal({ id: 'new', on: 'comment' });
    expect(controller.announcement).to.equal('Comment posted');
    expect((host.events.at(-1)!.detail as ParleyEventDetails['parley-posted']).comment.id).to.equal('new');
  });

  it('tells the visitor a known refusal in their words, not the server\'s', async () => {
    const adapter = new ControlledAdapter();
    const { controller } = setup(adapter);
    await settle();
    adapter.lists[0].resolve({ comments: [] });
    await settle();
    const posting = controller.post(null, { body: 'Hi', name: 'Ann' });
    await settle();
    adapter.creates[0].reject(new AdapterError('127.0.0.0: ratelimit exceeded (1, 2)', { status: 403, code: 'rate-limited', backend: 'isso' }));
    const error: Error = await posting.then(
      () => {
        throw new Error('posted');
      },
      (e: Error) => e,
    );
    expect(error.message).to.equal(en.postFailed(en.rateLimited));
    expect(error.message).not.to.contain('127.0.0.0');
  });

  it('ends an unknown server message as a sentence before "Your text is kept"', async () => {
    const adapter = new ControlledAdapter();
    const { controller } = setup(adapter);
    const posting = controller.post(null, { body: 'Hi', name: '' });
    await settle();
    adapter.creates[0].reject(new Error('database locked'));
    const error = await posting.catch((e: Error) => e);
    expect((error as Error).message).to.equal('Your comment was not posted: database locked. Your text is kept; try again.');
  });

  it('marks the comments whose reply form or body changed for the renderer, once', async () => {
    const { controller } = setup(new MemoryAdapter([record('a'), record('b')]));
    await settle();
    const treeRevs = [...controller.model.tree.byId.values()].map((node) => node.treeRev);
    expect(controller.openReply('a')).to.be.true;
    expect(controller.openReply('a')).to.be.false;
    controller.openReply('b');
    controller.expand('a');
    expect(controller.takeRevisits().map((node) => node.record.id)).to.have.members(['a', 'b']);
    expect(controller.takeRevisits()).to.deep.equal([]);
    // UI state stays out of the pure tree.
    expect([...controller.model.tree.byId.values()].map((node) => node.treeRev)).to.deep.equal(treeRevs);
    controller.closeReply('b');
    expect(controller.replyingTo).to.equal(null);
    expect(controller.takeFocus()).to.deep.equal({ id: 'b', on: 'reply-button' });
  });

  it('shows a first page in steps: a screenful, then more after each frame, until all are shown', async () => {
    const many = Array.from({ length: FIRST_SCREEN_COMMENTS + 1 }, (_, i) => record(`c${i}`));
    const { controller } = setup(new MemoryAdapter(many));
    // Microtasks only: the next step waits for a frame, which a timer might let pass.
    for (let i = 0; i < 20 && controller.loading; i++) await Promise.resolve();
    expect(controller.renderBudget).to.equal(FIRST_SCREEN_COMMENTS);
    expect(controller.busy).to.be.true;
    expect(controller.canLoadMore).to.be.false;
    controller.rendered(false);
    expect(controller.renderBudget).to.equal(0);
    // The task after the next frame takes the next step.
    await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 10)));
    expect(controller.renderBudget).to.be.at.least(FIRST_SCREEN_COMMENTS).and.below(Infinity);
    expect(controller.busy).to.be.true;
    controller.rendered(true);
    expect(controller.renderBudget).to.equal(Infinity);
    expect(controller.busy).to.be.false;
  });

  it('shows a first page of a screenful at once', async () => {
    const { controller } = setup(new MemoryAdapter(Array.from({ length: FIRST_SCREEN_COMMENTS }, (_, i) => record(`c${i}`))));
    for (let i = 0; i < 20 && controller.loading; i++) await Promise.resolve();
    expect(controller.renderBudget).to.equal(Infinity);
    expect(controller.busy).to.be.false;
  });

  it('announces the same words twice in a row by emptying the region in between', async () => {
    const { controller } = setup(undefined);
    controller.announce('Draft restored');
    await settle();
    const seen: string[] = [];
    controller.announce('Draft restored');
    seen.push(controller.announcement);
    await settle();
    seen.push(controller.announcement);
    expect(seen).to.deep.equal(['', 'Draft restored']);
  });
});

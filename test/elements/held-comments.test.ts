import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { CommentAdapter, CommentPage, CommentRecord, NewComment } from '../../src/index.js';
import type { ParleyComments } from '../../src/parley-comments.js';
import { commentEl, record, renderedIds, topForm, until } from '../support/fixtures.js';

/** A moderated backend: it holds new comments, lists only what a moderator approved. */
class Moderated implements CommentAdapter {
  readonly id = `moderated-${Date.now()}-${Math.random()}`;
  published: CommentRecord[] = [record('c1', null, { author: { name: 'Ada' } })];
  private seq = 0;
  async list(): Promise<CommentPage> {
    return { comments: [...this.published], next: null, total: this.published.length };
  }
  async create(_thread: string, input: NewComment): Promise<CommentRecord> {
    return { id: `held-${++this.seq}`, parentId: input.parentId, author: { name: input.author.name }, body: input.body, createdAt: new Date().toISOString(), status: 'pending' };
  }
  approve(id: string, body: string) {
    this.published.push({ id, parentId: null, author: { name: 'Ann' }, body, createdAt: new Date().toISOString(), status: 'published' });
  }
}

async function mount(adapter: CommentAdapter): Promise<ParleyComments> {
  const el = await fixture<ParleyComments>(html`<parley-comments thread="held" loading="eager"></parley-comments>`);
  const loaded = oneEvent(el, 'parley-loaded');
  el.adapter = adapter;
  await loaded;
  await el.updateComplete;
  return el;
}

const heading = (el: ParleyComments) => el.shadowRoot!.querySelector('[part~="heading"]')!.textContent!.trim();

describe('a comment held for moderation stays with its author', () => {
  it('shows "awaiting moderation" after a reload, counts it for its author, and gives way to the approved copy', async () => {
    const backend = new Moderated();
    const el = await mount(backend);
    const form = topForm(el);
    await form.updateComplete;
    form.shadowRoot!.querySelector('textarea')!.focus();
    await sendKeys({ type: 'Waiting for the moderator' });
    const posted = oneEvent(el, 'parley-posted');
    form.shadowRoot!.querySelector<HTMLButtonElement>('[part~="submit"]')!.click();
    const { detail } = await posted;
    expect(detail.comment.status).to.equal('pending');
    await el.updateComplete;
    expect(heading(el)).to.equal('2 comments');
    el.remove();

    // A reload: the backend still lists only Ada's comment.
    const again = await mount(backend);
    await until(() => renderedIds(again).includes(detail.comment.id), 'the held comment after a reload');
    expect(commentEl(again, detail.comment.id).textContent).to.contain('awaiting moderation');
    expect(commentEl(again, detail.comment.id).textContent).to.contain('Waiting for the moderator');
    await until(() => heading(again) === '2 comments', 'the count with the held comment');
    again.remove();

    // Approved: the backend's copy shows, published, once.
    backend.approve(detail.comment.id, 'Waiting for the moderator');
    const approved = await mount(backend);
    await new Promise((r) => setTimeout(r, 100));
    await approved.updateComplete;
    expect(renderedIds(approved).filter((id) => id === detail.comment.id)).to.have.length(1);
    expect(commentEl(approved, detail.comment.id).textContent).not.to.contain('awaiting moderation');
    expect(heading(approved)).to.equal('2 comments');
  });

  it('forgets a held comment after 30 days', async () => {
    const backend = new Moderated();
    const { IdbDraftStore } = await import('../../src/drafts/draft-store.js');
    const store = new IdbDraftStore();
    const old = { id: 'old-held', parentId: null, author: { name: 'Ann' }, body: 'Long ago', createdAt: '2024-01-01T00:00:00Z', status: 'pending' };
    await store.setHeld(backend.id, 'held', [{ record: old, savedAt: Date.now() - 31 * 24 * 3600 * 1000 }]);
    const el = await mount(backend);
    await new Promise((r) => setTimeout(r, 100));
    await el.updateComplete;
    expect(renderedIds(el)).to.deep.equal(['c1']);
    // A fresh store reads IndexedDB, not the memory copy of the one that wrote.
    expect(await new IdbDraftStore().getHeld(backend.id, 'held')).to.deep.equal([]);
  });
});

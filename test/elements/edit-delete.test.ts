import { expect, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { MemoryAdapter, RestAdapter, type CommentRecord } from '../../src/index.js';
import type { ParleyComments } from '../../src/parley-comments.js';
import { editDraftKey, sharedDraftStore } from '../../src/drafts/draft-store.js';
import { commentEl, mountLoaded, record, renderedIds, topForm, until } from '../support/fixtures.js';

// Each test its own backend id and thread, so drafts kept in IndexedDB never cross.
// Elements are compared as booleans: chai describing a DOM node in a failure can take minutes.
let run = 0;
const fresh = (seed: CommentRecord[] = [record('seeded', null, { author: { name: 'Grace' } })]) =>
  new MemoryAdapter(seed, { id: `edit-test-${Date.now()}-${++run}` });

async function post(el: ParleyComments, text: string): Promise<CommentRecord> {
  const form = topForm(el);
  await form.updateComplete;
  form.shadowRoot!.querySelector('textarea')!.focus();
  await sendKeys({ type: text });
  const posted = oneEvent(el, 'parley-posted');
  form.shadowRoot!.querySelector<HTMLButtonElement>('[part~="submit"]')!.click();
  const { detail } = await posted;
  await el.updateComplete;
  return detail.comment;
}

const own = (el: ParleyComments, id: string, action: string) =>
  commentEl(el, id).querySelector<HTMLButtonElement>(`:scope > article > .own > [data-action="${action}"], :scope > article > .confirm-delete > [data-action="${action}"]`);
const editForm = (el: ParleyComments, id: string) => commentEl(el, id).querySelector<HTMLElement & { updateComplete: Promise<unknown> }>(':scope > article > parley-edit-form');
const textareaOf = (form: HTMLElement) => form.shadowRoot!.querySelector('textarea')!;
const heading = (el: ParleyComments) => el.shadowRoot!.querySelector('[part~="heading"]')!.textContent!.trim();
/** The store the widgets use, read as they write it. */
const store = sharedDraftStore();
/** Waits for a check that reads the draft store. */
async function eventually(check: () => Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`timed out waiting for ${what}`);
}
const live = (el: ParleyComments) => el.shadowRoot!.querySelector('[aria-live]')!.textContent!.trim();
/** The focused element, through the shadow roots of the widget and its forms. */
function focused(): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

describe('editing and deleting one\'s own comment', () => {
  it('shows Edit and Delete, named after the comment, on the visitor\'s comments only', async () => {
    const el = await mountLoaded(fresh(), { thread: `own-${run}` });
    const mine = await post(el, 'A comment I may regret');
    expect(own(el, 'seeded', 'edit') === null, 'no Edit on a comment of someone else').to.be.true;
    const edit = own(el, mine.id, 'edit')!;
    const del = own(el, mine.id, 'delete')!;
    expect(edit.textContent).to.equal('Edit');
    expect(edit.getAttribute('aria-label')).to.equal('Edit your comment “A comment I may regret”');
    expect(del.getAttribute('aria-label')).to.equal('Delete your comment “A comment I may regret”');
    expect(edit.localName).to.equal('button');
    await expect(el).to.be.accessible();
  });

  it('edits in place: the form holds the text, Save shows the new one and gives focus back to Edit', async () => {
    const el = await mountLoaded(fresh(), { thread: `edit-${run}` });
    const mine = await post(el, 'Teh typo');
    own(el, mine.id, 'edit')!.click();
    await el.updateComplete;
    const form = editForm(el, mine.id)!;
    await form.updateComplete;
    await until(() => textareaOf(form).value === 'Teh typo', 'the text in the edit form');
    await until(() => focused() === textareaOf(form), 'focus in the edit form');
    expect(commentEl(el, mine.id).querySelector<HTMLElement>(':scope > article > [part~="body"]')!.hidden).to.be.true;
    expect(own(el, mine.id, 'edit')!.getAttribute('aria-expanded')).to.equal('true');
    await expect(el).to.be.accessible();
    textareaOf(form).select();
    await sendKeys({ type: 'The typo, fixed' });
    const edited = oneEvent(el, 'parley-edited');
    form.shadowRoot!.querySelector<HTMLButtonElement>('[part~="submit"]')!.click();
    expect((await edited).detail.comment.body).to.equal('The typo, fixed');
    await el.updateComplete;
    expect(editForm(el, mine.id) === null, 'the edit form closed').to.be.true;
    const body = commentEl(el, mine.id).querySelector<HTMLElement>(':scope > article > [part~="body"]')!;
    expect(body.hidden).to.be.false;
    expect(body.textContent).to.contain('The typo, fixed');
    expect(own(el, mine.id, 'edit')!.getAttribute('aria-label')).to.equal('Edit your comment “The typo, fixed”');
    await until(() => focused() === own(el, mine.id, 'edit'), 'focus back on Edit');
    await until(() => live(el) === 'Comment updated', 'the announcement');
  });

  it('marks an edited comment "edited" after its time, the edit\'s time in the tooltip, and only that one', async () => {
    const el = await mountLoaded(fresh(), { thread: `edited-${run}` });
    const mine = await post(el, 'Befor');
    const mark = () => commentEl(el, mine.id).querySelector<HTMLTimeElement>(':scope > article .byline > time.edited')!;
    expect(mark().textContent).to.equal('');
    expect(getComputedStyle(mark()).display).to.equal('none');
    own(el, mine.id, 'edit')!.click();
    await el.updateComplete;
    const form = editForm(el, mine.id)!;
    await form.updateComplete;
    await until(() => focused() === textareaOf(form), 'focus in the edit form');
    textareaOf(form).select();
    await sendKeys({ type: 'Before' });
    const edited = oneEvent(el, 'parley-edited');
    form.shadowRoot!.querySelector<HTMLButtonElement>('[part~="submit"]')!.click();
    const { editedAt } = (await edited).detail.comment;
    await el.updateComplete;
    expect(mark().textContent).to.equal('edited');
    expect(getComputedStyle(mark()).display).to.not.equal('none');
    expect(mark().dateTime).to.equal(new Date(editedAt).toISOString());
    expect(mark().title).to.match(/\d/);
    expect(commentEl(el, 'seeded').querySelector<HTMLTimeElement>(':scope > article time.edited')!.textContent).to.equal('');
    await expect(el).to.be.accessible();
  });

  it('Escape cancels with focus back on Edit, and the edit keeps its draft, after a reload too', async () => {
    const adapter = fresh();
    const thread = `draft-${run}`;
    const el = await mountLoaded(adapter, { thread });
    const mine = await post(el, 'Short');
    own(el, mine.id, 'edit')!.click();
    await el.updateComplete;
    let form = editForm(el, mine.id)!;
    await until(() => focused() === textareaOf(form) && textareaOf(form).value === 'Short', 'the edit form, focused');
    await sendKeys({ type: ' and longer' });
    await sendKeys({ press: 'Escape' });
    await el.updateComplete;
    expect(editForm(el, mine.id) === null, 'the edit form closed').to.be.true;
    expect(commentEl(el, mine.id).querySelector(':scope > article > [part~="body"]')!.textContent).to.contain('Short');
    expect(commentEl(el, mine.id).textContent).not.to.contain('and longer');
    await until(() => focused() === own(el, mine.id, 'edit'), 'focus back on Edit');
    // The reply form's draft is another: the top form is empty.
    expect(topForm(el).shadowRoot!.querySelector('textarea')!.value).to.equal('');
    el.remove();

    const again = await mountLoaded(adapter, { thread });
    own(again, mine.id, 'edit')!.click();
    await again.updateComplete;
    form = editForm(again, mine.id)!;
    await until(() => textareaOf(form).value === 'Short and longer', 'the edit restored after a reload');
    await until(() => live(again) === 'Draft restored', 'the restored draft announced');
  });

  it('leaves the remembered name, e-mail and "Notify me of replies" as they were when an edit is saved', async () => {
    const adapter = fresh();
    const thread = `identity-${run}`;
    const el = await mountLoaded(adapter, { thread });
    const mine = await post(el, 'Before');
    const remembered = { name: 'Ada', email: 'ada@example.org', url: 'https://ada.example', notify: true };
    await store.setIdentity(adapter.id, remembered);
    own(el, mine.id, 'edit')!.click();
    await el.updateComplete;
    const form = editForm(el, mine.id)!;
    await until(() => focused() === textareaOf(form) && textareaOf(form).value === 'Before', 'the edit form, focused');
    await sendKeys({ type: ' and after' });
    // The edit's draft holds its text, not the visitor's identity.
    const key = editDraftKey(adapter.id, thread, mine.id);
    await eventually(async () => (await store.get(key))?.body === 'Before and after', 'the edit draft saved');
    const kept = (await store.get(key))!;
    expect([kept.name, kept.email ?? '', kept.url ?? '', kept.notify ?? false]).to.deep.equal(['', '', '', false]);
    const edited = oneEvent(el, 'parley-edited');
    form.shadowRoot!.querySelector<HTMLButtonElement>('[part~="submit"]')!.click();
    expect((await edited).detail.comment.body).to.equal('Before and after');
    await eventually(async () => (await store.get(key)) === undefined, 'the edit draft forgotten');
    expect(await store.getIdentity(adapter.id)).to.deep.equal(remembered);
  });

  it('asks before deleting, in the page; Escape takes it back with focus on Delete', async () => {
    const el = await mountLoaded(fresh(), { thread: `ask-${run}` });
    const mine = await post(el, 'Delete me maybe');
    own(el, mine.id, 'delete')!.focus();
    own(el, mine.id, 'delete')!.click();
    await el.updateComplete;
    const question = commentEl(el, mine.id).querySelector<HTMLElement>(':scope > article > .confirm-delete')!;
    expect(question.getAttribute('role')).to.equal('group');
    expect(el.shadowRoot!.getElementById(question.getAttribute('aria-labelledby')!)!.textContent).to.equal('Delete this comment? This cannot be undone.');
    await until(() => focused() === own(el, mine.id, 'cancel-delete'), 'focus on the question\'s Cancel');
    await expect(el).to.be.accessible();
    await sendKeys({ press: 'Escape' });
    await el.updateComplete;
    expect(commentEl(el, mine.id).querySelector('.confirm-delete') === null, 'the question gone').to.be.true;
    await until(() => focused() === own(el, mine.id, 'delete'), 'focus back on Delete');
    expect(renderedIds(el)).to.include(mine.id);
  });

  it('deletes: the comment goes, the count follows, focus moves to the comment beside it', async () => {
    const el = await mountLoaded(fresh(), { thread: `delete-${run}` });
    const mine = await post(el, 'Gone soon');
    expect(heading(el)).to.equal('2 comments');
    own(el, mine.id, 'delete')!.click();
    await el.updateComplete;
    const deleted = oneEvent(el, 'parley-deleted');
    own(el, mine.id, 'confirm-delete')!.click();
    expect((await deleted).detail).to.deep.equal({ id: mine.id, placeholder: false });
    await el.updateComplete;
    expect(renderedIds(el)).to.deep.equal(['seeded']);
    expect(heading(el)).to.equal('1 comment');
    await until(() => focused() === commentEl(el, 'seeded').querySelector('article'), 'focus on the comment left');
    await until(() => live(el) === 'Comment deleted', 'the announcement');
  });

  it('leaves "Comment deleted" where a reply hangs, and the thread keeps its shape', async () => {
    const adapter = fresh([]);
    const thread = `placeholder-${run}`;
    // Posted through the same adapter before the page shows them: both are the visitor's.
    const mine = await adapter.create(thread, { parentId: null, body: 'Asked a question', author: { name: 'Ada' } });
    const reply = await adapter.create(thread, { parentId: mine.id, body: 'An answer', author: { name: 'Ann' } });
    const el = await mountLoaded(adapter, { thread });
    own(el, mine.id, 'delete')!.click();
    await el.updateComplete;
    own(el, mine.id, 'confirm-delete')!.click();
    await oneEvent(el, 'parley-deleted');
    await el.updateComplete;
    const placeholder = commentEl(el, mine.id);
    expect(placeholder.querySelector(':scope > article [part~="author"]')!.textContent).to.equal('Comment deleted');
    expect(placeholder.textContent).not.to.contain('Asked a question');
    expect(placeholder.querySelector(':scope > article > .own') === null, 'no Edit or Delete on the placeholder').to.be.true;
    expect(placeholder.contains(commentEl(el, reply.id))).to.be.true;
    expect(heading(el)).to.equal('1 comment');
    await until(() => focused() === placeholder.querySelector('article'), 'focus on the placeholder');
  });

  it('edits and deletes through the reference server, as the seed demo does', async () => {
    const thread = `server-${Date.now()}-${++run}`;
    const el = await mountLoaded(new RestAdapter(`${location.origin}/reference-api`), { thread });
    const mine = await post(el, 'Posted to the server');
    own(el, mine.id, 'edit')!.click();
    await el.updateComplete;
    const form = editForm(el, mine.id)!;
    await until(() => textareaOf(form).value === 'Posted to the server' && focused() === textareaOf(form), 'the edit form');
    await sendKeys({ type: ', then edited' });
    const edited = oneEvent(el, 'parley-edited');
    form.shadowRoot!.querySelector<HTMLButtonElement>('[part~="submit"]')!.click();
    await edited;
    const stored = async () => (await (await fetch(`/reference-api/threads/${encodeURIComponent(thread)}/comments`)).json()).comments;
    expect((await stored())[0].body).to.equal('Posted to the server, then edited');
    await el.updateComplete;
    own(el, mine.id, 'delete')!.click();
    await el.updateComplete;
    own(el, mine.id, 'confirm-delete')!.click();
    await oneEvent(el, 'parley-deleted');
    expect(await stored()).to.deep.equal([]);
    await el.updateComplete;
    expect(heading(el)).to.equal('No comments yet');
  });
});

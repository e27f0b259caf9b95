import { expect } from '@open-wc/testing';
import { ThreadView } from '../../src/comment/thread-view.js';
import type { CommentView } from '../../src/comment/comment.js';
import { en } from '../../src/i18n/strings.js';
import { buildTree, insertRecord, markChanged } from '../../src/thread/tree.js';
import type { SafeRecord } from '../../src/thread/normalize.js';

const rec = (id: string, parentId: string | null = null): SafeRecord => ({
  id,
  parentId,
  author: { name: `Author ${id}` },
  body: `Body of ${id}`,
  createdAt: '2024-03-01T12:00:00.000Z',
  status: 'published',
});

const view = (): CommentView => ({ strings: en, locale: 'en', now: Date.parse('2024-03-02T12:00:00Z'), replyingTo: null, expanded: new Set() });
const ids = (list: Element) => [...list.querySelectorAll<HTMLElement>('[data-comment-id]')].map((e) => e.dataset.commentId);
/** Each comment's id with the id of the comment it is nested in. */
const nesting = (list: Element) =>
  [...list.querySelectorAll<HTMLElement>('[data-comment-id]')].map(
    (e) => `${e.dataset.commentId}<${e.parentElement!.closest<HTMLElement>('[data-comment-id]')?.dataset.commentId ?? ''}`,
  );

// a (a1 (a1x, a1y), a2), b (b1), c
const records = [rec('a'), rec('a1', 'a'), rec('a1x', 'a1'), rec('a1y', 'a1'), rec('a2', 'a'), rec('b'), rec('b1', 'b'), rec('c')];

describe('ThreadView with a limit on new comments', () => {
  it('stops in reading order, inside a thread, and the next render completes it in place', () => {
    const list = document.createElement('ol');
    const tree = buildTree(records, 5);
    const threadView = new ThreadView(list);
    const v = view();
    expect(threadView.render(tree.roots, v, 3)).to.be.false;
    expect(ids(list)).to.deep.equal(['a', 'a1', 'a1x']);
    const first = threadView.element('a1x');

    // Renders in between that may add nothing keep what is there.
    expect(threadView.render(tree.roots, v, 0)).to.be.false;
    expect(ids(list)).to.deep.equal(['a', 'a1', 'a1x']);

    expect(threadView.render(tree.roots, v)).to.be.true;
    expect(nesting(list)).to.deep.equal(['a<', 'a1<a', 'a1x<a1', 'a1y<a1', 'a2<a', 'b<', 'b1<b', 'c<']);
    expect(threadView.element('a1x')).to.equal(first);
  });

  it('still updates a comment, and takes a new reply, in a branch that was cut short', () => {
    const list = document.createElement('ol');
    const tree = buildTree(records, 5);
    const threadView = new ThreadView(list);
    const v = view();
    threadView.render(tree.roots, v, 2);
    const a1 = tree.byId.get('a1')!;
    (a1.record as { body: string }).body = 'Edited';
    markChanged(a1);
    insertRecord(tree, rec('a3', 'a'));
    threadView.render(tree.roots, v);
    expect(threadView.element('a1')!.querySelector('[part~="body"]')!.textContent).to.equal('Edited');
    expect(nesting(list)).to.deep.equal(['a<', 'a1<a', 'a1x<a1', 'a1y<a1', 'a2<a', 'a3<a', 'b<', 'b1<b', 'c<']);
  });

  it('moves a reply shown top-level into its parent when the parent arrives later', () => {
    // Page 1 has a reply whose parent is on page 2: shown top-level until then.
    const list = document.createElement('ol');
    const threadView = new ThreadView(list);
    const page1 = [rec('a'), rec('r', 'p'), rec('z')];
    threadView.render(buildTree(page1, 5).roots, view());
    expect(nesting(list)).to.deep.equal(['a<', 'r<', 'z<']);
    const r = threadView.element('r');
    threadView.render(buildTree([...page1, rec('p'), rec('q')], 5).roots, view());
    expect(nesting(list)).to.deep.equal(['a<', 'z<', 'p<', 'r<p', 'q<']);
    expect(threadView.element('r')).to.equal(r);
  });

  it('renders everything without a limit', () => {
    const list = document.createElement('ol');
    expect(new ThreadView(list).render(buildTree(records, 5).roots, view())).to.be.true;
    expect(ids(list)).to.have.length(records.length);
  });
});

import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { CommentListView } from '../../src/comment/comment-list-view.js';
import type { CommentView } from '../../src/comment/comment.js';
import { en } from '../../src/i18n/strings.js';
import { ThreadModel } from '../../src/model/thread-model.js';
import { buildTree, insertRecord } from '../../src/model/tree.js';
import type { SafeRecord } from '../../src/model/normalize.js';

const rec = (id: string, parentId: string | null = null): SafeRecord => ({
  id,
  parentId,
  author: { name: `Author ${id}` },
  body: `Body of ${id}`,
  createdAt: '2024-03-01T12:00:00.000Z',
  status: 'published',
});

const view = (): CommentView => ({
  strings: en,
  locale: 'en',
  now: Date.parse('2024-03-02T12:00:00Z'),
  replyingTo: null,
  expanded: new Set(),
  repliesShown: Infinity,
  allReplies: new Set(),
  folded: new Set(),
  drafted: new Set(),
  target: null,
  remoteAvatars: true,
});
const ids = (list: Element) => [...list.querySelectorAll<HTMLElement>('[data-comment-id]')].map((e) => e.dataset.commentId);
/** Each comment's id with the id of the comment it is nested in. */
const nesting = (list: Element) =>
  [...list.querySelectorAll<HTMLElement>('[data-comment-id]')].map(
    (e) => `${e.dataset.commentId}<${e.parentElement!.closest<HTMLElement>('[data-comment-id]')?.dataset.commentId ?? ''}`,
  );

// a (a1 (a1x, a1y), a2), b (b1), c
const records = [rec('a'), rec('a1', 'a'), rec('a1x', 'a1'), rec('a1y', 'a1'), rec('a2', 'a'), rec('b'), rec('b1', 'b'), rec('c')];

describe('CommentListView with a limit on new comments', () => {
  it('stops in reading order, inside a thread, and the next render completes it in place', () => {
    const list = document.createElement('ol');
    const tree = buildTree(records, 5);
    const threadView = new CommentListView(list);
    const v = view();
    expect(threadView.render(tree.roots, v, { budget: 3 })).to.be.false;
    expect(ids(list)).to.deep.equal(['a', 'a1', 'a1x']);
    const first = threadView.element('a1x');

    // Renders in between that may add nothing keep what is there.
    expect(threadView.render(tree.roots, v, { budget: 0 })).to.be.false;
    expect(ids(list)).to.deep.equal(['a', 'a1', 'a1x']);

    expect(threadView.render(tree.roots, v)).to.be.true;
    expect(nesting(list)).to.deep.equal(['a<', 'a1<a', 'a1x<a1', 'a1y<a1', 'a2<a', 'b<', 'b1<b', 'c<']);
    expect(threadView.element('a1x')).to.equal(first);
  });

  it('still updates a comment, and takes a new reply, in a branch that was cut short', () => {
    const list = document.createElement('ol');
    const tree = buildTree(records, 5);
    const threadView = new CommentListView(list);
    const v = view();
    threadView.render(tree.roots, v, { budget: 2 });
    insertRecord(tree, rec('a3', 'a'));
    threadView.render(tree.roots, { ...v, replyingTo: 'a1' }, { revisit: [tree.byId.get('a1')!] });
    expect(threadView.element('a1')!.querySelector(':scope > article > parley-reply-form')).to.exist;
    expect(nesting(list)).to.deep.equal(['a<', 'a1<a', 'a1x<a1', 'a1y<a1', 'a2<a', 'a3<a', 'b<', 'b1<b', 'c<']);
  });

  it('moves a reply shown top-level into its parent when the parent arrives later', () => {
    // Page 1 has a reply whose parent is on page 2: shown top-level until then.
    const list = document.createElement('ol');
    const threadView = new CommentListView(list);
    const page1 = [rec('a'), rec('r', 'p'), rec('z')];
    const first = buildTree(page1, 5);
    threadView.render(first.roots, view());
    expect(nesting(list)).to.deep.equal(['a<', 'r<', 'z<']);
    const r = threadView.element('r');
    threadView.render(buildTree([...page1, rec('p'), rec('q')], 5, first).roots, view());
    expect(nesting(list)).to.deep.equal(['a<', 'z<', 'p<', 'r<p', 'q<']);
    expect(threadView.element('r')).to.equal(r);
  });

  it('renders everything without a limit', () => {
    const list = document.createElement('ol');
    expect(new CommentListView(list).render(buildTree(records, 5).roots, view())).to.be.true;
    expect(ids(list)).to.have.length(records.length);
  });

  it('writes nothing into comments a new page does not reach', () => {
    const list = document.createElement('ol');
    const threadView = new CommentListView(list);
    const first = buildTree(records, 5);
    threadView.render(first.roots, view());
    const observer = new MutationObserver(() => {});
    observer.observe(list, { subtree: true, childList: true, attributes: true, characterData: true });
    // Page 2: a new top-level comment and a reply to b.
    threadView.render(buildTree([...records, rec('d'), rec('b2', 'b')], 5, first).roots, view());
    const changes = observer.takeRecords().map((m) => {
      const where = (m.target as Element).closest?.('[data-comment-id]') as HTMLElement | null;
      const added = [...m.addedNodes].map((n) => (n as HTMLElement).dataset?.commentId ?? n.nodeName);
      return `${m.type} in ${where?.dataset.commentId ?? 'list'}: +${added.join(',')}`;
    });
    // The two new comments are filled before they are placed: all that changes in the
    // thread is their arrival.
    expect(changes).to.deep.equal(['childList in b: +b2', 'childList in list: +d']);
  });
});

// Page by page with the previous tree reused, or all at once: the same thread on screen.
describe('CommentListView over pages', () => {
  const graph = fc.array(
    fc.record({
      id: fc.integer({ min: 0, max: 30 }).map((n) => `c${n}`),
      parent: fc.option(fc.integer({ min: 0, max: 34 }).map((n) => `c${n}`), { freq: 3 }),
    }),
    { maxLength: 60 },
  );
  const shown = (list: Element) =>
    nesting(list).map((entry) => {
      const li = list.querySelector(`[data-comment-id="${entry.split('<')[0]}"]`)!;
      return `${entry} ${li.querySelector(':scope > article .in-reply-to')!.textContent}`;
    });

  it('shows what a fresh render of all pages shows, whatever the depth on the way', () => {
    fc.assert(
      fc.property(graph, fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 4 }), (entries, depths) => {
        const all = entries.map(({ id, parent }) => rec(id, parent));
        const list = document.createElement('ol');
        const threadView = new CommentListView(list);
        let tree = buildTree([], depths[0]);
        depths.forEach((depth, i) => {
          const page = all.slice(0, Math.ceil((all.length * (i + 1)) / depths.length));
          tree = buildTree(page, depth, tree);
          threadView.render(tree.roots, view());
        });
        const fresh = document.createElement('ol');
        new CommentListView(fresh).render(buildTree(all, depths.at(-1)!).roots, view());
        expect(shown(list)).to.deep.equal(shown(fresh));
      }),
      { numRuns: 300 },
    );
  });

  // What the widget does between renders, in any order: pages, posts, depth changes, a
  // reply form or a long body opened, and renders cut short by the two-step budget.

  it('ends where a fresh render of the same model ends, whatever happens on the way', () => {
    endsLikeFresh(graph, 300);
  });

  // Past 32 top-level comments the list holds groups of them (comment-list-view.ts): the
  // same walk over threads that often have 40 to 80, where comments cross group borders.
  it('ends where a fresh render ends with more top-level comments than a group holds', () => {
    const wide = fc.array(
      fc.record({
        id: fc.integer({ min: 0, max: 99 }).map((n) => `c${n}`),
        parent: fc.option(fc.integer({ min: 0, max: 104 }).map((n) => `c${n}`), { freq: 2 }),
      }),
      { minLength: 40, maxLength: 140 },
    );
    // The walk reached groups, or it proved nothing about them.
    expect(endsLikeFresh(wide, 120, 40), 'runs that ended with a group').to.be.greaterThan(0);
  });

  function endsLikeFresh(graph: fc.Arbitrary<{ id: string; parent: string | null }[]>, numRuns: number, maxPage = 15): number {
    let grouped = 0;
    const step = fc.oneof(
      fc.record({ kind: fc.constant('page' as const), size: fc.integer({ min: 1, max: maxPage }) }),
      fc.record({ kind: fc.constant('post' as const), parent: fc.option(fc.integer({ min: 0, max: 34 }).map((n) => `c${n}`)) }),
      fc.record({ kind: fc.constant('depth' as const), depth: fc.integer({ min: 1, max: 4 }) }),
      fc.record({ kind: fc.constant('open' as const), id: fc.integer({ min: 0, max: 34 }).map((n) => `c${n}`) }),
      fc.record({ kind: fc.constant('render' as const), budget: fc.oneof(fc.constant(Infinity), fc.integer({ min: 0, max: 5 })) }),
    );
    fc.assert(
      fc.property(graph, fc.array(step, { maxLength: 14 }), (entries, steps) => {
        const all = entries.map(({ id, parent }) => rec(id, parent));
        const model = new ThreadModel(3);
        const arrived: SafeRecord[] = [];
        let loaded = 0;
        let posts = 0;
        let depth = 3;
        let v = view();
        let revisit: string[] = [];
        const list = document.createElement('ol');
        const threadView = new CommentListView(list);
        // As the root does: the comments whose form opened or closed are revisited.
        const render = (budget?: number) => {
          const nodes = revisit.map((id) => model.tree.byId.get(id)).filter((node) => node !== undefined);
          threadView.render(model.tree.roots, v, { budget, revisit: nodes });
          revisit = [];
        };
        for (const s of steps) {
          if (s.kind === 'page') {
            const page = all.slice(loaded, (loaded += s.size));
            model.appendPage({ comments: page });
            arrived.push(...page);
          } else if (s.kind === 'post') {
            const created = rec(`new${posts++}`, s.parent);
            model.insert(created);
            arrived.push(created);
          } else if (s.kind === 'depth') {
            model.setMaxDepth((depth = s.depth));
          } else if (s.kind === 'open') {
            // The comment losing the form and the one getting it are revisited.
            if (v.replyingTo !== null) revisit.push(v.replyingTo);
            v = { ...v, replyingTo: s.id };
            revisit.push(s.id);
          } else {
            render(s.budget);
          }
        }
        render();
        const fresh = document.createElement('ol');
        const again = new ThreadModel(depth);
        again.appendPage({ comments: arrived });
        new CommentListView(fresh).render(again.tree.roots, { ...v, expanded: new Set() });
        expect(shownWithForms(list)).to.deep.equal(shownWithForms(fresh));
        expect(groupsOf(list)).to.deep.equal(groupsOf(fresh));
        expectWellGrouped(list);
        if (groupsOf(list).length > 1) grouped++;
      }),
      { numRuns },
    );
    return grouped;
  }
  const shownWithForms = (list: Element) =>
    shown(list).map((entry) => {
      const li = list.querySelector(`[data-comment-id="${entry.split('<')[0]}"]`)!;
      return `${entry}${li.querySelector(':scope > article > parley-reply-form') ? ' [form]' : ''}`;
    });
});

/** The top-level comments' ids, a group a row; the list's own first. */
const groupsOf = (list: Element) =>
  [...list.children].reduce<string[][]>(
    (rows, e) => {
      if (e.classList.contains('group')) rows.push([...e.firstElementChild!.children].map((li) => (li as HTMLElement).dataset.commentId!));
      else rows[0].push((e as HTMLElement).dataset.commentId!);
      return rows;
    },
    [[]],
  );

/**
 * The list's shape for screen readers and for containment: at most 32 comments in the
 * list itself, before any group; then full groups of 32 but the last, each an `li` and
 * `ol` of role none whose comments say they are list items; no empty group.
 */
function expectWellGrouped(list: Element): void {
  const [own, ...groups] = groupsOf(list);
  const children = [...list.children];
  const firstGroup = children.findIndex((e) => e.classList.contains('group'));
  if (groups.length === 0) {
    expect(own.length, 'comments in a list without groups').to.be.at.most(32);
  } else {
    expect(own, 'comments in the list itself before the groups').to.have.length(32);
    expect(children.slice(firstGroup).every((e) => e.classList.contains('group')), 'nothing after the first group but groups').to.be.true;
  }
  groups.forEach((ids, i) => {
    expect(ids.length, `group ${i + 1}`).to.be.within(1, 32);
    if (i < groups.length - 1) expect(ids.length, `group ${i + 1} is full`).to.equal(32);
  });
  for (const group of children.slice(firstGroup < 0 ? children.length : firstGroup)) {
    expect(group.localName).to.equal('li');
    expect(group.getAttribute('role')).to.equal('none');
    expect(group.firstElementChild!.localName).to.equal('ol');
    expect(group.firstElementChild!.getAttribute('role')).to.equal('none');
    for (const li of group.firstElementChild!.children) expect(li.getAttribute('role')).to.equal('listitem');
  }
}

describe('CommentListView with many top-level comments', () => {
  const many = (n: number, prefix = 't') => Array.from({ length: n }, (_, i) => rec(`${prefix}${i}`));

  it('keeps the first 32 in the list and the rest in groups of 32, in order', () => {
    const list = document.createElement('ol');
    const records70 = many(70);
    new CommentListView(list).render(buildTree(records70, 5).roots, view());
    expect(ids(list)).to.deep.equal(records70.map((r) => r.id));
    expect(groupsOf(list).map((g) => g.length)).to.deep.equal([32, 32, 6]);
    expectWellGrouped(list);
  });

  it('moves comments across group borders when one above them goes, and drops an emptied group', () => {
    const list = document.createElement('ol');
    const threadView = new CommentListView(list);
    const model = new ThreadModel(5);
    model.appendPage({ comments: many(65) });
    threadView.render(model.tree.roots, view());
    expect(groupsOf(list).map((g) => g.length)).to.deep.equal([32, 32, 1]);
    const moved = threadView.element('t32');
    model.remove('t0');
    threadView.render(model.tree.roots, view());
    expect(groupsOf(list).map((g) => g.length)).to.deep.equal([32, 32]);
    expect(ids(list)).to.deep.equal(many(65).slice(1).map((r) => r.id));
    // The same element, out of its group and into the list: nothing rebuilt.
    expect(threadView.element('t32')).to.equal(moved);
    expect(moved!.parentElement).to.equal(list);
    expectWellGrouped(list);
  });

  it('gives j and k every article in reading order, through the groups', () => {
    const list = document.createElement('ol');
    const threadView = new CommentListView(list);
    threadView.render(buildTree(many(40), 5).roots, view());
    const articles = threadView.articles();
    expect(articles.map((a) => a.closest<HTMLElement>('[data-comment-id]')!.dataset.commentId)).to.deep.equal(many(40).map((r) => r.id));
  });
});

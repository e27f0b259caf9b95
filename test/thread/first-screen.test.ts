import { expect } from '@open-wc/testing';
import { firstScreenRoots } from '../../src/thread/first-screen.js';
import { buildTree } from '../../src/thread/tree.js';
import type { SafeRecord } from '../../src/thread/normalize.js';

const rec = (id: string, parentId: string | null = null): SafeRecord => ({
  id,
  parentId,
  author: { name: id },
  body: id,
  createdAt: '',
  status: 'published',
});

/** `threads` top-level comments, each with `replies` nested replies (a chain). */
function thread(threads: number, replies: number) {
  const records: SafeRecord[] = [];
  for (let t = 0; t < threads; t++) {
    records.push(rec(`t${t}`));
    for (let r = 0; r < replies; r++) records.push(rec(`t${t}r${r}`, r ? `t${t}r${r - 1}` : `t${t}`));
  }
  return buildTree(records, 5).roots;
}

describe('firstScreenRoots', () => {
  it('takes whole threads until enough comments are shown', () => {
    // Threads of 4 comments: 10 comments need 3 threads (12), never 2½.
    expect(firstScreenRoots(thread(20, 3), 0, 10)).to.equal(3);
    expect(firstScreenRoots(thread(20, 3), 0, 12)).to.equal(3);
    expect(firstScreenRoots(thread(20, 3), 0, 13)).to.equal(4);
  });

  it('counts from the first new thread of a later page', () => {
    expect(firstScreenRoots(thread(20, 0), 15, 3)).to.equal(3);
    expect(firstScreenRoots(thread(20, 0), 15, 50)).to.equal(5);
  });

  it('counts replies flattened past the deepest level', () => {
    // One chain of 100 replies, capped at 5 levels: still one thread, of 101 comments.
    const roots = thread(2, 100);
    expect(firstScreenRoots(roots, 0, 101)).to.equal(1);
    expect(firstScreenRoots(roots, 0, 102)).to.equal(2);
  });

  it('takes everything there is when the page is small', () => {
    expect(firstScreenRoots(thread(3, 1), 0, 60)).to.equal(3);
    expect(firstScreenRoots([], 0, 60)).to.equal(0);
  });
});

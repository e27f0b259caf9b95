import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { buildTree, insertRecord, walkTree } from '../../src/model/tree.js';
import type { SafeRecord } from '../../src/model/normalize.js';

// Random flat graphs: ids drawn from a small pool so duplicates, self-parents, cycles
// and orphans (parents outside the pool) all come up often.
const graph = fc.array(
  fc.record({
    id: fc.integer({ min: 0, max: 40 }).map((n) => `c${n}`),
    parent: fc.option(fc.integer({ min: 0, max: 45 }).map((n) => `c${n}`), { freq: 3 }),
  }),
  { maxLength: 120 },
);

const toRecords = (entries: { id: string; parent: string | null }[]): SafeRecord[] =>
  entries.map(({ id, parent }, i) => ({
    id,
    parentId: parent,
    author: { name: `a${i}` },
    body: `b${i}`,
    createdAt: '',
    status: 'published',
  }));

function checkInvariants(records: SafeRecord[], tree: ReturnType<typeof buildTree>, maxDepth: number) {
  const uniqueIds = new Set(records.map((r) => r.id));
  const shown = [...walkTree(tree)];
  // Each valid id is rendered exactly once.
  expect(shown.length).to.equal(uniqueIds.size);
  expect(new Set(shown.map((n) => n.record.id)).size).to.equal(uniqueIds.size);
  for (const node of shown) {
    // Depth never over max-depth, and levels follow nesting.
    expect(node.level).to.be.within(1, maxDepth);
    expect(node.level).to.equal(node.container ? node.container.level + 1 : 1);
    // A reply is placed under one of its ancestors that exists.
    if (node.parent) {
      let ancestor: typeof node.parent | null = node.parent;
      while (ancestor && ancestor !== node.container) ancestor = ancestor.parent;
      expect(ancestor, `container of ${node.record.id} is an ancestor`).to.equal(node.container);
      // Under its parent while that is above max-depth, else beside it: never top-level.
      const expected = node.parent.level < maxDepth ? node.parent : node.parent.container;
      expect(node.container, `container of ${node.record.id}`).to.equal(expected);
      expect(tree.byId.get(node.parent.record.id)).to.equal(node.parent);
    } else {
      expect(node.container).to.equal(null);
    }
  }
}

describe('buildTree properties', () => {
  it('shows every valid id once, under an existing ancestor, never deeper than max-depth', () => {
    fc.assert(
      fc.property(graph, fc.integer({ min: 1, max: 6 }), (entries, maxDepth) => {
        const records = toRecords(entries);
        checkInvariants(records, buildTree(records, maxDepth), maxDepth);
      }),
      { numRuns: 300 },
    );
  });

  it('inserting a record one by one keeps the same invariants as building at once', () => {
    fc.assert(
      fc.property(graph, fc.integer({ min: 1, max: 6 }), (entries, maxDepth) => {
        const records = toRecords(entries);
        const half = Math.floor(records.length / 2);
        const tree = buildTree(records.slice(0, half), maxDepth);
        for (const r of records.slice(half)) insertRecord(tree, r);
        checkInvariants(records, tree, maxDepth);
      }),
      { numRuns: 300 },
    );
  });
});

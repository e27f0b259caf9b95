import { expect } from '@open-wc/testing';
import { buildTree, insertRecord, walkTree } from '../../src/model/tree.js';
import { normalizeRecords, type SafeRecord } from '../../src/model/normalize.js';

const rec = (id: string, parentId: string | null = null, name = id): SafeRecord => ({
  id,
  parentId,
  author: { name },
  body: id,
  createdAt: '',
  status: 'published',
});

const shape = (nodes: ReturnType<typeof buildTree>['roots']): unknown =>
  nodes.map((n) => (n.children.length ? [n.record.id, shape(n.children)] : n.record.id));

describe('buildTree', () => {
  it('nests replies under their parents in adapter order', () => {
    const tree = buildTree([rec('a'), rec('b'), rec('a2', 'a'), rec('a1', 'a'), rec('a2x', 'a2')], 5);
    expect(shape(tree.roots)).to.deep.equal([['a', [['a2', ['a2x']], 'a1']], 'b']);
    expect(tree.byId.get('a2x')!.level).to.equal(3);
  });

  it('shows a reply whose parent is missing as top-level', () => {
    const tree = buildTree([rec('x', 'nowhere'), rec('a')], 5);
    expect(shape(tree.roots)).to.deep.equal(['x', 'a']);
  });

  it('keeps the first record of a duplicate id', () => {
    const first = rec('a');
    const tree = buildTree([first, { ...rec('a'), body: 'second' }, rec('b', 'a')], 5);
    expect([...walkTree(tree)].map((n) => n.record.id)).to.deep.equal(['a', 'b']);
    expect(tree.byId.get('a')!.record).to.equal(first);
  });

  it('breaks self-parents and cycles so every comment is shown once', () => {
    const tree = buildTree([rec('self', 'self'), rec('c1', 'c3'), rec('c2', 'c1'), rec('c3', 'c2'), rec('d', 'c2')], 5);
    const ids = [...walkTree(tree)].map((n) => n.record.id);
    expect(ids.slice().sort()).to.deep.equal(['c1', 'c2', 'c3', 'd', 'self']);
    // The earliest record of the cycle becomes its top.
    expect(shape(tree.roots)).to.deep.equal(['self', ['c1', [['c2', ['c3', 'd']]]]]);
  });

  it('caps nesting at maxDepth, naming whom deeper replies answer', () => {
    const tree = buildTree([rec('l1'), rec('l2', 'l1'), rec('l3', 'l2', 'Cliff'), rec('l4', 'l3', 'Dana'), rec('l3b', 'l2')], 3);
    expect(shape(tree.roots)).to.deep.equal([['l1', [['l2', ['l3', 'l4', 'l3b']]]]]);
    const l4 = tree.byId.get('l4')!;
    expect(l4.level).to.equal(3);
    expect(l4.replyTo).to.equal('Cliff');
    expect(tree.byId.get('l3b')!.replyTo).to.equal(undefined);
  });

  it('puts everything at level 1 with maxDepth 1, each reply after its parent', () => {
    const tree = buildTree([rec('a'), rec('b'), rec('a1', 'a'), rec('a1x', 'a1')], 1);
    expect(shape(tree.roots)).to.deep.equal(['a', 'a1', 'a1x', 'b']);
  });

  it('builds a 10,000-deep chain without overflowing the stack', () => {
    const records = [rec('n0')];
    for (let i = 1; i < 10000; i++) records.push(rec(`n${i}`, `n${i - 1}`));
    const tree = buildTree(records, 5);
    expect(tree.byId.size).to.equal(10000);
    const nodes = [...walkTree(tree)];
    expect(nodes.length).to.equal(10000);
    expect(Math.max(...nodes.map((n) => n.level))).to.equal(5);
    expect(tree.byId.get('n9999')!.depth).to.equal(10000);
  });

  it('breaks a 10,000-long cycle without recursion', () => {
    const records: SafeRecord[] = [];
    for (let i = 0; i < 10000; i++) records.push(rec(`n${i}`, `n${(i + 1) % 10000}`));
    const tree = buildTree(records, 5);
    expect([...walkTree(tree)].length).to.equal(10000);
    expect(tree.roots.map((n) => n.record.id)).to.deep.equal(['n0']);
  });
});

describe('insertRecord', () => {
  it('places a new reply where a rebuild would, and marks only its branch', () => {
    const records = [rec('a'), rec('a1', 'a'), rec('b'), rec('b1', 'b')];
    const tree = buildTree(records, 5);
    const a = tree.byId.get('a')!;
    const b = tree.byId.get('b')!;
    const [revA, revB] = [a.treeRev, b.treeRev];
    insertRecord(tree, rec('a1x', 'a1'));
    expect(shape(tree.roots)).to.deep.equal(shape(buildTree([...records, rec('a1x', 'a1')], 5).roots));
    expect(a.treeRev).to.be.greaterThan(revA);
    expect(b.treeRev).to.equal(revB);
  });

  it('flattens past maxDepth after the parent subtree, as a rebuild does', () => {
    const records = [rec('l1'), rec('l2', 'l1'), rec('l3', 'l2'), rec('l3x', 'l3'), rec('l3y', 'l3x'), rec('l3b', 'l2')];
    const tree = buildTree(records, 3);
    insertRecord(tree, rec('new', 'l3'));
    expect(shape(tree.roots)).to.deep.equal(shape(buildTree([...records, rec('new', 'l3')], 3).roots));
    expect(tree.byId.get('new')!.replyTo).to.equal('l3');
  });

  it('treats a self-parented or orphan insert as top-level and ignores known ids', () => {
    const tree = buildTree([rec('a')], 5);
    insertRecord(tree, rec('s', 's'));
    insertRecord(tree, rec('o', 'missing'));
    insertRecord(tree, rec('a', null));
    expect(shape(tree.roots)).to.deep.equal(['a', 's', 'o']);
  });
});

describe('normalizeRecords', () => {
  it('skips what cannot be shown and repairs authors', () => {
    const warn = console.warn;
    const warnings: unknown[] = [];
    console.warn = (...args: unknown[]) => warnings.push(args);
    try {
      const out = normalizeRecords([
        null,
        42,
        'text',
        { id: 1, body: 'numeric id' },
        { id: 'no-body' },
        { id: 'ok', body: 'fine', author: 'not an object' },
        { id: 'ok2', body: 'fine', author: { name: 7, url: 5 }, parentId: 9, status: 'weird' },
      ]);
      expect(out.map((r) => r.id)).to.deep.equal(['ok', 'ok2']);
      expect(out[0].author.name).to.equal('');
      expect(out[1].author).to.deep.equal({ name: '' });
      expect(out[1].parentId).to.equal(null);
      expect(out[1].status).to.equal('published');
      expect(warnings.length).to.equal(1);
      expect(normalizeRecords({ not: 'an array' })).to.deep.equal([]);
    } finally {
      console.warn = warn;
    }
  });

  it('keeps an author\'s website and avatar only when they are http(s) URLs', () => {
    const [ok, bad] = normalizeRecords([
      { id: 'a', body: 'x', author: { name: 'A', url: 'https://a.example/', avatarUrl: 'http://a.example/a.png' } },
      { id: 'b', body: 'x', author: { name: 'B', url: ' javascript:alert(1)', avatarUrl: 'data:image/png,x' } },
    ]);
    expect(ok.author).to.deep.equal({ name: 'A', url: 'https://a.example/', avatarUrl: 'http://a.example/a.png' });
    expect(bad.author).to.deep.equal({ name: 'B' });
  });
});

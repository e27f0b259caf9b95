import type { SafeRecord } from './normalize.js';

/** One comment placed in the visual tree. Nodes are updated in place as the thread grows. */
export interface CommentNode {
  readonly record: SafeRecord;
  /** A number unique within the tree, for element ids that must not come from the data. */
  readonly key: number;
  /** The comment this one answers, when that comment is in the thread. */
  parent: CommentNode | null;
  /** 1 for a top-level comment, 2 for its replies, and so on without a cap. */
  depth: number;
  /** The level it is shown at: `depth`, capped at the tree's `maxDepth`. */
  level: number;
  /** The parent's author, set when the reply is shown below its true depth. */
  replyTo?: string;
  /** The replies that answer this comment directly, in adapter order. */
  replies: CommentNode[];
  /** What is shown nested inside this comment: its replies, or past `maxDepth` none. */
  children: CommentNode[];
  /** The node whose `children` (or the roots) list holds this one. */
  container: CommentNode | null;
  /** Bumped when this comment or anything shown inside it changes, so renders can skip it. */
  treeRev: number;
}

/** The thread as it is shown: top-level nodes, each with its nested children. */
export interface CommentTree {
  readonly roots: CommentNode[];
  readonly byId: Map<string, CommentNode>;
  readonly maxDepth: number;
}

let nextKey = 0;

function makeNode(record: SafeRecord): CommentNode {
  return {
    record,
    key: nextKey++,
    parent: null,
    depth: 1,
    level: 1,
    replies: [],
    children: [],
    container: null,
    treeRev: 0,
  };
}

/** What a rebuild may change about a node that a render shows. */
interface Shown {
  readonly children: CommentNode[];
  readonly replyTo: string | undefined;
}

/** Takes a node of an earlier tree for a new build, noting what it showed. */
function reuse(node: CommentNode, before: Map<CommentNode, Shown>): CommentNode {
  before.set(node, { children: node.children, replyTo: node.replyTo });
  node.parent = node.container = null;
  node.depth = node.level = 1;
  node.replyTo = undefined;
  node.replies = [];
  node.children = [];
  return node;
}

const sameNodes = (a: CommentNode[], b: CommentNode[]) => a.length === b.length && a.every((node, i) => node === b[i]);

/**
 * Builds the visual tree from flat records, in their order within each parent.
 *
 * Nothing a backend sends can make a comment disappear or appear twice: a duplicate id
 * keeps its first record, a reply to a missing parent becomes top-level, and a parent
 * cycle is broken at its earliest record. Replies deeper than `maxDepth` are shown at
 * that level after their parent, with `replyTo` naming whom they answer. All walks are
 * loops, not recursion, so a chain 10,000 replies deep cannot overflow the stack.
 *
 * Given the `previous` tree of the same thread (before a page arrived, or another
 * `maxDepth`), its nodes are reused and marked changed only where what they show moved,
 * so a render after a new page touches the branches that page reached and nothing else.
 * The previous tree is not valid after that.
 */
export function buildTree(records: readonly SafeRecord[], maxDepth: number, previous?: CommentTree): CommentTree {
  const depthCap = Math.max(1, Math.floor(maxDepth) || 1);
  const byId = new Map<string, CommentNode>();
  const nodes: CommentNode[] = [];
  const before = new Map<CommentNode, Shown>();
  for (const record of records) {
    if (byId.has(record.id)) continue;
    const old = previous?.byId.get(record.id);
    const node = old?.record === record ? reuse(old, before) : makeNode(record);
    byId.set(record.id, node);
    nodes.push(node);
  }
  for (const node of nodes) {
    const { id, parentId } = node.record;
    node.parent = parentId !== null && parentId !== id ? (byId.get(parentId) ?? null) : null;
  }
  breakCycles(nodes);

  const topLevel: CommentNode[] = [];
  for (const node of nodes) (node.parent ? node.parent.replies : topLevel).push(node);

  const tree: CommentTree = { roots: [], byId, maxDepth: depthCap };
  // Pre-order walk with an explicit stack: each node is placed before its replies, so a
  // reply flattened to the deepest level lands right after its parent's earlier replies.
  const stack: CommentNode[] = [];
  for (let i = topLevel.length - 1; i >= 0; i--) stack.push(topLevel[i]);
  while (stack.length) {
    const node = stack.pop()!;
    node.depth = node.parent ? node.parent.depth + 1 : 1;
    place(tree, node).push(node);
    for (let i = node.replies.length - 1; i >= 0; i--) stack.push(node.replies[i]);
  }
  for (const [node, shown] of before) {
    if (shown.replyTo !== node.replyTo || !sameNodes(shown.children, node.children)) markChanged(node);
  }
  return tree;
}

/** Sets a node's level and container, and returns the list it is shown in. */
function place(tree: CommentTree, node: CommentNode): CommentNode[] {
  const parent = node.parent;
  node.level = Math.min(node.depth, tree.maxDepth);
  if (!parent) {
    node.container = null;
  } else if (parent.depth < tree.maxDepth) {
    node.container = parent;
  } else {
    node.container = parent.container;
    node.replyTo = parent.record.author.name;
  }
  return node.container ? node.container.children : tree.roots;
}

/** Makes every parent chain end at a top-level node by cutting each cycle once. */
function breakCycles(nodes: CommentNode[]): void {
  // Keys are handed out in adapter order, so the smallest key is the earliest record.
  const state = new Map<CommentNode, 1 | 2>(); // 1: on the current walk, 2: known to reach a root
  for (const start of nodes) {
    if (state.has(start)) continue;
    const walk: CommentNode[] = [];
    let cur: CommentNode | null = start;
    while (cur && !state.has(cur)) {
      state.set(cur, 1);
      walk.push(cur);
      cur = cur.parent;
    }
    if (cur && state.get(cur) === 1) {
      const cycle = walk.slice(walk.indexOf(cur));
      let first = cycle[0];
      for (const node of cycle) if (node.key < first.key) first = node;
      first.parent = null;
    }
    for (const node of walk) state.set(node, 2);
  }
}

/**
 * Adds one new record to the tree in place, where a full rebuild would put it, and marks
 * the branch it changed. Returns the new node, or the existing one for a known id.
 */
export function insertRecord(tree: CommentTree, record: SafeRecord): CommentNode {
  const existing = tree.byId.get(record.id);
  if (existing) return existing;
  const parent = record.parentId !== null ? (tree.byId.get(record.parentId) ?? null) : null;
  const node = makeNode(record);
  tree.byId.set(record.id, node);
  node.parent = parent;
  node.depth = parent ? parent.depth + 1 : 1;
  const list = place(tree, node);
  if (parent && parent.depth >= tree.maxDepth) {
    // Flattened: it goes after the last comment of the parent's whole subtree.
    let last = parent;
    while (last.replies.length) last = last.replies[last.replies.length - 1];
    list.splice(list.indexOf(last) + 1, 0, node);
  } else {
    list.push(node);
  }
  parent?.replies.push(node);
  if (node.container) markChanged(node.container);
  return node;
}

/**
 * Marks a comment for the next render, and the branch it sits in, so a render visits
 * just that branch.
 */
export function markChanged(node: CommentNode): void {
  for (let n: CommentNode | null = node; n; n = n.container) n.treeRev++;
}

/** Every node in display order (pre-order), without recursion. */
export function* walkTree(tree: CommentTree): Generator<CommentNode> {
  const stack: CommentNode[] = [];
  for (let i = tree.roots.length - 1; i >= 0; i--) stack.push(tree.roots[i]);
  while (stack.length) {
    const node = stack.pop()!;
    yield node;
    for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]);
  }
}

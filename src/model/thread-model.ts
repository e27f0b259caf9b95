import type { CommentPage } from '../adapters/types.js';
import { normalizeRecord, normalizeRecords, type SafeRecord } from './normalize.js';
import { buildTree, insertRecord, type CommentNode, type CommentTree } from './tree.js';

/**
 * The loaded state of one thread: the pages so far, the tree built from them, and what
 * is still to fetch. Pure data, no DOM, so the elements only render what it holds.
 */
export class ThreadModel {
  private records: SafeRecord[] = [];
  private reportedTotal: number | null = null;
  /** The cursor of the page after the last one loaded; null when there is none. */
  next: string | null = null;
  /** Whether at least one page has arrived. */
  loaded = false;
  tree: CommentTree;

  constructor(private maxDepth = 5) {
    this.tree = buildTree([], maxDepth);
  }

  /** Placeholders of removed comments loaded so far: shown, but not counted. */
  private deleted = 0;

  /**
   * The number of comments in the thread: the backend's total when it gave one (adapters
   * count no placeholders in it), never fewer than are loaded.
   */
  get total(): number {
    return Math.max(this.reportedTotal ?? 0, this.tree.byId.size - this.deleted);
  }

  /** Adds one page from an adapter (untrusted) after those already loaded. */
  appendPage(page: unknown): void {
    const p = (typeof page === 'object' && page !== null ? page : {}) as Partial<CommentPage>;
    if (typeof page !== 'object' || page === null) {
      console.warn('[parley] the adapter returned a page that is not an object');
    }
    this.records = this.records.concat(normalizeRecords(p.comments));
    this.next = typeof p.next === 'string' && p.next !== '' ? p.next : null;
    if (typeof p.total === 'number' && Number.isFinite(p.total) && p.total >= 0) {
      this.reportedTotal = Math.floor(p.total);
    }
    this.loaded = true;
    this.tree = buildTree(this.records, this.maxDepth, this.tree);
    // Counted in the tree, where a duplicate id is one comment.
    this.deleted = 0;
    for (const node of this.tree.byId.values()) if (node.record.deleted) this.deleted++;
  }

  /** Changes how deep replies nest, rebuilding the tree from the same records. */
  setMaxDepth(maxDepth: number): void {
    if (maxDepth === this.maxDepth) return;
    this.maxDepth = maxDepth;
    this.tree = buildTree(this.records, maxDepth, this.tree);
  }

  /**
   * Adds a comment the adapter just created. Returns its node, or null when the adapter
   * handed back something that is not a comment (the caller reloads instead).
   */
  insert(created: unknown): CommentNode | null {
    const record = normalizeRecord(created);
    if (!record) return null;
    if (!this.tree.byId.has(record.id)) {
      this.records.push(record);
      if (this.reportedTotal !== null) this.reportedTotal++;
    }
    return insertRecord(this.tree, record);
  }
}

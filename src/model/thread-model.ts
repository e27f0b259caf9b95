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
   * This visitor's comments that a moderated backend holds and does not list: shown to
   * them (and counted for them) until a page brings the backend's own copy.
   */
  private readonly heldById = new Map<string, SafeRecord>();

  /**
   * The number of comments this visitor sees: the backend's total when it gave one
   * (adapters count no placeholders in it), never fewer than are loaded, and their own
   * held comments, which no backend counts.
   */
  get total(): number {
    const held = this.heldById.size;
    return Math.max(this.reportedTotal ?? 0, this.tree.byId.size - this.deleted - held) + held;
  }

  /** This visitor's held comments that the backend has not listed yet. */
  get held(): SafeRecord[] {
    return [...this.heldById.values()];
  }

  /**
   * Shows this visitor's held comments, kept from an earlier visit (untrusted: they come
   * from storage), where a full build would put them. Ones already listed are skipped.
   */
  addHeld(entries: readonly unknown[]): void {
    let added = false;
    for (const entry of entries) {
      const record = normalizeRecord(entry);
      if (!record || this.tree.byId.has(record.id)) continue;
      this.heldById.set(record.id, { ...record, status: 'pending' });
      this.records.push(this.heldById.get(record.id)!);
      added = true;
    }
    if (added) this.rebuild();
  }

  /** Adds one page from an adapter (untrusted) after those already loaded. */
  appendPage(page: unknown): void {
    const p = (typeof page === 'object' && page !== null ? page : {}) as Partial<CommentPage>;
    if (typeof page !== 'object' || page === null) {
      console.warn('[parley] the adapter returned a page that is not an object');
    }
    const arrived = normalizeRecords(p.comments);
    // The backend lists a held comment now (approved, or on a later page): its copy wins.
    if (this.heldById.size) {
      const listed = new Set(arrived.filter((record) => this.heldById.delete(record.id)).map((record) => record.id));
      if (listed.size) this.records = this.records.filter((record) => !listed.has(record.id));
    }
    this.records = this.records.concat(arrived);
    this.next = typeof p.next === 'string' && p.next !== '' ? p.next : null;
    if (typeof p.total === 'number' && Number.isFinite(p.total) && p.total >= 0) {
      this.reportedTotal = Math.floor(p.total);
    }
    this.loaded = true;
    this.rebuild();
  }

  private rebuild(): void {
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
   * Puts an edited comment (untrusted, from the adapter) in place of the one with its id,
   * keeping its place and its replies. Returns its node, or null when it is not a comment
   * or not in the thread.
   */
  replace(edited: unknown): CommentNode | null {
    const record = normalizeRecord(edited);
    const at = record ? this.records.findIndex((r) => r.id === record.id) : -1;
    if (!record || at < 0) return null;
    // Its place is the thread's, whatever the adapter says of its parent now.
    const old = this.records[at];
    const kept = { ...record, parentId: old.parentId, ...(old.status === 'pending' ? { status: 'pending' as const } : {}) };
    this.records = this.records.map((r, i) => (i === at ? kept : r));
    if (this.heldById.has(kept.id)) this.heldById.set(kept.id, kept);
    else if (kept.status === 'pending') {
      // Held again (moderation, or a spam check on the new text): out of the backend's
      // total, and kept for its author as a new held comment is.
      this.heldById.set(kept.id, kept);
      if (this.reportedTotal !== null) this.reportedTotal = Math.max(0, this.reportedTotal - 1);
    }
    this.rebuild();
    return this.tree.byId.get(kept.id) ?? null;
  }

  /**
   * Takes a deleted comment out: with replies shown, it stays as a placeholder (as the
   * backends do); without, it goes, and so does any placeholder above it left without
   * replies. Returns `placeholder`, `removed`, or null when it was not in the thread.
   */
  remove(id: string): 'placeholder' | 'removed' | null {
    const node = this.tree.byId.get(id);
    if (!node) return null;
    const { record } = node;
    // A placeholder and a held comment were never in the backend's total.
    if (this.reportedTotal !== null && !record.deleted && record.status !== 'pending') this.reportedTotal = Math.max(0, this.reportedTotal - 1);
    this.heldById.delete(id);
    if (node.replies.length) {
      const placeholder: SafeRecord = { id, parentId: record.parentId, author: { name: '' }, body: '', createdAt: record.createdAt, status: 'published', deleted: true };
      this.records = this.records.map((r) => (r.id === id ? placeholder : r));
      this.rebuild();
      return 'placeholder';
    }
    const gone = new Set([id]);
    for (let up = node.parent; up?.record.deleted && up.replies.every((reply) => gone.has(reply.record.id)); up = up.parent) gone.add(up.record.id);
    this.records = this.records.filter((r) => !gone.has(r.id));
    this.rebuild();
    return 'removed';
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
      // Held for moderation, it is this visitor's alone until the backend lists it.
      if (record.status === 'pending') this.heldById.set(record.id, record);
      else if (this.reportedTotal !== null) this.reportedTotal++;
    }
    return insertRecord(this.tree, record);
  }
}

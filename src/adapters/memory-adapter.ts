import { wait } from '../util/abort.js';
import { AdapterError } from './adapter-error.js';
import { sentName } from './author.js';
import type {
  AdapterCapabilities,
  ChangeOptions,
  CommentAdapter,
  CommentChange,
  CommentPage,
  CommentRecord,
  CountOptions,
  CreateOptions,
  ListOptions,
  NewComment,
} from './types.js';
import { safeHttpUrl } from '../util/url.js';

export interface MemoryAdapterOptions {
  /** Milliseconds every call waits before it answers, to show loading states. */
  delay?: number;
  /** Top-level comments per page (each with all its replies); all on one page by default. */
  pageSize?: number;
  /**
   * Who keeps the comments, for keying drafts and the remembered name: demos of two sites
   * on one page give each its own. Default `memory`.
   */
  id?: string;
}

let sequence = 0;

/**
 * An adapter that keeps comments in memory: for demos, tests and prototypes. Every thread
 * starts as a copy of the records it was built with; what is posted lives until the page
 * is closed. Records are handed back as given, unchecked, as a real backend's would be.
 * Comments posted through it can be edited and deleted (`canEdit`, `canDelete`) for as
 * long as it lives; a deleted one with replies stays as a placeholder, as on a server.
 */
export class MemoryAdapter implements CommentAdapter {
  /** Keys drafts and the remembered name: `memory`, unless the options name another. */
  readonly id: string;
  /** It lists oldest or newest first (`ListOptions.sort`). */
  readonly capabilities: AdapterCapabilities = { sort: ['oldest', 'newest'] };
  private readonly threads = new Map<string, unknown[]>();
  private readonly seed: unknown[];
  private readonly delay: number;
  private readonly pageSize: number;
  /** The comments posted through this adapter: the visitor's, to edit and delete. */
  private readonly mine = new Set<string>();

  constructor(records: readonly unknown[] = [], options: MemoryAdapterOptions = {}) {
    this.id = options.id ?? 'memory';
    this.seed = [...records];
    this.delay = Math.max(0, options.delay ?? 0);
    this.pageSize = options.pageSize && options.pageSize > 0 ? options.pageSize : Infinity;
  }

  async list(thread: string, options: ListOptions = {}): Promise<CommentPage> {
    await this.pause(options.signal);
    const all = this.thread(thread);
    const total = counted(all);
    const newest = options.sort === 'newest';
    if (this.pageSize === Infinity && !newest) return { comments: all.map(this.marked) as CommentRecord[], next: null, total };
    // A page is a run of top-level comments with all their replies; the cursor is the
    // index of the first top-level comment of the next page. Newest first turns the
    // top-level order round; replies stay oldest first, as they read as a conversation.
    const rootOf = rootsOf(all);
    const roots = all.filter((r) => rootOf.get(r) === r);
    if (newest) roots.reverse();
    const start = Number(options.cursor ?? 0) || 0;
    const end = start + this.pageSize;
    const page = new Map(roots.slice(start, end).map((root, i) => [root, i]));
    const comments = all.filter((r) => page.has(rootOf.get(r)!));
    if (newest) comments.sort((a, b) => page.get(rootOf.get(a))! - page.get(rootOf.get(b))!);
    return { comments: comments.map(this.marked) as CommentRecord[], next: end < roots.length ? String(end) : null, total };
  }

  async create(thread: string, input: NewComment, options: CreateOptions = {}): Promise<CommentRecord> {
    await this.pause(options.signal);
    if (typeof input?.body !== 'string' || !input.body.trim()) throw new Error('A comment needs some text.');
    const url = safeHttpUrl(input.author?.url);
    const record: CommentRecord = {
      id: `m${Date.now().toString(36)}-${++sequence}`,
      parentId: input.parentId ?? null,
      author: { name: sentName(input.author?.name), ...(url ? { url } : {}) },
      body: input.body,
      createdAt: new Date().toISOString(),
      status: 'published',
    };
    this.thread(thread).push(record);
    this.mine.add(record.id);
    return this.marked({ ...record, author: { ...record.author } }) as CommentRecord;
  }

  /** Replaces the text of a comment posted through this adapter. */
  async update(thread: string, id: string, change: CommentChange, options: ChangeOptions = {}): Promise<CommentRecord> {
    await this.pause(options.signal);
    const records = this.thread(thread);
    const at = this.ownIndex(records, id);
    if (typeof change?.body !== 'string' || !change.body.trim()) throw new Error('A comment needs some text.');
    const record = { ...(records[at] as CommentRecord), body: change.body, editedAt: new Date().toISOString() };
    records[at] = record;
    return this.marked({ ...record, author: { ...record.author } }) as CommentRecord;
  }

  /**
   * Deletes a comment posted through this adapter: with replies it stays as a placeholder,
   * without it goes, and so does any placeholder above it left without replies.
   */
  async remove(thread: string, id: string, options: ChangeOptions = {}): Promise<void> {
    await this.pause(options.signal);
    const records = this.thread(thread);
    let at = this.ownIndex(records, id);
    this.mine.delete(id);
    const hasReplies = (rid: string) => records.some((r) => (r as CommentRecord | null)?.parentId === rid);
    let record = records[at] as CommentRecord;
    if (hasReplies(id)) {
      records[at] = { id, parentId: record.parentId, author: { name: '' }, body: '', createdAt: record.createdAt, deleted: true };
      return;
    }
    records.splice(at, 1);
    while (record.parentId !== null) {
      const parentId = record.parentId;
      at = records.findIndex((r) => (r as CommentRecord | null)?.id === parentId);
      if (at < 0) break;
      record = records[at] as CommentRecord;
      if (record.deleted !== true || hasReplies(record.id)) break;
      records.splice(at, 1);
    }
  }

  /** Where a comment of the visitor's is, refusing as a server would when it is not theirs. */
  private ownIndex(records: unknown[], id: string): number {
    const at = records.findIndex((r) => (r as CommentRecord | null)?.id === id);
    if (at < 0) throw new AdapterError('There is no such comment in this thread.', { status: 404, backend: 'memory' });
    if (!this.mine.has(id)) throw new AdapterError('Only comments posted here can be changed.', { status: 403, backend: 'memory', code: 'not-yours' });
    return at;
  }

  /** A record as the visitor sees it: theirs can be edited and deleted. */
  private readonly marked = (record: unknown): unknown => {
    const id = (record as CommentRecord | null)?.id;
    return typeof id === 'string' && this.mine.has(id) ? { ...(record as CommentRecord), canEdit: true, canDelete: true } : record;
  };

  /** The `total` that `list` gives, for each of `threads`. */
  async count(threads: string[], options: CountOptions = {}): Promise<Record<string, number>> {
    await this.pause(options.signal);
    return Object.fromEntries(threads.map((t) => [t, counted(this.thread(t))]));
  }

  private thread(key: string): unknown[] {
    let records = this.threads.get(key);
    if (!records) this.threads.set(key, (records = [...this.seed]));
    return records;
  }

  private pause(signal?: AbortSignal): Promise<void> {
    return this.delay || signal?.aborted ? wait(this.delay, signal) : Promise.resolve();
  }
}

/** Placeholders of removed comments are shown but not counted, as the contract says. */
const counted = (all: unknown[]) => all.filter((r) => (r as CommentRecord | null)?.deleted !== true).length;

/**
 * The top-level record each record belongs under, found once for the whole list. A
 * record that is not an object, has no known parent, or sits in a cycle is its own root.
 */
function rootsOf(all: unknown[]): Map<unknown, unknown> {
  const byId = new Map<string, unknown>();
  for (const r of all) if (typeof r === 'object' && r !== null) byId.set((r as CommentRecord).id, r);
  const rootOf = new Map<unknown, unknown>();
  for (const record of all) {
    const chain = new Set<unknown>();
    let cur: unknown = record;
    while (!rootOf.has(cur) && !chain.has(cur)) {
      chain.add(cur);
      const parentId = typeof cur === 'object' && cur !== null ? (cur as CommentRecord).parentId : null;
      const parent = typeof parentId === 'string' ? byId.get(parentId) : undefined;
      if (parent === undefined) break;
      cur = parent;
    }
    const root = rootOf.get(cur) ?? cur;
    for (const r of chain) rootOf.set(r, root);
  }
  return rootOf;
}

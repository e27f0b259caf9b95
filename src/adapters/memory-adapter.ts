import { wait } from './abort.js';
import type { CommentAdapter, CommentPage, CommentRecord, CreateOptions, ListOptions, NewComment } from './types.js';
import { safeHttpUrl } from '../util/url.js';

export interface MemoryAdapterOptions {
  /** Milliseconds every call waits before it answers, to show loading states. */
  delay?: number;
  /** Top-level comments per page (each with all its replies); all on one page by default. */
  pageSize?: number;
}

let sequence = 0;

/**
 * An adapter that keeps comments in memory: for demos, tests and prototypes. Every thread
 * starts as a copy of the records it was built with; what is posted lives until the page
 * is closed. Records are handed back as given, unchecked, as a real backend's would be.
 */
export class MemoryAdapter implements CommentAdapter {
  private readonly threads = new Map<string, unknown[]>();
  private readonly seed: unknown[];
  private readonly delay: number;
  private readonly pageSize: number;

  constructor(records: readonly unknown[] = [], options: MemoryAdapterOptions = {}) {
    this.seed = [...records];
    this.delay = Math.max(0, options.delay ?? 0);
    this.pageSize = options.pageSize && options.pageSize > 0 ? options.pageSize : Infinity;
  }

  async list(thread: string, options: ListOptions = {}): Promise<CommentPage> {
    await this.pause(options.signal);
    const all = this.thread(thread);
    if (this.pageSize === Infinity) return { comments: [...all] as CommentRecord[], next: null, total: all.length };
    // A page is a run of top-level comments with all their replies; the cursor is the
    // index of the first top-level comment of the next page.
    const roots = all.filter((r) => !isReply(r));
    const start = Number(options.cursor ?? 0) || 0;
    const pageRoots = new Set(roots.slice(start, start + this.pageSize));
    const ids = new Set([...pageRoots].map((r) => (r as CommentRecord).id));
    const comments = all.filter((r) => pageRoots.has(r) || (isReply(r) && descendsFrom(r, ids, all)));
    const end = start + this.pageSize;
    return { comments: comments as CommentRecord[], next: end < roots.length ? String(end) : null, total: all.length };
  }

  async create(thread: string, input: NewComment, options: CreateOptions = {}): Promise<CommentRecord> {
    await this.pause(options.signal);
    if (typeof input?.body !== 'string' || !input.body.trim()) throw new Error('A comment needs some text.');
    const url = safeHttpUrl(input.author?.url);
    const record: CommentRecord = {
      id: `m${Date.now().toString(36)}-${++sequence}`,
      parentId: input.parentId ?? null,
      author: { name: input.author?.name?.trim() || 'Anonymous', ...(url ? { url } : {}) },
      body: input.body,
      createdAt: new Date().toISOString(),
      status: 'published',
    };
    this.thread(thread).push(record);
    return { ...record, author: { ...record.author } };
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

function isReply(r: unknown): boolean {
  return typeof r === 'object' && r !== null && typeof (r as CommentRecord).parentId === 'string';
}

/** Whether a reply's chain of parents reaches one of the given top-level ids. */
function descendsFrom(reply: unknown, rootIds: Set<string>, all: unknown[]): boolean {
  const byId = new Map<string, CommentRecord>();
  for (const r of all) if (typeof r === 'object' && r !== null) byId.set((r as CommentRecord).id, r as CommentRecord);
  const seen = new Set<string>();
  let cur = reply as CommentRecord | undefined;
  while (cur && typeof cur.parentId === 'string' && !seen.has(cur.id)) {
    seen.add(cur.id);
    if (rootIds.has(cur.parentId)) return true;
    cur = byId.get(cur.parentId);
  }
  return false;
}

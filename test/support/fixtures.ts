import { fixture, html, oneEvent } from '@open-wc/testing';
import type { CommentAdapter, CommentRecord } from '../../src/index.js';
import type { ParleyComments } from '../../src/parley-comments.js';
import type { ParleyReplyForm } from '../../src/reply-form/parley-reply-form.js';
import '../../src/index.js';

/** A record with defaults, for tests that only care about a few fields. */
export function record(id: string, parentId: string | null = null, extra: Partial<CommentRecord> = {}): CommentRecord {
  return {
    id,
    parentId,
    author: { name: `Author ${id}` },
    body: `Body of ${id}`,
    createdAt: '2024-03-01T12:00:00.000Z',
    ...extra,
  };
}

/** Mounts a widget on an adapter and waits until its first page is shown. */
export async function mountLoaded(adapter: CommentAdapter, attrs: { thread?: string; maxDepth?: number } = {}): Promise<ParleyComments> {
  const el = await fixture<ParleyComments>(html`<parley-comments thread=${attrs.thread ?? 't'} max-depth=${attrs.maxDepth ?? 5}></parley-comments>`);
  const loaded = oneEvent(el, 'parley-loaded');
  el.adapter = adapter;
  await loaded;
  await el.updateComplete;
  return el;
}

/** The element of a comment, found through the widget's shadow root. */
export function commentEl(el: ParleyComments, id: string): HTMLElement {
  const found = [...el.shadowRoot!.querySelectorAll<HTMLElement>('[data-comment-id]')].find((e) => e.dataset.commentId === id);
  if (!found) throw new Error(`no comment element for ${id}`);
  return found;
}

/** The form for a new top-level comment. */
export const topForm = (el: ParleyComments) => el.shadowRoot!.querySelector<ParleyReplyForm>('.thread > parley-reply-form')!;

/** A comment's open reply form, or null. */
export const formOf = (comment: HTMLElement) => comment.querySelector<ParleyReplyForm>(':scope > article > parley-reply-form');

/** The ids of all rendered comments, in document order. */
export function renderedIds(el: ParleyComments): string[] {
  return [...el.shadowRoot!.querySelectorAll<HTMLElement>('[data-comment-id]')].map((e) => e.dataset.commentId!);
}

/** An adapter whose calls wait until the test settles them. */
export class ControlledAdapter implements CommentAdapter {
  lists: { thread: string; cursor: string | null | undefined; signal?: AbortSignal; resolve: (v: unknown) => void; reject: (e: unknown) => void }[] = [];
  creates: { thread: string; input: unknown; resolve: (v: unknown) => void; reject: (e: unknown) => void }[] = [];
  list(thread: string, options: { cursor?: string | null; signal?: AbortSignal } = {}) {
    return new Promise<never>((resolve, reject) => {
      this.lists.push({ thread, cursor: options.cursor, signal: options.signal, resolve: resolve as (v: unknown) => void, reject });
    });
  }
  create(thread: string, input: unknown) {
    return new Promise<never>((resolve, reject) => {
      this.creates.push({ thread, input, resolve: resolve as (v: unknown) => void, reject });
    });
  }
}

/** Resolves once `check` is true, checking each animation frame (for effects with no event). */
export async function until(check: () => boolean, what = 'condition', frames = 300): Promise<void> {
  for (let i = 0; i < frames; i++) {
    if (check()) return;
    await new Promise((r) => requestAnimationFrame(r));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** Lets `n` frames pass: only for proving that something did *not* happen meanwhile. */
export async function frames(n: number): Promise<void> {
  for (let i = 0; i < n; i++) await new Promise((r) => requestAnimationFrame(r));
}

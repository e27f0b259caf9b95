import type { CommentRecord } from './adapters/types.js';

/** The details of Parley's events, by event name. */
export interface ParleyEventDetails {
  /** A page of comments finished loading; `total` is the thread's comment count. */
  'parley-loaded': { total: number };
  /** A visitor's comment was saved by the adapter. */
  'parley-posted': { comment: CommentRecord };
  /** The visitor's edit of their comment was saved. */
  'parley-edited': { comment: CommentRecord };
  /** The visitor deleted their comment; `placeholder` when "Comment deleted" stands in its place. */
  'parley-deleted': { id: string; placeholder: boolean };
  /** Loading, posting, editing or deleting failed; the widget shows the message and a way forward. */
  'parley-error': { error: unknown; action: 'load' | 'post' | 'edit' | 'delete' };
}

export type ParleyEventName = keyof ParleyEventDetails;

/** Creates one of Parley's events: bubbling and composed, so a page can listen anywhere. */
export function parleyEvent<K extends ParleyEventName>(name: K, detail: ParleyEventDetails[K]): CustomEvent<ParleyEventDetails[K]> {
  return new CustomEvent(name, { detail, bubbles: true, composed: true });
}

declare global {
  interface GlobalEventHandlersEventMap {
    'parley-loaded': CustomEvent<ParleyEventDetails['parley-loaded']>;
    'parley-posted': CustomEvent<ParleyEventDetails['parley-posted']>;
    'parley-edited': CustomEvent<ParleyEventDetails['parley-edited']>;
    'parley-deleted': CustomEvent<ParleyEventDetails['parley-deleted']>;
    'parley-error': CustomEvent<ParleyEventDetails['parley-error']>;
  }
}

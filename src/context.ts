import { createContext } from '@lit/context';
import type { Draft, DraftStore } from './drafts/draft-store.js';
import type { ParleyStrings } from './i18n/strings.js';

/**
 * The service the root element shares with everything below it: the thread's identity,
 * its words, its draft store, and the actions a form can take.
 */
export interface ThreadController {
  readonly thread: string;
  readonly strings: ParleyStrings;
  readonly drafts: DraftStore;
  readonly locale: string;
  /** The longest body that may be posted, in characters. */
  readonly maxLength: number;
  /** Posts a comment; rejects with an `Error` whose message is meant for the visitor. */
  post(parentId: string | null, draft: Draft): Promise<void>;
  /** Closes the reply form under a comment and returns focus to its Reply button. */
  cancelReply(parentId: string): void;
  /** Says something politely to screen-reader users. */
  announce(message: string): void;
}

export const threadContext = createContext<ThreadController>(Symbol('parley-thread'));

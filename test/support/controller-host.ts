import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { CommentAdapter } from '../../src/adapters/types.js';
import { ThreadController, type ThreadSettings } from '../../src/controller/thread-controller.js';
import type { Draft, DraftStore } from '../../src/drafts/draft-store.js';
import { en } from '../../src/i18n/strings.js';

// What the controller tests share: a ThreadController on a host without a DOM.

/** A host with no DOM: counts the renders asked for and records the events. */
export class Host extends EventTarget implements ReactiveControllerHost {
  controllers: ReactiveController[] = [];
  updates = 0;
  events: { type: string; detail: unknown }[] = [];
  addController(controller: ReactiveController): void {
    this.controllers.push(controller);
  }
  removeController(): void {}
  requestUpdate(): void {
    this.updates++;
  }
  get updateComplete(): Promise<boolean> {
    return Promise.resolve(true);
  }
  override dispatchEvent(event: Event): boolean {
    this.events.push({ type: event.type, detail: (event as CustomEvent).detail });
    return super.dispatchEvent(event);
  }
}

/** Drafts in a Map: the controller only hands the store to the forms. */
export const memoryDrafts = (): DraftStore => {
  const map = new Map<string, Draft>();
  return {
    get: async (key) => map.get(key),
    set: async (key, draft) => void map.set(key, draft),
    delete: async (key) => void map.delete(key),
    repliesWithDrafts: async () => [],
    getHeld: async () => [],
    setHeld: async () => {},
    getIdentity: async () => undefined,
    setIdentity: async () => {},
    persistent: true,
    subscribe: () => () => {},
  };
};

export const settings = (adapter: CommentAdapter | undefined, extra: Partial<ThreadSettings> = {}): ThreadSettings => ({
  thread: 't',
  adapter,
  maxDepth: 5,
  maxLength: 10000,
  timeout: 15000,
  strings: en,
  locale: 'en',
  ...extra,
});

/** One task later: long enough for an in-memory adapter's answer. */
export const settle = () => new Promise((resolve) => setTimeout(resolve));

/** A controller configured for `adapter` on a DOM-less host. */
export function setupController(adapter?: CommentAdapter, extra: Partial<ThreadSettings> = {}) {
  const host = new Host();
  const controller = new ThreadController(host, memoryDrafts());
  controller.configure(settings(adapter, extra));
  return { host, controller };
}

import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { draftKey, legacyDraftKey, type Draft, type DraftStore, type Identity } from './draft-store.js';

/** How long typing may pause before the draft is written (the contract allows 500 ms). */
export const SAVE_DELAY = 300;

/**
 * Keeps one form's text in a draft store: loads it when the form is pointed at a draft,
 * saves shortly after each change and at once on `pagehide` or when the form goes away,
 * and forgets it only when told the comment was saved.
 */
export class DraftController implements ReactiveController {
  body = '';
  name = '';
  email = '';
  url = '';
  notify = false;
  private store: DraftStore | null = null;
  private key: string | null = null;
  /** Whose identity `clear` remembers. */
  private backend = '';
  /**
   * Whether this draft carries the visitor's name, e-mail, website and notify choice. A
   * reply's does; an edit's holds only its text, so it neither takes the remembered
   * identity nor writes one back (which would overwrite the visitor's choices).
   */
  private withIdentity = true;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private dirty = false;
  private loadToken = 0;
  private unsubscribe: (() => void) | null = null;

  constructor(private readonly host: ReactiveControllerHost & EventTarget) {
    host.addController(this);
  }

  hostConnected(): void {
    addEventListener('pagehide', this.flush);
    if (this.store && !this.unsubscribe) this.unsubscribe = this.store.subscribe(this.handleRemoteChange);
  }

  hostDisconnected(): void {
    removeEventListener('pagehide', this.flush);
    this.unsubscribe?.();
    this.unsubscribe = null;
    this.flush();
  }

  /**
   * Another tab saved this draft: last write wins, but never under the visitor's fingers,
   * so a form that has focus keeps what it shows (and saves it on its next change).
   */
  private readonly handleRemoteChange = (key: string, draft: Draft | undefined): void => {
    if (key !== this.key || (this.host as unknown as Element).matches?.(':focus-within')) return;
    clearTimeout(this.timer);
    this.dirty = false;
    this.loadToken++; // newer than whatever a load still in progress would bring
    this.body = draft?.body ?? '';
    if (draft && this.withIdentity) this.setIdentity(draft);
    this.host.requestUpdate();
  };

  /**
   * Points the controller at the draft of one form — of `backend`, `thread`, and the
   * comment `parentId` it answers — and loads it, falling back to the name remembered for
   * that backend. Resolves to true when a saved draft with text was restored. `key` names
   * another draft than the reply's (an edit's, from `editDraftKey`): such a draft holds
   * only its text, and the remembered identity is neither loaded into it nor written from it.
   */
  async attach(store: DraftStore, backend: string, thread: string, parentId: string | null, key = draftKey(backend, thread, parentId)): Promise<boolean> {
    const reply = key === draftKey(backend, thread, parentId);
    if (store === this.store && key === this.key) return false;
    this.flush();
    if (store !== this.store) {
      this.unsubscribe?.();
      this.unsubscribe = store.subscribe(this.handleRemoteChange);
    }
    this.store = store;
    this.key = key;
    this.body = '';
    this.setIdentity({ name: '' });
    const token = ++this.loadToken;
    this.backend = backend;
    this.withIdentity = reply;
    const remembered = reply ? store.getIdentity(backend).catch(() => undefined) : undefined;
    // The draft first, on its own: within a page it comes from memory at once, so a form
    // opened again shows its text before the visitor can type.
    const draft = (await store.get(key).catch(() => undefined)) ?? (reply ? await this.adoptLegacy(store, key, thread, parentId) : undefined);
    // The visitor may have started typing, or the form moved on, while we waited.
    if (token !== this.loadToken) return false;
    if (draft) {
      this.body = draft.body;
      if (reply) this.setIdentity(draft);
      this.host.requestUpdate();
    }
    if (remembered && !this.name && !this.email && !this.url) {
      const identity = await remembered;
      if (token === this.loadToken && !this.name && !this.email && !this.url && identity) {
        this.setIdentity(identity);
        this.host.requestUpdate();
      }
    }
    return !!draft?.body;
  }

  /**
   * A draft saved before drafts were kept per backend, moved to its new key: the first
   * backend to ask for that thread and comment takes it, so it is restored once, not on
   * every site of the origin.
   */
  private async adoptLegacy(store: DraftStore, key: string, thread: string, parentId: string | null): Promise<Draft | undefined> {
    const legacy = legacyDraftKey(thread, parentId);
    const draft = await store.get(legacy).catch(() => undefined);
    if (draft) await Promise.all([store.set(key, draft), store.delete(legacy)]).catch(() => undefined);
    return draft;
  }

  /** Records what the visitor typed and schedules a save. */
  update(body: string, identity: Identity): void {
    this.setIdentity(identity);
    this.updateBody(body);
  }

  /** Records a new text only, the identity left as it is (an edit's draft has none). */
  updateBody(body: string): void {
    this.body = body;
    this.dirty = true;
    this.loadToken++; // what the visitor typed wins over a draft still being read
    clearTimeout(this.timer);
    this.timer = setTimeout(this.flush, SAVE_DELAY);
  }

  /** Writes a pending change now. */
  readonly flush = (): void => {
    clearTimeout(this.timer);
    if (!this.dirty || !this.store || !this.key) return;
    this.dirty = false;
    const { store, key, body, name, email, url, notify } = this;
    const draft: Draft = this.withIdentity ? { body, name, email, url, notify } : { body, name: '' };
    const persistent = store.persistent;
    // The form shows a note when drafts stop being kept; nothing else changes on a save.
    void (draft.body || draft.name || draft.email || draft.url ? store.set(key, draft) : store.delete(key)).then(() => {
      if (store.persistent !== persistent) this.host.requestUpdate();
    });
  };

  /**
   * Forgets the draft after its comment was saved, remembering who wrote it for next time
   * (a reply's draft only: an edit's has no identity to remember).
   */
  async clear(): Promise<void> {
    clearTimeout(this.timer);
    this.dirty = false;
    this.body = '';
    const { store, key, backend } = this;
    if (!store || !key) return;
    const identity = { name: this.name.trim(), email: this.email.trim(), url: this.url.trim(), notify: this.notify };
    const known = this.withIdentity && (identity.name || identity.email || identity.url);
    await Promise.all([store.delete(key), known ? store.setIdentity(backend, identity) : undefined]);
  }

  private setIdentity(identity: Identity): void {
    this.name = identity.name;
    this.email = identity.email ?? '';
    this.url = identity.url ?? '';
    this.notify = identity.notify === true;
  }
}

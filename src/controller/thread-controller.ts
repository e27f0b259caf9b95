import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { RestAdapter } from '../adapters/rest-adapter.js';
import type { CommentAdapter, NewComment, SortOrder } from '../adapters/types.js';

export type { SortOrder };
import { draftKey, sharedDraftStore, type Draft, type DraftStore } from '../drafts/draft-store.js';
import { parleyEvent } from '../events.js';
import { en, type ParleyStrings } from '../i18n/strings.js';
import type { SafeRecord } from '../model/normalize.js';
import { ThreadModel } from '../model/thread-model.js';
import type { CommentNode } from '../model/tree.js';
import { parseFields, type FormField } from '../reply-form/fields.js';
import { callWithTimeout } from '../util/errors.js';
import { serverUrl } from '../util/url.js';
import { afterFrame } from '../util/schedule.js';
import { logFailure, visitorReason } from './visitor-reason.js';

/**
 * A first page is shown in steps, one per frame: its first comments in reading order
 * (more than the tallest screen shows) painted at once, then the rest in steps sized so
 * that each, with its frame's style, layout and paint, stays a short task. Rendered in one
 * go, 1,000 comments were one task of about 400 ms, which blocked the host page
 * (bench/README.md).
 */
export const FIRST_SCREEN_COMMENTS = 30;

/**
 * What one step may cost the main thread, its frame included: well under the 50 ms that
 * make a long task, with room for a slower machine than the one that measured it. Each
 * step is sized from what the one before cost per comment.
 */
export const STEP_MS = 25;

/** The fewest and the most comments one step adds, whatever the last one cost. */
const MIN_STEP_COMMENTS = 20;
const MAX_STEP_COMMENTS = 1000;

/** What the element tells the controller: its attributes and properties, made usable. */
export interface ThreadSettings {
  /** The conversation's key. */
  readonly thread: string;
  readonly endpoint?: string;
  /** Wins over `endpoint`. */
  readonly adapter?: CommentAdapter;
  readonly maxDepth: number;
  readonly maxLength: number;
  /** Milliseconds an adapter call may take. */
  readonly timeout: number;
  /** The visitor's words: the English defaults with the page's replacements merged in. */
  readonly strings: ParleyStrings;
  readonly locale: string;
  /** How many replies a comment shows before "Show N more replies". Default 5. */
  readonly repliesShown?: number;
  /** The fields the forms ask for besides the comment, as `<parley-comments fields>` lists them. */
  readonly fields?: string;
  /**
   * Whether to wait before asking the backend anything (the widget is not near the
   * viewport yet, or the visitor has not asked for the comments). Released, it loads.
   */
  readonly hold?: boolean;
}


/** How long a held comment is shown to its author when the backend never lists it. */
const HELD_LIFETIME = 30 * 24 * 60 * 60 * 1000;

/** How far a permalink's comment is looked for, page by page, before it counts as gone. */
const MAX_SEEK_PAGES = 100;

/** The thread's state outside the tree that the comments show (see `CommentView`). */
export interface ShownState {
  readonly replyingTo: string | null;
  readonly expanded: ReadonlySet<string>;
  readonly repliesShown: number;
  readonly allReplies: ReadonlySet<string>;
  readonly folded: ReadonlySet<string>;
  readonly drafted: ReadonlySet<string>;
  readonly target: string | null;
  /** Whether the adapter can edit and delete comments at all (records say which). */
  readonly editable: boolean;
  readonly deletable: boolean;
  /** The comment whose edit form is open, if any. */
  readonly editing: string | null;
  /** The comment that asks "Delete this comment?", and why its deletion failed, if it did. */
  readonly deleting: string | null;
  readonly deleteFailure: string;
}

/** Where focus should go after the next render; the element moves it. */
export interface FocusRequest {
  readonly id: string;
  /**
   * The comment itself, its Reply button (a reply form that closed), its Edit or Delete
   * button (an edit or a question that closed), the question's Cancel button, or the
   * heading (the thread's last comment was deleted).
   */
  readonly on: 'comment' | 'reply-button' | 'edit-button' | 'delete-button' | 'delete-cancel' | 'heading';
  /** Whether to bring it into view first (a permalink's comment). */
  readonly scroll?: boolean;
}

/** A load that failed, and whether it was a later page (the error then shows below). */
export interface LoadError {
  readonly message: string;
  readonly more: boolean;
}

const DEFAULTS: ThreadSettings = { thread: '', maxDepth: 5, maxLength: 10000, timeout: 15000, strings: en, locale: 'en' };

/**
 * Everything one conversation does besides drawing it: which adapter to talk to, the
 * comments loaded so far (a `ThreadModel`), exactly one cancellable load at a time,
 * paging, posting, which reply forms are open and which long comments are expanded,
 * what is to be announced, and where focus should go next.
 *
 * It holds no DOM. Its host (the `<parley-comments>` element) renders what it holds,
 * moves focus and sends user actions back here; the reply forms reach it through
 * `@lit/context`. Like Lit's `Task`, a newer load aborts the older one through its
 * `AbortSignal`, and an answer that arrives after that is ignored.
 */
export class ThreadController implements ReactiveController {
  private settings: ThreadSettings = DEFAULTS;
  private rest: { endpoint: string; adapter: RestAdapter } | null = null;
  private modelValue = new ThreadModel();
  private loadAbort: AbortController | null = null;
  private loadToken = 0;
  private announceToken = 0;
  private stepToken = 0;
  /**
   * `parley-loaded` of a first page shown in steps, sent once its last comment is in the
   * DOM: whoever waits for it finds the page there, as with a page shown at once.
   */
  private loadedWhenShown: (() => void) | null = null;
  private revisits = new Set<string>();
  private expandedIds = new Set<string>();
  private replyingToId: string | null = null;
  private allRepliesIds = new Set<string>();
  private foldedIds = new Set<string>();
  private draftedIds = new Set<string>();
  private targetId: string | null = null;
  private editingId: string | null = null;
  private deletingId: string | null = null;
  private deleteFailure = '';
  /** The comment a deletion is on its way for: one request, however often it is confirmed. */
  private removing: string | null = null;
  /** Takes Edit and Delete away when the first comment's `editableUntil` passes. */
  private expiry: ReturnType<typeof setTimeout> | undefined;
  /** The comment a permalink names, until it is found or known to be gone. */
  private sought: string | null = null;
  private sortOrder: SortOrder | null = null;
  private parsedFields?: { words: string; fields: readonly FormField[] };
  /** When each of this visitor's held comments was first kept on this device. */
  private heldSince = new Map<string, number>();

  /** Where drafts are kept; every widget on a page shares one store. */
  readonly drafts: DraftStore;
  /** Whether the first page (or a reload's) is on its way. */
  loading = false;
  /** Whether a later page is on its way. */
  loadingMore = false;
  /** Whether the backend mails replies to those who ask (its first page's `notify`). */
  notifies = false;
  /** The last load's failure, until the next load starts. */
  loadError: LoadError | null = null;
  /** What the live region says. */
  announcement = '';
  /** Where focus should go after the next render; the host takes it with `takeFocus`. */
  private focusRequest: FocusRequest | null = null;
  /**
   * How many comment elements the next render may add: no limit, except for a big first
   * page, which gets `FIRST_SCREEN_COMMENTS` in the render after it arrives and then none
   * until the second step lifts the limit.
   */
  renderBudget = Infinity;

  constructor(
    private readonly host: ReactiveControllerHost & EventTarget,
    drafts: DraftStore = sharedDraftStore(),
  ) {
    this.drafts = drafts;
    host.addController(this);
  }

  /** The conversation's key. */
  get thread(): string {
    return this.settings.thread;
  }

  get strings(): ParleyStrings {
    return this.settings.strings;
  }

  get locale(): string {
    return this.settings.locale;
  }

  /** The longest body that may be posted, in characters. */
  get maxLength(): number {
    return this.settings.maxLength;
  }

  /** The name, e-mail and website fields the forms show, in order. */
  get fields(): readonly FormField[] {
    const words = this.settings.fields ?? '';
    if (this.parsedFields?.words !== words) this.parsedFields = { words, fields: parseFields(words) };
    return this.parsedFields.fields;
  }

  /** The comments loaded so far. */
  get model(): ThreadModel {
    return this.modelValue;
  }

  /** The comment whose reply form is open, if any. */
  get replyingTo(): string | null {
    return this.replyingToId;
  }

  /** Comments whose long body the visitor expanded. */
  get expanded(): ReadonlySet<string> {
    return this.expandedIds;
  }

  /** How many replies a comment shows before "Show N more replies". */
  get repliesShown(): number {
    const n = this.settings.repliesShown;
    return n !== undefined && n >= 0 ? Math.floor(n) : 5;
  }

  /** Comments whose replies all show: the visitor asked for the rest. */
  get allReplies(): ReadonlySet<string> {
    return this.allRepliesIds;
  }

  /** Comments whose replies the visitor hid (remembered per thread for the session). */
  get folded(): ReadonlySet<string> {
    return this.foldedIds;
  }

  /** Comments with a saved reply draft, so their Reply button can say so. */
  get drafted(): ReadonlySet<string> {
    return this.draftedIds;
  }

  /** The comment a permalink named, once found: highlighted. */
  get target(): string | null {
    return this.targetId;
  }

  /** The orders the adapter can list in; empty when it cannot sort. */
  get sortOrders(): readonly SortOrder[] {
    // Read with care: an adapter is any object a page hands over.
    const sort: unknown = this.adapter?.capabilities?.sort;
    return Array.isArray(sort) ? sort.filter((o): o is SortOrder => o === 'oldest' || o === 'newest') : [];
  }

  /** The order the thread is listed in; the adapter's own until the visitor picks one. */
  get sort(): SortOrder | null {
    return this.sortOrder;
  }

  /** What the renderer needs of the thread's state besides the tree. */
  get shown(): ShownState {
    const { replyingTo, expanded, repliesShown, allReplies, folded, drafted, target } = this;
    const adapter = this.adapter;
    return {
      replyingTo, expanded, repliesShown, allReplies, folded, drafted, target,
      editable: typeof adapter?.update === 'function',
      deletable: typeof adapter?.remove === 'function',
      editing: this.editingId,
      deleting: this.deletingId,
      deleteFailure: this.deleteFailure,
    };
  }

  /** Whether what is shown is still changing: a load, or the second step of a big page. */
  get busy(): boolean {
    return this.loading || this.loadingMore || this.renderBudget !== Infinity;
  }

  /** Whether "Load more" is offered. It waits for the second step of a big first page. */
  get canLoadMore(): boolean {
    return this.model.next !== null && !this.loadError && this.renderBudget === Infinity;
  }

  hostConnected(): void {
    // Re-added after a removal that cancelled the load: load again.
    if (this.settings !== DEFAULTS && !this.settings.hold && !this.model.loaded && !this.loading) this.reload();
  }

  hostDisconnected(): void {
    clearTimeout(this.expiry);
    if (!this.loadAbort) return;
    this.loadAbort.abort();
    this.loadAbort = null;
    this.loadToken++;
    this.loading = this.loadingMore = false;
  }

  /**
   * Takes the host's settings. A new thread, endpoint or adapter starts over; a new depth
   * moves only the comments it affects. Returns whether the source changed.
   */
  configure(next: ThreadSettings): boolean {
    const before = this.settings;
    this.settings = {
      ...next,
      maxDepth: next.maxDepth > 0 ? next.maxDepth : DEFAULTS.maxDepth,
      maxLength: next.maxLength > 0 ? next.maxLength : DEFAULTS.maxLength,
    };
    const source =
      before === DEFAULTS || next.thread !== before.thread || next.endpoint !== before.endpoint || next.adapter !== before.adapter;
    // New words are written into every comment: all of them at once.
    if (next.strings !== before.strings || next.locale !== before.locale) this.showAll();
    if (source) this.reload();
    else {
      this.model.setMaxDepth(this.settings.maxDepth);
      if (before.hold && !next.hold && !this.model.loaded && !this.loading) void this.load(false);
    }
    return source;
  }

  /** The adapter chosen from the settings: `adapter`, else a REST adapter for `endpoint`. */
  get adapter(): CommentAdapter | null {
    const { adapter, endpoint } = this.settings;
    if (adapter) return adapter;
    if (!endpoint) return null;
    if (this.rest?.endpoint !== endpoint) this.rest = { endpoint, adapter: new RestAdapter(endpoint) };
    return this.rest.adapter;
  }

  /**
   * Who keeps this thread's comments, for keying drafts and the remembered name: the
   * adapter's `id` (built-in adapters name their kind and server), the REST endpoint as
   * an absolute address, or one shared key for adapters that give no id.
   */
  get backend(): string {
    const { adapter, endpoint } = this.settings;
    if (adapter) {
      const id: unknown = adapter.id;
      return typeof id === 'string' && id ? id : 'adapter';
    }
    if (!endpoint) return '';
    try {
      return `rest ${serverUrl(endpoint, '')}`;
    } catch {
      return `rest ${endpoint}`; // refused by the adapter anyway, with a reason
    }
  }

  /** Starts over: drops what was loaded and loads the first page. */
  reload(): void {
    this.showAll();
    this.modelValue = new ThreadModel(this.settings.maxDepth);
    this.replyingToId = null;
    this.expandedIds = new Set();
    this.allRepliesIds = new Set();
    this.foldedIds = new Set(readFolded(this.foldKey));
    this.draftedIds = new Set();
    this.targetId = null;
    this.editingId = this.deletingId = null;
    this.heldSince = new Map();
    clearTimeout(this.expiry);
    this.revisits.clear();
    // Held, nothing is asked of the backend until the host lets go.
    if (!this.settings.hold) void this.load(false);
  }

  /** Whether the comments wait for the host to let them load (see `ThreadSettings.hold`). */
  get held(): boolean {
    return !!this.settings.hold && !this.model.loaded && !this.loading;
  }

  /** Lists the thread in another order, from its first page. */
  setSort(order: SortOrder): void {
    if (order === this.sortOrder || !this.sortOrders.includes(order)) return;
    this.sortOrder = order;
    this.reload();
  }

  /**
   * Looks for the comment a permalink names: loads pages through the cursor until it
   * arrives, shows what hides it, highlights it and asks for focus on it, or announces
   * that it is not in the thread. Before the first page it waits for that page.
   */
  seek(id: string): void {
    this.sought = id;
    if (this.model.loaded && !this.loading) void this.findSought();
  }

  private async findSought(): Promise<void> {
    const id = this.sought;
    const model = this.model;
    if (id === null) return;
    for (let pages = 0; !model.tree.byId.has(id) && model.next && pages < MAX_SEEK_PAGES; pages++) {
      await this.load(true);
      // Another thread, another permalink or a failure (shown with Retry) took over.
      if (model !== this.model || this.sought !== id || this.loadError) return;
    }
    this.sought = null;
    const node = model.tree.byId.get(id);
    if (!node) {
      this.announce(this.strings.notFound);
      return;
    }
    this.showAll();
    // Every comment it sits in shows its replies, this one among them.
    for (let child = node, box = node.container; box; child = box, box = box.container) {
      const boxId = box.record.id;
      if (this.foldedIds.delete(boxId)) writeFolded(this.foldKey, this.foldedIds);
      if (box.children.indexOf(child) >= this.repliesShown) this.allRepliesIds.add(boxId);
      this.revisit(boxId);
    }
    if (this.targetId !== null) this.revisit(this.targetId);
    this.targetId = id;
    this.revisit(id);
    this.focusRequest = { id, on: 'comment', scroll: true };
  }

  /** Shows all the replies of a comment that shows only its first ones. */
  showAllReplies(id: string): void {
    this.allRepliesIds.add(id);
    this.revisit(id);
  }

  /** Hides a comment's replies, or shows them again; remembered for the session. */
  toggleReplies(id: string): void {
    if (!this.foldedIds.delete(id)) this.foldedIds.add(id);
    writeFolded(this.foldKey, this.foldedIds);
    this.revisit(id);
  }

  /** Where the hidden branches of this thread are remembered. */
  private get foldKey(): string {
    return JSON.stringify(['parley-folded', this.backend, this.thread]);
  }

  /**
   * Shows this visitor's held comments kept from earlier visits, and forgets those the
   * backend lists now or that are older than `HELD_LIFETIME`.
   */
  private async showHeld(model: ThreadModel): Promise<void> {
    const kept = await this.drafts.getHeld(this.backend, this.thread).catch(() => []);
    if (model !== this.model || !kept.length) return;
    const now = Date.now();
    const fresh = kept.filter((entry) => now - entry.savedAt < HELD_LIFETIME);
    for (const { record, savedAt } of fresh) {
      const id = (record as { id?: unknown } | null)?.id;
      if (typeof id === 'string') this.heldSince.set(id, savedAt);
    }
    model.addHeld(fresh.map((entry) => entry.record));
    this.host.requestUpdate();
    this.keepHeld(model);
  }

  /**
   * Writes down which of this visitor's comments still wait, with when each was first
   * kept. Written at once, without reading first: a reload right after posting finds it.
   */
  private keepHeld(model: ThreadModel): void {
    const now = Date.now();
    const held = model.held.map((record) => ({ record, savedAt: this.heldSince.get(record.id) ?? now }));
    void this.drafts.setHeld(this.backend, this.thread, held).catch(() => undefined);
  }

  /** Reads which comments have a saved reply draft, for their Reply buttons. */
  private async readDrafted(model: ThreadModel): Promise<void> {
    const ids = await this.drafts.repliesWithDrafts(this.backend, this.thread).catch(() => []);
    if (model !== this.model) return;
    for (const id of ids) {
      if (this.draftedIds.has(id)) continue;
      this.draftedIds.add(id);
      this.revisit(id);
    }
  }

  /** Notes whether a comment's reply draft is still there once its form has closed. */
  private async checkDraft(id: string): Promise<void> {
    const model = this.model;
    const draft = await this.drafts.get(draftKey(this.backend, this.thread, id)).catch(() => undefined);
    if (model !== this.model || !!draft?.body === this.draftedIds.has(id)) return;
    if (draft?.body) this.draftedIds.add(id);
    else this.draftedIds.delete(id);
    this.revisit(id);
  }

  /**
   * Loads the page after the last one. Resolves to the first top-level comment that
   * arrived, for the host to move focus to when the page took its "Load more" button.
   */
  async loadMore(): Promise<string | undefined> {
    if (this.loadingMore || !this.model.next) return undefined;
    const before = this.model.tree.roots.length;
    const model = this.model;
    await this.load(true);
    return model === this.model ? model.tree.roots[before]?.record.id : undefined;
  }

  /** Tries the failed load again: the same later page, or the whole thread. */
  retry(): void {
    if (this.loadError?.more) void this.load(true);
    else this.reload();
  }

  private async load(more: boolean): Promise<void> {
    const adapter = this.adapter;
    this.loadAbort?.abort();
    const token = ++this.loadToken;
    this.loadError = null;
    if (!adapter) {
      // No backend yet: wait quietly until one is set.
      this.loading = this.loadingMore = false;
      this.loadAbort = null;
      this.host.requestUpdate();
      return;
    }
    const abort = (this.loadAbort = new AbortController());
    this.loadedWhenShown = null;
    const { strings, locale, thread, timeout } = this.settings;
    const model = this.model;
    const cursor = more ? model.next : null;
    if (more) this.loadingMore = true;
    else this.loading = true;
    this.announce(more ? strings.loadingMore : strings.loading);
    try {
      const sort = this.sortOrder ?? undefined;
      const page = await callWithTimeout(
        (signal) => adapter.list(thread, sort ? { cursor, signal, sort } : { cursor, signal }),
        timeout,
        abort,
        strings.timeout,
      );
      if (token !== this.loadToken) return;
      const known = model.tree.byId.size;
      const heldBefore = model.held.length;
      model.appendPage(page);
      this.watchExpiry(model);
      if (!more) this.notifies = page?.notify === true;
      // Only a first page: a later one lands below what the visitor reads, where Load more
      // (focused, and still wanted if more pages follow) must not go away meanwhile.
      this.announce(strings.loaded(model.total, locale));
      const loaded = () => this.host.dispatchEvent(parleyEvent('parley-loaded', { total: model.total }));
      if (!more && model.tree.byId.size - known > FIRST_SCREEN_COMMENTS) {
        this.loadedWhenShown = loaded;
        this.showInSteps();
      } else loaded();
      if (!more) {
        void this.readDrafted(model);
        void this.showHeld(model);
        // A permalink opened before the comments came: look for it now.
        if (this.sought !== null) queueMicrotask(() => void this.findSought());
      } else if (model.held.length !== heldBefore) {
        // The backend lists one of this visitor's held comments now.
        this.keepHeld(model);
      }
    } catch (error) {
      // A newer load, a removal or a thread change has taken over: this one is moot.
      if (token !== this.loadToken) return;
      this.loadError = { message: visitorReason(error, strings, strings.loadFailed), more };
      logFailure('The comments could not be loaded', error);
      this.host.dispatchEvent(parleyEvent('parley-error', { error, action: 'load' }));
    } finally {
      if (token === this.loadToken) {
        this.loading = this.loadingMore = false;
        this.loadAbort = null;
        this.host.requestUpdate();
      }
    }
  }

  /**
   * Posts a comment through the adapter and puts the saved comment in its place. Resolves
   * to the saved comment (null when the thread changed meanwhile or the adapter answered
   * with something that is not a comment); rejects with an `Error` whose message is meant
   * for the visitor.
   */
  async post(parentId: string | null, draft: Draft, spamSignals: Pick<NewComment, 'trap' | 'elapsedMs' | 'notify'> = {}): Promise<SafeRecord | null> {
    const { strings, thread, timeout } = this.settings;
    const adapter = this.adapter;
    if (!adapter) throw new Error(strings.postFailed(strings.unknownError));
    if (navigator.onLine === false) throw new Error(strings.postFailed(strings.offline));
    const model = this.model;
    let created: unknown;
    try {
      // An empty name is sent empty: each backend stores its own "no name", and the widget
      // shows its words for it, rather than the backend keeping our "Anonymous" for good.
      const { name, email, url } = draft;
      const input = { parentId, body: draft.body, author: { name, ...(email ? { email } : {}), ...(url ? { url } : {}) }, ...spamSignals };
      created = await callWithTimeout((signal) => adapter.create(thread, input, { signal }), timeout, new AbortController(), strings.timeout);
    } catch (error) {
      // The backend's own words help the site's owner; the visitor gets theirs.
      logFailure('The comment was not posted', error);
      this.host.dispatchEvent(parleyEvent('parley-error', { error, action: 'post' }));
      throw new Error(strings.postFailed(visitorReason(error, strings, strings.unknownError)));
    }
    // The visitor switched threads while this was in flight: it belongs to the old one.
    if (model !== this.model) return null;
    // The new comment is focused once rendered: everything has to be.
    this.showAll();
    const node = model.insert(created);
    if (parentId !== null) {
      this.closeReply(parentId, false);
      // The form forgets the draft now that its comment is saved.
      if (this.draftedIds.delete(parentId)) this.revisit(parentId);
    }
    if (!node) {
      // The adapter saved something but answered with garbage: show what the server has.
      this.reload();
      this.announce(strings.posted);
      return null;
    }
    this.announce(node.record.status === 'pending' ? strings.postedPending : strings.posted);
    // Held for moderation, it is shown to its author after a reload too.
    if (node.record.status === 'pending') this.keepHeld(model);
    this.focusRequest = { id: node.record.id, on: 'comment' };
    this.host.requestUpdate();
    this.watchExpiry(model);
    this.host.dispatchEvent(parleyEvent('parley-posted', { comment: node.record }));
    return node.record;
  }

  /** Opens the reply form under a comment (closing any other). Returns false if it was open. */
  openReply(id: string): boolean {
    const previous = this.replyingToId;
    if (previous === id) return false;
    this.replyingToId = id;
    if (previous !== null) this.revisit(previous);
    this.revisit(id);
    return true;
  }

  /**
   * Closes the reply form under a comment; with `returnFocus`, focus goes back to that
   * comment's Reply button after the render.
   */
  closeReply(id: string, returnFocus = true): void {
    if (this.replyingToId !== id) return;
    this.replyingToId = null;
    this.revisit(id);
    if (!returnFocus) return;
    this.focusRequest = { id, on: 'reply-button' };
    // The form saves what it holds as it closes; its Reply button then says so.
    setTimeout(() => void this.checkDraft(id));
  }

  /** The comment whose edit form is open, if any. */
  get editing(): string | null {
    return this.editingId;
  }

  /** Whether the visitor may edit (or delete) a comment now: the adapter can, and the record says so. */
  mayChange(id: string, how: 'edit' | 'delete'): boolean {
    const record = this.model.tree.byId.get(id)?.record;
    if (how === 'edit') return typeof this.adapter?.update === 'function' && record?.canEdit === true;
    return typeof this.adapter?.remove === 'function' && record?.canDelete === true;
  }

  /** Runs a button of the visitor's own comment (`edit`, `delete` and the question's two); false for any other. */
  ownAction(action: string, id: string): boolean {
    if (action === 'edit') this.openEdit(id);
    else if (action === 'delete') this.askDelete(id);
    else if (action === 'confirm-delete') void this.confirmDelete(id);
    else if (action === 'cancel-delete') this.cancelDelete(id);
    else return false;
    return true;
  }

  /** Opens the form that edits one of the visitor's comments (closing any other). */
  openEdit(id: string): void {
    if (this.editingId === id || !this.mayChange(id, 'edit')) return;
    if (this.editingId !== null) this.revisit(this.editingId);
    if (this.deletingId === id) this.cancelDelete(id, false);
    this.editingId = id;
    this.revisit(id);
  }

  /** Closes the edit form; with `returnFocus`, focus goes back to the comment's Edit button. */
  closeEdit(id: string, returnFocus = true): void {
    if (this.editingId !== id) return;
    this.editingId = null;
    this.revisit(id);
    if (returnFocus) this.focusRequest = { id, on: 'edit-button' };
  }

  /**
   * Saves the new text of one of the visitor's comments and shows it in place. Resolves
   * to the saved comment (null when the thread changed meanwhile); rejects with an `Error`
   * whose message is meant for the visitor, the form staying open with their text.
   */
  async saveEdit(id: string, body: string): Promise<SafeRecord | null> {
    const { strings, thread, timeout } = this.settings;
    const adapter = this.adapter;
    if (!adapter?.update) throw new Error(strings.editFailed(strings.unknownError));
    if (navigator.onLine === false) throw new Error(strings.editFailed(strings.offline));
    const model = this.model;
    let saved: unknown;
    try {
      saved = await callWithTimeout((signal) => adapter.update!(thread, id, { body }, { signal }), timeout, new AbortController(), strings.timeout);
    } catch (error) {
      this.changeFailed(model, id, error, 'edit');
      throw new Error(strings.editFailed(visitorReason(error, strings, strings.unknownError)));
    }
    if (model !== this.model) return null;
    const node = model.replace(saved);
    this.closeEdit(id);
    if (!node) {
      this.reload();
      this.announce(strings.edited);
      return null;
    }
    // Held (again) by the backend: the visitor hears so, and sees it after a reload too.
    if (node.record.status === 'pending') this.keepHeld(model);
    this.announce(node.record.status === 'pending' ? strings.postedPending : strings.edited);
    this.watchExpiry(model);
    this.host.dispatchEvent(parleyEvent('parley-edited', { comment: node.record }));
    return node.record;
  }

  /** Asks, in the page, whether to delete one of the visitor's comments. */
  askDelete(id: string): void {
    if (!this.mayChange(id, 'delete')) return;
    if (this.deletingId !== null && this.deletingId !== id) this.cancelDelete(this.deletingId, false);
    this.deletingId = id;
    this.deleteFailure = '';
    this.revisit(id);
    this.focusRequest = { id, on: 'delete-cancel' };
  }

  /** Takes the question back; with `returnFocus`, focus goes back to the Delete button. */
  cancelDelete(id: string, returnFocus = true): void {
    if (this.deletingId !== id) return;
    this.deletingId = null;
    this.deleteFailure = '';
    this.revisit(id);
    if (returnFocus) this.focusRequest = { id, on: 'delete-button' };
  }

  /**
   * Deletes one of the visitor's comments, as asked: it goes, or where replies hang from
   * it, "Comment deleted" stays in its place; the count follows. A failure is shown in
   * the question, which stays; a refusal no retry can change closes it.
   */
  async confirmDelete(id: string): Promise<void> {
    const { strings, thread, timeout } = this.settings;
    const adapter = this.adapter;
    if (this.deletingId !== id || this.removing === id || !adapter?.remove) return;
    const model = this.model;
    this.removing = id;
    try {
      await callWithTimeout((signal) => adapter.remove!(thread, id, { signal }), timeout, new AbortController(), strings.timeout);
    } catch (error) {
      if (model !== this.model) return;
      const message = strings.deleteFailed(visitorReason(error, strings, strings.unknownError));
      if (this.changeFailed(model, id, error, 'delete')) {
        this.cancelDelete(id, false);
        this.focusRequest = { id, on: 'comment' };
      } else {
        this.deleteFailure = message;
        this.revisit(id);
      }
      this.announce(message);
      return;
    } finally {
      if (this.removing === id) this.removing = null;
    }
    if (model !== this.model) return;
    const node = model.tree.byId.get(id);
    // Where focus goes when the comment goes: the next comment beside it, else the one
    // before, else the comment it sits in (unless that goes too), else the heading.
    const siblings = node ? (node.container?.children ?? model.tree.roots) : [];
    const at = node ? siblings.indexOf(node) : -1;
    const candidates = [...siblings.slice(at + 1).filter((n) => n.parent !== node), ...siblings.slice(0, Math.max(at, 0)).reverse()];
    for (let box = node?.container; box; box = box.container) candidates.push(box, ...(box.container?.children ?? model.tree.roots).filter((n) => n !== box));
    this.deletingId = null;
    this.deleteFailure = '';
    if (this.editingId === id) this.editingId = null;
    // A reply form left open would hang under "Comment deleted" and post to it, or point
    // at a comment that is gone. Its draft stays in the store; focus goes where set below.
    this.closeReply(id, false);
    const held = node?.record.status === 'pending';
    const result = model.remove(id);
    if (held) this.keepHeld(model);
    if (result === 'placeholder') this.revisit(id);
    const next = candidates.find((n) => model.tree.byId.get(n.record.id) === n);
    this.focusRequest = result === 'placeholder' ? { id, on: 'comment' } : next ? { id: next.record.id, on: 'comment' } : { id, on: 'heading' };
    this.announce(strings.deleted);
    this.host.requestUpdate();
    this.host.dispatchEvent(parleyEvent('parley-deleted', { id, placeholder: result === 'placeholder' }));
  }

  /**
   * Takes Edit and Delete away from the visitor's comments whose `editableUntil` has
   * passed, and waits for the next one: the buttons go when the backend would refuse.
   */
  private watchExpiry(model: ThreadModel): void {
    clearTimeout(this.expiry);
    if (model !== this.model) return;
    const now = Date.now();
    let next = Infinity;
    for (const { record } of model.tree.byId.values()) {
      if (!record.editableUntil || (!record.canEdit && !record.canDelete)) continue;
      const until = Date.parse(record.editableUntil);
      if (until > now) {
        next = Math.min(next, until);
        continue;
      }
      const { canEdit, canDelete, editableUntil, ...rest } = record;
      model.replace(rest);
      this.revisit(record.id);
    }
    // setTimeout holds at most about 24.8 days; a later time is looked at again then.
    if (next !== Infinity) this.expiry = setTimeout(() => this.watchExpiry(model), Math.min(next - now + 50, 2 ** 31 - 1));
  }

  /**
   * Reports a failed edit or deletion. A refusal that no retry can change (the time is
   * over, or the comment is not the visitor's to change) takes its Edit and Delete
   * buttons away; returns whether it was one.
   */
  private changeFailed(model: ThreadModel, id: string, error: unknown, action: 'edit' | 'delete'): boolean {
    logFailure(action === 'edit' ? 'The comment was not changed' : 'The comment was not deleted', error);
    this.host.dispatchEvent(parleyEvent('parley-error', { error, action }));
    const code: unknown = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
    if ((code !== 'edit-window-closed' && code !== 'not-yours') || model !== this.model) return false;
    const record = model.tree.byId.get(id)?.record;
    if (record) {
      const { canEdit, canDelete, editableUntil, ...rest } = record;
      model.replace(rest);
      this.revisit(id);
    }
    return true;
  }

  /** Shows a long comment whole. */
  expand(id: string): void {
    if (this.expandedIds.has(id)) return;
    this.expandedIds.add(id);
    this.revisit(id);
  }

  /**
   * Says something through the live region. It is emptied first, for one render, so the
   * same words twice in a row ("Comment posted") are announced twice.
   */
  announce(message: string): void {
    void this.say(message);
  }

  private async say(message: string): Promise<void> {
    const token = ++this.announceToken;
    if (this.announcement === message) {
      this.announcement = '';
      this.host.requestUpdate();
      await this.host.updateComplete;
      if (token !== this.announceToken) return;
    }
    this.announcement = message;
    this.host.requestUpdate();
  }

  /**
   * The comments whose state outside the tree (reply form, expanded body) changed since
   * the last render, for the renderer to visit again; taking them clears the list.
   */
  takeRevisits(): CommentNode[] {
    const nodes: CommentNode[] = [];
    for (const id of this.revisits) {
      const node = this.model.tree.byId.get(id);
      if (node) nodes.push(node);
    }
    this.revisits.clear();
    return nodes;
  }

  /** Where focus should go now that the render is done; taking it clears it. */
  takeFocus(): FocusRequest | null {
    const request = this.focusRequest;
    this.focusRequest = null;
    return request;
  }

  /**
   * Called by the host after each render of the comments, with whether every comment is
   * shown. Between the steps of a first page, other renders (an announcement, say) add no
   * comments; once all are shown, the steps are over.
   */
  rendered(complete = true): void {
    if (complete && this.loadedWhenShown) {
      const loaded = this.loadedWhenShown;
      this.loadedWhenShown = null;
      loaded();
    }
    if (this.renderBudget === Infinity) return;
    if (complete) this.showAll();
    else this.renderBudget = 0;
  }

  private revisit(id: string): void {
    this.revisits.add(id);
    this.host.requestUpdate();
  }

  /**
   * Shows a first page in steps: its first comments in reading order now, then more in a
   * task after each frame, so that writing a step's comments and laying them out in the
   * next frame are two tasks, each sized to `STEP_MS` from what the step before cost per
   * comment. Until all are shown the thread is `aria-busy` and "Load more" waits. A
   * hidden tab paints no frames: there everything is shown at once, which costs no
   * layout while it stays hidden.
   */
  private showInSteps(): void {
    const token = ++this.stepToken;
    let size = (this.renderBudget = FIRST_SCREEN_COMMENTS);
    let shown = size;
    let fallback: ReturnType<typeof setTimeout>;
    const next = (written: number) => {
      fallback = setTimeout(() => token === this.stepToken && this.showAll(), 1000);
      afterFrame((frame) => {
        if (token !== this.stepToken) return;
        clearTimeout(fallback);
        const cost = Math.max(written, frame, 1);
        // A frame's cost also grows with what is already shown (the list's layout, paint
        // and commit walk every top-level comment): at least 1 % of that per step, or the
        // steps would get ever smaller and ever more. Grown at most twofold a step: the
        // comments ahead may be longer than the last ones.
        const least = Math.max(MIN_STEP_COMMENTS, shown / 100);
        size = Math.floor(Math.max(least, Math.min(2 * size, MAX_STEP_COMMENTS, (size * STEP_MS) / cost)));
        shown += size;
        void step();
      });
    };
    const step = async () => {
      const started = performance.now();
      this.renderBudget = size;
      this.host.requestUpdate();
      await this.host.updateComplete;
      // The last step showed everything (`rendered`), or something else did.
      if (token === this.stepToken) next(performance.now() - started);
    };
    next(0);
  }

  private showAll(): void {
    this.stepToken++;
    if (this.renderBudget === Infinity) return;
    this.renderBudget = Infinity;
    this.host.requestUpdate();
  }
}

/** The hidden branches of a thread, as kept for the session (none where storage is closed). */
function readFolded(key: string): string[] {
  try {
    const ids: unknown = JSON.parse(sessionStorage.getItem(key) ?? '[]');
    return Array.isArray(ids) ? ids.filter((id): id is string => typeof id === 'string') : [];
  } catch {
    return [];
  }
}

function writeFolded(key: string, ids: ReadonlySet<string>): void {
  try {
    if (ids.size) sessionStorage.setItem(key, JSON.stringify([...ids]));
    else sessionStorage.removeItem(key);
  } catch {
    // A closed storage forgets the folds at the next page; nothing else is lost.
  }
}

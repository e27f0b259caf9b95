import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { ContextProvider } from '@lit/context';
import { RestAdapter } from './adapters/rest-adapter.js';
import type { CommentAdapter } from './adapters/types.js';
import type { CommentView } from './comment/comment.js';
import { FIRST_SCREEN_COMMENTS, ThreadView, TWO_STEPS_FROM } from './comment/thread-view.js';
import { threadContext, type ThreadController } from './context.js';
import { sharedDraftStore, type Draft, type DraftStore } from './drafts/draft-store.js';
import { parleyEvent } from './events.js';
import { en, type ParleyStrings } from './i18n/strings.js';
import { styles } from './parley-comments.styles.js';
import { commentStyles } from './comment/comment.styles.js';
import { ThreadModel } from './thread/thread-model.js';
import { markChanged } from './thread/tree.js';
import { callWithTimeout, errorMessage } from './util/errors.js';
import { afterNextPaint } from './util/schedule.js';

type Theme = 'light' | 'dark' | 'auto';

/**
 * Threaded comments for one conversation, loaded and posted through an adapter.
 *
 * @fires parley-loaded - A page of comments was loaded. `detail: { total }`.
 * @fires parley-posted - A visitor's comment was saved. `detail: { comment }`.
 * @fires parley-error - Loading or posting failed. `detail: { error, action: 'load' | 'post' }`.
 *
 * @csspart heading - The heading with the comment count.
 * @csspart comment - Each comment's box (its `<article>`).
 * @csspart author - The author's name (a link when they gave an http(s) URL).
 * @csspart body - The comment's text.
 * @csspart reply-button - Each comment's Reply button.
 * @csspart form - Every comment form.
 * @csspart textarea - The text area of every form.
 * @csspart submit - The "Post comment" and "Post reply" buttons.
 *
 * @cssprop --parley-font-family - The font of the whole widget. Default: inherited.
 * @cssprop --parley-color-text - Text colour.
 * @cssprop --parley-color-background - Background of the widget and its fields.
 * @cssprop --parley-color-accent - Background of the post buttons, links and focus rings.
 * @cssprop --parley-color-on-accent - Text on the accent colour.
 * @cssprop --parley-color-muted - Secondary text: times, notes.
 * @cssprop --parley-color-border - Borders of fields, buttons and nested threads.
 * @cssprop --parley-color-danger - Error messages.
 * @cssprop --parley-radius - Corner radius of fields and buttons.
 * @cssprop --parley-indent - How far each level of replies is indented.
 */
export class ParleyComments extends LitElement {
  static override styles = [styles, commentStyles];

  static override properties = {
    thread: { reflect: false },
    endpoint: {},
    adapter: { attribute: false },
    maxDepth: { attribute: 'max-depth', type: Number },
    // Reflected: the stylesheet reads the attribute, so `.theme = 'dark'` must set it.
    theme: { reflect: true },
    headingLevel: { attribute: 'heading-level', type: Number },
    maxLength: { attribute: 'max-length', type: Number },
    strings: { attribute: false },
    timeout: { attribute: false },
    loading: { state: true },
    loadingMore: { state: true },
    loadError: { state: true },
    announcement: { state: true },
  };

  /** The key of the conversation; the page's path when not set. */
  declare thread: string | undefined;
  /** Base URL of a server speaking Parley's REST contract. */
  declare endpoint: string | undefined;
  /** Any object implementing `CommentAdapter`; wins over `endpoint`. */
  declare adapter: CommentAdapter | undefined;
  /** The deepest nesting shown; deeper replies appear at this level. */
  declare maxDepth: number;
  /** `light`, `dark`, or `auto` (follows `prefers-color-scheme`). */
  declare theme: Theme;
  /** The level of the count heading (1–6). */
  declare headingLevel: number;
  /** The longest comment that may be posted, in characters. */
  declare maxLength: number;
  /** Words to replace the English defaults; see `ParleyStrings`. */
  declare strings: Partial<ParleyStrings>;
  /** How long to wait for the adapter before giving up, in milliseconds. */
  declare timeout: number;
  private declare loading: boolean;
  private declare loadingMore: boolean;
  private declare loadError: { message: string; more: boolean } | null;
  private declare announcement: string;

  private readonly provider = new ContextProvider(this, { context: threadContext });
  private model = new ThreadModel();
  private view!: CommentView;
  private loadAbort: AbortController | null = null;
  private loadToken = 0;
  private restAdapter: { endpoint: string; adapter: RestAdapter } | null = null;
  private drafts: DraftStore = sharedDraftStore();
  private clock?: ReturnType<typeof setInterval>;
  private threadView?: ThreadView;
  private announceToken = 0;
  /**
   * How many comment elements a render may add: no limit, except for a big page: 60 in
   * the render after it arrives, then none until the second step lifts the limit.
   */
  private newComments = Infinity;
  private stepToken = 0;

  constructor() {
    super();
    this.maxDepth = 5;
    this.theme = 'auto';
    this.headingLevel = 2;
    this.maxLength = 10000;
    this.strings = {};
    this.timeout = 15000;
    this.loading = false;
    this.loadingMore = false;
    this.loadError = null;
    this.announcement = '';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.clock = setInterval(this.refreshTimes, 60_000);
    // Back from a hidden tab (where the timer does nothing), times catch up at once.
    document.addEventListener('visibilitychange', this.refreshTimes);
    // Re-added after a removal that cancelled the load: load again.
    if (this.hasUpdated && !this.model.loaded && !this.loading) this.reload();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearInterval(this.clock);
    document.removeEventListener('visibilitychange', this.refreshTimes);
    if (this.loadAbort) {
      this.loadAbort.abort();
      this.loadAbort = null;
      this.loadToken++;
      this.loading = this.loadingMore = false;
    }
  }

  private get locale(): string {
    return (this.closest('[lang]') as HTMLElement | null)?.lang || document.documentElement.lang || navigator.language || 'en';
  }

  private get threadKey(): string {
    return this.thread || location.pathname;
  }

  /** `max-depth` and `max-length` as usable numbers, whatever the page set. */
  private get depthCap(): number {
    return this.maxDepth > 0 ? this.maxDepth : 5;
  }

  private get lengthLimit(): number {
    return this.maxLength > 0 ? this.maxLength : 10000;
  }

  private resolveAdapter(): CommentAdapter | null {
    if (this.adapter) return this.adapter;
    if (!this.endpoint) return null;
    if (this.restAdapter?.endpoint !== this.endpoint) {
      this.restAdapter = { endpoint: this.endpoint, adapter: new RestAdapter(this.endpoint) };
    }
    return this.restAdapter.adapter;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    const source = changed.has('thread') || changed.has('endpoint') || changed.has('adapter');
    // A new source also reads the locale again: the page may have set `lang` meanwhile.
    if (source || changed.has('strings') || !this.view) this.refreshView();
    if (source || changed.has('strings') || changed.has('maxLength') || !this.hasUpdated) {
      this.provider.setValue(this.createController());
    }
    // The model marks the comments a new depth moves or relabels; only those are written.
    if (changed.has('maxDepth')) this.model.setMaxDepth(this.depthCap);
    if (source) this.reload();
  }

  /**
   * A new view of the thread, for the first render, new words, or a new source (which
   * also reads the locale again): every comment is written again, all of them at once.
   */
  private refreshView(): void {
    this.showAll();
    this.threadView?.clear();
    this.view = {
      strings: { ...en, ...this.strings },
      locale: this.locale,
      now: Date.now(),
      replyingTo: this.view?.replyingTo ?? null,
      expanded: this.view?.expanded ?? new Set(),
    };
  }

  /** The service the forms below use; a new one whenever the thread or its words change. */
  private createController(): ThreadController {
    return {
      thread: this.threadKey,
      strings: this.view.strings,
      drafts: this.drafts,
      locale: this.view.locale,
      maxLength: this.lengthLimit,
      post: (parentId, draft) => this.post(parentId, draft),
      cancelReply: (parentId) => this.closeReply(parentId, true),
      announce: (message) => void this.announce(message),
    };
  }

  /** Starts over: drops what was loaded and loads the first page. */
  private reload(): void {
    this.showAll();
    this.model = new ThreadModel(this.depthCap);
    this.threadView?.clear();
    if (this.view) this.view.replyingTo = null;
    void this.load(false);
  }

  private async load(more: boolean): Promise<void> {
    const adapter = this.resolveAdapter();
    this.loadAbort?.abort();
    const token = ++this.loadToken;
    this.loadError = null;
    if (!adapter) {
      // No backend yet: wait quietly until one is set.
      this.loading = this.loadingMore = false;
      this.loadAbort = null;
      return;
    }
    const abort = (this.loadAbort = new AbortController());
    const { strings, locale } = this.view;
    const model = this.model;
    const thread = this.threadKey;
    const cursor = more ? model.next : null;
    if (more) this.loadingMore = true;
    else this.loading = true;
    void this.announce(more ? strings.loadingMore : strings.loading);
    try {
      const page = await callWithTimeout((signal) => adapter.list(thread, { cursor, signal }), this.timeout, abort, strings.timeout);
      if (token !== this.loadToken) return;
      const before = model.tree.roots.length;
      const known = model.tree.byId.size;
      model.appendPage(page);
      // Only a first page: a later one lands below what the visitor reads, where Load more
      // (focused, and still wanted if more pages follow) must not go away meanwhile.
      if (!more && model.tree.byId.size - known > TWO_STEPS_FROM) this.showInTwoSteps();
      void this.announce(strings.loaded(model.total, locale));
      if (more) void this.keepFocusAfterMore(model.tree.roots[before]?.record.id);
      this.dispatchEvent(parleyEvent('parley-loaded', { total: model.total }));
    } catch (error) {
      // A newer load, a removal or a thread change has taken over: this one is moot.
      if (token !== this.loadToken) return;
      this.loadError = { message: errorMessage(error, strings.loadFailed), more };
      this.dispatchEvent(parleyEvent('parley-error', { error, action: 'load' }));
    } finally {
      if (token === this.loadToken) {
        this.loading = this.loadingMore = false;
        this.loadAbort = null;
      }
    }
  }

  /** Posts through the adapter and puts the saved comment in its place. */
  private async post(parentId: string | null, draft: Draft): Promise<void> {
    const { strings } = this.view;
    const adapter = this.resolveAdapter();
    if (!adapter) throw new Error(strings.postFailed(strings.unknownError));
    if (navigator.onLine === false) throw new Error(strings.postFailed(strings.offline));
    const model = this.model;
    const thread = this.threadKey;
    let created: unknown;
    try {
      const input = { parentId, body: draft.body, author: { name: draft.name || strings.anonymous } };
      created = await callWithTimeout(
        (signal) => adapter.create(thread, input, { signal }),
        this.timeout,
        new AbortController(),
        strings.timeout,
      );
    } catch (error) {
      this.dispatchEvent(parleyEvent('parley-error', { error, action: 'post' }));
      throw new Error(strings.postFailed(errorMessage(error, strings.unknownError)));
    }
    // The visitor switched threads while this was in flight: it belongs to the old one.
    if (model !== this.model) return;
    // The new comment is focused once rendered: everything has to be.
    this.showAll();
    const node = model.insert(created);
    if (parentId !== null) void this.closeReply(parentId, false);
    if (!node) {
      // The adapter saved something but answered with garbage: show what the server has.
      this.reload();
      void this.announce(strings.posted);
      return;
    }
    void this.announce(node.record.status === 'pending' ? strings.postedPending : strings.posted);
    this.requestUpdate();
    this.dispatchEvent(parleyEvent('parley-posted', { comment: node.record }));
    await this.updateComplete;
    this.commentElement(node.record.id)?.querySelector('article')?.focus();
  }

  /**
   * Says something through the live region. It is emptied first, for one render, so the
   * same words twice in a row ("Comment posted") are announced twice.
   */
  private async announce(message: string): Promise<void> {
    const token = ++this.announceToken;
    if (this.announcement === message) {
      this.announcement = '';
      await this.updateComplete;
      if (token !== this.announceToken) return;
    }
    this.announcement = message;
  }

  private commentElement(id: string): HTMLElement | null {
    return this.threadView?.element(id) ?? null;
  }

  /**
   * "3 minutes ago" has to move on. One timer per widget, once a minute, rewrites the
   * times of the top-level threads on screen and nothing else: thousands of idle comments
   * cost nothing.
   */
  private readonly refreshTimes = (): void => {
    if (document.hidden || !this.model.loaded || !this.threadView) return;
    this.view.now = Date.now();
    const inView = [];
    for (const li of this.renderRoot.querySelectorAll<HTMLElement>('.comments > [data-comment-id]')) {
      const box = li.getBoundingClientRect();
      if (box.bottom < 0 || box.top > innerHeight) continue;
      const root = this.model.tree.byId.get(li.dataset.commentId!);
      if (root) inView.push(root);
    }
    this.threadView.refreshTimes(inView, this.view);
  };

  /**
   * The last page removes the focused "Load more" button; focus would fall to the page.
   * It goes to the first comment that arrived instead, where reading continues.
   */
  private async keepFocusAfterMore(firstNewId: string | undefined): Promise<void> {
    const button = this.renderRoot.querySelector('.more');
    if (this.shadowRoot?.activeElement !== button) return;
    await this.updateComplete;
    if (button?.isConnected || firstNewId === undefined) return;
    this.commentElement(firstNewId)?.querySelector('article')?.focus();
  }

  /**
   * Shows a big first page in two steps: its first comments in reading order now (more
   * than a screen holds), the rest once those are painted. Until then the thread is
   * `aria-busy` and "Load more" waits.
   */
  private showInTwoSteps(): void {
    this.newComments = FIRST_SCREEN_COMMENTS;
    const token = ++this.stepToken;
    afterNextPaint(() => {
      if (token === this.stepToken) this.showAll();
    });
  }

  private showAll(): void {
    this.stepToken++;
    if (this.newComments === Infinity) return;
    this.newComments = Infinity;
    this.requestUpdate();
  }

  /** Marks a comment as changed for the next render. */
  private touch(id: string | null): void {
    const node = id === null ? undefined : this.model.tree.byId.get(id);
    if (node) markChanged(node);
  }

  private async openReply(id: string): Promise<void> {
    const previous = this.view.replyingTo;
    if (previous === id) {
      this.commentElement(id)?.querySelector('parley-reply-form')?.focus();
      return;
    }
    this.view.replyingTo = id;
    this.touch(previous);
    this.touch(id);
    this.requestUpdate();
    await this.updateComplete;
    const form = this.commentElement(id)?.querySelector('parley-reply-form');
    if (form) {
      await form.updateComplete;
      form.focus();
    }
  }

  private async closeReply(id: string, returnFocus: boolean): Promise<void> {
    if (this.view.replyingTo !== id) return;
    this.view.replyingTo = null;
    this.touch(id);
    this.requestUpdate();
    if (!returnFocus) return;
    await this.updateComplete;
    this.commentElement(id)?.querySelector<HTMLElement>(':scope > article > [data-action="reply"]')?.focus();
  }

  private handleListClick(event: Event): void {
    const button = (event.target as Element).closest<HTMLElement>('button[data-action]');
    const id = button?.closest<HTMLElement>('[data-comment-id]')?.dataset.commentId;
    if (!button || id === undefined) return;
    if (button.dataset.action === 'reply') void this.openReply(id);
    if (button.dataset.action === 'more') {
      this.view.expanded.add(id);
      this.touch(id);
      this.requestUpdate();
    }
  }

  /**
   * j and k move focus to the next and previous comment, as in many feed readers. They
   * never act while the visitor types, nor with a modifier key held.
   */
  private handleListKeydown(event: KeyboardEvent): void {
    if ((event.key !== 'j' && event.key !== 'k') || event.ctrlKey || event.metaKey || event.altKey) return;
    const path = event.composedPath() as HTMLElement[];
    // Anything inside a form is typing or about to be: leave those keys alone.
    if (path.some((node) => node.localName === 'parley-reply-form' || node.isContentEditable)) return;
    const origin = path[0];
    const articles = [...this.renderRoot.querySelectorAll<HTMLElement>('.comments article')];
    const current = origin.closest('article');
    const index = current ? articles.indexOf(current) : -1;
    const next = articles[event.key === 'j' ? index + 1 : index < 0 ? 0 : index - 1];
    if (!next) return;
    event.preventDefault();
    next.focus();
  }

  // Not `disabled` while loading: that would throw the focus out of the button.
  private handleMore(): void {
    if (!this.loadingMore) void this.load(true);
  }

  private handleRetry(): void {
    if (this.loadError?.more) void this.load(true);
    else this.reload();
  }

  protected override firstUpdated(): void {
    this.threadView = new ThreadView(this.renderRoot.querySelector('ol.comments')!);
  }

  // The comments are not part of the template: the thread view writes them after each
  // render, touching only what changed.
  protected override updated(): void {
    // New comments are dated from now, however long the timer has been idle.
    this.view.now = Date.now();
    this.threadView!.render(this.model.tree.roots, this.view, this.newComments);
    // Other renders before the second step (an announcement, say) add no comments.
    if (this.newComments !== Infinity) this.newComments = 0;
  }

  private renderHeading(text: string): TemplateResult {
    switch (this.headingLevel) {
      case 1: return html`<h1 part="heading" id="heading">${text}</h1>`;
      case 3: return html`<h3 part="heading" id="heading">${text}</h3>`;
      case 4: return html`<h4 part="heading" id="heading">${text}</h4>`;
      case 5: return html`<h5 part="heading" id="heading">${text}</h5>`;
      case 6: return html`<h6 part="heading" id="heading">${text}</h6>`;
      default: return html`<h2 part="heading" id="heading">${text}</h2>`;
    }
  }

  override render() {
    const { strings } = this.view;
    const model = this.model;
    const error = this.loadError;
    return html`<section class="thread" aria-labelledby="heading" aria-busy=${this.loading || this.loadingMore || this.newComments !== Infinity ? 'true' : 'false'}>
      ${this.renderHeading(model.loaded ? strings.count(model.total, this.view.locale) : strings.title)}
      <parley-reply-form exportparts="form, textarea, submit"></parley-reply-form>
      ${this.loading ? html`<p class="status">${strings.loading}</p>` : nothing}
      ${error && !error.more ? this.renderError(error.message) : nothing}
      <ol class="comments" role="list" @click=${this.handleListClick} @keydown=${this.handleListKeydown}></ol>
      ${error?.more ? this.renderError(error.message) : nothing}
      ${model.next && !error && this.newComments === Infinity
        ? html`<button type="button" class="more" aria-disabled=${this.loadingMore ? 'true' : 'false'} @click=${this.handleMore}>
            ${strings.loadMore}
          </button>`
        : nothing}
      ${this.loadingMore ? html`<p class="status">${strings.loadingMore}</p>` : nothing}
    </section>
    <div class="visually-hidden" aria-live="polite">${this.announcement}</div>`;
  }

  private renderError(message: string): TemplateResult {
    return html`<div class="error" role="alert">
      <p>${message}</p>
      <button type="button" @click=${this.handleRetry}>${this.view.strings.retry}</button>
    </div>`;
  }
}

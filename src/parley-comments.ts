import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { ContextProvider } from '@lit/context';
import type { CommentAdapter } from './adapters/types.js';
import { CommentListView } from './comment/comment-list-view.js';
import { navigateComments } from './comment/comment-navigation.js';
import type { CommentView } from './comment/comment.js';
import { commentStyles } from './comment/comment.styles.js';
import { controllerContext } from './controller/context.js';
import { LoadGate, type LoadingMode } from './controller/load-gate.js';
import { PageListeners } from './controller/page-listeners.js';
import { ThreadController } from './controller/thread-controller.js';
import { rightToLeft, wordsOf, type Words } from './i18n/locale.js';
import { en, type ParleyStrings } from './i18n/strings.js';
import { styles } from './parley-comments.styles.js';
import { errorAlert, heading, loadMoreButton, sortControl } from './shell-templates.js';
import { copyText } from './util/clipboard.js';
import { permalink } from './util/permalink.js';

type Theme = 'light' | 'dark' | 'auto';

/**
 * Threaded comments for one conversation, loaded and posted through an adapter.
 *
 * The element is a shell: its `ThreadController` loads, pages, posts and keeps the
 * thread's state; `CommentListView` writes the comments; the element renders the rest,
 * moves focus and handles the keyboard.
 *
 * @fires parley-loaded - A page of comments was loaded and is in the DOM (a first page shown in steps: once its last step is). `detail: { total }`.
 * @fires parley-posted - A visitor's comment was saved. `detail: { comment }`.
 * @fires parley-edited - The visitor's edit of their comment was saved. `detail: { comment }`.
 * @fires parley-deleted - The visitor deleted their comment. `detail: { id, placeholder }`.
 * @fires parley-error - Loading, posting, editing or deleting failed. `detail: { error, action: 'load' | 'post' | 'edit' | 'delete' }`.
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
 * @cssprop --parley-color-background - Background of the fields, and of the widget with a `theme` or when set. Default: the page's.
 * @cssprop --parley-color-accent - Background of the post buttons, links and focus rings.
 * @cssprop --parley-color-on-accent - Text on the accent colour.
 * @cssprop --parley-color-muted - Secondary text: times, notes.
 * @cssprop --parley-color-border - Borders of fields, buttons and the "awaiting moderation" note.
 * @cssprop --parley-color-rule - Lines between top-level comments and beside nested replies.
 * @cssprop --parley-color-hover - Background of buttons under the pointer.
 * @cssprop --parley-color-danger - Error messages.
 * @cssprop --parley-radius - Corner radius of fields and buttons.
 * @cssprop --parley-indent - How far each level of replies is indented.
 * @cssprop --parley-padding - Room around the widget: 1rem with a `theme`, none on the page's background.
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
    locale: {},
    timeout: { attribute: false },
    repliesShown: { attribute: 'replies-shown', type: Number },
    fields: {},
    loading: {},
    avatars: {},
    format: {},
  };

  /** The key of the conversation; the page's path when not set. */
  declare thread: string | undefined;
  /** Base URL of a server speaking Parley's REST contract. */
  declare endpoint: string | undefined;
  /** Any object implementing `CommentAdapter`; wins over `endpoint`. */
  declare adapter: CommentAdapter | undefined;
  /** The deepest nesting shown; deeper replies appear at this level. */
  declare maxDepth: number;
  /** Unset: the page's background and declared `color-scheme`. `light`, `dark`, `auto` (the system's): a background of its own. */
  declare theme: Theme | undefined;
  /** The level of the count heading (1–6). */
  declare headingLevel: number;
  /** The longest comment that may be posted, in characters. */
  declare maxLength: number;
  /** Words to replace the locale's, key by key; see `ParleyStrings`. */
  declare strings: Partial<ParleyStrings>;
  /** The language (`de`, `pt-BR`; default: the nearest `lang`); 12 built in, each loaded when needed. */
  declare locale: string | undefined;
  /** How long to wait for the adapter before giving up, in milliseconds. */
  declare timeout: number;
  /** How many replies a comment shows before "Show N more replies". */
  declare repliesShown: number;
  /** The fields besides the comment, required with `*`: `fields="name* email* url"` (default `name`). */
  declare fields: string;
  /** When comments load: `visible` (near the viewport; default), `eager`, or `click` (after consent). */
  declare loading: LoadingMode;
  /** `initials` (default) or `remote`: the backend's avatar images, which tell their host who reads what. */
  declare avatars: 'initials' | 'remote';
  /** `markdown`: bodies as markdown, with a Write / Preview switch, once `parley-comments/markdown` is loaded; plain text until then. Set it before the comments load. */
  declare format: string | undefined;

  private readonly controller = new ThreadController(this);
  private readonly gate = new LoadGate(this, () => this.loading);
  private readonly page = new PageListeners(
    this,
    (id) => this.controller.seek(id),
    () => this.refreshTimes(),
  );
  private readonly provider = new ContextProvider(this, { context: controllerContext, initialValue: this.controller });
  private listView?: CommentListView;
  /** The merged words, and the locale they were last read with. */
  private words: Words = { strings: en, locale: 'en', due: false };

  constructor() {
    super();
    this.maxDepth = 5;
    this.headingLevel = 2;
    this.maxLength = 10000;
    this.strings = {};
    this.timeout = 15000;
    this.repliesShown = 5;
    this.fields = 'name';
    this.loading = 'visible';
    this.avatars = 'initials';
  }

  /** Loads the comments now, whatever `loading` says: for a consent manager's "yes". */
  load(): void {
    this.gate.release();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    const source = changed.has('thread') || changed.has('endpoint') || changed.has('adapter');
    // A new source also reads the locale again: the page may have set `lang` meanwhile.
    const newWords = source || changed.has('strings') || changed.has('locale') || changed.has('avatars') || !this.hasUpdated;
    if (changed.has('loading')) this.gate.watch();
    if (newWords) {
      // A locale not loaded yet: the shell shows English and the comments wait, so that
      // nothing is written or announced twice; once it is in, everything is written in it
      // (an old value no locale equals makes `locale` count as changed).
      this.words = wordsOf(this, this.locale, this.strings, () => this.requestUpdate('locale', {}));
      // Every comment is written again, in the new words.
      this.listView?.clear();
    }
    this.controller.configure({
      thread: this.thread || location.pathname,
      endpoint: this.endpoint,
      adapter: this.adapter,
      maxDepth: this.maxDepth,
      maxLength: this.maxLength,
      timeout: this.timeout,
      repliesShown: this.repliesShown,
      fields: this.fields,
      hold: !this.gate.open || this.words.due,
      strings: this.words.strings,
      locale: this.words.locale,
    });
    // A page opened at a comment's permalink: found once its page has come.
    if (source) this.page.checkAddress();
    // The forms below read the thread, its words and its limit from the controller.
    if (newWords || changed.has('maxLength') || changed.has('fields')) this.provider.setValue(this.controller, true);
  }

  private view(): CommentView {
    const { strings, locale } = this.words;
    const page = location.href.split('#')[0];
    return { ...this.controller.shown, strings, locale, now: Date.now(), remoteAvatars: this.avatars === 'remote', page, format: this.format };
  }

  /** Rewrites the relative times on screen, and nothing else: once a minute, not while hidden. */
  private refreshTimes(): void {
    if (document.hidden || !this.controller.model.loaded) return;
    this.listView?.refreshTimes(this.view());
  }

  private async openReply(id: string): Promise<void> {
    if (this.controller.openReply(id)) await this.updateComplete;
    const form = this.listView?.replyForm(id) as (HTMLElement & { updateComplete?: Promise<unknown> }) | undefined;
    await form?.updateComplete;
    form?.focus();
  }

  private handleListClick(event: Event): void {
    const action = this.listView?.actionAt(event.target);
    if (!action) return;
    const { id } = action;
    if (this.controller.ownAction(action.action, id)) return;
    if (action.action === 'reply') void this.openReply(id);
    else if (action.action === 'more') this.controller.expand(id);
    else if (action.action === 'fold') this.controller.toggleReplies(id);
    else if (action.action === 'more-replies') void this.showAllReplies(id);
    else void this.copyLink(id);
  }

  /** The button goes away with the rest of the replies; focus goes to the first of them. */
  private async showAllReplies(id: string): Promise<void> {
    const first = this.controller.model.tree.byId.get(id)?.children[this.controller.repliesShown];
    this.controller.showAllReplies(id);
    await this.updateComplete;
    if (first) this.listView?.article(first.record.id)?.focus();
  }

  /** Puts a comment's permalink on the clipboard, or where it is closed, shows it selected. */
  private async copyLink(id: string): Promise<void> {
    const url = permalink(id);
    const { strings } = this.words;
    if (await copyText(url)) this.controller.announce(strings.linkCopied);
    else this.listView?.showLinkField(id, url, strings.linkField);
  }

  /**
   * The last page removes the focused "Load more" button (never `disabled` while loading,
   * which would drop focus too): focus goes to the first comment that arrived.
   */
  private async handleMore(event: Event): Promise<void> {
    const button = event.currentTarget as HTMLElement;
    const focused = this.shadowRoot?.activeElement === button;
    const firstNew = await this.controller.loadMore();
    if (!focused) return;
    await this.updateComplete;
    if (!button.isConnected && firstNew !== undefined) this.listView?.article(firstNew)?.focus();
  }

  // The comments are not part of the template: the list view writes them after each
  // render, touching only what changed.
  protected override updated(): void {
    const controller = this.controller;
    const list = this.renderRoot.querySelector<HTMLElement>('ol.comments');
    if (!list) return; // held: nothing to show yet
    if (this.listView?.list !== list) this.listView = new CommentListView(list);
    const complete = this.listView.render(controller.model.tree.roots, this.view(), {
      budget: controller.renderBudget,
      revisit: controller.takeRevisits(),
    });
    controller.rendered(complete);
    const focus = controller.takeFocus();
    // The heading takes focus only when the thread's last comment was deleted from under it.
    const heading = focus?.on === 'heading' ? this.renderRoot.querySelector<HTMLElement>('#heading') : null;
    if (heading) heading.tabIndex = -1;
    const target = focus && (focus.on === 'heading' ? heading : this.listView!.focusTarget(focus.id, focus.on));
    if (!target) return;
    // After the update, not inside it: focus forces style and layout, which would hold
    // back the frame that shows the new comment (measured: 9 ms of a posted reply).
    void this.updateComplete.then(() => {
      if (focus.scroll) target.scrollIntoView({ block: 'center' });
      target.focus({ preventScroll: !!focus.scroll });
    });
  }

  override render() {
    const { strings, locale } = this.words;
    const held = this.controller.held;
    const { model, loadError: error, loading, loadingMore } = this.controller;
    const retry = () => this.controller.retry();
    // Right to left for Arabic and Hebrew, unless the page says which way (`dir`).
    const dir = rightToLeft(locale) && !this.closest('[dir]') ? 'rtl' : nothing;
    return html`<section class="thread" dir=${dir} aria-labelledby="heading" aria-busy=${this.controller.busy ? 'true' : 'false'}>
      <div class="top">
        ${heading(this.headingLevel, model.loaded ? strings.count(model.total, locale) : strings.title)}
        ${sortControl(this.controller.sortOrders, this.controller.sort, strings, (order) => this.controller.setSort(order))}
      </div>
      ${held && this.loading === 'click'
        ? // Nothing reaches the comment server before the visitor asks: no form either.
          html`<button type="button" class="show" @click=${() => this.load()}>${strings.showComments}</button>`
        : html`<parley-reply-form exportparts="form, textarea, submit" .notifies=${this.controller.notifies}></parley-reply-form>`}
      ${loading ? html`<p class="status">${strings.loading}</p>` : nothing}
      ${error && !error.more ? errorAlert(error.message, strings.retry, retry) : nothing}
      <ol class="comments" role="list" @click=${this.handleListClick} @keydown=${(e: KeyboardEvent) =>
        e.key === 'Escape' && this.listView?.questionAt(e.target) ? this.controller.cancelDelete(this.listView.questionAt(e.target)!) : navigateComments(e, this.listView)}></ol>
      ${error?.more ? errorAlert(error.message, strings.retry, retry) : nothing}
      ${this.controller.canLoadMore ? loadMoreButton(strings.loadMore, loadingMore, (e) => this.handleMore(e)) : nothing}
      ${loadingMore ? html`<p class="status">${strings.loadingMore}</p>` : nothing}
    </section>
    <div class="visually-hidden" aria-live="polite">${this.controller.announcement}</div>`;
  }
}

import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import type { ParleyStrings } from '../i18n/strings.js';
import { ContextConsumer } from '@lit/context';
import { formats } from '../comment/formats.js';
import { controllerContext } from '../controller/context.js';
import type { ThreadController } from '../controller/thread-controller.js';
import { DraftController } from '../drafts/draft-controller.js';
import { fieldProblem, MAX_NAME_LENGTH, type FieldName, type FormField } from './fields.js';
import { styles } from './parley-reply-form.styles.js';


/** How long a post may take, in milliseconds, before "Posting…" is announced. */
const POSTING_ANNOUNCED_AFTER = 1000;

/**
 * The form that writes a top-level comment or a reply, and keeps its draft. It lives
 * inside `<parley-comments>` and gets the thread it writes to through context.
 *
 * @csspart form - The form element.
 * @csspart textarea - The text area for the comment.
 * @csspart submit - The "Post comment" / "Post reply" button.
 */
export class ParleyReplyForm extends LitElement {
  static override styles = styles;
  static override shadowRootOptions = { ...LitElement.shadowRootOptions, delegatesFocus: true };

  static override properties = {
    parentId: { attribute: false },
    replyTo: { attribute: false },
    notifies: { attribute: false },
    sending: { state: true },
    fieldError: { state: true },
    fieldErrors: { state: true },
    failure: { state: true },
    confirmingClose: { state: true },
  };

  private readonly draft = new DraftController(this);
  private controller?: ThreadController;
  /** Whether the last render showed the character count. */
  private countShown = false;
  /** When the form first rendered, for the server's "too fast to be a person" check. */
  private shownAt = 0;

  /** The comment this form answers; null for a top-level comment. */
  declare parentId: string | null;
  /** The name of the author answered, for the form's label. */
  declare replyTo: string | null;
  /**
   * Whether the backend mails replies to those who ask: set by the root on its form,
   * drawn before the first page says so; a reply form, opened later, asks the controller.
   */
  declare notifies: boolean;
  private declare sending: boolean;
  private declare fieldError: string;
  /** What is wrong with the name, e-mail or website fields, by field. */
  private declare fieldErrors: Partial<Record<FieldName, string>>;
  private declare failure: string;
  private declare confirmingClose: boolean;

  constructor() {
    super();
    new ContextConsumer(this, {
      context: controllerContext,
      subscribe: true,
      callback: (controller) => {
        this.controller = controller;
        void this.loadDraft();
        this.requestUpdate();
      },
    });
    this.parentId = null;
    this.replyTo = null;
    this.notifies = false;
    this.sending = false;
    this.fieldError = '';
    this.fieldErrors = {};
    this.failure = '';
    this.confirmingClose = false;
  }

  protected override firstUpdated(): void {
    this.shownAt = performance.now();
  }

  protected override updated(): void {
    // Add-ons' controls for the text (the markdown add-on's Write / Preview).
    for (const format of Object.values(formats)) format!.form?.(this, this.controller!.strings);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('parentId')) void this.loadDraft();
  }

  private async loadDraft(): Promise<void> {
    const controller = this.controller;
    if (!controller) return;
    const restored = await this.draft.attach(controller.drafts, controller.backend, controller.thread, this.parentId);
    if (restored) controller.announce(controller.strings.draftRestored);
  }

  private handleInput(event: Event): void {
    const body = this.renderRoot.querySelector('textarea')!;
    const value = (name: FieldName) => this.renderRoot.querySelector<HTMLInputElement>(`#${name}`)?.value ?? this.draft[name];
    const notify = this.renderRoot.querySelector<HTMLInputElement>('#notify')?.checked ?? this.draft.notify;
    this.draft.update(body.value, { name: value('name'), email: value('email'), url: value('url'), notify });
    this.confirmingClose = false;
    if (this.fieldError && body.value.trim()) this.fieldError = '';
    // A field's message goes as soon as what it asked for is typed.
    const id = (event.target as HTMLElement).id as FieldName;
    if (this.fieldErrors[id] && (event.target as HTMLInputElement).value.trim()) this.fieldErrors = { ...this.fieldErrors, [id]: '' };
    // The form re-renders on a keystroke only while the character count is shown.
    if (this.countShown || (this.controller && this.nearLimit(this.controller.maxLength))) this.requestUpdate();
  }

  private nearLimit(maxLength: number): boolean {
    return this.draft.body.length >= maxLength * 0.9;
  }

  private async handleSubmit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const controller = this.controller;
    // One request per comment, however often the button is pressed.
    if (this.sending || !controller) return;
    const bodyField = this.renderRoot.querySelector('textarea')!;
    const body = this.draft.body;
    const { strings } = controller;
    this.fieldError = !body.trim() ? strings.emptyBody : body.length > controller.maxLength ? strings.tooLong(controller.maxLength) : '';
    const fieldErrors: Partial<Record<FieldName, string>> = {};
    // Asking for replies by e-mail needs the address.
    const notify = this.offersNotify() && this.draft.notify;
    for (const field of controller.fields) {
      fieldErrors[field.name] = fieldProblem(notify && field.name === 'email' ? { ...field, required: true } : field, this.draft[field.name], strings);
    }
    this.fieldErrors = fieldErrors;
    // Refused at the first field that needs the visitor, as an empty comment is.
    const first = this.fieldError ? 'body' : controller.fields.find((field) => fieldErrors[field.name])?.name;
    if (first) {
      this.renderRoot.querySelector<HTMLElement>(`#${first}`)?.focus();
      return;
    }
    this.sending = true;
    this.failure = '';
    // Said only when a post is slow: a quick one is followed at once by "Comment posted",
    // and the extra render the announcement costs lands in the frame the reply arrives in.
    const slow = setTimeout(() => controller.announce(strings.posting), POSTING_ANNOUNCED_AFTER);
    this.draft.flush();
    try {
      const { email, url } = this.draft;
      await controller.post(this.parentId, {
        body,
        name: this.draft.name.trim().slice(0, MAX_NAME_LENGTH),
        // Only what the form asks for is sent.
        ...(controller.fields.some((f) => f.name === 'email') && email.trim() ? { email: email.trim() } : {}),
        ...(controller.fields.some((f) => f.name === 'url') && url.trim() ? { url: url.trim() } : {}),
      }, {
        trap: this.renderRoot.querySelector<HTMLInputElement>('.trap input')?.value ?? '',
        elapsedMs: Math.round(performance.now() - this.shownAt),
        ...(notify ? { notify } : {}),
      });
      await this.draft.clear();
    } catch (error) {
      this.failure = error instanceof Error ? error.message : String(error);
      bodyField.focus();
    } finally {
      clearTimeout(slow);
      this.sending = false;
    }
  }

  private handleCancel(): void {
    this.draft.flush();
    if (this.parentId !== null) this.controller?.closeReply(this.parentId);
  }

  /**
   * Escape closes a reply form. With text in it, the first Escape only asks (a stray key
   * should not hide someone's words); the draft is kept whichever way it closes.
   */
  private handleKeydown(event: KeyboardEvent): void {
    if (event.key !== 'Escape' || this.parentId === null || !this.controller) return;
    event.stopPropagation();
    if (this.draft.body.trim() && !this.confirmingClose) {
      this.confirmingClose = true;
      this.controller.announce(this.controller.strings.confirmClose);
      return;
    }
    this.handleCancel();
  }

  /** Whether the form offers "Notify me of replies": the backend mails them, and the form asks for an e-mail. */
  private offersNotify(): boolean {
    return !!(this.notifies || this.controller?.notifies) && !!this.controller?.fields.some((f) => f.name === 'email');
  }

  /** One of the name, e-mail and website fields, with its message when refused. */
  private renderField(field: FormField, strings: ParleyStrings): TemplateResult {
    const { name, required } = field;
    const error = this.fieldErrors[name] ?? '';
    const label = { name: strings.nameLabel, email: strings.emailLabel, url: strings.urlLabel }[name];
    return html`<label for=${name}>${label}${required ? html` <span class="required">(${strings.required})</span>` : nothing}</label>
      <input
        id=${name}
        type=${name === 'name' ? 'text' : name}
        autocomplete=${name === 'name' ? 'name' : name === 'email' ? 'email' : 'url'}
        maxlength=${name === 'name' ? MAX_NAME_LENGTH : 2048}
        ?required=${required}
        aria-invalid=${error ? 'true' : 'false'}
        aria-describedby=${error ? `${name}-error` : nothing}
        .value=${this.draft[name]}
      />
      ${error ? html`<p id="${name}-error" class="field-error">${error}</p>` : nothing}`;
  }

  override render() {
    const controller = this.controller;
    if (!controller) return nothing;
    const { strings } = controller;
    const isReply = this.parentId !== null;
    const remaining = controller.maxLength - this.draft.body.length;
    this.countShown = this.nearLimit(controller.maxLength);
    return html`<form
      part="form"
      novalidate
      aria-label=${isReply && this.replyTo ? strings.replyTo(this.replyTo) : strings.newCommentForm}
      @submit=${this.handleSubmit}
      @input=${this.handleInput}
      @keydown=${this.handleKeydown}
    >
      <label for="body">${strings.commentLabel}</label>
      <textarea
        id="body"
        part="textarea"
        rows=${isReply ? 3 : 4}
        .value=${this.draft.body}
        aria-invalid=${this.fieldError ? 'true' : 'false'}
        aria-describedby=${[this.fieldError ? 'body-error' : '', this.countShown ? 'body-count' : ''].join(' ').trim() || nothing}
      ></textarea>
      <p id="body-error" class="field-error">${this.fieldError}</p>
      <p id="body-count" class="count" aria-live="polite" ?hidden=${!this.countShown}>
        ${strings.charactersLeft(remaining)}
      </p>
      ${controller.fields.map((field) => this.renderField(field, strings))}
      ${this.offersNotify()
        ? html`<label class="notify"><input id="notify" type="checkbox" .checked=${this.draft.notify} />${strings.notifyReplies}</label>`
        : nothing}
      <div class="trap" aria-hidden="true"><input name="website" tabindex="-1" autocomplete="off" /></div>
      <div class="failure" role="alert">${this.failure}</div>
      ${controller.drafts.persistent ? nothing : html`<p class="note">${strings.draftsOff}</p>`}
      ${this.confirmingClose ? html`<p class="note">${strings.confirmClose}</p>` : nothing}
      <div class="actions">
        <button type="submit" part="submit" class="submit" ?disabled=${this.sending}>
          ${isReply ? strings.postReply : strings.postComment}
        </button>
        ${isReply ? html`<button type="button" class="cancel" @click=${this.handleCancel}>${strings.cancel}</button>` : nothing}
        ${this.sending ? html`<span class="note">${strings.posting}</span>` : nothing}
      </div>
    </form>`;
  }
}

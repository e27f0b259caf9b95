import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { ContextConsumer } from '@lit/context';
import { controllerContext } from '../controller/context.js';
import type { ThreadController } from '../controller/thread-controller.js';
import { DraftController } from '../drafts/draft-controller.js';
import { editDraftKey } from '../drafts/draft-store.js';
import { styles } from './parley-reply-form.styles.js';

/**
 * The form that edits one of the visitor's own comments, in place of its text. It keeps
 * its own draft (apart from the comment's reply draft), so an edit survives a reload;
 * Save sends it through the thread's controller, Cancel or Escape closes it, the draft kept.
 *
 * @csspart form - The form element.
 * @csspart textarea - The text area.
 * @csspart submit - The Save button.
 */
export class ParleyEditForm extends LitElement {
  static override styles = styles;
  static override shadowRootOptions = { ...LitElement.shadowRootOptions, delegatesFocus: true };

  static override properties = {
    commentId: { attribute: false },
    original: { attribute: false },
    sending: { state: true },
    fieldError: { state: true },
    failure: { state: true },
  };

  private readonly draft = new DraftController(this);
  private controller?: ThreadController;

  /** The comment edited. */
  declare commentId: string;
  /** Its text as the backend has it: what the form starts from when no edit is saved. */
  declare original: string;
  private declare sending: boolean;
  private declare fieldError: string;
  private declare failure: string;

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
    this.commentId = '';
    this.original = '';
    this.sending = false;
    this.fieldError = '';
    this.failure = '';
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('commentId')) void this.loadDraft();
  }

  protected override updated(): void {
    // The form appears because the visitor pressed Edit: the text is where they go next.
    if (this.focusPending && this.textarea) {
      this.focusPending = false;
      this.textarea.focus();
      this.textarea.setSelectionRange(this.textarea.value.length, this.textarea.value.length);
    }
  }

  private focusPending = true;

  private get textarea(): HTMLTextAreaElement | null {
    return this.renderRoot.querySelector('textarea');
  }

  private async loadDraft(): Promise<void> {
    const controller = this.controller;
    if (!controller || !this.commentId) return;
    const { drafts, backend, thread } = controller;
    const restored = await this.draft.attach(drafts, backend, thread, this.commentId, editDraftKey(backend, thread, this.commentId));
    if (restored) controller.announce(controller.strings.draftRestored);
    // No edit kept: the comment's own text, which is not a draft until it is changed.
    else if (!this.draft.body) this.draft.body = this.original;
    this.requestUpdate();
  }

  private handleInput(): void {
    const body = this.textarea!.value;
    // Only the text: the visitor's remembered identity is not the edit's to change.
    this.draft.updateBody(body);
    if (this.fieldError && body.trim() && body.length <= (this.controller?.maxLength ?? Infinity)) this.fieldError = '';
  }

  private async handleSubmit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const controller = this.controller;
    if (this.sending || !controller) return;
    const body = this.draft.body;
    const { strings } = controller;
    this.fieldError = !body.trim() ? strings.emptyBody : body.length > controller.maxLength ? strings.tooLong(controller.maxLength) : '';
    if (this.fieldError) {
      this.textarea?.focus();
      return;
    }
    this.sending = true;
    this.failure = '';
    this.draft.flush();
    try {
      await controller.saveEdit(this.commentId, body);
      await this.draft.clear();
    } catch (error) {
      this.failure = error instanceof Error ? error.message : String(error);
      this.textarea?.focus();
    } finally {
      this.sending = false;
    }
  }

  private handleCancel(): void {
    this.draft.flush();
    this.controller?.closeEdit(this.commentId);
  }

  private handleKeydown(event: KeyboardEvent): void {
    if (event.key !== 'Escape') return;
    // The draft is kept, so nothing is lost by closing at once.
    event.stopPropagation();
    this.handleCancel();
  }

  override render() {
    const controller = this.controller;
    if (!controller) return nothing;
    const { strings } = controller;
    return html`<form part="form" novalidate aria-label=${strings.editForm} @submit=${this.handleSubmit} @input=${this.handleInput} @keydown=${this.handleKeydown}>
      <label for="body">${strings.editForm}</label>
      <textarea
        id="body"
        part="textarea"
        rows="4"
        .value=${this.draft.body}
        aria-invalid=${this.fieldError ? 'true' : 'false'}
        aria-describedby=${this.fieldError ? 'body-error' : nothing}
      ></textarea>
      <p id="body-error" class="field-error">${this.fieldError}</p>
      <div class="failure" role="alert">${this.failure}</div>
      ${controller.drafts.persistent ? nothing : html`<p class="note">${strings.draftsOff}</p>`}
      <div class="actions">
        <button type="submit" part="submit" class="submit" ?disabled=${this.sending}>${strings.save}</button>
        <button type="button" class="cancel" @click=${this.handleCancel}>${strings.cancel}</button>
        ${this.sending ? html`<span class="note">${strings.saving}</span>` : nothing}
      </div>
    </form>`;
  }
}

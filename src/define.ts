import { ParleyComments } from './parley-comments.js';
import { ParleyReplyForm } from './reply-form/parley-reply-form.js';

/** Registers an element unless a copy of Parley already did: two copies on a page coexist. */
function define(tag: string, element: CustomElementConstructor): void {
  if (!customElements.get(tag)) customElements.define(tag, element);
}

define('parley-comments', ParleyComments);
define('parley-reply-form', ParleyReplyForm);

declare global {
  interface HTMLElementTagNameMap {
    'parley-comments': ParleyComments;
    'parley-reply-form': ParleyReplyForm;
  }
}

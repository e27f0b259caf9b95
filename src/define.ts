import { ParleyComments } from './parley-comments.js';
import { ParleyReplyForm } from './reply-form/parley-reply-form.js';
import { prepareCountFormats } from './i18n/strings.js';
import { prepareTimeFormats } from './util/time.js';

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

// The first thread on a page would otherwise wait while the browser loads locale data
// for its dates and counts (measured: 15–25 ms); do it while the page is idle.
if (typeof requestIdleCallback === 'function') {
  requestIdleCallback(() => {
    const locale = document.documentElement.lang || navigator.language || 'en';
    prepareTimeFormats(locale);
    prepareCountFormats(locale);
  });
}

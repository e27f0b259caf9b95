import { ParleyCount } from './count/parley-count.js';
import { ParleyComments } from './parley-comments.js';
import { ParleyReplyForm } from './reply-form/parley-reply-form.js';
import { ParleyEditForm } from './reply-form/parley-edit-form.js';
import { prepareCountFormats } from './i18n/strings.js';
import { usableTag } from './i18n/locale.js';
import { prepareTimeFormats } from './util/time.js';

// A second copy of Parley on the page (a script tag and a bundle, say) finds the names
// taken and leaves the first copy's elements in place instead of throwing.
if (!customElements.get('parley-comments')) customElements.define('parley-comments', ParleyComments);
if (!customElements.get('parley-reply-form')) customElements.define('parley-reply-form', ParleyReplyForm);
if (!customElements.get('parley-edit-form')) customElements.define('parley-edit-form', ParleyEditForm);
if (!customElements.get('parley-count')) customElements.define('parley-count', ParleyCount);

declare global {
  interface HTMLElementTagNameMap {
    'parley-comments': ParleyComments;
    'parley-reply-form': ParleyReplyForm;
    'parley-edit-form': ParleyEditForm;
    'parley-count': ParleyCount;
  }
}

// The first thread on a page would otherwise wait while the browser loads locale data
// for its dates and counts (measured: 15–25 ms); do it while the page is idle.
if (typeof requestIdleCallback === 'function') {
  requestIdleCallback(() => {
    const locale = usableTag(document.documentElement.lang || navigator.language);
    prepareTimeFormats(locale);
    prepareCountFormats(locale);
  });
}

/**
 * The markdown add-on: `import 'parley-comments/markdown'`, or `dist/parley-markdown.min.js`
 * after `parley.min.js`. It registers the `markdown` body format (src/comment/formats.ts),
 * which `<parley-comments format="markdown">` and records with `format: 'markdown'`
 * (Waline's and Isso's source text) are then written in, and the Write / Preview switch of
 * the comment forms. Widgets already on the page are written again in it.
 */
import { formats, type BodyFormat } from '../comment/formats.js';
import { lineFeeds } from '../comment/body.js';
import { displayText } from '../util/text.js';
import { buildMarkdown } from './build.js';
import { describeMarkdown } from './describe.js';
import { addPreviewSwitch } from './form.js';
import { styleRootOf } from './styles.js';

export { describeMarkdown, safeLinkUrl, MAX_DELIMITERS, MAX_NESTING, type MarkdownElement, type MarkdownNode, type MarkdownTag } from './describe.js';
export { buildMarkdown } from './build.js';

/** Writes markdown source into an empty element: the comments' path, and the preview's. */
export const renderMarkdown: BodyFormat = (target, text) => {
  styleRootOf(target);
  buildMarkdown(describeMarkdown(text), target);
};
renderMarkdown.form = (element, strings) => {
  // Every comment form calls this; only those of a widget with `format="markdown"` get the switch.
  const host = (element.getRootNode() as ShadowRoot).host as (Element & { format?: string }) | undefined;
  const form = element.shadowRoot?.querySelector('form');
  if (host?.format === 'markdown' && form) {
    addPreviewSwitch(form, strings, (target, text) => renderMarkdown(target, lineFeeds(displayText(text))));
  }
};

formats.markdown = renderMarkdown;

// Widgets that rendered before this arrived (the script tags' order, an async import)
// write their comments and forms again, as for new `strings`.
for (const widget of document.querySelectorAll('parley-comments')) {
  (widget as HTMLElement & { requestUpdate?(name: string, old: unknown): void }).requestUpdate?.('strings', {});
}

/**
 * The one-tag embed: a script tag that carries the widget's attributes as `data-*`,
 *
 * ```html
 * <script src=".../parley.min.js" data-thread="my-post" data-endpoint="/api" async></script>
 * ```
 *
 * puts a configured `<parley-comments>` right after itself. Each such tag gets its own
 * widget; a change to a tag's `data-*` later (a single-page app moving to another post)
 * reaches its widget. A tag without `data-*` embeds nothing: the page places the element.
 */

/** `maxDepth` (a `dataset` key) as the attribute it stands for: `max-depth`. */
const attributeName = (key: string) => key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

/** Inserts the widget a script tag configures, after it; returns it, or null for none. */
export function embedAfter(script: Element | null): HTMLElement | null {
  if (!(script instanceof HTMLScriptElement) || !Object.keys(script.dataset).length) return null;
  const widget = document.createElement('parley-comments');
  const copy = () => {
    for (const [key, value] of Object.entries(script.dataset)) widget.setAttribute(attributeName(key), value ?? '');
  };
  copy();
  script.after(widget);
  new MutationObserver((changes) => {
    for (const { attributeName: name } of changes) {
      if (name?.startsWith('data-') && !script.hasAttribute(name)) widget.removeAttribute(name.slice(5));
    }
    copy();
  }).observe(script, { attributes: true });
  return widget;
}

/**
 * The markdown add-on's styles, added to the shadow roots it writes into (the widget's,
 * each form's) as a constructed stylesheet, which a strict Content-Security-Policy allows:
 * the core's stylesheets stay as they are, without markdown.
 */
const CSS = `
.body :is(ul, ol, blockquote, pre), .md-preview :is(ul, ol, blockquote, pre) { margin: 0.5em 0; }
.body :is(ul, ol), .md-preview :is(ul, ol) { padding-inline-start: 1.5em; }
.body ol, .md-preview ol { list-style: decimal; }
.body ul, .md-preview ul { list-style: disc; }
.body :is(ul, ol) ul, .md-preview :is(ul, ol) ul { list-style: circle; }
.body blockquote, .md-preview blockquote { padding-inline-start: 0.75em; border-inline-start: 3px solid var(--_rule, var(--_border)); color: var(--_muted); margin-inline: 0; }
.body :is(code, pre), .md-preview :is(code, pre) { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 0.875em; }
.body pre, .md-preview pre { overflow-x: auto; padding: 0.5em 0.75em; border: 1px solid var(--_border); border-radius: var(--_radius); white-space: pre; }
.body pre code, .md-preview pre code { font-size: 1em; }
.body hr, .md-preview hr { border: none; border-block-start: 1px solid var(--_rule, var(--_border)); }
.md-switch { display: flex; gap: 0.25em; }
.md-switch [aria-pressed='true'] { font-weight: 600; border-color: var(--_accent); }
.md-preview:not(:empty) { min-block-size: 4.5em; padding: 0 0.625em; border: 1px dashed var(--_border); border-radius: var(--_radius); }
.md-preview > .md-empty { color: var(--_muted); }
`;

let sheet: CSSStyleSheet | null | undefined;
const styled = new WeakSet<Node>();
/** Nodes written while outside the document, whose root is known only once they are placed. */
let detached: Set<Node> | null = null;

/**
 * Adds the add-on's stylesheet to the shadow root `node` is in, once. A comment's body is
 * written before its element is placed in the list (in the same task): such a node is
 * looked at again in a microtask, once for all of them.
 */
export function styleRootOf(node: Node): void {
  const root = node.getRootNode();
  if (!(root instanceof ShadowRoot) && !(root instanceof Document)) {
    if (!detached) {
      detached = new Set();
      queueMicrotask(() => {
        const nodes = detached!;
        detached = null;
        for (const n of nodes) if (n.getRootNode() instanceof ShadowRoot) styleRootOf(n);
      });
    }
    detached.add(node);
    return;
  }
  if (styled.has(root) || !(root instanceof ShadowRoot)) return;
  styled.add(root);
  if (sheet === undefined) {
    try {
      sheet = new CSSStyleSheet();
      sheet.replaceSync(CSS);
    } catch {
      // No constructed stylesheets (Safari before 16.4): unstyled, still readable.
      sheet = null;
    }
  }
  if (sheet) root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
}

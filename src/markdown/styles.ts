/**
 * The markdown add-on's styles, added to the shadow roots it writes into (the widget's,
 * each form's) as a constructed stylesheet, which a strict Content-Security-Policy allows:
 * the core's stylesheets stay as they are, without markdown.
 */
const CSS = `
.body :is(ul, ol, blockquote, pre), .md-preview :is(ul, ol, blockquote, pre) { margin: 0.5em 0; }
.body :is(ul, ol), .md-preview :is(ul, ol) { padding-inline-start: 1.5em; }
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

/** Adds the add-on's stylesheet to the shadow root `node` is in, once. */
export function styleRootOf(node: Node): void {
  const root = node.getRootNode();
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

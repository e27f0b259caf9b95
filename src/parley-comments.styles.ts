import { css } from 'lit';
import { buttonStyles } from './styles/shared.styles.js';

/** The dark palette, for theme="dark" and for "auto" in a dark system theme. */
const dark = css`
  --_text: var(--parley-color-text, #e6edf3);
  --_bg: var(--parley-color-background, #0d1117);
  --_accent: var(--parley-color-accent, #4493f8);
  --_on-accent: var(--parley-color-on-accent, #0d1117);
  --_muted: var(--parley-color-muted, #9da7b3);
  --_border: var(--parley-color-border, #8b949e);
  --_rule: var(--parley-color-rule, #3d444d);
  --_danger: var(--parley-color-danger, #ff8a80);
`;

// The public --parley-* properties are read with fallbacks into private --_* ones, so a
// value set anywhere up the page (not only on the element) wins over the defaults.
const palette = css`
  :host {
    --_text: var(--parley-color-text, #1f2328);
    --_bg: var(--parley-color-background, #ffffff);
    --_accent: var(--parley-color-accent, #0b57d0);
    --_on-accent: var(--parley-color-on-accent, #ffffff);
    --_muted: var(--parley-color-muted, #57606a);
    --_border: var(--parley-color-border, #6e7781);
    --_rule: var(--parley-color-rule, #d0d7de);
    --_danger: var(--parley-color-danger, #b3261e);
    --_hover: var(--parley-color-hover, rgb(127 127 127 / 0.12));
    --_radius: var(--parley-radius, 0.375rem);
    --_indent: var(--parley-indent, 1.5rem);
  }
  :host([theme='dark']) {
    ${dark}
  }
  @media (prefers-color-scheme: dark) {
    :host(:not([theme='light'])) {
      ${dark}
    }
  }
`;

export const styles = [
  palette,
  buttonStyles,
  css`
    :host {
      display: block;
      container-type: inline-size;
      font-family: var(--parley-font-family, inherit);
      color: var(--_text);
      background: var(--_bg);
      line-height: 1.5;
      overflow-wrap: anywhere;
    }
    :host([hidden]) {
      display: none;
    }
    #heading {
      font-size: 1.25em;
      margin: 0 0 0.5em;
    }
    ol {
      list-style: none;
      margin: 0;
      padding: 0;
    }
    .error {
      margin-block: 1em;
      padding: 0.75em 1em;
      border: 1px solid var(--_danger);
      border-radius: var(--_radius);
    }
    .error p {
      margin: 0 0 0.5em;
      color: var(--_danger);
    }
    .more {
      margin-block: 1em;
    }
    .status {
      color: var(--_muted);
      font-size: 0.875em;
    }
    .visually-hidden {
      position: absolute;
      inline-size: 1px;
      block-size: 1px;
      overflow: hidden;
      clip-path: inset(50%);
      white-space: nowrap;
    }
  `,
];

import { css } from 'lit';
import { buttonStyles } from './styles/shared.styles.js';

// The palette follows the colour scheme the element ends up with: by default the one the
// page declares (`color-scheme` inherits, and a page that declares none is light), or the
// one `theme` sets. light-dark() picks the value per scheme, so the forms' shadow roots,
// which inherit the scheme, follow too. The public --parley-* properties are read with
// fallbacks into private --_* ones, so a value set anywhere up the page wins.
const palette = css`
  :host {
    --_text: var(--parley-color-text, light-dark(#1f2328, #e6edf3));
    --_bg: var(--parley-color-background, light-dark(#ffffff, #0d1117));
    --_accent: var(--parley-color-accent, light-dark(#0b57d0, #4493f8));
    --_on-accent: var(--parley-color-on-accent, light-dark(#ffffff, #0d1117));
    --_muted: var(--parley-color-muted, light-dark(#57606a, #9da7b3));
    --_border: var(--parley-color-border, light-dark(#6e7781, #8b949e));
    --_rule: var(--parley-color-rule, light-dark(#d0d7de, #3d444d));
    --_danger: var(--parley-color-danger, light-dark(#b3261e, #ff8a80));
    --_hover: var(--parley-color-hover, rgb(127 127 127 / 0.12));
    --_radius: var(--parley-radius, 0.375rem);
    --_indent: var(--parley-indent, 1.5rem);
    /* On the page's own background unless the site gives one. */
    --_surface: var(--parley-color-background, transparent);
    --_padding: var(--parley-padding, 0);
  }
  /* A chosen theme paints its own background, which then needs room around the text. */
  :host([theme='light']) {
    color-scheme: light;
  }
  :host([theme='dark']) {
    color-scheme: dark;
  }
  :host([theme='auto']) {
    color-scheme: light dark;
  }
  :host([theme='light']),
  :host([theme='dark']),
  :host([theme='auto']) {
    --_surface: var(--_bg);
    --_padding: var(--parley-padding, 1rem);
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
      background: var(--_surface);
      padding: var(--_padding);
      border-radius: var(--_radius);
      line-height: 1.5;
      overflow-wrap: anywhere;
    }
    :host([hidden]) {
      display: none;
    }
    .top {
      display: flex;
      flex-wrap: wrap;
      align-items: baseline;
      justify-content: space-between;
      gap: 0.5em 1em;
      margin: 0 0 0.5em;
    }
    #heading {
      font-size: 1.25em;
      margin: 0;
    }
    .sort {
      font-size: 0.875em;
      color: var(--_muted);
    }
    .sort select {
      font: inherit;
      color: var(--_text);
      background: var(--_bg);
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      margin-inline-start: 0.5em;
      padding: 0.25em 0.5em;
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

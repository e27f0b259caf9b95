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
    .comments > .comment {
      /* No content-visibility: auto here, though it would save layout on long threads: Chromium
         leaves comments that were never on screen out of the accessibility tree, so a screen
         reader would not find them (test/a11y/walkthrough.test.ts, step 7). */
      border-block-start: 1px solid var(--_rule);
    }
    .comment {
      padding-block-start: 1em;
    }
    .replies {
      margin-inline-start: var(--_indent);
      padding-inline-start: 0.75em;
      border-inline-start: 2px solid var(--_rule);
    }
    @container (max-width: 30rem) {
      .replies {
        margin-inline-start: 0.25rem;
        padding-inline-start: 0.5em;
      }
    }
    article {
      padding-block-end: 0.5em;
      border-radius: var(--_radius);
    }
    article:focus-visible {
      outline: 2px solid var(--_accent);
      outline-offset: 4px;
    }
    .meta {
      display: flex;
      align-items: center;
      gap: 0.625em;
    }
    .byline {
      display: flex;
      flex-wrap: wrap;
      align-items: baseline;
      column-gap: 0.5em;
      min-inline-size: 0;
    }
    .author {
      font-weight: 600;
    }
    a {
      color: var(--_accent);
      text-underline-offset: 0.15em;
    }
    a:focus-visible {
      outline: 2px solid var(--_accent);
      outline-offset: 2px;
    }
    time,
    .in-reply-to,
    .status {
      color: var(--_muted);
      font-size: 0.875em;
    }
    .avatar {
      flex: none;
      border-radius: 50%;
      display: inline-grid;
      place-items: center;
      color: #fff;
      font-weight: 600;
      font-size: 0.875em;
      inline-size: 2.75em;
      block-size: 2.75em;
    }
    .hue-0 { background: #8f3f00; }
    .hue-1 { background: #0b57d0; }
    .hue-2 { background: #146c2e; }
    .hue-3 { background: #a8326b; }
    .hue-4 { background: #5b3cc4; }
    .hue-5 { background: #00658f; }
    .hue-6 { background: #b3261e; }
    .hue-7 { background: #5c5f00; }
    .body p {
      margin: 0.5em 0;
    }
    .pending {
      display: inline-block;
      margin: 0 0 0.5em;
      padding: 0 0.5em;
      border: 1px dashed var(--_border);
      border-radius: var(--_radius);
      font-size: 0.875em;
      color: var(--_muted);
    }
    .link {
      border: none;
      padding-inline: 0;
      color: var(--_accent);
      text-decoration: underline;
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
    .visually-hidden {
      position: absolute;
      inline-size: 1px;
      block-size: 1px;
      overflow: hidden;
      clip-path: inset(50%);
      white-space: nowrap;
    }
    @media (forced-colors: active) {
      /* "Show more" is a button drawn as a link: give it back the border of a button. */
      .link {
        border: 1px solid ButtonText;
        padding-inline: 0.5em;
      }
      .avatar {
        border: 1px solid CanvasText;
      }
      .replies {
        border-inline-start-color: CanvasText;
      }
    }
  `,
];

import { css } from 'lit';
import { buttonStyles } from '../styles/shared.styles.js';

export const styles = [
  buttonStyles,
  css`
    :host {
      display: block;
      margin-block: 0.75em;
    }
    /* Block layout, with the grid's 0.375em gap as margins (the same boxes to the pixel in
       Chromium, Firefox and WebKit), and a text area whose text cannot change its size
       (size containment; rows × line height given back by contain-intrinsic-size):
       Chromium then lays out only the text area on each keystroke. A grid or flex item
       is never laid out on its own: every key laid out the page from its root, and in a
       reply form, inside the list, through all 1,552 top-level comments of a 5,000-comment
       thread (traced: Layout 7-8 ms per key over 110,000 objects; now 0.5 ms, 4 objects). */
    form {
      display: flow-root;
    }
    :where(form > label, form > textarea, form > input):where(:not([hidden])) {
      display: block;
    }
    form > * + * {
      margin-block-start: 0.375em;
    }
    /* An empty row (the markdown add-on's preview while writing) keeps its gaps on both
       sides, as in the grid, rather than letting them collapse into one. */
    :where(form > div:empty) {
      display: flow-root;
    }
    /* The same gap under text drawn at 0.875em. */
    form > :is(label, .field-error, .failure, .count, .note):not(:first-child) {
      margin-block-start: calc(0.375em / 0.875);
    }
    label {
      font-weight: 600;
      font-size: 0.875em;
    }
    textarea,
    input {
      box-sizing: border-box;
      inline-size: 100%;
      font: inherit;
      color: inherit;
      background: var(--_bg);
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      padding: 0.5em 0.625em;
    }
    /* The honeypot: out of sight, layout, tab order and accessibility tree; bots that
       read the markup fill it. */
    .trap {
      display: none;
    }
    textarea {
      resize: vertical;
      min-block-size: 4.5em;
      /* Its height is its rows (or the visitor's drag, which sets it), never its text. */
      contain: size layout;
      contain-intrinsic-block-size: 6em; /* 4 × line-height 1.5, where lh is unknown */
      contain-intrinsic-block-size: 4lh;
    }
    textarea[rows='3'] {
      contain-intrinsic-block-size: 4.5em;
      contain-intrinsic-block-size: 3lh;
    }
    input {
      max-inline-size: 20em;
    }
    .notify {
      display: flex;
      gap: 0.5em;
      align-items: center;
      font-weight: normal;
    }
    .notify input {
      inline-size: auto;
      margin: 0;
    }
    textarea:focus-visible,
    input:focus-visible {
      outline: 2px solid var(--_accent);
      outline-offset: 1px;
    }
    .required {
      font-weight: normal;
      color: var(--_muted);
    }
    textarea[aria-invalid='true'],
    input[aria-invalid='true'] {
      border-color: var(--_danger);
    }
    .field-error,
    .failure {
      color: var(--_danger);
      margin: 0;
      font-size: 0.875em;
    }
    .field-error:empty,
    .failure:empty {
      display: none;
    }
    .count,
    .note {
      margin: 0;
      font-size: 0.875em;
      color: var(--_muted);
    }
    .actions {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5em;
      align-items: center;
      /* The gap and a little more. */
      margin-block-start: 0.625em;
    }
  `,
];

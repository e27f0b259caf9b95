import { css } from 'lit';
import { buttonStyles } from '../styles/shared.styles.js';

export const styles = [
  buttonStyles,
  css`
    :host {
      display: block;
      margin-block: 0.75em;
    }
    form {
      display: grid;
      gap: 0.375em;
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
      margin-block-start: 0.25em;
    }
  `,
];

import { css } from 'lit';

/** Buttons as the root and the forms draw them: the accent button and quiet ones. */
export const buttonStyles = css`
  button {
    font: inherit;
    font-size: 0.875em;
    min-block-size: 2.25em;
    min-inline-size: 2.25em;
    padding: 0.375em 0.875em;
    border-radius: var(--_radius);
    border: 1px solid var(--_border);
    background: transparent;
    color: inherit;
    cursor: pointer;
  }
  button:hover {
    background: var(--_hover);
  }
  button:focus-visible {
    outline: 2px solid var(--_accent);
    outline-offset: 2px;
  }
  button:disabled {
    cursor: progress;
    opacity: 0.7;
  }
  .submit {
    background: var(--_accent);
    border-color: var(--_accent);
    color: var(--_on-accent);
    font-weight: 600;
  }
  .submit:hover {
    background: var(--_accent);
    filter: brightness(1.1);
  }
  @media (forced-colors: active) {
    button {
      border: 1px solid ButtonText;
    }
    button:focus-visible {
      outline-color: Highlight;
    }
  }
  @media (prefers-reduced-motion: reduce) {
    * {
      transition: none !important;
      animation: none !important;
    }
  }
`;

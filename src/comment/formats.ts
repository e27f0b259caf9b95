import type { ParleyStrings } from '../i18n/strings.js';

/**
 * Writes a body in a format an add-on brings (`parley-comments/markdown`) into an empty
 * element. It gets the text as the plain renderer would (line feeds only, control
 * characters shown as U+FFFD, cut to a preview when long).
 */
export interface BodyFormat {
  (target: HTMLElement, text: string): void;
  /**
   * Called after each render of every comment form (`<parley-reply-form>`), whatever
   * format its widget uses, for the format's own controls (Write / Preview).
   */
  form?(form: HTMLElement, strings: ParleyStrings): void;
}

/**
 * The body formats add-ons registered, by the name `<parley-comments format>` and a
 * record's `format` take. Without one, a body is plain text. No prototype: a `format` of
 * `constructor` names nothing.
 */
export const formats: Record<string, BodyFormat | undefined> = Object.create(null);

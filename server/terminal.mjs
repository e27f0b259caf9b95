/**
 * Text from visitors (comment bodies, names, thread keys) printed to a terminal or a log
 * must not drive the terminal: an escape sequence in a comment could clear a moderator's
 * screen, fake output or set the window title.
 */

// C0 and C1 controls, DEL, and the Unicode controls that reorder or hide text (bidi
// overrides and isolates, line and paragraph separators).
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]/g;

/**
 * Shows every control character as a visible escape (`\x1b`, `\n`, `\u202e`).
 *
 * @param {unknown} text
 * @returns {string}
 */
export function escapeControl(text) {
  return String(text).replace(CONTROL, (ch) => {
    if (ch === '\n') return '\\n';
    if (ch === '\r') return '\\r';
    if (ch === '\t') return '\\t';
    const code = ch.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

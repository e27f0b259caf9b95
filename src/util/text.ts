// C0/C1 controls other than tab and newline, and UTF-16 halves without their partner:
// shown as U+FFFD so they can neither hide text nor break the rendering of what follows.
const UNSAFE =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

// A cheap first look: most text has no control character and no surrogate at all.
const SUSPECT = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uD800-\uDFFF]/;

/** Visitor text made safe to show as text: no control characters, no lone surrogates. */
export function displayText(text: string): string {
  return SUSPECT.test(text) ? text.replace(UNSAFE, '\uFFFD') : text;
}

/** Cuts text to at most `max` UTF-16 units without splitting a surrogate pair. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  const code = text.charCodeAt(max - 1);
  return text.slice(0, code >= 0xd800 && code <= 0xdbff ? max - 1 : max);
}

/** Up to two initials for an avatar: "Mary G" → "MG", "cliff" → "C". */
export function initials(name: string): string {
  const words = name.trim().split(/\s+/);
  const first = firstCharacter(words[0]);
  const last = words.length > 1 ? firstCharacter(words[words.length - 1]) : '';
  return (first + last).toUpperCase() || '?';
}

/** The first code point of a word, whole even when it is a surrogate pair. */
function firstCharacter(word: string): string {
  const code = word.codePointAt(0);
  return code === undefined ? '' : String.fromCodePoint(code);
}

/** A stable small number from a name, to pick an avatar colour. */
export function hueIndex(name: string, buckets: number): number {
  let h = 0;
  for (let i = 0; i < name.length; i++) h = (h * 31 + name.charCodeAt(i)) | 0;
  return Math.abs(h) % buckets;
}

// A cheap first look: most text has no control character and no surrogate at all.
const SUSPECT = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uD800-\uDFFF]/;

/**
 * Builds a string from UTF-16 units, 8,192 at a time. Text that changes in many places is
 * rebuilt this way, not with `replace` or `+=`: those make a piece per change, and in V8 a
 * megabyte of pieces took 40–70× the time of 64 KB, where 16× is linear. (`fromCharCode`
 * takes the units as arguments: 8,192 stays under every engine's limit.)
 */
export class UnitWriter {
  private readonly chunk: Uint16Array;
  private length = 0;
  private readonly parts: string[] = [];

  /** `size`: about how many units will be written. */
  constructor(size: number) {
    this.chunk = new Uint16Array(Math.max(1, Math.min(size, 8192)));
  }

  push(unit: number): void {
    if (this.length === this.chunk.length) this.flush();
    this.chunk[this.length++] = unit;
  }

  toString(): string {
    this.flush();
    return this.parts.join('');
  }

  private flush(): void {
    if (this.length) this.parts.push(String.fromCharCode.apply(null, this.chunk.subarray(0, this.length) as unknown as number[]));
    this.length = 0;
  }
}

/**
 * Visitor text made safe to show as text: C0/C1 controls other than tab, line feed and
 * carriage return, and UTF-16 halves without their partner, shown as U+FFFD, so they can
 * neither hide text nor break the rendering of what follows.
 */
export function displayText(text: string): string {
  if (!SUSPECT.test(text)) return text;
  const out = new UnitWriter(text.length);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    let unsafe = false;
    if (c < 0xa0) unsafe = c < 0x20 ? c !== 0x09 && c !== 0x0a && c !== 0x0d : c >= 0x7f;
    else if (c >= 0xd800 && c <= 0xdfff) {
      const next = text.charCodeAt(i + 1);
      if (c < 0xdc00 && next >= 0xdc00 && next <= 0xdfff) {
        out.push(c);
        out.push(next);
        i++;
        continue;
      }
      unsafe = true;
    }
    out.push(unsafe ? 0xfffd : c);
  }
  return out.toString();
}

/**
 * Whether a UTF-16 unit is a bidirectional formatting character: the embeddings,
 * overrides and isolates (U+202A–U+202E, U+2066–U+2069) and the marks (U+200E, U+200F,
 * U+061C). These reorder the text around them without being seen.
 */
export function isBidiControl(c: number): boolean {
  return c === 0x200e || c === 0x200f || c === 0x061c || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);
}

// Anything that shows: not whitespace, not a format character (zero-width spaces and
// joiners, direction controls, soft hyphens, tags), not one of the other code points
// fonts leave blank (Hangul fillers, variation selectors), not the blank Braille pattern.
// One character class, so the search is linear in every engine.
const SHOWS = /[^\p{White_Space}\p{Cf}\p{Default_Ignorable_Code_Point}\u2800]/u;

/** Whether text shows nothing when rendered: empty, blank, or only invisible characters. */
export function isBlank(text: string): boolean {
  return !SHOWS.test(text);
}

/**
 * An author's name as it is shown: safe text (see `displayText`) in which no direction
 * control can reorder what the name says. Embeddings, overrides and isolates are shown as
 * `�`, so a reader sees that something was there; the marks (U+200E, U+200F, U+061C),
 * invisible and typed by some right-to-left keyboards, are dropped, so the name reads in
 * the order of its own letters. A name that shows nothing gives the empty string, for
 * the caller's "Anonymous".
 */
export function displayName(name: string): string {
  if (isBlank(name)) return '';
  const text = displayText(name);
  const n = text.length;
  let i = 0;
  while (i < n && !isBidiControl(text.charCodeAt(i))) i++;
  if (i === n) return text;
  const out = new UnitWriter(n);
  for (i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (!isBidiControl(c)) out.push(c);
    else if (c >= 0x202a) out.push(0xfffd);
  }
  return out.toString();
}

/** The longest error message shown or kept from a backend; an error page can be a whole document. */
export const MAX_MESSAGE = 300;

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

/**
 * Returns the URL as a string when it is an absolute `http:` or `https:` URL, else null.
 *
 * Parsing with `URL` (rather than matching a prefix) is what makes this safe: the parser
 * strips the tabs, newlines and leading control characters that browsers also ignore, so
 * `java\tscript:` and ` javascript:` are seen as the `javascript:` URLs they are.
 */
export function safeHttpUrl(value: unknown): string | null {
  if (typeof value !== 'string' || value.length > 2048) return null;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return null;
  }
  return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
}

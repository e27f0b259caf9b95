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

/**
 * The address of `path` (relative, no leading slash) below a server's address, with
 * `query` added. The server's address may be absolute or relative to the page, as for a
 * server proxied on the page's own origin (`/api`, `/isso`).
 */
export function serverUrl(server: string, path: string, query: Record<string, string> = {}): string {
  // Its path would be cut at the `?` or `#`, and every request would go somewhere else.
  if (/[?#]/.test(server)) throw new TypeError(`A server address cannot have a query or fragment: ${server}`);
  const root = `${withoutTrailingSlashes(server)}/`;
  const page = globalThis.document?.baseURI ?? globalThis.location?.href;
  if (page === undefined && !URL.canParse(root)) {
    // No page to resolve against (a server-side render, say): relative it stays, for a
    // `fetch` of the caller's own to place.
    const search = new URLSearchParams(query).toString();
    return `${root}${path}${search ? `?${search}` : ''}`;
  }
  const url = new URL(path, new URL(root, page));
  for (const [key, value] of Object.entries(query)) url.searchParams.set(key, value);
  return url.href;
}

/**
 * Text without the slashes it ends with. A loop, not `replace(/\/+$/, '')`: that pattern
 * tries every run of slashes from each of its starting points (quadratic in the run).
 */
export function withoutTrailingSlashes(text: string): string {
  let end = text.length;
  while (end > 0 && text.charCodeAt(end - 1) === 0x2f) end--;
  return text.slice(0, end);
}

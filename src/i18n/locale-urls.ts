import type { ParleyStrings } from './strings.js';

// The script-tag build is one classic script and cannot split code: each locale is an ES
// module file beside it (dist/locales/de.js), found from the script's own URL, read while
// the script runs (`document.currentScript` is null afterwards). import() is not a
// Trusted Types sink, and the file comes from wherever parley.min.js came from, which
// the page's `script-src` already allows.
const base = (document.currentScript as HTMLScriptElement | null)?.src || location.href;

/** A built-in locale's module, fetched beside parley.min.js. */
export const importLocale = (name: string): Promise<{ default: ParleyStrings }> => import(new URL(`locales/${name}.js`, base).href);

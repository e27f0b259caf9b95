import type { ParleyStrings } from '../i18n/strings.js';
import { errorMessage } from '../util/errors.js';

/**
 * The words for each refusal an adapter can name with its error's `code`
 * (`AdapterError`): a visitor reads "You are posting too quickly", not a server's
 * "127.0.0.0: ratelimit exceeded (1, 2)". Codes from adapters of other builds (a second
 * copy of Parley on the page) are read the same way, so this looks at `code`, not the class.
 */
const REFUSALS = {
  'too-fast': 'tooFast',
  'rate-limited': 'rateLimited',
  duplicate: 'duplicate',
  'email-required': 'emailRequired',
  'name-required': 'nameRequired',
  'too-many-replies': 'tooManyReplies',
  'edit-window-closed': 'editWindowClosed',
  'not-yours': 'notYours',
  network: 'unreachable',
} as const satisfies Record<string, keyof ParleyStrings>;

/**
 * What to tell the visitor about a failed call: the words for a refusal the adapter
 * named, else the error's own message (or `fallback`), ending as a sentence ends.
 */
export function visitorReason(error: unknown, strings: ParleyStrings, fallback: string): string {
  const code: unknown = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  if (typeof code === 'string' && Object.hasOwn(REFUSALS, code)) return strings[REFUSALS[code as keyof typeof REFUSALS]];
  return asSentence(errorMessage(error, fallback));
}

/** Text that ends as a sentence does, so the words after it read as a new one. */
export function asSentence(text: string): string {
  return /[.!?…。！？]["'”’)]?$/.test(text) ? text : `${text}.`;
}

/**
 * Tells the site's owner, in the console, why a call failed: the error itself (the
 * backend's own words), and where the server was not reached at all, the usual cause.
 */
export function logFailure(what: string, error: unknown): void {
  const code: unknown = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  const hint =
    code === 'network'
      ? " If the comment server is on another origin, it must allow this page's origin (CORS), and any headers the adapter sends."
      : '';
  console.warn(`[parley] ${what}.${hint}`, error);
}

import type { ParleyStrings } from '../i18n/strings.js';
import { safeHttpUrl } from '../util/url.js';

/** The fields besides the comment a form can ask for. */
export type FieldName = 'name' | 'email' | 'url';

/** One field of the form, and whether a comment needs it. */
export interface FormField {
  readonly name: FieldName;
  readonly required: boolean;
}

const KNOWN: ReadonlySet<string> = new Set(['name', 'email', 'url']);

/**
 * The fields a `fields` attribute lists: space-separated `name`, `email` and `url`, each
 * required with a trailing `*` (`fields="name* email* url"`), as WordPress's discussion
 * settings offer. Unknown and repeated words are ignored; nothing usable means `name`.
 */
export function parseFields(value: string | null | undefined): FormField[] {
  const fields: FormField[] = [];
  const seen = new Set<string>();
  for (const word of (value ?? '').split(/\s+/)) {
    const required = word.endsWith('*');
    const name = required ? word.slice(0, -1) : word;
    if (!KNOWN.has(name) || seen.has(name)) continue;
    seen.add(name);
    fields.push({ name: name as FieldName, required });
  }
  return fields.length ? fields : [{ name: 'name', required: false }];
}

/** The most characters a name may have; longer input is cut, not refused. */
export const MAX_NAME_LENGTH = 100;

// No @ and no space either side of one @: what every address has. Each part is a single
// character class that cannot match `@`, so the pattern cannot backtrack.
const EMAIL = /^[^\s@]+@[^\s@]+$/;

/**
 * What is wrong with a field's value, in the visitor's words, or '' when nothing is: a
 * required field left empty, an e-mail without its @, a website that is not http(s).
 */
export function fieldProblem(field: FormField, value: string, strings: ParleyStrings): string {
  const text = value.trim();
  if (!text) return field.required ? strings.fieldMissing[field.name] : '';
  if (field.name === 'email' && (text.length > 254 || !EMAIL.test(text))) return strings.emailInvalid;
  if (field.name === 'url' && !safeHttpUrl(text)) return strings.urlInvalid;
  return '';
}

/**
 * Pure validation of what a visitor sends: a `NewComment` (see docs/contract.md) and the
 * thread key from the URL. No I/O here, so the rules can be tested on their own and
 * every message is written for the person who sees it in the widget.
 */

/** Longest comment body, in characters (code points), after trimming. */
export const MAX_BODY_CHARS = 10_000;
/** Longest author name, in characters, after trimming. */
export const MAX_NAME_CHARS = 100;
/** Longest e-mail address (RFC 5321 path limit). */
export const MAX_EMAIL_CHARS = 254;

// One bare address, no display name, comment or list: the local part in RFC 5322's atom
// characters and dots (no quoted strings: `"`, `,`, `<`, `>`, `(` never pass, so nothing a
// mail library reads as a second recipient or a name), the domain in dot-separated labels
// of letters, digits and hyphens. Non-ASCII letters (U+00A0 up, without the line
// separators and the bidi controls) stay allowed for internationalised addresses. Each class excludes the
// character that follows it, so the match is linear.
const LETTERS = '\\u00a0-\\u061b\\u061d-\\u200d\\u2010-\\u2027\\u202f-\\u2065\\u206a-\\ufffd';
const ADDRESS_LOCAL = `[A-Za-z0-9.!#$%&'*+/=?^_{|}~\\-${LETTERS}]+`;
const ADDRESS_LABEL = `[A-Za-z0-9\\-${LETTERS}]+`;
const MAIL_ADDRESS = new RegExp(`^${ADDRESS_LOCAL}@${ADDRESS_LABEL}(?:\\.${ADDRESS_LABEL})*$`);

/** Whether `text` is one bare e-mail address (`name@example.com`), as we mail to it. */
export function isMailAddress(text) {
  return typeof text === 'string' && text.length <= MAX_EMAIL_CHARS && MAIL_ADDRESS.test(text);
}
/** Longest author URL. */
export const MAX_URL_CHARS = 2_000;
/** Longest thread key, in characters, after URL-decoding. */
export const MAX_THREAD_CHARS = 200;
/** Longest comment id accepted as a `parentId`. */
export const MAX_ID_CHARS = 100;
/** The name stored when a visitor leaves the field empty. */
export const ANONYMOUS_NAME = 'Anonymous';

/**
 * @typedef {object} CleanComment
 * @property {string | null} parentId
 * @property {string} body      Trimmed.
 * @property {{ name: string, email?: string, url?: string }} author  Trimmed; empty optionals dropped.
 * @property {true} [notify]  The author asks for replies by e-mail (only with an e-mail).
 */

/**
 * @typedef {{ ok: true, value: CleanComment } | { ok: false, message: string }} ValidationResult
 */

/**
 * Checks a comment body, as a post and an edit send it: a string of well-formed text, not
 * empty once trimmed, at most MAX_BODY_CHARS characters.
 *
 * @param {unknown} body
 * @returns {{ ok: true, value: string } | { ok: false, message: string }} the trimmed body.
 */
export function validateBody(body) {
  if (typeof body !== 'string') return fail('The comment body must be a string.');
  if (!body.isWellFormed()) return fail('The comment body contains invalid characters.');
  if (body.includes('\0')) return fail('The comment body contains a NUL character.');
  const cleanBody = body.trim();
  if (cleanBody.length === 0) return fail('The comment body is empty: write something first.');
  const bodyChars = charCount(cleanBody);
  if (bodyChars > MAX_BODY_CHARS) {
    return fail(
      `The comment body is too long: ${bodyChars} characters, at most ${MAX_BODY_CHARS} allowed.`,
    );
  }
  return { ok: true, value: cleanBody };
}

/**
 * Checks a parsed JSON value against the contract's `NewComment` and the server's limits.
 * Unknown properties are ignored. Text is kept as text: nothing is escaped here.
 *
 * @param {unknown} input
 * @returns {ValidationResult}
 */
export function validateNewComment(input) {
  if (!isPlainObject(input)) return fail('The request body must be a JSON object (a NewComment).');

  const { parentId = null, body, author } = input;

  if (parentId !== null) {
    if (typeof parentId !== 'string') return fail('parentId must be a string or null.');
    if (parentId.length === 0 || parentId.length > MAX_ID_CHARS) {
      return fail(`parentId must be a comment id of 1 to ${MAX_ID_CHARS} characters, or null.`);
    }
  }

  const checked = validateBody(body);
  if (!checked.ok) return checked;
  const cleanBody = checked.value;

  if (!isPlainObject(author)) return fail('author must be an object with a name.');
  const { name, email, url } = author;

  if (typeof name !== 'string') return fail('author.name must be a string.');
  // A name that shows nothing (zero-width, format or blank characters only) is no name.
  const cleanName = isBlank(name) ? '' : name.trim();
  if (!cleanName.isWellFormed() || /[\u0000-\u001f\u007f]/.test(cleanName)) {
    return fail('The name contains invalid characters.');
  }
  const nameChars = charCount(cleanName);
  if (nameChars > MAX_NAME_CHARS) {
    return fail(`The name is too long: ${nameChars} characters, at most ${MAX_NAME_CHARS} allowed.`);
  }

  /** @type {CleanComment['author']} */
  const cleanAuthor = { name: cleanName || ANONYMOUS_NAME };

  if (email !== undefined && email !== null) {
    if (typeof email !== 'string') return fail('author.email must be a string.');
    const cleanEmail = email.trim();
    if (cleanEmail) {
      if (cleanEmail.length > MAX_EMAIL_CHARS) {
        return fail(`The e-mail address is too long: at most ${MAX_EMAIL_CHARS} characters.`);
      }
      if (!isMailAddress(cleanEmail)) {
        return fail('The e-mail address does not look like one (name@example.com).');
      }
      cleanAuthor.email = cleanEmail;
    }
  }

  if (url !== undefined && url !== null) {
    if (typeof url !== 'string') return fail('author.url must be a string.');
    const cleanUrl = url.trim();
    if (cleanUrl) {
      if (cleanUrl.length > MAX_URL_CHARS) {
        return fail(`The website address is too long: at most ${MAX_URL_CHARS} characters.`);
      }
      if (!isHttpUrl(cleanUrl) || /[\u0000-\u001f\u007f]/.test(cleanUrl)) {
        return fail('The website address must be an http: or https: URL.');
      }
      cleanAuthor.url = cleanUrl;
    }
  }

  const { notify } = input;
  if (notify !== undefined && typeof notify !== 'boolean') return fail('notify must be true or false.');
  /** @type {CleanComment} */
  const value = { parentId, body: cleanBody, author: cleanAuthor };
  // Replies can only be mailed to an address.
  if (notify === true && cleanAuthor.email) value.notify = true;
  return { ok: true, value };
}

/**
 * Checks a thread key that has already been URL-decoded.
 *
 * @param {string} thread
 * @returns {string | null} An error message, or null when the key is acceptable.
 */
export function validateThreadKey(thread) {
  if (thread.length === 0) return 'The thread key is empty.';
  if (!thread.isWellFormed() || thread.includes('\0')) return 'The thread key contains invalid characters.';
  if (charCount(thread) > MAX_THREAD_CHARS) {
    return `The thread key is too long: at most ${MAX_THREAD_CHARS} characters.`;
  }
  return null;
}

// Anything that shows: not whitespace, not a format character (zero-width spaces and
// joiners, direction controls, soft hyphens), not a code point fonts leave blank (Hangul
// fillers, variation selectors), not the blank Braille pattern. One class: linear.
const SHOWS = /[^\p{White_Space}\p{Cf}\p{Default_Ignorable_Code_Point}\u2800]/u;

/** Whether text shows nothing when rendered. */
function isBlank(text) {
  return !SHOWS.test(text);
}

/** Counts code points, so an emoji is one character, as a visitor would count it. */
function charCount(text) {
  let count = 0;
  for (const _ of text) count += 1;
  return count;
}

function isHttpUrl(text) {
  try {
    const { protocol } = new URL(text);
    return protocol === 'http:' || protocol === 'https:';
  } catch {
    return false;
  }
}

function isPlainObject(value) {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** @returns {{ ok: false, message: string }} */
function fail(message) {
  return { ok: false, message };
}

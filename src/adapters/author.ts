/**
 * The one rule for names, both ways: a name that shows nothing — empty, or only white
 * space, zero-width, format or other invisible characters — is no name. Coming from a
 * backend it becomes `''`, for which the widget shows its own word for "Anonymous";
 * going to a backend, the adapter sends no name, so the server stores none rather than
 * a word in the language of whoever posted.
 */
import { httpUrl } from './backend-support.js';
import type { CommentAuthor } from './types.js';

/** One character that shows nothing (U+2800, the blank braille pattern, is a favourite of invisible names). */
const INVISIBLE = /^[\p{White_Space}\p{Cf}\p{Default_Ignorable_Code_Point}\u2800]$/u;

/** True when the name shows no character at all. */
export function isBlankName(name: unknown): boolean {
  if (typeof name !== 'string') return true;
  // One character at a time: a pattern over the whole name would backtrack in some engines.
  for (const char of name) if (!INVISIBLE.test(char)) return false;
  return true;
}

/**
 * An author from a backend's fields: the name as given (empty when it is missing or blank;
 * the widget shows its words for "Anonymous"), the website and avatar only when they are
 * http(s) URLs.
 */
export function toAuthor(name: unknown, url?: unknown, avatarUrl?: unknown): CommentAuthor {
  const author: CommentAuthor = { name: isBlankName(name) ? '' : (name as string) };
  const link = httpUrl(url);
  if (link) author.url = link;
  const avatar = httpUrl(avatarUrl);
  if (avatar) author.avatarUrl = avatar;
  return author;
}

/** The name to send for a new comment: trimmed, or `''` when the visitor gave none. */
export function sentName(name: unknown): string {
  return isBlankName(name) ? '' : (name as string).trim();
}

/** An optional field of a new comment (an e-mail address, a website): trimmed, `''` when absent. */
export function sentField(value: unknown): string {
  return typeof value === 'string' ? value.trim() : '';
}

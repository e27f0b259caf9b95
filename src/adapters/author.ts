/**
 * The one rule for names, both ways, and the widget's (`isBlank` in `util/text.ts`): a
 * name that shows nothing — empty, or only white space, zero-width, format or other
 * invisible characters — is no name. Coming from a backend it becomes `''`, for which the
 * widget shows its own word for "Anonymous"; going to a backend, the adapter sends no
 * name, so the server stores none rather than a word in the language of whoever posted.
 */
import { isBlank } from '../util/text.js';
import { httpUrl } from './backend-support.js';
import type { CommentAuthor } from './types.js';

/** True when the name shows no character at all: the widget's own rule (`isBlank`), for anything a backend sends. */
export function isBlankName(name: unknown): boolean {
  return typeof name !== 'string' || isBlank(name);
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

/**
 * Reading what a comment backend sends — untrusted JSON — as Parley's types. Shared by the
 * backend adapters (Waline, Isso, Remark42, Artalk); what is particular to one backend
 * stays in its adapter. Requests and error answers are `request.ts`, rendered HTML is
 * `html-to-text.ts`, names are `author.ts`.
 *
 * Every function takes whatever the backend sent and never throws on it; the one exception
 * is `parseCursor`, which refuses a cursor the adapter never handed out.
 */
import { truncate } from '../util/text.js';
import { safeHttpUrl, serverUrl } from '../util/url.js';

/** True for a JSON object: not null, not an array. */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The objects in a JSON array; other entries are skipped, and a non-array reads as empty. */
export function objectsIn(value: unknown): Record<string, unknown>[] {
  return Array.isArray(value) ? value.filter(isObject) : [];
}

/**
 * The page number or offset in a cursor that an adapter handed out as `next`: `first` when
 * there is no cursor, else a decimal integer of at least `first`.
 * @throws Error for anything else, naming the backend.
 */
export function parseCursor(cursor: string | null | undefined, first: number, backend: string): number {
  if (cursor === null || cursor === undefined || cursor === '') return first;
  // Digits only: Number() would also take ' 2', '1e3' or '0x10', which no adapter hands out.
  const value = /^\d{1,15}$/.test(cursor) ? Number(cursor) : NaN;
  if (!(value >= first)) throw new Error(`Not a page cursor of this ${backend} adapter: ${truncate(cursor, 40)}`);
  return value;
}

/**
 * The value as an absolute `http:`/`https:` URL, or undefined. With `base`, a relative
 * address is resolved against it first (some servers send their own avatars that way).
 */
export function httpUrl(value: unknown, base?: string): string | undefined {
  if (typeof value !== 'string' || !value) return undefined;
  if (base === undefined) return safeHttpUrl(value) ?? undefined;
  try {
    return safeHttpUrl(new URL(value, base).href) ?? undefined;
  } catch {
    return undefined;
  }
}

/**
 * Milliseconds since the epoch as ISO 8601. A time that is not a number or lies outside
 * what `Date` can hold (where `toISOString` would throw) reads as the epoch: the comment
 * still shows, and the odd date makes the gap obvious.
 */
export function isoTime(ms: number): string {
  const date = new Date(Number.isFinite(ms) ? ms : 0);
  return (Number.isNaN(date.getTime()) ? new Date(0) : date).toISOString();
}

/**
 * An adapter's `id`, which keys the visitor's drafts: its kind, its server's absolute
 * address (as given when it cannot be made one; the adapter refuses it when called), and
 * whatever else tells two sites on one server apart.
 */
export function backendId(kind: string, server: string, ...scope: string[]): string {
  let address: string;
  try {
    address = serverUrl(server, '');
  } catch {
    address = server;
  }
  return [kind, address, ...scope].join(' ');
}

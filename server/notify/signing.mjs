/**
 * Signed unsubscribe links: the token is an HMAC of the comment id under a secret only
 * the server knows, so a link works without a login and cannot be forged for another
 * comment.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

/** The token of one subscription (the comment whose replies are mailed). */
export function unsubscribeToken(secret, commentId) {
  return createHmac('sha256', secret).update(`parley-unsubscribe\u0000${commentId}`, 'utf8').digest('base64url');
}

/** Whether `token` is the one `unsubscribeToken` gives for `commentId`. */
export function verifyUnsubscribeToken(secret, commentId, token) {
  if (typeof token !== 'string' || typeof commentId !== 'string') return false;
  const expected = Buffer.from(unsubscribeToken(secret, commentId));
  const given = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** The address of the unsubscribe page for one subscription. */
export function unsubscribeUrl({ publicUrl, basePath, secret }, commentId) {
  const url = new URL(`${trimSlash(publicUrl)}${trimSlash(basePath)}/unsubscribe`);
  url.searchParams.set('comment', commentId);
  url.searchParams.set('token', unsubscribeToken(secret, commentId));
  return url.href;
}

/**
 * The token of a confirmation link: bound to the subscription (the comment) and the
 * address, and domain-separated from unsubscribe tokens, so neither can stand for the other.
 */
export function confirmToken(secret, commentId, email) {
  return createHmac('sha256', secret)
    .update(`parley-confirm\u0000${commentId}\u0000${String(email).toLowerCase()}`, 'utf8').digest('base64url');
}

/** Whether `token` is the one `confirmToken` gives for this comment and address. */
export function verifyConfirmToken(secret, commentId, email, token) {
  if (typeof token !== 'string' || typeof commentId !== 'string' || typeof email !== 'string') return false;
  const expected = Buffer.from(confirmToken(secret, commentId, email));
  const given = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** The address of the confirmation page for one subscription. */
export function confirmUrl({ publicUrl, basePath, secret }, commentId, email) {
  const url = new URL(`${trimSlash(publicUrl)}${trimSlash(basePath)}/confirm`);
  url.searchParams.set('comment', commentId);
  url.searchParams.set('token', confirmToken(secret, commentId, email));
  return url.href;
}

/**
 * The Message-ID of one queued mail, the same on every attempt: a mail sent twice (a
 * crash between sending and marking it sent) is recognisably one mail.
 */
export function messageId(secret, queueId, host) {
  const tag = createHmac('sha256', secret).update(`parley-message\u0000${queueId}`, 'utf8').digest('base64url').slice(0, 16);
  return `<parley.${queueId}.${tag}@${host}>`;
}

/** Without trailing slashes; a loop, since `/\/+$/` backtracks over long runs. */
export function trimSlash(text) {
  let end = text.length;
  while (end > 0 && text[end - 1] === '/') end--;
  return text.slice(0, end);
}

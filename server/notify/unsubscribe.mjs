/**
 * The one-click unsubscribe page, `{base}/unsubscribe?comment=…&token=…`: a GET shows a
 * confirmation with a button (mail scanners follow links; a GET changes nothing), a POST
 * unsubscribes — the button's, or a mail client's one-click POST (RFC 8058,
 * `List-Unsubscribe=One-Click`). The token is the link's signature: no login, and no
 * unsubscribing anyone else.
 *
 * `{base}/confirm?comment=…&token=…` is the double opt-in link of the one confirmation
 * mail, the same way (a GET asks, a POST confirms): its token is bound to the comment
 * and to the address its subscription names, and confirms that address for every
 * subscription it has, now and later.
 */
import { trimSlash, verifyConfirmToken, verifyUnsubscribeToken } from './signing.mjs';

const HEADERS = {
  'Content-Type': 'text/html; charset=utf-8',
  'Content-Security-Policy': "default-src 'none'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  'X-Content-Type-Options': 'nosniff',
  // The token is in the address: it must not leave in a Referer.
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store',
};

/**
 * @param {{ queue: import('./worker.mjs').MailQueue, secret: () => Promise<string>, basePath?: string }} options
 * @returns {(req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => boolean}
 *   true when it took the request.
 */
export function createUnsubscribeHandler({ queue, secret, basePath = '/api' }) {
  const path = `${trimSlash(basePath)}/unsubscribe`;
  const confirmPath = `${trimSlash(basePath)}/confirm`;
  return function handle(req, res) {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname !== path && url.pathname !== confirmPath) return false;
    (url.pathname === path ? respond : confirm)(req, res, url).catch(() => {
      if (!res.headersSent) page(res, 500, 'Something went wrong', 'Please try the link again in a moment.');
    });
    return true;
  };

  async function respond(req, res, url) {
    if (req.method !== 'GET' && req.method !== 'POST') {
      res.setHeader('Allow', 'GET, POST');
      return page(res, 405, 'Not here', 'Open the link from your e-mail.');
    }
    const comment = url.searchParams.get('comment');
    if (!verifyUnsubscribeToken(await secret(), comment, url.searchParams.get('token'))) {
      return page(res, 403, 'This link is not valid', 'Use the unsubscribe link exactly as it came in the e-mail.');
    }
    if (req.method === 'GET') {
      const action = `${url.pathname}${url.search}`;
      return page(res, 200, 'Stop e-mails about replies?',
        'You asked to hear by e-mail when someone replies to your comment.',
        `<form method="post" action="${escapeHtml(action)}"><button type="submit">Stop these e-mails</button></form>`);
    }
    // RFC 8058's body (List-Unsubscribe=One-Click) says nothing the signed URL does not.
    req.resume();
    await queue.unsubscribe(comment);
    return page(res, 200, 'Unsubscribed', 'You will get no more e-mails about replies to this comment.');
  }

  async function confirm(req, res, url) {
    if (req.method !== 'GET' && req.method !== 'POST') {
      res.setHeader('Allow', 'GET, POST');
      return page(res, 405, 'Not here', 'Open the link from your e-mail.');
    }
    const comment = url.searchParams.get('comment');
    const subscription = typeof comment === 'string' ? await queue.subscription(comment) : null;
    if (!subscription || !verifyConfirmToken(await secret(), comment, subscription.email, url.searchParams.get('token'))) {
      return page(res, 403, 'This link is not valid', 'Use the confirmation link exactly as it came in the e-mail.');
    }
    if (req.method === 'GET') {
      const action = `${url.pathname}${url.search}`;
      return page(res, 200, 'Confirm e-mails about replies?',
        'You asked to hear by e-mail when someone replies to your comment.',
        `<form method="post" action="${escapeHtml(action)}"><button type="submit">Confirm my address</button></form>`);
    }
    req.resume();
    await queue.confirm(subscription.email);
    return page(res, 200, 'Confirmed', 'Replies to your comments are now e-mailed to you, each with a link to stop them.');
  }
}

function page(res, status, title, text, extra = '') {
  res.statusCode = status;
  for (const [name, value] of Object.entries(HEADERS)) res.setHeader(name, value);
  res.end(`<!doctype html><html lang="en"><meta charset="utf-8"><meta name="viewport" content="width=device-width">` +
    `<title>${escapeHtml(title)}</title><main><h1>${escapeHtml(title)}</h1><p>${escapeHtml(text)}</p>${extra}</main></html>`);
}

function escapeHtml(text) {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

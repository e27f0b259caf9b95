// The test server's side of the Waline integration test, as one Koa middleware:
// - `/waline/…` and `/waline-audit/…` are proxied to the Waline servers (same origin for
//   the page, so no CORS is involved);
// - `/waline-avatar/<hash>.svg` serves the avatars Waline points to;
// - `/waline-test/offsite` reports every attempt to leave this machine so far.
import { readFileSync } from 'node:fs';

const AVATAR =
  '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="40"><rect width="40" height="40" fill="#8a9"/></svg>';

/** Reads a request body in full. */
async function readBody(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  return Buffer.concat(chunks);
}

/**
 * @param {Record<string, { url: string, guardLog: string }>} servers by path prefix,
 *   filled in once they have started
 * @param {{ entries: string[] }} sinkhole the browser's dead-end proxy
 */
export function walineMiddleware(servers, sinkhole) {
  return async function waline(ctx, next) {
    if (ctx.path.startsWith('/waline-avatar/')) {
      ctx.type = 'image/svg+xml';
      ctx.body = AVATAR;
      return;
    }
    if (ctx.path === '/waline-test/offsite') {
      const refused = Object.fromEntries(
        Object.entries(servers).map(([prefix, server]) => [prefix, readFileSync(server.guardLog, 'utf8')]),
      );
      ctx.type = 'application/json';
      ctx.body = JSON.stringify({ server: refused, browser: sinkhole.entries });
      return;
    }
    const prefix = Object.keys(servers).find((p) => ctx.path.startsWith(`${p}/`));
    if (!prefix) return next();
    const hasBody = ctx.method !== 'GET' && ctx.method !== 'HEAD';
    const headers = {};
    for (const name of ['accept', 'content-type', 'user-agent', 'authorization']) {
      if (ctx.get(name)) headers[name] = ctx.get(name);
    }
    const response = await fetch(`${servers[prefix].url}${ctx.url.slice(prefix.length)}`, {
      method: ctx.method,
      headers,
      body: hasBody ? await readBody(ctx.req) : undefined,
    });
    ctx.status = response.status;
    const type = response.headers.get('content-type');
    if (type) ctx.set('Content-Type', type);
    ctx.body = Buffer.from(await response.arrayBuffer());
  };
}

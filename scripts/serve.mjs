#!/usr/bin/env node
/**
 * The demo server behind `npm start`: serves the repository root over `node:http`
 * (no dependencies), so `/demo/` and `/dist/` resolve as they would on a real site.
 *
 * Every HTML response carries the contract's strict Content-Security-Policy, so the
 * demo pages themselves prove that Parley works under it.
 *
 * It serves only what the demo needs (`/demo/` and `/dist/` of the repository, never
 * `server/data/` with its database), answers only requests addressed to the loopback
 * names (a DNS-rebinding page cannot read it), and its redirects stay on this host.
 *
 * Usage: `node scripts/serve.mjs` (port from `PORT`, default 8080; the next free port
 * is taken when that one is busy).
 */
import { createServer } from 'node:http';
import { createReadStream } from 'node:fs';
import { readFile, realpath, stat } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { DEFAULT_DB_PATH, openCommentStore } from '../server/comment-store.mjs';
import { createApi } from '../server/http-api.mjs';

/**
 * The strict policy from the contract ("Pages it must work on"), and no framing by other
 * sites (clickjacking), which does not change what runs on the page.
 */
export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self'; object-src 'none'; " +
  "base-uri 'none'; require-trusted-types-for 'script'; trusted-types lit-html; " +
  "frame-ancestors 'none'";

/** What the demo needs from the repository; nothing else of it is served. */
const DEMO_FOLDERS = ['demo', 'dist'];

/** Host names this server answers to (any port): the loopback names. */
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

const MIME_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.ico': 'image/x-icon',
};

const DEFAULT_ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));

/**
 * Builds (but does not start) the demo server.
 *
 * @param {object} [options]
 * @param {string} [options.root] Directory to serve; defaults to the repository root.
 * @param {string[] | null} [options.folders] Top-level folders of `root` that may be
 *   served; by default `demo` and `dist` of the repository, or all of another `root`.
 * @param {(req: import('node:http').IncomingMessage,
 *          res: import('node:http').ServerResponse) => boolean} [options.api]
 *   Mounted in front of the static files: it answers a request and returns true, or
 *   returns false to let the static handler serve it. It must decide synchronously;
 *   the response itself may be finished later.
 * @returns {import('node:http').Server}
 */
export function createDemoServer({ root = DEFAULT_ROOT, api, folders } = {}) {
  const rootDir = resolve(root);
  const allowed = folders === undefined ? (rootDir === DEFAULT_ROOT ? DEMO_FOLDERS : null) : folders;
  return createServer((req, res) => {
    // DNS rebinding: a page on evil.example whose name now resolves to 127.0.0.1 sends
    // Host: evil.example. Only requests addressed to this machine by name are answered.
    if (!isLoopbackHost(req.headers.host)) return sendText(res, 421, 'Misdirected Request');
    try {
      if (api && api(req, res)) return;
    } catch (error) {
      console.error(error);
      if (!res.headersSent) sendText(res, 500, 'Internal Server Error');
      else res.destroy();
      return;
    }
    serveStatic(rootDir, allowed, req, res).catch((error) => {
      console.error(error);
      if (!res.headersSent) sendText(res, 500, 'Internal Server Error');
      else res.destroy();
    });
  });
}

/**
 * Listens on 127.0.0.1, moving on to the next port while the wanted one is busy.
 *
 * @param {import('node:http').Server} server
 * @param {number} port The first port to try.
 * @param {number} [attempts] How many consecutive ports to try.
 * @returns {Promise<number>} The port actually listened on.
 */
export function listenOnFreePort(server, port, attempts = 20) {
  return new Promise((resolvePort, reject) => {
    let current = port;
    const onError = (error) => {
      if (error.code === 'EADDRINUSE' && current < port + attempts - 1 && current < 65535) {
        current += 1;
        server.listen(current, '127.0.0.1');
      } else {
        server.off('listening', onListening);
        reject(error);
      }
    };
    const onListening = () => {
      server.off('error', onError);
      resolvePort(server.address().port);
    };
    server.on('error', onError);
    server.once('listening', onListening);
    server.listen(current, '127.0.0.1');
  });
}

async function serveStatic(rootDir, allowed, req, res) {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.setHeader('Allow', 'GET, HEAD');
    return sendText(res, 405, 'Method Not Allowed');
  }

  // The WHATWG parser already folds "." and ".." segments (also %2e forms); what is left
  // to guard against is an encoded slash or backslash that decodes into a new "..".
  const url = new URL(req.url ?? '/', 'http://localhost');
  if (url.pathname === '/') return redirect(res, '/demo/');

  let pathname;
  try {
    pathname = decodeURIComponent(url.pathname);
  } catch {
    return sendText(res, 400, 'Bad Request');
  }
  const segments = pathname.split(/[\\/]/);
  if (pathname.includes('\0') || segments.includes('..')) {
    return sendText(res, 403, 'Forbidden');
  }
  // Dot files (.git, .env, …) are never part of the demo.
  if (segments.some((segment) => segment.startsWith('.'))) {
    return sendText(res, 404, 'Not Found');
  }
  // segments[0] is the empty string before the leading slash; empty ones from '//' are
  // skipped so '//server/data' is judged by 'server'.
  const top = segments.find((segment) => segment !== '');
  if (allowed && !(top !== undefined && allowed.includes(top))) return sendText(res, 404, 'Not Found');

  let filePath = resolve(rootDir, '.' + pathname);
  if (!isInside(rootDir, filePath)) return sendText(res, 403, 'Forbidden');

  let info = await statOrNull(filePath);
  if (info?.isDirectory()) {
    if (!url.pathname.endsWith('/')) return redirect(res, url.pathname + '/' + url.search);
    filePath = resolve(filePath, 'index.html');
    info = await statOrNull(filePath);
  }
  if (!info?.isFile()) return sendText(res, 404, 'Not Found');

  // A symbolic link must not lead outside the served directory either.
  const [realRoot, realFile] = await Promise.all([realpath(rootDir), realpath(filePath)]);
  if (!isInside(realRoot, realFile)) return sendText(res, 403, 'Forbidden');

  const type = MIME_TYPES[extname(filePath).toLowerCase()] ?? 'application/octet-stream';
  res.statusCode = 200;
  res.setHeader('Content-Type', type);
  res.setHeader('Content-Length', info.size);
  setCommonHeaders(res, type);
  if (req.method === 'HEAD') return void res.end();

  await new Promise((done, fail) => {
    const stream = createReadStream(filePath);
    stream.on('error', fail);
    res.on('close', done);
    stream.pipe(res);
  });
}

function setCommonHeaders(res, type) {
  // no-store everywhere: a rebuilt dist/ or an edited demo file shows up on reload.
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('X-Content-Type-Options', 'nosniff');
  if (type.startsWith('text/html')) {
    res.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
  }
}

function sendText(res, status, message) {
  res.statusCode = status;
  res.setHeader('Content-Type', 'text/plain; charset=utf-8');
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.end(message + '\n');
}

function redirect(res, location) {
  res.statusCode = 302;
  // '//host/…' or '/\\host' would send the browser to another host: keep one slash.
  res.setHeader('Location', location.replace(/^[\\/]+/, '/'));
  res.setHeader('Cache-Control', 'no-store');
  res.end();
}

function isLoopbackHost(host) {
  if (typeof host !== 'string') return false;
  const name = /^(\[[^\]]*\]|[^:]*)(?::\d+)?$/.exec(host.toLowerCase())?.[1];
  return name !== undefined && LOOPBACK_HOSTS.has(name);
}

function isInside(dir, file) {
  return file === dir || file.startsWith(dir.endsWith(sep) ? dir : dir + sep);
}

async function statOrNull(path) {
  try {
    return await stat(path);
  } catch {
    return null;
  }
}

async function main() {
  const requested = process.env.PORT ? Number(process.env.PORT) : 8080;
  if (!Number.isInteger(requested) || requested < 0 || requested > 65535) {
    console.error(`Invalid PORT: ${process.env.PORT}`);
    process.exit(1);
  }
  // The demo talks to the reference server at /api, so posted comments are kept in
  // SQLite across restarts; the seed thread is imported on every start (known ids skip).
  const dbPath = process.env.PARLEY_DB ?? DEFAULT_DB_PATH;
  const store = openCommentStore(dbPath);
  for (const [file, thread] of [
    ['seed-comments.json', 'what-is-real-leadership'],
    // One comment written in markdown, which the post's widget shows with format="markdown";
    // a file of its own, as seed-comments.json is the WordPress export's thread as it was.
    ['markdown-seed.json', 'what-is-real-leadership'],
    ['script-tag-seed.json', 'script-tag-demo'],
  ]) {
    const seed = JSON.parse(await readFile(new URL(`../demo/${file}`, import.meta.url), 'utf8'));
    store.importSeed(seed, { defaultThread: thread });
  }
  const server = createDemoServer({ api: createApi({ store, basePath: '/api' }) });
  try {
    const port = await listenOnFreePort(server, requested);
    console.log(`Parley demo: http://127.0.0.1:${port}/demo/  (comments stored in ${dbPath})`);
  } catch (error) {
    console.error(`Parley demo could not listen: ${error.message}`);
    process.exit(1);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main();
}

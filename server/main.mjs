#!/usr/bin/env node
/**
 * Command line of the Parley reference server.
 *
 *   node server/main.mjs [--port 8787] [--host 127.0.0.1] [--db server/data/parley.db]
 *                        [--moderation] [--cors-origin URL]... [--seed FILE [--seed-thread KEY]]
 *                        [--rate-max 10] [--rate-window 60] [--trust-proxy] [--page-size 50]
 *   node server/main.mjs approve <commentId> [--db …]
 *   node server/main.mjs pending [--db …]
 *   node server/main.mjs block --word W | --ip ADDR | --email ADDRESS|@DOMAIN [--db …]
 *   node server/main.mjs backup <file> [--db …]
 *   node server/main.mjs restore <file> [--db …]
 *   node server/main.mjs import --wordpress FILE | --disqus FILE | --json FILE [--thread-key path|url|slug|id] [--thread-map FILE]
 *   node server/main.mjs export [--thread KEY] > backup.jsonl
 *   node server/main.mjs erase --email ADDRESS
 *
 * Installed from npm it is the `parley-server` command.
 *
 * The admin token of `POST /api/admin/comments/{id}/approve` comes from the environment
 * variable PARLEY_ADMIN_TOKEN or the file named by PARLEY_ADMIN_TOKEN_FILE (not a flag:
 * command lines are visible to other users).
 *
 * Everything printed that a visitor wrote goes through escapeControl.
 */
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { DEFAULT_DB_PATH, backupDatabase, restoreDatabase } from './comment-store.mjs';
import { openStore } from './open-store.mjs';
import { MIN_ADMIN_TOKEN_LENGTH, createApi } from './http-api.mjs';
import { createAdmin } from './admin/admin-http.mjs';
import {
  DEFAULT_MAX_PAGE_COMMENTS,
  DEFAULT_MAX_THREAD_COMMENTS,
  DEFAULT_MAX_TOTAL_BYTES,
} from './store.mjs';
import {
  DEFAULT_AKISMET_TIMEOUT_MS,
  DEFAULT_DUPLICATE_WINDOW_MS,
  DEFAULT_MAX_LINKS,
  DEFAULT_MIN_ELAPSED_MS,
  EMPTY_BLOCKLIST,
  createSpamFilter,
  parseBlocklist,
} from './spam.mjs';
import { escapeControl } from './terminal.mjs';
import { mailSettings, startNotifications } from './notify/index.mjs';
import { isMailAddress } from './validate.mjs';

const USAGE = `Usage:
  parley-server [options]                 run the server
  parley-server approve <id> [--db FILE]  publish a pending comment
  parley-server pending [--db FILE]       list comments awaiting approval (caught
                                          spam marked [spam])
  parley-server block --word W | --ip ADDR | --email ADDRESS|@DOMAIN
                                          add to the database's spam blocklist
  parley-server backup <file> [--db FILE] copy the database, consistently, while it runs
  parley-server restore <file> [--db FILE] put a backup in place of the database
  parley-server import --wordpress FILE [--thread-key path|url|slug|id] [--thread-map FILE]
                                          comments from a WordPress export (WXR)
  parley-server import --disqus FILE [--thread-key …] [--thread-map FILE]
                                          comments from a Disqus export
  parley-server import --json FILE        restore what \`export\` wrote
  parley-server export [--thread KEY]     every comment, every field, as JSON Lines on
                                          standard output (> backup.jsonl)
  parley-server erase --email ADDRESS     anonymise one commenter's comments (privacy
                                          requests): name, e-mail and website removed

(From a checkout of the repository: node server/main.mjs …)

Options:
  --port N            port to listen on (default 8787; 0 picks a free one)
  --host ADDR         address to bind (default 127.0.0.1)
  --db FILE           SQLite database (default server/data/parley.db in a checkout;
                      required when installed from npm, unless PostgreSQL is used)
  --database-url URL  store in PostgreSQL instead (postgres://…); also DATABASE_URL
  --moderation        new comments are pending until approved
  --cors-origin URL   allow browser calls from this origin (repeatable)
  --seed FILE         import seed comments (ids already stored are skipped)
  --seed-thread KEY   thread of seed comments that name none
  --rate-max N        comment posts per client per window (default 10; 0 = no limit)
  --read-rate-max N   page reads per client per window (default 600; 0 = no limit)
  --rate-window S     rate-limit window in seconds (default 60); a client is an IPv4
                      address or an IPv6 /64
  --page-max-comments N  records per page, replies included (default ${DEFAULT_MAX_PAGE_COMMENTS})
  --max-thread-comments N  comments one thread may hold (default ${DEFAULT_MAX_THREAD_COMMENTS})
  --max-total-mb N    megabytes of comment text all threads may hold (default ${DEFAULT_MAX_TOTAL_BYTES / 2 ** 20})
  --thread-pattern RE only thread keys matching this regular expression exist,
                      e.g. '^/posts/[a-z0-9-]+/$' (default: any key)
  --trust-proxy       take the client IP from X-Forwarded-For (behind a reverse proxy)
  --page-size N       top-level comments per page (default 50)
  --base-path PATH    where the API is mounted (default /api)
  --edit-minutes N    how long after posting a commenter may edit or delete their
                      comment, from the same browser (default 15; 0 = never)

Spam defence (what a check catches is held as spam, never published or dropped):
  --spam-min-seconds N  a form sent sooner than this after it appeared is spam
                      (default ${DEFAULT_MIN_ELAPSED_MS / 1000}; 0 = off)
  --spam-max-links N  more http(s) links than this in a comment is spam (default ${DEFAULT_MAX_LINKS})
  --duplicate-hours N the same body in the same thread within N hours is refused as
                      already posted (default ${DEFAULT_DUPLICATE_WINDOW_MS / 3_600_000}; 0 = off)
  --blocklist FILE    JSON { "words": [], "ips": [], "emails": [] }, added to the
                      database's blocklist table
  --akismet-url URL   an Akismet-compatible comment-check endpoint (off by default)
  --akismet-key KEY   its API key (or PARLEY_AKISMET_KEY)
  --akismet-blog URL  the site's front page, sent as "blog"

E-mail notifications (off unless --smtp-url or PARLEY_SMTP_URL is given):
  --smtp-url URL      the mail server, smtp://user:pass@host:587 or smtps://…:465; better
                      in PARLEY_SMTP_URL (a command line is visible to other users)
  --notify-email ADDR the site owner: a mail for each new or held comment, with links
                      to approve it (also PARLEY_NOTIFY_EMAIL)
  --public-url URL    where visitors reach this server (https://comments.example), for
                      the links in mails; required with --smtp-url. An http:// URL also
                      drops Secure from the moderation page's cookie (Safari on plain
                      HTTP); without one, the cookie is Secure
  --site-url URL      the blog (https://blog.example): thread keys that are its paths
                      get a link to the comment on its page
  --mail-from ADDR    the sender (default Parley <parley@host of --public-url>)
  Commenters who give an e-mail may tick "Notify me of replies": one mail asks them to
  confirm the address (once per address), then replies to their comment are mailed to
  them (at most 3 an hour), each with a one-click unsubscribe link.

Environment:
  PARLEY_ADMIN_TOKEN       enables the moderation page at /admin (sign in with this
                           token) and POST {base}/admin/comments/{id}/approve with it
                           as a Bearer token (at least ${MIN_ADMIN_TOKEN_LENGTH} characters)
  PARLEY_ADMIN_TOKEN_FILE  or: a file holding the token`;

const OPTIONS = {
  port: { type: 'string', default: '8787' },
  host: { type: 'string', default: '127.0.0.1' },
  db: { type: 'string' },
  'database-url': { type: 'string' },
  moderation: { type: 'boolean', default: false },
  'cors-origin': { type: 'string', multiple: true, default: [] },
  seed: { type: 'string' },
  'seed-thread': { type: 'string' },
  'rate-max': { type: 'string', default: '10' },
  'rate-window': { type: 'string', default: '60' },
  'read-rate-max': { type: 'string', default: '600' },
  'page-max-comments': { type: 'string', default: String(DEFAULT_MAX_PAGE_COMMENTS) },
  'max-thread-comments': { type: 'string', default: String(DEFAULT_MAX_THREAD_COMMENTS) },
  'max-total-mb': { type: 'string', default: String(DEFAULT_MAX_TOTAL_BYTES / 2 ** 20) },
  'thread-pattern': { type: 'string' },
  'trust-proxy': { type: 'boolean', default: false },
  'page-size': { type: 'string', default: '50' },
  'base-path': { type: 'string', default: '/api' },
  'edit-minutes': { type: 'string', default: '15' },
  'spam-min-seconds': { type: 'string', default: String(DEFAULT_MIN_ELAPSED_MS / 1000) },
  'spam-max-links': { type: 'string', default: String(DEFAULT_MAX_LINKS) },
  'duplicate-hours': { type: 'string', default: String(DEFAULT_DUPLICATE_WINDOW_MS / 3_600_000) },
  blocklist: { type: 'string' },
  'akismet-url': { type: 'string' },
  'akismet-key': { type: 'string' },
  'akismet-blog': { type: 'string', default: '' },
  'smtp-url': { type: 'string' },
  'notify-email': { type: 'string' },
  'public-url': { type: 'string' },
  'site-url': { type: 'string' },
  'mail-from': { type: 'string' },
  help: { type: 'boolean', short: 'h', default: false },
  wordpress: { type: 'string' },
  disqus: { type: 'string' },
  json: { type: 'string' },
  'thread-key': { type: 'string', default: 'path' },
  'thread-map': { type: 'string' },
  thread: { type: 'string' },
  email: { type: 'string' },
  word: { type: 'string' },
  ip: { type: 'string' },
};

async function main(argv) {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true });
  } catch (error) {
    return fail(`${error.message}\n\n${USAGE}`);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const [command, ...rest] = positionals;
  const databaseUrl = values['database-url'] || process.env.DATABASE_URL || null;
  if (values.db && databaseUrl) return fail('Give either --db (SQLite) or a database URL (PostgreSQL), not both.');
  if (!values.db && !databaseUrl && INSTALLED) {
    // Inside node_modules the checkout's default would put comments where the next
    // `npm install` deletes them.
    return fail('Say where the comments are kept: --db FILE (e.g. --db /var/lib/parley/comments.db) or --database-url postgres://…');
  }
  const dbPath = values.db ? resolve(values.db) : DEFAULT_DB_PATH;
  const where = databaseUrl ? 'PostgreSQL' : dbPath;

  if ((command === 'backup' || command === 'restore') && databaseUrl) {
    return fail(`With PostgreSQL, use its own tools: pg_dump -Fc (backup) and pg_restore (restore).`);
  }
  if (command === 'backup' || command === 'restore') {
    if (rest.length !== 1) return fail(`Usage: parley-server ${command} <file> [--db FILE]`);
    const file = resolve(rest[0]);
    try {
      if (command === 'backup') {
        const count = await backupDatabase(dbPath, file);
        console.log(`Backed up ${count} comments from ${dbPath} to ${file}.`);
      } else {
        const count = await restoreDatabase(file, dbPath);
        console.log(`Restored ${count} comments from ${file} into ${dbPath}.`);
      }
    } catch (error) {
      return fail(explainOpenError(error));
    }
    return;
  }

  if (command === 'approve') {
    if (rest.length !== 1) return fail('Usage: parley-server approve <commentId> [--db FILE]');
    // The command line may wait for a server's write lock; the server never does.
    const store = await openStore({ databaseUrl, dbPath, busyTimeoutMs: 5000 }).catch((error) => fail(explainOpenError(error)));
    try {
      const approved = await store.approve(rest[0]);
      if (!approved) return fail(`No comment with id "${escapeControl(rest[0])}" in ${where}`);
      await store.audit({ actor: 'cli', action: 'approve', target: approved.comment.id });
      console.log(`Approved ${escapeControl(approved.comment.id)} in thread "${escapeControl(approved.thread)}".`);
    } finally {
      await store.close();
    }
    return;
  }
  if (command === 'import' || command === 'export' || command === 'erase') {
    return transfer(command, rest, values, { databaseUrl, dbPath });
  }
  if (command === 'block') {
    const given = ['word', 'ip', 'email'].filter((kind) => values[kind] !== undefined);
    if (given.length !== 1) return fail('block takes one of --word, --ip or --email.');
    const [kind] = given;
    const value = values[kind].trim();
    if (!value) return fail(`--${kind} is empty.`);
    const store = await openStore({ databaseUrl, dbPath, busyTimeoutMs: 5000 }).catch((error) => fail(explainOpenError(error)));
    try {
      // Stored as the spam filter compares it: words and e-mails in lower case.
      await store.block(kind, kind === 'ip' ? value : value.toLowerCase());
      await store.audit({ actor: 'cli', action: 'block', target: `${kind}:${kind === 'ip' ? value : value.toLowerCase()}` });
      console.log(`Blocked ${kind} "${escapeControl(value)}": new comments that match are held as spam.`);
    } finally {
      await store.close();
    }
    return;
  }
  if (command === 'pending') {
    const store = await openStore({ databaseUrl, dbPath, busyTimeoutMs: 5000 }).catch((error) => fail(explainOpenError(error)));
    try {
      const pending = await store.pending();
      if (pending.length === 0) console.log('No comments await approval.');
      for (const { thread, comment } of pending) {
        const preview = escapeControl(comment.body.replace(/[ \t\n\r]+/g, ' ').slice(0, 60));
        const mark = comment.status === 'spam' ? '  [spam]' : '';
        console.log(`${escapeControl(comment.id)}  [${escapeControl(thread)}]${mark}  ${escapeControl(comment.author.name)}: ${preview}`);
      }
    } finally {
      await store.close();
    }
    return;
  }
  if (command !== undefined) return fail(`Unknown command "${command}".\n\n${USAGE}`);

  const port = integer(values.port, 'port', 0, 65535);
  const pageSize = integer(values['page-size'], 'page-size', 1, 1000);
  const rateMax = integer(values['rate-max'], 'rate-max', 0, 1_000_000);
  const rateWindow = integer(values['rate-window'], 'rate-window', 1, 86_400);
  const readRateMax = integer(values['read-rate-max'], 'read-rate-max', 0, 1_000_000);
  const maxPageComments = integer(values['page-max-comments'], 'page-max-comments', 1, 10_000);
  const maxThreadComments = integer(values['max-thread-comments'], 'max-thread-comments', 1, 1e9);
  const maxTotalBytes = integer(values['max-total-mb'], 'max-total-mb', 1, 1e7) * 2 ** 20;
  const editMinutes = integer(values['edit-minutes'], 'edit-minutes', 0, 10_080);
  let threadFilter = null;
  if (values['thread-pattern']) {
    try {
      threadFilter = new RegExp(values['thread-pattern'], 'u');
    } catch (error) {
      return fail(`--thread-pattern is not a regular expression: ${error.message}`);
    }
  }
  const adminToken = readAdminToken();
  const spamFilter = readSpamOptions(values);
  const mail = readMailOptions(values);

  let store;
  try {
    store = await openStore({
      databaseUrl, dbPath, pageSize, maxPageComments, maxThreadComments, maxTotalBytes,
      mail: mail && mailSettings(mail),
    });
  } catch (error) {
    return fail(explainOpenError(error));
  }
  if (values.seed) {
    const seed = JSON.parse(readFileSync(resolve(values.seed), 'utf8'));
    const added = await store.importSeed(seed, { defaultThread: values['seed-thread'] });
    if (added > 0) console.log(`Imported ${added} seed comments from ${values.seed}.`);
  }

  let api;
  try {
    api = createApi({
      store,
      corsOrigins: values['cors-origin'],
      rateLimit: rateMax > 0 ? { windowMs: rateWindow * 1000, max: rateMax } : null,
      readRateLimit: readRateMax > 0 ? { windowMs: rateWindow * 1000, max: readRateMax } : null,
      threadFilter,
      adminToken,
      moderation: values.moderation,
      spamFilter,
      editWindowMs: editMinutes * 60_000,
      notifyReplies: Boolean(mail),
      basePath: values['base-path'],
      trustProxy: values['trust-proxy'],
    });
  } catch (error) {
    await store.close();
    return fail(error.message);
  }
  const notifications = mail && startNotifications(store, { ...mail, basePath: values['base-path'] });
  // The moderation page at /admin (server/admin/).
  // Its cookie is Secure unless --public-url says plain HTTP (WebKit keeps no Secure cookie
  // from http://127.0.0.1; a proxy's Host cannot tell HTTPS from HTTP).
  const secureCookie = !String(values['public-url'] ?? '').toLowerCase().startsWith('http:');
  const admin = createAdmin({ store, adminToken, trustProxy: values['trust-proxy'], secureCookie });
  const server = createServer((req, res) => {
    if (admin(req, res)) return;
    if (notifications?.handle(req, res)) return;
    if (!api(req, res)) {
      res.statusCode = 404;
      res.setHeader('Content-Type', 'application/json; charset=utf-8');
      res.setHeader('X-Content-Type-Options', 'nosniff');
      res.setHeader('Content-Security-Policy', "default-src 'none'; frame-ancestors 'none'");
      res.end(JSON.stringify({ error: { message: `Not found; the API is under ${values['base-path']}` } }));
    }
  });
  // A slow client must not hold a connection for minutes.
  server.requestTimeout = 30_000;
  server.headersTimeout = 20_000;

  const shutdown = () => {
    server.close(async () => {
      await notifications?.stop();
      await store.close();
      process.exit(0);
    });
    // Keep-alive connections would hold close() open.
    server.closeIdleConnections();
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);

  server.listen(port, values.host, () => {
    const address = server.address();
    const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
    const mode = values.moderation ? ' (moderation on)' : '';
    console.log(
      `Parley reference server on http://${host}:${address.port}${values['base-path']}${mode}, database ${databaseUrl ? redactUrl(databaseUrl) : dbPath}`,
    );
  });
}

/** `import`, `export` and `erase`: the comments in and out of the store, and privacy requests. */
async function transfer(command, rest, values, { databaseUrl, dbPath }) {
  if (rest.length > 0) return fail(`Unexpected "${escapeControl(rest[0])}".\n\n${USAGE}`);
  // Loaded here: the server itself does not need the XML parser.
  const { exportComments, restoreComments } = await import('./export.mjs');
  const { THREAD_KEY_MODES, formatReport, importExport, readThreadMap } = await import('./import/index.mjs');
  const sources = ['wordpress', 'disqus', 'json'].filter((name) => values[name] !== undefined);
  if (command === 'import' && sources.length !== 1) return fail('Usage: parley-server import --wordpress FILE | --disqus FILE | --json FILE');
  if (command === 'erase' && !values.email?.trim()) return fail('Usage: parley-server erase --email ADDRESS');
  if (!THREAD_KEY_MODES.includes(values['thread-key'])) return fail(`--thread-key must be one of ${THREAD_KEY_MODES.join(', ')}`);
  let threadMap = null;
  try {
    if (values['thread-map']) threadMap = readThreadMap(resolve(values['thread-map']));
  } catch (error) {
    return fail(error.message);
  }
  const store = await openStore({ databaseUrl, dbPath, busyTimeoutMs: 5000 }).catch((error) => fail(explainOpenError(error)));
  try {
    if (command === 'export') {
      const write = (text) => new Promise((done) => (process.stdout.write(text) ? done() : process.stdout.once('drain', done)));
      const count = await exportComments(store, write, { thread: values.thread ?? null });
      console.error(`Exported ${count} comments${values.thread ? ` of thread "${escapeControl(values.thread)}"` : ''}.`);
    } else if (command === 'erase') {
      const { comments, threads } = await store.eraseAuthor(values.email);
      console.log(`Anonymised ${plural(comments, 'comment')} in ${plural(threads, 'thread')} by ${escapeControl(values.email.trim())}: name, e-mail and website removed, the text kept.`);
    } else if (sources[0] === 'json') {
      const result = await restoreComments(store, resolve(values.json));
      console.log(`Read ${result.read} comments: restored ${result.added}, already present ${result.present}.`);
      for (const id of result.detached) console.log(`  ${escapeControl(id)}: its parent is not in its thread: made top-level`);
    } else {
      const report = await importExport(store, {
        format: sources[0],
        source: resolve(values[sources[0]]),
        threadKey: values['thread-key'],
        threadMap,
      });
      console.log(formatReport(report));
    }
  } catch (error) {
    await store.close();
    return fail(escapeControl(error instanceof Error ? error.message : String(error)));
  }
  await store.close();
}

const plural = (n, word) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** A database URL without its password, for printing. */
function redactUrl(url) {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.href;
  } catch {
    return 'PostgreSQL';
  }
}

/** The admin token from the environment or its file; null when none is set. */
function readAdminToken() {
  let token = process.env.PARLEY_ADMIN_TOKEN || null;
  const file = process.env.PARLEY_ADMIN_TOKEN_FILE;
  if (!token && file) {
    try {
      token = readFileSync(file, 'utf8').trim();
    } catch (error) {
      fail(`PARLEY_ADMIN_TOKEN_FILE: ${error.message}`);
    }
  }
  if (token && token.length < MIN_ADMIN_TOKEN_LENGTH) {
    fail(
      `The admin token is too short (${token.length} characters; at least ${MIN_ADMIN_TOKEN_LENGTH}). ` +
        'Make one with: openssl rand -hex 32',
    );
  }
  return token;
}

/** True when this file runs from an installed package rather than a checkout. */
const INSTALLED = fileURLToPath(import.meta.url).includes(`${sep}node_modules${sep}`);

/** Turns the errors a first deployment meets into what to do about them. */
function explainOpenError(error) {
  if (/better_sqlite3\.node|bindings file/.test(String(error?.message))) {
    // npm 11 skips dependencies' install scripts unless the project allows them.
    return (
      'better-sqlite3 was installed without its native part. Allow its build and rebuild it:\n' +
      '  npm pkg set allowScripts.better-sqlite3=true --json && npm rebuild better-sqlite3'
    );
  }
  return error instanceof Error ? error.message : String(error);
}

/** The notification settings, or null when no SMTP server is given; exits when one is malformed. */
function readMailOptions(values) {
  const smtpUrl = values['smtp-url'] ?? process.env.PARLEY_SMTP_URL;
  const ownerEmail = values['notify-email'] ?? process.env.PARLEY_NOTIFY_EMAIL ?? null;
  if (!smtpUrl) {
    if (ownerEmail) fail('--notify-email needs a mail server: --smtp-url smtp://… (or PARLEY_SMTP_URL).');
    return null;
  }
  const url = (name, value, schemes) => {
    try {
      if (schemes.includes(new URL(value).protocol)) return value;
    } catch {}
    return fail(`--${name} must be a ${schemes.join(' or ')} URL, got "${name === 'smtp-url' ? redactUrl(value) : value}"`);
  };
  url('smtp-url', smtpUrl, ['smtp:', 'smtps:']);
  if (!values['public-url']) fail('--smtp-url needs --public-url https://… (where this server is reached), for the links in mails.');
  if (ownerEmail && !isMailAddress(ownerEmail)) fail(`--notify-email is not an e-mail address: "${ownerEmail}"`);
  return {
    smtpUrl,
    ownerEmail,
    publicUrl: url('public-url', values['public-url'], ['http:', 'https:']),
    siteUrl: values['site-url'] ? url('site-url', values['site-url'], ['http:', 'https:']) : null,
    from: values['mail-from'],
  };
}

/** The spam filter the options describe; exits with a message when one is malformed. */
function readSpamOptions(values) {
  let blocklist = EMPTY_BLOCKLIST;
  if (values.blocklist) {
    try {
      blocklist = parseBlocklist(JSON.parse(readFileSync(resolve(values.blocklist), 'utf8')), values.blocklist);
    } catch (error) {
      fail(`--blocklist: ${error.message}`);
    }
  }
  let akismet = null;
  if (values['akismet-url']) {
    const key = values['akismet-key'] ?? process.env.PARLEY_AKISMET_KEY;
    if (!key) fail('--akismet-url needs a key: --akismet-key KEY or PARLEY_AKISMET_KEY.');
    try {
      if (!/^https?:$/.test(new URL(values['akismet-url']).protocol)) throw new Error();
    } catch {
      fail(`--akismet-url must be an http: or https: URL, got "${values['akismet-url']}"`);
    }
    akismet = { url: values['akismet-url'], key, blog: values['akismet-blog'], timeoutMs: DEFAULT_AKISMET_TIMEOUT_MS };
  }
  return createSpamFilter({
    minElapsedMs: integer(values['spam-min-seconds'], 'spam-min-seconds', 0, 3600) * 1000,
    maxLinks: integer(values['spam-max-links'], 'spam-max-links', 0, 10_000),
    duplicateWindowMs: integer(values['duplicate-hours'], 'duplicate-hours', 0, 24 * 365) * 3_600_000,
    blocklist,
    akismet,
  });
}

function integer(text, name, min, max) {
  const value = Number(text);
  if (!Number.isInteger(value) || value < min || value > max) {
    fail(`--${name} must be an integer from ${min} to ${max}, got "${text}"`);
  }
  return value;
}

function fail(message) {
  console.error(message);
  process.exit(1);
}

await main(process.argv.slice(2));

// Starts a real Waline server on 127.0.0.1 for the integration test: a fresh SQLite
// database with Waline's tables, every outbound feature switched off, and the loopback
// guard preloaded. Run directly (`node scripts/waline/launch.mjs [port]`) it prints the
// URL and serves until interrupted.
import { fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, openSync, readFileSync, rmSync, writeFileSync, closeSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SERVER_DIR, isInstalled } from './install.mjs';

const here = (file) => fileURLToPath(new URL(file, import.meta.url));

/**
 * The environment that keeps Waline on this machine: no OAuth service list fetched, no
 * Akismet, no cloud metadata probes, no IP region lookups, no per-IP rate limit (the
 * tests post quickly from one address). SMTP, webhooks and notifiers stay unset.
 */
const OFFLINE_ENV = {
  OAUTH_URL: 'data:application/json,{"services":[]}',
  AKISMET_KEY: 'false',
  TENCENTCLOUD: 'true',
  DISABLE_REGION: 'true',
  IPQPS: '0',
};

/** Creates the SQLite database file Waline will use, with its tables. */
async function createDatabase(dir, name) {
  const require = createRequire(join(SERVER_DIR, 'package.json'));
  const sqlite3 = require('sqlite3');
  const file = join(dir, `${name}.sqlite`);
  rmSync(file, { force: true });
  const schema = readFileSync(here('./schema.sql'), 'utf8');
  await new Promise((resolve, reject) => {
    const db = new sqlite3.Database(file, (err) => {
      if (err) return reject(err);
      db.exec(schema, (execErr) => db.close((closeErr) => (execErr || closeErr ? reject(execErr || closeErr) : resolve())));
    });
  });
  return file;
}

/**
 * Launches one Waline server.
 * @param {{ port?: number, name?: string, env?: Record<string, string> }} [options]
 *   `name` keeps several servers apart (their database, log and guard files);
 *   `env` adds Waline settings such as COMMENT_AUDIT.
 * @returns {Promise<{ url: string, guardLog: string, log: string, stop: () => Promise<void> }>}
 */
export async function launchWaline({ port = 0, name = 'waline', env = {} } = {}) {
  if (!isInstalled()) throw new Error('Waline is not installed: run `node scripts/waline/install.mjs`');
  const runDir = join(SERVER_DIR, 'run', name);
  mkdirSync(runDir, { recursive: true });
  await createDatabase(runDir, 'waline');
  const guardLog = join(runDir, 'guard.log');
  const log = join(runDir, 'server.log');
  writeFileSync(guardLog, '');
  const logFd = openSync(log, 'w');

  const child = fork(here('./serve.cjs'), [], {
    execArgv: ['--require', here('./guard.cjs')],
    stdio: ['ignore', logFd, logFd, 'ipc'],
    env: {
      // Only what Node needs from the outside environment: a proxy or token from it
      // must not reach Waline.
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      TZ: process.env.TZ ?? 'UTC',
      // Child processes Waline might start get the guard too.
      NODE_OPTIONS: `--require ${JSON.stringify(here('./guard.cjs'))}`,
      LOOPBACK_GUARD_LOG: guardLog,
      WALINE_SERVER_DIR: SERVER_DIR,
      WALINE_PORT: String(port),
      SQLITE_PATH: runDir,
      SQLITE_DB: 'waline',
      JWT_TOKEN: randomBytes(24).toString('hex'),
      ...OFFLINE_ENV,
      ...env,
    },
  });
  closeSync(logFd);

  const stop = () =>
    new Promise((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });

  try {
    const actualPort = await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('Waline did not start within 60 s')), 60_000);
      child.once('message', (message) => {
        clearTimeout(timer);
        resolve(message.port);
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`Waline exited with code ${code} before listening`));
      });
    });
    const url = `http://127.0.0.1:${actualPort}`;
    // The first request loads Waline's whole app; answer it before calling it ready.
    const res = await fetch(`${url}/api/comment?path=${encodeURIComponent('/__ready')}`);
    const body = await res.json();
    if (!res.ok || body.errno !== 0) throw new Error(`Waline answered ${res.status}: ${JSON.stringify(body)}`);
    return { url, guardLog, log, stop };
  } catch (error) {
    await stop();
    error.message += `\n--- Waline log (${log}) ---\n${readFileSync(log, 'utf8').slice(-4000)}`;
    throw error;
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const server = await launchWaline({ port: Number(process.argv[2] ?? 0) });
  console.log(server.url);
  const shutdown = () => server.stop().then(() => process.exit(0));
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

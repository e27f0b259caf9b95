// Installs the Waline server used by the integration test into `.waline-server/`, a
// folder outside the tracked files. Idempotent: a second run with the right version in
// place (and its sqlite3 binding built) returns at once.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The Waline server release the adapter is written against. */
const WALINE_VERSION = '1.39.3';

/** Where the server lives: `.waline-server/` at the repository root. */
export const SERVER_DIR = fileURLToPath(new URL('../../.waline-server/', import.meta.url));

const packageJson = new URL('../../.waline-server/node_modules/@waline/vercel/package.json', import.meta.url);

/** True when the pinned Waline version is installed and its SQLite driver loads. */
export function isInstalled() {
  if (!existsSync(packageJson)) return false;
  if (JSON.parse(readFileSync(packageJson, 'utf8')).version !== WALINE_VERSION) return false;
  // A half-finished install can leave the package without its native binding.
  const probe = spawnSync(process.execPath, ['-e', "require('sqlite3')"], {
    cwd: SERVER_DIR,
    stdio: 'ignore',
  });
  return probe.status === 0;
}

/** Installs the pinned Waline server unless it is already there. */
export function install() {
  if (isInstalled()) return;
  mkdirSync(SERVER_DIR, { recursive: true });
  // A package.json of its own keeps npm from walking up into the repository's.
  const own = new URL('package.json', `file://${SERVER_DIR}`);
  if (!existsSync(own)) {
    writeFileSync(own, `${JSON.stringify({ name: 'waline-server', private: true }, null, 2)}\n`);
  }
  const started = Date.now();
  const result = spawnSync(
    'npm',
    ['install', '--prefix', SERVER_DIR, '--no-audit', '--no-fund', `@waline/vercel@${WALINE_VERSION}`],
    {
      stdio: ['ignore', 'inherit', 'inherit'],
      // sqlite3 would otherwise try to download a prebuilt binary from outside the registry.
      env: { ...process.env, npm_config_build_from_source: 'true' },
    },
  );
  if (result.status !== 0) throw new Error(`npm install of @waline/vercel failed (exit ${result.status})`);
  if (!isInstalled()) throw new Error('@waline/vercel installed but its sqlite3 binding does not load');
  console.log(`Installed @waline/vercel@${WALINE_VERSION} in ${Math.round((Date.now() - started) / 1000)} s`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) install();

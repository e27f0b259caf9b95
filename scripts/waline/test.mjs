// `npm run test:waline`: installs Waline if needed, proves the loopback guard works, runs
// the browser integration test against real Waline servers, and fails if anything — the
// servers or the browser — tried to reach past 127.0.0.1.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { selfTestGuard } from './guard-selftest.mjs';
import { SERVER_DIR, install } from './install.mjs';
import { SINKHOLE_LOG } from './sinkhole.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));

install();

const problems = selfTestGuard();
if (problems.length) {
  console.error(`The loopback guard does not hold; not starting Waline:\n  ${problems.join('\n  ')}`);
  process.exit(1);
}

const watched = [join(SERVER_DIR, 'run/waline/guard.log'), join(SERVER_DIR, 'run/waline-audit/guard.log'), SINKHOLE_LOG];
for (const file of watched) rmSync(file, { force: true });

const runner = spawnSync(
  process.execPath,
  [join(root, 'node_modules/@web/test-runner/dist/bin.js'), '--config', 'web-test-runner.waline.config.mjs'],
  { cwd: root, stdio: 'inherit' },
);

// Checked after the run too: a refusal after the last test still fails it.
const offsite = watched
  .filter((file) => existsSync(file))
  .map((file) => [file, readFileSync(file, 'utf8').trim()])
  .filter(([, text]) => text);
for (const [file, text] of offsite) console.error(`Something tried to leave 127.0.0.1 (${file}):\n${text}`);

process.exit(offsite.length ? 1 : (runner.status ?? 1));

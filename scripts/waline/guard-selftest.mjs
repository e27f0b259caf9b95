// Proves the loopback guard refuses every way off this machine before a packet is sent,
// and still lets loopback traffic through. Exits non-zero on any failure.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const guard = fileURLToPath(new URL('./guard.cjs', import.meta.url));
const probe = fileURLToPath(new URL('./guard-probe.cjs', import.meta.url));

/** Runs the probe under the guard; returns a list of problems (empty when all is well). */
export function selfTestGuard() {
  const dir = mkdtempSync(join(tmpdir(), 'loopback-guard-'));
  const log = join(dir, 'refusals.log');
  try {
    const child = spawnSync(process.execPath, ['--require', guard, probe], {
      env: { ...process.env, LOOPBACK_GUARD_LOG: log },
      encoding: 'utf8',
      timeout: 30_000,
    });
    if (child.status !== 0) return [`probe exited ${child.status}: ${child.stderr}`];
    const { refused, controls, reached, loopbackReached } = JSON.parse(child.stdout);
    const problems = [];
    for (const [name, code] of Object.entries(refused)) {
      if (code !== 'ELOOPBACKGUARD') problems.push(`${name}: expected a guard refusal, got ${code}`);
    }
    for (const [name, code] of Object.entries(controls)) {
      if (code !== 'ok') problems.push(`${name}: loopback control failed with ${code}`);
    }
    for (const call of reached) problems.push(`reached the network layer: ${call}`);
    // The spies must see loopback traffic, or they prove nothing about the rest.
    if (!loopbackReached.some((c) => c.startsWith('tcp.connect 127.0.0.1'))) {
      problems.push('the native spies never saw the loopback connection: they are not wired in');
    }
    const lines = readFileSync(log, 'utf8').trim().split('\n').filter(Boolean);
    if (lines.length < Object.keys(refused).length) {
      problems.push(`expected a marker line per refusal (${Object.keys(refused).length}), found ${lines.length}`);
    }
    return problems;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const problems = selfTestGuard();
  if (problems.length) {
    console.error(`Loopback guard self-test failed:\n  ${problems.join('\n  ')}`);
    process.exit(1);
  }
  console.log('Loopback guard self-test: every probe refused before reaching the network');
}

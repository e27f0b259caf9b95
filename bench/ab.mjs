// An interleaved A/B of Parley's script-tag build against another revision's, for a change
// too small for the noise between full runs (`npm run build` first):
//
//   node bench/ab.mjs <revision> [--sizes 1000,5000] [--reps 15] [--post-reps 15]
//
// The other revision is checked out into a temporary worktree and built there; both builds
// are then served in turn as dist/parley.min.js to the same bench page, in alternating
// order, with the plain-DOM baseline measured between them. Prints the median time to the
// DOM of the first render for each size, and of a posted reply at 10,000 comments.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { chromiumArgs, chromiumPath } from '../test/support/chromium.mjs';
import { measurePage } from './lib/measure.mjs';
import { serveStatic } from './lib/server.mjs';
import { median } from './lib/stats.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { values: args, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    sizes: { type: 'string', default: '1000,5000' },
    reps: { type: 'string', default: '15' },
    'post-reps': { type: 'string', default: '15' },
  },
});
const [revision] = positionals;
if (!revision) {
  console.error('usage: node bench/ab.mjs <revision> [--sizes 1000,5000] [--reps 15] [--post-reps 15]');
  process.exit(2);
}

function buildOf(rev) {
  const dir = mkdtempSync(join(tmpdir(), 'parley-ab-'));
  try {
    execFileSync('git', ['worktree', 'add', '--detach', dir, rev], { cwd: root, stdio: 'ignore' });
    symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'));
    execFileSync('npx', ['rollup', '-c', '--silent'], { cwd: dir, stdio: 'ignore' });
    return readFileSync(join(dir, 'dist/parley.min.js'));
  } finally {
    execFileSync('git', ['worktree', 'remove', '--force', dir], { cwd: root, stdio: 'ignore' });
    rmSync(dir, { recursive: true, force: true });
  }
}

const builds = { A: buildOf(revision), B: readFileSync(join(root, 'dist/parley.min.js')) };
const parley = { key: 'parley', page: 'parley.html', post: true };
const baseline = { key: 'baseline', page: 'baseline.html', post: true };
const server = await serveStatic(root);
const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });

/** Runs `measure` for A, the baseline and B, `reps` times, turning the order round each time. */
async function interleaved(reps, measure) {
  const times = { A: [], base: [], B: [] };
  for (let r = 0; r < reps; r++) {
    for (const which of r % 2 ? ['A', 'base', 'B'] : ['B', 'base', 'A']) times[which].push(await measure(which));
  }
  return Object.fromEntries(Object.entries(times).map(([k, v]) => [k, median(v.filter((t) => t != null))]));
}

const row = (what, m) =>
  console.log(`${what}: ${revision} ${m.A.toFixed(1)} ms (${(m.A / m.base).toFixed(2)}×), ` +
    `this build ${m.B.toFixed(1)} ms (${(m.B / m.base).toFixed(2)}×), plain DOM ${m.base.toFixed(1)} ms`);

try {
  for (const n of args.sizes.split(',').filter(Boolean).map(Number)) {
    const m = await interleaved(Number(args.reps), async (which) => {
      const impl = which === 'base' ? baseline : parley;
      return (await measurePage(browser, { origin: server.origin, impl, n, extras: {}, script: builds[which] })).toDom;
    });
    row(`first render, ${n} comments, to DOM (median of ${args.reps})`, m);
  }
  const m = await interleaved(Number(args['post-reps']), async (which) => {
    const impl = which === 'base' ? baseline : parley;
    return (await measurePage(browser, { origin: server.origin, impl, n: 10000, extras: { post: true }, script: builds[which] })).post?.inDom;
  });
  row(`posted reply, 10,000 comments, to DOM (median of ${args['post-reps']})`, m);
} finally {
  await browser.close();
  await server.close();
}

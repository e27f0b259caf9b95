#!/usr/bin/env node
/**
 * Where the time (and memory) of one first render goes, for finding the cause of a missed
 * budget: a CPU profile of the render, its self time summed by function and by original
 * source file (through dist/parley.min.js.map), and with `--heap` the JS heap after the
 * render by constructor.
 *
 *   node bench/profile.mjs [impl=parley] [N=5000] [--heap]
 *
 * Diagnostic only: it is not part of `npm run bench`, and profiling slows the page down.
 */
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { chromiumArgs, chromiumPath } from '../test/support/chromium.mjs';
import { serveStatic } from './lib/server.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const positional = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const impl = positional[0] ?? 'parley';
const n = Number(positional[1] ?? 5000);
const withHeap = process.argv.includes('--heap');

/** Maps positions in dist/parley.min.js back to sources when a source-map reader is at hand. */
async function sourceMapper() {
  try {
    const { TraceMap, originalPositionFor } = await import('@jridgewell/trace-mapping');
    const map = new TraceMap(JSON.parse(await readFile(`${root}/dist/parley.min.js.map`, 'utf8')));
    return (line, column) => {
      const p = originalPositionFor(map, { line: line + 1, column });
      return p.source ? { source: p.source.replace(/^(\.\.\/)+/, ''), line: p.line, name: p.name } : null;
    };
  } catch {
    return () => null;
  }
}

const server = await serveStatic(root);
// The tests' Chromium and flags: Debian's build, and nothing reaching past loopback.
const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.route((url) => url.hostname !== '127.0.0.1', (route) => route.abort());
  const cdp = await context.newCDPSession(page);
  await page.goto(`${server.origin}/bench/pages/${impl}.html`);
  await page.waitForFunction(() => window.benchReady === true);
  await page.evaluate((size) => window.bench.prepare(size), n);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
  await cdp.send('Profiler.start');
  const render = await page.evaluate(() => window.bench.render());
  const { profile } = await cdp.send('Profiler.stop');
  console.log(`${impl}, N=${n}: in DOM ${render.toDom.toFixed(0)} ms, next frame ${render.toFrame.toFixed(0)} ms (profiled, so slower)`);

  // Self time per node: samples × their intervals.
  const self = new Map();
  for (let i = 0; i < profile.samples.length; i++) {
    const id = profile.samples[i];
    self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i + 1] ?? 0) / 1000);
  }
  const map = await sourceMapper();
  const byFunction = new Map();
  const byFile = new Map();
  for (const node of profile.nodes) {
    const ms = self.get(node.id) ?? 0;
    if (!ms) continue;
    const f = node.callFrame;
    const mapped = f.url.endsWith('/parley.min.js') ? map(f.lineNumber, f.columnNumber) : null;
    const file = mapped?.source ?? (f.url ? f.url.replace(server.origin, '') : f.functionName || '(native)');
    const fn = `${f.functionName || mapped?.name || '(anonymous)'}  ${mapped ? `${mapped.source}:${mapped.line}` : f.url ? `${file}:${f.lineNumber + 1}:${f.columnNumber + 1}` : ''}`;
    byFunction.set(fn, (byFunction.get(fn) ?? 0) + ms);
    byFile.set(file, (byFile.get(file) ?? 0) + ms);
  }
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  const top = (m, k) => [...m].sort((a, b) => b[1] - a[1]).slice(0, k);
  console.log(`\nself time by source file (of ${total.toFixed(0)} ms sampled):`);
  for (const [file, ms] of top(byFile, 15)) console.log(`  ${ms.toFixed(1).padStart(8)} ms  ${(100 * ms / total).toFixed(1).padStart(5)}%  ${file}`);
  console.log('\nself time by function:');
  for (const [fn, ms] of top(byFunction, 25)) console.log(`  ${ms.toFixed(1).padStart(8)} ms  ${(100 * ms / total).toFixed(1).padStart(5)}%  ${fn}`);

  if (withHeap) {
    await cdp.send('HeapProfiler.collectGarbage');
    const chunks = [];
    cdp.on('HeapProfiler.addHeapSnapshotChunk', ({ chunk }) => chunks.push(chunk));
    await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
    const snap = JSON.parse(chunks.join(''));
    const { node_fields: fields, node_types: [types] } = snap.snapshot.meta;
    const width = fields.length;
    const [typeAt, nameAt, sizeAt] = ['type', 'name', 'self_size'].map((f) => fields.indexOf(f));
    const sums = new Map();
    for (let i = 0; i < snap.nodes.length; i += width) {
      const type = types[snap.nodes[i + typeAt]];
      if (type === 'hidden' || type === 'synthetic') continue;
      const name = type === 'object' || type === 'native' ? snap.strings[snap.nodes[i + nameAt]] : `(${type})`;
      const s = sums.get(name) ?? { count: 0, bytes: 0 };
      s.count++;
      s.bytes += snap.nodes[i + sizeAt];
      sums.set(name, s);
    }
    console.log('\nheap after the render, by constructor (self sizes):');
    for (const [name, s] of [...sums].sort((a, b) => b[1].bytes - a[1].bytes).slice(0, 25)) {
      console.log(`  ${(s.bytes / 1048576).toFixed(2).padStart(8)} MB  ${String(s.count).padStart(8)} × ${name.slice(0, 90)}`);
    }
  }
} finally {
  await browser.close();
  await server.close();
}

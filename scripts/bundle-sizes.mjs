// Where the bytes of dist/parley.min.js come from: each module minified and compressed
// on its own (so the figures add up to a little more than the real bundle).
import { brotliCompressSync } from 'node:zlib';
import { rollup } from 'rollup';
import { minify } from 'terser';
import config from '../rollup.config.mjs';

const script = config.find((c) => c.output.format === 'iife');
const bundle = await rollup({ ...script, plugins: script.plugins.filter((p) => p.name !== 'terser'), onwarn: () => {} });
const { output } = await bundle.generate({ format: 'es', preserveModules: true });
const rows = [];
for (const chunk of output) {
  if (chunk.type !== 'chunk') continue;
  const min = (await minify(chunk.code, { module: true, compress: { passes: 2 } })).code ?? '';
  rows.push([min.length, brotliCompressSync(min).length, chunk.facadeModuleId?.replace(process.cwd() + '/', '') ?? chunk.fileName]);
}
rows.sort((a, b) => b[1] - a[1]);
for (const [min, br, id] of rows) console.log(`${String(min).padStart(7)} B min ${String(br).padStart(6)} B br  ${id}`);
const sum = (i) => rows.reduce((n, r) => n + r[i], 0);
console.log(`${String(sum(0)).padStart(7)} B min ${String(sum(1)).padStart(6)} B br  (sum of modules)`);

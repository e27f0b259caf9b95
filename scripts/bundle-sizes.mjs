// Where the bytes of dist/parley.min.js come from (run `npm run build` first). For each
// module: what it adds to the real bundle, measured as the bundle's brotli size minus that
// of the bundle with the module's code (found through the source map) left out. Brotli
// shares repeated words across modules, so this is less than the module compressed alone
// and is what the module really costs a page.
import { readFile } from 'node:fs/promises';
import { brotliCompressSync, constants } from 'node:zlib';
import { TraceMap, eachMapping } from '@jridgewell/trace-mapping';

const brotli = (text) => brotliCompressSync(Buffer.from(text), { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
const code = await readFile('dist/parley.min.js', 'utf8');
const map = new TraceMap(JSON.parse(await readFile('dist/parley.min.js.map', 'utf8')));

// Each character of the bundle belongs to the source of the mapping segment it falls in.
const lineStarts = [0];
for (let i = 0; i < code.length; i++) if (code[i] === '\n') lineStarts.push(i + 1);
const segments = [];
eachMapping(map, (m) => segments.push({ at: lineStarts[m.generatedLine - 1] + m.generatedColumn, source: m.source }));
segments.sort((a, b) => a.at - b.at);
const owners = new Map();
segments.forEach(({ at, source }, i) => {
  if (!source) return;
  const name = source.replace(/^(\.\.\/)+/, '');
  const ranges = owners.get(name) ?? [];
  ranges.push([at, segments[i + 1]?.at ?? code.length]);
  owners.set(name, ranges);
});

const total = brotli(code);
const rows = [];
for (const [name, ranges] of owners) {
  let without = '';
  let from = 0;
  let own = 0;
  for (const [start, end] of ranges) {
    without += code.slice(from, start);
    from = end;
    own += end - start;
  }
  without += code.slice(from);
  rows.push({ name, raw: own, added: total - brotli(without) });
}
rows.sort((a, b) => b.added - a.added);
const pad = (v, n) => String(v).padStart(n);
console.log(`${pad('min B', 7)} ${pad('adds br B', 9)}  module`);
for (const r of rows) console.log(`${pad(r.raw, 7)} ${pad(r.added, 9)}  ${r.name}`);
const sum = (filter) => rows.filter(filter).reduce((n, r) => n + r.added, 0);
console.log(`\ndist/parley.min.js: ${code.length} B minified, ${total} B brotli`);
console.log(`  libraries (lit, @lit/context, idb-keyval) add ${sum((r) => r.name.startsWith('node_modules'))} B, Parley's own modules ${sum((r) => r.name.startsWith('src'))} B`);

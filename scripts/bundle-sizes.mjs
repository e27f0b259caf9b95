// Where the bytes of dist/parley.min.js come from (run `npm run build` first).
//
// Per module, and per group of modules as the READMEs name them: what it adds to the
// real bundle, measured as the bundle's brotli size minus that of the bundle with that
// code (found through the source map) left out. Brotli shares repeated words across
// modules, so this is what the code really costs a page, and less than it compressed
// alone. Last, the libraries on their own: Lit, @lit/context and idb-keyval used the way
// Parley uses them, bundled and minified with the same settings.
import { readFile } from 'node:fs/promises';
import { brotliCompressSync, constants } from 'node:zlib';
import { TraceMap, eachMapping } from '@jridgewell/trace-mapping';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import { rollup } from 'rollup';
import { minify } from 'terser';

const brotli = (text) => brotliCompressSync(Buffer.from(text), { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
const code = await readFile('dist/parley.min.js', 'utf8');
const map = new TraceMap(JSON.parse(await readFile('dist/parley.min.js.map', 'utf8')));

// Each character of the bundle belongs to the source of the mapping segment it falls in.
const lineStarts = [0];
for (let i = 0; i < code.length; i++) if (code[i] === '\n') lineStarts.push(i + 1);
const segments = [];
eachMapping(map, (m) => segments.push({ at: lineStarts[m.generatedLine - 1] + m.generatedColumn, source: m.source }));
segments.sort((a, b) => a.at - b.at);
const owner = new Array(code.length).fill(null);
segments.forEach(({ at, source }, i) => {
  const name = source ? source.replace(/^(\.\.\/)+/, '') : null;
  for (let p = at; p < (segments[i + 1]?.at ?? code.length); p++) owner[p] = name;
});

const total = brotli(code);
/** What the code of the modules `chosen` picks adds to the bundle, in bytes. */
function adds(chosen) {
  let without = '';
  for (let p = 0; p < code.length; p++) if (!(owner[p] && chosen(owner[p]))) without += code[p];
  return total - brotli(without);
}

const modules = [...new Set(owner.filter(Boolean))];
const rows = modules.map((name) => ({ name, added: adds((m) => m === name) })).sort((a, b) => b.added - a.added);
const pad = (v, n) => String(v).padStart(n);
console.log(`${pad('adds B', 7)}  module (brotli bytes it adds to dist/parley.min.js)`);
for (const r of rows) console.log(`${pad(r.added, 7)}  ${r.name}`);

const inside = (...paths) => (m) => paths.some((p) => m.startsWith(p));
const groups = [
  ['libraries: lit, @lit/context, idb-keyval', inside('node_modules/')],
  ['  of which @lit/context', inside('node_modules/@lit/context/')],
  ["Parley's own modules", inside('src/')],
  ['  the root element (src/parley-comments.ts)', inside('src/parley-comments.ts')],
  ['  styles (root, comments, shared, form)', (m) => m.startsWith('src/') && m.includes('styles')],
  ['  reply form and drafts', (m) => (m.startsWith('src/reply-form/') && !m.includes('styles')) || m.startsWith('src/drafts/')],
  ['  comment rendering (comment, body, view, text, time, url)', (m) => (m.startsWith('src/comment/') && !m.includes('styles')) || ['src/util/text.ts', 'src/util/time.ts', 'src/util/url.ts', 'src/util/schedule.ts'].includes(m)],
  ['  tree, model and record checks', inside('src/model/')],
  ['  MemoryAdapter', inside('src/adapters/memory-adapter.ts')],
  ['  RestAdapter, requests, errors, abort', inside('src/adapters/rest-adapter.ts', 'src/adapters/request.ts', 'src/adapters/adapter-error.ts', 'src/adapters/author.ts', 'src/adapters/backend-support.ts', 'src/util/errors.ts', 'src/util/abort.ts')],
  ['  controller (state, loading, posting)', inside('src/controller/')],
  ['  post-list counts (<parley-count>, batching)', inside('src/count/')],
  ['  English strings', inside('src/i18n/')],
];
console.log(`\n${pad('adds B', 7)}  group`);
for (const [label, chosen] of groups) console.log(`${pad(adds(chosen), 7)}  ${label}`);

// The libraries alone: what any Lit element with context and idb-keyval drafts costs.
const floor = `
  import { LitElement, html, css, nothing } from 'lit';
  import { ContextProvider, ContextConsumer, createContext } from '@lit/context';
  import { get, set, del, createStore } from 'idb-keyval';
  const context = createContext('parley');
  class Root extends LitElement {
    static styles = css\`:host{display:block}\`;
    static properties = { text: {} };
    provider = new ContextProvider(this, { context });
    render() { return html\`<b>\${this.text}</b>\${nothing}\`; }
  }
  class Form extends LitElement {
    consumer = new ContextConsumer(this, { context, subscribe: true });
    render() { return html\`<i>\${this.consumer.value}</i>\`; }
  }
  customElements.define('x-root', Root);
  customElements.define('x-form', Form);
  const store = createStore('parley', 'drafts');
  get('k', store).then((v) => set('k', v, store));
  del('k', store);
`;
const bundle = await rollup({
  input: 'floor',
  plugins: [{ name: 'floor', resolveId: (id) => (id === 'floor' ? id : null), load: (id) => (id === 'floor' ? floor : null) }, nodeResolve()],
});
const { output } = await bundle.generate({ format: 'iife', name: 'Floor', plugins: [terser({ ecma: 2021, compress: { passes: 2 }, format: { comments: false } })] });
console.log(`\ndist/parley.min.js: ${Buffer.byteLength(code)} B minified, ${total} B brotli`);
console.log(`the libraries on their own (bundled and minified alike): ${brotli(output[0].code)} B brotli`);

// Each side of the bundle compressed alone: Parley's own code is over a budget by itself
// when this number is, whatever the libraries cost.
let own = '';
let libraries = '';
for (let p = 0; p < code.length; p++) {
  if (owner[p]?.startsWith('src/')) own += code[p];
  else if (owner[p]?.startsWith('node_modules/')) libraries += code[p];
}
console.log(`Parley's own code alone: ${Buffer.byteLength(own)} B minified, ${brotli(own)} B brotli; the bundled libraries' code alone: ${Buffer.byteLength(libraries)} B, ${brotli(libraries)} B brotli`);

// What short property names could save at most: every property that is not a DOM or JS
// built-in renamed, public API and Lit's own included, so that build does not run.
const renamed = await minify(code, { ecma: 2021, compress: false, mangle: { properties: {} }, format: { comments: false } });
console.log(`every non-built-in property renamed (an upper bound; such a build does not run): ${total - brotli(renamed.code)} B less`);

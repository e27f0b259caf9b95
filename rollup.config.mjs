import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import typescript from '@rollup/plugin-typescript';
import minifyTemplates from './scripts/minify-templates.mjs';
import { mangleProperties } from './scripts/private-names.mjs';

const ts = () =>
  typescript({ tsconfig: './tsconfig.json', compilerOptions: { noEmit: false, declaration: false, rootDir: 'src' } });

// Not `module: true` for the scripts: terser would drop the IIFE's top-level `var Parley`
// as unused. The ES modules are modules, and minified too (source maps beside them).
const minify = (module = false, mangle = {}) =>
  terser({ ecma: 2021, module, compress: { passes: 2 }, mangle, format: { comments: false } });

// Adapters for other comment servers are add-ons: neither bundle carries them unless asked.
const backends = ['waline', 'isso', 'remark42', 'artalk', 'twikoo'];

export default [
  {
    // The npm entry and one module per backend adapter; the libraries stay imports for
    // the app's bundler.
    input: {
      index: 'src/index.ts',
      ...Object.fromEntries(backends.map((b) => [`adapters/${b}-adapter`, `src/adapters/${b}-adapter.ts`])),
    },
    output: { dir: 'dist', format: 'es', sourcemap: true, chunkFileNames: 'chunks/[name]-[hash].js' },
    external: (id) => /^(lit|@lit\/context|idb-keyval)(\/|$)/.test(id),
    plugins: [ts(), minifyTemplates(), minify(true)],
  },
  {
    // The script-tag build: everything in one classic script that sets window.Parley,
    // and embeds a widget after a tag that carries its attributes as data-*.
    input: 'src/script-tag.ts',
    output: { file: 'dist/parley.min.js', format: 'iife', name: 'Parley', sourcemap: true },
    // Also renames the TypeScript `private` members no other code can reach by name
    // (scripts/private-names.mjs says which, and why; test/e2e/built-bundle.test.mjs runs
    // this file end to end): about 300 B of brotli.
    plugins: [nodeResolve(), ts(), minifyTemplates(), minify(false, { properties: mangleProperties() })],
  },
  // Script-tag add-ons, loaded after parley.min.js: each adds its adapter to window.Parley.
  ...backends.map((b) => ({
    input: `src/adapters/${b}-adapter.ts`,
    output: { file: `dist/parley-${b}.min.js`, format: 'iife', name: 'Parley', extend: true, sourcemap: true },
    plugins: [ts(), minify()],
  })),
];

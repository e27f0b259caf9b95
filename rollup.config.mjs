import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import typescript from '@rollup/plugin-typescript';
import { dirname, resolve } from 'node:path';
import tsApi from 'typescript';
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

// The built-in locales besides English (src/i18n/locale.ts): chunks of dist/index.js, and
// for the script tag ES modules of their own in dist/locales/, which it import()s from
// beside itself (src/i18n/locale-urls.ts stands in for locale-modules.ts there).
const locales = ['de', 'fr', 'es', 'pt', 'it', 'ru', 'uk', 'zh', 'ja', 'ar', 'he'];
const stripTypes = {
  name: 'strip-types',
  resolveId: (source, importer) => (importer && source.endsWith('.js') ? resolve(dirname(importer), source.replace(/\.js$/, '.ts')) : null),
  transform(code, id) {
    if (!id.endsWith('.ts')) return null;
    const { ScriptTarget, ModuleKind } = tsApi;
    const out = tsApi.transpileModule(code, { fileName: id, compilerOptions: { target: ScriptTarget.ES2022, module: ModuleKind.ES2022, sourceMap: true } });
    return { code: out.outputText.replace(/\/\/# sourceMappingURL=.*$/m, ''), map: out.sourceMapText };
  },
};
/** The core module the markdown add-on's script finds in `window.Parley` instead of bundling it. */
const sharedWithCore = (id) => /(^|[/\\])comment[/\\]formats\.[jt]s$/.test(id);
const localeUrls = {
  name: 'locale-urls',
  resolveId: (source, importer) =>
    source === './locale-modules.js' && importer ? importer.replace(/[^/\\]+$/, 'locale-urls.ts') : null,
};

// A script that reads a library from a global no page defines fails only in the browser
// (parley-isso.min.js once did, with idb-keyval): fail the build instead.
const strict = (config) => ({
  ...config,
  onwarn(warning, warn) {
    if (warning.code === 'MISSING_GLOBAL_NAME' || warning.code === 'UNRESOLVED_IMPORT') throw new Error(warning.message);
    warn(warning);
  },
});

export default [
  {
    // The npm entry and one module per backend adapter; the libraries stay imports for
    // the app's bundler.
    input: {
      index: 'src/index.ts',
      ...Object.fromEntries(backends.map((b) => [`adapters/${b}-adapter`, `src/adapters/${b}-adapter.ts`])),
      'markdown/index': 'src/markdown/index.ts',
    },
    output: { dir: 'dist', format: 'es', sourcemap: true, chunkFileNames: 'chunks/[name]-[hash].js' },
    external: (id) => /^(lit|@lit\/context|idb-keyval|marked)(\/|$)/.test(id),
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
    plugins: [localeUrls, nodeResolve(), ts(), minifyTemplates(), minify(false, { properties: mangleProperties() })],
  },
  // The script tag's locales: each file whole, with the plural helper in it, so that a
  // page waits for one request, not two. Types are only stripped (the ESM build checks
  // them): a program per locale would add a minute to the build.
  ...locales.map((l) => ({
    input: `src/i18n/locales/${l}.ts`,
    output: { file: `dist/locales/${l}.js`, format: 'es', sourcemap: true },
    plugins: [stripTypes, minify(true)],
  })),
  // Script-tag add-ons, loaded after parley.min.js: each adds its adapter to window.Parley.
  // Self-contained: an adapter that keeps comment secrets (Isso) carries idb-keyval, which
  // would otherwise be read from a global no page defines.
  ...backends.map((b) => ({
    input: `src/adapters/${b}-adapter.ts`,
    output: { file: `dist/parley-${b}.min.js`, format: 'iife', name: 'Parley', extend: true, sourcemap: true },
    plugins: [nodeResolve(), ts(), minify()],
  })),
  // The markdown add-on for the script tag, with its lexer (marked) inside: it registers
  // itself in the core's `Parley.formats`, the one module it shares with parley.min.js.
  {
    input: 'src/markdown/index.ts',
    output: { file: 'dist/parley-markdown.min.js', format: 'iife', name: 'Parley', extend: true, sourcemap: true, globals: (id) => (sharedWithCore(id) ? 'Parley' : id) },
    external: sharedWithCore,
    plugins: [nodeResolve(), ts(), minify()],
  },
].map(strict);

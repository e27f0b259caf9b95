#!/usr/bin/env node
/**
 * Builds the framework examples, demo/react/ and demo/vue/, each into its `build/app.js`,
 * from the built `dist/index.js` (run `npm run build` first) — as an app's bundler would
 * take `parley-comments` from npm. esbuild, in about a second for both.
 *
 * The Vue example is a single-file component: its template is compiled here, as
 * @vitejs/plugin-vue would, with `isCustomElement` telling the compiler that `parley-*`
 * tags are custom elements and not Vue components to resolve.
 *
 * Usage: `node scripts/build-framework-demos.mjs` (also run by test/e2e/frameworks.test.mjs).
 */
import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { compileScript, parse } from 'vue/compiler-sfc';

const repo = fileURLToPath(new URL('..', import.meta.url));
const distEntry = `${repo}dist/index.js`;

/** Single-file components in, JavaScript out: the script and its inlined render function. */
const vuePlugin = {
  name: 'vue-sfc',
  setup(build) {
    build.onLoad({ filter: /\.vue$/ }, async ({ path }) => {
      const { descriptor, errors } = parse(await readFile(path, 'utf8'), { filename: path });
      if (errors.length) throw errors[0];
      const script = compileScript(descriptor, {
        id: path,
        inlineTemplate: true,
        templateOptions: { compilerOptions: { isCustomElement: (tag) => tag.startsWith('parley-') } },
      });
      return { contents: script.content, loader: 'ts', resolveDir: dirname(path) };
    });
  },
};

/** Builds both examples; resolves to the files written. */
export async function buildFrameworkDemos() {
  if (!existsSync(distEntry)) throw new Error('dist/index.js is missing: run `npm run build` first');
  const common = {
    bundle: true,
    format: 'esm',
    target: 'es2022',
    minify: true,
    sourcemap: true,
    logLevel: 'warning',
    // `parley-comments` is this package: the build in dist/, as npm would install it.
    alias: { 'parley-comments': distEntry },
    define: {
      'process.env.NODE_ENV': '"production"',
      __VUE_OPTIONS_API__: 'false',
      __VUE_PROD_DEVTOOLS__: 'false',
      __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'false',
    },
  };
  const demos = [
    { entry: 'demo/react/app.tsx', out: 'demo/react/build/app.js', jsx: 'automatic' },
    { entry: 'demo/vue/main.ts', out: 'demo/vue/build/app.js', plugins: [vuePlugin] },
  ];
  await Promise.all(
    demos.map(({ entry, out, ...options }) =>
      build({ ...common, ...options, entryPoints: [`${repo}${entry}`], outfile: `${repo}${out}` }),
    ),
  );
  return demos.map((d) => d.out);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const started = performance.now();
  const written = await buildFrameworkDemos();
  console.log(`${written.join(', ')} in ${Math.round(performance.now() - started)} ms`);
}

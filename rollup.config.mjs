import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import typescript from '@rollup/plugin-typescript';
import minifyTemplates from './scripts/minify-templates.mjs';

const ts = () =>
  typescript({ tsconfig: './tsconfig.json', compilerOptions: { noEmit: false, declaration: false, rootDir: 'src' } });

// Not `module: true`: that would let terser drop the IIFE's top-level `var Parley` as unused.
const minify = () => terser({ ecma: 2021, compress: { passes: 2 }, format: { comments: false } });

export default [
  {
    // The npm entry: our modules in one file; the libraries stay imports for the app's bundler.
    input: 'src/index.ts',
    output: { file: 'dist/index.js', format: 'es', sourcemap: true },
    external: (id) => /^(lit|@lit\/context|idb-keyval)(\/|$)/.test(id),
    plugins: [ts(), minifyTemplates()],
  },
  {
    // The script-tag build: everything in one classic script that sets window.Parley.
    input: 'src/index.ts',
    output: { file: 'dist/parley.min.js', format: 'iife', name: 'Parley', sourcemap: true },
    plugins: [nodeResolve(), ts(), minifyTemplates(), minify()],
  },
];

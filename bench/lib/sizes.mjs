import { readFile } from 'node:fs/promises';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

/**
 * Raw, gzip (level 9) and brotli (quality 11) sizes of the builds, in bytes.
 * `dist/index.js` keeps lit, @lit/context and idb-keyval as imports, so its size is
 * Parley's own modules only.
 */
export async function buildSizes(root) {
  const sizes = {};
  // Each row: what a page loads for that widget from a script tag (the peers' JS and CSS;
  // Parley's styles are inside its script).
  const rows = {
    'dist/parley.min.js': ['dist/parley.min.js'],
    // An add-on, not in the core's budget: what a page with format="markdown" loads after it.
    'dist/parley-markdown.min.js (markdown add-on)': ['dist/parley-markdown.min.js'],
    'dist/index.js': ['dist/index.js'],
    'Waline script tag (waline.umd.js + waline.css)': ['node_modules/@waline/client/dist/waline.umd.js', 'node_modules/@waline/client/dist/waline.css'],
    'Artalk script tag (Artalk.iife.js + Artalk.css)': ['node_modules/artalk/dist/Artalk.iife.js', 'node_modules/artalk/dist/Artalk.css'],
  };
  for (const [row, files] of Object.entries(rows)) {
    const all = row === 'dist/index.js' ? await withStaticChunks(root, files[0]) : files;
    const code = Buffer.concat(await Promise.all(all.map((file) => readFile(`${root}/${file}`))));
    sizes[row] = {
      raw: code.length,
      gzip: gzipSync(code, { level: 9 }).length,
      brotli: brotliCompressSync(code, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
    };
  }
  return sizes;
}

/**
 * A module of the npm build and the chunks it imports statically, transitively: with the
 * locales split out as chunks, dist/index.js itself is only re-exports of a shared chunk.
 * Chunks loaded by `import()` (a locale, when needed) are not counted.
 */
async function withStaticChunks(root, entry) {
  const seen = new Set([entry]);
  for (const file of seen) {
    const code = await readFile(`${root}/${file}`, 'utf8');
    for (const [, from, bare] of code.matchAll(/(?:^|[;}\s])(?:import|export)\b[^'"();]*?from\s*["'](\.{1,2}\/[^"']+)["']|(?:^|[;}\s])import\s*["'](\.{1,2}\/[^"']+)["']/g)) {
      const spec = from ?? bare;
      if (spec) seen.add(new URL(spec, `file:///${file}`).pathname.slice(1));
    }
  }
  return [...seen];
}

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
    'dist/index.js': ['dist/index.js'],
    'Waline script tag (waline.umd.js + waline.css)': ['node_modules/@waline/client/dist/waline.umd.js', 'node_modules/@waline/client/dist/waline.css'],
    'Artalk script tag (Artalk.iife.js + Artalk.css)': ['node_modules/artalk/dist/Artalk.iife.js', 'node_modules/artalk/dist/Artalk.css'],
  };
  for (const [row, files] of Object.entries(rows)) {
    const code = Buffer.concat(await Promise.all(files.map((file) => readFile(`${root}/${file}`))));
    sizes[row] = {
      raw: code.length,
      gzip: gzipSync(code, { level: 9 }).length,
      brotli: brotliCompressSync(code, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
    };
  }
  return sizes;
}

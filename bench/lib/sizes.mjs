import { readFile } from 'node:fs/promises';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

/**
 * Raw, gzip (level 9) and brotli (quality 11) sizes of the builds, in bytes.
 * `dist/index.js` keeps lit, @lit/context and idb-keyval as imports, so its size is
 * Parley's own modules only.
 */
export async function buildSizes(root) {
  const sizes = {};
  for (const file of ['dist/parley.min.js', 'dist/index.js']) {
    const code = await readFile(`${root}/${file}`);
    sizes[file] = {
      raw: code.length,
      gzip: gzipSync(code, { level: 9 }).length,
      brotli: brotliCompressSync(code, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
    };
  }
  return sizes;
}

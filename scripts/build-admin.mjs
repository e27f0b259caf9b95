// Builds the moderation page's script (src/admin/) into server/admin/public/, where
// parley-server serves it from: one ES module with Lit inside, so that the installed
// server needs nothing from the widget's package. Run by `npm run build` and by the
// server's prepack, so the packed tarball carries it; never committed (.gitignore).
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('..', import.meta.url));

await build({
  absWorkingDir: repo,
  entryPoints: ['src/admin/parley-admin.ts'],
  outfile: 'server/admin/public/parley-admin.js',
  bundle: true,
  format: 'esm',
  target: 'es2021',
  minify: true,
  legalComments: 'none',
  tsconfig: 'tsconfig.json',
  logLevel: 'warning',
});

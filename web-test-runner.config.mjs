// Tests run in Debian's Chromium: nothing here may download a browser.
import { readdirSync } from 'node:fs';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner';
import { a11ySnapshotPlugin } from '@web/test-runner-commands/plugins';
import { forcedColorsPlugin } from './test/a11y/forced-colors-plugin.mjs';
import { chromiumArgs, chromiumPath } from './test/support/chromium.mjs';

// Each file in test/middleware/ fakes one backend over real HTTP, so adapters are
// tested through a real round trip rather than a stubbed fetch.
const middlewareDir = new URL('./test/middleware/', import.meta.url);
const middleware = await Promise.all(
  readdirSync(middlewareDir)
    .filter((f) => f.endsWith('.mjs'))
    .sort()
    .map(async (f) => (await import(new URL(f, middlewareDir))).default),
);

export default {
  // test/waline/ needs a real Waline server: `npm run test:waline` runs it with its own config.
  files: process.env.WTR_FILES ?? ['test/**/*.test.ts', '!test/waline/**'],
  // Production Lit: the build users get, and no dev-mode warning in the test output.
  nodeResolve: { exportConditions: ['production'] },
  concurrency: 1,
  testFramework: { config: { timeout: 20000 } },
  testsFinishTimeout: 10 * 60 * 1000,
  middleware,
  plugins: [esbuildPlugin({ ts: true, tsconfig: './tsconfig.json', target: 'es2022' }), a11ySnapshotPlugin(), forcedColorsPlugin()],
  browsers: [
    chromeLauncher({
      launchOptions: { executablePath: chromiumPath, headless: true, args: chromiumArgs },
    }),
  ],
};

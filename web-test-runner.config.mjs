// Tests run in Debian's Chromium and Firefox ESR: nothing here may download a browser.
// WTR_BROWSERS picks the engines (`chromium`, `firefox`, or both, comma-separated; both by
// default). Both are driven through puppeteer-core: Chromium over CDP, Firefox over
// WebDriver BiDi.
import { readdirSync } from 'node:fs';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner';
import { a11ySnapshotPlugin } from '@web/test-runner-commands/plugins';
import puppeteerCore from 'puppeteer-core';
import { chromiumArgs, chromiumPath } from './test/support/chromium.mjs';
import { firefoxPath, firefoxPrefs } from './test/support/firefox.mjs';
import { mediaPlugin } from './test/support/media-plugin.mjs';

const launchers = {
  chromium: () =>
    Object.assign(
      chromeLauncher({
        launchOptions: { executablePath: chromiumPath, headless: true, args: chromiumArgs },
      }),
      { name: 'Chromium' }, // not "Chrome": it is Debian's Chromium
    ),
  // Passing puppeteer-core as the launcher's "custom puppeteer" lets it start a browser
  // other than Chrome; it is the same puppeteer-core the Chromium launcher uses.
  firefox: () =>
    chromeLauncher({
      puppeteer: puppeteerCore,
      launchOptions: {
        browser: 'firefox',
        executablePath: firefoxPath,
        headless: true,
        extraPrefsFirefox: firefoxPrefs,
        // Lets test/support/media-plugin.mjs set the reader's preferences from Firefox's
        // privileged scope, as BiDi has no media emulation in this Firefox.
        args: ['--remote-allow-system-access'],
      },
    }),
};
const engines = (process.env.WTR_BROWSERS ?? 'chromium,firefox').split(',').map((name) => name.trim());
for (const name of engines) {
  if (!launchers[name]) throw new Error(`WTR_BROWSERS: unknown engine "${name}" (known: ${Object.keys(launchers).join(', ')})`);
}

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
  plugins: [esbuildPlugin({ ts: true, tsconfig: './tsconfig.json', target: 'es2022' }), a11ySnapshotPlugin(), mediaPlugin()],
  browsers: engines.map((name) => launchers[name]()),
};

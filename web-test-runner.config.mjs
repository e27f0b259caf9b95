// Tests run in Debian's Chromium, Firefox ESR and WebKitGTK: nothing here may download a
// browser. WTR_BROWSERS picks the engines (`chromium`, `firefox`, `webkit`, comma-separated;
// all three by default). Chromium and Firefox are driven through puppeteer-core (CDP and
// WebDriver BiDi), WebKit through WebKitWebDriver (W3C WebDriver; test/support/webkit.mjs).
import { existsSync, readdirSync } from 'node:fs';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher, defaultReporter } from '@web/test-runner';
import { a11ySnapshotPlugin } from '@web/test-runner-commands/plugins';
import puppeteerCore from 'puppeteer-core';
import { chromiumArgs, chromiumPath } from './test/support/chromium.mjs';
import { firefoxPath, firefoxPrefs } from './test/support/firefox.mjs';
import { mediaPlugin } from './test/support/media-plugin.mjs';
import { timingsReporter } from './test/support/timings-reporter.mjs';
import { webkitAvailable, webkitLauncher } from './test/support/webkit.mjs';

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
  webkit: () => webkitLauncher(),
};
const engines = (process.env.WTR_BROWSERS ?? 'chromium,firefox,webkit').split(',').map((name) => name.trim());
for (const name of engines) {
  if (!launchers[name]) throw new Error(`WTR_BROWSERS: unknown engine "${name}" (known: ${Object.keys(launchers).join(', ')})`);
}
const missing = {
  chromium: !existsSync(chromiumPath) && `${chromiumPath} (apt-get install chromium, or set CHROMIUM_PATH)`,
  firefox: !existsSync(firefoxPath) && `${firefoxPath} (apt-get install firefox-esr, or set FIREFOX_PATH)`,
  webkit: !webkitAvailable() && 'WebKitWebDriver, MiniBrowser and xvfb-run (apt-get install --no-install-recommends webkit2gtk-driver xvfb xauth)',
};
for (const name of engines) {
  if (missing[name]) throw new Error(`The ${name} tests need ${missing[name]}; WTR_BROWSERS picks the engines to run.`);
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
  // One engine at a time: the timing tests (long tasks, linear-time ratios) measure with no
  // other browser on the two cores. All three at once took 168 s instead of 195 s, and
  // made WebKit's timing flakier.
  concurrentBrowsers: Number(process.env.WTR_CONCURRENT_BROWSERS ?? 1),
  testFramework: { config: { timeout: 20000 } },
  testsFinishTimeout: 10 * 60 * 1000,
  middleware,
  plugins: [esbuildPlugin({ ts: true, tsconfig: './tsconfig.json', target: 'es2022' }), a11ySnapshotPlugin(), mediaPlugin()],
  browsers: engines.map((name) => launchers[name]()),
  // WTR_TIMINGS=1 adds the slowest test files of each engine to the report.
  ...(process.env.WTR_TIMINGS ? { reporters: [defaultReporter(), timingsReporter()] } : {}),
};

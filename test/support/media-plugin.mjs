// A test-runner command that emulates the reader's media preferences in Chromium and in
// Firefox: forced colours (Windows High Contrast), reduced motion and the colour scheme.
//
// @web/test-runner-commands' emulateMedia does not do: it hands `forcedColors` to
// Playwright only, and in Firefox Puppeteer emulates media over CDP, which Firefox does not
// speak (nor does Firefox ESR's WebDriver BiDi have `emulation.setMediaFeaturesOverride`).
// - Chromium (CDP): Puppeteer's emulateMediaFeatures.
// - Firefox (BiDi): the preferences a reader would set, written from Firefox's privileged
//   (chrome) scope over BiDi, which the launcher allows with --remote-allow-system-access.
//   Preferences are browser-wide; the tests run one file at a time, and each test that
//   emulates resets in afterEach.
// - WebKit (W3C WebDriver, test/support/webkit.mjs): none; only what already holds passes.
// Either way the command returns only once the page's matchMedia agrees.

/** The Firefox preference behind each feature, and its value for each setting (null: the default). */
const firefoxPrefs = {
  forcedColors: { pref: 'browser.display.document_color_use', values: { active: 2, none: null } },
  reducedMotion: { pref: 'ui.prefersReducedMotion', values: { reduce: 1, 'no-preference': 0 } },
  colorScheme: { pref: 'layout.css.prefers-color-scheme.content-override', values: { dark: 0, light: 1 } },
};
// Forced colours in Firefox take the system palette, which on Linux is the GTK theme's
// (a light-blue Highlight on white: 2.9:1), not a high-contrast one. Emulate the theme
// Chromium emulates, Windows' "High Contrast White" (Highlight #37006E, HighlightText #FFF,
// LinkText #00009F, GrayText #600000 on a white Canvas with black text).
const firefoxForcedPalette = {
  'ui.highlight': '#37006e',
  'ui.highlighttext': '#ffffff',
  'ui.buttontext': '#000000',
  'ui.buttonface': '#ffffff',
  'ui.windowtext': '#000000',
  'ui.window': '#ffffff',
  'ui.graytext': '#600000',
  'browser.display.foreground_color': '#000000',
  'browser.display.background_color': '#ffffff',
  'browser.anchor_color': '#00009f',
};
const mediaNames = { forcedColors: 'forced-colors', reducedMotion: 'prefers-reduced-motion', colorScheme: 'prefers-color-scheme' };

async function emulateInFirefox(page, media) {
  const connection = page.browser().connection;
  const tree = await connection.send('browsingContext.getTree', { 'moz:scope': 'chrome' });
  const context = tree.result.contexts[0]?.context;
  if (!context) throw new Error('no privileged Firefox context: is Firefox started with --remote-allow-system-access?');
  const lines = Object.entries(firefoxPrefs).map(([key, { pref, values }]) => {
    const value = media[key] == null ? null : values[media[key]];
    if (media[key] != null && value === undefined) throw new Error(`${key}: unknown value ${media[key]}`);
    return value == null ? `Services.prefs.clearUserPref(${JSON.stringify(pref)});` : `Services.prefs.setIntPref(${JSON.stringify(pref)}, ${value});`;
  });
  for (const [pref, colour] of Object.entries(firefoxForcedPalette)) {
    lines.push(
      media.forcedColors === 'active'
        ? `Services.prefs.setCharPref(${JSON.stringify(pref)}, ${JSON.stringify(colour)});`
        : `Services.prefs.clearUserPref(${JSON.stringify(pref)});`,
    );
  }
  const { result } = await connection.send('script.evaluate', {
    expression: `${lines.join(' ')} true`,
    target: { context },
    awaitPromise: false,
  });
  if (result.type !== 'success') throw new Error(`setting Firefox preferences failed: ${JSON.stringify(result.exceptionDetails ?? result)}`);
}

/**
 * Registers the `parley-media` command. Payload `{ forcedColors?: 'active' | 'none',
 * reducedMotion?: 'reduce' | 'no-preference', colorScheme?: 'light' | 'dark' }`; each call
 * replaces the whole emulated state, so `{}` puts everything back to the browser's default.
 */
export function mediaPlugin() {
  return {
    name: 'parley-media',
    async executeCommand({ command, payload, session }) {
      if (command !== 'parley-media') return undefined;
      if (session.browser.type !== 'puppeteer') {
        throw new Error(`media is emulated through Puppeteer only, not ${session.browser.type}`);
      }
      const media = payload ?? {};
      const page = session.browser.getPage(session.id);
      if (page.browser().protocol === 'webdriver-webkit') {
        // WebDriver has no media emulation: a request the page already satisfies (such as
        // a reset to the defaults) is fine; anything else cannot be done.
        const unmet = await page.execute(
          'return arguments[0].filter((q) => !matchMedia(q).matches)',
          Object.entries(mediaNames)
            .filter(([key]) => media[key] != null)
            .map(([key, name]) => `(${name}: ${media[key]})`),
        );
        if (unmet.length) throw new Error(`media emulation is not supported in WebKit (W3C WebDriver has none): ${unmet.join(', ')}`);
        return true;
      } else if (page.browser().protocol === 'webDriverBiDi') {
        await emulateInFirefox(page, media);
      } else {
        await page.emulateMediaFeatures(
          Object.entries(mediaNames)
            .filter(([key]) => media[key] != null)
            .map(([key, name]) => ({ name, value: media[key] })),
        );
      }
      const queries = Object.entries(mediaNames)
        .filter(([key]) => media[key] != null)
        .map(([key, name]) => `(${name}: ${media[key]})`);
      // Firefox applies a preference change to pages a moment later.
      await page.waitForFunction((qs) => qs.every((q) => matchMedia(q).matches), { timeout: 5000, polling: 20 }, queries);
      return true;
    },
  };
}

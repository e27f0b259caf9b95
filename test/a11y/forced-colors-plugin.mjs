// A test-runner command that turns Chromium's forced-colors emulation on and off.
// @web/test-runner-commands' emulateMedia hands `forcedColors` to Playwright only; the
// Chrome launcher drives Puppeteer, whose emulateMediaFeatures does know `forced-colors`.

/**
 * Registers the `parley-forced-colors` command: payload `{ active: boolean }`.
 * Add it to `plugins` in web-test-runner.config.mjs.
 */
export function forcedColorsPlugin() {
  return {
    name: 'parley-forced-colors',
    async executeCommand({ command, payload, session }) {
      if (command !== 'parley-forced-colors') return undefined;
      if (session.browser.type !== 'puppeteer') {
        throw new Error(`forced colors are emulated through Puppeteer only, not ${session.browser.type}`);
      }
      const page = session.browser.getPage(session.id);
      // Puppeteer replaces the whole list of emulated features: this also resets
      // prefers-color-scheme and prefers-reduced-motion, which suits a per-test command.
      await page.emulateMediaFeatures([{ name: 'forced-colors', value: payload?.active ? 'active' : 'none' }]);
      return true;
    },
  };
}

// Which browser engine a test runs in, for the few tests that are truly engine-specific.
// Everything else runs, and must pass, in every engine (see the README's "Browser support").

export type Engine = 'chromium' | 'firefox' | 'webkit';

const ua = navigator.userAgent;
export const engine: Engine = /\bFirefox\//.test(ua) ? 'firefox' : /Chrom(e|ium)\//.test(ua) ? 'chromium' : 'webkit';

/**
 * `describe` in the named engines, `describe.skip` elsewhere, with the reason in the
 * title so that the skip says why: `onlyIn(['chromium'], 'reads Chromium's accessibility
 * tree')('the walkthrough', () => …)`.
 */
export function onlyIn(engines: Engine[], reason: string) {
  const runs = engines.includes(engine);
  return (title: string, body: (this: Mocha.Suite) => void) =>
    (runs ? describe : describe.skip)(runs ? title : `${title} [${engines.join('/')} only: ${reason}]`, body);
}

/** `it` in the named engines, `it.skip` elsewhere, with the reason in the title (see onlyIn). */
export function itOnlyIn(engines: Engine[], reason: string) {
  const runs = engines.includes(engine);
  return (title: string, fn: Mocha.AsyncFunc | Mocha.Func) =>
    (runs ? it : it.skip)(runs ? title : `${title} [${engines.join('/')} only: ${reason}]`, fn);
}

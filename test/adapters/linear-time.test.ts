import { expect } from '@open-wc/testing';
import { checkLinear } from '../security/linear-cases.js';
import { adapterCases } from './linear-cases.js';

// Each case times the adapters' text handling at 1 KB, 64 KB and 1 MB and fails when the
// time grows faster than the input: a ratio, never an absolute time (see
// test/security/linear-cases.ts). The old patterns were linear in Chromium only, so these
// prove most where the suite runs in Firefox.

/**
 * Largest t(1 MB)/t(64 KB): linear gives 16, quadratic 256. Generous, because the 1 MB
 * runs also pay for memory the 64 KB ones do not, on a machine shared with other work.
 */
const LIMIT = 96;

describe('the adapters read backend text in time linear in its length', () => {
  for (const c of adapterCases) {
    it(c.name, function () {
      this.timeout(60_000);
      const { times, message } = checkLinear(c);
      const ratio = times.length === 3 ? times[2] / times[1] : Infinity;
      expect(ratio, `${message}; this suite's limit is ${LIMIT}`).to.be.below(LIMIT);
    });
  }
});

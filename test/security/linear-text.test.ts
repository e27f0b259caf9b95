import { expect } from '@open-wc/testing';
import { fillWholeBody } from '../../src/comment/body.js';
import { checkLinear, fill, pureCases, type LinearCase } from './linear-cases.js';

// Each case times its function at 1 KB, 64 KB and 1 MB and fails when the time grows
// faster than the input (see linear-cases.ts). These run in every engine the suite runs
// in: the old patterns were linear in current Chromium and quadratic elsewhere.

/** A whole body written into an element outside the document (what "Show more" spreads over frames). */
const rendered = (body: string) => fillWholeBody(document.createElement('div'), body);

const domCases: LinearCase[] = [
  { name: 'fillWholeBody: a punctuation run inside a link', input: (n) => `see http://a${fill('.', n)}a`, run: rendered },
  { name: 'fillWholeBody: one link as long as the body', input: (n) => `http://${fill('a', n)}`, run: rendered },
  { name: 'fillWholeBody: https:// with no terminator', input: (n) => fill('https://', n), run: rendered },
  { name: 'fillWholeBody: many short links', input: (n) => fill('http://a.example/b). ', n), run: rendered },
  { name: 'fillWholeBody: \\n \\n \\n …', input: (n) => fill('\n \n', n), run: rendered },
  { name: 'fillWholeBody: words, as in a 1 MB comment', input: (n) => fill('word ', n), run: rendered },
  { name: 'fillWholeBody: many short lines', input: (n) => fill('ab\n', n), run: rendered },
  { name: 'fillWholeBody: CR LF line ends and lone surrogates', input: (n) => fill('ab\r\n\ud800', n), run: rendered },
];

describe('text handling takes time linear in its input', () => {
  for (const c of [...pureCases, ...domCases]) {
    it(c.name, function () {
      this.timeout(60_000);
      const result = checkLinear(c);
      expect(result.linear, result.message).to.equal(true);
    });
  }
});

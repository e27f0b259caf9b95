import { expect } from '@open-wc/testing';
import { fillBody } from '../../src/comment/body.js';
import { checkLinear, fill, pureCases, type LinearCase } from './linear-cases.js';

// Each case times its function at 1 KB, 64 KB and 1 MB and fails when the time grows
// faster than the input (see linear-cases.ts). These run in every engine the suite runs
// in: the old patterns were linear in current Chromium and quadratic elsewhere.

/** A body rendered in full ("Show more" pressed) into an element outside the document. */
const rendered = (body: string) => fillBody(document.createElement('div'), body, true, 'Show more');

const domCases: LinearCase[] = [
  { name: 'fillBody: a punctuation run inside a link', input: (n) => `see http://a${fill('.', n)}a`, run: rendered },
  { name: 'fillBody: one link as long as the body', input: (n) => `http://${fill('a', n)}`, run: rendered },
  { name: 'fillBody: https:// with no terminator', input: (n) => fill('https://', n), run: rendered },
  { name: 'fillBody: many short links', input: (n) => fill('http://a.example/b). ', n), run: rendered },
  { name: 'fillBody: \\n \\n \\n …', input: (n) => fill('\n \n', n), run: rendered },
  { name: 'fillBody: words, as in a 1 MB comment', input: (n) => fill('word ', n), run: rendered },
  { name: 'fillBody: many short lines', input: (n) => fill('ab\n', n), run: rendered },
  { name: 'fillBody: CR LF line ends and lone surrogates', input: (n) => fill('ab\r\n\ud800', n), run: rendered },
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

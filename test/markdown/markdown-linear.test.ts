import { expect } from '@open-wc/testing';
import { describeMarkdown, MAX_SOURCE } from '../../src/markdown/describe.js';
import { renderMarkdown } from '../../src/markdown/index.js';
import { checkLinear, fill, timeOf, type LinearCase } from '../security/linear-cases.js';

// The markdown path on pathological sources: runs of the characters that open and close
// inline constructs, deep nesting, and the block rules' own triggers. Without describe.ts's
// limits, `*a` repeated and `a_` repeated grew with the square of the input in marked's
// lexer, 20,000 `>` overflowed its stack, and in JavaScriptCore 64 KB of list items took 8 s.
// Markdown is read up to MAX_SOURCE (32 KB), in pieces of at most 2 KB: each case is timed
// at 2 KB (one piece) and 30 KB (fifteen), where linear time grows 15 times and quadratic
// 225 times. Past MAX_SOURCE a body is plain text: two cases time that path too, at 1 KB,
// 64 KB and 1 MB, as test/security/linear-cases.ts times the plain renderer.

const SMALL = 2_000;
const LARGE = 30_000;
/** t(30 KB) / t(2 KB) above this fails: linear gives 15, quadratic 225. */
const MAX_PIECES_RATIO = 60;

function checkPieces(c: LinearCase): { linear: boolean; message: string } {
  const small = c.input(SMALL);
  const large = c.input(LARGE);
  c.run(large); // warm up
  const times = [timeOf(c.run, small), timeOf(c.run, large)];
  const ratio = times[1] / times[0];
  return {
    linear: ratio < MAX_PIECES_RATIO,
    message: `${c.name}: 2 KB, 30 KB took ${times.map((t) => `${t.toFixed(3)} ms`).join(', ')}; ratio ${ratio.toFixed(1)} (linear 15, limit ${MAX_PIECES_RATIO})`,
  };
}

const md = (name: string, input: (n: number) => string): LinearCase => ({ name: `markdown: ${name}`, input, run: describeMarkdown });

const cases: LinearCase[] = [
  md('nested emphasis *a **a *a', (n) => fill('*a **a ', n)),
  md('*a repeated', (n) => fill('*a', n)),
  md('a long run of *', (n) => fill('*', n)),
  md('a_ repeated', (n) => fill('a_', n)),
  md('_a __a repeated', (n) => fill('_a __a ', n)),
  md('~a repeated', (n) => fill('~a', n)),
  md('a long run of [', (n) => fill('[', n)),
  md('[a]( repeated', (n) => fill('[a](', n)),
  md('![a repeated', (n) => fill('![a', n)),
  md('a long run of backticks', (n) => fill('`', n)),
  md('backtick runs of growing length', (n) => fill(Array.from({ length: 20 }, (_, i) => '`'.repeat(i + 1) + 'a').join(''), n)),
  md('a long run of >', (n) => fill('>', n)),
  md('> on every line', (n) => fill('> a\n', n)),
  md('a long run of <', (n) => fill('<', n)),
  md('<a  repeated (unclosed tags)', (n) => fill('<a ', n)),
  md('list markers nested on one line', (n) => fill('1. - ', n)),
  // Markers ended by a tab nest as deep as spaced ones (1,490 levels in 3 KB overflowed
  // the lexer's stack before the depth check counted them).
  md('- and a tab nested', (n) => fill('-\t', n)),
  md('* and a tab nested', (n) => fill('*\t', n)),
  md('+ and a tab nested', (n) => fill('+\t', n)),
  md('1. and a tab nested', (n) => fill('1.\t', n)),
  md('1) and a tab nested', (n) => fill('1)\t', n)),
  // GFM inline rules that look ahead from every position: no delimiter in sight.
  md('an e-mail local part without end', (n) => `${fill('a', n)}@b`),
  md('a+ repeated before an @', (n) => `${fill('a+', n)}@`),
  md('a long run of spaces', (n) => `a${fill(' ', n)}b`),
  md('a URL with trailing dots', (n) => `https://a.b/${fill('.', n)}`),
  md('a URL with trailing parentheses', (n) => `https://a.b/${fill(')', n)}`),
  md('list items', (n) => fill('- a\n', n)),
  md('indented list levels', (n) => fill('- a\n  - b\n    - c\n', n)),
  md('fences opening and closing', (n) => fill('```\n', n)),
  md('setext underlines', (n) => fill('a\n=\n', n)),
  md('hard breaks', (n) => fill('a  \n', n)),
  md('backslashes', (n) => fill('\\', n)),
  md('entities half written', (n) => fill('&#', n)),
  md('URLs written out', (n) => fill('http://a.b ', n)),
  md('www. without end', (n) => fill('www.a', n)),
  md('e-mail addresses half written', (n) => fill('a@b.', n)),
  md('tables', (n) => fill('a|b\n-|-\na|b\n\n', n)),
  md('a paragraph of short lines with pipes', (n) => fill('a|b\n', n)),
  md('reference links', (n) => `[a]: https://a.example\n\n${fill('[a] ', n)}`),
  md('link destinations with parentheses', (n) => `[a](${fill('(', n)}`),
  {
    name: 'markdown: drawn into an element, lists and links',
    input: (n) => fill('- *a* [b](https://b.example/) `c`\n', n),
    run: (input) => renderMarkdown(document.createElement('div'), input),
  },
];

/** Past MAX_SOURCE, through the plain-text path, up to 1 MB. */
const longCases: LinearCase[] = [
  md('past its limit: *a repeated', (n) => fill('*a', n)),
  md('past its limit: list items', (n) => fill('- a\n', n)),
];

describe('markdown takes time linear in its input', () => {
  it('reads up to 32 KB as markdown', () => {
    expect(MAX_SOURCE).to.be.greaterThan(LARGE);
  });
  // Once more when the first measurement fails: on a machine shared with other work a
  // linear case has measured above the limit, where a quadratic one is four times over.
  for (const c of cases) {
    it(c.name, function () {
      this.timeout(120_000);
      let result = checkPieces(c);
      if (!result.linear) result = checkPieces(c);
      expect(result.linear, result.message).to.equal(true);
    });
  }
  for (const c of longCases) {
    it(c.name, function () {
      this.timeout(120_000);
      let result = checkLinear(c);
      if (!result.linear) result = checkLinear(c);
      expect(result.linear, result.message).to.equal(true);
    });
  }
});

import { expect } from '@open-wc/testing';
import { describeMarkdown } from '../../src/markdown/describe.js';
import { renderMarkdown } from '../../src/markdown/index.js';
import { checkLinear, fill, type LinearCase } from '../security/linear-cases.js';

// The markdown path on pathological sources, timed at 1 KB, 64 KB and 1 MB as
// test/security/linear-cases.ts times the plain one: runs of the characters that open
// and close inline constructs, deep nesting, and the block rules' own triggers. Without
// describe.ts's limits, `*a` repeated and `a_` repeated grew with the square of the input
// in marked's lexer, and 20,000 `>` overflowed its stack.

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
  md('table rows', (n) => `a|b\n-|-\n${fill('a|b\n', n)}`),
  md('reference links', (n) => `[a]: https://a.example\n\n${fill('[a] ', n)}`),
  md('link destinations with parentheses', (n) => `[a](${fill('(', n)}`),
  {
    name: 'markdown: drawn into an element, lists and links',
    input: (n) => fill('- *a* [b](https://b.example/) `c`\n', n),
    run: (input) => renderMarkdown(document.createElement('div'), input),
  },
];

describe('markdown takes time linear in its input', () => {
  for (const c of cases) {
    it(c.name, function () {
      this.timeout(120_000);
      // Once more when the first measurement fails: on a machine shared with other work a
      // linear case has measured above the limit, where a quadratic one is four times over.
      let result = checkLinear(c);
      if (!result.linear) result = checkLinear(c);
      expect(result.linear, result.message).to.equal(true);
    });
  }
});

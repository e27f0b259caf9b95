import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { lineFeeds, paragraphs, urlSpans } from '../../src/comment/body.js';
import { displayText } from '../../src/util/text.js';

// The single-pass readers replaced regular expressions that were right but could take
// quadratic time. On short inputs those expressions are fast, so they are the reference:
// for any text, the new readers must find exactly what the old expressions found.

const OLD_URL = /\bhttps?:\/\/[^\s<>"'`]+/gi;
const OLD_TRAILING_PUNCTUATION = /[.,;:!?'")\]}>]+$/;
const OLD_UNSAFE =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** The URLs the old autolinker found in a line, with its trailing-punctuation rule. */
function oldUrlSpans(line: string): { start: number; end: number }[] {
  return [...line.matchAll(OLD_URL)].map((match) => {
    let raw = match[0];
    const tail = raw.match(OLD_TRAILING_PUNCTUATION)?.[0] ?? '';
    if (tail && !(tail === ')' && raw.includes('('))) raw = raw.slice(0, raw.length - tail.length);
    return { start: match.index!, end: match.index! + raw.length };
  });
}

/** Text made of the pieces that decide where a URL starts and ends. */
const urlish = fc
  .array(
    fc.oneof(
      fc.constantFrom(...'hHtTpPsS:/.,;!?)(]}>"\'` \u00a0\u2003\ufeffa_1x\u202e\u2066\n\t'),
      fc.constantFrom('http://', 'https://', 'HTTPS://', 'xhttp://', 'http:/', '://'),
    ),
    { maxLength: 40 },
  )
  .map((pieces) => pieces.join(''));

const text = (chars: string) => fc.array(fc.constantFrom(...chars), { maxLength: 30 }).map((a) => a.join(''));

describe('the single-pass readers find what the old expressions found', () => {
  it('urlSpans: the same URLs, ending at the same punctuation', () => {
    fc.assert(
      fc.property(urlish, (line) => {
        expect(urlSpans(line), JSON.stringify(line)).to.deep.equal(oldUrlSpans(line));
      }),
      { numRuns: 5000 },
    );
  });

  it('paragraphs: the same split at blank lines', () => {
    fc.assert(
      fc.property(text('\n \ta\r'), (s) => {
        expect(paragraphs(s), JSON.stringify(s)).to.deep.equal(s.split(/\n[ \t]*\n+/));
      }),
      { numRuns: 5000 },
    );
  });

  it('lineFeeds: the same line endings', () => {
    fc.assert(
      fc.property(text('\r\na '), (s) => {
        expect(lineFeeds(s), JSON.stringify(s)).to.equal(s.replace(/\r\n?/g, '\n'));
      }),
      { numRuns: 5000 },
    );
  });

  it('displayText: the same characters shown as U+FFFD', () => {
    fc.assert(
      fc.property(text('a\t\n\r\u0000\u0007\u001b\u007f\u0085\u009f\u00a0\ud800\udbff\udc00\udfff\ufffd'), (s) => {
        expect(displayText(s), JSON.stringify(s)).to.equal(s.replace(OLD_UNSAFE, '\ufffd'));
      }),
      { numRuns: 5000 },
    );
  });
});

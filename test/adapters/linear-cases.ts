/**
 * Pathological inputs for the adapters' text handling — backend HTML, error pages,
 * character references, names — in the form of test/security/linear-cases.ts, so the same
 * cases run in every browser and in a bare engine. Each is built from long runs of what
 * made an old pattern backtrack: `/[ \t]+\n/` on a page of 64,000 spaces took seconds in
 * SpiderMonkey, JavaScriptCore and Node 20.
 */
import { isBlankName, sentName, toAuthor } from '../../src/adapters/author.js';
import { decodeHtmlEntities, htmlToText } from '../../src/adapters/html-to-text.js';
import { pageMessage } from '../../src/adapters/html-to-text.js';
import { fill, type LinearCase } from '../security/linear-cases.js';

export const adapterCases: LinearCase[] = [
  // Backend HTML: runs of blanks, tags left open, attributes, references.
  { name: 'htmlToText: spaces, then a letter', input: (n) => `${fill(' ', n)}x`, run: htmlToText },
  { name: 'htmlToText: spaces and tabs, then a letter', input: (n) => `${fill(' \t', n)}x`, run: htmlToText },
  { name: 'htmlToText: \\n \\n \\n …', input: (n) => fill('\n \n', n), run: htmlToText },
  { name: 'htmlToText: only line breaks', input: (n) => fill('\n', n), run: htmlToText },
  { name: 'htmlToText: tags never closed', input: (n) => fill('<a ', n), run: htmlToText },
  { name: 'htmlToText: paragraphs never closed', input: (n) => fill('<p>', n), run: htmlToText },
  { name: 'htmlToText: one tag of many attributes', input: (n) => `<a ${fill('b=c ', n)}`, run: htmlToText },
  { name: 'htmlToText: quotes never closed', input: (n) => fill('<a b="', n), run: htmlToText },
  { name: 'htmlToText: comments never closed', input: (n) => fill('<!--', n), run: htmlToText },
  { name: 'htmlToText: links', input: (n) => fill('<a href="http://a.example/">x</a> ', n), run: htmlToText },
  { name: 'htmlToText: links never closed', input: (n) => fill('<a href="http://a.example/">x', n), run: htmlToText },
  { name: 'htmlToText: a < that opens no tag', input: (n) => fill('a < b ', n), run: htmlToText },
  { name: 'htmlToText: a script never closed', input: (n) => `<script>${fill('</scrip', n)}`, run: htmlToText },
  { name: 'decodeHtmlEntities: ampersands', input: (n) => fill('&', n), run: decodeHtmlEntities },
  { name: 'decodeHtmlEntities: a name never ended', input: (n) => `&${fill('a', n)}`, run: decodeHtmlEntities },
  { name: 'decodeHtmlEntities: a number never ended', input: (n) => `&#${fill('9', n)}`, run: decodeHtmlEntities },
  { name: 'decodeHtmlEntities: hex references never ended', input: (n) => fill('&#x', n), run: decodeHtmlEntities },
  { name: 'decodeHtmlEntities: references', input: (n) => fill('&amp;&#60;&#x3C;', n), run: decodeHtmlEntities },
  // Error pages: the review's 64,000 spaces, in a paragraph and in plain text.
  { name: 'pageMessage: a paragraph of spaces', input: (n) => `<html><p>${fill(' ', n)}x</p>`, run: pageMessage },
  { name: 'pageMessage: spaces, then a line break', input: (n) => `<h1>${fill(' ', n)}\n</h1>`, run: pageMessage },
  { name: 'pageMessage: plain text of spaces', input: (n) => `${fill(' ', n)}x`, run: pageMessage },
  { name: 'pageMessage: paragraphs never closed', input: (n) => `<${fill('<p ', n)}`, run: pageMessage },
  // Names, both ways.
  { name: 'isBlankName: invisible, then a letter', input: (n) => `${fill('\u200b \u3164', n)}x`, run: isBlankName },
  { name: 'toAuthor: invisible, then a letter', input: (n) => `${fill('\u2800\u202e', n)}x`, run: toAuthor },
  { name: 'sentName: spaces around a letter', input: (n) => `${fill(' ', n)}x${fill(' ', n)}`, run: sentName },
];

/**
 * Pathological inputs for every function that reads visitor or backend text, and the check
 * that its time grows linearly with the input. Pure: no DOM and no test framework, so the
 * same cases run in every browser the suite runs in and in a bare engine (JavaScriptCore's
 * `jsc`, Node) through any small runner that calls `checkLinear` on each case.
 *
 * Each input is built from long runs of the characters that made an old pattern backtrack:
 * a backtracking engine tries a run once from each of its starting points, so a quadratic
 * function takes 256× as long on 1 MB as on 64 KB, a linear one 16×.
 */
import { lineFeeds, linkText, paragraphs, urlSpans } from '../../src/comment/body.js';
import { displayName, displayText, initials, isBlank } from '../../src/util/text.js';
import { withoutTrailingSlashes } from '../../src/util/url.js';

export interface LinearCase {
  /** What is measured, on what input. */
  readonly name: string;
  /** An input of about `size` UTF-16 units. */
  readonly input: (size: number) => string;
  /** The text handling under test. */
  readonly run: (input: string) => unknown;
}

/** `text` repeated to about `size` units. */
export const fill = (text: string, size: number) => text.repeat(Math.max(1, Math.floor(size / text.length)));

/** The pure cases: everything in `src/` (but the adapters) that reads visitor or backend text. */
export const pureCases: LinearCase[] = [
  // The autolinker: a URL's run of non-space characters, then trailing punctuation.
  { name: 'urlSpans: one link as long as the input', input: (n) => `http://${fill('a', n)}`, run: urlSpans },
  { name: 'urlSpans: a punctuation run inside a link', input: (n) => `http://a${fill('.', n)}a`, run: urlSpans },
  { name: 'urlSpans: a punctuation run ending a link', input: (n) => `see http://a${fill('.', n)}`, run: urlSpans },
  { name: 'urlSpans: brackets closing a link', input: (n) => `(http://a${fill(')', n)}`, run: urlSpans },
  { name: 'urlSpans: punctuation runs between links', input: (n) => fill('http://a.,;:!?)]} ', n), run: urlSpans },
  { name: 'urlSpans: https:// with no terminator', input: (n) => fill('https://', n), run: urlSpans },
  { name: 'urlSpans: https:// each followed by a space', input: (n) => fill('https:// ', n), run: urlSpans },
  { name: 'urlSpans: schemes inside words', input: (n) => fill('xhttp://', n), run: urlSpans },
  { name: 'urlSpans: near-misses of a scheme', input: (n) => fill('http:/ https:x hTTp', n), run: urlSpans },
  { name: 'urlSpans: direction controls in a link', input: (n) => fill('http://a\u202e', n), run: urlSpans },
  { name: 'urlSpans: 64,000 spaces and more', input: (n) => `http://a${fill(' ', n)}`, run: urlSpans },
  { name: 'linkText: direction controls', input: (n) => fill('a\u202e', n), run: linkText },
  // Paragraphs: a line break, spaces or tabs, then line breaks.
  { name: 'paragraphs: a line break, then only spaces', input: (n) => `\n${fill(' ', n)}x`, run: paragraphs },
  { name: 'paragraphs: \\n \\n \\n …', input: (n) => fill('\n \n', n), run: paragraphs },
  { name: 'paragraphs: line breaks each after spaces and tabs', input: (n) => fill('\n \t \t', n), run: paragraphs },
  { name: 'paragraphs: only line breaks', input: (n) => fill('\n', n), run: paragraphs },
  { name: 'lineFeeds: CR LF pairs', input: (n) => fill('\r\n', n), run: lineFeeds },
  { name: 'lineFeeds: lone CRs', input: (n) => fill('a\r', n), run: lineFeeds },
  // What every body and name goes through.
  { name: 'displayText: lone high surrogates', input: (n) => fill('\ud800', n), run: displayText },
  { name: 'displayText: lone low surrogates', input: (n) => fill('\udc00', n), run: displayText },
  { name: 'displayText: control characters', input: (n) => fill('\u0001a', n), run: displayText },
  { name: 'displayName: direction controls', input: (n) => fill('a\u202e\u200f', n), run: displayName },
  { name: 'displayName: blank but for its end', input: (n) => `${fill('\u200b \u3164', n)}x`, run: displayName },
  { name: 'isBlank: invisible characters', input: (n) => fill('\u200b\u2066\u00ad', n), run: isBlank },
  { name: 'initials: spaces, then a word', input: (n) => `${fill(' ', n)}a`, run: initials },
  { name: 'initials: one-letter words', input: (n) => fill('a ', n), run: initials },
  // A server address (the page's, not a visitor's; still no input may be quadratic).
  { name: 'withoutTrailingSlashes: slashes, then a letter', input: (n) => `${fill('/', n)}a`, run: withoutTrailingSlashes },
  { name: 'withoutTrailingSlashes: only slashes', input: (n) => fill('/', n), run: withoutTrailingSlashes },
];

/** 1 KB, 64 KB and 1 MB. */
export const SIZES = [1 << 10, 1 << 16, 1 << 20] as const;

/**
 * t(1 MB) / t(64 KB) above this fails: linear gives 16, quadratic 256. Not 16 itself: a
 * megabyte outgrows the caches and the young generation that 64 KB fits in, and linear
 * code measured up to 44 on a loaded machine; quadratic code stays four times above this.
 */
export const MAX_RATIO = 64;

/** t(64 KB) / t(1 KB) above this stops before the 1 MB run: linear gives at most 64, quadratic 4,096. */
const MAX_SMALL_RATIO = 400;

/**
 * Timed batches per size. Three are enough: the fastest of them is the measurement, and
 * linear and quadratic growth differ sixteenfold at 1 MB, far beyond what noise adds. (Five
 * batches of 20 ms made these tests a third of the browser suite's time in three engines.)
 */
const RUNS = 3;

/** A run shorter than this is repeated, so that the clock's resolution does not matter. */
const MIN_MS = 10;

declare const preciseTime: (() => number) | undefined;
const clock: () => number =
  typeof performance !== 'undefined'
    ? () => performance.now()
    : typeof preciseTime === 'function'
      ? () => preciseTime!() * 1000
      : () => Date.now();

/**
 * The time of one call of `run` on `input`, in ms: the fastest of several timed batches.
 * The fastest, not the median: on a machine shared with other work, noise only ever adds
 * time, and a batch that ran undisturbed is the measurement.
 */
export function timeOf(run: (input: string) => unknown, input: string): number {
  let reps = 1;
  const times: number[] = [];
  while (times.length < RUNS) {
    const start = clock();
    for (let i = 0; i < reps; i++) run(input);
    const elapsed = clock() - start;
    if (elapsed < MIN_MS && reps < 1 << 20) {
      reps *= Math.min(64, Math.ceil((2 * MIN_MS) / Math.max(elapsed, 0.05)));
      continue;
    }
    times.push(elapsed / reps);
  }
  return Math.min(...times);
}

export interface LinearResult {
  readonly linear: boolean;
  /** ms per call at each size measured. */
  readonly times: number[];
  readonly message: string;
}

/** Measures a case at 1 KB, 64 KB and 1 MB and says whether its time grew linearly. */
export function checkLinear(c: LinearCase): LinearResult {
  const inputs = SIZES.map((size) => c.input(size));
  // Warm up: let the engine compile the code at the middle size before any timing.
  c.run(inputs[1]);
  const times = [timeOf(c.run, inputs[0]), timeOf(c.run, inputs[1])];
  const shown = () => times.map((t) => `${t.toFixed(3)} ms`).join(', ');
  if (times[1] / times[0] > MAX_SMALL_RATIO) {
    // Already quadratic: the 1 MB run would take minutes.
    return { linear: false, times, message: `${c.name}: 1 KB → 64 KB took ${shown()}, not linear` };
  }
  times.push(timeOf(c.run, inputs[2]));
  const ratio = times[2] / times[1];
  return {
    linear: ratio < MAX_RATIO,
    times,
    message: `${c.name}: 1 KB, 64 KB, 1 MB took ${shown()}; t(1 MB)/t(64 KB) = ${ratio.toFixed(1)} (linear 16, limit ${MAX_RATIO})`,
  };
}

// The reference server reads whatever a client sends: its validation takes time linear in
// the input (Node 20's regular expressions backtrack), and a name that shows nothing is
// stored as no name.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { createApi } from '../http-api.mjs';
import { ANONYMOUS_NAME, validateNewComment, validateThreadKey } from '../validate.mjs';
import { startApi } from './helpers.mjs';

/** Time of one call, in ms: the fastest of five batches of at least 20 ms (noise only adds time). */
function timeOf(run, input) {
  let reps = 1;
  const times = [];
  while (times.length < 5) {
    const start = performance.now();
    for (let i = 0; i < reps; i++) run(input);
    const elapsed = performance.now() - start;
    if (elapsed < 20 && reps < 1 << 20) {
      reps *= Math.min(64, Math.ceil(40 / Math.max(elapsed, 0.05)));
      continue;
    }
    times.push(elapsed / reps);
  }
  return Math.min(...times);
}

const fill = (text, size) => text.repeat(Math.max(1, Math.floor(size / text.length)));
const post = (fields) => ({ parentId: null, body: 'Hello', ...fields, author: { name: 'Ada', ...fields.author } });

/** Each case runs at 1 KB, 64 KB and 1 MB: linear time grows 16× from the second to the third, quadratic 256×. */
const cases = [
  ['a blank name but for its last character', (n) => post({ author: { name: `${fill('\u200b \u3164', n)}x` } })],
  ['a name of direction controls', (n) => post({ author: { name: fill('\u202e\u2066', n) } })],
  ['a name of control characters after spaces', (n) => post({ author: { name: `${fill(' ', n)}\u0001` } })],
  ['a body of spaces around a word', (n) => post({ body: `${fill(' ', n)}x${fill(' ', n)}` })],
  ['an e-mail address of @ signs', (n) => post({ author: { name: 'Ada', email: fill('@', n) } })],
  ['a website of slashes', (n) => post({ author: { name: 'Ada', url: `http://${fill('/', n)}` } })],
];

describe('validation takes time linear in its input', () => {
  for (const [label, make] of cases) {
    it(label, () => {
      const inputs = [1 << 10, 1 << 16, 1 << 20].map(make);
      validateNewComment(inputs[1]);
      const times = inputs.map((input) => timeOf(validateNewComment, input));
      const ratio = times[2] / times[1];
      assert.ok(ratio < 64, `${label}: ${times.map((t) => t.toFixed(3)).join(', ')} ms; t(1 MB)/t(64 KB) = ${ratio.toFixed(1)}`);
    });
  }

  it('a base path of slashes (an option, but no input may be quadratic)', () => {
    const make = (n) => `/${fill('/', n)}api`;
    const run = (basePath) => createApi({ store: {}, basePath, onError: () => {} });
    const small = timeOf(run, make(1 << 10));
    const middle = timeOf(run, make(1 << 16));
    // `/\/+$/` took 8 s at 64 KB in Node 20: stop there rather than wait for 1 MB.
    assert.ok(middle / small < 400, `${small.toFixed(3)} ms at 1 KB, ${middle.toFixed(3)} ms at 64 KB`);
    const large = timeOf(run, make(1 << 20));
    assert.ok(large / middle < 64, `${middle.toFixed(3)} ms at 64 KB, ${large.toFixed(3)} ms at 1 MB`);
  });

  it('a thread key of slashes and percent signs', () => {
    const inputs = [1 << 10, 1 << 16, 1 << 20].map((n) => fill('/%', n));
    const times = inputs.map((input) => timeOf(validateThreadKey, input));
    assert.ok(times[2] / times[1] < 64, `${times.map((t) => t.toFixed(3)).join(', ')} ms`);
  });
});

describe('a name that shows nothing is stored as no name', () => {
  for (const [label, name] of [
    ['zero-width spaces', '\u200b\u200c\u200d'],
    ['a word joiner and byte order marks', '\u2060\ufeff\ufeff'],
    ['Hangul fillers', '\u3164\u115f\u1160\uffa0'],
    ['a blank Braille pattern', '\u2800'],
    ['direction controls', '\u202e\u2066\u200f'],
    ['a soft hyphen and a combining grapheme joiner', '\u00ad\u034f'],
    ['ideographic and no-break spaces', '\u3000\u00a0'],
  ]) {
    it(label, () => {
      const result = validateNewComment(post({ author: { name } }));
      assert.equal(result.ok, true);
      assert.equal(result.value.author.name, ANONYMOUS_NAME);
    });
  }

  it('keeps a name that shows something, direction controls and all (the widget marks those)', () => {
    for (const name of ['A', '李', 'مريم', '🙂', 'a\u200b', '\u202eevil']) {
      const result = validateNewComment(post({ author: { name } }));
      assert.equal(result.ok && result.value.author.name, name);
    }
  });
});

/** The time of one request for `path`, in ms: the fastest of several. */
async function requestTime(base, path) {
  let best = Infinity;
  for (let i = 0; i < 7; i++) {
    const start = performance.now();
    await new Promise((resolve, reject) => {
      const req = request(`${base}${path}`, { method: 'POST' }, (res) => {
        res.resume();
        res.on('end', resolve);
      });
      req.on('error', reject);
      req.end();
    });
    best = Math.min(best, performance.now() - start);
  }
  return best;
}

describe('routes take time linear in the request', () => {
  let api;
  let base;
  before(async () => {
    api = await startApi();
    base = new URL(api.url).origin;
  });
  after(() => api.close());

  // Node refuses request heads over 16 KB, so the longest path tried is 14 KB: a pattern
  // that backtracked over it would take a second, where a linear one stays at the cost of
  // the request itself.
  for (const [label, make] of [
    ['a path of near-misses of /comments', (n) => `/api/threads/${fill('/comment', n)}`],
    ['a path of near-misses of /approve', (n) => `/api/admin/comments/${fill('x', n)}/approv`],
  ]) {
    it(label, async () => {
      const small = await requestTime(base, make(1024));
      const large = await requestTime(base, make(14 * 1024));
      assert.ok(large / small < 64, `${label}: ${small.toFixed(2)} ms at 1 KB, ${large.toFixed(2)} ms at 14 KB`);
    });
  }
});

/**
 * The benchmark's thread: the same comments for every implementation and every run.
 *
 * A fixed seed drives a small PRNG, so thread `n` is byte-for-byte the same in node and
 * in the page. 30% of the comments are top-level; the rest answer an earlier comment at a
 * random depth from 2 to 5 (falling back to a shallower parent while that depth has none
 * yet). Bodies are 20–80 words. Records come in creation order, parents before replies.
 */

const WORDS = (
  'leadership team trust people listen decide vision culture honest work change build ' +
  'respect growth learn mistake credit blame meeting feedback goal clear simple hard ' +
  'because always never often maybe really think know show take give help lead follow ' +
  'example story year manager engineer project customer problem answer question better'
).split(' ');
const NAMES = ['Ada', 'Grace', 'Linus', 'Margaret', 'Ken', 'Barbara', 'Dennis', 'Frances', 'Alan', 'Radia',
  'Edsger', 'Hedy', 'Tim', 'Katherine', 'Niklaus', 'Sophie', 'Guido', 'Annie', 'Bjarne', 'Jean'];

/** Mulberry32: tiny, fast, and the same everywhere. */
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const SEED = 20240605;
export const MAX_DEPTH = 5;
const START = Date.UTC(2024, 0, 1);

/**
 * `n` comments as Parley `CommentRecord`s, each with a `depth` (1 = top-level) that the
 * other implementations use to shape their own API answers.
 * @param {number} n
 * @returns {{ id: string, parentId: string | null, depth: number, author: { name: string },
 *   body: string, createdAt: string }[]}
 */
export function generateThread(n, seed = SEED) {
  const rand = prng(seed);
  const pick = (list) => list[Math.floor(rand() * list.length)];
  const byDepth = Array.from({ length: MAX_DEPTH + 1 }, () => []);
  const records = [];
  for (let i = 0; i < n; i++) {
    let parent = null;
    if (i > 0 && rand() >= 0.3) {
      let depth = 2 + Math.floor(rand() * (MAX_DEPTH - 1));
      while (depth > 2 && byDepth[depth - 1].length === 0) depth--;
      parent = pick(byDepth[depth - 1]);
    }
    const words = 20 + Math.floor(rand() * 61);
    const body = [];
    for (let w = 0; w < words; w++) body.push(pick(WORDS));
    body[0] = body[0][0].toUpperCase() + body[0].slice(1);
    const record = {
      id: `c${i}`,
      parentId: parent ? parent.id : null,
      depth: parent ? parent.depth + 1 : 1,
      author: { name: `${pick(NAMES)} ${String.fromCharCode(65 + Math.floor(rand() * 26))}.` },
      body: body.join(' ') + '.',
      createdAt: new Date(START + i * 60_000).toISOString(),
    };
    records.push(record);
    byDepth[record.depth].push(record);
  }
  return records;
}

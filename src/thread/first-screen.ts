import type { CommentNode } from './tree.js';

/**
 * A page with more comments than this is shown in two steps: a first screenful, painted
 * at once, then the rest. Measured (bench/README.md): below it the whole page is in the
 * DOM within about 100 ms and one step is quicker; above it, laying out the whole thread
 * before the first paint kept the visitor looking at an empty widget for over a second.
 */
export const TWO_STEPS_FROM = 2000;

/** Comments in the first step: more than the tallest screen shows, fewer than a frame's work. */
export const FIRST_SCREEN_COMMENTS = 60;

/**
 * How many top-level threads, from `start` on, make a first screenful: whole threads
 * (a thread is never cut) until at least `comments` comments are shown.
 */
export function firstScreenRoots(roots: readonly CommentNode[], start: number, comments = FIRST_SCREEN_COMMENTS): number {
  let shown = 0;
  for (let i = start; i < roots.length; i++) {
    const stack = [roots[i]];
    while (stack.length) {
      const node = stack.pop()!;
      if (++shown >= comments) return i + 1 - start;
      stack.push(...node.children);
    }
  }
  return roots.length - start;
}

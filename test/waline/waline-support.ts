// Helpers shared by the Waline integration tests.
import { expect } from '@open-wc/testing';
import type { NewComment } from '../../src/adapters/types.js';

// Waline refuses a text its author already posted on the same page, and its timestamps
// have one-second resolution: every run gets its own threads and every comment its own text.
const run = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
let counter = 0;

/** A thread key no earlier run has used. */
export function uniqueThread(name: string): string {
  return `/parley-test/${run}/${name}`;
}

/** A new comment whose text is unique to this run. */
export function comment(parentId: string | null, text: string, author: NewComment['author'] = { name: 'Tester' }): NewComment {
  counter += 1;
  return { parentId, body: `${text} [${run}#${counter}]`, author };
}

/** What Waline itself answers for a thread, bypassing the adapter. */
export interface RawWalineComment {
  objectId: number | string;
  pid?: number | string | null;
  rid?: number | string | null;
  comment: string;
  orig?: string;
  children: RawWalineComment[];
}

export async function rawThread(prefix: string, thread: string): Promise<RawWalineComment[]> {
  const response = await fetch(`${prefix}/api/comment?path=${encodeURIComponent(thread)}&page=1&pageSize=100`);
  const envelope = (await response.json()) as { errno: number; data: { data: RawWalineComment[] } };
  expect(envelope.errno).to.equal(0);
  return envelope.data.data;
}

/** Fails unless neither Waline server nor the browser tried to reach past 127.0.0.1. */
export async function assertNothingLeftLoopback(): Promise<void> {
  const report = (await (await fetch('/waline-test/offsite')).json()) as { server: Record<string, string>; browser: string[] };
  expect(Object.keys(report.server)).to.have.length(2);
  for (const [prefix, refusals] of Object.entries(report.server)) {
    expect(refusals, `Waline at ${prefix} tried to leave 127.0.0.1`).to.equal('');
  }
  expect(report.browser, 'the browser tried to leave 127.0.0.1').to.deep.equal([]);
}

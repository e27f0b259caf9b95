/**
 * The kill test, for any store: POST concurrently, SIGKILL the server mid-load, restart
 * it on the same database, and find every comment that got a 201.
 */
import assert from 'node:assert/strict';
import { startServer } from './server-process.mjs';

const WORKERS = 8;
const KILL_AFTER_ACKS = 150;

/**
 * @param {string[]} args Server arguments naming the database (`--db …` or
 *   `--database-url …`); both runs use them.
 * @param {string} thread A thread key no one else writes to.
 */
export async function checkNoAcknowledgedCommentLost(args, thread) {
  const threadUrl = (server) => `${server.url}/threads/${encodeURIComponent(thread)}/comments`;
  const server = await startServer(args);
  const url = threadUrl(server);
  /** @type {Map<string, string | null>} id → parentId of every 201 */
  const acknowledged = new Map();
  let failures = 0;
  let killing = null;

  async function worker(n) {
    let parentId = null;
    // Keep posting through the kill, so requests are in flight when the process dies.
    for (let i = 0; ; i += 1) {
      try {
        const response = await fetch(url, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          // Every third post replies to the worker's latest acknowledged comment.
          body: JSON.stringify({ parentId: i % 3 === 2 ? parentId : null, body: `w${n} #${i}`, author: { name: `w${n}` } }),
        });
        const record = await response.json();
        if (response.status !== 201) throw new Error(`status ${response.status}`);
        acknowledged.set(record.id, record.parentId);
        parentId = record.id;
        if (acknowledged.size >= KILL_AFTER_ACKS) killing ??= server.kill();
      } catch (error) {
        // Requests in flight when the process dies fail: they were never acknowledged.
        if (!killing) throw error;
        failures += 1;
        return;
      }
    }
  }
  await Promise.all(Array.from({ length: WORKERS }, (_, n) => worker(n)));
  await killing;
  assert.ok(acknowledged.size >= KILL_AFTER_ACKS);
  assert.equal(failures, WORKERS, 'every worker was cut off by the kill');

  const restarted = await startServer(args);
  try {
    const listed = new Map();
    let cursor = null;
    let total;
    do {
      const query = cursor ? `?cursor=${encodeURIComponent(cursor)}` : '';
      const page = await (await fetch(threadUrl(restarted) + query)).json();
      for (const c of page.comments) listed.set(c.id, c.parentId);
      total = page.total;
      cursor = page.next;
    } while (cursor);

    const missing = [...acknowledged.keys()].filter((id) => !listed.has(id));
    assert.deepEqual(missing, [], `${missing.length} acknowledged comments lost`);
    for (const [id, parentId] of acknowledged) assert.equal(listed.get(id), parentId);
    // Posts in flight at the kill may or may not have been committed, nothing else.
    assert.ok(listed.size <= acknowledged.size + WORKERS);
    assert.equal(total, listed.size);
  } finally {
    await restarted.stop();
  }
}

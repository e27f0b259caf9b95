import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { comment, postJson, startApi } from './helpers.mjs';

const MAIN = fileURLToPath(new URL('../main.mjs', import.meta.url));
const run = promisify(execFile);

/** Runs the CLI; resolves with stdout/stderr/code whatever the exit status. */
async function cli(...args) {
  try {
    const { stdout, stderr } = await run(process.execPath, [MAIN, ...args]);
    return { code: 0, stdout, stderr };
  } catch (error) {
    return { code: error.code, stdout: error.stdout, stderr: error.stderr };
  }
}

describe('CLI', () => {
  let dir;
  let dbPath;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'parley-cli-'));
    dbPath = join(dir, 'parley.db');
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('lists pending comments and approves one while the server runs', async () => {
    const api = await startApi({ dbPath, moderation: true });
    try {
      const url = `${api.url}/threads/${encodeURIComponent('cli thread')}/comments`;
      const created = await postJson(url, comment('needs a moderator', null, 'Quinn'));
      assert.equal(created.body.status, 'pending');

      const pending = await cli('pending', '--db', dbPath);
      assert.equal(pending.code, 0, pending.stderr);
      assert.match(pending.stdout, new RegExp(`${created.body.id}\\s+\\[cli thread\\]\\s+Quinn: needs a moderator`));

      const approved = await cli('approve', created.body.id, '--db', dbPath);
      assert.equal(approved.code, 0, approved.stderr);
      assert.match(approved.stdout, /Approved .+ in thread "cli thread"/);

      const page = await (await fetch(url)).json();
      assert.deepEqual(page.comments.map((c) => [c.id, c.status]), [[created.body.id, 'published']]);
      assert.match((await cli('pending', '--db', dbPath)).stdout, /No comments await approval/);
    } finally {
      await api.close();
    }
  });

  it('fails with a message for an unknown id, command or flag', async () => {
    const unknownId = await cli('approve', 'nope', '--db', dbPath);
    assert.equal(unknownId.code, 1);
    assert.match(unknownId.stderr, /No comment with id "nope"/);
    const unknownCommand = await cli('frobnicate', '--db', dbPath);
    assert.equal(unknownCommand.code, 1);
    assert.match(unknownCommand.stderr, /Unknown command "frobnicate"/);
    const badFlag = await cli('--port', 'eighty');
    assert.equal(badFlag.code, 1);
    assert.match(badFlag.stderr, /--port must be an integer/);
  });

  it('imports a seed file at start, once', async () => {
    const seedPath = join(dir, 'seed.json');
    writeFileSync(seedPath, JSON.stringify({
      thread: 'seeded',
      comments: [{ id: 'seed-1', parentId: null, author: { name: 'S' }, body: 'from the seed' }],
    }));
    const seedDb = join(dir, 'seed.db');
    const { startServer } = await import('./server-process.mjs');
    for (const expected of [/Imported 1 seed comments/, /^(?![\s\S]*Imported)/]) {
      const server = await startServer(['--db', seedDb, '--seed', seedPath]);
      try {
        assert.match(server.banner, expected);
        const page = await (await fetch(`${server.url}/threads/seeded/comments`)).json();
        assert.deepEqual(page.comments.map((c) => c.id), ['seed-1']);
      } finally {
        await server.stop();
      }
    }
  });
});

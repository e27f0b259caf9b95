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

  it('backs up a running server, and a restore after a wipe brings the thread back', async () => {
    const liveDb = join(dir, 'live.db');
    const backupPath = join(dir, 'live-backup.db');
    const api = await startApi({ dbPath: liveDb });
    let ids;
    try {
      const url = `${api.url}/threads/restored/comments`;
      const root = await postJson(url, comment('before the backup'));
      const reply = await postJson(url, comment('a reply', root.body.id));
      ids = [root.body.id, reply.body.id];
      const backup = await cli('backup', backupPath, '--db', liveDb);
      assert.equal(backup.code, 0, backup.stderr);
      assert.match(backup.stdout, /Backed up 2 comments/);
      assert.equal((await cli('backup', backupPath, '--db', liveDb)).code, 1, 'an existing backup is not overwritten');
      await postJson(url, comment('after the backup'));
    } finally {
      await api.close();
    }
    for (const suffix of ['', '-wal', '-shm']) rmSync(liveDb + suffix, { force: true });

    const notABackup = join(dir, 'not-a-db');
    writeFileSync(notABackup, 'plain text, long enough to be read as a header '.repeat(4));
    const refused = await cli('restore', notABackup, '--db', liveDb);
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /not an SQLite database|not a Parley database|damaged/);

    const restored = await cli('restore', backupPath, '--db', liveDb);
    assert.equal(restored.code, 0, restored.stderr);
    assert.match(restored.stdout, /Restored 2 comments/);
    const again = await startApi({ dbPath: liveDb });
    try {
      const page = await (await fetch(`${again.url}/threads/restored/comments`)).json();
      assert.deepEqual(page.comments.map((c) => c.id), ids);
    } finally {
      await again.close();
    }
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

  it('runs the spam defence by default, with a blocklist file, and lists caught comments as [spam]', async () => {
    const blocklistPath = join(dir, 'blocklist.json');
    writeFileSync(blocklistPath, JSON.stringify({ words: ['casino'] }));
    const spamDb = join(dir, 'spam.db');
    const { startServer } = await import('./server-process.mjs');
    const server = await startServer(['--db', spamDb, '--blocklist', blocklistPath]);
    let held;
    try {
      const url = `${server.url}/threads/spammed/comments`;
      held = await postJson(url, { ...comment('Win at the CASINO', null, 'Bot'), trap: '', elapsedMs: 9000 });
      assert.equal(held.status, 201);
      assert.equal(held.body.status, 'pending');
      const trapped = await postJson(url, { ...comment('hello', null, 'Bot'), trap: 'x' });
      assert.equal(trapped.body.status, 'pending');
      const person = await postJson(url, { ...comment('A kind word', null, 'Ann'), trap: '', elapsedMs: 9000 });
      assert.equal(person.body.status, 'published');
      const twice = await postJson(url, { ...comment('A kind word', null, 'Ann'), trap: '', elapsedMs: 9000 });
      assert.equal(twice.status, 409);
      assert.equal(twice.body.error.code, 'duplicate');
    } finally {
      await server.stop();
    }
    const pending = await cli('pending', '--db', spamDb);
    assert.match(pending.stdout, new RegExp(`${held.body.id}\\s+\\[spammed\\]\\s+\\[spam\\]\\s+Bot: Win at the CASINO`));
    assert.equal(pending.stdout.match(/\[spam\]/g).length, 2);

    writeFileSync(blocklistPath, '{"words": [""]}');
    const bad = await cli('--db', spamDb, '--blocklist', blocklistPath);
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /--blocklist: .*non-empty strings/);
    // The database's blocklist, as the moderation page will edit it.
    const blocked = await cli('block', '--email', '@Bad.Example', '--db', spamDb);
    assert.equal(blocked.code, 0, blocked.stderr);
    assert.match(blocked.stdout, /Blocked email "@Bad.Example"/);
    assert.equal((await cli('block', '--db', spamDb)).code, 1);
    const again = await startServer(['--db', spamDb]);
    try {
      const caught = await postJson(`${again.url}/threads/spammed/comments`, { ...comment('Hi', null, 'Eve'), author: { name: 'Eve', email: 'eve@bad.example' } });
      assert.equal(caught.body.status, 'pending');
    } finally {
      await again.stop();
    }
    assert.equal((await cli('pending', '--db', spamDb)).stdout.match(/\[spam\]/g).length, 3);

    const keyless = await cli('--db', spamDb, '--akismet-url', 'http://127.0.0.1:9/check');
    assert.equal(keyless.code, 1);
    assert.match(keyless.stderr, /needs a key/);
  });
});

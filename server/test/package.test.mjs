// What a blog owner receives: the packed parley-server, installed with production
// dependencies only into an empty folder, run as `npx parley-server`, backed up, wiped
// and restored. Needs the npm registry; better-sqlite3 is compiled, hence the long bound.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { chmodSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { comment, postJson } from './helpers.mjs';
import { startServer } from './server-process.mjs';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const run = promisify(execFile);
const INSTALL_BOUND_MS = 8 * 60_000;
const NPX = ['npx', 'parley-server'];

describe('the packed parley-server', { timeout: INSTALL_BOUND_MS + 60_000 }, () => {
  let dir;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'parley-package-'));
    chmodSync(dir, 0o755);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('installs with --omit=dev and serves, backs up and restores a thread', async () => {
    await run('npm', ['pack', '-w', 'server', '--pack-destination', dir, '--silent'], { cwd: REPO });
    const tarball = readdirSync(dir).find((name) => /^parley-server-.*\.tgz$/.test(name));
    assert.ok(tarball, 'npm pack wrote a tarball');

    const site = join(dir, 'site');
    // The site's own package.json, as the README says to write it: npm 11 builds a
    // dependency's native part only where the project allows it.
    await run('mkdir', [site]);
    writeFileSync(join(site, 'package.json'), JSON.stringify({
      private: true,
      allowScripts: { 'better-sqlite3': true },
    }));
    await run('npm', ['install', '--omit=dev', '--no-audit', '--no-fund', join(dir, tarball)], {
      cwd: site,
      timeout: INSTALL_BOUND_MS,
    });

    const db = join(site, 'comments.db');
    const args = ['--db', './comments.db', '--cors-origin', 'https://blog.example'];
    const server = await startServer(args, { command: NPX, cwd: site });
    let created;
    try {
      const url = `${server.url}/threads/${encodeURIComponent('/posts/hello')}/comments`;
      created = await postJson(url, comment('kept through a restore'), { Origin: 'https://blog.example' });
      assert.equal(created.status, 201);
      assert.equal(created.headers.get('access-control-allow-origin'), 'https://blog.example');
      // The moderation page's script was built by the server's prepack and is in the tarball.
      const origin = new URL(server.url).origin;
      const page = await fetch(`${origin}/admin/`);
      assert.equal(page.status, 200);
      assert.match(await page.text(), /<parley-admin>/);
      const script = await fetch(`${origin}/admin/parley-admin.js`);
      assert.equal(script.status, 200);
      assert.match(await script.text(), /customElements/);
      // Backed up while the server runs: the online backup does not need it stopped.
      const backup = await run(NPX[0], [...NPX.slice(1), 'backup', '../backup.db', '--db', db], { cwd: site });
      assert.match(backup.stdout, /Backed up 1 comments/);
    } finally {
      await server.stop();
    }

    for (const suffix of ['', '-wal', '-shm']) rmSync(db + suffix, { force: true });
    const restored = await run(NPX[0], [...NPX.slice(1), 'restore', '../backup.db', '--db', db], { cwd: site });
    assert.match(restored.stdout, /Restored 1 comments/);

    const again = await startServer(args, { command: NPX, cwd: site });
    try {
      const page = await (await fetch(`${again.url}/threads/${encodeURIComponent('/posts/hello')}/comments`)).json();
      assert.deepEqual(page.comments.map((c) => c.id), [created.body.id]);
    } finally {
      await again.stop();
    }
  });
});

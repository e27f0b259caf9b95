// The demo server behind `npm start` (scripts/serve.mjs): only the demo's files, only
// for requests addressed to this machine, and no redirect to another host.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { CONTENT_SECURITY_POLICY, createDemoServer, listenOnFreePort } from '../../scripts/serve.mjs';

/** A raw GET, so paths like '/.//demo' reach the server as written. */
function get(port, path, host = `127.0.0.1:${port}`) {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers: { Host: host } }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('demo server', () => {
  let server;
  let port;
  before(async () => {
    server = createDemoServer();
    port = await listenOnFreePort(server, 0);
  });
  after(() => server.close());

  it('serves the demo, with the strict policy and no framing', async () => {
    const page = await get(port, '/demo/');
    assert.equal(page.status, 200);
    assert.equal(page.headers['content-security-policy'], CONTENT_SECURITY_POLICY);
    assert.match(CONTENT_SECURITY_POLICY, /frame-ancestors 'none'/);
    assert.equal(page.headers['x-content-type-options'], 'nosniff');
  });

  it('serves nothing of the repository beyond the demo: no database, no sources', async () => {
    for (const path of ['/server/data/parley.db', '/server/data/parley.db-wal', '/server/comment-store.mjs',
      '/package.json', '/README.md', '//server/data/parley.db', '/demo/../server/main.mjs']) {
      const response = await get(port, path);
      assert.ok(response.status === 404 || response.status === 403, `${path}: ${response.status}`);
    }
  });

  it('answers only requests addressed to a loopback name (DNS rebinding)', async () => {
    for (const host of ['evil.example', `evil.example:${port}`, `127.0.0.1.evil.example:${port}`]) {
      assert.equal((await get(port, '/demo/', host)).status, 421, host);
    }
    for (const host of [`localhost:${port}`, `[::1]:${port}`, `127.0.0.1:${port}`]) {
      assert.equal((await get(port, '/demo/', host)).status, 200, host);
    }
  });

  it('never redirects to another host', async () => {
    for (const path of ['/.//demo', '//demo', '/./\\demo', '/%2e//demo']) {
      const response = await get(port, path);
      if (response.status !== 302) continue;
      assert.match(response.headers.location, /^\/[^/\\]/, `${path} → ${response.headers.location}`);
    }
    const response = await get(port, '/.//demo');
    assert.equal(response.status, 302);
    assert.equal(response.headers.location, '/demo/');
  });
});

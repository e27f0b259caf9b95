// The server on PostgreSQL: the store suite and the REST contract suite that SQLite
// passes, two server processes on one database, and the kill test. Starts a throwaway
// cluster on 127.0.0.1 and removes it afterwards. Without PostgreSQL installed it is
// skipped, except in CI, where .ci/run installs it and a skip would hide a failure.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { openPgStore, SCHEMA_VERSION } from '../pg-store.mjs';
import { runContractSuite } from './contract-suite.mjs';
import { checkNoAcknowledgedCommentLost } from './durability-check.mjs';
import { comment, fetchAdapter, postJson, startApi } from './helpers.mjs';
import { createDatabase, findPostgresBin, startPostgres } from './postgres-cluster.mjs';
import { startServer } from './server-process.mjs';
import { runStoreSuite } from './store-suite.mjs';

const skip = !findPostgresBin() && !process.env.CI
  ? 'PostgreSQL is not installed (apt-get install postgresql); CI installs it'
  : false;

describe('on PostgreSQL', { skip }, () => {
  let cluster;
  let url;
  before(async () => {
    cluster = await startPostgres();
    url = await createDatabase(cluster.url, 'parley_test');
  });
  after(() => cluster?.stop());

  it('migrates a new database to the current schema version, once, with instances starting together', async () => {
    const fresh = await createDatabase(cluster.url, 'parley_migrate');
    const stores = await Promise.all([openPgStore(fresh), openPgStore(fresh), openPgStore(fresh)]);
    try {
      const { rows } = await stores[0].pool.query('SELECT version FROM parley_schema');
      assert.deepEqual(rows, [{ version: SCHEMA_VERSION }]);
    } finally {
      await Promise.all(stores.map((store) => store.close()));
    }
  });

  runStoreSuite({ describe, it, open: (options) => openPgStore(url, options) });

  describe('REST contract', () => {
    const PAGE_SIZE = 3;
    let api;
    before(async () => {
      api = await startApi({ store: await openPgStore(url, { pageSize: PAGE_SIZE }), pageSize: PAGE_SIZE });
    });
    after(() => api.close());
    runContractSuite({
      describe,
      it,
      assert,
      makeAdapter: () => fetchAdapter(api.url),
      pageSize: PAGE_SIZE,
      threadPrefix: 'pg-contract',
    });
  });

  it('serves one thread consistently from two server processes, written and read concurrently', async () => {
    const args = ['--database-url', url, '--page-size', '1000'];
    const [a, b] = await Promise.all([startServer(args), startServer(args)]);
    try {
      const thread = `two-instances-${Date.now()}`;
      const path = (server) => `${server.url}/threads/${encodeURIComponent(thread)}/comments`;
      const acknowledged = [];
      const sightings = [];
      // Writers alternate between the instances; readers list through the other one
      // while the writes go on.
      const writer = async (n) => {
        for (let i = 0; i < 15; i += 1) {
          const via = (n + i) % 2 ? a : b;
          const created = await postJson(path(via), comment(`w${n} #${i}`));
          assert.equal(created.status, 201);
          acknowledged.push(created.body.id);
          // Read-your-write through the other instance.
          const other = via === a ? b : a;
          const page = await (await fetch(path(other))).json();
          assert.ok(page.comments.some((c) => c.id === created.body.id), 'the other instance lists it at once');
        }
      };
      const reader = async () => {
        for (let i = 0; i < 20; i += 1) sightings.push((await (await fetch(path(i % 2 ? a : b))).json()).comments.length);
      };
      await Promise.all([writer(0), writer(1), writer(2), reader(), reader()]);
      const [fromA, fromB] = await Promise.all([a, b].map(async (s) => (await fetch(path(s))).json()));
      assert.deepEqual(fromA, fromB, 'both instances give the same page');
      assert.deepEqual(new Set(fromA.comments.map((c) => c.id)), new Set(acknowledged));
      assert.equal(fromA.total, 45);
      assert.ok(sightings.every((n) => n <= 45));
    } finally {
      await Promise.all([a.stop(), b.stop()]);
    }
  });

  it('lists and approves pending comments from the command line, DATABASE_URL in the environment', async () => {
    const main = fileURLToPath(new URL('../main.mjs', import.meta.url));
    const run = (...args) => promisify(execFile)(process.execPath, [main, ...args], { env: { ...process.env, DATABASE_URL: url }, timeout: 30_000 });
    const server = await startServer(['--moderation'], { env: { ...process.env, DATABASE_URL: url } });
    try {
      const thread = `cli-${Date.now()}`;
      const path = `${server.url}/threads/${thread}/comments`;
      const created = await postJson(path, comment('awaiting a moderator'));
      assert.equal(created.body.status, 'pending');
      assert.match((await run('pending')).stdout, new RegExp(`${created.body.id}\\s+\\[${thread}\\]`));
      assert.match((await run('approve', created.body.id)).stdout, /Approved/);
      const page = await (await fetch(path)).json();
      assert.deepEqual(page.comments.map((c) => c.id), [created.body.id]);
      await assert.rejects(run('backup', 'x.db'), /pg_dump/);
    } finally {
      await server.stop();
    }
  });

  it('keeps every acknowledged comment after a SIGKILL mid-load', async () => {
    await checkNoAcknowledgedCommentLost(['--database-url', url], `durability-${Date.now()}`);
  });
});

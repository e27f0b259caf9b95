#!/usr/bin/env node
/**
 * `npm run bench:server`: list and create throughput and latency of the reference server
 * on SQLite and on PostgreSQL, and of Waline 1.39.3, on this machine in one run, at 10
 * and 100 concurrent connections. Prints one table, with each figure's ratio to Waline's.
 *
 * Everything listens on 127.0.0.1 and Waline runs behind the loopback guard of
 * scripts/waline (launched the way its integration test launches it). Each phase is
 * bounded in time (`--duration`, default 3 s) and in requests (`--max-requests`). Rate
 * limits are off for the run: one address makes every request. Every comment a create
 * phase had acknowledged is looked for afterwards, on all three servers.
 *
 * The load comes from this process: keep-alive connections, each sending its next request
 * when the last one is answered (closed-loop), latency measured per request. Each
 * connection is a bare socket speaking just enough HTTP/1.1 (Content-Length or chunked
 * answers): node's http client costs more CPU per request than the server under test,
 * and on a shared machine every microsecond the generator spends is taken from it.
 */
import { readFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import { parseArgs } from 'node:util';
import { install as installWaline } from '../scripts/waline/install.mjs';
import { launchWaline } from '../scripts/waline/launch.mjs';
import { createDatabase, findPostgresBin, startPostgres } from '../server/test/postgres-cluster.mjs';
import { startServer } from '../server/test/server-process.mjs';

const { values } = parseArgs({
  options: {
    duration: { type: 'string', default: '3' },
    'max-requests': { type: 'string', default: '200000' },
    connections: { type: 'string', default: '10,100' },
  },
});
const DURATION_MS = Number(values.duration) * 1000;
const MAX_REQUESTS = Number(values['max-requests']);
const CONNECTIONS = values.connections.split(',').map(Number);
/** The listed thread: 50 top-level comments with one reply each, one page for both servers. */
const LIST_ROOTS = 50;

/** One request; resolves with status and body text. */
function send(agent, url, method, body) {
  return new Promise((resolve, reject) => {
    const req = http.request(url, {
      agent,
      method,
      headers: body ? { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) } : {},
    }, (res) => {
      const chunks = [];
      res.on('data', (chunk) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode, text: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

/**
 * One keep-alive connection, one request at a time.
 *
 * @param {string} origin e.g. http://127.0.0.1:8787
 */
function connection(origin) {
  const { hostname, port, host } = new URL(origin);
  let socket = null;
  let buffer = Buffer.alloc(0);
  let waiting = null;

  function fail(error) {
    socket = null;
    buffer = Buffer.alloc(0);
    const w = waiting;
    waiting = null;
    w?.reject(error);
  }

  /** Takes one whole answer off the front of the buffer, if it is all there. */
  function parse() {
    const headerEnd = buffer.indexOf('\r\n\r\n');
    if (headerEnd < 0) return null;
    const head = buffer.toString('latin1', 0, headerEnd);
    const status = Number(head.slice(9, 12));
    const start = headerEnd + 4;
    const length = /\r\ncontent-length: *(\d+)/i.exec(head);
    if (length) {
      const end = start + Number(length[1]);
      if (buffer.length < end) return null;
      const text = buffer.toString('utf8', start, end);
      buffer = buffer.subarray(end);
      return { status, text };
    }
    if (!/\r\ntransfer-encoding: *chunked/i.test(head)) throw new Error('an answer without a length');
    const parts = [];
    let at = start;
    for (;;) {
      const lineEnd = buffer.indexOf('\r\n', at);
      if (lineEnd < 0) return null;
      const size = parseInt(buffer.toString('latin1', at, lineEnd), 16);
      if (buffer.length < lineEnd + 2 + size + 2) return null;
      if (size === 0) {
        buffer = buffer.subarray(lineEnd + 4);
        return { status, text: Buffer.concat(parts).toString('utf8') };
      }
      parts.push(buffer.subarray(lineEnd + 2, lineEnd + 2 + size));
      at = lineEnd + 2 + size + 2;
    }
  }

  function open() {
    socket = net.connect(Number(port), hostname);
    socket.setNoDelay(true);
    socket.on('data', (chunk) => {
      buffer = buffer.length ? Buffer.concat([buffer, chunk]) : chunk;
      if (!waiting) return;
      let answer;
      try {
        answer = parse();
      } catch (error) {
        socket.destroy();
        return fail(error);
      }
      if (!answer) return;
      const w = waiting;
      waiting = null;
      w.resolve(answer);
    });
    socket.on('error', fail);
    socket.on('close', () => fail(new Error('connection closed')));
  }

  return {
    /** @returns {Promise<{ status: number, text: string }>} */
    send(path, method = 'GET', body) {
      if (!socket) open();
      return new Promise((resolve, reject) => {
        waiting = { resolve, reject };
        const payload = body === undefined ? '' : body;
        socket.write(
          `${method} ${path} HTTP/1.1\r\nHost: ${host}\r\n` +
            (body === undefined ? '' : `Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(payload)}\r\n`) +
            `\r\n${payload}`,
        );
      });
    },
    close() {
      socket?.destroy();
    },
  };
}

function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/**
 * Runs `connections` closed-loop clients for DURATION_MS (at most MAX_REQUESTS requests).
 *
 * @param {{ request: (worker: number, i: number) => { url: string, method?: string, body?: string },
 *           accept: (status: number, text: string) => unknown, connections: number }} phase
 *   `accept` returns something truthy (e.g. the created id) for an answer that counts.
 * @param {number} [phase.durationMs]
 */
async function load({ request, accept, connections, durationMs = DURATION_MS }) {
  const latencies = [];
  const accepted = [];
  let errors = 0;
  let issued = 0;
  const started = performance.now();
  const end = started + durationMs;
  async function worker(n) {
    let link = null;
    for (let i = 0; performance.now() < end && issued < MAX_REQUESTS; i += 1) {
      issued += 1;
      const { url, method = 'GET', body } = request(n, i);
      const { origin, pathname, search } = new URL(url);
      link ??= connection(origin);
      const t0 = performance.now();
      try {
        const { status, text } = await link.send(pathname + search, method, body);
        const result = accept(status, text);
        if (result) {
          latencies.push(performance.now() - t0);
          accepted.push(result);
        } else {
          errors += 1;
        }
      } catch {
        errors += 1;
      }
    }
    link?.close();
  }
  await Promise.all(Array.from({ length: connections }, (_, n) => worker(n)));
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    rps: latencies.length / seconds,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    errors,
    accepted,
  };
}

/**
 * CPU time a process has used, in ms (Linux's /proc; null elsewhere). On a shared
 * machine throughput and latency depend on what else runs; the server's own CPU time
 * per request does not.
 */
function cpuMs(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return null;
  }
}

/** The reference server's side of the bench. */
function parleyTarget(name, base, pid) {
  const path = (thread) => `${base}/threads/${encodeURIComponent(thread)}/comments`;
  const newComment = (body, parentId = null) => JSON.stringify({ parentId, body, author: { name: 'Bench' } });
  return {
    name,
    pid,
    async seed(thread) {
      for (let i = 0; i < LIST_ROOTS; i += 1) {
        const root = JSON.parse((await send(undefined, path(thread), 'POST', newComment(`root ${i}`))).text);
        await send(undefined, path(thread), 'POST', newComment(`reply ${i}`, root.id));
      }
      const page = JSON.parse((await send(undefined, path(thread), 'GET')).text);
      if (page.comments.length !== LIST_ROOTS * 2) throw new Error(`${name}: seeded ${page.comments.length} comments`);
    },
    list: (thread) => ({ url: path(thread) }),
    listed: (status, text) => status === 200 && text.length > 1000,
    create: (thread, n, i) => ({ url: path(thread), method: 'POST', body: newComment(`c${n}-${i}`) }),
    created: (status, text) => status === 201 && JSON.parse(text).id,
    async stored(thread) {
      const ids = new Set();
      let cursor = null;
      do {
        const page = JSON.parse((await send(undefined, path(thread) + (cursor ? `?cursor=${encodeURIComponent(cursor)}` : ''), 'GET')).text);
        for (const c of page.comments) ids.add(c.id);
        cursor = page.next;
      } while (cursor);
      return ids;
    },
  };
}

/** Waline's side: the same thread shape through its own API. */
function walineTarget(base) {
  const api = (query = '') => `${base}/api/comment?lang=en${query}`;
  const listQuery = (thread, page = 1, pageSize = LIST_ROOTS) =>
    api(`&path=${encodeURIComponent(thread)}&page=${page}&pageSize=${pageSize}&sortBy=insertedAt_asc`);
  const newComment = (thread, comment, parent = null) =>
    JSON.stringify({ comment, nick: 'Bench', mail: '', link: '', url: thread, ua: 'bench', ...(parent ? { pid: parent, rid: parent } : {}) });
  const idOf = (text) => {
    const body = JSON.parse(text);
    return body.errno === 0 && (body.data?.objectId ?? body.data?.id);
  };
  return {
    name: 'Waline 1.39.3',
    async seed(thread) {
      for (let i = 0; i < LIST_ROOTS; i += 1) {
        const root = idOf((await send(undefined, api(), 'POST', newComment(thread, `root ${i}`))).text);
        await send(undefined, api(), 'POST', newComment(thread, `reply ${i}`, root));
      }
      const page = JSON.parse((await send(undefined, listQuery(thread), 'GET')).text);
      if (page.data?.count !== LIST_ROOTS * 2) throw new Error(`Waline: seeded ${JSON.stringify(page).slice(0, 200)}`);
    },
    list: (thread) => ({ url: listQuery(thread) }),
    listed: (status, text) => status === 200 && text.length > 1000 && JSON.parse(text).errno === 0,
    create: (thread, n, i) => ({ url: api(), method: 'POST', body: newComment(thread, `c${n}-${i}`) }),
    created: (status, text) => status === 200 && idOf(text),
    async stored(thread) {
      const ids = new Set();
      for (let page = 1; ; page += 1) {
        const body = JSON.parse((await send(undefined, listQuery(thread, page, 100), 'GET')).text);
        for (const c of body.data.data) ids.add(c.objectId);
        if (page >= body.data.totalPages) break;
      }
      return ids;
    },
  };
}

/** Runs every phase against one server. */
async function measure(target) {
  const rows = [];
  /** Runs one phase and adds the server's CPU time per answered request. */
  const timed = async (phase) => {
    const before = target.pid ? cpuMs(target.pid) : null;
    const result = await load(phase);
    const after = target.pid ? cpuMs(target.pid) : null;
    const cpuPerRequest = before !== null && after !== null && result.accepted.length
      ? ((after - before) * 1000) / result.accepted.length
      : NaN;
    return { ...result, cpuPerRequest };
  };
  const listThread = `/bench/list-${Date.now()}`;
  await target.seed(listThread);
  for (const connections of CONNECTIONS) {
    // A short warm-up, so the first phase does not pay for JIT and pools.
    await load({ request: () => target.list(listThread), accept: target.listed, connections, durationMs: 500 });
    const result = await timed({ request: () => target.list(listThread), accept: target.listed, connections });
    rows.push({ server: target.name, operation: 'list', connections, ...result });
  }
  for (const connections of CONNECTIONS) {
    const thread = `/bench/create-${connections}-${Date.now()}`;
    const result = await timed({ request: (n, i) => target.create(thread, n, i), accept: target.created, connections });
    const stored = await target.stored(thread);
    const lost = result.accepted.filter((id) => !stored.has(id)).length;
    rows.push({ server: target.name, operation: 'create', connections, ...result, lost });
  }
  return rows;
}

const fmt = (n, digits = 0) => (Number.isFinite(n) ? n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits }) : '–');

async function main() {
  const rows = [];
  const cleanups = [];
  let guardLog = null;
  try {
    if (!findPostgresBin()) throw new Error('PostgreSQL is not installed (apt-get install postgresql)');
    installWaline();
    const serverArgs = ['--rate-max', '0', '--read-rate-max', '0', '--max-thread-comments', '10000000'];

    const { mkdtempSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const dir = mkdtempSync(join(tmpdir(), 'parley-bench-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));

    const sqlite = await startServer(['--db', join(dir, 'bench.db'), ...serverArgs]);
    cleanups.push(() => sqlite.stop());
    rows.push(...(await measure(parleyTarget('parley-server, SQLite', sqlite.url, sqlite.child.pid))));
    await sqlite.stop();

    // fsync on, as SQLite's synchronous=FULL: both acknowledge only what is on disk.
    const cluster = await startPostgres({ fsync: true });
    cleanups.push(() => cluster.stop());
    const url = await createDatabase(cluster.url, 'parley_bench');
    const postgres = await startServer(['--database-url', url, ...serverArgs]);
    cleanups.push(() => postgres.stop());
    rows.push(...(await measure(parleyTarget('parley-server, PostgreSQL', postgres.url, postgres.child.pid))));
    await postgres.stop();
    await cluster.stop();

    const waline = await launchWaline({ name: 'bench' });
    guardLog = waline.guardLog;
    cleanups.push(() => waline.stop());
    rows.push(...(await measure(walineTarget(waline.url))));
    await waline.stop();
  } finally {
    for (const cleanup of cleanups.reverse()) await Promise.resolve().then(cleanup).catch(() => {});
  }

  const walineOf = (row) => rows.find((r) => r.server.startsWith('Waline') && r.operation === row.operation && r.connections === row.connections);
  const lines = [
    `${DURATION_MS / 1000} s per phase, ${CONNECTIONS.join(' and ')} connections, Node ${process.version}, loopback; list = one page of ${LIST_ROOTS} comments with one reply each`,
    '',
    '| server | operation | connections | requests/s | p50 ms | p99 ms | errors | lost | requests/s vs Waline | server CPU µs/request |',
    '|---|---|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const row of rows) {
    const peer = walineOf(row);
    const ratio = peer && peer !== row ? `${fmt(row.rps / peer.rps, 1)}×` : '1×';
    lines.push(`| ${row.server} | ${row.operation} | ${row.connections} | ${fmt(row.rps)} | ${fmt(row.p50, 1)} | ${fmt(row.p99, 1)} | ${row.errors} | ${row.lost ?? '–'} | ${ratio} | ${fmt(row.cpuPerRequest)} |`);
  }
  console.log(lines.join('\n'));

  const goal = rows.find((r) => r.server.includes('SQLite') && r.operation === 'list' && r.connections === 100);
  const peer = goal && walineOf(goal);
  const lost = rows.reduce((sum, r) => sum + (r.lost ?? 0), 0);
  if (goal && peer) {
    const met = goal.rps >= 5 * peer.rps && goal.p99 <= 50;
    console.log(`\nGoal (list at 100 connections on SQLite: ≥ 5× Waline's throughput, p99 ≤ 50 ms): ${met ? 'met' : 'NOT met'} — ${fmt(goal.rps / peer.rps, 1)}×, p99 ${fmt(goal.p99, 1)} ms`);
  }
  console.log(`Acknowledged comments lost: ${lost}`);
  // As in the Waline integration test: anything that tried to leave 127.0.0.1 fails the run.
  const offsite = guardLog ? readFileSync(guardLog, 'utf8').trim() : '';
  if (offsite) {
    console.error(`Waline tried to leave 127.0.0.1:\n${offsite}`);
    process.exitCode = 1;
  }
  console.log(`Load average at the end: ${(await import('node:os')).loadavg().map((n) => n.toFixed(1)).join(', ')} on ${(await import('node:os')).availableParallelism()} cores`);
  if (lost > 0) process.exitCode = 1;
}

await main();

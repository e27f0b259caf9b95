// Imports (WordPress, Disqus), export and restore (JSON Lines), and erasing one commenter,
// on SQLite and on PostgreSQL (a throwaway cluster on 127.0.0.1, as postgres.test.mjs
// starts; skipped without PostgreSQL installed, except in CI).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { openCommentStore } from '../comment-store.mjs';
import { exportComments, restoreComments } from '../export.mjs';
import { htmlToText } from '../import/html-to-text.mjs';
import { formatReport, importExport } from '../import/index.mjs';
import { XmlError } from '../import/xml.mjs';
import { openPgStore } from '../pg-store.mjs';
import { createDatabase, findPostgresBin, startPostgres } from './postgres-cluster.mjs';

const fixture = (path) => fileURLToPath(new URL(`../../test/fixtures/${path}`, import.meta.url));
const SEED_WXR = fixture('wordpress/what-is-real-leadership.xml');
const EDGE_WXR = fixture('wordpress/edge-cases.xml');
const LAUGHS_WXR = fixture('wordpress/billion-laughs.xml');
const DISQUS = fixture('disqus/export.xml');
const DEMO_SEED = JSON.parse(readFileSync(new URL('../../demo/seed-comments.json', import.meta.url), 'utf8'));
const DEMO_THREAD = 'what-is-real-leadership';
const MAIN = fileURLToPath(new URL('../main.mjs', import.meta.url));

const wp = (n) => `wp:blog.example.com:${n}`;
const EDGE_THREAD = '/2021/04/followers-are-fine/';

async function* chunks(text) {
  yield text;
}

/** Every comment of a thread as the widget gets them (all pages). */
async function thread(store, key) {
  const comments = [];
  let cursor = null;
  do {
    const page = await store.list(key, { cursor });
    comments.push(...page.comments);
    cursor = page.next;
  } while (cursor);
  return comments;
}

/** All rows with every field, without seq (which differs between databases). */
async function allRows(store) {
  return (await store.exportRows({ afterSeq: 0, limit: 100_000 })).map(({ seq, ...row }) => row);
}

/** A thread reduced to what a reader sees: author, website, text, time, and the parent's position. */
function shape(comments) {
  const index = new Map(comments.map((c, i) => [c.id, i]));
  return comments.map((c) => ({
    name: c.author.name,
    url: c.author.url,
    body: c.body,
    createdAt: new Date(c.createdAt).toISOString(),
    parent: c.parentId === null ? null : index.get(c.parentId),
  }));
}

/**
 * @param {{ open: () => Promise<import('../store.mjs').CommentStore>, cli: () => string[] }} options
 *   `open` gives a new, empty store; `cli` the database arguments of the command line for it
 *   (the last store opened).
 */
function runImportSuite({ open, cli }) {
  const withStore = (fn) => async () => {
    const store = await open();
    try {
      await fn(store);
    } finally {
      await store.close();
    }
  };

  it('imports the seed WXR into exactly the thread the demo shows: 12 comments, Cliff under comment 2', withStore(async (store) => {
    const report = await importExport(store, { format: 'wordpress', source: SEED_WXR, threadKey: 'slug' });
    assert.equal(report.added.length, 12);
    assert.deepEqual(report.skipped, []);
    assert.deepEqual(report.threads, [DEMO_THREAD]);
    const imported = await thread(store, DEMO_THREAD);
    assert.equal(imported.length, 12);
    const jason = imported.find((c) => c.author.name === 'Jason');
    const cliff = imported.find((c) => c.author.name === 'Cliff');
    assert.equal(jason.id, wp(102));
    assert.equal(cliff.parentId, jason.id);
    assert.equal(imported.filter((c) => c.parentId !== null).length, 1);

    // What scripts/serve.mjs seeds from demo/seed-comments.json, in a store of its own.
    const demo = openCommentStore(':memory:');
    try {
      demo.importSeed(DEMO_SEED, { defaultThread: DEMO_THREAD });
      assert.deepEqual(shape(imported), shape(await thread(demo, DEMO_THREAD)));
    } finally {
      demo.close();
    }
  }));

  it('puts a post under its permalink path by default, and adds nothing to a database the demo seeded', withStore(async (store) => {
    await store.importSeed(DEMO_SEED, { defaultThread: DEMO_THREAD });
    const onSeed = await importExport(store, { format: 'wordpress', source: SEED_WXR, threadKey: 'slug' });
    assert.equal(onSeed.added.length, 0);
    assert.equal(onSeed.present.length, 12);
    assert.equal((await thread(store, DEMO_THREAD)).length, 12);

    const byPath = await importExport(store, { format: 'wordpress', source: EDGE_WXR });
    assert.deepEqual(byPath.threads, [EDGE_THREAD]);
  }));

  it('adds nothing when the same export is imported twice (WordPress and Disqus)', withStore(async (store) => {
    for (const [format, source] of [['wordpress', SEED_WXR], ['wordpress', EDGE_WXR], ['disqus', DISQUS]]) {
      const first = await importExport(store, { format, source });
      const before = await allRows(store);
      const second = await importExport(store, { format, source });
      assert.ok(first.added.length > 0);
      assert.deepEqual(second.added, [], `${format}: nothing added the second time`);
      assert.deepEqual(second.present.sort(), first.added.sort());
      assert.deepEqual(await allRows(store), before);
    }
  }));

  it('reports each skipped WordPress comment with its reason, and keeps the nesting it can', withStore(async (store) => {
    const report = await importExport(store, { format: 'wordpress', source: EDGE_WXR });
    const reasons = Object.fromEntries(report.skipped.map((s) => [s.id, s.reason]));
    assert.deepEqual(reasons, {
      [wp(204)]: 'pingback',
      [wp(205)]: 'trackback',
      [wp(207)]: 'spam',
      [wp(209)]: 'trash',
      [wp(212)]: 'empty body',
      [wp(213)]: 'invalid date "0000-00-00 00:00:00"',
      [wp(301)]: 'no thread key for its post',
    });
    const moved = Object.fromEntries(report.moved.map((s) => [s.id, s.reason]));
    assert.match(moved[wp(208)], /parent was skipped .*207 \(spam\).*made top-level/);
    assert.match(moved[wp(211)], /999 is not in the file: made top-level/);
    assert.match(moved[wp(214)], /209 \(trash\).*placed under comment 206 by Dan/);
    assert.equal(Object.keys(moved).length, 3);
    assert.deepEqual(report.statuses, { published: 7, pending: 1 });

    const rows = Object.fromEntries((await allRows(store)).map((row) => [row.id, row]));
    assert.equal(rows[wp(203)].parentId, wp(206), 'a reply before its parent in the file still nests');
    assert.equal(rows[wp(214)].parentId, wp(206));
    assert.equal(rows[wp(208)].parentId, null);
    assert.equal(rows[wp(210)].status, 'pending', 'unapproved (0) is pending');
    assert.equal(rows[wp(201)].body, 'I agree & more: this (https://example.org/read)\n\nSecond paragraph.');
    assert.equal(rows[wp(202)].body, 'Fish & chips <b> bold “quoted” a < b');
    assert.deepEqual(rows[wp(201)].author, { name: 'Ann', email: 'ann@example.com', url: 'https://ann.example.com' });
    assert.equal(rows[wp(201)].createdAt, '2021-04-01T09:00:00.000Z');
    // The pending comment is not shown; the reply under Dan is.
    const shown = await thread(store, EDGE_THREAD);
    assert.ok(!shown.some((c) => c.id === wp(210)));
    assert.equal(shown.find((c) => c.id === wp(203)).parentId, wp(206));
  }));

  it('imports a Disqus export: nesting across the file, deleted and spam posts skipped, HTML as text', withStore(async (store) => {
    const report = await importExport(store, { format: 'disqus', source: DISQUS, threadKey: 'id' });
    assert.deepEqual(Object.fromEntries(report.skipped.map((s) => [s.id, s.reason])), {
      'disqus:5004': 'deleted',
      'disqus:5006': 'spam',
      'disqus:5008': 'its thread 7999 is not in the file',
    });
    assert.deepEqual(report.moved.map((s) => s.id), ['disqus:5005']);
    // `id`: the Disqus identifier where the page had one, else the link's path.
    assert.deepEqual(report.threads.sort(), ['/2021/04/followers-are-fine/', DEMO_THREAD]);
    const shown = await thread(store, DEMO_THREAD);
    const byId = Object.fromEntries(shown.map((c) => [c.id, c]));
    assert.equal(byId['disqus:5002'].parentId, 'disqus:5001');
    assert.equal(byId['disqus:5003'].parentId, 'disqus:5002', 'a reply before its parent in the file still nests');
    assert.equal(byId['disqus:5005'].parentId, null);
    assert.equal(byId['disqus:5001'].body, 'Leadership is modelled, not taught.\n\nSecond line\nthird line & more');
    assert.equal(byId['disqus:5002'].body, 'Agreed, Mia. <script> stays text.');
    assert.equal(byId['disqus:5003'].body, 'A reply to a reply, before both in the file: see Bob Burg (https://example.org/burg).');
    assert.equal(shown.length, 4);
  }));

  it('exports every field and restores it into an emptied database, idempotently', withStore(async (store) => {
    await importExport(store, { format: 'wordpress', source: SEED_WXR, threadKey: 'slug' });
    await importExport(store, { format: 'wordpress', source: EDGE_WXR });
    await importExport(store, { format: 'disqus', source: DISQUS });
    // What only the server's own posts carry: the poster's IP, an edit's time, and a
    // deleted comment's placeholder (kept for its reply); the edit secret's hash never.
    const posted = (body, parentId = null) => store.create('posted', { parentId, author: { name: 'Ola', email: 'ola@example.com' }, body },
      { status: 'published', ip: '203.0.113.9', secretHash: 'ab'.repeat(32) });
    const edited = await posted('Typo hree');
    await store.update('posted', edited.id, 'Typo here');
    const gone = await posted('Soon deleted');
    await posted('A reply that keeps it', gone.id);
    assert.equal(await store.remove('posted', gone.id), 'placeholder');
    const before = await allRows(store);
    const byId = new Map(before.map((row) => [row.id, row]));
    assert.equal(byId.get(edited.id).ip, '203.0.113.9');
    assert.match(byId.get(edited.id).editedAt, /^\d{4}-\d\d-\d\dT/);
    assert.equal(byId.get(gone.id).deleted, true);
    let text = '';
    const count = await exportComments(store, (chunk) => {
      text += chunk;
    });
    assert.equal(count, before.length);
    const dir = mkdtempSync(join(tmpdir(), 'parley-export-'));
    try {
      const file = join(dir, 'backup.jsonl');
      writeFileSync(file, text);
      const lines = text.trim().split('\n').map((line) => JSON.parse(line));
      assert.equal(lines[0].format, 'parley-comments');
      assert.ok(lines.some((l) => l.author?.email === 'karim@example.com' && l.status === 'published'));
      assert.ok(lines.some((l) => l.status === 'pending'));
      assert.equal(text.includes('ab'.repeat(32)), false, 'no secret hash in the export');
      assert.deepEqual(Object.keys(lines.find((l) => l.id === edited.id)).sort(),
        ['author', 'body', 'createdAt', 'editedAt', 'id', 'ip', 'parentId', 'status', 'thread']);

      const empty = await open();
      try {
        const restored = await restoreComments(empty, file);
        assert.equal(restored.added, before.length);
        assert.deepEqual(await allRows(empty), before);
        const again = await restoreComments(empty, file);
        assert.equal(again.added, 0);
        assert.equal(again.present, before.length);
        assert.deepEqual(await allRows(empty), before);
      } finally {
        await empty.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }));

  it("erases one commenter's name, e-mail and website across threads, and nothing else", withStore(async (store) => {
    await importExport(store, { format: 'wordpress', source: SEED_WXR, threadKey: 'slug' });
    await importExport(store, { format: 'disqus', source: DISQUS });
    const before = await allRows(store);
    const result = await store.eraseAuthor('MIA@Example.com');
    assert.deepEqual(result, { comments: 2, threads: 2 });
    const after = await allRows(store);
    assert.equal(after.length, before.length);
    for (const [i, row] of after.entries()) {
      if (before[i].author.email === 'mia@example.com') {
        assert.deepEqual(row.author, { name: 'Anonymous' });
        assert.deepEqual({ ...row, author: null }, { ...before[i], author: null }, 'the text, time and place stay');
      } else {
        assert.deepEqual(row, before[i]);
      }
    }
    assert.ok(!JSON.stringify(after).includes('mia@example.com'));
    assert.deepEqual(await store.eraseAuthor('mia@example.com'), { comments: 0, threads: 0 });
    // Jason's website goes with him.
    await store.eraseAuthor('jason@example.com');
    const jason = (await allRows(store)).find((row) => row.id === wp(102));
    assert.deepEqual(jason.author, { name: 'Anonymous' });
  }));

  it('refuses hostile XML at once: no entity is expanded, nothing is stored', withStore(async (store) => {
    const started = performance.now();
    await assert.rejects(importExport(store, { format: 'wordpress', source: LAUGHS_WXR }), (error) => {
      assert.ok(error instanceof XmlError);
      assert.match(error.message, /DOCTYPE/);
      return true;
    });
    // An entity no DTD declares is an error too, not an expansion.
    const undeclared = readFileSync(LAUGHS_WXR, 'utf8').replace(/<!DOCTYPE[^\]]*\]>/, '');
    await assert.rejects(importExport(store, { format: 'wordpress', source: chunks(undeclared) }), XmlError);
    assert.ok(performance.now() - started < 2000, 'bounded time');
    assert.deepEqual(await allRows(store), []);
  }));

  it('reads pathological content in linear time', withStore(async (store) => {
    // Long runs of what makes backtracking patterns slow: '<' that opens no tag, '&' that
    // starts no reference, blanks before a line break, slashes in URLs.
    const n = 8000;
    const body = `${'a < b '.repeat(n)}${'&#'.repeat(n)}${' \t'.repeat(n)}\n${'&x'.repeat(n)};`;
    const wxr = readFileSync(SEED_WXR, 'utf8')
      .replace('<![CDATA[Hey Randy', `<![CDATA[${body}Hey Randy`)
      .replace('https://blog.example.com/2021/03/what-is-real-leadership/', `https://blog.example.com/${'/'.repeat(50 * n)}x`)
      .replace('<wp:base_blog_url>https://blog.example.com<', `<wp:base_blog_url>https://blog.example.com/${'/'.repeat(50 * n)}x${'/'.repeat(50 * n)}<`);
    let started = performance.now();
    const report = await importExport(store, { format: 'wordpress', source: chunks(wxr), threadKey: 'slug' });
    assert.ok(performance.now() - started < 5000, `took ${Math.round(performance.now() - started)} ms`);
    assert.equal(report.added.length, 12, JSON.stringify(report.skipped));
    const karim = (await thread(store, DEMO_THREAD)).find((c) => c.author.name === 'Karim');
    assert.ok(karim.body.startsWith('a < b a < b') && karim.body.endsWith('isn’t the best way.'));
    assert.ok(karim.body.includes(`${'&#'.repeat(n)}\n&x&x`), 'blanks before the line break dropped');

    // Bigger inputs, straight through the converter: unclosed tags, comments, scripts.
    const big = 200_000;
    for (const html of [
      '<a'.repeat(big),
      `${'<p>'.repeat(big)}${'</p>'.repeat(big)}`,
      `${'<!--'.repeat(big)}${'<script>'.repeat(big)}`,
      `${'<a href="'.repeat(big)}x`,
      `${'&#x'.repeat(big)}${'a \t\n'.repeat(big)}`,
    ]) {
      started = performance.now();
      htmlToText(html);
      assert.ok(performance.now() - started < 3000, `took ${Math.round(performance.now() - started)} ms`);
    }
  }));

  it('prints the report from the command line with control characters escaped', async () => {
    const store = await open();
    await store.close();
    const { stdout } = await promisify(execFile)(process.execPath, [MAIN, 'import', '--wordpress', EDGE_WXR, ...cli()], { timeout: 30_000 });
    assert.match(stdout, /Read 15 comments: imported 8 \(7 published, 1 pending\), already present 0, skipped 7\./);
    assert.ok(stdout.includes('comment 207 by Spam\\u202eBot \\x1b]0;owned\\x07\\x1b[2J: spam'), stdout);
    assert.ok(!/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202e]/.test(stdout), 'no raw control character');
    // The same from formatReport, for a report held in code.
    const text = formatReport({ format: 'wordpress', read: 1, added: [], present: [], statuses: { published: 0, pending: 0 }, threads: ['a\x1bb'], skipped: [{ id: 'x', label: 'by \x07', reason: 'spam\u2028' }], moved: [] });
    assert.ok(text.includes('"a\\x1bb"') && text.includes('by \\x07: spam\\u2028'));
  });

  it('imports, exports, erases and restores from the command line', async () => {
    const store = await open();
    await store.close();
    const run = (...args) => promisify(execFile)(process.execPath, [MAIN, ...args, ...cli()], { timeout: 30_000, maxBuffer: 1 << 24 });
    const imported = await run('import', '--wordpress', SEED_WXR, '--thread-key', 'slug');
    assert.match(imported.stdout, /imported 12 \(12 published, 0 pending\), already present 0, skipped 0/);
    assert.match(imported.stdout, /Threads written: "what-is-real-leadership"/);
    const again = await run('import', '--wordpress', SEED_WXR, '--thread-key', 'slug');
    assert.match(again.stdout, /imported 0 .* already present 12/);
    const exported = await run('export', '--thread', DEMO_THREAD);
    assert.equal(exported.stdout.trim().split('\n').length, 13);
    assert.match(exported.stderr, /Exported 12 comments/);
    const erased = await run('erase', '--email', 'cliff@example.com');
    assert.match(erased.stdout, /Anonymised 1 comment in 1 thread by cliff@example\.com/);
    const dir = mkdtempSync(join(tmpdir(), 'parley-export-'));
    try {
      writeFileSync(join(dir, 'backup.jsonl'), exported.stdout);
      const restored = await run('import', '--json', join(dir, 'backup.jsonl'));
      assert.match(restored.stdout, /Read 12 comments: restored 0, already present 12/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}

describe('imports on SQLite', () => {
  let dir;
  let counter = 0;
  let last;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'parley-import-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));
  runImportSuite({
    open: async () => {
      last = join(dir, `db-${++counter}.db`);
      return openCommentStore(last);
    },
    cli: () => ['--db', last],
  });
});

const skip = !findPostgresBin() && !process.env.CI
  ? 'PostgreSQL is not installed (apt-get install postgresql); CI installs it'
  : false;

describe('imports on PostgreSQL', { skip }, () => {
  let cluster;
  let counter = 0;
  let last;
  before(async () => {
    cluster = await startPostgres();
  });
  after(() => cluster?.stop());
  runImportSuite({
    open: async () => {
      last = await createDatabase(cluster.url, `parley_import_${++counter}`);
      return openPgStore(last);
    },
    cli: () => ['--database-url', last],
  });
});

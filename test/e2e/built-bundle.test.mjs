// dist/parley.min.js end to end: the browser tests run from src/, so this is what proves
// the build's own steps (template minifying, renamed private members: see
// scripts/private-names.mjs) keep behaviour. Loading, paging, a permalink, folding and
// "Show more replies", a posted reply, sorting and a draft kept over a reload, all
// through the built file. Needs `npm run build` (or PARLEY_BUNDLE=<another build's path>).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { chromiumArgs, chromiumPath } from '../support/chromium.mjs';

const dist = fileURLToPath(new URL('../../dist/', import.meta.url));

// An adapter in the page, paging by three top-level threads, in either order.
const page = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>built bundle</title></head><body>
<h1>A post</h1>
<script src="/parley.min.js"></script>
<script>
  const at = (i) => new Date(Date.UTC(2024, 0, 1 + i)).toISOString();
  const records = [
    { id: 'c0', parentId: null, author: { name: 'Ada' }, body: 'First', createdAt: at(0) },
    { id: 'r1', parentId: 'c0', author: { name: 'Bob' }, body: 'Reply one', createdAt: at(1) },
    { id: 'r2', parentId: 'c0', author: { name: 'Cy' }, body: 'Reply two', createdAt: at(2) },
    { id: 'c1', parentId: null, author: { name: 'Di' }, body: 'Second', createdAt: at(3) },
    { id: 'c2', parentId: null, author: { name: 'Ed' }, body: 'Third', createdAt: at(4) },
    { id: 'c3', parentId: null, author: { name: 'Fay' }, body: 'Fourth', createdAt: at(5) },
  ];
  window.calls = [];
  let next = 0;
  const adapter = {
    id: 'built-bundle-test',
    capabilities: { sort: ['oldest', 'newest'] },
    async list(thread, { cursor, sort } = {}) {
      window.calls.push({ cursor: cursor ?? null, sort: sort ?? null });
      const tops = records.filter((r) => !r.parentId);
      if (sort === 'newest') tops.reverse();
      const start = Number(cursor ?? 0);
      const page = tops.slice(start, start + 3);
      const comments = page.flatMap((t) => [t, ...records.filter((r) => r.parentId === t.id)]);
      return { comments, next: start + 3 < tops.length ? String(start + 3) : null, total: records.length };
    },
    async create(thread, input) {
      const record = { id: 'n' + next++, parentId: input.parentId ?? null, author: { name: input.author?.name ?? '' }, body: input.body, createdAt: new Date().toISOString() };
      records.push(record);
      return record;
    },
  };
  const el = document.createElement('parley-comments');
  el.setAttribute('thread', 'built');
  el.setAttribute('loading', 'eager');
  el.setAttribute('replies-shown', '1');
  el.adapter = adapter;
  document.body.append(el);
</script>
</body></html>`;

let server;
let browser;
let origin;

before(async () => {
  const script = await readFile(process.env.PARLEY_BUNDLE ?? `${dist}parley.min.js`);
  server = createServer((req, res) => {
    const url = new URL(req.url, 'http://x');
    if (url.pathname === '/parley.min.js') return res.writeHead(200, { 'content-type': 'text/javascript' }).end(script);
    if (url.pathname === '/') return res.writeHead(200, { 'content-type': 'text/html' }).end(page);
    res.writeHead(404).end();
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${server.address().port}`;
  browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
});

after(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
});

const ids = (tab) =>
  tab.evaluate(() => [...document.querySelector('parley-comments').shadowRoot.querySelectorAll('[data-comment-id]')].map((li) => li.dataset.commentId));
const comment = (id) => `parley-comments [data-comment-id="${id}"] > article`;

describe('the built dist/parley.min.js', () => {
  it('loads, pages, links, folds, posts, sorts and keeps a draft', async () => {
    const context = await browser.newContext();
    await context.route((url) => url.hostname !== '127.0.0.1', (route) => route.abort());
    const tab = await context.newPage();
    const errors = [];
    tab.on('pageerror', (e) => errors.push(e.message));

    // A permalink: the comment it names is highlighted, and each comment links to itself.
    await tab.goto(`${origin}/#comment-c2`);
    await tab.locator(comment('c2')).waitFor();
    assert.deepEqual(await ids(tab), ['c0', 'r1', 'c1', 'c2']);
    assert.equal(await tab.locator('parley-comments [data-comment-id="c2"]').getAttribute('class'), 'comment target');
    assert.equal(await tab.locator(`${comment('c1')} a.permalink`).getAttribute('href'), `${origin}/#comment-c1`);
    assert.equal(await tab.locator('parley-comments #heading').textContent(), '6 comments');

    // "Show 1 more reply", then hiding and showing the replies.
    await tab.locator('parley-comments [data-comment-id="c0"] > [data-action="more-replies"]').click();
    await tab.locator(comment('r2')).waitFor();
    await tab.locator(`${comment('c0')} [data-action="fold"]`).click();
    await tab.locator(comment('r1')).waitFor({ state: 'detached' });
    assert.equal(await tab.locator(`${comment('c0')} [data-action="fold"]`).getAttribute('aria-expanded'), 'false');
    await tab.locator(`${comment('c0')} [data-action="fold"]`).click();
    await tab.locator(comment('r2')).waitFor();

    // The next page.
    await tab.locator('parley-comments button.more').click();
    await tab.locator(comment('c3')).waitFor();
    assert.deepEqual(await ids(tab), ['c0', 'r1', 'r2', 'c1', 'c2', 'c3']);

    // A reply, posted, lands under its parent.
    await tab.locator(`${comment('c1')} > [part~="reply-button"]`).click();
    await tab.locator(`${comment('c1')} textarea`).fill('An answer to Di');
    await tab.locator(`${comment('c1')} [part~="submit"]`).click();
    await tab.locator('parley-comments [data-comment-id="c1"] [data-comment-id="n0"]').waitFor();
    assert.equal(await tab.locator(`${comment('n0')} [part~="body"]`).textContent(), 'An answer to Di');

    // Newest first: the adapter is asked in that order, and the list follows.
    await tab.locator('parley-comments .sort select').selectOption('newest');
    await tab.waitForFunction(() => document.querySelector('parley-comments').shadowRoot.querySelector('[data-comment-id]')?.dataset.commentId === 'c3');
    assert.deepEqual((await tab.evaluate(() => window.calls)).at(-1), { cursor: null, sort: 'newest' });

    // A draft in the top-level form survives a reload.
    const textarea = 'parley-comments > parley-reply-form textarea, parley-comments form textarea';
    await tab.locator(textarea).first().fill('Half a thought');
    await tab.waitForTimeout(800);
    await tab.reload();
    await tab.locator(comment('c0')).waitFor();
    await tab.waitForFunction(
      () => document.querySelector('parley-comments').shadowRoot.querySelector('parley-reply-form')?.shadowRoot.querySelector('textarea')?.value === 'Half a thought',
      null,
      { timeout: 5000 },
    );

    assert.deepEqual(errors, []);
    await context.close();
  });
});

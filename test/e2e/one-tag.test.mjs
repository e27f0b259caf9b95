// The one-tag embed from the real build: <script src="parley.min.js" data-…> tags, async
// and not, each put a configured widget right after themselves. Needs `npm run build`.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { chromiumArgs, chromiumPath } from '../support/chromium.mjs';

const dist = fileURLToPath(new URL('../../dist/', import.meta.url));

const comments = {
  first: [{ id: 'f1', parentId: null, author: { name: 'Ada' }, body: 'On the first post', createdAt: '2024-01-01T00:00:00Z' }],
  second: [{ id: 's1', parentId: null, author: { name: 'Bob' }, body: 'On the second post', createdAt: '2024-01-02T00:00:00Z' }],
};

const page = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>one tag</title></head><body>
<h1>A post</h1>
<script src="/parley.min.js" data-thread="first" data-endpoint="/api" data-loading="eager" async></script>
<p id="between">Between the two widgets.</p>
<script src="/parley.min.js" data-thread="second" data-endpoint="/api" data-max-depth="2"></script>
</body></html>`;

let server;
let browser;
let origin;

before(async () => {
  const script = await readFile(`${dist}parley.min.js`);
  server = createServer((req, res) => {
    const url = new URL(req.url, 'http://x');
    if (url.pathname === '/parley.min.js') return res.writeHead(200, { 'content-type': 'text/javascript' }).end(script);
    const thread = /^\/api\/threads\/([^/]+)\/comments$/.exec(url.pathname)?.[1];
    if (thread) {
      const list = comments[decodeURIComponent(thread)] ?? [];
      return res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ comments: list, next: null, total: list.length }));
    }
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

describe('one script tag embeds a widget', () => {
  it('puts a configured widget after each tag, async or not, each with its own thread', async () => {
    const tab = await browser.newPage();
    const errors = [];
    tab.on('pageerror', (e) => errors.push(e.message));
    await tab.goto(`${origin}/`);
    await tab.waitForFunction(() => document.querySelectorAll('parley-comments').length === 2);
    const placed = await tab.evaluate(() =>
      [...document.querySelectorAll('script[data-thread]')].map((s) => ({
        next: s.nextElementSibling?.localName,
        thread: s.nextElementSibling?.getAttribute('thread'),
        endpoint: s.nextElementSibling?.getAttribute('endpoint'),
      })),
    );
    assert.deepEqual(placed, [
      { next: 'parley-comments', thread: 'first', endpoint: '/api' },
      { next: 'parley-comments', thread: 'second', endpoint: '/api' },
    ]);
    const bodies = () =>
      tab.evaluate(() => [...document.querySelectorAll('parley-comments')].map((w) => w.shadowRoot?.querySelector('[part~="body"]')?.textContent ?? ''));
    await tab.waitForFunction(() => [...document.querySelectorAll('parley-comments')].every((w) => w.shadowRoot?.querySelector('[part~="body"]')));
    assert.deepEqual(await bodies(), ['On the first post', 'On the second post']);
    assert.equal(await tab.evaluate(() => document.querySelectorAll('parley-comments')[1].maxDepth), 2);

    // A single-page app moves the first widget to the second post by its tag alone.
    await tab.evaluate(() => (document.querySelector('script[data-thread]').dataset.thread = 'second'));
    await tab.waitForFunction(() => document.querySelector('parley-comments').shadowRoot.querySelector('[part~="body"]')?.textContent === 'On the second post');
    assert.deepEqual(errors, []);
    await tab.close();
  });
});

// The markdown add-on from the real build: parley.min.js with a one-tag embed that says
// data-format="markdown", then dist/parley-markdown.min.js, which registers itself in
// window.Parley. Served with the demo's strict Content-Security-Policy and Trusted Types:
// the add-on's stylesheet is a constructed one, and it writes no HTML. Needs `npm run build`.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { CONTENT_SECURITY_POLICY } from '../../scripts/serve.mjs';
import { chromiumArgs, chromiumPath } from '../support/chromium.mjs';

const dist = fileURLToPath(new URL('../../dist/', import.meta.url));

const body = 'Three things:\n\n- *one*\n- a [link](https://example.com/two)\n- <b onmouseover="alert(1)">three</b>';
const comments = [{ id: 'm1', parentId: null, author: { name: 'Ada' }, body, createdAt: '2024-01-01T00:00:00Z' }];

/** A page with the embed and the add-on, each tag as `attrs` says (``, `defer`). */
const page = (attrs) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>markdown</title></head><body>
<h1>A post</h1>
<script src="/parley.min.js" data-thread="md" data-endpoint="/api" data-format="markdown" data-loading="eager" ${attrs}></script>
<script src="/parley-markdown.min.js" ${attrs}></script>
</body></html>`;

let server;
let browser;
let origin;

before(async () => {
  const files = {
    '/parley.min.js': await readFile(`${dist}parley.min.js`),
    '/parley-markdown.min.js': await readFile(`${dist}parley-markdown.min.js`),
  };
  server = createServer((req, res) => {
    const url = new URL(req.url, 'http://x');
    if (files[url.pathname]) return res.writeHead(200, { 'content-type': 'text/javascript' }).end(files[url.pathname]);
    if (/^\/api\/threads\/md\/comments$/.test(url.pathname)) {
      return res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ comments, next: null, total: 1 }));
    }
    const html = { 'content-type': 'text/html', 'content-security-policy': CONTENT_SECURITY_POLICY };
    if (url.pathname === '/') return res.writeHead(200, html).end(page(''));
    if (url.pathname === '/favicon.ico') return res.writeHead(204).end();
    if (url.pathname === '/deferred') return res.writeHead(200, html).end(page('defer'));
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

describe('the markdown add-on from its script tag', () => {
  for (const path of ['/', '/deferred']) {
    it(`renders a list and a link, raw HTML as text, and the Write / Preview switch (${path})`, async () => {
      const tab = await browser.newPage();
      const errors = [];
      const logs = [];
      tab.on('pageerror', (e) => errors.push(e.message));
      tab.on('console', (m) => logs.push(m.text()));
      await tab.addInitScript(() => {
        window.__violations = [];
        document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
      });
      await tab.goto(`${origin}${path}`);
      await tab.waitForFunction(() => document.querySelector('parley-comments')?.shadowRoot?.querySelector('[part~="body"] li'));
      const shown = await tab.evaluate(() => {
        const b = document.querySelector('parley-comments').shadowRoot.querySelector('[part~="body"]');
        const a = b.querySelector('a');
        return {
          items: [...b.querySelectorAll('ul > li')].map((li) => li.textContent),
          em: b.querySelector('li em')?.textContent,
          href: a?.getAttribute('href'),
          rel: a?.rel,
          bold: b.querySelector('b') !== null,
          registered: typeof window.Parley?.formats?.markdown,
          // The add-on's stylesheet applied under the strict policy: the list has its bullets.
          bullets: getComputedStyle(b.querySelector('ul')).listStyleType,
        };
      });
      assert.deepEqual(shown, {
        items: ['one', 'a link', '<b onmouseover="alert(1)">three</b>'],
        em: 'one',
        href: 'https://example.com/two',
        rel: 'nofollow ugc noopener',
        bold: false,
        registered: 'function',
        bullets: 'disc',
      });
      await tab.waitForFunction(() =>
        document.querySelector('parley-comments').shadowRoot.querySelector('parley-reply-form')?.shadowRoot?.querySelector('.md-switch'),
      );
      const labels = await tab.evaluate(() =>
        [...document.querySelector('parley-comments').shadowRoot.querySelector('parley-reply-form').shadowRoot.querySelectorAll('.md-switch button')].map(
          (b) => `${b.textContent} ${b.getAttribute('aria-pressed')}`,
        ),
      );
      assert.deepEqual(labels, ['Write true', 'Preview false']);
      // The preview, drawn under Trusted Types.
      const previewed = await tab.evaluate(() => {
        const root = document.querySelector('parley-comments').shadowRoot.querySelector('parley-reply-form').shadowRoot;
        root.querySelector('textarea').value = '**bold** <script>alert(1)</script>';
        root.querySelectorAll('.md-switch button')[1].click();
        return root.querySelector('.md-preview').innerHTML;
      });
      assert.equal(previewed, '<p dir="auto"><strong>bold</strong> &lt;script&gt;alert(1)&lt;/script&gt;</p>');
      assert.deepEqual(await tab.evaluate(() => window.__violations), []);
      assert.deepEqual(errors, []);
      assert.deepEqual(logs, []);
      await tab.close();
    });
  }
});

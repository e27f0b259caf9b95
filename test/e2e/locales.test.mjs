// The script-tag build in another language, from the real build: parley.min.js carries
// English only, and fetches the one locale a page needs from beside itself
// (dist/locales/*.js), on a page served with the demo's strict CSP and Trusted Types.
// Needs `npm run build`.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { CONTENT_SECURITY_POLICY } from '../../scripts/serve.mjs';
import { chromiumArgs, chromiumPath } from '../support/chromium.mjs';

const dist = fileURLToPath(new URL('../../dist/', import.meta.url));
const comments = [
  { id: 'c1', parentId: null, author: { name: 'Ada' }, body: '1 + 1 = 2', createdAt: '2024-01-01T00:00:00Z' },
  { id: 'c2', parentId: 'c1', author: { name: 'Bob' }, body: '2', createdAt: '2024-01-02T00:00:00Z' },
];
const page = (lang, body) => `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>locales</title></head><body>${body}</body></html>`;
const pages = {
  // The script under a path of its own, as on a CDN: the locale is found beside it.
  '/de.html': page('de', '<script src="/cdn/parley/parley.min.js" data-thread="t" data-endpoint="/api" data-loading="eager"></script>'),
  '/ar.html': page('en', '<script src="/cdn/parley/parley.min.js"></script><parley-comments thread="t" endpoint="/api" locale="ar-EG" loading="eager"></parley-comments>'),
  '/en.html': page('en-GB', '<script src="/cdn/parley/parley.min.js" data-thread="t" data-endpoint="/api" data-loading="eager"></script>'),
};

let server;
let browser;
let origin;
const requested = [];

before(async () => {
  server = createServer(async (req, res) => {
    const url = new URL(req.url, 'http://x');
    requested.push(url.pathname);
    const file = /^\/cdn\/parley\/((?:locales\/)?[\w-]+(?:\.min)?\.js)$/.exec(url.pathname)?.[1];
    if (file) {
      try {
        return res.writeHead(200, { 'content-type': 'text/javascript' }).end(await readFile(`${dist}${file}`));
      } catch {
        return res.writeHead(404).end();
      }
    }
    if (/^\/api\/threads\/t\/comments$/.test(url.pathname)) {
      return res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ comments, next: null, total: comments.length }));
    }
    if (url.pathname === '/favicon.ico') return res.writeHead(204).end();
    if (pages[url.pathname]) {
      return res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': CONTENT_SECURITY_POLICY }).end(pages[url.pathname]);
    }
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

/** Opens a page and waits until its widget shows the comments' heading in the expected words. */
async function open(path, heading) {
  const tab = await browser.newPage();
  const problems = [];
  tab.on('pageerror', (e) => problems.push(e.message));
  tab.on('console', (m) => (m.type() === 'error' || m.type() === 'warning') && problems.push(m.text()));
  requested.length = 0;
  await tab.goto(`${origin}${path}`);
  await tab.waitForFunction(
    (text) => document.querySelector('parley-comments')?.shadowRoot?.querySelector('[part~="heading"]')?.textContent?.trim() === text,
    heading,
    { timeout: 10000 },
  );
  return { tab, problems };
}

const text = (tab, selector) => tab.evaluate((s) => document.querySelector('parley-comments').shadowRoot.querySelector(s)?.textContent?.trim(), selector);

describe('locales from the script-tag build', () => {
  it('carries English only in parley.min.js', async () => {
    const core = await readFile(`${dist}parley.min.js`, 'utf8');
    for (const word of ['Kommentar', 'Antworten', 'commentaire', 'комментар', '评论', 'תגובה']) assert.equal(core.includes(word), false, word);
    assert.ok(core.includes('No comments yet'));
    const german = await readFile(`${dist}locales/de.js`, 'utf8');
    assert.ok(german.includes('Kommentare'));
    assert.equal(/^import|\simport\s*[{*]/.test(german), false, 'a locale file stands alone');
  });

  it('loads the page language from beside the script, under the strict CSP and Trusted Types', async () => {
    const { tab, problems } = await open('/de.html', '2 Kommentare');
    assert.equal(await text(tab, '[part~="reply-button"]'), 'Antworten');
    assert.ok(requested.includes('/cdn/parley/locales/de.js'));
    assert.deepEqual(problems, []);
    await tab.close();
  });

  it('takes the locale attribute, and writes Arabic right to left', async () => {
    const { tab, problems } = await open('/ar.html', 'تعليقان');
    assert.equal(await tab.evaluate(() => document.querySelector('parley-comments').shadowRoot.querySelector('section.thread').dir), 'rtl');
    assert.ok(requested.includes('/cdn/parley/locales/ar.js'));
    assert.deepEqual(problems, []);
    await tab.close();
  });

  it('fetches nothing for English', async () => {
    const { tab, problems } = await open('/en.html', '2 comments');
    assert.equal(requested.some((p) => p.includes('/locales/')), false);
    assert.deepEqual(problems, []);
    await tab.close();
  });
});

// Parley on a real page served with the contract's strict CSP and Trusted Types, driven
// through Chromium with playwright-core (the test runner's own page needs inline
// scripts, so it cannot carry this policy). Also a privacy audit of a full visit.
// Needs a build: `npm run build` runs before this in `npm test`.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { copyFile, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { rollup } from 'rollup';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import { createDemoServer, CONTENT_SECURITY_POLICY, listenOnFreePort } from '../../scripts/serve.mjs';
import { openCommentStore } from '../../server/comment-store.mjs';
import { chromiumArgs, chromiumPath } from '../support/chromium.mjs';
import { createApi } from '../../server/http-api.mjs';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const page = (body) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>strict</title></head><body>${body}</body></html>`;

let server;
let browser;
let origin;

before(async () => {
  const root = await mkdtemp(join(tmpdir(), 'parley-strict-'));
  for (const file of ['parley.min.js', 'parley-waline.min.js', 'parley-isso.min.js', 'parley-remark42.min.js', 'parley-artalk.min.js', 'parley-twikoo.min.js']) {
    await copyFile(join(repo, 'dist', file), join(root, file));
  }
  await writeFile(
    join(root, 'addons.html'),
    page(['parley.min.js', 'parley-waline.min.js', 'parley-isso.min.js', 'parley-remark42.min.js', 'parley-artalk.min.js', 'parley-twikoo.min.js'].map((f) => `<script src="${f}"></script>`).join('')),
  );
  // Two copies of Parley, as a page with a script tag and an app bundle would have.
  await writeFile(join(root, 'twice.html'), page('<script src="parley.min.js"></script><script src="app.js" type="module"></script><script src="parley.min.js"></script><parley-comments thread="strict" endpoint="/api"></parley-comments>'));
  // An app developer's bundle of the ES module build, as their bundler would make it.
  await writeFile(
    join(root, 'entry.js'),
    `import { RestAdapter } from ${JSON.stringify(join(repo, 'dist/index.js'))};
     document.querySelector('parley-comments').adapter = new RestAdapter('/api');`,
  );
  const bundle = await rollup({ input: join(root, 'entry.js'), plugins: [nodeResolve()], logLevel: 'silent' });
  // One file: the locales, which an app's bundler would split off, go inside it.
  await bundle.write({ file: join(root, 'app.js'), format: 'es', inlineDynamicImports: true });
  // Remote avatars on (they are opt-in): the audit checks that their requests carry no referrer.
  await writeFile(join(root, 'iife.html'), page(`<script src="parley.min.js"></script><parley-comments thread="strict" endpoint="/api" avatars="remote"></parley-comments>`));
  await writeFile(join(root, 'esm.html'), page(`<parley-comments thread="strict" avatars="remote"></parley-comments><script type="module" src="app.js"></script>`));
  await writeFile(join(root, 'avatar.png'), '');
  await writeFile(join(root, 'favicon.ico'), '');

  const store = openCommentStore(':memory:');
  server = createDemoServer({ root, api: createApi({ store, basePath: '/api' }) });
  const port = await listenOnFreePort(server, 0);
  origin = `http://127.0.0.1:${port}`;
  store.importSeed(
    [
      { id: 's1', parentId: null, author: { name: 'Ada', url: 'https://ada.example/', avatarUrl: `${origin}/avatar.png` }, body: 'Hello <b>there</b>', createdAt: '2024-01-01T00:00:00Z' },
      { id: 's2', parentId: 's1', author: { name: 'Bob' }, body: 'A reply', createdAt: '2024-01-02T00:00:00Z' },
    ],
    { defaultThread: 'strict' },
  );
  browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
});

after(async () => {
  await browser?.close();
  server?.close();
});

/** Opens a page, records what it does, and posts a reply through the widget. */
async function visit(path) {
  const context = await browser.newContext();
  const tab = await context.newPage();
  const problems = [];
  const requests = [];
  tab.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  tab.on('console', (m) => ['error', 'warning'].includes(m.type()) && problems.push(`console: ${m.text()}`));
  tab.on('request', (r) => requests.push({ url: r.url(), referer: r.headers().referer }));
  await tab.addInitScript(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
    // Every way a script could store something, recorded before the page runs.
    window.__writes = [];
    const record = (what) => window.__writes.push(what);
    const setItem = Storage.prototype.setItem;
    Storage.prototype.setItem = function (k, v) { record(`storage:${k}`); return setItem.call(this, k, v); };
    const cookie = Object.getOwnPropertyDescriptor(Document.prototype, 'cookie');
    Object.defineProperty(Document.prototype, 'cookie', { get() { return cookie.get.call(this); }, set(v) { record(`cookie:${v}`); cookie.set.call(this, v); } });
    const open = IDBFactory.prototype.open;
    IDBFactory.prototype.open = function (name, ...rest) { record(`indexeddb:${name}`); return open.call(this, name, ...rest); };
    const sw = navigator.serviceWorker?.register;
    if (sw) navigator.serviceWorker.register = function (...a) { record('serviceworker'); return sw.apply(this, a); };
  });
  const response = await tab.goto(origin + path);
  assert.equal(response.headers()['content-security-policy'], CONTENT_SECURITY_POLICY);
  await tab.waitForFunction(() => document.querySelector('parley-comments')?.shadowRoot?.querySelector('[data-comment-id="s2"]'));
  await tab.getByRole('button', { name: 'Reply to Bob' }).click();
  await tab.keyboard.type('Typed under a strict policy');
  await tab.getByRole('textbox', { name: 'Name' }).last().fill('Cy');
  await tab.getByRole('button', { name: 'Post reply' }).click();
  await tab.waitForFunction(() => document.querySelector('parley-comments').shadowRoot.textContent.includes('Typed under a strict policy'));
  const state = await tab.evaluate(async () => ({
    violations: window.__violations,
    writes: window.__writes,
    cookie: document.cookie,
    local: localStorage.length,
    session: sessionStorage.length,
    databases: (await indexedDB.databases()).map((d) => d.name),
    text: document.querySelector('parley-comments').shadowRoot.querySelector('[data-comment-id="s1"] [part~="body"]').textContent.trim(),
    bold: document.querySelector('parley-comments').shadowRoot.querySelectorAll('b').length,
  }));
  const cookies = await context.cookies();
  await context.close();
  return { problems, requests, state, cookies };
}

for (const [label, path] of [['the script-tag build', '/iife.html'], ['the ES module build, bundled by an app', '/esm.html']]) {
  describe(`${label} on a page with strict CSP and Trusted Types`, () => {
    let result;
    before(async () => {
      result = await visit(path);
    });

    it('loads, renders and posts with no policy violation or error', () => {
      assert.deepEqual(result.state.violations, []);
      assert.deepEqual(result.problems, []);
      assert.equal(result.state.text, 'Hello <b>there</b>');
      assert.equal(result.state.bold, 0);
    });

    it('requests nothing but its page, its adapter and avatar images (without a referrer)', () => {
      const page = new URL(path, origin).href;
      const unexpected = result.requests.filter(({ url }) => {
        const u = new URL(url);
        if (url === page || u.origin !== origin) return u.origin !== origin || url !== page;
        return !['/parley.min.js', '/app.js', '/avatar.png', '/favicon.ico'].includes(u.pathname) && !u.pathname.startsWith('/api/threads/strict/comments');
      });
      assert.deepEqual(unexpected, []);
      const avatar = result.requests.find(({ url }) => url.endsWith('/avatar.png'));
      assert.ok(avatar, 'the avatar image was requested');
      assert.ok(!avatar.referer, `no Referer header, got ${avatar.referer}`);
    });

    it('stores only drafts and its posted comment\'s secret in its own IndexedDB databases, and no cookie', () => {
      // The page posts: the secret that lets its author edit the comment is kept too.
      assert.deepEqual([...new Set(result.state.writes)].sort(), ['indexeddb:parley', 'indexeddb:parley-secrets']);
      assert.deepEqual(result.state.databases.sort(), ['parley', 'parley-secrets']);
      assert.equal(result.state.cookie, '');
      assert.deepEqual(result.cookies, []);
      assert.equal(result.state.local + result.state.session, 0);
    });
  });
}

describe('script-tag add-ons', () => {
  it('add their adapters to window.Parley and keep what was there', async () => {
    const tab = await browser.newPage();
    const problems = [];
    tab.on('pageerror', (e) => problems.push(e.message));
    await tab.goto(`${origin}/addons.html`);
    const names = await tab.evaluate(() => Object.keys(window.Parley).filter((k) => /Adapter$/.test(k)).sort());
    assert.deepEqual(names, ['ArtalkAdapter', 'IssoAdapter', 'MemoryAdapter', 'Remark42Adapter', 'RestAdapter', 'TwikooAdapter', 'WalineAdapter']);
    assert.equal(await tab.evaluate(() => customElements.get('parley-comments') === window.Parley.ParleyComments), true);
    assert.deepEqual(problems, []);
    await tab.close();
  });
});

describe('two copies of Parley on one page', () => {
  // Without Trusted Types: under `trusted-types lit-html` a page can hold one copy of Lit
  // only (its policy name can be created once unless the page adds 'allow-duplicates').
  it('register once, do not throw, and still work', async () => {
    const tab = await browser.newPage();
    const problems = [];
    tab.on('pageerror', (e) => problems.push(e.message));
    await tab.route('**/twice.html', async (route) => {
      const response = await route.fetch();
      const headers = { ...response.headers() };
      delete headers['content-security-policy'];
      await route.fulfill({ response, headers });
    });
    await tab.goto(`${origin}/twice.html`);
    await tab.waitForFunction(() => document.querySelector('parley-comments')?.shadowRoot?.querySelector('[data-comment-id="s2"]'));
    assert.deepEqual(problems, []);
    await tab.close();
  });
});

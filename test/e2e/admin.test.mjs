// The moderation page end to end: parley-server (a real process, SQLite) with an admin
// token, driven in Chromium through real clicks and typing, each action checked in the
// database, axe run in every state (signed out, an error, the list, after an action, an
// empty list), and the audit log read on the page. Builds the page's script first
// (scripts/build-admin.mjs, a fraction of a second).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { chromium } from 'playwright-core';
import { ADMIN_CSP } from '../../server/admin/admin-http.mjs';
import { startServer } from '../../server/test/server-process.mjs';
import { chromiumArgs, chromiumPath } from '../support/chromium.mjs';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const TOKEN = 'e2e-moderation-token-'.padEnd(40, 'x');

describe('the moderation page in Chromium', () => {
  let dir;
  let server;
  let origin;
  let browser;
  let tab;
  let db;
  const problems = [];
  /** @type {Record<string, string>} author name → comment id */
  const ids = {};

  before(async () => {
    await promisify(execFile)(process.execPath, [join(repo, 'scripts/build-admin.mjs')]);
    dir = mkdtempSync(join(tmpdir(), 'parley-admin-e2e-'));
    const file = join(dir, 'comments.db');
    server = await startServer(
      ['--db', file, '--moderation', '--spam-min-seconds', '0', '--duplicate-hours', '0'],
      { env: { ...process.env, PARLEY_ADMIN_TOKEN: TOKEN } },
    );
    origin = new URL(server.url).origin;
    const posts = [
      ['/posts/a', 'Ada', 'ada@example.com', 'First on A, <b>not bold</b>'],
      ['/posts/a', 'Bob', 'bob@example.com', 'Buy cheap watches https://spam.example/'],
      ['/posts/a', 'Cy', 'cy@spam.example', 'Third on A'],
      ['/posts/a', 'Dee', undefined, 'Fourth on A'],
      ['/posts/b', 'Eve', 'eve@example.com', 'Only on B'],
    ];
    for (const [thread, name, email, body] of posts) {
      const res = await fetch(`${server.url}/threads/${encodeURIComponent(thread)}/comments`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ parentId: null, body, author: email ? { name, email } : { name } }),
      });
      assert.equal(res.status, 201);
      ids[name] = (await res.json()).id;
    }
    db = new Database(file, { readonly: true, fileMustExist: true });
    browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
    const context = await browser.newContext();
    tab = await context.newPage();
    tab.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    tab.on('console', (m) => m.type() === 'error' && problems.push(`console: ${m.text()}`));
    await tab.addInitScript(() => {
      window.__violations = [];
      document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
    });
  });

  after(async () => {
    db?.close();
    await browser?.close();
    await server?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const statusOf = (id) => db.prepare('SELECT status FROM comments WHERE id = ?').pluck().get(id) ?? null;
  const admin = () => tab.locator('parley-admin');
  const row = (name) => admin().locator('tbody tr', { has: tab.getByText(name, { exact: true }) });
  const announced = () => admin().locator('[role="status"]').textContent();

  /** axe-core on the page as it is (evaluated through the driver: the page's CSP allows no injected script). */
  async function axe(state) {
    const violations = await tab.evaluate(async (source) => {
      if (!window.axe) (0, eval)(source);
      const result = await window.axe.run(document, { resultTypes: ['violations'] });
      return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    }, axeSource);
    assert.deepEqual(violations, [], `axe in state "${state}"`);
  }

  it('is served under the strict policy and is axe-clean signed out', async () => {
    const response = await tab.goto(`${origin}/admin/`);
    assert.equal(response.headers()['content-security-policy'], ADMIN_CSP);
    await admin().getByRole('button', { name: 'Sign in' }).waitFor();
    await axe('signed out');
  });

  it('says so when the token is wrong, keeps focus in the field, and stays axe-clean', async () => {
    await admin().getByLabel('Admin token').fill('not-the-token');
    await admin().getByRole('button', { name: 'Sign in' }).click();
    await admin().getByRole('alert').filter({ hasText: 'That is not the admin token' }).waitFor();
    assert.equal(await tab.evaluate(() => document.querySelector('parley-admin').shadowRoot.activeElement?.id), 'token');
    await axe('error');
  });

  it('signs in through the form into an HttpOnly cookie and lists every thread, newest first', async () => {
    await admin().getByLabel('Admin token').fill('');
    await admin().getByLabel('Admin token').pressSequentially(TOKEN);
    await admin().getByRole('button', { name: 'Sign in' }).click();
    await admin().getByRole('table', { name: /comments in all threads, newest first/ }).waitFor();
    assert.equal(await tab.evaluate(() => document.querySelector('parley-admin').shadowRoot.activeElement?.id), 'comments-heading');
    const cookie = (await tab.context().cookies()).find((c) => c.name === 'parley_admin');
    assert.ok(cookie.httpOnly);
    assert.equal(cookie.sameSite, 'Strict');
    assert.equal(cookie.path, '/admin');
    assert.ok(cookie.expires > Date.now() / 1000);
    // Secure even over http://127.0.0.1: the browser keeps it there (and sends it: the list loaded).
    assert.ok(cookie.secure);
    assert.equal(await tab.evaluate(() => document.cookie), '', 'no script can read it');
    const names = await admin().locator('tbody tr strong').allTextContents();
    assert.deepEqual(names, ['Eve', 'Dee', 'Cy', 'Bob', 'Ada']);
    // The body is text: the markup a visitor wrote shows as written.
    assert.ok((await row('Ada').textContent()).includes('First on A, <b>not bold</b>'));
    assert.equal(await row('Ada').locator('b').count(), 0);
    assert.ok((await row('Ada').textContent()).includes('ada@example.com'));
    assert.ok((await row('Ada').textContent()).includes('127.0.0.1'));
    await axe('list');
  });

  it('fits a phone (an owner opens it from a mail): no sideways scroll, each row whole, axe-clean', async () => {
    const viewport = tab.viewportSize();
    await tab.setViewportSize({ width: 360, height: 740 });
    try {
      const widths = await tab.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
      assert.ok(widths[0] <= widths[1], `page ${widths[0]} px wide in a ${widths[1]} px window`);
      // Stacked: the e-mail reads on one line, not a letter a line in a squeezed column.
      const email = row('Ada').getByText('ada@example.com', { exact: true });
      const box = await email.boundingBox();
      assert.ok(box.height < 30 && box.x + box.width <= 360, JSON.stringify(box));
      const approve = await row('Ada').getByRole('button', { name: /^Approve/ }).boundingBox();
      assert.ok(approve.x + approve.width <= 360);
      await axe('list on a phone');
    } finally {
      await tab.setViewportSize(viewport);
    }
  });

  it('filters by thread and state', async () => {
    await admin().getByLabel('Thread').selectOption('/posts/a');
    await admin().getByLabel('State').selectOption('pending');
    await admin().getByRole('button', { name: 'Show', exact: true }).click();
    await admin().getByRole('table', { name: 'Pending comments in /posts/a, newest first' }).waitFor();
    assert.deepEqual(await admin().locator('tbody tr strong').allTextContents(), ['Dee', 'Cy', 'Bob', 'Ada']);
  });

  it('approves one: published in the database, announced, focus on the row now in its place', async () => {
    await row('Ada').getByRole('button', { name: 'Approve: comment by Ada' }).click();
    await admin().locator('[role="status"]', { hasText: 'Approved 1 comment.' }).waitFor();
    assert.equal(statusOf(ids.Ada), 'published');
    assert.deepEqual(await admin().locator('tbody tr strong').allTextContents(), ['Dee', 'Cy', 'Bob']);
    const focused = await tab.evaluate(() => document.querySelector('parley-admin').shadowRoot.activeElement?.getAttribute('aria-label'));
    assert.match(focused, /^Select the comment by Bob/);
    await axe('after an action');
  });

  it('marks one as spam', async () => {
    await row('Bob').getByRole('button', { name: 'Mark as spam: comment by Bob' }).click();
    await admin().locator('[role="status"]', { hasText: 'Marked 1 comment as spam.' }).waitFor();
    assert.equal(statusOf(ids.Bob), 'spam');
  });

  it('blocks an e-mail into the spam blocklist', async () => {
    await row('Cy').getByRole('button', { name: 'Block e-mail: comment by Cy' }).click();
    assert.match(await (await admin().locator('[role="status"]', { hasText: 'Blocked' }).elementHandle()).textContent(), /cy@spam\.example/);
    const blocked = db.prepare("SELECT value FROM blocklist WHERE kind = 'email'").pluck().all();
    assert.deepEqual(blocked, ['cy@spam.example']);
  });

  it('bulk-deletes the selected rows, then shows an empty list that is axe-clean', async () => {
    await row('Cy').getByRole('checkbox').click();
    await row('Dee').getByRole('checkbox').click();
    assert.equal(await admin().getByText('2 comments selected').count(), 1);
    await admin().getByRole('button', { name: 'Delete selected' }).click();
    await admin().locator('[role="status"]', { hasText: 'Deleted 2 comments.' }).waitFor();
    assert.equal(statusOf(ids.Cy), null);
    assert.equal(statusOf(ids.Dee), null);
    await admin().getByText('No comments match this filter.').waitFor();
    assert.equal(await tab.evaluate(() => document.querySelector('parley-admin').shadowRoot.activeElement?.id), 'comments-heading');
    assert.equal(statusOf(ids.Eve), 'pending', 'other threads untouched');
    await axe('empty list');
  });

  it('shows each action and sign-in in the audit log', async () => {
    const audit = admin().getByRole('table', { name: 'Moderation actions and sign-ins, newest first' });
    const rows = await audit.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.cells].slice(1).map((td) => td.textContent.trim())));
    const has = (action, target) => rows.some(([actor, a, t]) => a === action && (target === undefined || t === target) && (action === 'sign-in-failed' ? actor === 'form' : actor.startsWith('session:')));
    assert.ok(has('sign-in-failed'), 'the wrong token');
    assert.ok(has('sign-in'));
    assert.ok(has('approve', ids.Ada));
    assert.ok(has('spam', ids.Bob));
    assert.ok(has('block', 'email:cy@spam.example'));
    assert.ok(has('delete', ids.Cy));
    assert.ok(has('delete', ids.Dee));
    const stored = db.prepare('SELECT action FROM audit_log ORDER BY seq').pluck().all();
    assert.deepEqual(stored, ['sign-in-failed', 'sign-in', 'approve', 'spam', 'block', 'delete', 'delete']);
  });

  it('blocks a word from the page: listed, in the database and the audit log, and a comment with it is held as spam', async () => {
    const blocklist = admin().getByRole('table', { name: 'Blocked words, e-mails and IP addresses' });
    assert.deepEqual(await blocklist.locator('tr').allTextContents(), ['E-mailcy@spam.example']);
    await admin().getByLabel('Block a word').fill('  Viagra ');
    await admin().getByRole('button', { name: 'Block word' }).click();
    await admin().locator('[role="status"]', { hasText: 'Blocked the word viagra' }).waitFor();
    assert.equal(await admin().getByLabel('Block a word').inputValue(), '', 'the field empties once it is added');
    assert.equal(await tab.evaluate(() => document.querySelector('parley-admin').shadowRoot.activeElement?.id), 'block-word', 'focus back in the field');
    const rows = await blocklist.locator('tr').allTextContents();
    assert.ok(rows.includes('Wordviagra'), JSON.stringify(rows));
    assert.deepEqual(db.prepare("SELECT value FROM blocklist WHERE kind = 'word'").pluck().all(), ['viagra'], 'kept in lower case, matched in any case');
    assert.equal(db.prepare("SELECT target FROM audit_log WHERE action = 'block' ORDER BY seq DESC").pluck().get(), 'word:viagra');
    const res = await fetch(`${server.url}/threads/${encodeURIComponent('/posts/b')}/comments`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ parentId: null, body: 'cheap VIAGRA here', author: { name: 'Vic' } }),
    });
    const vic = await res.json();
    assert.equal(vic.status, 'pending', 'the visitor is told it is held');
    assert.equal(statusOf(vic.id), 'spam');
    await axe('blocklist');
    // The spam queue says which check caught it.
    await admin().getByLabel('Thread').selectOption('');
    await admin().getByLabel('State').selectOption('spam');
    await admin().getByRole('button', { name: 'Show', exact: true }).click();
    await admin().getByRole('table', { name: 'Spam comments in all threads, newest first' }).waitFor();
    assert.match(await row('Vic').textContent(), /Caught by\s*a blocked word/);
    assert.doesNotMatch(await row('Bob').textContent(), /Caught by/, 'marked by hand, not caught');
    await axe('the spam queue');
    // Gone again (through the API's bearer token), so the tests after see the list they expect.
    const removed = await fetch(`${origin}/admin/api/actions`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${TOKEN}` },
      body: JSON.stringify({ action: 'delete', ids: [vic.id] }),
    });
    assert.deepEqual((await removed.json()).done, [vic.id]);
  });

  it('signs out, announced through the same live region (a new one might not be read)', async () => {
    await tab.evaluate(() => { document.querySelector('parley-admin').shadowRoot.querySelector('[role="status"]').dataset.mark = 'kept'; });
    await admin().getByRole('button', { name: 'Sign out', exact: true }).click();
    await admin().getByLabel('Admin token').waitFor();
    await admin().locator('[role="status"][data-mark="kept"]', { hasText: 'Signed out.' }).waitFor();
    assert.equal((await tab.context().cookies()).filter((c) => c.name === 'parley_admin').length, 0);
    assert.equal(db.prepare('SELECT COUNT(*) FROM admin_sessions').pluck().get(), 0);
    assert.deepEqual(await tab.evaluate(() => window.__violations), []);
  });

  it('works by keyboard alone: the token and Enter, Tab to a row, Space ticks it', async () => {
    // Signing out (the test before) left focus in the token field.
    assert.equal(await tab.evaluate(() => document.querySelector('parley-admin').shadowRoot.activeElement?.id), 'token');
    await tab.keyboard.type(TOKEN);
    await tab.keyboard.press('Enter');
    await admin().getByRole('table', { name: /comments in all threads/ }).waitFor();
    // From the heading: Thread, State, Show, then (nothing ticked: bulk buttons disabled) the select-all box and the first row's.
    for (let i = 0; i < 5; i += 1) await tab.keyboard.press('Tab');
    const label = await tab.evaluate(() => document.querySelector('parley-admin').shadowRoot.activeElement?.getAttribute('aria-label'));
    assert.match(label, /^Select the comment by Eve/);
    await tab.keyboard.press('Space');
    await admin().getByText('1 comment selected').waitFor();
    await admin().getByRole('button', { name: 'Sign out', exact: true }).click();
    await admin().getByLabel('Admin token').waitFor();
  });

  it('signs out everywhere: this browser and another, announced, audited', async () => {
    const other = await browser.newContext();
    try {
      const otherTab = await other.newPage();
      await otherTab.goto(`${origin}/admin/`);
      const otherAdmin = otherTab.locator('parley-admin');
      await otherAdmin.getByLabel('Admin token').fill(TOKEN);
      await otherAdmin.getByRole('button', { name: 'Sign in' }).click();
      await otherAdmin.getByRole('table', { name: /comments in all threads/ }).waitFor();
      await admin().getByLabel('Admin token').fill(TOKEN);
      await admin().getByRole('button', { name: 'Sign in' }).click();
      await admin().getByRole('table', { name: /comments in all threads/ }).waitFor();
      assert.equal(db.prepare('SELECT COUNT(*) FROM admin_sessions').pluck().get(), 2);
      await axe('signed in, two sign-out buttons');
      await admin().getByRole('button', { name: 'Sign out everywhere' }).click();
      await admin().locator('[role="status"]', { hasText: 'Signed out on every device.' }).waitFor();
      assert.equal(await tab.evaluate(() => document.querySelector('parley-admin').shadowRoot.activeElement?.id), 'token');
      assert.equal(db.prepare('SELECT COUNT(*) FROM admin_sessions').pluck().get(), 0);
      assert.equal(db.prepare("SELECT COUNT(*) FROM audit_log WHERE action = 'sign-out-everywhere'").pluck().get(), 1);
      // The other browser's cookie no longer signs it in.
      await otherTab.reload();
      await otherAdmin.getByLabel('Admin token').waitFor();
    } finally {
      await other.close();
    }
  });

  it("opens the one comment an owner's mail links (/admin?comment=ID), then the whole list", async () => {
    await tab.goto(`${origin}/admin?comment=${encodeURIComponent(ids.Eve)}`);
    assert.equal(new URL(tab.url()).pathname, '/admin/', 'redirected with its query');
    await admin().getByLabel('Admin token').fill(TOKEN);
    await admin().getByRole('button', { name: 'Sign in' }).click();
    await admin().getByRole('table', { name: 'The comment the link names' }).waitFor();
    assert.deepEqual(await admin().locator('tbody tr strong').allTextContents(), ['Eve']);
    await axe('the linked comment');
    await admin().getByRole('button', { name: 'Show every comment' }).click();
    await admin().getByRole('table', { name: /comments in all threads/ }).waitFor();
    assert.deepEqual(await admin().locator('tbody tr strong').allTextContents(), ['Eve', 'Bob', 'Ada']);
    assert.equal(new URL(tab.url()).search, '', 'a reload shows the list');
    await admin().getByRole('button', { name: 'Sign out', exact: true }).click();
    await admin().getByLabel('Admin token').waitFor();
    // The one error the console shows: the wrong token's 401.
    assert.deepEqual(problems, ['console: Failed to load resource: the server responded with a status of 401 (Unauthorized)']);
  });
});

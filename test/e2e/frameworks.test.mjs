// The React and Vue examples (demo/react/, demo/vue/), built from dist/ by
// scripts/build-framework-demos.mjs and served by the demo server (scripts/serve.mjs) with
// its strict Content-Security-Policy and Trusted Types, driven through Chromium: the
// seeded thread renders with its nested reply, the count arrives, a comment posted through
// the form reaches the framework's own event handler. Needs `npm run build`.
//
// Each example's screenshot is written to $PARLEY_SCREENSHOTS (default: the system's temp
// folder, parley-frameworks/) for a person to look at.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { buildFrameworkDemos } from '../../scripts/build-framework-demos.mjs';
import { createDemoServer, listenOnFreePort } from '../../scripts/serve.mjs';
import { chromiumArgs, chromiumPath } from '../support/chromium.mjs';

const screenshots = process.env.PARLEY_SCREENSHOTS ?? join(tmpdir(), 'parley-frameworks');

let server;
let browser;
let origin;

before(async () => {
  await buildFrameworkDemos();
  await mkdir(screenshots, { recursive: true });
  // The demo server as `npm start` runs it, without the comment API: the examples keep
  // their comments in a MemoryAdapter.
  server = createDemoServer();
  origin = `http://127.0.0.1:${await listenOnFreePort(server, 0)}`;
  browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
});

after(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
});

/** Text of the seeded comments, top-level and nested, as the widget shows them. */
const examples = [
  { name: 'react', ids: ['r1', 'r2', 'r3'], heard: 'React heard parley-posted: thanks, Margaret.' },
  { name: 'vue', ids: ['v1', 'v2', 'v3'], heard: 'Vue heard parley-posted: thanks, Margaret.' },
];

describe('framework examples', () => {
  for (const { name, ids, heard } of examples) {
    it(`${name}: renders the thread and the count, posts, and the app hears parley-posted`, async () => {
      const tab = await browser.newPage({ viewport: { width: 900, height: 1000 } });
      const problems = [];
      tab.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
      tab.on('console', (m) => {
        // Vue tries to create its own Trusted Types policy and goes on without it when the
        // page's policy (`trusted-types lit-html`) refuses; nothing else may complain.
        if (m.type() === 'error' && !/TrustedTypePolicy named 'vue'/.test(m.text())) problems.push(`console: ${m.text()}`);
      });
      await tab.goto(`${origin}/demo/${name}/`);

      const widget = tab.locator('parley-comments');
      await widget.locator(`#comment-${ids[1]}`).waitFor();
      // The reply sits inside its parent's list item: the thread was built, not flattened.
      const nested = await widget.evaluate(
        (el, [parent, reply]) => el.shadowRoot.getElementById(`comment-${parent}`).closest('li').contains(el.shadowRoot.getElementById(`comment-${reply}`)),
        ids,
      );
      assert.equal(nested, true, 'the reply is nested under its parent');
      assert.equal(await widget.locator('article[part~="comment"]').count(), 3);
      // `heading-level={3}` went through as an attribute, `adapter` as a property.
      assert.equal(await widget.evaluate((el) => el.headingLevel), 3);
      await tab.locator('parley-count').locator('[part="count"]').waitFor();
      assert.equal(await tab.locator('parley-count').evaluate((el) => el.shadowRoot.textContent), '3 comments');

      const form = widget.locator('parley-reply-form').first();
      await form.getByLabel('Name').fill('Margaret');
      await form.getByLabel('Your comment').fill(`Posted from the ${name} example.`);
      await form.getByRole('button', { name: 'Post comment' }).click();
      await tab.locator('#posted-note', { hasText: heard }).waitFor();
      await widget.getByText(`Posted from the ${name} example.`).waitFor();
      assert.equal(await widget.locator('article[part~="comment"]').count(), 4);

      await tab.evaluate(() => document.activeElement?.blur());
      const shot = join(screenshots, `${name}.png`);
      await tab.screenshot({ path: shot, fullPage: true });
      const box = await widget.boundingBox();
      assert.ok(box && box.width > 500 && box.height > 400, `the widget is laid out (${JSON.stringify(box)})`);
      assert.deepEqual(problems, []);
      await tab.close();
    });
  }
});

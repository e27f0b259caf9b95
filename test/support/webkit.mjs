// How every test run starts WebKit: Debian's WebKitGTK (webkit2gtk-driver: WebKitWebDriver
// and the MiniBrowser it drives; nothing downloads a browser), through W3C WebDriver over
// plain HTTP to 127.0.0.1. MiniBrowser needs a display: without $DISPLAY the driver runs
// under xvfb-run.
//
// The launcher presents itself to @web/test-runner as a Puppeteer launcher whose pages
// have Puppeteer's `keyboard` and `setViewport`, each done with WebDriver commands, so the
// stock sendKeys and setViewport commands and the tests that use them run unchanged.
// What WebDriver cannot do (media emulation, accessibility snapshots, coverage) throws
// "not supported in WebKit"; tests that need it are marked with test/support/engine.ts.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';

export const webkitDriverPath = process.env.WEBKIT_DRIVER_PATH ?? '/usr/bin/WebKitWebDriver';
export const miniBrowserPath =
  process.env.WEBKIT_BROWSER_PATH ??
  ['/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser', '/usr/lib/aarch64-linux-gnu/webkit2gtk-4.1/MiniBrowser'].find((p) =>
    existsSync(p),
  ) ??
  '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';

/** Whether this machine has what the WebKit run needs. */
export const webkitAvailable = () =>
  existsSync(webkitDriverPath) && existsSync(miniBrowserPath) && (!!process.env.DISPLAY || existsSync('/usr/bin/xvfb-run'));

// Everything not loopback goes to a closed port on loopback, as for Firefox.
const proxy = { proxyType: 'manual', httpProxy: '127.0.0.1:9', sslProxy: '127.0.0.1:9', noProxy: ['127.0.0.1', 'localhost'] };

/** How long a new WebDriver session may take before the driver is started again. */
const sessionTimeout = 8000;

/** WebDriver's code points for the keys the tests press (W3C WebDriver, "Keyboard actions"). */
const keyCodes = {
  Enter: '\uE007',
  Tab: '\uE004',
  Escape: '\uE00C',
  Shift: '\uE008',
  Control: '\uE009',
  Alt: '\uE00A',
  Meta: '\uE03D',
  Backspace: '\uE003',
  Delete: '\uE017',
  Home: '\uE011',
  End: '\uE010',
  PageUp: '\uE00E',
  PageDown: '\uE00F',
  ArrowLeft: '\uE012',
  ArrowUp: '\uE013',
  ArrowRight: '\uE014',
  ArrowDown: '\uE015',
  Space: ' ',
};
const keyValue = (key) => {
  if (keyCodes[key]) return keyCodes[key];
  if ([...key].length === 1) return key;
  throw new Error(`WebKit launcher: unknown key "${key}"`);
};

const freePort = () =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });

class WebDriverClient {
  constructor(base) {
    this.base = base;
  }

  async send(method, path, body, signal) {
    const res = await fetch(this.base + path, {
      method,
      signal,
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = await res.json().catch(() => ({}));
    if (!res.ok) {
      const v = json.value ?? {};
      throw new Error(`WebDriver ${method} ${path}: ${v.error ?? res.status}: ${v.message ?? ''}`);
    }
    return json.value;
  }
}

/** One WebDriver session, shaped like the part of a Puppeteer page the test runner uses. */
class WebKitPage {
  constructor(driver, sessionId) {
    this.driver = driver;
    this.path = `/session/${sessionId}`;
    const keys = (actions) => this.driver.send('POST', `${this.path}/actions`, { actions: [{ type: 'key', id: 'keyboard', actions }] });
    this.keyboard = {
      down: (key) => keys([{ type: 'keyDown', value: keyValue(key) }]),
      up: (key) => keys([{ type: 'keyUp', value: keyValue(key) }]),
      press: (key) => {
        // "Shift+Tab": hold the modifiers around the last key.
        const parts = key.length > 1 && key.includes('+') ? key.split('+') : [key];
        const values = parts.map(keyValue);
        return keys([
          ...values.map((value) => ({ type: 'keyDown', value })),
          ...values.reverse().map((value) => ({ type: 'keyUp', value })),
        ]);
      },
      type: (text) => keys([...text].flatMap((ch) => [{ type: 'keyDown', value: ch }, { type: 'keyUp', value: ch }])),
    };
  }

  browser() {
    return { protocol: 'webdriver-webkit' };
  }

  /** Puppeteer's mouse, with viewport coordinates, as WebDriver pointer actions. */
  get mouse() {
    const buttons = { left: 0, middle: 1, right: 2 };
    const pointer = (actions) =>
      this.driver.send('POST', `${this.path}/actions`, {
        actions: [{ type: 'pointer', id: 'mouse', parameters: { pointerType: 'mouse' }, actions }],
      });
    const move = (x, y) => ({ type: 'pointerMove', origin: 'viewport', x: Math.round(x), y: Math.round(y), duration: 0 });
    return {
      move: (x, y) => pointer([move(x, y)]),
      down: ({ button = 'left' } = {}) => pointer([{ type: 'pointerDown', button: buttons[button] }]),
      up: ({ button = 'left' } = {}) => pointer([{ type: 'pointerUp', button: buttons[button] }]),
      click: (x, y, { button = 'left' } = {}) =>
        pointer([move(x, y), { type: 'pointerDown', button: buttons[button] }, { type: 'pointerUp', button: buttons[button] }]),
      // Releases every key and button held, and leaves the pointer at the corner.
      reset: async () => {
        await this.driver.send('DELETE', `${this.path}/actions`);
        await pointer([move(0, 0)]);
      },
    };
  }

  /**
   * A new top-level window for each test file, the old one closed: a page left by
   * navigating may stay alive in WebKit's back/forward cache with its IndexedDB
   * connections open, which a later file's database would then wait for.
   */
  async fresh() {
    const old = await this.driver.send('GET', `${this.path}/window`);
    const { handle } = await this.driver.send('POST', `${this.path}/window/new`, { type: 'window' });
    await this.driver.send('POST', `${this.path}/window`, { handle: old });
    await this.driver.send('DELETE', `${this.path}/window`);
    await this.driver.send('POST', `${this.path}/window`, { handle });
  }

  execute(script, ...args) {
    return this.driver.send('POST', `${this.path}/execute/sync`, { script, args });
  }

  goto(url) {
    return this.driver.send('POST', `${this.path}/url`, { url });
  }

  url() {
    return this.driver.send('GET', `${this.path}/url`);
  }

  /** Sets the window so that the page's viewport (innerWidth × innerHeight) is the size asked for. */
  async setViewport({ width, height }) {
    for (let i = 0; i < 4; i++) {
      const [w, h] = await this.execute('return [window.innerWidth, window.innerHeight]');
      if (w === width && h === height) return;
      const rect = await this.driver.send('GET', `${this.path}/window/rect`);
      await this.driver.send('POST', `${this.path}/window/rect`, { width: rect.width + width - w, height: rect.height + height - h });
    }
    const [w, h] = await this.execute('return [window.innerWidth, window.innerHeight]');
    if (w !== width || h !== height) throw new Error(`WebKit: the viewport stays ${w}×${h}, not ${width}×${height}`);
  }

  emulateMediaFeatures() {
    throw new Error('media emulation is not supported in WebKit (W3C WebDriver has no command for it)');
  }

  emulateMediaType() {
    throw new Error('media emulation is not supported in WebKit (W3C WebDriver has no command for it)');
  }

  get accessibility() {
    throw new Error('accessibility snapshots are not supported in WebKit (W3C WebDriver has no command for it)');
  }
}

/** A @web/test-runner browser launcher for WebKitGTK through WebKitWebDriver. */
export function webkitLauncher() {
  let driverProcess;
  let driver;
  let page;
  let starting;
  let used = false;
  const active = new Set();

  function killDriver() {
    try {
      process.kill(-driverProcess.pid, 'SIGKILL');
    } catch {
      // already exited
    }
  }

  async function startOnce() {
    const port = await freePort();
    const driverArgs = [`--port=${port}`, '--host=local'];
    // xvfb-run gives MiniBrowser a virtual display; -a picks a free display number.
    const [command, args] = process.env.DISPLAY
      ? [webkitDriverPath, driverArgs]
      : ['xvfb-run', ['-a', '-s', '-screen 0 1280x1024x24 -nolisten tcp', webkitDriverPath, ...driverArgs]];
    driverProcess = spawn(command, args, {
      stdio: ['ignore', 'ignore', 'pipe'],
      detached: true,
      // WebKitGTK takes navigator.language from the process's locale: under LANG=C it is
      // "C", which no real Safari reports (and Intl rejects). Readers' browsers say en-US.
      env: { ...process.env, LANGUAGE: 'en_US', LC_MESSAGES: 'en_US.UTF-8' },
    });
    // Should the test runner die without stopping us, take the driver, Xvfb and the
    // browser down with it.
    process.once('exit', killDriver);
    let stderr = '';
    driverProcess.stderr.on('data', (d) => (stderr = (stderr + d).slice(-4000)));
    driver = new WebDriverClient(`http://127.0.0.1:${port}`);
    const deadline = Date.now() + 20000;
    for (;;) {
      try {
        if ((await driver.send('GET', '/status'))?.ready) break;
      } catch {
        // not listening yet
      }
      if (driverProcess.exitCode !== null || Date.now() > deadline) {
        throw new Error(`WebKitWebDriver did not start (exit ${driverProcess.exitCode}): ${stderr}`);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    const session = await driver.send(
      'POST',
      '/session',
      {
        capabilities: {
          alwaysMatch: {
            browserName: 'MiniBrowser',
            proxy,
            'webkitgtk:browserOptions': { binary: miniBrowserPath, args: ['--automation'] },
          },
        },
      },
      AbortSignal.timeout(sessionTimeout),
    );
    page = new WebKitPage(driver, session.sessionId);
    await page.setViewport({ width: 800, height: 600 });
    return page;
  }

  // About one start in five, MiniBrowser comes up but never connects to the driver, and
  // the new-session request hangs (WebKitGTK 2.50 under Xvfb): start again, from scratch.
  async function start() {
    const errors = [];
    for (let attempt = 1; attempt <= 4; attempt++) {
      try {
        return await startOnce();
      } catch (error) {
        errors.push(`attempt ${attempt}: ${error.message}`);
        killDriver();
      }
    }
    throw new Error(`WebKit did not start:\n${errors.join('\n')}`);
  }

  return {
    name: 'WebKit',
    type: 'puppeteer', // see the note at the top: a page with Puppeteer's keyboard and setViewport
    concurrency: 1,
    async initialize() {},
    async stop() {
      if (!driverProcess) return;
      try {
        await driver.send('DELETE', `${page.path}`);
      } catch {
        // the browser is gone already
      }
      killDriver();
    },
    async startSession(sessionId, url) {
      starting ??= start();
      await starting;
      active.add(sessionId);
      if (used) await page.fresh();
      used = true;
      await page.setViewport({ width: 800, height: 600 });
      await page.goto(url);
    },
    isActive: (sessionId) => active.has(sessionId),
    getBrowserUrl: () => page.url(),
    getPage: () => page,
    async startDebugSession() {
      throw new Error('no debug sessions in WebKit');
    },
    async stopSession(sessionId) {
      active.delete(sessionId);
      // Leave the test page so none of its timers run on.
      await page.goto('about:blank');
      return {};
    },
  };
}

// A dead-end HTTP proxy on 127.0.0.1 for the test browser: every request Chromium would
// send off this machine arrives here instead, is recorded, and gets no answer.
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { SERVER_DIR } from './install.mjs';

/** What the page tried to reach off this machine: each line a test failure. */
export const SINKHOLE_LOG = join(SERVER_DIR, 'run', 'browser-offsite.log');
/** Chromium's own service calls, recorded for the curious but not failures. */
const BACKGROUND_LOG = join(SERVER_DIR, 'run', 'browser-background.log');

// Debian's Chromium calls these (network time, component updates, account checks) even
// with --disable-background-networking and --disable-component-update; they end here
// like everything else, but they say nothing about the code under test.
const CHROMIUM_OWN = /^(?:[\w-]+\.)*(?:google\.com|googleapis\.com|gvt1\.com|gstatic\.com)$/i;

/** The host a proxy request line names: `CONNECT host:443 …` or `GET http://host/… …`. */
function hostOf(line) {
  const target = line.split(' ')[1] ?? '';
  try {
    return target.includes('://') ? new URL(target).hostname : target.replace(/:\d+$/, '');
  } catch {
    return target;
  }
}

/**
 * Starts the sinkhole.
 * @returns {Promise<{ port: number, entries: string[], background: string[], close: () => Promise<void> }>}
 */
export async function startSinkhole() {
  mkdirSync(dirname(SINKHOLE_LOG), { recursive: true });
  writeFileSync(SINKHOLE_LOG, '');
  writeFileSync(BACKGROUND_LOG, '');
  const entries = [];
  const background = [];
  const server = createServer((socket) => {
    socket.once('data', (chunk) => {
      const line = chunk.toString('latin1').split('\r\n', 1)[0].slice(0, 300);
      const own = CHROMIUM_OWN.test(hostOf(line));
      (own ? background : entries).push(line);
      appendFileSync(own ? BACKGROUND_LOG : SINKHOLE_LOG, `${new Date().toISOString()} ${line}\n`);
      socket.destroy();
    });
    socket.on('error', () => {});
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  // It must not keep the test runner alive on its own.
  server.unref();
  return {
    port: server.address().port,
    entries,
    background,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

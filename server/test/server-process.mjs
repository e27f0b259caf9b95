/**
 * Runs `server/main.mjs` as a child process on an ephemeral port, for tests that need
 * a real process (durability, CLI start-up).
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const MAIN = fileURLToPath(new URL('../main.mjs', import.meta.url));

/**
 * @param {string[]} args Extra CLI arguments (e.g. `--db`).
 * @param {{ command?: string[], cwd?: string, env?: NodeJS.ProcessEnv }} [options]
 *   `command` replaces `node server/main.mjs` (e.g. an installed `npx parley-server`).
 * @returns {Promise<{ url: string, banner: string, child: import('node:child_process').ChildProcess,
 *                     stop: () => Promise<void>, kill: () => Promise<void> }>}
 */
export function startServer(args, { command = [process.execPath, MAIN], cwd, env } = {}) {
  const [file, ...head] = command;
  const child = spawn(file, [...head, '--port', '0', '--rate-max', '0', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    cwd,
    env,
    // Its own process group: a launcher such as npx does not pass signals on, so stop
    // and kill signal the whole group.
    detached: true,
  });
  const signal = (name) => {
    try {
      process.kill(-child.pid, name);
    } catch (error) {
      if (error.code !== 'ESRCH') throw error;
    }
  };
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8');
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk) => (stderr += chunk));
  // Done when the launched process has exited and every process holding its output
  // (a server started by npx) has gone too.
  const exited = Promise.all([
    new Promise((resolve) => child.once('exit', resolve)),
    new Promise((resolve) => child.stdout.once('close', resolve)),
    new Promise((resolve) => child.stderr.once('close', resolve)),
  ]).then(([code]) => code);

  return new Promise((resolve, reject) => {
    const onData = (chunk) => {
      stdout += chunk;
      const match = /on (http:\/\/127\.0\.0\.1:\d+\/api)/.exec(stdout);
      if (!match) return;
      child.stdout.off('data', onData);
      child.stdout.resume();
      resolve({
        url: match[1],
        banner: stdout,
        child,
        async stop() {
          signal('SIGTERM');
          await exited;
        },
        async kill() {
          signal('SIGKILL');
          await exited;
        },
      });
    };
    child.stdout.on('data', onData);
    exited.then((code) => reject(new Error(`server exited (${code}) before listening: ${stderr}`)));
  });
}

// The Waline integration test: test/waline/*.test.ts in Chromium against real Waline
// servers on 127.0.0.1, proxied under this test server so the page talks to them
// same-origin. Run through `node scripts/waline/test.mjs` (npm run test:waline), which
// installs Waline first and checks afterwards that nothing tried to leave this machine.
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner';
import { launchWaline } from './scripts/waline/launch.mjs';
import { startSinkhole } from './scripts/waline/sinkhole.mjs';
import { walineMiddleware } from './scripts/waline/middleware.mjs';
import { chromiumArgs, chromiumPath } from './test/support/chromium.mjs';


// Everything the browser would send off loopback goes to this "proxy" on 127.0.0.1,
// which records it and answers nothing; Chromium never proxies loopback itself.
const sinkhole = await startSinkhole();

/** The running servers, by the path prefix they are proxied under. */
const servers = {};

export default {
  files: 'test/waline/**/*.test.ts',
  // Lit's production build: its dev-mode notice would be the only log line.
  nodeResolve: { exportConditions: ['production'] },
  concurrency: 1,
  testFramework: { config: { timeout: 20000 } },
  testsFinishTimeout: 3 * 60 * 1000,
  middleware: [walineMiddleware(servers, sinkhole)],
  plugins: [
    esbuildPlugin({ ts: true, tsconfig: './tsconfig.json', target: 'es2022' }),
    {
      name: 'waline-servers',
      async serverStart({ config }) {
        // Avatars come from this test server, so no image is ever fetched from outside.
        const avatars = `http://${config.hostname}:${config.port}/waline-avatar/{{mail|md5}}.svg`;
        const [waline, audited] = await Promise.all([
          launchWaline({ name: 'waline', env: { GRAVATAR_STR: avatars } }),
          // Every comment waits for moderation here: the pending path.
          launchWaline({ name: 'waline-audit', env: { GRAVATAR_STR: avatars, COMMENT_AUDIT: 'true' } }),
        ]);
        servers['/waline'] = waline;
        servers['/waline-audit'] = audited;
      },
      async serverStop() {
        await Promise.all(Object.values(servers).map((server) => server.stop()));
        await sinkhole.close();
      },
    },
  ],
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath: chromiumPath,
        headless: true,
        // Off-loopback traffic goes to the sinkhole, which records it and answers nothing.
        args: [...chromiumArgs, `--proxy-server=http://127.0.0.1:${sinkhole.port}`],
      },
    }),
  ],
};

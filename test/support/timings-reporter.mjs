// WTR_TIMINGS=1: after a run, the slowest test files in each engine (the sum of their
// tests' durations), to see where the browser suite's time goes.
export function timingsReporter({ top = 12 } = {}) {
  return {
    onTestRunFinished({ sessions }) {
      const byBrowser = new Map();
      for (const session of sessions) {
        let ms = 0;
        const walk = (suite) => {
          for (const t of suite?.tests ?? []) ms += t.duration ?? 0;
          for (const s of suite?.suites ?? []) walk(s);
        };
        walk(session.testResults);
        const name = session.browser.name;
        if (!byBrowser.has(name)) byBrowser.set(name, []);
        byBrowser.get(name).push([ms, session.testFile]);
      }
      for (const [name, files] of byBrowser) {
        const total = files.reduce((sum, [ms]) => sum + ms, 0);
        console.log(`\n${name}: ${(total / 1000).toFixed(1)} s in tests; slowest files:`);
        for (const [ms, file] of files.sort((a, b) => b[0] - a[0]).slice(0, top)) {
          console.log(`  ${(ms / 1000).toFixed(1).padStart(6)} s  ${file.replace(process.cwd() + '/', '')}`);
        }
      }
    },
  };
}

// Runs mocha inside the VS Code extension host. The harness bundles each suite (this runner + its
// test files) into one CommonJS file and passes it as extensionTestsPath; VS Code calls run().
// Results go to $ENTRA_HOST_RESULTS (JSON) so the harness can add them to the run's totals.
import * as fs from 'node:fs';
import Mocha from 'mocha';

export interface HostResults {
  passed: number;
  failed: number;
  skipped: number;
  failures: { title: string; error: string }[];
  /** Every test in run order, for the harness to print. */
  tests: { title: string; state: 'passed' | 'failed' | 'skipped' }[];
}

export function runSuites(load: () => void): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 30_000, reporter: 'spec' });
  // The test files are already bundled: expose describe/it, then evaluate them.
  mocha.suite.emit('pre-require', globalThis, 'bundle', mocha);
  load();
  return new Promise((resolve, reject) => {
    const results: HostResults = { passed: 0, failed: 0, skipped: 0, failures: [], tests: [] };
    const runner = mocha.run((failures) => {
      const file = process.env.ENTRA_HOST_RESULTS;
      if (file) fs.writeFileSync(file, JSON.stringify(results, null, 2));
      if (failures) reject(new Error(`${failures} test(s) failed in the extension host.`));
      else resolve();
    });
    runner.on('pass', (test) => {
      results.passed++;
      results.tests.push({ title: test.fullTitle(), state: 'passed' });
    });
    runner.on('pending', (test) => {
      results.skipped++;
      results.tests.push({ title: test.fullTitle(), state: 'skipped' });
    });
    runner.on('fail', (test, err: unknown) => {
      results.failed++;
      results.tests.push({ title: test.fullTitle(), state: 'failed' });
      results.failures.push({ title: test.fullTitle(), error: err instanceof Error ? `${err.message}\n${err.stack ?? ''}` : String(err) });
    });
  });
}

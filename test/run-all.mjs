// `npm test` after type-check and build: every suite — mocha (unit, CLI, emulator, browser) and the
// VS Code suites in code-server (test/e2e/run.ts: in-host, UI, restricted mode) — ending with the
// line CI reads: "N passed, N failed", summed over all of them. Each suite writes its totals to
// $ENTRA_TEST_TOTALS; a suite that fails without reporting counts as one failure.
// ENTRA_SKIP_VSCODE=1 skips the VS Code suites (quick local runs; CI never sets it).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const suites = [
  { name: 'mocha', args: ['node_modules/mocha/bin/mocha.js', ...process.argv.slice(2)] },
  { name: 'vscode', args: ['--import', 'tsx', 'test/e2e/run.ts'], skip: process.env.ENTRA_SKIP_VSCODE === '1' },
];

const dir = mkdtempSync(join(tmpdir(), 'entra-totals-'));
const total = { passed: 0, failed: 0, skipped: 0 };
let exitCode = 0;
for (const suite of suites) {
  if (suite.skip) {
    console.log(`(${suite.name} suites skipped: ENTRA_SKIP_VSCODE=1)`);
    continue;
  }
  const file = join(dir, `${suite.name}.json`);
  const res = spawnSync(process.execPath, suite.args, { stdio: 'inherit', env: { ...process.env, ENTRA_TEST_TOTALS: file } });
  let t;
  try {
    t = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    t = { passed: 0, failed: 1, skipped: 0 };
    console.error(`${suite.name}: ended (${res.status ?? res.signal}) without reporting totals`);
  }
  if (res.status !== 0 && !t.failed) t.failed = 1;
  if (res.status !== 0) exitCode = 1;
  total.passed += t.passed ?? 0;
  total.failed += t.failed ?? 0;
  total.skipped += t.skipped ?? 0;
}
rmSync(dir, { recursive: true, force: true });
if (total.failed) exitCode = 1;
console.log(`${total.passed} passed, ${total.failed} failed${total.skipped ? `, ${total.skipped} skipped` : ''}`);
process.exit(exitCode);

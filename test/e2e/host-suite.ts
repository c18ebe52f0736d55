// Bundles the in-host mocha suites and runs them in code-server's real (Node) extension host, the way
// @vscode/test-electron does with --extensionDevelopmentPath/--extensionTestsPath: the web workbench
// reads both from the URL `payload` and reports the end through window.codeAutomationExit.
import * as esbuild from 'esbuild';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { format } from 'node:util';
import type { Browser } from 'playwright-core';
import { ROOT } from './paths';

export interface SuiteTotals {
  passed: number;
  failed: number;
  skipped: number;
}

/** mocha stays outside the bundle, loaded from the project's node_modules by absolute path (bundles may live outside the project). */
const mochaFromProject: esbuild.Plugin = {
  name: 'mocha-from-project',
  setup(build) {
    build.onResolve({ filter: /^mocha$/ }, () => ({ path: require.resolve('mocha', { paths: [ROOT] }), external: true }));
  },
};

/** One CommonJS file per suite: the runner plus its test files, loaded lazily inside run(). */
export async function bundleHostSuite(name: string, testFiles: string[], outDir: string): Promise<string> {
  const runner = path.join(ROOT, 'test', 'host', 'runner.ts');
  const requires = testFiles.map((f) => `require(${JSON.stringify(f)});`).join('\n    ');
  const contents = `import { runSuites } from ${JSON.stringify(runner)};
export function run() {
  return runSuites(() => {
    ${requires}
  });
}
`;
  const outfile = path.join(outDir, `${name}.js`);
  await esbuild.build({
    stdin: { contents, resolveDir: path.join(ROOT, 'test', 'host'), sourcefile: `${name}-entry.ts`, loader: 'ts' },
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    outfile,
    external: ['vscode'],
    plugins: [mochaFromProject],
    mainFields: ['module', 'main'],
    sourcemap: 'inline',
    logLevel: 'error',
  });
  return outfile;
}

/** The same tests as one plain mocha file (no runner), for @vscode/test-cli, which brings its own mocha. */
export async function bundlePlainSuite(name: string, testFiles: string[], outDir: string): Promise<string> {
  const outfile = path.join(outDir, `${name}.test.js`);
  await esbuild.build({
    stdin: { contents: testFiles.map((f) => `import ${JSON.stringify(f)};`).join('\n'), resolveDir: path.join(ROOT, 'test', 'host'), sourcefile: `${name}-plain.ts`, loader: 'ts' },
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    outfile,
    external: ['vscode'],
    plugins: [mochaFromProject],
    mainFields: ['module', 'main'],
    sourcemap: 'inline',
    logLevel: 'error',
  });
  return outfile;
}

export function hostTestFiles(dir: string): string[] {
  return fs.readdirSync(dir).filter((f) => f.endsWith('.test.ts')).sort().map((f) => path.join(dir, f));
}

export interface HostRunOptions {
  browser: Browser;
  base: string;
  folder: string;
  extensionDevelopmentPath: string;
  extensionTestsPath: string;
  resultsFile: string;
  screenshot: string;
  timeoutMs?: number;
  log: (line: string) => void;
}

/** Opens the workbench in test mode and waits for the host's exit code; totals come from the results file. */
export async function runHostSuite(o: HostRunOptions): Promise<SuiteTotals> {
  const authority = new URL(o.base).host;
  const remote = (p: string): string => `vscode-remote://${authority}${p}`; // vscode-remote = the Node extension host
  const payload = [['extensionDevelopmentPath', remote(o.extensionDevelopmentPath)], ['extensionTestsPath', remote(o.extensionTestsPath)]];
  const url = `${o.base}/?folder=${encodeURIComponent(o.folder)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  fs.rmSync(o.resultsFile, { force: true });

  const page = await o.browser.newPage({ viewport: { width: 1400, height: 900 } });
  let finish!: (code: number | 'timeout') => void;
  const exited = new Promise<number | 'timeout'>((resolve) => (finish = resolve));
  const raw = fs.createWriteStream(o.resultsFile.replace(/\.json$/, '.log'));
  await page.exposeFunction('codeAutomationLog', (type: string, args: unknown) => {
    // Workbench and extension-host console output (mocha's spec reporter among it): kept in a log file.
    raw.write(`[${type}] ${format(...(Array.isArray(args) ? args : [args]))}\n`);
  });
  await page.exposeFunction('codeAutomationExit', (code: number) => finish(code));
  await page.goto(url);
  const timer = setTimeout(() => finish('timeout'), o.timeoutMs ?? 240_000);
  const code = await exited;
  clearTimeout(timer);
  if (code !== 0) await page.screenshot({ path: o.screenshot }).catch(() => undefined);
  await page.close();
  raw.end();

  let totals: (SuiteTotals & { tests?: { title: string; state: string }[]; failures?: { title: string; error: string }[] }) | undefined;
  try {
    totals = JSON.parse(fs.readFileSync(o.resultsFile, 'utf8')) as typeof totals;
  } catch {
    totals = undefined;
  }
  for (const t of totals?.tests ?? []) o.log(`${t.state === 'passed' ? '✔' : t.state === 'failed' ? '✖' : '-'} ${t.title}`);
  for (const f of totals?.failures ?? []) o.log(`✖ ${f.title}\n      ${f.error.split('\n').slice(0, 12).join('\n      ')}`);
  if (code === 'timeout') o.log(`extension host tests did not finish in time`);
  if (!totals) {
    o.log(`see ${o.resultsFile.replace(/\.json$/, '.log')} for the workbench log`);
    // The runner never reported (bundle failed to load, host crashed…): that is a failure, not "0 tests".
    o.log(`extension host tests ended with ${code} and wrote no results`);
    return { passed: 0, failed: 1, skipped: 0 };
  }
  if (code !== 0 && totals.failed === 0) totals.failed = 1;
  return { passed: totals.passed, failed: totals.failed, skipped: totals.skipped };
}

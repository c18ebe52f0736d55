// The VS Code test run: code-server (VS Code 1.100.3) + Debian Chromium, no downloads beyond npm and apt.
//   1. install code-server once (test/e2e/install.ts), package the .vsix (what users install);
//   2. trusted server: in-host mocha suites (test/host/*.test.ts) against the unpacked .vsix, then the UI
//      suite (test/e2e/ui) in the browser against the installed .vsix;
//   3. a server with workspace trust on: the restricted-mode suite (test/host/restricted);
//   4. stop every server's process group; totals to $ENTRA_TEST_TOTALS (or print "N passed, N failed").
// Usage: npx tsx test/e2e/run.ts            (ENTRA_E2E_ONLY=host|ui|restricted runs one part;
//   ENTRA_E2E_FILES=regex keeps only the suite files whose name matches, e.g. 'token|inspector';
//   ENTRA_E2E_DIR / ENTRA_E2E_ARTIFACTS give a run its own work and artefact folders)
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';
import { launchChromium } from './browser';
import { bundleHostSuite, hostTestFiles, runHostSuite, type SuiteTotals } from './host-suite';
import { ensureCodeServer } from './install';
import { ARTIFACTS, E2E_DIR, FIXTURE_WORKSPACES, ROOT } from './paths';
import { installExtension, startCodeServer, type CodeServer } from './server';

const t0 = Date.now();
const log = (msg: string): void => console.log(`[vscode-e2e ${((Date.now() - t0) / 1000).toFixed(1)}s] ${msg}`);
const only = process.env.ENTRA_E2E_ONLY;
const wants = (part: string): boolean => !only || only.split(',').includes(part);
const fileFilter = process.env.ENTRA_E2E_FILES ? new RegExp(process.env.ENTRA_E2E_FILES, 'i') : undefined;
const keep = (file: string): boolean => !fileFilter || fileFilter.test(path.basename(file));

function sh(cmd: string, args: string[], logFile: string): void {
  const res = spawnSync(cmd, args, { cwd: ROOT, encoding: 'utf8' });
  fs.writeFileSync(logFile, `${res.stdout}\n${res.stderr}`);
  if (res.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed:\n${`${res.stdout}\n${res.stderr}`.trim().split('\n').slice(-30).join('\n')}`);
}

/** Packages exactly what the Marketplace would get (vscode:prepublish = production bundle, .vscodeignore allow-list). */
function packageVsix(work: string): string {
  const vsix = path.join(work, 'entra-app-doctor.vsix');
  const repo = 'https://github.com/entra-app-doctor/entra-app-doctor';
  sh(path.join(ROOT, 'node_modules', '.bin', 'vsce'), ['package', '--no-dependencies', '--allow-missing-repository', '--skip-license',
    '--baseContentUrl', `${repo}/blob/main`, '--baseImagesUrl', `${repo}/raw/main`, '--out', vsix], path.join(ARTIFACTS, 'vsce.log'));
  return vsix;
}

function copyWorkspace(name: string, work: string): string {
  const dest = path.join(work, 'ws', name);
  fs.cpSync(path.join(FIXTURE_WORKSPACES, name), dest, { recursive: true });
  return dest;
}

async function runUiSuite(base: string, folder: string): Promise<SuiteTotals> {
  process.env.E2E_BASE = base;
  process.env.E2E_FOLDER = folder;
  process.env.E2E_ARTIFACTS = ARTIFACTS;
  const mocha = new Mocha({ ui: 'bdd', reporter: 'spec', timeout: 120_000 });
  for (const f of fs.readdirSync(path.join(__dirname, 'ui')).filter((x) => x.endsWith('.test.ts') && keep(x)).sort()) {
    mocha.addFile(path.join(__dirname, 'ui', f));
  }
  await mocha.loadFilesAsync();
  return new Promise((resolve) => {
    const runner = mocha.run(() => resolve({ passed: runner.stats?.passes ?? 0, failed: runner.stats?.failures ?? 0, skipped: runner.stats?.pending ?? 0 }));
  });
}

async function main(): Promise<SuiteTotals> {
  const work = path.join(E2E_DIR, 'run');
  fs.rmSync(work, { recursive: true, force: true });
  fs.rmSync(ARTIFACTS, { recursive: true, force: true });
  fs.mkdirSync(work, { recursive: true });
  fs.mkdirSync(ARTIFACTS, { recursive: true });

  const entry = ensureCodeServer(log);
  log('packaging the extension');
  const vsix = packageVsix(work);
  const extensionsDir = path.join(work, 'extensions');
  installExtension(entry, path.join(work, 'install-data'), extensionsDir, vsix);
  // In-host suites load the .vsix as code-server unpacked it, as the development extension: they test the shipped bundle.
  const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { publisher: string; name: string; version: string };
  const devPath = path.join(extensionsDir, `${manifest.publisher}.${manifest.name}-${manifest.version}`);
  if (!fs.existsSync(path.join(devPath, 'package.json'))) throw new Error(`the .vsix was not installed where expected: ${devPath}`);

  const outDir = path.join(work, 'suites');
  const hostDir = path.join(ROOT, 'test', 'host');
  const mainSuite = await bundleHostSuite('main', hostTestFiles(hostDir).filter(keep), outDir);
  const restrictedSuite = await bundleHostSuite('restricted', hostTestFiles(path.join(hostDir, 'restricted')).filter(keep), outDir);

  const totals: SuiteTotals = { passed: 0, failed: 0, skipped: 0 };
  const add = (name: string, t: SuiteTotals): void => {
    log(`${name}: ${t.passed} passed, ${t.failed} failed${t.skipped ? `, ${t.skipped} skipped` : ''}`);
    totals.passed += t.passed;
    totals.failed += t.failed;
    totals.skipped += t.skipped;
  };
  // The servers' HOME is a scratch folder: user secrets written by the tests land there, not in ~.
  const home = path.join(work, 'home');
  fs.mkdirSync(home, { recursive: true });
  process.env.E2E_HOME = home;
  const browser = await launchChromium();
  let server: CodeServer | undefined;
  try {
    if (wants('host') || wants('ui')) {
      server = await startCodeServer({
        entry, userDataDir: path.join(work, 'data-trusted'), extensionsDir, workspaceTrust: false,
        env: { ENTRA_HOST_RESULTS: path.join(ARTIFACTS, 'host-main.json'), HOME: home }, log: path.join(ARTIFACTS, 'code-server-trusted.log'),
      });
      log(`code-server up at ${server.base}`);
      if (wants('host')) {
        log('in-host suites (real extension host)');
        add('in-host', await runHostSuite({
          browser, base: server.base, folder: copyWorkspace('apps', path.join(work, 'host')), extensionDevelopmentPath: devPath,
          extensionTestsPath: mainSuite, resultsFile: path.join(ARTIFACTS, 'host-main.json'),
          screenshot: path.join(ARTIFACTS, 'host-main-failed.png'), log: (l) => console.log(`  ${l}`),
        }));
      }
      if (wants('ui')) {
        log('UI suite (browser)');
        process.env.E2E_USER_DATA = path.join(work, 'data-trusted'); // UI tests may add user settings (User/settings.json)
        add('ui', await runUiSuite(server.base, copyWorkspace('apps', path.join(work, 'ui'))));
      }
      await server.stop();
      server = undefined;
    }
    if (wants('restricted')) {
      server = await startCodeServer({
        entry, userDataDir: path.join(work, 'data-restricted'), extensionsDir, workspaceTrust: true,
        env: { ENTRA_HOST_RESULTS: path.join(ARTIFACTS, 'host-restricted.json'), HOME: home }, log: path.join(ARTIFACTS, 'code-server-restricted.log'),
      });
      log(`restricted-mode suite (workspace trust on) at ${server.base}`);
      add('restricted', await runHostSuite({
        browser, base: server.base, folder: copyWorkspace('restricted', path.join(work, 'restricted')), extensionDevelopmentPath: devPath,
        extensionTestsPath: restrictedSuite, resultsFile: path.join(ARTIFACTS, 'host-restricted.json'),
        screenshot: path.join(ARTIFACTS, 'host-restricted-failed.png'), log: (l) => console.log(`  ${l}`),
      }));
      await server.stop();
      server = undefined;
    }
  } finally {
    await server?.stop();
    await browser.close();
  }
  return totals;
}

main()
  .catch((err: unknown) => {
    console.error(`VS Code tests could not run: ${err instanceof Error ? err.message : String(err)}`);
    return { passed: 0, failed: 1, skipped: 0 };
  })
  .then((t) => {
    log(`done; screenshots and logs in ${path.relative(ROOT, ARTIFACTS)}/`);
    if (process.env.ENTRA_TEST_TOTALS) fs.writeFileSync(process.env.ENTRA_TEST_TOTALS, JSON.stringify(t));
    else console.log(`${t.passed} passed, ${t.failed} failed${t.skipped ? `, ${t.skipped} skipped` : ''}`);
    process.exit(t.failed ? 1 : 0);
  });

// The same in-host suites through @vscode/test-electron, for contributors whose machine can download
// VS Code (CI cannot: it uses code-server, see run.ts). Also prepares what .vscode-test.mjs needs.
//   npm run test:vscode-electron            (VSCODE_VERSION=1.90.0 to test the minimum engine)
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';
import { bundleHostSuite, bundlePlainSuite, hostTestFiles } from './host-suite';
import { E2E_DIR, FIXTURE_WORKSPACES, ROOT } from './paths';
import { userSettings } from './server';

export async function prepare(): Promise<{ main: string; restricted: string; work: string }> {
  const outDir = path.join(ROOT, 'out', 'test', 'host');
  const hostDir = path.join(ROOT, 'test', 'host');
  const work = path.join(E2E_DIR, 'electron');
  fs.rmSync(work, { recursive: true, force: true });
  for (const ws of ['apps', 'restricted']) fs.cpSync(path.join(FIXTURE_WORKSPACES, ws), path.join(work, 'ws', ws), { recursive: true });
  const main = await bundleHostSuite('main', hostTestFiles(hostDir), outDir);
  const restricted = await bundleHostSuite('restricted', hostTestFiles(path.join(hostDir, 'restricted')), outDir);
  await bundlePlainSuite('main', hostTestFiles(hostDir), outDir);
  await bundlePlainSuite('restricted', hostTestFiles(path.join(hostDir, 'restricted')), outDir);
  return { main, restricted, work };
}

async function run(): Promise<number> {
  const { main, restricted, work } = await prepare();
  if (process.argv.includes('--prepare-only')) return 0;
  const version = process.env.VSCODE_VERSION ?? 'stable';
  let failed = 0;
  for (const [name, tests, trust] of [['main', main, false], ['restricted', restricted, true]] as const) {
    const userData = path.join(work, `data-${name}`);
    fs.mkdirSync(path.join(userData, 'User'), { recursive: true });
    fs.writeFileSync(path.join(userData, 'User', 'settings.json'), JSON.stringify(userSettings(trust), null, 2));
    try {
      await runTests({
        version,
        extensionDevelopmentPath: ROOT,
        extensionTestsPath: tests,
        launchArgs: [path.join(work, 'ws', name === 'main' ? 'apps' : 'restricted'), '--disable-extensions', '--user-data-dir', userData,
          ...(trust ? [] : ['--disable-workspace-trust'])],
      });
    } catch {
      failed++;
    }
  }
  return failed ? 1 : 0;
}

if (require.main === module) {
  run().then((code) => process.exit(code), (err: unknown) => {
    console.error(err instanceof Error ? err.message : String(err));
    process.exit(1);
  });
}

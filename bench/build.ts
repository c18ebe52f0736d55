// Production bundles for the benchmarks, built by the project's own esbuild.mjs into bench/.work/build/dist
// (a folder of symbolic links to the checkout), so dist/ — which tests rebuild — is left alone.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';

export const ROOT = join(__dirname, '..');
export const WORK = join(__dirname, '.work');

export function buildProduction(): string {
  const dir = join(WORK, 'build');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  for (const name of ['src', 'node_modules', 'package.json', 'tsconfig.json']) {
    if (existsSync(join(ROOT, name))) symlinkSync(join(ROOT, name), join(dir, name));
  }
  copyFileSync(join(ROOT, 'esbuild.mjs'), join(dir, 'esbuild.mjs'));
  const r = spawnSync(process.execPath, ['esbuild.mjs', '--production'], { cwd: dir, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`production build failed:\n${r.stderr}${r.stdout}`);
  return join(dir, 'dist');
}

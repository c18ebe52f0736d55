// Installs code-server (VS Code 1.100.3 server + web workbench) into its own prefix, using only the
// npm registry and Debian packages. Four fixes make that work offline from GitHub and as root:
//   1. `npm install --ignore-scripts`, so nothing downloads before we are ready;
//   2. seed @vscode/ripgrep's download cache with Debian's `rg` (its postinstall would ask api.github.com);
//   3. Debian's libkrb5-dev provides the headers the `kerberos` native module builds against;
//   4. `npm rebuild` with npm_config_unsafe_perm (postinstall refuses root otherwise) and npm_config_yes
//      (node-pty's postinstall runs `npx node-gyp`, which waits for a TTY otherwise).
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CODE_SERVER_ENTRY, CODE_SERVER_PREFIX, CODE_SERVER_VERSION } from './paths';

const STAMP = path.join(CODE_SERVER_PREFIX, '.installed');

function run(cmd: string, args: string[], opts: { cwd: string; env?: NodeJS.ProcessEnv; log?: string }): void {
  const res = spawnSync(cmd, args, { cwd: opts.cwd, env: opts.env ?? process.env, encoding: 'utf8', maxBuffer: 64 << 20 });
  if (opts.log) fs.writeFileSync(opts.log, `${res.stdout ?? ''}\n${res.stderr ?? ''}`);
  if (res.status !== 0) {
    const tail = `${res.stdout ?? ''}\n${res.stderr ?? ''}`.trim().split('\n').slice(-40).join('\n');
    throw new Error(`${cmd} ${args.join(' ')} failed (exit ${res.status ?? res.signal}):\n${tail}`);
  }
}

function which(cmd: string): string | undefined {
  const res = spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' });
  return res.status === 0 ? res.stdout.trim() : undefined;
}

/** Checks the Debian packages the install and the tests need; .ci/run installs them with apt. */
export function checkSystemPackages(): void {
  const missing: string[] = [];
  if (!which('rg')) missing.push('ripgrep');
  if (spawnSync('dpkg', ['-s', 'libkrb5-dev'], { stdio: 'ignore' }).status !== 0) missing.push('libkrb5-dev');
  if (!which('g++') || !which('make')) missing.push('build-essential');
  if (missing.length) {
    throw new Error(`The VS Code tests need Debian packages that are not installed: ${missing.join(', ')}.\n` +
      `Install them with: apt-get install -y ${missing.join(' ')}  (.ci/run does this).`);
  }
}

/** Puts Debian's rg where @vscode/ripgrep's postinstall looks for a cached download of `version`. */
function seedRipgrepCache(version: string): void {
  const rg = which('rg');
  if (!rg) throw new Error('ripgrep (rg) is not installed');
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'entra-rg-'));
  try {
    run('npm', ['pack', '--silent', `@vscode/ripgrep@${version}`], { cwd: tmp });
    const tgz = fs.readdirSync(tmp).find((f) => f.endsWith('.tgz'));
    if (!tgz) throw new Error(`npm pack @vscode/ripgrep@${version} produced no tarball`);
    run('tar', ['xzf', tgz], { cwd: tmp });
    // The release tags the postinstall asks for (VERSION and MULTI_ARCH_LINUX_VERSION).
    const postinstall = fs.readFileSync(path.join(tmp, 'package', 'lib', 'postinstall.js'), 'utf8');
    const tags = [...postinstall.matchAll(/VERSION = '([^']+)'/g)].map((m) => m[1]!);
    if (!tags.length) throw new Error('could not read the ripgrep release tags from @vscode/ripgrep postinstall.js');
    const target = { x64: 'x86_64-unknown-linux-musl', arm64: 'aarch64-unknown-linux-musl' }[process.arch as string];
    if (!target) throw new Error(`unsupported architecture for the ripgrep seed: ${process.arch}`);
    const cache = path.join(os.tmpdir(), `vscode-ripgrep-cache-${version}`); // the directory download.js uses
    fs.mkdirSync(cache, { recursive: true });
    fs.copyFileSync(rg, path.join(tmp, 'rg'));
    for (const tag of tags) run('tar', ['-czf', path.join(cache, `ripgrep-${tag}-${target}.tar.gz`), '-C', tmp, 'rg'], { cwd: tmp });
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

/** Installs code-server once (about a minute cold); later runs reuse it. Returns the entry script. */
export function ensureCodeServer(log: (msg: string) => void): string {
  if (fs.existsSync(STAMP) && fs.existsSync(CODE_SERVER_ENTRY)) return CODE_SERVER_ENTRY;
  checkSystemPackages();
  log(`installing code-server ${CODE_SERVER_VERSION} into ${CODE_SERVER_PREFIX}`);
  fs.mkdirSync(CODE_SERVER_PREFIX, { recursive: true });
  const pkg = path.join(CODE_SERVER_PREFIX, 'package.json');
  if (!fs.existsSync(pkg)) fs.writeFileSync(pkg, '{ "private": true }\n');
  run('npm', ['install', '--no-audit', '--no-fund', '--ignore-scripts', `code-server@${CODE_SERVER_VERSION}`], {
    cwd: CODE_SERVER_PREFIX,
    log: path.join(CODE_SERVER_PREFIX, 'install.log'),
  });
  const shrinkwrap = JSON.parse(
    fs.readFileSync(path.join(CODE_SERVER_PREFIX, 'node_modules', 'code-server', 'lib', 'vscode', 'npm-shrinkwrap.json'), 'utf8'),
  ) as { packages: Record<string, { version: string }> };
  const rgVersion = shrinkwrap.packages['node_modules/@vscode/ripgrep']?.version;
  if (!rgVersion) throw new Error('code-server does not pin @vscode/ripgrep; cannot seed its download cache');
  seedRipgrepCache(rgVersion);
  run('npm', ['rebuild', '--foreground-scripts'], {
    cwd: CODE_SERVER_PREFIX,
    env: { ...process.env, npm_config_unsafe_perm: 'true', npm_config_yes: 'true' },
    log: path.join(CODE_SERVER_PREFIX, 'rebuild.log'),
  });
  const config = path.join(CODE_SERVER_PREFIX, 'config.yaml'); // keeps code-server out of ~/.config
  fs.writeFileSync(config, 'bind-addr: 127.0.0.1:0\nauth: none\n');
  const version = execFileSync(process.execPath, [CODE_SERVER_ENTRY, '--config', config, '--version'], { encoding: 'utf8' }).split('\n')[0];
  fs.writeFileSync(STAMP, `${version}\n`);
  log(`code-server installed: ${version}`);
  return CODE_SERVER_ENTRY;
}

// Starts code-server on loopback in its own process group, so stopping it takes every child
// (extension hosts, pty host, file watcher) with it.
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';

export interface CodeServerOptions {
  entry: string;
  /** Fresh per run: settings, storage and logs of this VS Code. */
  userDataDir: string;
  extensionsDir: string;
  /** Extra environment for code-server; it reaches the extension host. */
  env?: Record<string, string>;
  /** false = `--disable-workspace-trust` (every folder trusted). */
  workspaceTrust: boolean;
  log: string;
}

export interface CodeServer {
  base: string;
  stop(): Promise<void>;
}

/** Settings that keep the workbench quiet and deterministic; no update checks, no network. */
export function userSettings(workspaceTrust: boolean): Record<string, unknown> {
  return {
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'workbench.enableExperiments': false,
    'workbench.welcomePage.walkthroughs.openOnInstall': false,
    'telemetry.telemetryLevel': 'off',
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'extensions.ignoreRecommendations': true,
    'update.mode': 'none',
    'files.hotExit': 'off',
    'editor.lightbulb.enabled': 'on',
    // The test workspaces live inside the project's git checkout: no "open the parent repository?" toast.
    'git.openRepositoryInParentFolders': 'never',
    'git.enabled': false,
    'security.workspace.trust.enabled': workspaceTrust,
    // With trust on, folders open restricted without asking: the untrusted-workspace suite relies on it.
    'security.workspace.trust.startupPrompt': 'never',
    'security.workspace.trust.banner': 'never',
  };
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

async function healthy(base: string): Promise<boolean> {
  try {
    const res = await fetch(`${base}/healthz`);
    return res.ok;
  } catch {
    return false;
  }
}

export function installExtension(entry: string, userDataDir: string, extensionsDir: string, vsix: string): void {
  fs.mkdirSync(userDataDir, { recursive: true });
  const config = path.join(userDataDir, 'code-server.yaml');
  fs.writeFileSync(config, 'bind-addr: 127.0.0.1:0\nauth: none\n');
  const res = spawnSync(process.execPath, [entry, '--config', config, '--user-data-dir', userDataDir,
    '--extensions-dir', extensionsDir, '--install-extension', vsix, '--force'], { encoding: 'utf8' });
  if (res.status !== 0) throw new Error(`code-server --install-extension failed:\n${res.stdout}\n${res.stderr}`);
}

export async function startCodeServer(opts: CodeServerOptions): Promise<CodeServer> {
  fs.mkdirSync(path.join(opts.userDataDir, 'User'), { recursive: true });
  fs.mkdirSync(opts.extensionsDir, { recursive: true });
  fs.writeFileSync(path.join(opts.userDataDir, 'User', 'settings.json'), JSON.stringify(userSettings(opts.workspaceTrust), null, 2));
  const config = path.join(opts.userDataDir, 'code-server.yaml');
  const port = await freePort();
  fs.writeFileSync(config, `bind-addr: 127.0.0.1:${port}\nauth: none\n`);
  const args = [opts.entry, '--config', config, '--user-data-dir', opts.userDataDir, '--extensions-dir', opts.extensionsDir,
    '--bind-addr', `127.0.0.1:${port}`, '--auth', 'none', '--disable-telemetry', '--disable-update-check',
    '--disable-getting-started-override'];
  if (!opts.workspaceTrust) args.push('--disable-workspace-trust');
  const out = fs.openSync(opts.log, 'w');
  // detached = setsid: the server leads a new process group we can signal as a whole.
  const child = spawn(process.execPath, args, { detached: true, stdio: ['ignore', out, out], env: { ...process.env, ...opts.env } });
  fs.closeSync(out);
  const base = `http://127.0.0.1:${port}`;
  let exited = false;
  child.once('exit', () => (exited = true));

  const stop = async (): Promise<void> => {
    if (child.pid === undefined) return;
    const group = -child.pid;
    try { process.kill(group, 'SIGTERM'); } catch { return; }
    for (let i = 0; i < 50; i++) {
      try { process.kill(group, 0); } catch { return; } // group gone
      await new Promise((r) => setTimeout(r, 100));
    }
    try { process.kill(group, 'SIGKILL'); } catch { /* already gone */ }
  };

  for (let i = 0; i < 300 && !exited; i++) {
    if (await healthy(base)) return { base, stop };
    await new Promise((r) => setTimeout(r, 100));
  }
  await stop();
  throw new Error(`code-server did not come up on ${base}; log:\n${fs.readFileSync(opts.log, 'utf8').slice(-3000)}`);
}

#!/usr/bin/env node
// `npm start`: the whole product on one command, on a fresh machine after `npm ci`, with no network
// beyond loopback. Builds the bundles, packages the .vsix, starts the bundled Entra emulator playing
// the sample's tenant, and runs the CLI over samples/daemon-app as a user would: lint (two scope
// mistakes), acquire (Entra's refusal explained), the linter's fixes, acquire again (roles explained),
// the admin-consent URL. The emulator is stopped at the end, also on failure or Ctrl+C.
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { createInterface } from 'node:readline';

const ROOT = resolve(import.meta.dirname ?? new URL('.', import.meta.url).pathname, '..');
const SAMPLE = join(ROOT, 'samples', 'daemon-app');
const tty = process.stdout.isTTY && !process.env.NO_COLOR;
const bold = (s) => (tty ? `\x1b[1m${s}\x1b[0m` : s);
const dim = (s) => (tty ? `\x1b[2m${s}\x1b[0m` : s);

function step(n, title, note) {
  console.log(`\n${bold(`── ${n}. ${title}`)}`);
  if (note) console.log(dim(note));
}

/** Runs a command with the terminal as its output; resolves with its exit code (async: the emulator runs meanwhile). */
function run(cmd, args, opts = {}) {
  if (opts.show) console.log(`${bold('$')} ${opts.show}`);
  return new Promise((res, rej) => {
    const child = spawn(cmd, args, { cwd: opts.cwd ?? ROOT, stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, ...opts.env } });
    child.once('error', rej);
    child.once('exit', (code, signal) => res(code ?? (signal ? 128 : 1)));
  });
}

async function must(cmd, args, what, opts) {
  const code = await run(cmd, args, opts);
  if (code !== 0) throw new Error(`${what} failed (exit ${code})`);
}

/** Starts scripts/demo-emulator.ts; its first stdout line is { instance, secret }. Closing its stdin stops it. */
function startEmulator() {
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts', 'demo-emulator.ts')], { cwd: ROOT, stdio: ['pipe', 'pipe', 'inherit'] });
  const stop = () => new Promise((res) => {
    if (child.exitCode !== null || child.signalCode !== null) return res();
    child.once('exit', () => res());
    child.kill('SIGTERM');
  });
  const ready = new Promise((res, rej) => {
    child.once('error', rej);
    child.once('exit', (code) => rej(new Error(`the emulator exited (${code}) before it listened`)));
    createInterface({ input: child.stdout }).once('line', (line) => res(JSON.parse(line)));
  });
  return { ready, stop };
}

async function main() {
  if (!existsSync(join(ROOT, 'node_modules', 'esbuild'))) throw new Error('run `npm ci` first: node_modules is missing');
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  const vsix = `${pkg.name}-${pkg.version}.vsix`;
  const cli = (args, env) => run(process.execPath, [join(ROOT, 'dist', 'cli.js'), ...args], { show: `entra-doctor ${args.join(' ')}`, env });

  step(1, 'Build and package', 'esbuild bundles the extension, the CLI and the inspector webview; vsce packages the .vsix.');
  await must('npm', ['run', '--silent', 'package', '--', '--out', vsix], 'npm run package');
  console.log(`  → ${vsix} (${(readFileSync(join(ROOT, vsix)).length / 1024).toFixed(0)} KB): code --install-extension ${vsix}`);

  step(2, 'Start the Entra emulator', 'A local stand-in for login.microsoftonline.com playing the sample\'s tenant (contoso.onmicrosoft.com); its secret is fake.');
  const emu = startEmulator();
  const stopAll = () => void emu.stop().then(() => process.exit(130));
  process.once('SIGINT', stopAll);
  process.once('SIGTERM', stopAll);
  const work = mkdtempSync(join(tmpdir(), 'entra-demo-'));
  try {
    const { instance, secret } = await emu.ready;
    console.log(`  instance ${instance}`);
    const env = { ENTRA_CLIENT_SECRET: secret };
    const sample = relative(ROOT, SAMPLE);
    const config = join(sample, 'appsettings.json');

    step(3, 'Lint the sample', 'samples/daemon-app asks Graph for a named permission and Azure SQL with one slash: both break app tokens.');
    const lint = await cli(['lint', sample]);
    if (lint !== 1) throw new Error(`lint should report the sample's two errors (exit 1), got exit ${lint}`);

    step(4, 'Acquire a Graph token as the sample is written', 'The secret comes from ENTRA_CLIENT_SECRET; Entra refuses the named scope and the CLI explains why.');
    await cli(['token', '--config', config, '--instance', instance, '--api', 'MicrosoftGraph'], env);

    step(5, 'Apply the fixes', 'The edits the VS Code quick fixes make, on a copy (comments kept):');
    const copy = join(work, 'daemon-app');
    cpSync(SAMPLE, copy, { recursive: true });
    await must(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts', 'fix-sample.ts'), copy], 'applying the fixes');
    const fixed = join(copy, 'appsettings.json');
    if ((await cli(['lint', copy])) !== 0) throw new Error('the fixed copy still has errors');

    step(6, 'Acquire again and explain the roles', 'The /.default token carries the application permission an administrator granted, as a role.');
    await must(process.execPath, [join(ROOT, 'dist', 'cli.js'), 'token', '--config', fixed, '--instance', instance, '--api', 'MicrosoftGraph'], 'token (Graph)',
      { env, show: `entra-doctor token --config <fixed copy>/appsettings.json --instance ${instance} --api MicrosoftGraph` });

    step(7, 'Admin consent', 'The link an administrator opens to grant the app\'s application permissions, and a request to send them.');
    const consent = await cli(['consent-url', '--config', config, '--request']);
    if (consent !== 0) throw new Error(`consent-url failed (exit ${consent})`);

    console.log(`\n${bold('Done.')} Install the extension with ${bold(`code --install-extension ${vsix}`)}, open samples/daemon-app and see README.md.`);
  } finally {
    await emu.stop();
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(`\nnpm start: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});

// Token rows: the emulator runs in its own process (a spawnSync against an in-process server would deadlock);
// cold one-shot processes are timed spawn → exit; in-process rows run in a child that trusts the emulator's CA.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { buildSync } from 'esbuild';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { ROOT, WORK } from './build';
import type { Row } from './report';
import { interleavedRuns, summarize } from './stats';

interface Emu {
  httpsInstance: string;
  tenantId: string;
  clientId: string;
  secret: string;
  scope: string;
}

async function startEmulator(): Promise<{ child: ChildProcess; emu: Emu & Record<string, string> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, 'emulator.ts')], { cwd: ROOT, stdio: ['pipe', 'pipe', 'inherit'] });
  const line = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`emulator exited (${code})`)));
    createInterface({ input: child.stdout! }).once('line', resolve);
  });
  return { child, emu: JSON.parse(line) as Emu & Record<string, string> };
}

export async function tokenRows(dist: string, quick: boolean, log: (s: string) => void): Promise<Row[]> {
  const { child, emu } = await startEmulator();
  try {
    const caFile = join(WORK, 'emulator-ca.pem');
    writeFileSync(caFile, emu.caPem!);
    const env = {
      PATH: process.env.PATH,
      HOME: WORK,
      NO_COLOR: '1',
      NODE_EXTRA_CA_CERTS: caFile,
      BENCH_AUTHORITY: `${emu.httpsInstance}${emu.tenantId}`,
      BENCH_TOKEN_URL: `${emu.httpsInstance}${emu.tenantId}/oauth2/v2.0/token`,
      BENCH_CLIENT_ID: emu.clientId,
      BENCH_SECRET: emu.secret,
      BENCH_SCOPE: emu.scope,
    };
    const run = (args: string[]): number => {
      const t0 = process.hrtime.bigint();
      const r = spawnSync(process.execPath, args, { env, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
      const ms = Number(process.hrtime.bigint() - t0) / 1e6;
      if (r.status !== 0) throw new Error(`${args[0]} exited ${r.status}: ${r.stderr}`);
      return ms;
    };
    const cli = [join(dist, 'cli.js'), 'token', '--instance', emu.httpsInstance, '--tenant', emu.tenantId, '--client-id', emu.clientId, '--scope', emu.scope, '--secret-env', 'BENCH_SECRET', '--json'];
    const raw = [join(__dirname, 'raw-post.cjs')];
    const msal = [join(__dirname, 'msal-oneshot.cjs')];
    for (const args of [cli, raw, msal]) run(args);
    const rounds = quick ? 4 : 15;
    const vsRaw = await interleavedRuns(() => run(cli), () => run(raw), rounds);
    const vsMsal = await interleavedRuns(() => run(cli), () => run(msal), rounds);
    const rows: Row[] = [];
    const a = summarize(vsRaw.a);
    const b = summarize(vsRaw.b);
    rows.push({
      id: 'token.cold.vsRaw',
      what: 'cold `entra-doctor token --secret-env … --json` (production bundle), spawn → exit',
      unit: 'ms',
      baselineWhat: 'node process doing one raw `node:https` POST',
      value: a,
      baseline: b,
      ratio: a.median / b.median,
      target: '≤ 1.3×',
      pass: a.median / b.median <= 1.3,
    });
    const c = summarize(vsMsal.a);
    const d = summarize(vsMsal.b);
    rows.push({
      id: 'token.cold.vsMsal',
      what: 'same, against msal-node',
      unit: 'ms',
      baselineWhat: '`@azure/msal-node` one-shot `acquireTokenByClientCredential`',
      value: c,
      baseline: d,
      ratio: c.median / d.median,
      target: '≤ 0.5×',
      pass: c.median / d.median <= 0.5,
    });
    for (const r of rows) log(`${r.id}: ${r.value.median.toFixed(1)} ms vs ${r.baseline!.median.toFixed(1)} ms → ${r.ratio!.toFixed(2)}×`);

    // Bundled as the product is (not through tsx, whose transform adds a helper call to every closure).
    const inprocJs = join(WORK, 'token-inproc.js');
    buildSync({ entryPoints: [join(__dirname, 'token-inproc.ts')], outfile: inprocJs, bundle: true, platform: 'node', format: 'cjs', target: 'node20', mainFields: ['module', 'main'], external: ['@azure/msal-node'], minify: true, logLevel: 'silent' });
    const inproc = spawnSync(process.execPath, [inprocJs, ...(quick ? ['--quick'] : [])], {
      cwd: ROOT,
      env: { ...env, BENCH_EMULATOR: JSON.stringify(emu) },
      encoding: 'utf8',
      maxBuffer: 16 * 1024 * 1024,
    });
    if (inproc.status !== 0) throw new Error(`token-inproc failed: ${inproc.stderr}`);
    const more = JSON.parse(inproc.stdout.trim().split('\n').pop()!) as Row[];
    for (const r of more) log(`${r.id}: ${r.value.median.toFixed(2)} ${r.unit} vs ${r.baseline!.median.toFixed(2)} ${r.unit} → ${r.ratio!.toFixed(2)}×`);
    return [...rows, ...more];
  } finally {
    child.stdin!.end();
  }
}

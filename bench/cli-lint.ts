// `entra-doctor lint <workspace>` as a one-shot process (the production bundle), against a node process
// that only walks and reads the same files. Each sample is one process, wall time spawn → exit.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { WORK } from './build';
import type { Row } from './report';
import { interleavedRuns, summarize } from './stats';
import { generateWorkspace } from './workspace';

function wallMs(args: string[]): number {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0 && r.status !== 1) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return ms;
}

/** A fast run must also be a whole one: every config file of the workspace is in the JSON, none unread. */
function checkOutput(cli: string[], files: number): void {
  const r = spawnSync(process.execPath, cli, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const configs = (files / 5) * 3; // appsettings.json + 2 overlays per project of 5 files
  let listed = -1;
  try {
    listed = (JSON.parse(r.stdout) as { files: unknown[] }).files.length;
  } catch {
    // reported below
  }
  if ((r.status !== 0 && r.status !== 1) || listed !== configs || r.stderr) {
    throw new Error(`${cli.join(' ')}: exit ${r.status}, ${listed} of ${configs} files in the JSON output, stderr: ${r.stderr.slice(0, 500)}`);
  }
}

export async function cliLintRows(dist: string, quick: boolean, log: (s: string) => void): Promise<Row[]> {
  const ws = join(WORK, 'workspace-2000');
  const { files, bytes } = generateWorkspace(ws);
  const cli = [join(dist, 'cli.js'), 'lint', ws, '--format', 'json'];
  const floor = [join(__dirname, 'read-only.cjs'), ws];
  checkOutput(cli, files);
  if (!quick) {
    wallMs(cli); // page cache and disk warm for both (the files were just written, so --quick skips this)
    wallMs(floor);
  }
  const { a, b } = await interleavedRuns(() => wallMs(cli), () => wallMs(floor), quick ? 2 : 9);
  const value = summarize(a);
  const baseline = summarize(b);
  const ratio = value.median / baseline.median;
  log(`cli.lint.workspace: ${value.median.toFixed(0)} ms, read-only ${baseline.median.toFixed(0)} ms → ${ratio.toFixed(2)}×`);
  return [
    {
      id: 'cli.lint.workspace',
      what: `\`entra-doctor lint\` of a generated workspace: ${files} files (${PROJECTS_NOTE}), ${(bytes / 1e6).toFixed(1)} MB, \`--format json\``,
      unit: 'ms',
      baselineWhat: 'node process that only reads the same files',
      value,
      baseline,
      ratio,
      target: '≤ 2× and < 2 s',
      pass: ratio <= 2 && value.median < 2000,
    },
  ];
}

const PROJECTS_NOTE = '400 projects × appsettings.json + 2 overlays + Program.cs + .csproj';

// `npm run bench [-- --quick] [-- --only lint,cli,token,extension]`: every row is a ratio against a baseline
// measured in the same run (interleaved A/B rounds, warm-up, medians). A full run writes bench/results.json
// and the table in docs/BENCHMARKS.md; nothing here is a test assertion.
import { cpus, totalmem } from 'node:os';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildProduction, ROOT, WORK } from './build';
import { cliLintRows } from './cli-lint';
import { extensionRows } from './extension';
import { lintRows } from './lint';
import { missNotes, toMarkdownTable, toResults, type Row } from './report';
import { tokenRows } from './token';
import { WHY } from './why';

const quick = process.argv.includes('--quick');
const onlyArg = process.argv.indexOf('--only');
const SECTIONS = ['lint', 'cli', 'token', 'extension'] as const;
const only = onlyArg > 0 ? (process.argv[onlyArg + 1] ?? '').split(',') : [...SECTIONS];
const log = (s: string): void => void process.stderr.write(`  ${s}\n`);

async function main(): Promise<void> {
  mkdirSync(WORK, { recursive: true });
  const started = Date.now();
  const machine = `${cpus()[0]?.model.trim() ?? 'unknown CPU'} × ${cpus().length}, ${Math.round(totalmem() / 2 ** 30)} GB, ${process.platform} ${process.arch}`;
  const rows: Row[] = [];
  const needsBuild = only.some((s) => s === 'cli' || s === 'token' || s === 'extension');
  const dist = needsBuild ? buildProduction() : '';
  if (only.includes('lint')) {
    process.stderr.write('lint (in process)\n');
    rows.push(...lintRows(quick, log));
  }
  if (only.includes('cli')) {
    process.stderr.write('CLI lint of a workspace\n');
    rows.push(...(await cliLintRows(dist, quick, log)));
  }
  if (only.includes('token')) {
    process.stderr.write('token (emulator in its own process)\n');
    rows.push(...(await tokenRows(dist, quick, log)));
  }
  if (only.includes('extension')) {
    process.stderr.write('extension bundle and activation\n');
    rows.push(...(await extensionRows(dist, quick, log)));
  }
  for (const r of rows) if (!r.pass) r.note = WHY[r.id]?.(r) ?? r.note;
  const results = toResults(rows, machine);
  // Only a full run replaces the committed figures; --quick (CI) and --only leave the checkout clean.
  const complete = SECTIONS.every((s) => only.includes(s)) && !quick;
  const out = complete ? join(__dirname, 'results.json') : join(WORK, quick ? 'results-quick.json' : 'results-partial.json');
  writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);
  if (complete) writeBenchmarksDoc(rows, results.machine, results.date);
  process.stderr.write(`\n${toMarkdownTable(rows)}\n${Math.round((Date.now() - started) / 1000)} s; wrote ${out}${complete ? ' and docs/BENCHMARKS.md' : ''}\n`);
}

const START = '<!-- bench:results:start -->';
const END = '<!-- bench:results:end -->';

/** Replaces the generated part of docs/BENCHMARKS.md; the prose around it is kept. */
function writeBenchmarksDoc(rows: Row[], machine: string, date: string): void {
  const path = join(ROOT, 'docs/BENCHMARKS.md');
  const generated = `${START}\nMeasured ${date} on ${machine}, Node ${process.version}${quick ? ' (**--quick**: fewer rounds, noisier)' : ''}.\n\n${toMarkdownTable(rows)}\n**Misses**\n\n${missNotes(rows)}${END}`;
  const current = existsSync(path) ? readFileSync(path, 'utf8') : `# Benchmarks\n\n${START}\n${END}\n`;
  const i = current.indexOf(START);
  const j = current.indexOf(END);
  const next = i >= 0 && j > i ? current.slice(0, i) + generated + current.slice(j + END.length) : `${current.trimEnd()}\n\n${generated}\n`;
  writeFileSync(path, next);
}

main().catch((err: unknown) => {
  process.stderr.write(`bench: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});

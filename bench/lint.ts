// Lint of one file in process: 100 KB–8 MB against jsonc-parser's `visit` over the same text (the floor
// of any JSONC analysis), time per MB across sizes, and the keystroke path on a typical 5 KB file.
import { buildSync } from 'esbuild';
import { visit } from 'jsonc-parser';
import { join } from 'node:path';
import { WORK } from './build';
import { appsettingsOfSize } from './generate';
import type { Row } from './report';
import { interleaved, summarize } from './stats';

/** parse + model + rules, from a bundle built the way esbuild.mjs builds the product. */
function loadLintText(): (text: string) => number {
  const outfile = join(WORK, 'lint-entry.js');
  buildSync({ entryPoints: [join(__dirname, 'lint-entry.ts')], outfile, bundle: true, platform: 'node', format: 'cjs', target: 'node20', mainFields: ['module', 'main'], minify: true, logLevel: 'silent' });
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require(outfile) as { lintText: (text: string) => number }).lintText;
}

const LARGE = [
  { id: 'lint.file.100KB', bytes: 100e3 },
  { id: 'lint.file.1MB', bytes: 1e6 },
  { id: 'lint.file.8MB', bytes: 8e6 },
];

/** Runs `fn` for at least `ms` so the JIT has settled before anything is measured. */
function warm(fn: () => void, ms: number): void {
  const end = Date.now() + ms;
  do fn();
  while (Date.now() < end);
}

export function lintRows(quick: boolean, log: (s: string) => void): Row[] {
  const lintText = loadLintText();
  const rows: Row[] = [];
  const typical = appsettingsOfSize(5e3);
  // The keystroke path first, in a heap the large files have not grown yet (reported after them).
  // Long enough for the optimizing compilers to finish on a busy 2-core machine.
  warm(() => void lintText(typical), quick ? 1000 : 4000);
  const { a, b } = interleaved(() => void lintText(typical), () => visit(typical, {}), quick ? 7 : 21, quick ? 50 : 200);
  const value = summarize(a);
  const baseline = summarize(b);
  log(`lint.keystroke.5KB: ${value.median.toFixed(3)} ms, visit ${baseline.median.toFixed(3)} ms`);
  const keystroke: Row = {
    id: 'lint.keystroke.5KB',
    what: `keystroke path on a typical ${(typical.length / 1e3).toFixed(1)} KB file (parseDocument + buildModel + runRules)`,
    unit: 'ms',
    baselineWhat: '`visit`',
    value,
    baseline,
    ratio: value.median / baseline.median,
    target: '< 1 ms median',
    pass: value.median < 1,
  };
  const perMb: { label: string; msPerMb: number[] }[] = [];
  for (const { id, bytes } of LARGE) {
    const text = appsettingsOfSize(bytes);
    const big = bytes >= 4e6;
    const rounds = quick ? (big ? 1 : 3) : big ? 5 : 9;
    const minMs = quick ? (big ? 1 : 30) : big ? 1 : 200;
    warm(() => void lintText(text), quick ? 300 : 1500);
    warm(() => visit(text, {}), quick ? 50 : 200);
    const { a, b } = interleaved(() => void lintText(text), () => visit(text, {}), rounds, minMs);
    const value = summarize(a);
    const baseline = summarize(b);
    const ratio = value.median / baseline.median;
    const mb = text.length / 1e6;
    perMb.push({ label: id.replace('lint.file.', ''), msPerMb: a.map((x) => x / mb) });
    log(`${id}: ${value.median.toFixed(1)} ms, visit ${baseline.median.toFixed(1)} ms → ${ratio.toFixed(2)}×`);
    rows.push({
      id,
      what: `lint one ${Math.round(text.length / 1e3)} KB appsettings-like JSONC (parse + model + 22 rules)`,
      unit: 'ms',
      baselineWhat: '`visit`',
      value,
      baseline,
      ratio,
      target: '≤ 1.5× `visit`',
      pass: ratio <= 1.5,
    });
  }
  // Flat: each size's ms/MB within ±30% of the mean of the sizes.
  const medians = perMb.map((p) => summarize(p.msPerMb).median);
  const mean = medians.reduce((s, x) => s + x, 0) / medians.length;
  const spread = Math.max(...medians.map((m) => Math.abs(m / mean - 1)));
  rows.push({
    id: 'lint.file.perMB',
    what: `time per MB, ${perMb.map((p, i) => `${p.label} ${medians[i]!.toFixed(0)}`).join(', ')} ms/MB`,
    unit: 'ms/MB',
    baselineWhat: 'mean over the sizes',
    value: summarize(medians),
    baseline: summarize([mean]),
    ratio: Math.max(...medians) / Math.min(...medians),
    target: 'each within ±30% of the mean',
    pass: spread <= 0.3,
  });
  log(`lint.file.perMB: ${medians.map((m) => m.toFixed(0)).join(' / ')} ms/MB, largest deviation ${(spread * 100).toFixed(0)}%`);

  rows.push(keystroke);
  return rows;
}

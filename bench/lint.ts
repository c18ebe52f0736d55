// Lint of one file in process: 100 KB–8 MB against jsonc-parser's `visit` over the same text (the floor
// of any JSONC analysis), time per MB across sizes, and the keystroke path on a typical 5 KB file.
import { visit } from 'jsonc-parser';
import { buildModel, emptyHints, parseDocument } from '../src/core/config';
import { runRules } from '../src/core/lint';
import { appsettingsOfSize } from './generate';
import type { Row } from './report';
import { interleaved, summarize } from './stats';

/** What the editor does on every keystroke: parse, model, rules. */
export function lintText(text: string): number {
  const doc = parseDocument('/bench/appsettings.json', text);
  return runRules(buildModel(doc, [doc], emptyHints('/bench'))).length;
}

const LARGE = [
  { id: 'lint.file.100KB', bytes: 100e3 },
  { id: 'lint.file.1MB', bytes: 1e6 },
  { id: 'lint.file.8MB', bytes: 8e6 },
];

export function lintRows(quick: boolean, log: (s: string) => void): Row[] {
  const rows: Row[] = [];
  const perMb: { label: string; msPerMb: number[] }[] = [];
  for (const { id, bytes } of LARGE) {
    const text = appsettingsOfSize(bytes);
    const big = bytes >= 4e6;
    const rounds = quick ? (big ? 1 : 3) : big ? 5 : 9;
    const minMs = quick ? (big ? 1 : 30) : big ? 1 : 200;
    lintText(text); // warm up (and JIT) before the first round
    visit(text, {});
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

  const typical = appsettingsOfSize(5e3);
  for (let i = 0; i < 200; i++) lintText(typical);
  const { a, b } = interleaved(() => void lintText(typical), () => visit(typical, {}), quick ? 7 : 21, quick ? 50 : 200);
  const value = summarize(a);
  const baseline = summarize(b);
  log(`lint.keystroke.5KB: ${value.median.toFixed(3)} ms, visit ${baseline.median.toFixed(3)} ms`);
  rows.push({
    id: 'lint.keystroke.5KB',
    what: `keystroke path on a typical ${(typical.length / 1e3).toFixed(1)} KB file (parseDocument + buildModel + runRules)`,
    unit: 'ms',
    baselineWhat: '`visit`',
    value,
    baseline,
    ratio: value.median / baseline.median,
    target: '< 1 ms median',
    pass: value.median < 1,
  });
  return rows;
}

// Lint time of one file against jsonc-parser's bare parseTree of the same text, 2 KB to 8 MB.
// Every figure is a ratio to a baseline measured in this run (machines here are noisy).
// Run: npx tsx bench/lint-scaling.ts [--quick]
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseTree, visit } from 'jsonc-parser';
import { buildModel, emptyHints, parseDocument } from '../src/core/config';
import { runRules } from '../src/core/lint';
import { appsettingsOfSize } from './generate';
import { interleaved, median } from './stats';

const quick = process.argv.includes('--quick');
const SIZES = [2e3, 16e3, 128e3, 1e6, 8e6];

function lint(text: string): number {
  const doc = parseDocument('/bench/appsettings.json', text);
  return runRules(buildModel(doc, [doc], emptyHints('/bench'))).length;
}

const rows = [];
for (const size of SIZES) {
  const text = appsettingsOfSize(size);
  const rounds = quick ? 3 : size >= 1e6 ? 5 : 9;
  const minMs = quick ? 20 : 100;
  lint(text); // warm up
  const { a: lintMs, b: parseMs } = interleaved(() => void lint(text), () => void parseTree(text), rounds, minMs);
  const { b: visitMs } = interleaved(() => undefined, () => visit(text, {}), quick ? 1 : 3, minMs);
  const mb = text.length / 1e6;
  rows.push({
    bytes: text.length,
    findings: lint(text),
    lintMedianMs: median(lintMs),
    parseTreeMedianMs: median(parseMs),
    visitMedianMs: median(visitMs),
    ratioToParseTree: median(lintMs) / median(parseMs),
    lintMsPerMB: median(lintMs) / mb,
  });
}

const perMb = rows.filter((r) => r.bytes >= 100e3).map((r) => r.lintMsPerMB);
const flatness = Math.max(...perMb) / Math.min(...perMb);
const result = { machine: `${process.platform} ${process.arch}`, node: process.version, date: new Date().toISOString(), quick, rows, perMbMaxOverMin: flatness };
mkdirSync(join(__dirname, '.work'), { recursive: true });
writeFileSync(join(__dirname, 'lint-scaling.json'), `${JSON.stringify(result, null, 2)}\n`);
console.log('bytes      findings  lint ms   parseTree ms  ratio  ms/MB');
for (const r of rows) {
  console.log(
    `${String(r.bytes).padEnd(10)} ${String(r.findings).padEnd(9)} ${r.lintMedianMs.toFixed(3).padEnd(9)} ${r.parseTreeMedianMs.toFixed(3).padEnd(13)} ${r.ratioToParseTree.toFixed(2).padEnd(6)} ${r.lintMsPerMB.toFixed(1)}`,
  );
}
console.log(`time per MB from 100 KB up: max/min = ${flatness.toFixed(2)}`);

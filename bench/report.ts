// One measured row, and how rows become bench/results.json and docs/BENCHMARKS.md.
import type { Summary } from './stats';

export interface Row {
  id: string;
  /** What is measured, for the table. */
  what: string;
  unit: 'ms' | 'µs' | 'KB' | 'ms/MB' | '×';
  /** What the baseline is (measured in the same run, interleaved). */
  baselineWhat: string;
  value: Summary;
  baseline?: Summary;
  /** value.median / baseline.median (or the row's own ratio definition). */
  ratio?: number;
  target: string;
  pass: boolean;
  /** For a miss: by how much and why. */
  note?: string;
}

export interface Results {
  machine: string;
  node: string;
  date: string;
  rows: { id: string; baseline: number | null; median: number; ratio: number | null; target: string; pass: boolean }[];
}

const round = (x: number): number => (Math.abs(x) >= 100 ? Math.round(x * 10) / 10 : Math.abs(x) >= 1 ? Math.round(x * 1000) / 1000 : Number(x.toPrecision(4)));

/** The issue's shape exactly: { machine, node, date, rows: [{ id, baseline, median, ratio, target, pass }] }. */
export function toResults(rows: Row[], machine: string): Results {
  return {
    machine,
    node: process.version,
    date: new Date().toISOString(),
    rows: rows.map((r) => ({
      id: r.id,
      baseline: r.baseline ? round(r.baseline.median) : null,
      median: round(r.value.median),
      ratio: r.ratio === undefined ? null : round(r.ratio),
      target: r.target,
      pass: r.pass,
    })),
  };
}

function fmt(x: number, unit: string): string {
  const digits = Math.abs(x) >= 100 ? 0 : Math.abs(x) >= 10 ? 1 : Math.abs(x) >= 1 ? 2 : 3;
  return `${x.toFixed(digits)}${unit === '×' ? '×' : ` ${unit}`}`;
}

export function toMarkdownTable(rows: Row[]): string {
  const head = '| id | what | median | min | max | baseline (median) | ratio | target | result |\n|---|---|---|---|---|---|---|---|---|';
  const lines = rows.map((r) => {
    const base = r.baseline ? `${r.baselineWhat}: ${fmt(r.baseline.median, r.unit)}` : r.baselineWhat;
    return `| \`${r.id}\` | ${r.what} | ${fmt(r.value.median, r.unit)} | ${fmt(r.value.min, r.unit)} | ${fmt(r.value.max, r.unit)} | ${base} | ${r.ratio === undefined ? '—' : `${r.ratio.toFixed(2)}×`} | ${r.target} | ${r.pass ? 'pass' : '**miss**'} |`;
  });
  return `${head}\n${lines.join('\n')}\n`;
}

export function missNotes(rows: Row[]): string {
  const misses = rows.filter((r) => !r.pass);
  if (!misses.length) return 'Every row meets its target.\n';
  return misses.map((r) => `- \`${r.id}\`: ${r.note ?? 'missed (no note)'}`).join('\n') + '\n';
}

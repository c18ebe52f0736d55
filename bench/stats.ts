// Shared measurement helpers: interleaved A/B rounds, medians, ratios in the same run.
export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** Times `fn` enough times to reach ~minMs per sample; returns ms per call. */
export function sample(fn: () => void, minMs: number): number {
  let n = 1;
  for (;;) {
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < n; i++) fn();
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    if (ms >= minMs || n >= 1 << 20) return ms / n;
    n *= ms < minMs / 10 ? 10 : 2;
  }
}

/** A then B, B then A, … so drift on a noisy machine hits both alike. */
export function interleaved(a: () => void, b: () => void, rounds: number, minMs: number): { a: number[]; b: number[] } {
  const out = { a: [] as number[], b: [] as number[] };
  for (let r = 0; r < rounds; r++) {
    if (r % 2 === 0) {
      out.a.push(sample(a, minMs));
      out.b.push(sample(b, minMs));
    } else {
      out.b.push(sample(b, minMs));
      out.a.push(sample(a, minMs));
    }
  }
  return out;
}

// Shared measurement helpers: interleaved A/B rounds, medians, ratios in the same run.
export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

export interface Summary {
  median: number;
  min: number;
  max: number;
  n: number;
}

export function summarize(xs: number[]): Summary {
  return { median: median(xs), min: Math.min(...xs), max: Math.max(...xs), n: xs.length };
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

/** `sample` for asynchronous work (awaited one call at a time). */
export async function sampleAsync(fn: () => Promise<unknown>, minMs: number): Promise<number> {
  let n = 1;
  for (;;) {
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < n; i++) await fn();
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    if (ms >= minMs || n >= 1 << 20) return ms / n;
    n *= ms < minMs / 10 ? 10 : 2;
  }
}

export async function interleavedAsync(
  a: () => Promise<unknown>,
  b: () => Promise<unknown>,
  rounds: number,
  minMs: number,
): Promise<{ a: number[]; b: number[] }> {
  const out = { a: [] as number[], b: [] as number[] };
  for (let r = 0; r < rounds; r++) {
    const first = r % 2 === 0;
    if (first) out.a.push(await sampleAsync(a, minMs));
    out.b.push(await sampleAsync(b, minMs));
    if (!first) out.a.push(await sampleAsync(a, minMs));
  }
  return out;
}

/** Interleaved single measurements of work that measures itself (child processes: one run = one sample). */
export async function interleavedRuns(
  a: () => Promise<number> | number,
  b: () => Promise<number> | number,
  rounds: number,
): Promise<{ a: number[]; b: number[] }> {
  const out = { a: [] as number[], b: [] as number[] };
  for (let r = 0; r < rounds; r++) {
    if (r % 2 === 0) {
      out.a.push(await a());
      out.b.push(await b());
    } else {
      out.b.push(await b());
      out.a.push(await a());
    }
  }
  return out;
}

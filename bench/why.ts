// Why a row misses its target: the figures come from the row, the reason from profiling (docs/BENCHMARKS.md has the detail).
import type { Row } from './report';

const x = (n: number | undefined): string => `${(n ?? NaN).toFixed(2)}×`;

export const WHY: Record<string, (r: Row) => string> = {};

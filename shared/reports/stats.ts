// Small statistics used by every report, with one definition each (README "Reports").

/** Mean, or null for no samples. */
export function mean(xs: ArrayLike<number>): number | null {
  if (xs.length === 0) return null;
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += xs[i]!;
  return s / xs.length;
}

/** Nearest-rank percentile (p in 0–1) of values sorted ascending: the smallest value with at least p of the samples at or below it. */
export function percentileSorted(sorted: ArrayLike<number>, p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.max(1, Math.ceil(p * sorted.length));
  return sorted[Math.min(sorted.length, rank) - 1]!;
}

export function sortedCopy(xs: readonly number[]): Float64Array {
  return Float64Array.from(xs).sort();
}

/** A collector of samples in ms. */
export class Samples {
  readonly values: number[] = [];
  add(v: number): void {
    this.values.push(v);
  }
  get count(): number {
    return this.values.length;
  }
  summary(): { mean: number | null; median: number | null; p90: number | null } {
    const s = sortedCopy(this.values);
    return { mean: mean(s), median: percentileSorted(s, 0.5), p90: percentileSorted(s, 0.9) };
  }
}

/** ms → minutes, rounded to 0.01 (null stays null). */
export const minutes = (ms: number | null): number | null => (ms === null ? null : Math.round(ms / 600) / 100);
/** ms → hours, rounded to 0.01. */
export const hours = (ms: number): number => Math.round(ms / 36_000) / 100;
/** A share 0–1 rounded to 0.0001, or null without a denominator. */
export const share = (n: number, d: number): number | null => (d === 0 ? null : Math.round((n / d) * 10_000) / 10_000);
export const round2 = (x: number | null): number | null => (x === null ? null : Math.round(x * 100) / 100);

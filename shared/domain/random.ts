// Seeded randomness and the normal distribution, for the expected-wait model (a fixed seed: the
// same state and time always give the same quote) and the hall simulator (a seed per run).

/** mulberry32: a small, fast 32-bit generator; uniform in [0, 1). */
export function seededRandom(seed: number): () => number {
  const a = new Int32Array([seed | 0]);
  return () => {
    const t0 = (a[0]! + 0x6d2b79f5) | 0;
    a[0] = t0;
    let t = t0;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Per seed: the draws of seededRandom(seed) made so far, and the generator that makes the next. */
const tables = new Map<number, { draws: Float64Array; next: () => number }>();

/**
 * The first `n` draws (at least) of seededRandom(seed), as a table kept and grown per seed: code
 * that starts the same generator again and again (each projection of the expected wait) reads
 * the one sequence, and a number read from a Float64Array is not boxed.
 */
export function drawTable(seed: number, n: number): Float64Array {
  let t = tables.get(seed);
  if (!t) tables.set(seed, (t = { draws: new Float64Array(0), next: seededRandom(seed) }));
  if (n > t.draws.length) {
    const grown = new Float64Array(Math.max(n, 2 * t.draws.length, 16_384));
    grown.set(t.draws);
    for (let i = t.draws.length; i < grown.length; i++) grown[i] = t.next();
    t.draws = grown;
  }
  return t.draws;
}

// Coefficients of Acklam's approximation (module constants: the quantile is called in hot loops).
const QA = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239] as const;
const QB = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572] as const;
const QC = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783] as const;
const QD = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416] as const;

/** Standard normal quantile (Acklam's rational approximation, relative error < 1.2e-9). */
export function normalQuantile(p: number): number {
  if (p <= 0) return -Infinity;
  if (p >= 1) return Infinity;
  const lo = 0.02425;
  if (p < lo) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (((((QC[0] * q + QC[1]) * q + QC[2]) * q + QC[3]) * q + QC[4]) * q + QC[5]) / ((((QD[0] * q + QD[1]) * q + QD[2]) * q + QD[3]) * q + 1);
  }
  if (p > 1 - lo) return -normalQuantile(1 - p);
  const q = p - 0.5;
  const r = q * q;
  return ((((((QA[0] * r + QA[1]) * r + QA[2]) * r + QA[3]) * r + QA[4]) * r + QA[5]) * q) / (((((QB[0] * r + QB[1]) * r + QB[2]) * r + QB[3]) * r + QB[4]) * r + 1);
}

/** Standard normal distribution function (Abramowitz–Stegun 7.1.26 through erf; error < 1.5e-7). */
export function normalCdf(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const erf = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-x * x);
  return z >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
}

/** Log-normal parameters (of the underlying normal) for a given mean and coefficient of variation. */
export function logNormalParams(mean: number, cv: number): { mu: number; sigma: number } {
  const s2 = Math.log(1 + cv * cv);
  return { mu: Math.log(mean) - s2 / 2, sigma: Math.sqrt(s2) };
}

/** Exponential sample with the given mean. */
export const exponential = (rnd: () => number, mean: number): number => -mean * Math.log(1 - rnd());

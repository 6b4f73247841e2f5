// The printed range (eta-projection.ts plays the hall forward; this turns what it found into the
// range a citizen reads on the ticket). The model's predictive distribution of the wait is a
// Gamma with the plays' mean and variance (the plays draw the learnt times' own uncertainty too),
// cut at the service's calibrated normal scores (eta-calibration.ts: one width factor on both),
// centred on the mean and rounded to whole minutes: zero when a counter is free, otherwise at
// least one minute wide.
import type { ExpectedWait } from '../protocol/entities.ts';
import { MODEL_SCORES, type QuoteScores, quoteScores } from './eta-calibration.ts';
import { heldModel } from './eta-held.ts';
import type { HallState } from './hall-state.ts';
import { countersServing } from './targets.ts';

export interface WaitEstimate {
  /** Mean wait from now, minutes (the model's point estimate; not printed). */
  meanMinutes: number;
  /** Variance of the wait, minutes² (the plays' spread and the learnt times' own uncertainty). */
  variance: number;
  /** The quoted percentiles, minutes (unrounded). */
  lowMinutes: number;
  highMinutes: number;
  quote: ExpectedWait;
}

/** Wilson–Hilferty approximation of the Gamma(shape, scale) quantile for a normal score z. */
export function gammaQuantile(shape: number, scale: number, z: number): number {
  if (shape <= 0) return 0;
  const a = 1 / (9 * shape);
  return Math.max(0, shape * scale * (1 - a + z * Math.sqrt(a)) ** 3);
}

/**
 * The normal score of a wait under the Gamma of this mean and variance (the inverse of
 * gammaQuantile): where the real wait fell in the predictive distribution.
 */
export function gammaScore(mean: number, variance: number, wait: number): number {
  if (!(mean > 1e-9) || !(variance > 0)) return 0;
  const a = variance / (9 * mean * mean);
  return (Math.cbrt(Math.max(0, wait) / mean) - (1 - a)) / Math.sqrt(a);
}

/** Whole minutes as printed: "0" when even the high end is under half a minute (a counter is free), else at least one minute wide. */
export function wholeMinutes(low: number, high: number): ExpectedWait {
  const max = Math.round(high);
  if (max <= 0) return { minMinutes: 0, maxMinutes: 0 };
  const min = Math.max(0, Math.round(low));
  return { minMinutes: min, maxMinutes: Math.max(min + 1, max) };
}

/** A later quote never below an earlier one (first in, first out within a service and class): the larger of each end, still a printed range. */
export function atLeast(quote: ExpectedWait, floor: ExpectedWait): ExpectedWait {
  const minMinutes = Math.max(quote.minMinutes, floor.minMinutes);
  const maxMinutes = Math.max(quote.maxMinutes, floor.maxMinutes);
  return { minMinutes, maxMinutes: maxMinutes === 0 ? 0 : Math.max(minMinutes + 1, maxMinutes) };
}

/**
 * The printed range for a wait of this mean and variance: the Gamma's percentiles at these normal
 * scores, moved so that their middle is the mean (the middle is what a citizen reads as "about";
 * the mean is the point with the least squared error), in whole minutes.
 */
export function rangeOf(mean: number, variance: number, scores: QuoteScores = MODEL_SCORES): WaitEstimate {
  if (!(mean > 1e-9)) return { meanMinutes: 0, variance: 0, lowMinutes: 0, highMinutes: 0, quote: { minMinutes: 0, maxMinutes: 0 } };
  // A wait is never known to the second (and the score of a wait needs a spread).
  const v = Math.max(variance, (0.02 * mean) ** 2, 1e-4);
  const shape = (mean * mean) / v;
  const scale = v / mean;
  const q20 = gammaQuantile(shape, scale, scores.low);
  const q80 = gammaQuantile(shape, scale, scores.high);
  const shift = mean - (q20 + q80) / 2;
  const low = Math.max(0, q20 + shift);
  const high = q80 + shift;
  return { meanMinutes: mean, variance: v, lowMinutes: low, highMinutes: high, quote: wholeMinutes(low, high) };
}

/** No counter will call it (none serves the service): the wait of `ahead` tickets at one counter of the prior. */
export function fallback(state: HallState, serviceId: string, ahead: number): WaitEstimate {
  const m = heldModel(state, serviceId).mean;
  const c = Math.max(1, countersServing(state, serviceId).length);
  const mean = ((ahead + 1) * m) / c;
  return rangeOf(mean, (mean * mean) / (ahead + 1), quoteScores(state, serviceId));
}

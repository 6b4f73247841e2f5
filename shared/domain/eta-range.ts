// The quoted range (eta-projection.ts plays the hall forward; this turns what it found into the
// range printed on the ticket): a Gamma fitted to the wait's mean and variance, the model's own
// error added, cut at the service's calibrated percentile scores (eta-calibration.ts) and rounded
// to whole minutes, at least one minute wide.
import type { ExpectedWait } from '../protocol/entities.ts';
import { MODEL_SCORES, type QuoteScores, quoteScores } from './eta-calibration.ts';
import { ETA_MODEL, heldModel } from './eta-held.ts';
import type { HallState } from './hall-state.ts';
import { countersServing } from './targets.ts';

export interface WaitEstimate {
  /** Mean wait from now, minutes. */
  meanMinutes: number;
  /** The quoted percentiles, minutes (unrounded). */
  lowMinutes: number;
  highMinutes: number;
  /** Variance of the wait over the plays, minutes², before the model's own error is added. */
  playVariance: number;
  quote: ExpectedWait;
}

/** Wilson–Hilferty approximation of the Gamma(shape, scale) quantile for a normal score z. */
export function gammaQuantile(shape: number, scale: number, z: number): number {
  if (shape <= 0) return 0;
  const a = 1 / (9 * shape);
  return Math.max(0, shape * scale * (1 - a + z * Math.sqrt(a)) ** 3);
}

/** The quoted range for a wait of this mean and play variance (the model's own error added). */
export function rangeOf(mean: number, playVariance: number, model: Pick<typeof ETA_MODEL, 'minCv' | 'spread' | 'modelCv'> = ETA_MODEL, scores: QuoteScores = MODEL_SCORES): WaitEstimate {
  if (!(mean > 1e-9)) return { meanMinutes: 0, lowMinutes: 0, highMinutes: 0, playVariance: 0, quote: { minMinutes: 0, maxMinutes: 1 } };
  const variance = playVariance + (model.modelCv * mean) ** 2;
  const v = Math.max(variance, (model.minCv * mean) ** 2) * model.spread ** 2;
  const shape = (mean * mean) / v;
  const scale = v / mean;
  const low = gammaQuantile(shape, scale, scores.low);
  const high = gammaQuantile(shape, scale, scores.high);
  const minMinutes = Math.round(low);
  return { meanMinutes: mean, lowMinutes: low, highMinutes: high, playVariance, quote: { minMinutes, maxMinutes: Math.max(minMinutes + 1, Math.round(high)) } };
}

/** No counter will call it (none serves the service): the wait of `ahead` tickets at one counter of the prior. */
export function fallback(state: HallState, serviceId: string, ahead: number): WaitEstimate {
  const m = heldModel(state, serviceId).mean;
  const c = Math.max(1, countersServing(state, serviceId).length);
  const mean = ((ahead + 1) * m) / c;
  return rangeOf(mean, (mean * mean) / (ahead + 1), ETA_MODEL, quoteScores(state, serviceId));
}

// The quote's calibration per service, learnt from today's own quotes (brief §5). The model cuts
// its range at the normal scores of the 20th and 80th percentiles (−0.84, +0.84) of the wait it
// plays out; each ticket called says whether its real wait fell below the range it was printed,
// inside or above, and the service's scores move a step so that, over the day, 20 % fall below
// and 20 % above — adaptive conformal inference (Gibbs & Candès, 2021) on the printed whole
// minutes. A model that runs short for a service (a clerk slower than usual, a break it did not
// foresee) is widened and shifted there; one whose ranges are looser than needed is narrowed.
// Folded in by `apply`, so a hub replaying the day learns the same.
import type { EtaLearning } from './eta-learning.ts';
import { ETA_MODEL, QUOTE_PERCENTILES } from './eta-held.ts';
import { normalQuantile } from './random.ts';
import type { HallState } from './state.ts';

export interface QuoteScores {
  /** Normal scores the range is cut at (the model alone: −0.84 and +0.84). */
  low: number;
  high: number;
}

export const MODEL_SCORES: QuoteScores = Object.freeze({ low: normalQuantile(QUOTE_PERCENTILES.low), high: normalQuantile(QUOTE_PERCENTILES.high) });

/** The scores the quotes of `serviceId` are cut at now. */
export function quoteScores(state: HallState, serviceId: string): QuoteScores {
  return state.learning.quoteScores.get(serviceId) ?? MODEL_SCORES;
}


/**
 * A ticket quoted `quote` at issue was called after `waited` minutes: the service's scores move
 * toward 20 % of real waits below the range and 20 % above it (adaptive conformal inference).
 * A quote of 0–1 minute teaches nothing: it cannot be narrower.
 */
export function learnQuoteError(l: EtaLearning, serviceId: string, quote: { minMinutes: number; maxMinutes: number }, waited: number): void {
  if (quote.maxMinutes <= 1) return;
  let s = l.quoteScores.get(serviceId);
  if (!s) l.quoteScores.set(serviceId, (s = { ...MODEL_SCORES, n: 0 }));
  const below = waited < quote.minMinutes ? 1 : 0;
  const above = waited > quote.maxMinutes ? 1 : 0;
  s.low += ETA_MODEL.calibrationStep * (QUOTE_PERCENTILES.low - below);
  s.high += ETA_MODEL.calibrationStep * (above - (1 - QUOTE_PERCENTILES.high));
  // Never inside out, never narrower than a quarter of the model's own range.
  const mid = (s.low + s.high) / 2;
  const half = Math.max((s.high - s.low) / 2, (MODEL_SCORES.high - MODEL_SCORES.low) / 8);
  s.low = mid - half;
  s.high = mid + half;
  s.n++;
}

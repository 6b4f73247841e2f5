// The quote's calibration per service, learnt from today's own quotes (brief §5). The model cuts
// its range at the normal scores of the 20th and 80th percentiles (−0.84, +0.84) of the wait it
// plays out; each ticket called says whether its real wait fell below the range it was printed,
// inside or above, and the service's scores move a step so that, over the day, 20 % fall below
// and 20 % above — adaptive conformal inference (Gibbs & Candès, 2021) on the printed whole
// minutes. A model that runs short for a service (a clerk slower than usual, a break it did not
// foresee) is widened and shifted there; one whose ranges are looser than needed is narrowed.
// Quotes made while a counter of the service is on break are a case of their own (the wait then
// hangs on when the clerk comes back): they learn a hall-wide offset to the service's scores
// instead of the scores themselves.
// Folded in by `apply`, so a hub replaying the day learns the same.
import type { EtaLearning } from './eta-learning.ts';
import { ETA_MODEL, QUOTE_PERCENTILES } from './eta-held.ts';
import { normalQuantile } from './random.ts';
import type { HallState } from './hall-state.ts';

export interface QuoteScores {
  /** Normal scores the range is cut at (the model alone: −0.84 and +0.84). */
  low: number;
  high: number;
}

export const MODEL_SCORES: QuoteScores = Object.freeze({ low: normalQuantile(QUOTE_PERCENTILES.low), high: normalQuantile(QUOTE_PERCENTILES.high) });

/** Whether a counter serving `serviceId` is on break now. */
export function serviceOnBreak(state: HallState, serviceId: string): boolean {
  for (const c of state.counters.values()) if (c.state === 'break' && c.serviceIds.includes(serviceId)) return true;
  return false;
}

/** The scores the quotes of `serviceId` are cut at now (with the break offset while one of its counters is on break). */
export function quoteScores(state: HallState, serviceId: string): QuoteScores {
  const s = state.learning.quoteScores.get(serviceId) ?? MODEL_SCORES;
  const b = state.learning.breakScores;
  if (b.n === 0 || !serviceOnBreak(state, serviceId)) return s;
  return bounded(s.low + b.low, s.high + b.high);
}

/** Never inside out, never narrower than a quarter of the model's own range. */
function bounded(low: number, high: number): QuoteScores {
  const mid = (low + high) / 2;
  const half = Math.max((high - low) / 2, (MODEL_SCORES.high - MODEL_SCORES.low) / 8);
  return { low: mid - half, high: mid + half };
}

/**
 * A ticket quoted `quote` at issue was called after `waited` minutes: the service's scores (or,
 * for a ticket quoted while a counter of its service was on break, the break offset) move toward
 * 20 % of real waits below the range and 20 % above it (adaptive conformal inference).
 * A quote of 0–1 minute teaches nothing: it cannot be narrower.
 */
export function learnQuoteError(l: EtaLearning, serviceId: string, quote: { minMinutes: number; maxMinutes: number }, waited: number, duringBreak = false): void {
  if (quote.maxMinutes <= 1) return;
  const below = waited < quote.minMinutes ? 1 : 0;
  const above = waited > quote.maxMinutes ? 1 : 0;
  const dLow = ETA_MODEL.calibrationStep * (QUOTE_PERCENTILES.low - below);
  const dHigh = ETA_MODEL.calibrationStep * (above - (1 - QUOTE_PERCENTILES.high));
  if (duringBreak) {
    const b = l.breakScores;
    b.low += dLow;
    b.high += dHigh;
    b.n++;
    return;
  }
  let s = l.quoteScores.get(serviceId);
  if (!s) l.quoteScores.set(serviceId, (s = { ...MODEL_SCORES, n: 0 }));
  const next = bounded(s.low + dLow, s.high + dHigh);
  s.low = next.low;
  s.high = next.high;
  s.n++;
}

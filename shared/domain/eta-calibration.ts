// The printed range's calibration per service, learnt from today's own quotes (brief §5). The
// model's range is its predictive distribution's 20th–80th percentiles (normal scores −0.84 and
// +0.84 of a Gamma), centred on its mean; the calibration learns only how wide to print it — one
// factor on both scores together, never the two bounds apart: each ticket called says whether its
// real wait fell outside the range it was printed, and the service's factor grows a little when
// it did and shrinks a little when it did not, so that over the day four in ten fall outside
// (adaptive conformal inference, Gibbs & Candès 2021, on the width alone).
//
// A ticket's outcome is not an independent lesson: the tickets waiting together share one future
// (a slow clerk delays all of them), so each counts for 1 ÷ (1 + the tickets of its service that
// arrived while it waited). The centre is left to the model: moving it on a day's outcomes made
// the middle of the range chase that day's noise (on the simulated halls its squared error rose
// 10–50 %; docs/expected-wait.md).
//
// Quotes made while a counter of the service is on break are a case of their own (the wait then
// hangs on when the clerk comes back): they learn a hall-wide factor of their own, applied on top
// of the service's while one of its counters is on break.
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

/** The width factor's bounds: never under a quarter of the model's own range, never over four times it. */
const WIDTH = { min: 0.25, max: 4 } as const;

/** Whether a counter serving `serviceId` is on break now. */
export function serviceOnBreak(state: HallState, serviceId: string): boolean {
  for (const c of state.counters.values()) if (c.state === 'break' && c.serviceIds.includes(serviceId)) return true;
  return false;
}

/** The scores the quotes of `serviceId` are cut at now (with the break factor while one of its counters is on break). */
export function quoteScores(state: HallState, serviceId: string): QuoteScores {
  let width = state.learning.quoteScores.get(serviceId)?.width ?? 1;
  const b = state.learning.breakScores;
  if (b.n > 0 && serviceOnBreak(state, serviceId)) width *= b.width;
  if (width === 1) return MODEL_SCORES;
  return { low: MODEL_SCORES.low * width, high: MODEL_SCORES.high * width };
}

/** Tickets of the service issued in the last `minutes` before `atMs`, per minute (at least ten minutes' worth of history). */
function arrivalRate(l: EtaLearning, serviceId: string, atMs: number, minutes = ETA_MODEL.arrivalWindowMinutes): number {
  const a = l.arrivals.get(serviceId);
  if (!a || a.at.length === 0) return 0;
  const from = atMs - minutes * 60_000;
  let n = 0;
  for (let i = a.at.length - 1; i >= 0 && a.at[i]! > from; i--) if (a.at[i]! <= atMs) n++;
  return n / Math.max(10, Math.min(minutes, (atMs - a.at[0]!) / 60_000));
}

/**
 * A ticket quoted `quote` at issue was called after `waited` minutes (at `atMs`): its service's
 * width factor (or, for a ticket quoted while a counter of its service was on break, the break
 * factor) moves toward four in ten real waits outside the printed range. A quote of 0 or 0–1
 * minute teaches nothing: it cannot be narrower.
 */
export function learnQuoteError(l: EtaLearning, serviceId: string, quote: { minMinutes: number; maxMinutes: number }, waited: number, duringBreak: boolean, atMs: number): void {
  if (quote.maxMinutes <= 1) return;
  const outside = waited < quote.minMinutes || waited > quote.maxMinutes ? 1 : 0;
  const weight = 1 / (1 + arrivalRate(l, serviceId, atMs) * waited);
  const miss = QUOTE_PERCENTILES.low + (1 - QUOTE_PERCENTILES.high);
  const step = Math.exp(ETA_MODEL.calibrationStep * weight * (outside - miss));
  let s = duringBreak ? l.breakScores : l.quoteScores.get(serviceId);
  if (!s) l.quoteScores.set(serviceId, (s = { width: 1, n: 0 }));
  s.width = Math.min(WIDTH.max, Math.max(WIDTH.min, s.width * step));
  s.n++;
}

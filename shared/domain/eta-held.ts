// The expected wait's settings, and its learnt durations (eta-projection.ts plays them): how long a counter is held
// per ticket of a service, and how long a break lasts — learnt from today (eta-learning.ts),
// capped and blended with a prior, and the rest of a hold or break given the time already spent.
import type { HallState, UsualDay } from './hall-state.ts';
import { logNormalParams, normalCdf, normalQuantile } from './random.ts';

/** The percentiles of the wait the quote spans. */
export const QUOTE_PERCENTILES = { low: 0.2, high: 0.8 } as const;

/** The model's settings; exported for the simulator and the benchmark that tune them. */
export const ETA_MODEL = {
  /** Pseudo-samples the prior is worth. */
  priorWeight: 3,
  /** The hall's usual time for a service (eta-usual.ts) is a prior once it rests on this many tickets; its worth (10–1,000 of today's tickets) is learnt with it. */
  usualMinSamples: 10,
  /** Coefficient of variation of the prior time at the counter. */
  priorCv: 0.8,
  /** Samples above this many times their median are capped there. */
  outlierCap: 8,
  /** Mean break length before today has shown one, minutes, and its pseudo-samples. */
  breakPriorMinutes: 20,
  breakPriorWeight: 1,
  breakCv: 0.4,
  /** Arrival rates are learnt over this many recent minutes. */
  arrivalWindowMinutes: 30,
  /** Budget of counter calls per projection (over all plays), and the bounds on the plays. */
  budget: 1500,
  minPlays: 4,
  maxPlays: 64,
  /** Above this many waiting tickets, one play with mean times. */
  largeQueue: 400,
  /** Widens (> 1) or narrows the quoted range around the mean. */
  spread: 1,
  /** Relative error of the model itself (rates that change, the unforeseen), added to the plays' spread. */
  modelCv: 0.2,
  /** Once today's breaks have begun, a counter without one yet takes one within this many minutes. */
  breakWindowMinutes: 120,
  /** The smallest relative spread assumed (a ticket is never quoted to the second). */
  minCv: 0.2,
  /** How far one called ticket moves its service's percentile scores (eta-calibration.ts); 0: no calibration. */
  calibrationStep: 0.3,
};


// ── the learnt time at the counter ──────────────────────────────────────────────────────────

export interface HeldModel {
  /** Learnt samples, capped, ascending. */
  sorted: number[];
  mu: number;
  sigma: number;
  /** Blended mean, minutes. */
  mean: number;
  /** Pseudo-samples the prior (mu, sigma) is worth. */
  priorWeight: number;
}

const heldCache = new WeakMap<number[], { count: number; prior: number; usual: UsualDay; model: HeldModel }>();

export function heldModel(state: HallState, serviceId: string): HeldModel {
  const raw = state.learning.held.get(serviceId);
  if (!raw) return makeHeldModel(state, serviceId, []);
  const count = state.learning.heldCount.get(serviceId) ?? 0;
  const cached = heldCache.get(raw);
  if (cached && cached.count === count && cached.prior === state.config.defaultServiceMinutes && cached.usual === state.usual) return cached.model;
  const model = makeHeldModel(state, serviceId, raw);
  heldCache.set(raw, { count, prior: state.config.defaultServiceMinutes, usual: state.usual, model });
  return model;
}

/** The prior time at the counter: the hall's usual for the service, else the hall-wide default. */
function priorOf(state: HallState, serviceId: string): { mean: number; cv: number; weight: number } {
  const u = state.usual.held[serviceId];
  if (u && u.n >= ETA_MODEL.usualMinSamples && u.mean > 0) return { mean: u.mean, cv: Math.min(1.5, Math.max(0.3, u.cv)), weight: u.weight };
  return { mean: state.config.defaultServiceMinutes, cv: ETA_MODEL.priorCv, weight: ETA_MODEL.priorWeight };
}

function makeHeldModel(state: HallState, serviceId: string, raw: number[]): HeldModel {
  const { mean: prior, cv, weight } = priorOf(state, serviceId);
  const { mu, sigma } = logNormalParams(prior, cv);
  const sorted = [...raw].sort((a, b) => a - b);
  if (sorted.length > 0) {
    const cap = ETA_MODEL.outlierCap * Math.max(sorted[Math.floor(sorted.length / 2)]!, 0.25);
    for (let i = sorted.length - 1; i >= 0 && sorted[i]! > cap; i--) sorted[i] = cap;
  }
  let sum = 0;
  for (const x of sorted) sum += x;
  const mean = (sum + prior * weight) / (sorted.length + weight);
  return { sorted, mu, sigma, mean, priorWeight: weight };
}

/** Index of the first sample greater than x. */
function firstAbove(sorted: number[], x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const m = (lo + hi) >> 1;
    if (sorted[m]! > x) hi = m;
    else lo = m + 1;
  }
  return lo;
}

/** The rest of a time at the counter already `elapsed` minutes long: a draw (rnd) or its mean (no rnd). */
export function residual(m: HeldModel, elapsed: number, rnd?: () => number): number {
  const idx = firstAbove(m.sorted, elapsed);
  const k = m.sorted.length - idx;
  const f0 = elapsed > 0 ? normalCdf((Math.log(elapsed) - m.mu) / m.sigma) : 0;
  const wPrior = m.priorWeight * (1 - f0);
  if (k + wPrior < 1e-6) return Math.max(0.5, 0.25 * m.mean);
  if (!rnd) {
    // Mean residual: the samples' part exactly, the prior's through a few quantiles.
    let s = 0;
    for (let i = idx; i < m.sorted.length; i++) s += m.sorted[i]! - elapsed;
    let p = 0;
    for (let j = 0; j < 8; j++) p += Math.exp(m.mu + m.sigma * normalQuantile(f0 + ((j + 0.5) / 8) * (1 - f0))) - elapsed;
    return Math.max(0, (s + wPrior * (p / 8)) / (k + wPrior));
  }
  if (rnd() * (k + wPrior) < wPrior) {
    const p = f0 + rnd() * (1 - f0);
    return Math.max(0, Math.exp(m.mu + m.sigma * normalQuantile(Math.min(p, 1 - 1e-12))) - elapsed);
  }
  return m.sorted[idx + Math.floor(rnd() * k)]! - elapsed;
}

export function breakModel(state: HallState): HeldModel {
  const b = state.learning.breaks;
  let sum = 0;
  for (const x of b) sum += x;
  const mean = (sum + ETA_MODEL.breakPriorMinutes * ETA_MODEL.breakPriorWeight) / (b.length + ETA_MODEL.breakPriorWeight);
  const { mu, sigma } = logNormalParams(mean, ETA_MODEL.breakCv);
  return { sorted: [], mu, sigma, mean, priorWeight: ETA_MODEL.breakPriorWeight };
}

// ── the projection ───────────────────────────────────────────────────────────────────────────

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
  /** The budget of the quote on the issue path (one ticket's projection, each play ending at its call). */
  issueBudget: 1500,
  minPlays: 4,
  maxPlays: 64,
  /** Above this many waiting tickets, one play with mean times. */
  largeQueue: 400,
  /** Once today's breaks have begun, a counter without one yet takes one within this many minutes. */
  breakWindowMinutes: 120,
  /** How far one called ticket moves its service's width factor, in log terms (eta-calibration.ts); 0: no calibration. */
  calibrationStep: 0.3,
};


// ── the learnt time at the counter ──────────────────────────────────────────────────────────

export interface HeldModel {
  /** Learnt samples, ascending (shared with the learning: read only); each is drawn capped at `cap`. */
  sorted: readonly number[];
  /** A sample is taken as at most this (8 × the samples' median: a ticket left open for hours does not count as hours). */
  cap: number;
  /** The usual day's times for the service, ascending (the prior's shape; empty: a log-normal of mu, sigma). */
  history: readonly number[];
  mu: number;
  sigma: number;
  /** Blended mean, minutes. */
  mean: number;
  /** Pseudo-samples the prior (mu, sigma) is worth. */
  priorWeight: number;
  /**
   * How uncertain the blended mean itself is, relative to it: the time's spread over √(samples +
   * the prior's worth). An error in the mean counts once per ticket ahead, so the quote widens by
   * it — a new hall's first hour more than a hall whose usual time rests on a thousand tickets.
   */
  relErr: number;
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
function priorOf(state: HallState, serviceId: string): { mean: number; cv: number; weight: number; history: readonly number[] } {
  const u = state.usual.held[serviceId];
  if (u && u.n >= ETA_MODEL.usualMinSamples && u.mean > 0) return { mean: u.mean, cv: Math.min(1.5, Math.max(0.3, u.cv)), weight: u.weight, history: u.times ?? [] };
  return { mean: state.config.defaultServiceMinutes, cv: ETA_MODEL.priorCv, weight: ETA_MODEL.priorWeight, history: [] };
}

function makeHeldModel(state: HallState, serviceId: string, raw: number[]): HeldModel {
  const { mean: prior, cv, weight, history } = priorOf(state, serviceId);
  const { mu, sigma } = logNormalParams(prior, cv);
  const sorted = raw.length === 0 ? [] : (state.learning.heldSorted.get(serviceId) ?? [...raw].sort((a, b) => a - b));
  const n = sorted.length;
  const cap = n > 0 ? ETA_MODEL.outlierCap * Math.max(sorted[Math.floor(n / 2)]!, 0.25) : Infinity;
  let sum = 0;
  let sumSq = 0;
  for (let i = 0; i < n; i++) {
    const x = Math.min(sorted[i]!, cap);
    sum += x;
    sumSq += x * x;
  }
  const mean = (sum + prior * weight) / (n + weight);
  // The spread of one time: the samples' about the blended mean, with the prior's worth of its own.
  const spread = (sumSq - 2 * mean * sum + n * mean * mean + weight * ((cv * prior) ** 2 + (prior - mean) ** 2)) / (n + weight);
  return { sorted, cap, history, mu, sigma, mean, priorWeight: weight, relErr: mean > 0 ? Math.sqrt(Math.max(0, spread) / (n + weight)) / mean : 0 };
}

/** Index of the first sample greater than x. */
function firstAbove(sorted: readonly number[], x: number): number {
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
  // Samples beyond the time already spent (none once it is past the cap: a capped sample ends there).
  const idx = elapsed < m.cap ? firstAbove(m.sorted, elapsed) : m.sorted.length;
  const k = m.sorted.length - idx;
  // The prior: the usual day's own times where the hall has them (their shape, tail included — a
  // ticket held far beyond the usual is most likely one of the few that take an hour), else a log-normal.
  const h = m.history;
  const hIdx = h.length > 0 ? firstAbove(h, elapsed) : 0;
  const f0 = h.length > 0 ? hIdx / h.length : elapsed > 0 ? normalCdf((Math.log(elapsed) - m.mu) / m.sigma) : 0;
  const wPrior = m.priorWeight * (1 - f0);
  if (k + wPrior < 1e-6) return Math.max(0.5, 0.25 * m.mean);
  if (!rnd) {
    // Mean residual: the samples' part exactly, the prior's through its times or a few quantiles.
    let s = 0;
    for (let i = idx; i < m.sorted.length; i++) s += Math.min(m.sorted[i]!, m.cap) - elapsed;
    let p = 0;
    if (h.length > 0) {
      for (let i = hIdx; i < h.length; i++) p += h[i]! - elapsed;
      p /= Math.max(1, h.length - hIdx);
    } else {
      for (let j = 0; j < 8; j++) p += Math.exp(m.mu + m.sigma * normalQuantile(f0 + ((j + 0.5) / 8) * (1 - f0))) - elapsed;
      p /= 8;
    }
    return Math.max(0, (s + wPrior * p) / (k + wPrior));
  }
  if (rnd() * (k + wPrior) < wPrior) {
    if (h.length > 0) return h[hIdx + Math.min(h.length - hIdx - 1, Math.floor(rnd() * (h.length - hIdx)))]! - elapsed;
    const p = f0 + rnd() * (1 - f0);
    return Math.max(0, Math.exp(m.mu + m.sigma * normalQuantile(Math.min(p, 1 - 1e-12))) - elapsed);
  }
  return Math.min(m.sorted[idx + Math.floor(rnd() * k)]!, m.cap) - elapsed;
}

export function breakModel(state: HallState): HeldModel {
  const b = state.learning.breaks;
  let sum = 0;
  for (const x of b) sum += x;
  const mean = (sum + ETA_MODEL.breakPriorMinutes * ETA_MODEL.breakPriorWeight) / (b.length + ETA_MODEL.breakPriorWeight);
  const { mu, sigma } = logNormalParams(mean, ETA_MODEL.breakCv);
  return { sorted: [], cap: Infinity, history: [], mu, sigma, mean, priorWeight: ETA_MODEL.breakPriorWeight, relErr: 0 };
}

// ── the projection ───────────────────────────────────────────────────────────────────────────

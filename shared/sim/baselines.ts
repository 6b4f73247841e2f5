// The estimates the model is measured against, computed at each issue of the simulated day:
//  - "last person called": the wait of the last ticket of the same service to be called;
//  - "queue length × mean service time ÷ counters": tickets of the service waiting ahead × today's
//    mean service time (start → complete, blended with the prior as before) ÷ open counters serving it;
//  - the previous model of eta.ts (until issue 13): Gamma(k + 1 − idle, μ ÷ c) with k the waiting
//    tickets of every service sharing a counter, c the open counters of the service, μ the mean
//    service time; kept here to show what changed.
import type { ExpectedWait } from '../protocol/entities.ts';
import { competingServices, countersServing, gammaQuantile } from '../domain/eta.ts';
import type { HallState } from '../domain/hall-state.ts';

const Z80 = 0.8416;

export const lastCalledBaseline = (lastWait: ReadonlyMap<string, number>, serviceId: string): number => lastWait.get(serviceId) ?? 0;

/** Today's mean service time (start → complete), blended with the hall's prior worth 3 services. */
function meanService(state: HallState, serviceId: string): number {
  const t = state.tally.get(serviceId);
  const prior = state.config.defaultServiceMinutes;
  if (!t || t.serviceCount === 0) return prior;
  return (t.serviceSumMs / 60_000 + prior * 3) / (t.serviceCount + 3);
}

export function queueLengthBaseline(state: HallState, serviceId: string, exceptId: string): number {
  let waiting = 0;
  for (const t of state.tickets.values()) if (t.status === 'waiting' && t.serviceId === serviceId && t.id !== exceptId) waiting++;
  const open = countersServing(state, serviceId).filter((c) => c.state === 'open').length;
  return (waiting * meanService(state, serviceId)) / Math.max(1, open);
}

export function previousModel(state: HallState, serviceId: string): { mean: number; quote: ExpectedWait } {
  const competing = competingServices(state, serviceId);
  let ahead = 0;
  for (const t of state.tickets.values()) if (t.status === 'waiting' && competing.has(t.serviceId)) ahead++;
  const counters = countersServing(state, serviceId);
  const open = counters.filter((c) => c.state === 'open');
  const c = Math.max(1, open.length || counters.length);
  const idle = open.filter((k) => !k.ticketId).length;
  const shape = ahead + 1 - idle;
  if (shape <= 0) return { mean: 0, quote: { minMinutes: 0, maxMinutes: 1 } };
  const scale = meanService(state, serviceId) / c;
  const lo = Math.floor(gammaQuantile(shape, scale, -Z80));
  return { mean: shape * scale, quote: { minMinutes: lo, maxMinutes: Math.max(lo + 1, Math.ceil(gammaQuantile(shape, scale, Z80))) } };
}

/** P(Gamma(n, 1) ≤ x) for a whole shape n ≥ 1: 1 − e^−x Σ_{j<n} x^j ÷ j! (summed in log space). */
function erlangCdf(n: number, x: number): number {
  if (x <= 0) return 0;
  let term = 0; // log of x^j / j!
  let tail = 0;
  const logX = Math.log(x);
  for (let j = 0; j < n; j++) {
    if (j > 0) term += logX - Math.log(j);
    tail += Math.exp(term - x);
  }
  return Math.max(0, Math.min(1, 1 - tail));
}

/** The p-quantile of Gamma(n, 1), n whole (the sum of n exponentials of mean 1), by bisection. */
export function erlangQuantile(n: number, p: number): number {
  if (n <= 0) return 0;
  let lo = 0;
  let hi = n + 12 * Math.sqrt(n) + 12;
  for (let i = 0; i < 60; i++) {
    const mid = (lo + hi) / 2;
    if (erlangCdf(n, mid) < p) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/**
 * The best possible on a stationary M/M/s hall (one service, first come first served, every
 * counter serving it, exponential times of mean `mean`): with `ahead` waiting before it, `idle`
 * counters free and `open` counters open, the wait is Gamma(ahead + 1 − idle, mean ÷ open) — zero
 * when a counter is free; before the counters open (`open` 0, all `counters` of the hall opening
 * together in `opensIn` minutes) it is that time plus Gamma(ahead + 1 − counters, mean ÷ counters).
 * Its mean (the best point estimate) and its true 20th and 80th percentiles.
 */
export function mmsOracle(o: { ahead: number; idle: number; open: number; counters: number; mean: number; opensIn: number }): { mean: number; low: number; high: number } {
  const before = o.open === 0;
  const c = before ? o.counters : o.open;
  const n = Math.max(0, o.ahead + 1 - (before ? o.counters : o.idle));
  const offset = before ? Math.max(0, o.opensIn) : 0;
  const scale = o.mean / Math.max(1, c);
  return { mean: offset + n * scale, low: offset + erlangQuantile(n, 0.2) * scale, high: offset + erlangQuantile(n, 0.8) * scale };
}

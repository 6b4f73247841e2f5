// What the expected-wait model learns from today's events, folded in by `apply` (fold.ts) so a
// hub that replays the day at start-up knows the same: how long a counter is held per ticket of
// each service, how fast each service's tickets arrive now, how long breaks last, and since when
// each counter is in its current state.
import type { Priority } from '../protocol/entities.ts';

/** Samples kept per service: enough for stable quantiles, recent enough to follow the day. */
export const HELD_SAMPLES = 1000;
const ARRIVALS_KEPT = 400;
const BREAKS_KEPT = 50;

export interface EtaLearning {
  /** Minutes a counter was held per ticket, call → complete / no-show / park / transfer, per service (the last 1,000). */
  held: Map<string, number[]>;
  /** Samples ever added per service today (identifies a version of `held`). */
  heldCount: Map<string, number>;
  /** The same samples per service, ascending, kept in order as they come and go (the model draws from them without sorting). */
  heldSorted: Map<string, number[]>;
  /** Issue times (epoch ms) per service, the last 400, and today's priority count. */
  arrivals: Map<string, { at: number[]; priority: number; total: number }>;
  /** Lengths of today's finished breaks, minutes. */
  breaks: number[];
  /** Since when (epoch ms) each counter has been in its current state; counters never opened today are absent. */
  since: Map<string, number>;
  /** Breaks started today per counter. */
  breaksTaken: Map<string, number>;
  /** When each counter last let a ticket go (epoch ms), until its next call. */
  released: Map<string, number>;
  /** Minutes from a counter letting a ticket go to its next call, when that ticket was already waiting (the clerk's gap), the last 200. */
  gaps: number[];
  /** Per service: how wide its range is printed relative to the model's own, as today's outcomes have moved it (eta-calibration.ts). */
  quoteScores: Map<string, { width: number; n: number }>;
  /** Multiplies a service's width while a counter of it is on break, as the day's quotes made then have moved it (eta-calibration.ts). */
  breakScores: { width: number; n: number };
}

export function emptyLearning(): EtaLearning {
  return { held: new Map(), heldCount: new Map(), heldSorted: new Map(), arrivals: new Map(), breaks: [], since: new Map(), breaksTaken: new Map(), released: new Map(), gaps: [], quoteScores: new Map(), breakScores: { width: 1, n: 0 } };
}

function push(list: number[], x: number, keep: number): void {
  list.push(x);
  if (list.length > keep) list.splice(0, list.length - keep);
}

/** Index of the first element of ascending `sorted` not below x. */
function lowerBound(sorted: readonly number[], x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const m = (lo + hi) >> 1;
    if (sorted[m]! < x) lo = m + 1;
    else hi = m;
  }
  return lo;
}

export function learnHeld(l: EtaLearning, serviceId: string, calledAt: string | undefined, atMs: number): void {
  if (!calledAt) return;
  const minutes = (atMs - Date.parse(calledAt)) / 60_000;
  if (!(minutes >= 0)) return;
  let list = l.held.get(serviceId);
  if (!list) l.held.set(serviceId, (list = []));
  let sorted = l.heldSorted.get(serviceId);
  if (!sorted) l.heldSorted.set(serviceId, (sorted = []));
  list.push(minutes);
  sorted.splice(lowerBound(sorted, minutes), 0, minutes);
  while (list.length > HELD_SAMPLES) sorted.splice(lowerBound(sorted, list.shift()!), 1);
  l.heldCount.set(serviceId, (l.heldCount.get(serviceId) ?? 0) + 1);
}

export function learnArrival(l: EtaLearning, serviceId: string, priority: Priority, atMs: number): void {
  let a = l.arrivals.get(serviceId);
  if (!a) l.arrivals.set(serviceId, (a = { at: [], priority: 0, total: 0 }));
  push(a.at, atMs, ARRIVALS_KEPT);
  a.total++;
  if (priority !== 'none') a.priority++;
}

/** A call at `atMs` of a ticket waiting since `waitingSince`: if it was already waiting when the counter came free, the gap is a sample. */
export function learnGap(l: EtaLearning, counterId: string, waitingSince: number, atMs: number): void {
  const released = l.released.get(counterId);
  l.released.delete(counterId);
  if (released === undefined || waitingSince > released) return;
  const minutes = (atMs - released) / 60_000;
  if (minutes >= 0 && minutes < 30) push(l.gaps, minutes, 200);
}

/** A counter changes state (`from` → `to`) at `atMs`: a finished break is a sample of break length. */
export function learnCounterState(l: EtaLearning, counterId: string, from: string, to: string, atMs: number): void {
  const since = l.since.get(counterId);
  if (from === 'break' && since !== undefined) push(l.breaks, (atMs - since) / 60_000, BREAKS_KEPT);
  if (to === 'break') l.breaksTaken.set(counterId, (l.breaksTaken.get(counterId) ?? 0) + 1);
  l.released.delete(counterId);
  l.since.set(counterId, atMs);
}

// The hall's usual day, learnt from the last few business days' events, for the expected wait
// (eta-projection.ts): how long a counter is held per ticket of each service (so the first
// minutes of a day are quoted from the hall's own history, not from one hall-wide default), and
// when each counter is usually open for calls (so a counter's usual break, its opening later in
// the morning and its closing before the others are foreseen before they happen today).
//
// Pure and deterministic: the hub computes it at start-up and at each day's rollover from the
// store, the simulator from the days it simulated before.
import type { Counter } from '../protocol/entities.ts';
import type { DomainEvent } from '../protocol/events.ts';
import type { HallState, UsualBreak, UsualDay } from './hall-state.ts';
import { minuteOfDay } from './business-day.ts';

/** Width of the slots a counter's day is cut into, minutes. */
export const USUAL_SLOT_MINUTES = 5;
const SLOTS = (24 * 60) / USUAL_SLOT_MINUTES;
/** A ticket held longer than this is a counter left open, not a time at the counter. */
const HELD_CAP_MINUTES = 120;
/** Bounds of the usual time's worth, in today's tickets. */
export const USUAL_WEIGHT = { min: 10, max: 1000 } as const;
/** Times kept per service as the prior's shape (evenly spaced in rank beyond this). */
const USUAL_TIMES_KEPT = 2000;
/** Days with fewer tickets of a service than this say nothing of how its days differ. */
const MIN_TICKETS_A_DAY = 10;

/**
 * How many of today's tickets the usual time at the counter is worth as a prior (empirical Bayes):
 * the spread of one ticket's time (σ²) over how much a day's mean differs from day to day (τ²,
 * the spread of the days' means less what their sampling explains). A hall whose days are alike
 * trusts its history more; one whose days differ learns from today sooner. Two days or fewer with
 * enough tickets: the least worth.
 */
export function usualWeight(days: readonly { n: number; sum: number }[], variance: number): number {
  const used = days.filter((d) => d.n >= MIN_TICKETS_A_DAY);
  if (used.length < 3 || !(variance > 0)) return USUAL_WEIGHT.min;
  const means = used.map((d) => d.sum / d.n);
  const m = means.reduce((a, b) => a + b, 0) / means.length;
  const between = means.reduce((a, x) => a + (x - m) ** 2, 0) / (means.length - 1);
  const sampling = used.reduce((a, d) => a + variance / d.n, 0) / used.length;
  const tau2 = between - sampling;
  if (tau2 <= 0) return USUAL_WEIGHT.max;
  return Math.min(USUAL_WEIGHT.max, Math.max(USUAL_WEIGHT.min, variance / tau2));
}

/**
 * The spread of the usual time as the shape of its bulk: the coefficient of variation of the
 * times capped at four times their median. A few tickets left open for an hour make the plain
 * spread far wider than the bulk's, and the expected wait, drawing its times from a log-normal
 * of the usual spread, would then spread every quote over the outliers' width (they stay in the
 * mean, and in today's own samples).
 */
function robustCv(times: number[]): number {
  if (times.length < 4) return 0;
  const s = [...times].sort((a, b) => a - b);
  const cap = 4 * s[Math.floor(s.length / 2)]!;
  let sum = 0;
  let sumSq = 0;
  for (const x of s) {
    const y = Math.min(x, cap);
    sum += y;
    sumSq += y * y;
  }
  const mean = sum / s.length;
  return mean > 0 ? Math.sqrt(Math.max(0, sumSq / s.length - mean * mean)) / mean : 0;
}

export const NO_USUAL_DAY: UsualDay = Object.freeze({ days: 0, held: {}, open: {} }) as UsualDay;

/** The usual day of these business days (each one's events, oldest first) in `timeZone`. */
export function learnUsualDay(days: Iterable<Iterable<DomainEvent>>, timeZone: string): UsualDay {
  const held = new Map<string, { n: number; sum: number; sumSq: number; times: number[]; days: { day: number; n: number; sum: number }[] }>();
  const openDays = new Map<string, Uint16Array>();
  /** Per counter, the days it opened: each day's breaks, [start minute, minutes]. */
  const breakDays = new Map<string, [number, number][][]>();
  let dayCount = 0;
  for (const events of days) {
    dayCount++;
    const service = new Map<string, string>();
    const calledAt = new Map<string, number>();
    const openSince = new Map<string, number>();
    const openSlots = new Map<string, Float64Array>();
    const onBreakSince = new Map<string, number>();
    const breaksToday = new Map<string, [number, number][]>();
    const letGo = (ticketId: string, serviceId: string | undefined, at: number) => {
      const from = calledAt.get(ticketId);
      calledAt.delete(ticketId);
      if (from === undefined || serviceId === undefined) return;
      const m = (at - from) / 60_000;
      if (!(m >= 0)) return;
      const x = Math.min(m, HELD_CAP_MINUTES);
      const h = held.get(serviceId) ?? { n: 0, sum: 0, sumSq: 0, times: [], days: [] };
      if (h.days.at(-1)?.day !== dayCount) h.days.push({ day: dayCount, n: 0, sum: 0 });
      const today = h.days.at(-1)!;
      today.n++;
      today.sum += x;
      h.n++;
      h.sum += x;
      h.sumSq += x * x;
      h.times.push(x);
      held.set(serviceId, h);
    };
    const shut = (counterId: string, at: number) => {
      const from = openSince.get(counterId);
      openSince.delete(counterId);
      if (from === undefined) return;
      let slots = openSlots.get(counterId);
      if (!slots) openSlots.set(counterId, (slots = new Float64Array(SLOTS)));
      // Minutes open in each slot (a span is within one business day: no wrap past midnight).
      const a = minuteOfDay(from, timeZone) + (from % 60_000) / 60_000;
      const b = a + (at - from) / 60_000;
      for (let m = a; m < Math.min(b, 24 * 60); ) {
        const slot = Math.floor(m / USUAL_SLOT_MINUTES);
        const end = Math.min(b, (slot + 1) * USUAL_SLOT_MINUTES);
        slots[slot]! += end - m;
        m = end;
      }
    };
    let last = 0;
    for (const e of events) {
      const at = Date.parse(e.at);
      last = Math.max(last, at);
      switch (e.type) {
        case 'ticket.issued':
          service.set(e.ticket.id, e.ticket.serviceId);
          break;
        case 'ticket.called':
          calledAt.set(e.ticketId, at);
          break;
        case 'ticket.completed':
        case 'ticket.no_show':
        case 'ticket.parked':
          letGo(e.ticketId, service.get(e.ticketId), at);
          break;
        case 'ticket.transferred':
          letGo(e.ticketId, e.fromServiceId, at);
          service.set(e.ticketId, e.toServiceId);
          break;
        case 'counter.opened': {
          if (!openSince.has(e.counterId)) openSince.set(e.counterId, at);
          if (!breaksToday.has(e.counterId)) breaksToday.set(e.counterId, []);
          const since = onBreakSince.get(e.counterId);
          onBreakSince.delete(e.counterId);
          if (since !== undefined) breaksToday.get(e.counterId)!.push([minuteOfDay(since, timeZone) + (since % 60_000) / 60_000, (at - since) / 60_000]);
          break;
        }
        case 'counter.break':
          if (openSince.has(e.counterId)) onBreakSince.set(e.counterId, at);
          shut(e.counterId, at);
          break;
        case 'counter.closed':
          // A break that ends the day is a closing.
          onBreakSince.delete(e.counterId);
          shut(e.counterId, at);
          break;
        default:
      }
    }
    for (const id of [...openSince.keys()]) shut(id, last);
    for (const [id, list] of breaksToday) breakDays.set(id, [...(breakDays.get(id) ?? []), list]);
    for (const [id, slots] of openSlots) {
      let count = openDays.get(id);
      if (!count) openDays.set(id, (count = new Uint16Array(SLOTS)));
      for (let i = 0; i < SLOTS; i++) if (slots[i]! >= USUAL_SLOT_MINUTES / 2) count[i]!++;
    }
  }
  const usual: UsualDay = { days: dayCount, held: {}, open: {} };
  for (const [id, h] of held) {
    const mean = h.sum / h.n;
    const variance = Math.max(0, h.sumSq / h.n - mean * mean);
    const sorted = [...h.times].sort((a, b) => a - b);
    const kept = sorted.length <= USUAL_TIMES_KEPT ? sorted : Array.from({ length: USUAL_TIMES_KEPT }, (_x, i) => sorted[Math.floor(((i + 0.5) * sorted.length) / USUAL_TIMES_KEPT)]!);
    usual.held[id] = { mean, cv: robustCv(sorted), n: h.n, weight: usualWeight(h.days, variance), times: kept };
  }
  for (const [id, count] of openDays) {
    const spans: [number, number][] = [];
    for (let i = 0; i < SLOTS; i++) {
      if (2 * count[i]! <= dayCount) continue;
      const last = spans[spans.length - 1];
      if (last && last[1] === i * USUAL_SLOT_MINUTES) last[1] += USUAL_SLOT_MINUTES;
      else spans.push([i * USUAL_SLOT_MINUTES, (i + 1) * USUAL_SLOT_MINUTES]);
    }
    if (spans.length) usual.open[id] = spans;
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  for (const [id, lists] of breakDays) {
    const breaks: UsualBreak[] = [];
    for (let k = 0; ; k++) {
      const kth = lists.filter((l) => l.length > k).map((l) => l[k]!);
      if (2 * kth.length <= lists.length) break;
      breaks.push({
        start: median(kth.map((b) => b[0])), minutes: median(kth.map((b) => b[1])),
        earliest: Math.min(...kth.map((b) => b[0])), latest: Math.max(...kth.map((b) => b[0] + b[1])),
      });
    }
    if (breaks.length) (usual.breaks ??= {})[id] = breaks;
  }
  return usual;
}

/** What the usual day says of one counter from now on (minutes from now). */
export interface UsualPlan {
  /** [from, to) pairs, ascending, when it usually does not call: its usual breaks and closures still to come, and its closing (to = Infinity). */
  gaps: number[];
  /**
   * For each pair of `gaps`: true for a break learnt from the breaks themselves (taken once the
   * ticket in hand is done, for its length), false for a time of the clock (a closure, the closing).
   */
  asBreak: boolean[];
  /** A usual break that should have begun and has not been taken today: its length (0: none). */
  pendingBreak: number;
  /** For a counter closed now: when it usually opens (Infinity: not again today). */
  opensIn: number;
}

/**
 * When a counter is usually away between its opening and its closing (minutes since midnight): its
 * usual breaks as they were taken (none after its closing; overlapping ones as one), and its other
 * usual closures — the spans closed on most days but for those within the spread of a break's days
 * (a break at another time each day leaves a closed span or two there). Without breaks learnt, the
 * spans closed on most days are its breaks. `learnt`: whether the breaks were learnt as taken.
 */
export function usualTimesOff(usual: UsualDay, counterId: string): { breaks: [number, number][]; closures: [number, number][]; learnt: boolean } {
  const spans = usual.open[counterId] ?? [];
  const close = spans.length > 0 ? spans[spans.length - 1]![1] : Infinity;
  const learnt: UsualBreak[] = [];
  for (const b of usual.breaks?.[counterId] ?? []) {
    if (b.start >= close) continue;
    const last = learnt.at(-1);
    if (last && b.start < last.start + last.minutes) {
      const end = Math.max(last.start + last.minutes, b.start + b.minutes);
      learnt[learnt.length - 1] = { start: last.start, minutes: end - last.start, earliest: Math.min(last.earliest, b.earliest), latest: Math.max(last.latest, b.latest) };
    } else learnt.push(b);
  }
  const holes: [number, number][] = [];
  for (let i = 1; i < spans.length; i++) holes.push([spans[i - 1]![1], spans[i]![0]]);
  if (learnt.length === 0) return { breaks: holes, closures: [], learnt: false };
  return {
    breaks: learnt.map((b) => [b.start, b.start + b.minutes]),
    closures: holes.filter(([a, b]) => !learnt.some((x) => a < x.latest && x.earliest < b)),
    learnt: true,
  };
}

/** A counter closing this much before another that serves the same services leaves them to it. */
const CLOSE_MARGIN_MINUTES = 15;
/** A usual break missed by more than this is taken to be skipped today. */
const OVERDUE_BREAK_MINUTES = 60;

/**
 * The usual day's plan for each counter it knows, from `now`. Today's own facts win: a counter's
 * breaks already taken today stand for its usual ones (taken early, the usual one is skipped); a
 * counter open when it is usually not stays open until its next usual break or closing; a counter
 * closes at its usual time only if later counters serve its services (the last ones serve the
 * queue out).
 */
export function usualPlans(state: HallState, counters: readonly Counter[], now: number): Map<string, UsualPlan> {
  const out = new Map<string, UsualPlan>();
  const usual = state.usual;
  if (usual.days === 0) return out;
  const nowMin = minuteOfDay(now, state.branch.timeZone) + (now % 60_000) / 60_000;
  const lastClose = new Map(counters.map((c) => {
    const spans = usual.open[c.id];
    return [c.id, spans ? spans[spans.length - 1]![1] : Infinity] as const;
  }));
  for (const c of counters) {
    const spans = usual.open[c.id];
    if (!spans) continue;
    const close = lastClose.get(c.id)!;
    const leavesItsServices = c.serviceIds.every((s) => counters.some((o) => o.id !== c.id && o.serviceIds.includes(s) && lastClose.get(o.id)! >= close + CLOSE_MARGIN_MINUTES));
    const { breaks, closures, learnt } = usualTimesOff(usual, c.id);
    let pendingBreak = 0;
    let opensIn = Infinity;
    let from = nowMin;
    if (c.state === 'closed') {
      const next = spans.find(([a]) => a > nowMin);
      if (!next || spans.some(([a, b]) => a <= nowMin && nowMin < b)) {
        out.set(c.id, { gaps: [], asBreak: [], pendingBreak: 0, opensIn: Infinity });
        continue;
      }
      opensIn = next[0] - nowMin;
      from = next[0];
    }
    // Breaks taken today stand for the usual ones that have begun, then for the next ones (taken early).
    const started = breaks.filter(([a]) => a <= from).length;
    const taken = state.learning.breaksTaken.get(c.id) ?? 0;
    let skip = Math.max(0, taken - started);
    const ahead: [number, number, boolean][] = [];
    for (const [a, b] of breaks) {
      if (a <= from) continue;
      if (skip > 0) {
        skip--;
        continue;
      }
      ahead.push([a, b, learnt]);
    }
    for (const [a, b] of closures) if (a > from) ahead.push([a, b, false]);
    ahead.sort((x, y) => x[0] - y[0]);
    const gaps: number[] = [];
    const asBreak: boolean[] = [];
    for (const [a, b, isBreak] of ahead) {
      gaps.push(a - nowMin, b - nowMin);
      asBreak.push(isBreak);
    }
    if (c.state === 'open' && taken < started) {
      const missed = breaks.filter(([a]) => a <= nowMin).at(-1)!;
      if (nowMin - missed[0] < OVERDUE_BREAK_MINUTES) pendingBreak = missed[1] - missed[0];
    }
    if (leavesItsServices && close > nowMin) {
      gaps.push(close - nowMin, Infinity);
      asBreak.push(false);
    }
    out.set(c.id, { gaps, asBreak, pendingBreak, opensIn });
  }
  return out;
}

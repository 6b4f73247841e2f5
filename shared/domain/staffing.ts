// The staffing planner (dashboard "Plan" page, GET /api/v1/plan): from the arrivals per service and
// hour of day (learnt from a range of past days, or typed in) and the mean time at the counter per
// service, the counters the hall needs each hour so that a share (`serviceLevel`, e.g. 0.8) of each
// service's citizens is called within its target wait.
//
// The headline (`counters`) is for the hall as it works: counters with their skills calling from one
// pool of queues by the routing rule, with the usual day's breaks — the fewest counters, and which
// skills, found by playing the hour through the simulator (shared/sim/pooled.ts). The detail is
// Erlang C for each service on its own (erlang.ts: as if it had counters of its own), rounded up to
// whole counters; their sum (`needed`) is what a hall of single-service counters would need, and
// the headline is never above it. Beside both: today's roster (the counters open now, else every
// counter configured), whether it meets the target this hour, and when it has the counters but not
// the skills, the clerks to move.
import { countersNeeded, erlangC, offeredLoad } from './erlang.ts';
import { type PoolHour, type Roster, poolMeets, pooledNeed, rosterMoves } from '../sim/pooled.ts';
import { DEFAULT_ROUTING } from './routing.ts';
import { usualTimesOff } from './eta-usual.ts';
import type { RoutingPolicy, UsualDay } from './hall-state.ts';

export interface StaffingService {
  serviceId: string;
  targetWaitMinutes: number;
  /** Mean service minutes. */
  serviceMinutes: number;
  /** Arrivals per hour, index = hour of day 0–23. */
  arrivalsPerHour: number[];
}

export interface RosterCounter {
  counterId: string;
  serviceIds: string[];
}

export interface ServiceHour {
  serviceId: string;
  arrivalsPerHour: number;
  /** Counters this service needs alone to meet the target (Erlang C). */
  needed: number;
  /** The service level and mean wait with that many. */
  serviceLevel: number;
  meanWaitMinutes: number;
  /** Today's roster's share of counters for this service (fractional), and what it gives (rounded to whole counters). */
  roster: number;
  rosterServiceLevel: number;
  rosterMeanWaitMinutes: number | null;
}

export interface Move {
  counterId: string;
  /** The services it serves now that have citizens this hour, and the ones it would serve instead. */
  from: string[];
  to: string[];
}

export interface PlanHour {
  hour: number;
  /** The headline: counters the hall needs this hour, pooled, with their skills (never above `needed`). */
  counters: number;
  mix: string[][];
  /** The sum of each service's own need by Erlang C. */
  needed: number;
  /** Counters of today's roster that serve a service with citizens this hour. */
  roster: number;
  /** Whether today's roster, as its counters' skills are, meets the target this hour. */
  rosterMeets: boolean;
  /** When the roster has the counters but not the skills: the clerks to move (else none). */
  moves: Move[];
  services: ServiceHour[];
}

export interface StaffingPlan {
  serviceLevel: number;
  hours: PlanHour[];
}

export interface StaffingOptions {
  /** Share (0–1) of a counter's hour spent on breaks, by hour of day (the usual day's); none by default. */
  breakShare?: readonly number[];
  /** The skills counters can have (default: the roster's). */
  palette?: Roster;
  routing?: RoutingPolicy;
  /** Hours to plan (default: every hour with arrivals); the others are left out. */
  only?: ReadonlySet<number>;
}

/** The plan of one hour (staffingPlan's row); undefined when no service has citizens then. */
export function planHour(hour: number, services: StaffingService[], roster: RosterCounter[], serviceLevel: number, options: StaffingOptions = {}): PlanHour | undefined {
  const active = services.filter((s) => (s.arrivalsPerHour[hour] ?? 0) > 0);
  if (active.length === 0) return undefined;
  const work = new Map(active.map((s) => [s.serviceId, offeredLoad({ arrivalsPerHour: s.arrivalsPerHour[hour]!, serviceMinutes: s.serviceMinutes })]));
  // Each counter of the roster is split between the services it serves, by their work this hour.
  const share = new Map<string, number>();
  for (const c of roster) {
    const mine = c.serviceIds.filter((id) => (work.get(id) ?? 0) > 0);
    const total = mine.reduce((a, id) => a + work.get(id)!, 0);
    for (const id of mine) share.set(id, (share.get(id) ?? 0) + work.get(id)! / total);
  }
  const rows = active.map((s): ServiceHour => {
    const input = { arrivalsPerHour: s.arrivalsPerHour[hour]!, serviceMinutes: s.serviceMinutes };
    const need = countersNeeded({ ...input, targetWaitMinutes: s.targetWaitMinutes, serviceLevel });
    const rosterShare = share.get(s.serviceId) ?? 0;
    const whole = Math.round(rosterShare);
    const given = whole > 0 ? erlangC(whole, input, s.targetWaitMinutes) : null;
    return {
      serviceId: s.serviceId, arrivalsPerHour: input.arrivalsPerHour, needed: need.counters, serviceLevel: need.serviceLevel, meanWaitMinutes: need.meanWaitMinutes,
      roster: rosterShare, rosterServiceLevel: given ? given.serviceLevel : 0, rosterMeanWaitMinutes: given && Number.isFinite(given.meanWaitMinutes) ? given.meanWaitMinutes : null,
    };
  });
  const needed = rows.reduce((a, r) => a + r.needed, 0);
  const pool: PoolHour = {
    services: active.map((s) => ({ serviceId: s.serviceId, arrivalsPerHour: s.arrivalsPerHour[hour]!, serviceMinutes: s.serviceMinutes, targetWaitMinutes: s.targetWaitMinutes })),
    breakShare: Math.min(0.9, Math.max(0, options.breakShare?.[hour] ?? 0)), level: serviceLevel, routing: options.routing ?? DEFAULT_ROUTING,
  };
  const inRoster = roster.filter((c) => c.serviceIds.some((id) => work.has(id)));
  const skills = inRoster.map((c) => c.serviceIds);
  // One service: one queue of counters — Erlang C's own model, exactly.
  const pooled = active.length === 1
    ? { counters: needed, mix: Array.from({ length: needed }, () => [active[0]!.serviceId]) }
    : pooledNeed(pool, options.palette ?? roster.map((c) => c.serviceIds), needed);
  const counters = Math.min(needed, pooled.counters);
  const mix = pooled.counters <= needed ? pooled.mix : Array.from({ length: needed }, (_x, i) => pooled.mix[i] ?? []);
  const rosterMeets = inRoster.length > 0 && poolMeets(pool, skills);
  const moves = !rosterMeets && inRoster.length >= counters && active.length > 1 ? rosterMoves(pool, inRoster, options.palette ?? roster.map((c) => c.serviceIds), mix) : [];
  return { hour, counters, mix, needed, roster: inRoster.length, rosterMeets, moves, services: rows };
}

export function staffingPlan(services: StaffingService[], roster: RosterCounter[], serviceLevel: number, options: StaffingOptions = {}): StaffingPlan {
  const hours: PlanHour[] = [];
  for (let hour = 0; hour < 24; hour++) {
    if (options.only && !options.only.has(hour)) continue;
    const row = planHour(hour, services, roster, serviceLevel, options);
    if (row) hours.push(row);
  }
  return { serviceLevel, hours };
}

/**
 * The share of a counter's hour spent on breaks, by hour of day, in the hall's usual day: within
 * each counter's usual day (its first opening to its last closing), the minutes of each hour it is
 * usually away — its usual breaks as they were taken and its other usual closures (eta-usual.ts
 * usualTimesOff, as the expected wait foresees them) — over the minutes of that hour within its
 * day, all counters together.
 */
export function usualBreakShare(usual: UsualDay): number[] {
  const shift = new Array<number>(24).fill(0);
  const off = new Array<number>(24).fill(0);
  const overlap = (a: number, b: number, c: number, d: number) => Math.max(0, Math.min(b, d) - Math.max(a, c));
  for (const [id, spans] of Object.entries(usual.open)) {
    if (spans.length === 0) continue;
    const start = spans[0]![0];
    const end = spans[spans.length - 1]![1];
    const { breaks, closures } = usualTimesOff(usual, id);
    // Away: the union of its breaks and closures, within its day.
    const away = [...breaks, ...closures].sort((x, y) => x[0] - y[0]).reduce<[number, number][]>((u, [a, b]) => {
      const last = u.at(-1);
      if (last && a <= last[1]) last[1] = Math.max(last[1], b);
      else u.push([a, b]);
      return u;
    }, []);
    for (let h = 0; h < 24; h++) {
      const inDay = overlap(h * 60, h * 60 + 60, start, end);
      if (inDay <= 0) continue;
      shift[h]! += inDay;
      off[h]! += away.reduce((sum, [a, b]) => sum + overlap(h * 60, h * 60 + 60, Math.max(a, start), Math.min(b, end)), 0);
    }
  }
  return shift.map((m, h) => (m > 0 ? Math.round((off[h]! / m) * 1000) / 1000 : 0));
}

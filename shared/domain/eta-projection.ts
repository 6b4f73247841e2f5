// The expected wait's model (eta.ts quotes from it): the 20th–80th percentile of the time until the
// ticket is called, from now.
//
// Model: the hall is played forward from its present state, many times, with the real routing
// rule (routing.ts: overdue first, then waited ÷ target × priority factor, ties to the earlier
// ticket) deciding what each counter calls when it comes free:
//  - every counter that serves the ticket's service takes part, with all the services it serves
//    (a counter shared with busier services gives this one only the capacity routing gives it);
//  - a counter holding a ticket comes free after the rest of that ticket's time at the counter,
//    drawn from the learnt distribution *given the time already spent*; an idle open counter is
//    free now; a counter on break comes back after the rest of a break (today's breaks, prior 20
//    min); a closed counter takes no part, except that the counters of a service that no open
//    or on-break counter serves are taken to open now (the morning before the first clerk);
//  - the hall's usual day (eta-usual.ts, learnt from the last business days): a counter stops
//    calling during its usual breaks and after its usual closing (if later counters serve its
//    services), and one closed now that usually opens later calls from then; a usual break that
//    is due and not yet taken today is taken after the ticket in hand. Without a usual day, once
//    today's breaks have begun a clerk who has had none takes one within two hours;
//  - the time a counter is held per ticket (call → finished, parked or transferred: walking up,
//    serving, no-shows included) is learnt per service from today (eta-learning.ts): the recent
//    samples (the last 1,000), capped at 8× their median (a ticket left open for an hour does not count as an hour),
//    blended with a log-normal prior of `defaultServiceMinutes` worth 3 samples, so the first
//    minutes of a day are quoted from the prior and the day takes over as it teaches;
//  - after letting a ticket go a clerk takes a moment before calling the next: today's mean gap
//    (call after a release, when the ticket called was already waiting) is added;
//  - tickets still to come arrive at each service's rate of the last 30 minutes, with today's
//    share of priority tickets, and overtake where routing lets them (a priority ticket, a
//    service with a shorter target); they are played until every ticket now waiting is overdue
//    (overdueFactor × the longest target), after which none can overtake.
//  - a ticket reserved for one counter or one clerk (a transfer "to counter 3") is called only by
//    that counter (the one the clerk is signed in at), ranked there by the same rule; while that
//    counter is closed or the clerk signed out, no play calls it (its quote is the fallback's).
// Each play-through is drawn with a fixed seed, so one state and one time always give the same
// quote; the quote is made from the mean and variance of the call times over the plays
// (eta-range.ts: a Gamma cut at the service's calibrated percentiles, in whole minutes).
//
// Cost: O(Q × (waiting + arrivals in the horizon) × counters), Q between 4 and 64 plays chosen to
// keep to a budget; one projection answers every waiting ticket and a new ticket of every service
// and priority class, and is reused for the same state and time. Beyond 400 waiting tickets a
// single play with mean times is used, and so is it when the caller's budget (the hub's share for
// each of several tickets issued at once) cannot pay for four drawn plays. Here the set-up and the
// estimates; the plays themselves are in eta-plays.ts.
import type { HallState, TicketRecord } from './hall-state.ts';
import { isTargeted } from './routing.ts';
import { ETA_MODEL, QUOTE_PERCENTILES, breakModel, heldModel } from './eta-held.ts';
import { type Entry, type SimCounter, entryOf, lastProjection, runPlays } from './eta-plays.ts';
import { usualPlans } from './eta-usual.ts';
import { type WaitEstimate, atLeast, fallback, rangeOf } from './eta-range.ts';
import { quoteScores } from './eta-calibration.ts';
import { minuteOfDay } from './business-day.ts';
import { waitingTickets } from './waiting.ts';

export { ETA_MODEL, QUOTE_PERCENTILES, heldModel, lastProjection };

export interface Projection {
  /** The estimate for a waiting ticket (undefined when it is not waiting or no counter serves it). */
  ticket(id: string): WaitEstimate | undefined;
  /** The estimate for a ticket of this service issued now, priority or not. */
  probe(serviceId: string, priority: boolean): WaitEstimate | undefined;
  /** For the tickets issued now it was made for (ProjectOptions.targets), each one's estimate in order. */
  targets(): WaitEstimate[];
}

/** The sim of the staffed counter a reserved ticket waits for (the one it was sent to, or its clerk's). */
function reservedSim(state: HallState, t: TicketRecord, simOf: ReadonlyMap<string, SimCounter>): SimCounter | undefined {
  if (t.targetCounterId !== undefined) return simOf.get(t.targetCounterId);
  for (const c of state.counters.values()) if (c.clerkId === t.targetClerkId && c.state !== 'closed') return simOf.get(c.id);
  return undefined;
}

export interface ProjectOptions {
  /** Counter calls the plays may take together (ETA_MODEL.budget by default). */
  budget?: number;
  /**
   * Only the quote of a ticket of this service and class issued now (the issue path): only the
   * counters that can reach it take part, each play stops once it is called, and no other
   * estimate is made.
   */
  target?: { serviceId: string; priority: boolean };
  /**
   * Several tickets issued now, in this order (a batch of issues decided together): each one's
   * quote, the earlier ones holding the counters for the later ones, in one projection.
   */
  targets?: readonly { serviceId: string; priority: boolean }[];
}

/**
 * An array of `n` values made by `f`, built by push. The arrays `project` hands to other functions
 * (the plays, the estimates, the hall's batch of issues) are made so, not with Array.prototype.map:
 * V8's optimised `map` makes a holey array where the interpreter's makes a packed one, so whenever
 * `project` changed tier the functions reading its arrays met a map they had not seen, threw their
 * optimised code away and were compiled again (docs/benchmarks.md, the cost on the hub's issue path).
 */
function listOf<T>(n: number, f: (i: number) => T): T[] {
  const out: T[] = [];
  for (let i = 0; i < n; i++) out.push(f(i));
  return out;
}

/** Minutes from `now` to the next whole half hour of the branch's clock (0 on the half hour). */
function toNextHalfHour(now: number, timeZone: string): number {
  const m = minuteOfDay(now, timeZone) + (now % 60_000) / 60_000;
  return Math.ceil(m / 30 - 1e-9) * 30 - m;
}

export function project(state: HallState, now: number, options: ProjectOptions = {}): Projection {
  const budget = options.budget ?? ETA_MODEL.budget;
  const services = [...state.services.values()];
  const sIndex = new Map(services.map((s, i) => [s.id, i]));
  const S = services.length;
  const targets = listOf(S, (i) => Math.max(1, services[i]!.targetWaitMinutes));
  const { priorityFactor, overdueFactor } = state.config.routing;

  // Counters taking part.
  const counters = [...state.counters.values()];
  const staffed = new Array<boolean>(S).fill(false);
  counters.forEach((c) => {
    if (c.state === 'closed') return;
    for (const id of c.serviceIds) {
      const s = sIndex.get(id);
      if (s !== undefined) staffed[s] = true;
    }
  });
  const sims: SimCounter[] = [];
  /** The sim of each staffed counter, for the tickets reserved for it. */
  const simOf = new Map<string, SimCounter>();
  const breaksBegun = state.learning.breaksTaken.size > 0;
  const usual = usualPlans(state, counters, now);
  // A hall without a usual day whose counters have not opened yet today: the doors open before the
  // counters, which are taken to open at the next half hour (prior; a usual day knows when).
  const opensIn = state.usual.days === 0 && state.learning.since.size === 0 && counters.every((c) => c.state === 'closed') ? toNextHalfHour(now, state.branch.timeZone) : 0;
  counters.forEach((c) => {
    const serves = c.serviceIds.map((id) => sIndex.get(id)).filter((s): s is number => s !== undefined);
    if (serves.length === 0) return;
    const plan = usual.get(c.id);
    const gaps = plan?.gaps ?? [];
    const asBreak = plan?.asBreak ?? [];
    const pendingBreak = plan?.pendingBreak ?? 0;
    let sim: SimCounter | undefined;
    if (c.state === 'open') {
      const held = c.ticketId ? state.tickets.get(c.ticketId) : undefined;
      const hs = held ? sIndex.get(held.serviceId) : undefined;
      // Without a usual day to say when, a clerk who has not had a break yet takes one once the others have begun.
      const breakDue = !plan && breaksBegun && !state.learning.breaksTaken.has(c.id);
      if (held && hs !== undefined && held.calledAt) sim = { serves, own: [], breakDue, kind: 'busy', heldService: hs, elapsed: Math.max(0, (now - Date.parse(held.calledAt)) / 60_000), gaps, asBreak, pendingBreak };
      else sim = { serves, own: [], breakDue, kind: 'idle', heldService: -1, elapsed: 0, gaps, asBreak, pendingBreak };
    } else if (c.state === 'break') {
      sim = { serves, own: [], breakDue: false, kind: 'break', heldService: -1, elapsed: Math.max(0, (now - (state.learning.since.get(c.id) ?? now)) / 60_000), gaps, asBreak, pendingBreak: 0 };
    } else if (plan && plan.opensIn < Infinity) {
      // A closed counter that usually opens later today: it calls from then on.
      sim = { serves, own: [], breakDue: false, kind: 'idle', heldService: -1, elapsed: 0, gaps: [-1, plan.opensIn, ...gaps], asBreak: [false, ...asBreak], pendingBreak: 0 };
    } else if (serves.some((s) => !staffed[s])) {
      // The counters of a service nobody staffs are taken to open now (before the first counter of the day, at the prior's time).
      sim = { serves: serves.filter((s) => !staffed[s]), own: [], breakDue: false, kind: 'idle', heldService: -1, elapsed: 0, gaps: opensIn > 0 ? [-1, opensIn] : [], asBreak: opensIn > 0 ? [false] : [], pendingBreak: 0 };
    }
    if (sim) sims.push(sim);
    if (sim && c.state !== 'closed') simOf.set(c.id, sim);
  });
  const wanted = options.targets ?? (options.target ? [options.target] : undefined);
  /** The tickets issued now whose quotes are wanted (service index, class), in order; undefined: every estimate is wanted. */
  const tgt = wanted && listOf(wanted.length, (i) => ({ s: sIndex.get(wanted[i]!.serviceId) ?? -1, cls: wanted[i]!.priority ? 1 : 0 }));
  /** The services whose tickets take part: every one, or (for targets) those linked to them through shared counters. */
  const inScope = new Array<boolean>(S).fill(tgt === undefined);
  if (tgt) {
    for (const t of tgt) if (t.s >= 0) inScope[t.s] = true;
    for (let grew = true; grew; ) {
      grew = false;
      for (const c of sims) {
        if (!c.serves.some((x) => inScope[x])) continue;
        for (const x of c.serves) if (!inScope[x]) grew = inScope[x] = true;
      }
    }
    for (let k = sims.length - 1; k >= 0; k--) if (!sims[k]!.serves.some((x) => inScope[x])) sims.splice(k, 1);
    for (const [id, sim] of simOf) if (!sims.includes(sim)) simOf.delete(id);
  }
  const reachable = new Array<boolean>(S).fill(false);
  for (const c of sims) for (const s of c.serves) reachable[s] = true;

  const held = listOf(S, (i) => heldModel(state, services[i]!.id));
  const brk = breakModel(state);
  // The clerk's gap between letting a ticket go and calling the next (learnt; none assumed at first).
  const gaps = state.learning.gaps;
  const gap = gaps.reduce((a, b) => a + b, 0) / (gaps.length + ETA_MODEL.priorWeight);

  // Queues per service and class (0 normal, 1 priority), in routing order within the class: FIFO.
  const queues: Entry[][][] = listOf(S, () => [[], []]);
  const waiting: TicketRecord[] = [];
  let reserved = 0;
  // The waiting tickets in issue order (fold.ts keeps them apart from the day's others).
  const inHall = [...waitingTickets(state).values()].sort((a, b) => a.ordinal - b.ordinal);
  for (const t of inHall) {
    const s = sIndex.get(t.serviceId);
    if (s === undefined) continue;
    // Reserved for one counter: only its sim calls it; nobody while that counter is closed.
    const mine = isTargeted(t) ? reservedSim(state, t, simOf) : undefined;
    if (isTargeted(t) ? !mine : !reachable[s]) continue;
    // A checked-in appointment is played as due (routing.ts): a priority ticket waiting since one
    // target before its slot — slightly early for one checked in ahead of its time.
    const ws = t.dueMs === undefined ? t.waitingSince : Math.min(t.waitingSince, t.dueMs - targets[s]! * 60_000);
    const cls = t.priority !== 'none' ? 1 : 0;
    const entry = entryOf((ws - now) / 60_000, t.ordinal, waiting.length, false, s, cls);
    if (mine) {
      mine.own.push(entry);
      reserved++;
    } else queues[s]![cls]!.push(entry);
    waiting.push(t);
  }
  for (const q of queues) for (const cls of q) cls.sort((a, b) => a.ws - b.ws || a.ordinal - b.ordinal);
  const probeOrdinal = state.tickets.size + 1;
  const probeRef = (s: number, cls: number) => waiting.length + 2 * s + cls;
  services.forEach((_s, s) => {
    if (!reachable[s]) return;
    if (!tgt) for (const cls of [0, 1]) queues[s]![cls]!.push(entryOf(0, probeOrdinal, probeRef(s, cls), true, s, cls));
  });
  // The tickets issued now, in order: each holds a counter for the ones after it (the last need not).
  const targetRef = (i: number) => waiting.length + 2 * S + i;
  tgt?.forEach((t, i) => {
    if (t.s >= 0 && reachable[t.s]) queues[t.s]![t.cls]!.push(entryOf(0, probeOrdinal + i, targetRef(i), i === tgt.length - 1, t.s, t.cls));
  });
  const isTarget = (ref: number) => tgt !== undefined && ref >= waiting.length + 2 * S;
  /** How many of the targets each play must see called. */
  const targetsToCall = tgt ? tgt.filter((t) => t.s >= 0 && reachable[t.s]).length : 0;
  const nRefs = waiting.length + 2 * S + (tgt?.length ?? 0);
  let toCall = reserved;
  for (let s = 0; s < S; s++) if (reachable[s]) toCall += queues[s]![0]!.length + queues[s]![1]!.length;

  // Arrivals still to come: each service's rate over the recent window, and its priority share.
  const windowStart = now - ETA_MODEL.arrivalWindowMinutes * 60_000;
  // A ticket to come can change a wait only by going before a ticket in the hall (or a probe) at
  // a counter both can be called at: its score must grow faster, or it must become overdue sooner.
  // Those of a service and class that can do neither anywhere are not played (one service, first
  // come first served: none of its ordinary arrivals).
  const growth = (s: number, cls: number) => (cls ? priorityFactor : 1) / targets[s]!;
  const overtakes = listOf(S, (s) => listOf(2, (cls) => sims.some((c) => c.serves.includes(s) && (
    c.serves.some((x) => [0, 1].some((xc) => queues[x]![xc]!.length > 0 && (growth(x, xc) < growth(s, cls) || targets[x]! > targets[s]!)))
    || c.own.some((e) => growth(e.s, e.cls) < growth(s, cls) || targets[e.s]! > targets[s]!)))));
  const rates = listOf(S, (si) => {
    const a = state.learning.arrivals.get(services[si]!.id);
    if (!a || a.at.length === 0) return { perMinute: 0, priority: 0 };
    let n = 0;
    for (let i = a.at.length - 1; i >= 0 && a.at[i]! > windowStart; i--) if (a.at[i]! <= now) n++;
    const span = Math.max(10, Math.min(ETA_MODEL.arrivalWindowMinutes, (now - a.at[0]!) / 60_000));
    const priority = (a.priority + 0.1) / (a.total + 2);
    // Only the classes that can overtake are played: the rate of those, and the priority share among them.
    const normal = overtakes[si]![0]! ? 1 - priority : 0;
    const urgent = overtakes[si]![1]! ? priority : 0;
    return { perMinute: (n / span) * (normal + urgent), priority: normal + urgent > 0 ? urgent / (normal + urgent) : 0 };
  });

  // A ticket that arrives after every ticket now in the hall has become overdue can never be called
  // before them (overdue tickets go first, in issue order): arrivals are played up to then only.
  const horizon = overdueFactor * Math.max(1, ...targets);
  // At most as many arrivals as keep a play within its share of the budget (a flood of tickets —
  // hundreds a minute — must not make every quote play thousands of them).
  const maxArrivals = Math.max(0, Math.min(2 * toCall + 200, Math.floor(budget / ETA_MODEL.minPlays) - toCall));
  // A budget below the usual one (the hub's share for each of several issues decided together)
  // that cannot pay for the fewest drawn plays buys one play with mean times instead.
  const large = waiting.length > ETA_MODEL.largeQueue || (budget < (tgt === undefined ? ETA_MODEL.budget : ETA_MODEL.issueBudget) && budget / (toCall + 10) < ETA_MODEL.minPlays);
  // The number of plays is set after the first, from the calls it took (arrivals to come included).
  lastProjection.waiting = waiting.length;
  // The plays (runPlays: a function of its own over the projection's own arrays, so it stays compiled whatever the hall's objects look like).
  const { plays, sum, sumSq, count } = runPlays({
    sims, queues, S, targets, priorityFactor, overdueFactor, held, brk, gap, rates, reachable, horizon, maxArrivals, large, budget, toCall, nRefs,
    probeOrdinal, nTargets: tgt?.length ?? 0, firstTargetRef: tgt ? waiting.length + 2 * S : Infinity, targetsToCall,
  });

  // For the single play: the spread of a wait made of `wait ÷ interval` calls of the counters.
  const meanInterval = held.reduce((a, m) => a + m.mean, 0) / Math.max(1, held.length) / Math.max(1, sims.length);
  const scores = listOf(S, (i) => quoteScores(state, services[i]!.id));
  const estimate = (ref: number): WaitEstimate => {
    const n = count[ref]!;
    const si = ref < waiting.length ? sIndex.get(waiting[ref]!.serviceId)! : isTarget(ref) ? tgt![ref - waiting.length - 2 * S]!.s : (ref - waiting.length) >> 1;
    const serviceId = services[si]!.id;
    if (n < plays) return fallback(state, serviceId, ref < waiting.length ? ref : waiting.length);
    const mean = sum[ref]! / n;
    const variance = large ? mean * mean / Math.max(1, mean / Math.max(0.1, meanInterval)) : Math.max(0, sumSq[ref]! / n - mean * mean);
    return rangeOf(mean, variance, scores[si]);
  };
  // Within a service and class routing is first-in first-out: a later ticket is never quoted less.
  // Estimates are made on demand, a class's queue in order up to the ticket asked for.
  const where = new Int32Array(nRefs).fill(-1);
  const whereClass = new Int32Array(nRefs);
  queues.forEach((q, si) => q.forEach((list, cls) => list.forEach((e, i) => { where[e.ref] = i; whereClass[e.ref] = 2 * si + cls; })));
  const progress = listOf(2 * S, () => ({ upto: 0, quote: { minMinutes: 0, maxMinutes: 0 }, mean: 0 }));
  const made: (WaitEstimate | undefined)[] = new Array(nRefs);
  const resolve = (ref: number): WaitEstimate => {
    if (made[ref]) return made[ref];
    // The target's play stops at it: its mean is already past every earlier ticket's in each play.
    if (where[ref]! < 0 || isTarget(ref)) return (made[ref] = estimate(ref));
    const k = whereClass[ref]!;
    const list = queues[k >> 1]![k & 1]!;
    const p = progress[k]!;
    while (p.upto <= where[ref]!) {
      const e = list[p.upto++]!;
      const x = estimate(e.ref);
      p.quote = atLeast(x.quote, p.quote);
      p.mean = Math.max(p.mean, x.meanMinutes);
      made[e.ref] = { ...x, meanMinutes: p.mean, quote: p.quote };
    }
    return made[ref]!;
  };
  let index: Map<string, number> | undefined; // made on the first ticket asked for (the issue path asks only for a probe)
  return {
    ticket: (id) => {
      if (tgt) return undefined;
      index ??= new Map(waiting.map((t, i) => [t.id, i]));
      const i = index.get(id);
      return i === undefined ? undefined : resolve(i);
    },
    probe: (serviceId, priority) => {
      const si = sIndex.get(serviceId);
      if (si === undefined) return undefined;
      if (tgt) {
        // The first ticket issued now of this service and class.
        const i = tgt.findIndex((t) => t.s === si && t.cls === (priority ? 1 : 0));
        if (i < 0) return undefined;
        return reachable[si] ? resolve(targetRef(i)) : fallback(state, serviceId, waiting.length);
      }
      return reachable[si] ? resolve(probeRef(si, priority ? 1 : 0)) : fallback(state, serviceId, waiting.length);
    },
    targets: () => listOf(tgt?.length ?? 0, (i) => (tgt![i]!.s >= 0 && reachable[tgt![i]!.s] ? resolve(targetRef(i)) : fallback(state, wanted![i]!.serviceId, waiting.length + i))),
  };
}

// A discrete-event simulation of one hall day that drives the real domain code: every ticket is
// issued, called, started, completed or marked a no-show, and every counter opened, put on break
// and closed through `decide` and `apply` with a manual clock, exactly as the hub would — only the
// citizens and the clerks are simulated. Seeded: one scenario and seed always give the same day.
import type { Actor, Command } from '../domain/commands.ts';
import { decide } from '../domain/commands.ts';
import { type ManualClock, manualClock } from '../domain/clock.ts';
import { meanServiceMinutes, quoteAtIssue } from '../domain/eta.ts';
import { exponential, logNormalParams, normalQuantile, seededRandom } from '../domain/random.ts';
import type { HallState, UsualDay } from '../domain/hall-state.ts';
import { apply, createHallState } from '../domain/fold.ts';
import type { ExpectedWait, Service } from '../protocol/entities.ts';
import type { DomainEvent } from '../protocol/events.ts';
import { learnUsualDay } from '../domain/eta-usual.ts';
import { lastCalledBaseline, mmsOracle, previousModel, queueLengthBaseline } from './baselines.ts';
import { type Scenario, isStationaryMms, minutesOf } from './scenario.ts';

const MIN = 60_000;

/** One ticket of the simulated day, with what each estimator said at its issue. */
export interface TicketOutcome {
  serviceId: string;
  priority: boolean;
  /** Minutes since midnight, branch time. */
  issuedAt: number;
  /** A counter serving its service was on break when it was issued. */
  duringBreak: boolean;
  /** Issued before any counter serving its service had opened today (the doors open before the counters). */
  beforeOpen: boolean;
  /** Minutes from issue to call; null when never called. */
  wait: number | null;
  /** The quote stored in its `ticket.issued` event. */
  quote: ExpectedWait;
  /** Point estimates (minutes): the model's mean, the baselines, and the best possible where known. */
  estimate: number;
  /** The model's variance of the wait (minutes²), so ranges can be re-derived when tuning. */
  variance: number;
  lastCalled: number;
  queueLength: number;
  previous: number;
  previousQuote: ExpectedWait;
  /** On a stationary M/M/s hall: the best possible point estimate (the conditional mean) and the true 20th–80th percentiles of the wait. */
  best?: number;
  oracle?: { low: number; high: number };
  /** The same with the hall's learnt mean time at the counter at the moment of issue (eta.ts meanServiceMinutes) in place of the true one. */
  known?: { mean: number; low: number; high: number };
}

export interface CounterUse {
  counterId: string;
  openMinutes: number;
  busyMinutes: number;
  served: number;
}

export interface DayResult {
  scenario: string;
  seed: number;
  tickets: TicketOutcome[];
  counters: CounterUse[];
  noShows: number;
  /** Whether the M/M/s conditional expectation (best possible) was computed. */
  stationary: boolean;
  services: Service[];
  /** Every event of the day, in order (what the hub's store would hold). */
  events: DomainEvent[];
}

export interface SimulateOptions {
  /** Called after each issue with the hall's state (e.g. to time the estimator on busy states). */
  observe?: (state: HallState, now: number) => void;
  /** The hall's usual day, learnt from the days before (eta-usual.ts); none by default. */
  usual?: UsualDay;
}

interface Clerk {
  actor: Actor;
  counterId: string;
  services: Set<string>;
  shifts: [number, number][];
  phase: 'off' | 'idle' | 'busy' | 'break';
  ticketId?: string;
  wantBreak: number | null;
  wantClose: boolean;
  callPending: boolean;
  openedAt: number;
  calledAt: number;
  use: CounterUse;
}

type Ev =
  | { kind: 'arrival'; service: number }
  | { kind: 'shiftStart' | 'shiftEnd' | 'tryCall' | 'breakEnd'; clerk: Clerk }
  | { kind: 'breakAt'; clerk: Clerk; minutes: number }
  | { kind: 'walked' | 'done' | 'noShow'; clerk: Clerk; ticketId: string };

/** A binary heap of timed events; ties in the order they were scheduled. */
class Agenda {
  private heap: { t: number; n: number; ev: Ev }[] = [];
  private n = 0;
  push(t: number, ev: Ev): void {
    const h = this.heap;
    h.push({ t, n: this.n++, ev });
    let i = h.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (this.less(h[p]!, h[i]!)) break;
      [h[p], h[i]] = [h[i]!, h[p]!];
      i = p;
    }
  }
  pop(): { t: number; ev: Ev } | undefined {
    const h = this.heap;
    if (h.length === 0) return undefined;
    const top = h[0]!;
    const last = h.pop()!;
    if (h.length > 0) {
      h[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < h.length && this.less(h[l]!, h[m]!)) m = l;
        if (r < h.length && this.less(h[r]!, h[m]!)) m = r;
        if (m === i) break;
        [h[m], h[i]] = [h[i]!, h[m]!];
        i = m;
      }
    }
    return top;
  }
  private less(a: { t: number; n: number }, b: { t: number; n: number }): boolean {
    return a.t < b.t || (a.t === b.t && a.n < b.n);
  }
}

export function simulateDay(scenario: Scenario, seed: number, options: SimulateOptions = {}): DayResult {
  const midnight = Date.parse(`${scenario.day}T00:00:00${scenario.utcOffset}`);
  const at = (hhmm: string) => midnight + minutesOf(hhmm) * MIN;
  const rnd = seededRandom(seed * 7919 + 17);
  const services: Service[] = scenario.services.map((s) => ({
    id: s.id, prefix: s.prefix, name: s.name ?? { ar: s.id, en: s.id }, category: 'general', targetWaitMinutes: s.targetWaitMinutes, active: true,
  }));
  const state = createHallState({
    day: scenario.day,
    branch: { id: 'sim', name: { ar: 'محاكاة', en: 'Simulation' }, timeZone: scenario.timeZone },
    config: { defaultServiceMinutes: scenario.defaultServiceMinutes, ...(scenario.routing ? { routing: scenario.routing } : {}) },
    services,
    counters: scenario.counters.map((c, i) => ({ id: c.id, number: i + 1, name: { ar: c.id, en: c.id }, serviceIds: c.services, state: 'closed' as const })),
    ...(options.usual ? { usual: options.usual } : {}),
  });
  const events: DomainEvent[] = [];
  const clock: ManualClock = manualClock(midnight);
  const agenda = new Agenda();
  const stationary = isStationaryMms(scenario);
  const kiosk: Actor = { id: 'kiosk', role: 'kiosk' };
  let codes = 0;
  const run = (cmd: Command, actor: Actor): DomainEvent[] => {
    const d = decide(state, cmd, { now: clock.now(), actor, newTrackingCode: () => `T${++codes}` });
    if (!d.ok) throw new Error(`simulate: ${cmd.type} refused: ${d.error.message}`);
    for (const e of d.value) {
      apply(state, e);
      events.push(e);
      onEvent(e);
    }
    return d.value;
  };

  const outcomes = new Map<string, TicketOutcome>();
  const lastWait = new Map<string, number>();
  let noShows = 0;
  const onEvent = (e: DomainEvent) => {
    if (e.type === 'ticket.called') {
      const o = outcomes.get(e.ticketId);
      if (o && o.wait === null) {
        const t = state.tickets.get(e.ticketId)!;
        o.wait = (Date.parse(e.at) - t.waitingSince) / MIN;
        lastWait.set(t.serviceId, o.wait);
      }
    }
  };

  // Service times.
  const serviceTime = scenario.services.map((s) => {
    if (s.serviceTime.dist === 'exponential') return () => exponential(rnd, s.serviceTime.mean);
    const { mu, sigma } = logNormalParams(s.serviceTime.mean, s.serviceTime.cv);
    return () => Math.exp(mu + sigma * normalQuantile(Math.min(1 - 1e-12, Math.max(1e-12, rnd()))));
  });
  const sIndex = new Map(scenario.services.map((s, i) => [s.id, i]));

  // Arrivals: a Poisson process per service, its rate constant within each hour.
  const doorsOpen = scenario.doorsOpen ? minutesOf(scenario.doorsOpen) : 0;
  scenario.services.forEach((s, i) => {
    for (let h = 0; h < 24; h++) {
      const perHour = (s.arrivalsPerHour[String(h)] ?? 0) * scenario.arrivalScale;
      if (perHour <= 0) continue;
      let t = h * 60 + exponential(rnd, 60 / perHour);
      while (t < (h + 1) * 60) {
        if (t >= doorsOpen) agenda.push(midnight + t * MIN, { kind: 'arrival', service: i });
        t += exponential(rnd, 60 / perHour);
      }
    }
  });

  const clerks: Clerk[] = scenario.counters.map((c) => {
    const shifts = c.shifts.map(([a, b]) => [at(a), at(b)] as [number, number]);
    const clerk: Clerk = {
      actor: { id: `clerk-${c.id}`, role: 'clerk' }, counterId: c.id, services: new Set(c.services), shifts, phase: 'off',
      wantBreak: null, wantClose: false, callPending: false, openedAt: 0, calledAt: 0,
      use: { counterId: c.id, openMinutes: 0, busyMinutes: 0, served: 0 },
    };
    for (const [a, b] of shifts) {
      agenda.push(a, { kind: 'shiftStart', clerk });
      agenda.push(b, { kind: 'shiftEnd', clerk });
    }
    for (const [t, minutes] of c.breaks) agenda.push(at(t) + (2 * rnd() - 1) * scenario.breakJitterMinutes * MIN, { kind: 'breakAt', clerk, minutes });
    return clerk;
  });
  const hallClose = Math.max(...clerks.flatMap((c) => c.shifts.map((s) => s[1])));
  const lastEnd = new Map(clerks.map((c) => [c, hallClose]));

  const waitingFor = (clerk: Clerk) => {
    for (const t of state.tickets.values()) if (t.status === 'waiting' && clerk.services.has(t.serviceId)) return true;
    return false;
  };
  const closeTime = (clerk: Clerk) => {
    clerk.use.openMinutes += (clock.now() - clerk.openedAt) / MIN;
  };
  const open = (clerk: Clerk) => {
    run({ type: 'openCounter', counterId: clerk.counterId }, clerk.actor);
    clerk.phase = 'idle';
    clerk.openedAt = clock.now();
    agenda.push(clock.now(), { kind: 'tryCall', clerk });
  };
  const close = (clerk: Clerk) => {
    if (clerk.phase === 'idle') closeTime(clerk);
    run({ type: 'closeCounter', counterId: clerk.counterId }, clerk.actor);
    clerk.phase = 'off';
    clerk.wantClose = false;
  };
  const goOnBreak = (clerk: Clerk, minutes: number) => {
    closeTime(clerk);
    run({ type: 'break', counterId: clerk.counterId }, clerk.actor);
    clerk.phase = 'break';
    clerk.wantBreak = null;
    agenda.push(clock.now() + minutes * MIN, { kind: 'breakEnd', clerk });
  };
  /** The clerk's hands are free: a break or the end of the shift first, else the next ticket. */
  const free = (clerk: Clerk) => {
    clerk.phase = 'idle';
    delete clerk.ticketId;
    clerk.use.busyMinutes += (clock.now() - clerk.calledAt) / MIN;
    if (clerk.wantBreak !== null) return goOnBreak(clerk, clerk.wantBreak);
    if (clerk.wantClose && !(scenario.serveUntilEmpty && clock.now() >= lastEnd.get(clerk)! && waitingFor(clerk))) return close(clerk);
    agenda.push(clock.now() + exponential(rnd, scenario.reactionMinutes) * MIN, { kind: 'tryCall', clerk });
  };

  for (let next = agenda.pop(); next; next = agenda.pop()) {
    clock.set(next.t);
    const ev = next.ev;
    switch (ev.kind) {
      case 'arrival': {
        const spec = scenario.services[ev.service]!;
        const serviceId = spec.id;
        const priority = rnd() < spec.priorityShare;
        const now = clock.now();
        // The quote the issue will print (the same projection: decide reuses it).
        const est = quoteAtIssue(state, serviceId, priority, now);
        const prev = previousModel(state, serviceId);
        let oracle: { mean: number; low: number; high: number } | undefined;
        let known: { mean: number; low: number; high: number } | undefined;
        if (stationary) {
          const openCounters = [...state.counters.values()].filter((c) => c.serviceIds.includes(serviceId) && c.state === 'open');
          let ahead = 0;
          for (const t of state.tickets.values()) if (t.status === 'waiting') ahead++;
          const hall = {
            ahead, idle: openCounters.filter((c) => !c.ticketId).length, open: openCounters.length, counters: clerks.length,
            opensIn: (Math.min(...clerks.map((c) => c.shifts[0]![0])) - now) / MIN,
          };
          oracle = mmsOracle({ ...hall, mean: spec.serviceTime.mean });
          known = mmsOracle({ ...hall, mean: meanServiceMinutes(state, serviceId) });
        }
        const beforeOpen = [...state.counters.values()].every((c) => !c.serviceIds.includes(serviceId) || (c.state === 'closed' && !state.learning.since.has(c.id)));
        const [e] = run({ type: 'issue', serviceId, lang: 'ar', priority: priority ? 'elderly' : 'none', identityVerified: false }, kiosk);
        if (e?.type !== 'ticket.issued') throw new Error('simulate: no ticket issued');
        outcomes.set(e.ticket.id, {
          serviceId, priority, issuedAt: (now - midnight) / MIN, duringBreak: state.tickets.get(e.ticket.id)?.quotedInBreak === true, wait: null,
          quote: e.quote, estimate: est.meanMinutes, variance: est.variance, lastCalled: lastCalledBaseline(lastWait, serviceId), queueLength: queueLengthBaseline(state, serviceId, e.ticket.id),
          previous: prev.mean, previousQuote: prev.quote, beforeOpen,
          ...(oracle ? { best: oracle.mean, oracle: { low: oracle.low, high: oracle.high } } : {}),
          ...(known ? { known } : {}),
        });
        for (const c of clerks) {
          if (c.phase === 'idle' && !c.callPending && c.services.has(serviceId)) {
            c.callPending = true;
            agenda.push(now + exponential(rnd, scenario.reactionMinutes) * MIN, { kind: 'tryCall', clerk: c });
          }
        }
        options.observe?.(state, now);
        break;
      }
      case 'shiftStart':
        if (ev.clerk.phase === 'off') open(ev.clerk);
        break;
      case 'shiftEnd': {
        const c = ev.clerk;
        const last = clock.now() >= lastEnd.get(c)!;
        if (c.phase === 'busy') c.wantClose = true;
        else if (c.phase === 'break') close(c);
        else if (c.phase === 'idle') {
          if (last && scenario.serveUntilEmpty && waitingFor(c)) c.wantClose = true;
          else close(c);
        }
        break;
      }
      case 'breakAt': {
        const c = ev.clerk;
        if (c.phase === 'idle') goOnBreak(c, ev.minutes);
        else if (c.phase === 'busy') c.wantBreak = ev.minutes;
        break;
      }
      case 'breakEnd':
        if (ev.clerk.phase === 'break') {
          const inShift = ev.clerk.shifts.some(([a, b]) => clock.now() >= a && clock.now() < b);
          if (inShift) open(ev.clerk);
          else close(ev.clerk);
        }
        break;
      case 'tryCall': {
        const c = ev.clerk;
        c.callPending = false;
        if (c.phase !== 'idle') break;
        const called = run({ type: 'callNext', counterId: c.counterId }, c.actor)[0];
        if (called?.type === 'ticket.called') {
          c.phase = 'busy';
          c.ticketId = called.ticketId;
          c.calledAt = clock.now();
          agenda.push(clock.now() + exponential(rnd, scenario.walkMinutes) * MIN, { kind: 'walked', clerk: c, ticketId: called.ticketId });
        } else if (c.wantClose) close(c);
        break;
      }
      case 'walked': {
        const t = state.tickets.get(ev.ticketId)!;
        const spec = scenario.services[sIndex.get(t.serviceId)!]!;
        if (rnd() < spec.noShowShare) {
          agenda.push(clock.now() + scenario.noShowMinutes * MIN, { kind: 'noShow', clerk: ev.clerk, ticketId: ev.ticketId });
        } else {
          run({ type: 'start', ticketId: ev.ticketId }, ev.clerk.actor);
          const minutes = serviceTime[sIndex.get(t.serviceId)!]!() * (rnd() < scenario.outlierShare ? 5 : 1);
          agenda.push(clock.now() + minutes * MIN, { kind: 'done', clerk: ev.clerk, ticketId: ev.ticketId });
        }
        break;
      }
      case 'done':
        run({ type: 'complete', ticketId: ev.ticketId }, ev.clerk.actor);
        ev.clerk.use.served++;
        free(ev.clerk);
        break;
      case 'noShow':
        run({ type: 'noShow', ticketId: ev.ticketId }, ev.clerk.actor);
        noShows++;
        free(ev.clerk);
        break;
    }
  }
  for (const c of clerks) if (c.phase === 'idle') closeTime(c);
  return { scenario: scenario.name, seed, tickets: [...outcomes.values()], counters: clerks.map((c) => c.use), noShows, stationary, services, events };
}

/** The usual day a hall running this scenario would have learnt from `days` days before (simulated with seeds 9001…: never a reported day's). */
export function usualDayOf(scenario: Scenario, days: number): UsualDay {
  return learnUsualDay(Array.from({ length: days }, (_x, i) => simulateDay(scenario, 9001 + i).events), scenario.timeZone);
}

// The fold of the hall's state for one business day: the state a day starts from
// (`createHallState`) and `apply`, which folds one event into it. The hub rebuilds it at start-up
// by replaying the day's events from the store; `apply` must therefore be deterministic and must
// accept every event `decide` can yield. The state's types are in hall-state.ts.
import type { Branch, Counter, Service } from '../protocol/entities.ts';
import type { DomainEvent, EventOf } from '../protocol/events.ts';
import type { ClerkTally, HallConfig, HallState, ServiceTally, TicketRecord, UsualDay } from './hall-state.ts';
import { emptyLearning, learnArrival, learnCounterState, learnGap, learnHeld } from './eta-learning.ts';
import { learnQuoteError, serviceOnBreak } from './eta-calibration.ts';
import { hourOfDay } from './business-day.ts';
import { NO_USUAL_DAY } from './eta-usual.ts';
import { branchWith, configWith } from './hall-settings.ts';
import { DEFAULT_ROUTING } from './routing.ts';
import { keepWaiting } from './waiting.ts';

export const DEFAULT_CONFIG: HallConfig = {
  routing: DEFAULT_ROUTING,
  recallLimit: 3,
  defaultServiceMinutes: 6,
  retentionDays: 30,
  unusedAppointmentDays: 7,
  feedbackDeadlineDays: 3,
};

export function createHallState(input: { day: string; branch: Branch; config?: Partial<HallConfig>; services?: Service[]; counters?: Counter[]; usual?: UsualDay }): HallState {
  return {
    day: input.day,
    branch: input.branch,
    config: { ...DEFAULT_CONFIG, ...input.config },
    services: new Map((input.services ?? []).map((s) => [s.id, s])),
    counters: new Map((input.counters ?? []).map((c) => [c.id, { ...c }])),
    tickets: new Map(),
    lastNumber: new Map(),
    tally: new Map(),
    hourly: Array.from({ length: 24 }, () => ({ issued: 0, waitCount: 0, waitSumMs: 0 })),
    devices: new Map(),
    learning: emptyLearning(),
    clerkDay: new Map(),
    usual: input.usual ?? NO_USUAL_DAY,
  };
}

export function emptyTally(): ServiceTally {
  return { issued: 0, served: 0, noShows: 0, waitCount: 0, waitSumMs: 0, withinTarget: 0, serviceCount: 0, serviceSumMs: 0, ratingCount: 0, ratingSum: 0 };
}

export function tallyOf(state: HallState, serviceId: string): ServiceTally {
  let t = state.tally.get(serviceId);
  if (!t) {
    t = emptyTally();
    state.tally.set(serviceId, t);
  }
  return t;
}

function freeCounter(state: HallState, counterId: string | undefined, ticketId: string, at?: string) {
  if (!counterId) return;
  const c = state.counters.get(counterId);
  if (c && c.ticketId === ticketId) {
    delete c.ticketId;
    if (at) state.learning.released.set(counterId, Date.parse(at));
  }
}

/** The tally of whoever recorded an event at a counter: its `by`, or (older logs) the clerk signed in there. */
function clerkTally(state: HallState, by: string | undefined, counterId: string | undefined): ClerkTally | undefined {
  const who = by ?? (counterId ? state.counters.get(counterId)?.clerkId : undefined);
  if (!who) return undefined;
  let t = state.clerkDay.get(who);
  if (!t) {
    t = { served: 0, noShows: 0, transferred: 0, timed: 0, serviceMs: 0, outcomes: new Map() };
    state.clerkDay.set(who, t);
  }
  return t;
}

function ticket(state: HallState, id: string): TicketRecord {
  const t = state.tickets.get(id);
  if (!t) throw new Error(`apply: unknown ticket ${id}`);
  return t;
}

type Handlers = { [K in DomainEvent['type']]: (s: HallState, e: EventOf<K>) => void };

const handlers: Handlers = {
  'day.opened': (s, e) => {
    s.day = e.day;
    s.tickets.clear();
    s.lastNumber.clear();
    s.tally.clear();
    s.hourly = Array.from({ length: 24 }, () => ({ issued: 0, waitCount: 0, waitSumMs: 0 }));
    s.learning = emptyLearning();
    s.clerkDay.clear();
    // Clerks sign in afresh each day: a restart that replays only today's events agrees.
    for (const c of s.counters.values()) {
      c.state = 'closed';
      delete c.ticketId;
      delete c.clerkId;
    }
  },
  'ticket.issued': (s, e) => {
    const at = Date.parse(e.at);
    const [prefix, num] = e.ticket.number.split('-') as [string, string];
    s.tickets.set(e.ticket.id, { ...e.ticket, ordinal: s.tickets.size + 1, waitingSince: at, quote: e.quote, ...(e.ticket.dueAt ? { dueMs: Date.parse(e.ticket.dueAt) } : {}), ...(serviceOnBreak(s, e.ticket.serviceId) ? { quotedInBreak: true as const } : {}) });
    s.lastNumber.set(prefix, Math.max(s.lastNumber.get(prefix) ?? 0, Number(num)));
    tallyOf(s, e.ticket.serviceId).issued++;
    s.hourly[hourOfDay(at, s.branch.timeZone)]!.issued++;
    learnArrival(s.learning, e.ticket.serviceId, e.ticket.priority, at);
  },
  'ticket.called': (s, e) => {
    const t = ticket(s, e.ticketId);
    const at = Date.parse(e.at);
    if (t.status === 'waiting') {
      // A wait sample: from the (original) issue to this call.
      const waited = at - t.waitingSince;
      const tally = tallyOf(s, t.serviceId);
      tally.waitCount++;
      tally.waitSumMs += waited;
      const target = s.services.get(t.serviceId)?.targetWaitMinutes ?? Infinity;
      if (waited <= target * 60_000) tally.withinTarget++;
      const h = s.hourly[hourOfDay(t.waitingSince, s.branch.timeZone)]!;
      h.waitCount++;
      h.waitSumMs += waited;
      // Where the real wait fell in the distribution quoted at issue: the service's next quotes learn from it.
      if (t.quote && !t.calledAt && t.transferredFrom.length === 0) learnQuoteError(s.learning, t.serviceId, t.quote, waited / 60_000, t.quotedInBreak === true, at);
    }
    t.status = 'called';
    t.calledAt = e.at;
    t.counterId = e.counterId;
    t.recalls = 0;
    // Called where it was sent: no longer reserved (a later transfer reserves it afresh).
    delete t.targetCounterId;
    delete t.targetClerkId;
    const c = s.counters.get(e.counterId);
    if (c) c.ticketId = t.id;
    learnGap(s.learning, e.counterId, t.waitingSince, at);
  },
  'ticket.recalled': (s, e) => {
    ticket(s, e.ticketId).recalls = e.recalls;
  },
  'ticket.started': (s, e) => {
    const t = ticket(s, e.ticketId);
    t.status = 'serving';
    t.startedAt = e.at;
  },
  'ticket.completed': (s, e) => {
    const t = ticket(s, e.ticketId);
    t.status = 'done';
    t.finishedAt = e.at;
    if (e.outcome !== undefined) t.outcome = e.outcome;
    if (e.note !== undefined) t.note = e.note;
    const tally = tallyOf(s, t.serviceId);
    tally.served++;
    if (t.startedAt) {
      tally.serviceCount++;
      tally.serviceSumMs += Date.parse(e.at) - Date.parse(t.startedAt);
    }
    const mine = clerkTally(s, e.by, e.counterId);
    if (mine) {
      mine.served++;
      if (t.startedAt) {
        mine.timed++;
        mine.serviceMs += Date.parse(e.at) - Date.parse(t.startedAt);
      }
      const code = e.outcome ?? 'none';
      mine.outcomes.set(code, (mine.outcomes.get(code) ?? 0) + 1);
    }
    learnHeld(s.learning, t.serviceId, t.calledAt, Date.parse(e.at));
    freeCounter(s, e.counterId, t.id, e.at);
  },
  'ticket.no_show': (s, e) => {
    const t = ticket(s, e.ticketId);
    t.status = 'no_show';
    t.finishedAt = e.at;
    tallyOf(s, t.serviceId).noShows++;
    const mine = clerkTally(s, e.by, e.counterId);
    if (mine) mine.noShows++;
    learnHeld(s.learning, t.serviceId, t.calledAt, Date.parse(e.at));
    freeCounter(s, e.counterId, t.id, e.at);
  },
  'ticket.transferred': (s, e) => {
    const t = ticket(s, e.ticketId);
    const tally = tallyOf(s, e.fromServiceId);
    if (t.startedAt) {
      tally.serviceCount++;
      tally.serviceSumMs += Date.parse(e.at) - Date.parse(t.startedAt);
    }
    if (e.counterId !== undefined) {
      // Let go at a counter (a supervisor's move of a waiting ticket has none).
      learnHeld(s.learning, e.fromServiceId, t.calledAt, Date.parse(e.at));
      const mine = clerkTally(s, e.by, e.counterId);
      if (mine) mine.transferred++;
    }
    freeCounter(s, t.counterId, t.id, e.at);
    t.status = 'waiting';
    // Sent to a counter or clerk in the same service: not "transferred from" it.
    if (e.toServiceId !== e.fromServiceId) t.transferredFrom = [...t.transferredFrom, e.fromServiceId];
    t.serviceId = e.toServiceId;
    delete t.counterId;
    delete t.calledAt;
    delete t.startedAt;
    t.recalls = 0;
    // Reserved for one counter or clerk, or back in its service's queue; the newest note replaces an older one.
    delete t.targetCounterId;
    delete t.targetClerkId;
    if (e.toCounterId !== undefined) t.targetCounterId = e.toCounterId;
    if (e.toClerkId !== undefined) t.targetClerkId = e.toClerkId;
    if (e.note !== undefined) t.transferNote = e.note;
    else if (e.counterId !== undefined) delete t.transferNote;
    if (e.counterId !== undefined) t.sentFromCounterId = e.counterId;
    else delete t.sentFromCounterId;
  },
  'ticket.parked': (s, e) => {
    const t = ticket(s, e.ticketId);
    t.status = 'parked';
    learnHeld(s.learning, t.serviceId, t.calledAt, Date.parse(e.at));
    freeCounter(s, e.counterId, t.id, e.at);
  },
  'ticket.cancelled': (s, e) => {
    const t = ticket(s, e.ticketId);
    t.status = 'cancelled';
    t.finishedAt = e.at;
  },
  'ticket.rated': (s, e) => {
    const t = ticket(s, e.ticketId);
    t.rating = e.rating;
    const tally = tallyOf(s, t.serviceId);
    tally.ratingCount++;
    tally.ratingSum += e.rating;
  },
  'counter.opened': (s, e) => {
    const c = s.counters.get(e.counterId);
    if (c) {
      learnCounterState(s.learning, c.id, c.state, 'open', Date.parse(e.at));
      c.state = 'open';
      c.clerkId = e.clerkId;
    }
  },
  'counter.closed': (s, e) => {
    const c = s.counters.get(e.counterId);
    if (c) {
      learnCounterState(s.learning, c.id, c.state, 'closed', Date.parse(e.at));
      c.state = 'closed';
      delete c.clerkId;
      delete c.ticketId;
    }
  },
  'counter.break': (s, e) => {
    const c = s.counters.get(e.counterId);
    if (c) {
      learnCounterState(s.learning, c.id, c.state, 'break', Date.parse(e.at));
      c.state = 'break';
    }
  },
  'hall.configured': (s, e) => {
    s.branch = branchWith(s.branch, e.settings);
    s.config = configWith(s.config, e.settings);
  },
  'service.saved': (s, e) => {
    s.services.set(e.service.id, e.service);
  },
  'counter.saved': (s, e) => {
    const old = s.counters.get(e.counter.id);
    s.counters.set(e.counter.id, { ...e.counter, state: old?.state ?? 'closed', ...(old?.clerkId ? { clerkId: old.clerkId } : {}), ...(old?.ticketId ? { ticketId: old.ticketId } : {}) });
  },
  'device.health': (s, e) => {
    s.devices.set(`${e.deviceId}:${e.device}`, { deviceId: e.deviceId, device: e.device, state: e.state, at: e.at, ...(e.detail ? { detail: e.detail } : {}) });
  },
};

const versions = new WeakMap<HallState, number>();
/** How many events have been applied to this state object: a derived figure computed at one version and time can be reused. */
export const stateVersion = (state: HallState): number => versions.get(state) ?? 0;

/** Folds one event into the state (mutates it). */
export function apply(state: HallState, event: DomainEvent): void {
  versions.set(state, (versions.get(state) ?? 0) + 1);
  (handlers[event.type] as (s: HallState, e: DomainEvent) => void)(state, event);
  keepWaiting(state, event);
}

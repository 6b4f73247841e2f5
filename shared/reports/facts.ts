// The report facts: a pure fold of the event log into one row per ticket, one row per stint of
// service, and one row per counter interval (open or on break). Every report is computed from
// these rows — summed per day into roll-ups (rollup.ts) — and these rows only from the events, so
// the hall (SQLite) and central (PostgreSQL) compute the same figures from the same log.
// Definitions: docs/hall-manager.md ("Reports").
//
// Nothing personal is kept: no tracking codes, notes or rating comments (comments are read from
// wherever they are retained, at report time, and may be gone).
import type { Service } from '../protocol/entities.ts';
import type { DomainEvent } from '../protocol/events.ts';
import { businessDay } from '../domain/business-day.ts';
import { hourOfDay } from '../domain/business-day.ts';

export type Outcome = 'served' | 'no_show' | 'cancelled' | 'unfinished';

/** One ticket (one citizen's visit), on the business day it was issued. */
export interface TicketFact {
  id: string;
  day: string;
  /** The service it was issued for (waits, service level and quotes count here). */
  serviceId: string;
  /** The service it ended in (outcomes count here); differs after a transfer. */
  finalServiceId: string;
  priority: string;
  issuedAt: number;
  /** Hour of day (0–23) and weekday (0 = Sunday) of the issue, in the branch's time zone. */
  hour: number;
  weekday: number;
  /** Wait = issue → first call, ms; absent if never called. */
  waitMs: number | null;
  /** The issue service's target wait in force at issue, ms. */
  targetMs: number;
  /** Where and by whom it was first called. */
  counterId: string | null;
  clerkId: string | null;
  outcome: Outcome;
  /** Where and by whom it ended (served or no-show). */
  endCounterId: string | null;
  endClerkId: string | null;
  transfers: number;
  quoteMin: number;
  quoteMax: number;
  rating: number | null;
}

/** One stint of service: the time a ticket spent being served in one service (start → complete or transfer, minus parked spells). */
export interface ServiceFact {
  ticketId: string;
  /** 0 for the first service, 1 after the first transfer … */
  seg: number;
  day: string;
  serviceId: string;
  counterId: string;
  clerkId: string | null;
  startedAt: number;
  ms: number;
  hour: number;
  weekday: number;
  ended: 'completed' | 'transferred';
}

/** A counter open (staffed) or on break, from → from + ms. */
export interface CounterFact {
  day: string;
  counterId: string;
  clerkId: string | null;
  kind: 'open' | 'break';
  from: number;
  ms: number;
}

/** A dated change a manager may want to see on a trend: read from configuration events, or added by hand. */
export interface MarkFact {
  day: string;
  kind: 'service_added' | 'target_changed' | 'counter_added' | 'counter_services_changed' | 'manual';
  serviceId: string | null;
  counterId: string | null;
  label: string;
}

export interface DayFacts {
  tickets: TicketFact[];
  services: ServiceFact[];
  counters: CounterFact[];
  marks: MarkFact[];
}

/**
 * Bumped whenever the fold or what is stored from it changes: stored days of an older version are
 * rebuilt from the log (2: the daily roll-ups, rollup.ts; 3: stored as one row per day).
 */
export const FOLD_VERSION = 3;

/** 0 = Sunday … 6 = Saturday, of a `YYYY-MM-DD` business day. */
export function weekdayOf(day: string): number {
  return new Date(`${day}T00:00:00Z`).getUTCDay();
}

interface OpenTicket {
  fact: TicketFact;
  seg: number;
  /** The current segment's service stint, if started. */
  stint: ServiceFact | null;
  spellFrom: number | null;
  /** Where it stands now (for the live figures of a day still open). */
  now: 'waiting' | 'called' | 'serving' | 'parked';
}

/** A day still open, as it stands: what a dashboard shows live. */
export interface LiveFacts {
  waiting: number;
  /** Issue time (ms) of the longest-waiting ticket still waiting for its first call; null when none. */
  oldestWaitingSince: number | null;
  countersOpen: number;
  countersOnBreak: number;
}

interface OpenCounter {
  clerkId: string | null;
  kind: 'open' | 'break';
  from: number;
  day: string;
}

/**
 * Folds events, in log order, into facts. Give it the services (and counters) as they were before
 * the first event; it follows later configuration events itself. `finish(endAt)` closes what is
 * still open (counters still open are counted up to `endAt`; tickets still waiting are `unfinished`).
 */
export function createFold(init: { timeZone: string; services: Iterable<Service>; counters?: Iterable<{ id: string; serviceIds: string[] }>; day?: string }) {
  const tz = init.timeZone;
  const services = new Map<string, Service>([...init.services].map((s) => [s.id, s]));
  const counterServices = new Map<string, string>([...(init.counters ?? [])].map((c) => [c.id, [...c.serviceIds].sort().join(',')]));
  const out: DayFacts = { tickets: [], services: [], counters: [], marks: [] };
  const open = new Map<string, OpenTicket>();
  const counters = new Map<string, OpenCounter>();
  /** Finished tickets of the day, so a later rating finds its ticket. */
  const done = new Map<string, TicketFact>();
  let lastAt = 0;
  let day = init.day ?? '';

  const closeCounter = (counterId: string, at: number) => {
    const c = counters.get(counterId);
    if (!c) return;
    out.counters.push({ day: c.day, counterId, clerkId: c.clerkId, kind: c.kind, from: c.from, ms: Math.max(0, at - c.from) });
    counters.delete(counterId);
  };
  const clerkAt = (counterId: string | undefined) => (counterId ? (counters.get(counterId)?.clerkId ?? null) : null);
  const endSpell = (t: OpenTicket, at: number) => {
    if (t.stint && t.spellFrom !== null) t.stint.ms += at - t.spellFrom;
    t.spellFrom = null;
  };
  const endStint = (t: OpenTicket, ended: ServiceFact['ended']) => {
    if (!t.stint) return;
    t.stint.ended = ended;
    out.services.push(t.stint);
    t.stint = null;
  };
  const closeDay = (at: number) => {
    for (const id of [...counters.keys()]) closeCounter(id, at);
    for (const t of open.values()) {
      t.fact.outcome = 'unfinished';
      out.tickets.push(t.fact);
    }
    open.clear();
    done.clear();
  };
  const dayOf = (at: number) => day || businessDay(at, tz);
  const mark = (m: Omit<MarkFact, 'day'>, at: number) => {
    out.marks.push({ day: dayOf(at), ...m });
  };

  function add(e: DomainEvent): void {
    const at = Date.parse(e.at);
    switch (e.type) {
      case 'day.opened':
        if (day) closeDay(lastAt);
        day = e.day;
        break;
      case 'ticket.issued': {
        const tk = e.ticket;
        if (!day) day = tk.day;
        const target = services.get(tk.serviceId)?.targetWaitMinutes ?? 0;
        open.set(tk.id, {
          seg: 0, stint: null, spellFrom: null, now: 'waiting',
          fact: {
            id: tk.id, day: tk.day, serviceId: tk.serviceId, finalServiceId: tk.serviceId, priority: tk.priority,
            issuedAt: at, hour: hourOfDay(at, tz), weekday: weekdayOf(tk.day), waitMs: null, targetMs: target * 60_000,
            counterId: null, clerkId: null, outcome: 'unfinished', endCounterId: null, endClerkId: null, transfers: 0,
            quoteMin: e.quote.minMinutes, quoteMax: e.quote.maxMinutes, rating: null,
          },
        });
        break;
      }
      case 'ticket.called': {
        const t = open.get(e.ticketId);
        if (!t) break;
        t.now = 'called';
        if (t.fact.waitMs === null) {
          t.fact.waitMs = at - t.fact.issuedAt;
          t.fact.counterId = e.counterId;
          t.fact.clerkId = e.by || clerkAt(e.counterId);
        }
        break;
      }
      case 'ticket.started': {
        const t = open.get(e.ticketId);
        if (!t) break;
        const by = (e as { by?: string }).by || clerkAt(e.counterId);
        t.now = 'serving';
        if (!t.stint) {
          t.stint = { ticketId: t.fact.id, seg: t.seg, day: t.fact.day, serviceId: t.fact.finalServiceId, counterId: e.counterId, clerkId: by, startedAt: at, ms: 0, hour: hourOfDay(at, tz), weekday: t.fact.weekday, ended: 'completed' };
        } else {
          t.stint.counterId = e.counterId;
          t.stint.clerkId = by;
        }
        t.spellFrom = at;
        break;
      }
      case 'ticket.parked': {
        const t = open.get(e.ticketId);
        if (t) {
          endSpell(t, at);
          t.now = 'parked';
        }
        break;
      }
      case 'ticket.completed':
      case 'ticket.no_show':
      case 'ticket.cancelled': {
        const t = open.get(e.ticketId);
        if (!t) break;
        endSpell(t, at);
        endStint(t, 'completed');
        t.fact.outcome = e.type === 'ticket.completed' ? 'served' : e.type === 'ticket.no_show' ? 'no_show' : 'cancelled';
        if (e.type !== 'ticket.cancelled') {
          t.fact.endCounterId = e.counterId;
          t.fact.endClerkId = (e as { by?: string }).by || clerkAt(e.counterId);
        }
        out.tickets.push(t.fact);
        open.delete(e.ticketId);
        done.set(t.fact.id, t.fact);
        break;
      }
      case 'ticket.transferred': {
        const t = open.get(e.ticketId);
        if (!t) break;
        endSpell(t, at);
        endStint(t, 'transferred');
        t.fact.transfers++;
        t.now = 'waiting';
        t.fact.finalServiceId = e.toServiceId;
        t.seg++;
        break;
      }
      case 'ticket.rated': {
        const f = done.get(e.ticketId);
        if (f) f.rating = e.rating;
        break;
      }
      case 'counter.opened': {
        closeCounter(e.counterId, at);
        counters.set(e.counterId, { clerkId: e.clerkId, kind: 'open', from: at, day: dayOf(at) });
        break;
      }
      case 'counter.break': {
        const c = counters.get(e.counterId);
        closeCounter(e.counterId, at);
        counters.set(e.counterId, { clerkId: c?.clerkId ?? null, kind: 'break', from: at, day: dayOf(at) });
        break;
      }
      case 'counter.closed':
        closeCounter(e.counterId, at);
        break;
      case 'service.saved': {
        const before = services.get(e.service.id);
        if (!before) mark({ kind: 'service_added', serviceId: e.service.id, counterId: null, label: `${e.service.name.en} (${e.service.prefix})` }, at);
        else if (before.targetWaitMinutes !== e.service.targetWaitMinutes) {
          mark({ kind: 'target_changed', serviceId: e.service.id, counterId: null, label: `${before.targetWaitMinutes} → ${e.service.targetWaitMinutes} min` }, at);
        }
        services.set(e.service.id, e.service);
        break;
      }
      case 'counter.saved': {
        const key = [...e.counter.serviceIds].sort().join(',');
        const before = counterServices.get(e.counter.id);
        if (before === undefined) mark({ kind: 'counter_added', serviceId: null, counterId: e.counter.id, label: `${e.counter.name.en}` }, at);
        else if (before !== key) mark({ kind: 'counter_services_changed', serviceId: null, counterId: e.counter.id, label: key }, at);
        counterServices.set(e.counter.id, key);
        break;
      }
      default:
        break;
    }
    if (at > lastAt) lastAt = at;
  }

  return {
    add,
    /** The day as it stands after the events so far (call before `finish`). */
    live(): LiveFacts {
      let waiting = 0;
      let oldest: number | null = null;
      for (const t of open.values()) {
        if (t.now !== 'waiting') continue;
        waiting++;
        if (t.fact.waitMs === null && (oldest === null || t.fact.issuedAt < oldest)) oldest = t.fact.issuedAt;
      }
      let countersOpen = 0;
      let countersOnBreak = 0;
      for (const c of counters.values()) if (c.kind === 'open') countersOpen++;
      else countersOnBreak++;
      return { waiting, oldestWaitingSince: oldest, countersOpen, countersOnBreak };
    },
    /** Closes the fold at `endAt` (ms; default: the last event's time) and returns the facts. */
    finish(endAt?: number): DayFacts {
      closeDay(endAt ?? lastAt);
      return out;
    },
    /** The configuration as it stands after the events so far (to start the next day's fold). */
    services: () => [...services.values()],
    counters: () => [...counterServices.entries()].map(([id, k]) => ({ id, serviceIds: k ? k.split(',') : [] })),
  };
}

/** Folds a whole list of events (one or many days) into facts. */
export function foldEvents(events: Iterable<DomainEvent>, init: { timeZone: string; services?: Iterable<Service>; endAt?: number }): DayFacts {
  const fold = createFold({ timeZone: init.timeZone, services: init.services ?? [] });
  for (const e of events) fold.add(e);
  return fold.finish(init.endAt);
}

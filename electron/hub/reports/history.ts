// A generated history of past business days, written through the real domain code (decide →
// apply → the event store), so it is the log a real hall would have written: arrivals that rise
// and fall over the morning, counters that open, call, serve, take a break and close, no-shows,
// transfers, parks, cancellations and ratings. Deterministic for a seed.
// Used by the demo hall (a few past weeks), the report tests and the reports benchmark.
import { type Actor, type Command, dayRollover, decide } from '../../../shared/domain/commands.ts';
import type { HallState } from '../../../shared/domain/hall-state.ts';
import { apply, createHallState } from '../../../shared/domain/fold.ts';
import { hourOfDay } from '../../../shared/domain/business-day.ts';
import type { Branch, Counter, Service } from '../../../shared/protocol/entities.ts';
import type { DomainEvent } from '../../../shared/protocol/events.ts';
import type { EventStore } from '../store/event-store.ts';
import { addDays } from '../../../shared/domain/business-day.ts';
import { seededRandom } from '../../../shared/domain/random.ts';

export interface HistoryOptions {
  events: EventStore;
  branch: Branch;
  services: Service[];
  counters: Omit<Counter, 'state'>[];
  /** The clerk who staffs each counter (counter id → user id). */
  clerks: ReadonlyMap<string, string>;
  /** Business days `YYYY-MM-DD`, both included. */
  from: string;
  to: string;
  /** Mean tickets per open day. */
  ticketsPerDay: number;
  /** Weekdays the hall is closed (0 = Sunday); default Friday. */
  closedWeekdays?: readonly number[];
  seed?: number;
  /**
   * Comments a share of ratings carry: one list for any rating, or one per band of stars so that
   * a comment agrees with its rating (a 1-star rating is never "excellent service").
   */
  comments?: readonly string[] | CommentsByRating;
}

/** Comments by band of stars: 1–2 (unhappy), 3 (mixed), 4–5 (pleased). */
export interface CommentsByRating {
  low: readonly string[];
  mid: readonly string[];
  high: readonly string[];
}

/** The comments a rating of `stars` may carry. */
export function commentsFor(comments: readonly string[] | CommentsByRating, stars: number): readonly string[] {
  if (Array.isArray(comments)) return comments;
  const bands = comments as CommentsByRating;
  return stars <= 2 ? bands.low : stars === 3 ? bands.mid : bands.high;
}


// Relative arrival rate per half hour from 07:30 to 14:30, local time.
const PROFILE = [0.6, 0.9, 1.1, 1.3, 1.4, 1.5, 1.4, 1.3, 1.2, 1.0, 0.9, 0.8, 0.6, 0.4];
const OPEN_MIN = 7 * 60 + 30;
const CLOSE_MIN = OPEN_MIN + PROFILE.length * 30;
const TICK_MS = 15_000;

/** Minutes of service, mean, by service position (longer for permits and planning). */
const SERVICE_MEAN = [9, 7, 10, 6, 3, 4, 2];


/** Epoch ms of local midnight of `day` in `timeZone` (zones without daylight saving, like the halls'). */
function localMidnight(day: string, timeZone: string): number {
  const noon = Date.parse(`${day}T12:00:00Z`);
  const offsetH = hourOfDay(noon, timeZone) - 12;
  return Date.parse(`${day}T00:00:00Z`) - offsetH * 3_600_000;
}

type Phase = { kind: 'closed' } | { kind: 'idle' } | { kind: 'called'; ticketId: string; until: number } | { kind: 'serving'; ticketId: string; until: number } | { kind: 'break'; until: number };

/** Writes the days from…to into the event store; returns how many tickets and events. */
export function generateHistory(o: HistoryOptions): { tickets: number; events: number; days: number } {
  const random = seededRandom(o.seed ?? 1);
  const closed = new Set(o.closedWeekdays ?? [5]);
  const tz = o.branch.timeZone;
  const state: HallState = createHallState({ day: addDays(o.from, -1), branch: o.branch, services: o.services, counters: o.counters.map((c) => ({ ...c, state: 'closed' as const })) });
  const serviceIndex = new Map(o.services.map((s, i) => [s.id, i]));
  const weights = o.services.map((_, i) => [3, 3, 2, 2, 4, 4, 5][i % 7]!);
  const wsum = weights.reduce((a, b) => a + b, 0);
  const pickService = () => {
    let x = random() * wsum;
    for (let i = 0; i < weights.length; i++) if ((x -= weights[i]!) < 0) return o.services[i]!;
    return o.services[0]!;
  };
  const lognormal = (meanMin: number) => {
    const sigma = 0.5;
    const z = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
    return meanMin * 60_000 * Math.exp(sigma * z - (sigma * sigma) / 2);
  };
  let code = 0;
  let tickets = 0;
  let written = 0;
  let days = 0;
  const system: Actor = { id: 'system', role: 'supervisor' };

  for (let day = o.from; day <= o.to; day = addDays(day, 1)) {
    if (closed.has(new Date(`${day}T00:00:00Z`).getUTCDay())) continue;
    days++;
    const dayEvents: DomainEvent[] = [];
    const midnight = localMidnight(day, tz);
    let now = midnight + OPEN_MIN * 60_000 - 20 * 60_000;
    const run = (cmd: Command, actor: Actor): DomainEvent[] => {
      const d = decide(state, cmd, { now, actor, newTrackingCode: () => `H${(code++).toString(36).toUpperCase().padStart(7, '0')}` });
      if (!d.ok) return [];
      for (const e of d.value) apply(state, e);
      dayEvents.push(...d.value);
      return d.value;
    };
    for (const e of dayRollover(state, now)) {
      apply(state, e);
      dayEvents.push(e);
    }
    // A day-to-day swing of ±20 % around the mean.
    const volume = o.ticketsPerDay * (0.8 + 0.4 * random());
    const perTick = volume / (PROFILE.reduce((a, b) => a + b, 0) * 30 * 60_000 / TICK_MS);
    const phases = new Map<string, Phase>(o.counters.map((c) => [c.id, { kind: 'closed' }]));
    const breakAt = new Map(o.counters.map((c) => [c.id, midnight + (10 * 60 + random() * 90) * 60_000]));
    const tookBreak = new Set<string>();
    const parked = new Map<string, string[]>();
    const leaveAt = new Map<string, number>();
    const clerk = (counterId: string): Actor => ({ id: o.clerks.get(counterId) ?? `clerk-${counterId}`, role: 'clerk' });

    // Counters open between 07:20 and 07:40.
    const opensAt = new Map(o.counters.map((c) => [c.id, now + random() * 20 * 60_000]));
    const end = midnight + (CLOSE_MIN + 60) * 60_000;
    for (; now < end; now += TICK_MS) {
      const minute = (now - midnight) / 60_000;
      // Arrivals.
      if (minute >= OPEN_MIN && minute < CLOSE_MIN) {
        const rate = perTick * PROFILE[Math.floor((minute - OPEN_MIN) / 30)]!;
        let n = 0;
        for (let p = Math.exp(-rate), x = random(); x > p; x *= random()) n++;
        for (let i = 0; i < n; i++) {
          const svc = pickService();
          const r = random();
          const priority = r < 0.06 ? 'elderly' : r < 0.08 ? 'disability' : 'none';
          const ev = run({ type: 'issue', serviceId: svc.id, lang: random() < 0.85 ? 'ar' : 'en', priority, identityVerified: random() < 0.3 }, { id: 'kiosk-1', role: 'kiosk' });
          const issued = ev[0];
          if (issued?.type === 'ticket.issued') {
            tickets++;
            if (random() < 0.02) leaveAt.set(issued.ticket.id, now + (10 + random() * 40) * 60_000);
          }
        }
      }
      // Citizens who give up.
      for (const [id, at] of leaveAt) {
        if (at > now) continue;
        leaveAt.delete(id);
        if (state.tickets.get(id)?.status === 'waiting') run({ type: 'cancel', ticketId: id }, system);
      }
      // Counters.
      for (const c of o.counters) {
        const ph = phases.get(c.id)!;
        const actor = clerk(c.id);
        if (ph.kind === 'closed') {
          if (now >= opensAt.get(c.id)! && minute < CLOSE_MIN) {
            run({ type: 'openCounter', counterId: c.id }, actor);
            phases.set(c.id, { kind: 'idle' });
          }
          continue;
        }
        if (ph.kind === 'break') {
          if (now >= ph.until) {
            run({ type: 'openCounter', counterId: c.id }, actor);
            phases.set(c.id, { kind: 'idle' });
          }
          continue;
        }
        if (ph.kind === 'called' && now >= ph.until) {
          if (random() < 0.05) {
            run({ type: 'noShow', ticketId: ph.ticketId }, actor);
            phases.set(c.id, { kind: 'idle' });
          } else {
            run({ type: 'start', ticketId: ph.ticketId }, actor);
            const svc = state.tickets.get(ph.ticketId)!.serviceId;
            phases.set(c.id, { kind: 'serving', ticketId: ph.ticketId, until: now + lognormal(SERVICE_MEAN[serviceIndex.get(svc)! % 7]!) });
          }
          continue;
        }
        if (ph.kind === 'serving' && now >= ph.until) {
          const r = random();
          const t = state.tickets.get(ph.ticketId)!;
          if (r < 0.03 && t.transferredFrom.length === 0) {
            const to = o.services[Math.floor(random() * o.services.length)]!;
            if (to.id !== t.serviceId) run({ type: 'transfer', ticketId: t.id, serviceId: to.id }, actor);
            else run({ type: 'complete', ticketId: t.id }, actor);
          } else if (r < 0.045) {
            run({ type: 'park', ticketId: t.id }, actor);
            parked.set(c.id, [...(parked.get(c.id) ?? []), t.id]);
          } else {
            run({ type: 'complete', ticketId: t.id }, actor);
            if (random() < 0.25) {
              const rating = [5, 5, 5, 4, 4, 4, 3, 2, 1][Math.floor(random() * 9)]!;
              // As many draws as before, whichever list: the rest of the history stays the same for a seed.
              const pool = o.comments ? commentsFor(o.comments, rating) : undefined;
              const reason = pool && random() < 0.3 ? pool[Math.floor(random() * pool.length)] : undefined;
              run({ type: 'rate', ticketId: t.id, rating, ...(reason ? { reason } : {}) }, { id: `track:${t.id}`, role: 'kiosk' });
            }
          }
          phases.set(c.id, { kind: 'idle' });
          continue;
        }
        if (ph.kind !== 'idle') continue;
        if (!tookBreak.has(c.id) && now >= breakAt.get(c.id)!) {
          tookBreak.add(c.id);
          run({ type: 'break', counterId: c.id }, actor);
          phases.set(c.id, { kind: 'break', until: now + (10 + random() * 20) * 60_000 });
          continue;
        }
        // A parked ticket comes back once its papers are ready.
        const back = parked.get(c.id);
        if (back?.length && random() < 0.2) {
          const id = back.shift()!;
          run({ type: 'call', ticketId: id, counterId: c.id }, actor);
          phases.set(c.id, { kind: 'called', ticketId: id, until: now + (30 + random() * 60) * 1000 });
          continue;
        }
        const called = run({ type: 'callNext', counterId: c.id }, actor)[0];
        if (called?.type === 'ticket.called') {
          phases.set(c.id, { kind: 'called', ticketId: called.ticketId, until: now + (20 + random() * 70) * 1000 });
        } else if (minute >= CLOSE_MIN && !back?.length) {
          run({ type: 'closeCounter', counterId: c.id }, actor);
          phases.set(c.id, { kind: 'closed' });
          opensAt.set(c.id, Infinity);
        }
      }
    }
    // The end of the day: whoever is still open closes (parked tickets stay unfinished).
    for (const c of o.counters) {
      const ph = phases.get(c.id)!;
      if (ph.kind === 'called') run({ type: 'noShow', ticketId: ph.ticketId }, clerk(c.id));
      if (ph.kind === 'serving') run({ type: 'complete', ticketId: ph.ticketId }, clerk(c.id));
      if (ph.kind !== 'closed') run({ type: 'closeCounter', counterId: c.id }, clerk(c.id));
    }
    o.events.append(dayEvents, day);
    written += dayEvents.length;
  }
  return { tickets, events: written, days };
}

// Read models the API serves: tickets with their live placement, the queue, live KPIs and the
// public tracking view. Pure functions of the state and the time.
import type { Counter, Ticket } from '../protocol/entities.ts';
import type { ClerkDay, LiveStats, QueueResponse, ServiceQueue, Snapshot, TrackResponse } from '../protocol/http.ts';
import { type Audience, ticketFor } from './audience.ts';
import { type Placement, countersServing, estimateNew, placementOf, placements } from './eta.ts';
import { aheadOfNew, callOrder } from './routing.ts';
import { waitingTickets } from './waiting.ts';
import type { HallState, ServiceTally, TicketRecord } from './hall-state.ts';
import { emptyTally } from './fold.ts';

export function toTicket(t: TicketRecord, placement?: Placement): Ticket {
  const { ordinal: _o, waitingSince: _w, quote: _q, rating: _r, quotedInBreak: _b, ...ticket } = t;
  return placement ? { ...ticket, position: placement.position, expectedWait: placement.expectedWait } : ticket;
}

export function ticketView(state: HallState, id: string, now: number): Ticket | undefined {
  const t = state.tickets.get(id);
  if (!t) return undefined;
  return toTicket(t, t.status === 'waiting' ? placementOf(state, t, now) : undefined);
}

const finished = (t: TicketRecord) => t.status === 'done' || t.status === 'no_show' || t.status === 'cancelled';

const byFinishedDesc = (a: TicketRecord, b: TicketRecord) => (b.finishedAt ?? '').localeCompare(a.finishedAt ?? '');

/** How many finished tickets a staff snapshot carries; older ones are paged on demand. */
export const STAFF_FINISHED_IN_SNAPSHOT = 50;
/** How many past calls a hall display's snapshot carries. */
export const DISPLAY_RECENT_CALLS = 20;

/**
 * Today's tickets for a screen's snapshot, sized to its screen:
 *  - staff: every ticket still in play (waiting ones placed) and the 50 most recently finished;
 *  - display: the tickets at a counter or parked, and the last 20 finished that were called
 *    (its "recent calls"), without personal fields — no waiting tickets (their counts are in `queue`);
 *  - kiosk: none (it draws per-service counts and quotes from `queue`).
 */
export function snapshotTickets(state: HallState, now: number, audience: Audience): Ticket[] {
  if (audience === 'kiosk') return [];
  const staff = audience === 'staff';
  const placed = staff ? placements(state, now) : undefined;
  const live: Ticket[] = [];
  const done: TicketRecord[] = [];
  for (const t of state.tickets.values()) {
    if (finished(t)) {
      if (staff || t.calledAt) done.push(t);
    } else if (staff || t.status !== 'waiting') live.push(ticketFor(toTicket(t, placed?.get(t.id)), audience));
  }
  const kept = done.sort(byFinishedDesc).slice(0, staff ? STAFF_FINISHED_IN_SNAPSHOT : DISPLAY_RECENT_CALLS);
  return [...kept.map((t) => ticketFor(toTicket(t), audience)), ...live];
}

/** Finished tickets of today, newest first, `limit` at a time before a `finishedAt` (paging for staff screens). */
export function finishedTickets(state: HallState, before: string | undefined, limit: number): Ticket[] {
  const done = [...state.tickets.values()].filter((t) => finished(t) && (before === undefined || (t.finishedAt ?? '') < before));
  return done.sort(byFinishedDesc).slice(0, limit).map((t) => toTicket(t));
}

/** Of these counters, the ones open now; a counter on a break counts (its clerk is coming back). */
const openOf = (counters: { state: string }[]) => counters.filter((c) => c.state !== 'closed').length;

/** Counters serving a service that are open now (a break counts): 0 means "no counter open now" on screens and paper. */
export const countersOpen = (state: HallState, serviceId: string): number => openOf(countersServing(state, serviceId));

/** Per service: waiting now, the longest wait, the counters open for it, and a ticket issued now: the people it would have ahead, its quote, and why it would wait when nobody waits for the service. */
export function queueSummary(state: HallState, now: number): ServiceQueue[] {
  const waiting = new Map<string, { n: number; oldest: number }>();
  for (const t of waitingTickets(state).values()) {
    const w = waiting.get(t.serviceId) ?? { n: 0, oldest: Infinity };
    w.n++;
    w.oldest = Math.min(w.oldest, t.waitingSince);
    waiting.set(t.serviceId, w);
  }
  return [...state.services.values()].map((s) => {
    const w = waiting.get(s.id);
    const longest = w ? Math.round(((now - w.oldest) / 60_000) * 10) / 10 : 0;
    const serving = countersServing(state, s.id);
    const quote = serving.length > 0 ? estimateNew(state, s.id, false, now).quote : undefined;
    const { ahead, byService } = aheadOfNew(state, s.id);
    const reason = !w && quote && quote.maxMinutes > 0 ? whyWait(state, serving, byService) : undefined;
    return {
      serviceId: s.id, waiting: w?.n ?? 0, longestWaitMinutes: longest, countersOpen: openOf(serving), ahead,
      ...(quote ? { expectedWait: quote } : {}),
      ...(reason ? { reason } : {}),
    };
  });
}

/**
 * Why a new ticket of a service nobody waits for would still wait: other services' tickets go
 * before it at its counters (the one with the most of them), or its counters are all on a break,
 * or every one of them is serving (the service most of them serve now).
 */
function whyWait(state: HallState, serving: Counter[], ahead: ReadonlyMap<string, number>): ServiceQueue['reason'] {
  let most: [string, number] | undefined;
  for (const [id, n] of ahead) if (!most || n > most[1]) most = [id, n];
  if (most && most[1] >= 0.5) return { kind: 'busy', serviceId: most[0] };
  const staffed = serving.filter((c) => c.state !== 'closed');
  if (staffed.length === 0) return undefined;
  if (staffed.every((c) => c.state === 'break')) return { kind: 'break' };
  const open = staffed.filter((c) => c.state === 'open');
  if (!open.every((c) => c.ticketId)) return undefined;
  const held = new Map<string, number>();
  for (const c of open) {
    const id = state.tickets.get(c.ticketId!)?.serviceId;
    if (id) held.set(id, (held.get(id) ?? 0) + 1);
  }
  const top = [...held].sort((a, b) => b[1] - a[1])[0];
  return top ? { kind: 'busy', serviceId: top[0] } : { kind: 'busy' };
}

/** Today's served visits per counter, and the summed service time of those with a start. */
export function counterDay(state: HallState): NonNullable<Snapshot['counterDay']> {
  const by = new Map<string, { counterId: string; served: number; timed: number; serviceMs: number }>();
  for (const t of state.tickets.values()) {
    if (t.status !== 'done' || !t.counterId) continue;
    const d = by.get(t.counterId) ?? { counterId: t.counterId, served: 0, timed: 0, serviceMs: 0 };
    d.served++;
    if (t.startedAt && t.finishedAt) {
      d.timed++;
      d.serviceMs += Date.parse(t.finishedAt) - Date.parse(t.startedAt);
    }
    by.set(t.counterId, d);
  }
  return [...by.values()];
}

/** The first message of the event stream for one audience. */
export function snapshotFor(state: HallState, now: number, audience: Audience, seq: number): Snapshot {
  return {
    seq,
    day: state.day,
    audience,
    branch: state.branch,
    services: [...state.services.values()],
    counters: [...state.counters.values()],
    tickets: snapshotTickets(state, now, audience),
    queue: queueSummary(state, now),
    ...(audience === 'staff' ? { counterDay: counterDay(state) } : {}),
  };
}

function longestWaitMinutes(state: HallState, serviceId: string | undefined, now: number): number {
  let oldest = Infinity;
  for (const t of waitingTickets(state).values()) {
    if (!serviceId || t.serviceId === serviceId) oldest = Math.min(oldest, t.waitingSince);
  }
  return oldest === Infinity ? 0 : Math.round(((now - oldest) / 60_000) * 10) / 10;
}

function waitingCount(state: HallState, serviceId?: string): number {
  let n = 0;
  for (const t of waitingTickets(state).values()) if (!serviceId || t.serviceId === serviceId) n++;
  return n;
}

export function queueView(state: HallState, now: number, audience: Audience = 'staff'): QueueResponse {
  const placed = placements(state, now);
  const ordered = callOrder(waitingTickets(state).values(), state.services, now, state.config.routing);
  return {
    tickets: ordered.map((t) => ticketFor(toTicket(t, placed.get(t.id)), audience)),
    services: queueSummary(state, now),
  };
}

const perMinute = (sumMs: number, n: number) => (n ? Math.round((sumMs / n / 60_000) * 10) / 10 : null);

function figures(t: ServiceTally) {
  return {
    avgWaitMinutes: perMinute(t.waitSumMs, t.waitCount),
    avgServiceMinutes: perMinute(t.serviceSumMs, t.serviceCount),
    served: t.served,
    noShows: t.noShows,
    serviceLevel: t.waitCount ? Math.round((t.withinTarget / t.waitCount) * 1000) / 1000 : null,
    avgRating: t.ratingCount ? Math.round((t.ratingSum / t.ratingCount) * 10) / 10 : null,
  };
}

/**
 * Per member of staff today: everyone signed in at a counter now (open or on break) and everyone
 * who recorded an outcome, most served first. Names are the hub's to add (the domain knows ids).
 */
export function clerkDays(state: HallState): ClerkDay[] {
  const at = new Map<string, string>();
  for (const c of state.counters.values()) if (c.clerkId && c.state !== 'closed') at.set(c.clerkId, c.id);
  const ids = new Set([...at.keys(), ...state.clerkDay.keys()]);
  return [...ids].map((clerkId) => {
    const d = state.clerkDay.get(clerkId);
    const counterId = at.get(clerkId);
    return {
      clerkId,
      ...(counterId ? { counterId } : {}),
      served: d?.served ?? 0,
      noShows: d?.noShows ?? 0,
      transferred: d?.transferred ?? 0,
      avgServiceMinutes: d ? perMinute(d.serviceMs, d.timed) : null,
      outcomes: d ? [...d.outcomes].map(([outcome, count]) => ({ outcome, count })).sort((a, b) => b.count - a.count || a.outcome.localeCompare(b.outcome)) : [],
    };
  }).sort((a, b) => b.served - a.served || a.clerkId.localeCompare(b.clerkId));
}

export function liveStats(state: HallState, now: number): LiveStats {
  const total = emptyTally();
  const services = [...state.services.values()].map((s) => {
    const t = state.tally.get(s.id) ?? emptyTally();
    for (const k of Object.keys(total) as (keyof ServiceTally)[]) total[k] += t[k];
    const longest = longestWaitMinutes(state, s.id, now);
    return { serviceId: s.id, waiting: waitingCount(state, s.id), longestWaitMinutes: longest, targetWaitMinutes: s.targetWaitMinutes, breached: longest > s.targetWaitMinutes, ...figures(t) };
  });
  return {
    day: state.day,
    overall: { waiting: waitingCount(state), longestWaitMinutes: longestWaitMinutes(state, undefined, now), ...figures(total) },
    services,
    counters: [...state.counters.values()].map((c) => ({ ...c })),
    alerts: services.filter((s) => s.breached).map((s) => ({ serviceId: s.serviceId, longestWaitMinutes: s.longestWaitMinutes, targetWaitMinutes: s.targetWaitMinutes })),
    clerks: clerkDays(state),
    devices: [...state.devices.values()],
    hourly: state.hourly.map((h, hour) => ({ hour, issued: h.issued, avgWaitMinutes: perMinute(h.waitSumMs, h.waitCount) })),
  };
}

export function trackView(state: HallState, t: TicketRecord, now: number): TrackResponse {
  const service = state.services.get(t.serviceId);
  const counter = t.counterId ? state.counters.get(t.counterId) : undefined;
  const placed = t.status === 'waiting' ? placementOf(state, t, now) : undefined;
  const lastFrom = t.transferredFrom.at(-1);
  const from = lastFrom ? state.services.get(lastFrom) : undefined;
  return {
    number: t.number,
    service: service?.name ?? { ar: t.serviceId, en: t.serviceId },
    status: t.status,
    issuedAt: t.issuedAt,
    ...(placed ? { position: placed.position, expectedWait: placed.expectedWait, countersOpen: countersOpen(state, t.serviceId) } : {}),
    ...(counter && (t.status === 'called' || t.status === 'serving') ? { counter: { number: counter.number, name: counter.name } } : {}),
    ...(t.status === 'called' ? { calls: 1 + t.recalls } : {}),
    ...(t.rating !== undefined ? { rated: true } : { rated: false }),
    ...(from ? { transferredFrom: from.name } : {}),
  };
}

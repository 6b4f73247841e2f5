// Read models the API serves: tickets with their live placement, the queue, live KPIs and the
// public tracking view. Pure functions of the state and the time.
import type { Ticket } from '../protocol/entities.ts';
import type { LiveStats, QueueResponse, TrackResponse } from '../protocol/http.ts';
import { type Placement, placementOf, placements } from './eta.ts';
import { callOrder } from './routing.ts';
import type { HallState, ServiceTally, TicketRecord } from './state.ts';
import { emptyTally } from './state.ts';

export function toTicket(t: TicketRecord, placement?: Placement): Ticket {
  const { ordinal: _o, waitingSince: _w, quote: _q, rating: _r, ...ticket } = t;
  return placement ? { ...ticket, position: placement.position, expectedWait: placement.expectedWait } : ticket;
}

export function ticketView(state: HallState, id: string, now: number): Ticket | undefined {
  const t = state.tickets.get(id);
  if (!t) return undefined;
  return toTicket(t, t.status === 'waiting' ? placementOf(state, t, now) : undefined);
}

const finished = (t: TicketRecord) => t.status === 'done' || t.status === 'no_show' || t.status === 'cancelled';

/**
 * Today's tickets for a screen's snapshot: every ticket still in play (waiting ones placed), and
 * the `finishedLimit` most recently finished (all of them when undefined) — so a reloaded display
 * still has its recent calls and a counter its day.
 */
export function snapshotTickets(state: HallState, now: number, finishedLimit?: number): Ticket[] {
  const placed = placements(state, now);
  const live: Ticket[] = [];
  const done: TicketRecord[] = [];
  for (const t of state.tickets.values()) {
    if (finished(t)) done.push(t);
    else live.push(toTicket(t, placed.get(t.id)));
  }
  const kept = finishedLimit === undefined ? done : done.sort((a, b) => (b.finishedAt ?? '').localeCompare(a.finishedAt ?? '')).slice(0, finishedLimit);
  return [...kept.map((t) => toTicket(t)), ...live];
}

function longestWaitMinutes(state: HallState, serviceId: string | undefined, now: number): number {
  let oldest = Infinity;
  for (const t of state.tickets.values()) {
    if (t.status === 'waiting' && (!serviceId || t.serviceId === serviceId)) oldest = Math.min(oldest, t.waitingSince);
  }
  return oldest === Infinity ? 0 : Math.round(((now - oldest) / 60_000) * 10) / 10;
}

function waitingCount(state: HallState, serviceId?: string): number {
  let n = 0;
  for (const t of state.tickets.values()) if (t.status === 'waiting' && (!serviceId || t.serviceId === serviceId)) n++;
  return n;
}

export function queueView(state: HallState, now: number): QueueResponse {
  const placed = placements(state, now);
  const ordered = callOrder(state.tickets.values(), state.services, now, state.config.routing);
  return {
    tickets: ordered.map((t) => toTicket(t, placed.get(t.id))),
    services: [...state.services.values()].map((s) => ({ serviceId: s.id, waiting: waitingCount(state, s.id), longestWaitMinutes: longestWaitMinutes(state, s.id, now) })),
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
    devices: [...state.devices.values()],
    hourly: state.hourly.map((h, hour) => ({ hour, issued: h.issued, avgWaitMinutes: perMinute(h.waitSumMs, h.waitCount) })),
  };
}

export function trackView(state: HallState, t: TicketRecord, now: number): TrackResponse {
  const service = state.services.get(t.serviceId);
  const counter = t.counterId ? state.counters.get(t.counterId) : undefined;
  const placed = t.status === 'waiting' ? placementOf(state, t, now) : undefined;
  return {
    number: t.number,
    service: service?.name ?? { ar: t.serviceId, en: t.serviceId },
    status: t.status,
    issuedAt: t.issuedAt,
    ...(placed ? { position: placed.position, expectedWait: placed.expectedWait } : {}),
    ...(counter && (t.status === 'called' || t.status === 'serving') ? { counter: { number: counter.number, name: counter.name } } : {}),
    ...(t.rating !== undefined ? { rated: true } : { rated: false }),
  };
}

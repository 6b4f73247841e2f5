// Pure: folds one streamed event into the hall state the screens draw from. Unit-tested.
import { branchWith } from '../../shared/domain/hall-settings.ts';
import type { Branch, Counter, Service, Ticket } from '../../shared/protocol/entities.ts';
import type { SequencedEvent } from '../../shared/protocol/events.ts';
import type { ServiceQueue, Snapshot } from '../../shared/protocol/http.ts';

/** A ticket as the screens hold it: `lastCallAt` is the latest call or recall (hall display order). */
export type HallTicket = Ticket & { lastCallAt?: string };
export type DeviceHealthEntry = { deviceId: string; name?: string; device: string; state: string; at: string; detail?: string };

export type HallState = {
  seq: number;
  day: string;
  branch: Branch | null;
  services: Service[];
  counters: Counter[];
  tickets: Record<string, HallTicket>;
  devices: DeviceHealthEntry[];
  /** Per service: waiting now and the quote for a new ticket (from the hub, refreshed about once a second). */
  queue: ServiceQueue[];
  /** Today's served visits per counter: the snapshot's figures plus completions seen since. */
  counterDay: Record<string, { served: number; timed: number; serviceMs: number }>;
};

export const emptyHall: HallState = { seq: -1, day: '', branch: null, services: [], counters: [], tickets: {}, devices: [], queue: [], counterDay: {} };

const finished = new Set(['done', 'no_show', 'cancelled']);

/**
 * The snapshot carries only live tickets; finished ones already seen today are kept (they can no
 * longer change), so the display's history and "my day" survive a resync.
 */
export function fromSnapshot(s: Snapshot, prev: HallState = emptyHall): HallState {
  const tickets: Record<string, HallTicket> = {};
  if (prev.day === s.day) for (const t of Object.values(prev.tickets)) if (finished.has(t.status)) tickets[t.id] = t;
  for (const t of s.tickets) tickets[t.id] = { ...t, lastCallAt: prev.tickets[t.id]?.lastCallAt ?? t.calledAt };
  const counterDay: HallState['counterDay'] = {};
  for (const d of s.counterDay ?? []) counterDay[d.counterId] = { served: d.served, timed: d.timed, serviceMs: d.serviceMs };
  return { seq: s.seq, day: s.day, branch: s.branch, services: s.services, counters: s.counters, tickets, devices: prev.devices, queue: s.queue ?? [], counterDay };
}

/** A called ticket this screen never saw issued (a hall display's snapshot has no waiting tickets). */
function calledStranger(e: Extract<SequencedEvent, { type: 'ticket.called' }>, day: string): HallTicket | undefined {
  if (!e.number || !e.serviceId) return undefined;
  return { id: e.ticketId, number: e.number, serviceId: e.serviceId, status: 'waiting', priority: 'none', lang: 'ar', issuedAt: e.at, day, recalls: 0, transferredFrom: [], identityVerified: false };
}

function countServed(st: HallState, ticketId: string, counterId: string, at: string): HallState {
  const d = st.counterDay[counterId] ?? { served: 0, timed: 0, serviceMs: 0 };
  const started = st.tickets[ticketId]?.startedAt;
  const next = started ? { served: d.served + 1, timed: d.timed + 1, serviceMs: d.serviceMs + (Date.parse(at) - Date.parse(started)) } : { ...d, served: d.served + 1 };
  return { ...st, counterDay: { ...st.counterDay, [counterId]: next } };
}

function patchTicket(st: HallState, id: string, patch: (t: HallTicket) => HallTicket): HallState {
  const t = st.tickets[id];
  if (!t) return st;
  return { ...st, tickets: { ...st.tickets, [id]: patch(t) } };
}

function patchCounter(st: HallState, id: string, patch: (c: Counter) => Counter): HallState {
  return { ...st, counters: st.counters.map((c) => (c.id === id ? patch(c) : c)) };
}

/** Frees the counter that held this ticket. */
function release(st: HallState, counterId: string | undefined, ticketId: string): HallState {
  if (!counterId) return st;
  return patchCounter(st, counterId, (c) => (c.ticketId === ticketId ? { ...c, ticketId: undefined } : c));
}

export function applyEvent(prev: HallState, e: SequencedEvent): HallState {
  let st: HallState = { ...prev, seq: e.seq };
  switch (e.type) {
    case 'ticket.issued':
      return { ...st, tickets: { ...st.tickets, [e.ticket.id]: { ...e.ticket, expectedWait: e.quote } } };
    case 'ticket.called':
      if (!st.tickets[e.ticketId]) {
        const stranger = calledStranger(e, st.day);
        if (stranger) st = { ...st, tickets: { ...st.tickets, [e.ticketId]: stranger } };
      }
      st = patchTicket(st, e.ticketId, (t) => ({ ...t, status: 'called', counterId: e.counterId, calledAt: t.calledAt ?? e.at, lastCallAt: e.at, targetCounterId: undefined, targetClerkId: undefined }));
      return patchCounter(st, e.counterId, (c) => ({ ...c, ticketId: e.ticketId }));
    case 'ticket.recalled':
      return patchTicket(st, e.ticketId, (t) => ({ ...t, recalls: e.recalls, lastCallAt: e.at }));
    case 'ticket.started':
      return patchTicket(st, e.ticketId, (t) => ({ ...t, status: 'serving', startedAt: e.at }));
    case 'ticket.completed':
      st = countServed(st, e.ticketId, e.counterId, e.at);
      st = patchTicket(st, e.ticketId, (t) => ({ ...t, status: 'done', finishedAt: e.at, outcome: e.outcome, note: e.note }));
      return release(st, e.counterId, e.ticketId);
    case 'ticket.no_show':
      st = patchTicket(st, e.ticketId, (t) => ({ ...t, status: 'no_show', finishedAt: e.at }));
      return release(st, e.counterId, e.ticketId);
    case 'ticket.transferred':
      st = patchTicket(st, e.ticketId, (t) => ({
        ...t,
        status: 'waiting',
        serviceId: e.toServiceId,
        transferredFrom: e.toServiceId !== e.fromServiceId ? [...t.transferredFrom, e.fromServiceId] : t.transferredFrom,
        counterId: undefined,
        calledAt: undefined,
        startedAt: undefined,
        // Reserved for one counter or clerk (shared/domain/routing.ts `callableAt`), or back in its service's queue.
        targetCounterId: e.toCounterId,
        targetClerkId: e.toClerkId,
        transferNote: e.note ?? (e.counterId !== undefined ? undefined : t.transferNote),
        sentFromCounterId: e.counterId,
      }));
      return release(st, e.counterId ?? prev.tickets[e.ticketId]?.counterId, e.ticketId);
    case 'ticket.parked':
      st = patchTicket(st, e.ticketId, (t) => ({ ...t, status: 'parked', counterId: e.counterId }));
      return release(st, e.counterId, e.ticketId);
    case 'ticket.cancelled':
      return patchTicket(st, e.ticketId, (t) => ({ ...t, status: 'cancelled', finishedAt: e.at }));
    case 'ticket.rated':
      return st;
    case 'counter.opened':
      return patchCounter(st, e.counterId, (c) => ({ ...c, state: 'open', clerkId: e.clerkId }));
    case 'counter.closed':
      return patchCounter(st, e.counterId, (c) => ({ ...c, state: 'closed', clerkId: undefined }));
    case 'counter.break':
      return patchCounter(st, e.counterId, (c) => ({ ...c, state: 'break' }));
    case 'service.saved': {
      const exists = st.services.some((s) => s.id === e.service.id);
      return { ...st, services: exists ? st.services.map((s) => (s.id === e.service.id ? e.service : s)) : [...st.services, e.service] };
    }
    case 'counter.saved': {
      const old = st.counters.find((c) => c.id === e.counter.id);
      const next: Counter = old ? { ...old, ...e.counter } : { ...e.counter, state: 'closed' };
      return { ...st, counters: old ? st.counters.map((c) => (c.id === next.id ? next : c)) : [...st.counters, next] };
    }
    case 'hall.configured':
      return st.branch ? { ...st, branch: branchWith(st.branch, e.settings) } : st;
    case 'day.opened':
      return { ...st, day: e.day, tickets: {}, counterDay: {} };
    case 'device.health': {
      const entry: DeviceHealthEntry = { deviceId: e.deviceId, device: e.device, state: e.state, at: e.at, detail: e.detail };
      const rest = st.devices.filter((d) => !(d.deviceId === e.deviceId && d.device === e.device));
      return { ...st, devices: [...rest, entry] };
    }
    default:
      return st;
  }
}

/** Calls for the hall display, newest first: tickets called at a counter, by latest call. */
export function recentCalls(tickets: Record<string, HallTicket>, limit: number): HallTicket[] {
  return Object.values(tickets)
    .filter((t) => t.lastCallAt && t.counterId && t.status !== 'waiting' && t.status !== 'cancelled' && t.status !== 'parked')
    .sort((a, b) => (b.lastCallAt ?? '').localeCompare(a.lastCallAt ?? ''))
    .slice(0, limit);
}

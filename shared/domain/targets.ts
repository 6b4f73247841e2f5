// Tickets reserved for one counter or one clerk (a transfer "to counter 3", "to Huda"): where such a
// ticket waits now, and which waiting tickets compete with which — for positions and the expected
// wait, so a reserved ticket is counted only where it can be called (routing.ts `callableAt`).
import type { Counter } from '../protocol/entities.ts';
import { type CallPoint, callableAt, isTargeted } from './routing.ts';
import type { HallState, TicketRecord } from './hall-state.ts';

/** A counter as call-next sees it: its id, the clerk signed in there, the services it serves. */
export const callPointOf = (c: Counter): CallPoint => ({ counterId: c.id, ...(c.clerkId ? { clerkId: c.clerkId } : {}), serviceIds: new Set(c.serviceIds) });

/** The staffed counter (open or on break) where a clerk is signed in now. */
export function counterOfClerk(state: HallState, clerkId: string): Counter | undefined {
  for (const c of state.counters.values()) if (c.clerkId === clerkId && c.state !== 'closed') return c;
  return undefined;
}

/**
 * The counter a reserved ticket waits for now: the one it was sent to, or the one its clerk is
 * signed in at — undefined while that counter is closed or that clerk signed out (it waits for
 * them to come back), and for a ticket reserved for nobody.
 */
export function reservedAt(state: HallState, t: Pick<TicketRecord, 'targetCounterId' | 'targetClerkId'>): Counter | undefined {
  if (t.targetCounterId !== undefined) {
    const c = state.counters.get(t.targetCounterId);
    return c && c.state !== 'closed' ? c : undefined;
  }
  if (t.targetClerkId !== undefined) return counterOfClerk(state, t.targetClerkId);
  return undefined;
}

/** Where a waiting ticket's competitors are: a group key and the test of who is in it. */
export interface Competition {
  key: string;
  competes: (o: TicketRecord) => boolean;
}

/**
 * The waiting tickets that compete with `t` for a call (itself included). A reserved ticket
 * competes with everything callable at its counter; an ordinary one with the ordinary tickets of
 * the services that share its counters, and with the tickets reserved for one of the counters
 * serving its service.
 */
export function competitionOf(state: HallState, t: Pick<TicketRecord, 'serviceId' | 'targetCounterId' | 'targetClerkId'>): Competition {
  if (isTargeted(t)) {
    const c = reservedAt(state, t);
    if (c) {
      const point = callPointOf(c);
      return { key: `counter:${c.id}`, competes: (o) => callableAt(o, point) };
    }
    // Nobody there to call it now: it competes only with what waits for the same counter or clerk.
    return t.targetCounterId !== undefined
      ? { key: `closed:${t.targetCounterId}`, competes: (o) => o.targetCounterId === t.targetCounterId }
      : { key: `absent:${t.targetClerkId}`, competes: (o) => o.targetCounterId === undefined && o.targetClerkId === t.targetClerkId };
  }
  const services = competingServices(state, t.serviceId);
  const reservedHere = new Map<string, boolean>();
  return {
    key: `service:${t.serviceId}`,
    competes: (o) => {
      if (!isTargeted(o)) return services.has(o.serviceId);
      const k = `${o.targetCounterId ?? ''}|${o.targetClerkId ?? ''}`;
      let yes = reservedHere.get(k);
      if (yes === undefined) {
        yes = reservedAt(state, o)?.serviceIds.includes(t.serviceId) ?? false;
        reservedHere.set(k, yes);
      }
      return yes;
    },
  };
}

/** The counters that serve a service (in any state). */
export function countersServing(state: HallState, serviceId: string): Counter[] {
  return [...state.counters.values()].filter((c) => c.serviceIds.includes(serviceId));
}

/** Services that compete with `serviceId` for the same counters (itself included). */
export function competingServices(state: HallState, serviceId: string): Set<string> {
  const out = new Set([serviceId]);
  for (const c of countersServing(state, serviceId)) for (const s of c.serviceIds) out.add(s);
  return out;
}

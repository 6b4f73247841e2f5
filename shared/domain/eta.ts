// Expected wait, as a range in minutes (brief §5).
//
// Model: a ticket with k competing tickets ahead of it (in call order, among the services that
// share a counter with its own) at a hall where c counters serve its service is called at the
// (k+1)-th counter release. With exponential service times of mean μ each release comes after
// an Exp(c/μ) interval, so the wait is Gamma(k+1−idle, μ/c). We quote its 20th–80th percentile.
// μ is learnt from today's completed services (blended with a prior until enough are seen).
import type { Counter, ExpectedWait } from '../protocol/entities.ts';
import { callOrder, countAhead } from './routing.ts';
import type { HallState, TicketRecord } from './state.ts';

const Z80 = 0.8416; // standard normal 80th percentile
/** Pseudo-samples of the prior service time: the learnt mean takes over after a few services. */
const PRIOR_WEIGHT = 3;

/** Wilson–Hilferty approximation of the Gamma(shape, scale) quantile for a normal score z. */
export function gammaQuantile(shape: number, scale: number, z: number): number {
  if (shape <= 0) return 0;
  const a = 1 / (9 * shape);
  return Math.max(0, shape * scale * (1 - a + z * Math.sqrt(a)) ** 3);
}

/** Mean service time of a service in minutes: today's learnt mean blended with the prior. */
export function meanServiceMinutes(state: HallState, serviceId: string): number {
  const t = state.tally.get(serviceId);
  const prior = state.config.defaultServiceMinutes;
  if (!t || t.serviceCount === 0) return prior;
  const learnt = t.serviceSumMs / 60_000;
  return (learnt + prior * PRIOR_WEIGHT) / (t.serviceCount + PRIOR_WEIGHT);
}

export function countersServing(state: HallState, serviceId: string): Counter[] {
  return [...state.counters.values()].filter((c) => c.serviceIds.includes(serviceId));
}

/** Services that compete with `serviceId` for the same counters (itself included). */
export function competingServices(state: HallState, serviceId: string): Set<string> {
  const out = new Set([serviceId]);
  for (const c of countersServing(state, serviceId)) for (const s of c.serviceIds) out.add(s);
  return out;
}

/** The range for a ticket with `ahead` tickets before it. */
export function waitRange(state: HallState, serviceId: string, ahead: number): ExpectedWait {
  const counters = countersServing(state, serviceId);
  // Counters on a break serve nobody now; before any counter opens, assume the configured ones will.
  const open = counters.filter((c) => c.state === 'open');
  const c = Math.max(1, open.length || counters.length);
  const idle = open.filter((k) => !k.ticketId).length;
  const shape = ahead + 1 - idle;
  if (shape <= 0) return { minMinutes: 0, maxMinutes: 1 };
  const scale = meanServiceMinutes(state, serviceId) / c;
  const lo = Math.floor(gammaQuantile(shape, scale, -Z80));
  const hi = Math.max(lo + 1, Math.ceil(gammaQuantile(shape, scale, Z80)));
  return { minMinutes: lo, maxMinutes: hi };
}

export interface Placement {
  /** 1 = next to be called. */
  position: number;
  expectedWait: ExpectedWait;
}

/**
 * Placement of a ticket not yet in the state (at issue): it is last among the competing
 * waiting tickets, because every waiting ticket has waited at least as long.
 */
export function expectedWait(state: HallState, ticket: TicketRecord, _now: number): Placement {
  const competing = competingServices(state, ticket.serviceId);
  let ahead = 0;
  for (const t of state.tickets.values()) if (t.status === 'waiting' && competing.has(t.serviceId) && t.id !== ticket.id) ahead++;
  return { position: ahead + 1, expectedWait: waitRange(state, ticket.serviceId, ahead) };
}

/** Live placement of one waiting ticket: O(n). */
export function placementOf(state: HallState, ticket: TicketRecord, now: number): Placement {
  const ahead = countAhead(state.tickets.values(), state.services, now, state.config.routing, competingServices(state, ticket.serviceId), ticket);
  return { position: ahead + 1, expectedWait: waitRange(state, ticket.serviceId, ahead) };
}

/** Live placement of every waiting ticket, computed once per service group. */
export function placements(state: HallState, now: number): Map<string, Placement> {
  const out = new Map<string, Placement>();
  const orderByGroup = new Map<string, Map<string, number>>();
  const groupOf = new Map<string, { key: string; competing: Set<string> }>();
  for (const t of state.tickets.values()) {
    if (t.status !== 'waiting') continue;
    let group = groupOf.get(t.serviceId);
    if (!group) {
      const competing = competingServices(state, t.serviceId);
      group = { key: [...competing].sort().join(','), competing };
      groupOf.set(t.serviceId, group);
    }
    const { key, competing } = group;
    let order = orderByGroup.get(key);
    if (!order) {
      order = new Map(callOrder(state.tickets.values(), state.services, now, state.config.routing, competing).map((x, i) => [x.id, i]));
      orderByGroup.set(key, order);
    }
    const ahead = order.get(t.id) ?? 0;
    out.set(t.id, { position: ahead + 1, expectedWait: waitRange(state, t.serviceId, ahead) });
  }
  return out;
}

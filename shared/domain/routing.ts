// Call-next routing (brief §5). Deterministic and documented; the policy is configurable per branch.
//
// Default policy, among the waiting tickets of the services a counter serves:
//  1. Overdue tickets first — those that have waited `overdueFactor` × their service's target —
//     in order of original issue time. This is what makes the policy starvation-free: once a
//     ticket is overdue only tickets issued before it can still go ahead of it, and those are
//     finitely many.
//  2. Then the largest score = waited time ÷ target wait, × `priorityFactor` for a priority
//     ticket (elderly, disability, pregnancy, or a checked-in due appointment).
//  3. Ties go to the earlier ticket (original issue time, then issue order).
// Within one service and one priority class the score grows with waited time, so the order
// there is first-in first-out.
import type { Service } from '../protocol/entities.ts';
import type { TicketRecord } from './state.ts';

export interface RoutingPolicy {
  /** Weight of a priority ticket's score (>= 1). */
  priorityFactor: number;
  /** A ticket that has waited this many times its target is overdue (> 1). */
  overdueFactor: number;
}

export const DEFAULT_ROUTING: RoutingPolicy = { priorityFactor: 2, overdueFactor: 2 };

interface Ranked {
  ticket: TicketRecord;
  overdue: boolean;
  score: number;
}

function rank(ticket: TicketRecord, service: Service | undefined, nowMs: number, policy: RoutingPolicy): Ranked {
  const targetMs = Math.max(1, service?.targetWaitMinutes ?? 15) * 60_000;
  const waited = Math.max(0, nowMs - ticket.waitingSince);
  const weight = ticket.priority !== 'none' ? policy.priorityFactor : 1;
  return { ticket, overdue: waited >= policy.overdueFactor * targetMs, score: (waited / targetMs) * weight };
}

function compare(a: Ranked, b: Ranked): number {
  if (a.overdue !== b.overdue) return a.overdue ? -1 : 1;
  if (!a.overdue && a.score !== b.score) return b.score - a.score;
  if (a.ticket.waitingSince !== b.ticket.waitingSince) return a.ticket.waitingSince - b.ticket.waitingSince;
  return a.ticket.ordinal - b.ticket.ordinal;
}

/** Waiting tickets (optionally only those of `serviceIds`) in the order call-next would take them. */
export function callOrder(
  tickets: Iterable<TicketRecord>,
  services: ReadonlyMap<string, Service>,
  nowMs: number,
  policy: RoutingPolicy,
  serviceIds?: ReadonlySet<string>,
): TicketRecord[] {
  const ranked: Ranked[] = [];
  for (const t of tickets) {
    if (t.status !== 'waiting') continue;
    if (serviceIds && !serviceIds.has(t.serviceId)) continue;
    ranked.push(rank(t, services.get(t.serviceId), nowMs, policy));
  }
  return ranked.sort(compare).map((r) => r.ticket);
}

/** The ticket call-next takes for a counter serving `serviceIds`, or undefined when none waits. */
export function pickNext(
  tickets: Iterable<TicketRecord>,
  services: ReadonlyMap<string, Service>,
  nowMs: number,
  policy: RoutingPolicy,
  serviceIds: ReadonlySet<string>,
): TicketRecord | undefined {
  let best: Ranked | undefined;
  for (const t of tickets) {
    if (t.status !== 'waiting' || !serviceIds.has(t.serviceId)) continue;
    const r = rank(t, services.get(t.serviceId), nowMs, policy);
    if (!best || compare(r, best) < 0) best = r;
  }
  return best?.ticket;
}

/** How many waiting tickets of `serviceIds` call-next would take before `target`: O(n), no sort. */
export function countAhead(
  tickets: Iterable<TicketRecord>,
  services: ReadonlyMap<string, Service>,
  nowMs: number,
  policy: RoutingPolicy,
  serviceIds: ReadonlySet<string>,
  target: TicketRecord,
): number {
  const me = rank(target, services.get(target.serviceId), nowMs, policy);
  let n = 0;
  for (const t of tickets) {
    if (t === target || t.id === target.id || t.status !== 'waiting' || !serviceIds.has(t.serviceId)) continue;
    if (compare(rank(t, services.get(t.serviceId), nowMs, policy), me) < 0) n++;
  }
  return n;
}

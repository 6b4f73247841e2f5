// Call-next routing (brief §5). Deterministic and documented; the policy is configurable per branch.
//
// Default policy, among the waiting tickets of the services a counter serves:
//  1. Overdue tickets first — those that have waited `overdueFactor` × their service's target —
//     in order of original issue time. This is what makes the policy starvation-free: once a
//     ticket is overdue only tickets issued before it can still go ahead of it, and those are
//     finitely many.
//  2. Then the largest score = waited time ÷ target wait, × `priorityFactor` for a priority
//     ticket (elderly, disability, pregnancy, or a checked-in due appointment).
//     A checked-in appointment is due from its slot's start (`dueMs`): from then it counts as a
//     priority ticket that has waited since one target before its slot — a score of
//     `priorityFactor` at the slot's start, so it is called before every walk-in of its service
//     that is not overdue. Checked in early, it waits as an ordinary ticket until its slot starts.
//  3. Ties go to the earlier ticket (original issue time, then issue order).
// Within one service and one priority class the score grows with waited time, so the order
// there is first-in first-out.
//
// Where a ticket may be called (`callableAt`): a ticket transferred to one counter waits for that
// counter only, whatever services it serves; one transferred to one clerk waits for the counter
// that clerk is signed in at, wherever that is; any other ticket for every counter serving its
// service. Among the tickets callable at a counter the rule above decides — a transferred ticket
// keeps its original issue time (brief §5), so it usually goes first.
import type { Service, Ticket } from '../protocol/entities.ts';
import type { HallState, RoutingPolicy, TicketRecord } from './hall-state.ts';
import { waitingTickets } from './waiting.ts';

export const DEFAULT_ROUTING: RoutingPolicy = { priorityFactor: 2, overdueFactor: 2 };

/** A counter asking for its next ticket: its id, the clerk signed in there, and the services it serves. */
export interface CallPoint {
  counterId?: string;
  clerkId?: string;
  serviceIds: ReadonlySet<string>;
}

type Target = Pick<Ticket, 'serviceId' | 'targetCounterId' | 'targetClerkId'>;

/** Whether a ticket is reserved for one counter or one clerk. */
export const isTargeted = (t: Target): boolean => t.targetCounterId !== undefined || t.targetClerkId !== undefined;

/** Whether call-next at this point may take this (waiting) ticket. A bare set of services is a point with no counter: it takes no reserved ticket. */
export function callableAt(t: Target, at: CallPoint | ReadonlySet<string>): boolean {
  const point: CallPoint = 'serviceIds' in at ? at : { serviceIds: at };
  if (t.targetCounterId !== undefined) return t.targetCounterId === point.counterId;
  if (t.targetClerkId !== undefined) return point.clerkId !== undefined && t.targetClerkId === point.clerkId;
  return point.serviceIds.has(t.serviceId);
}

interface Ranked {
  ticket: TicketRecord;
  overdue: boolean;
  score: number;
  /** `routingSince`: the issue time, or a due appointment's earlier one. */
  since: number;
}

/** When a ticket counts as waiting from, for routing: a due appointment from one target before its slot. */
export function routingSince(ticket: TicketRecord, targetMs: number, nowMs: number): number {
  if (ticket.dueMs === undefined) return ticket.waitingSince;
  return nowMs >= ticket.dueMs ? Math.min(ticket.waitingSince, ticket.dueMs - targetMs) : ticket.waitingSince;
}

/** Whether a ticket is weighted by the priority factor now: a declared need, or a due appointment. */
const weighted = (ticket: TicketRecord, nowMs: number): boolean =>
  ticket.priority === 'appointment' ? ticket.dueMs === undefined || nowMs >= ticket.dueMs : ticket.priority !== 'none';

function rank(ticket: TicketRecord, service: Service | undefined, nowMs: number, policy: RoutingPolicy): Ranked {
  const targetMs = Math.max(1, service?.targetWaitMinutes ?? 15) * 60_000;
  const since = routingSince(ticket, targetMs, nowMs);
  const waited = Math.max(0, nowMs - since);
  const weight = weighted(ticket, nowMs) ? policy.priorityFactor : 1;
  return { ticket, overdue: waited >= policy.overdueFactor * targetMs, score: (waited / targetMs) * weight, since };
}

function compare(a: Ranked, b: Ranked): number {
  if (a.overdue !== b.overdue) return a.overdue ? -1 : 1;
  if (!a.overdue && a.score !== b.score) return b.score - a.score;
  if (a.since !== b.since) return a.since - b.since;
  return a.ticket.ordinal - b.ticket.ordinal;
}

/** Waiting tickets (optionally only those of `serviceIds`, or those passing a test) in the order call-next would take them. */
export function callOrder(
  tickets: Iterable<TicketRecord>,
  services: ReadonlyMap<string, Service>,
  nowMs: number,
  policy: RoutingPolicy,
  only?: ReadonlySet<string> | ((t: TicketRecord) => boolean),
): TicketRecord[] {
  const ranked: Ranked[] = [];
  const test = only === undefined ? undefined : typeof only === 'function' ? only : (t: TicketRecord) => only.has(t.serviceId);
  for (const t of tickets) {
    if (t.status !== 'waiting') continue;
    if (test && !test(t)) continue;
    ranked.push(rank(t, services.get(t.serviceId), nowMs, policy));
  }
  return ranked.sort(compare).map((r) => r.ticket);
}

/** The ticket call-next takes at a counter (or for a bare set of services: no reserved ticket), or undefined when none waits. */
export function pickNext(
  tickets: Iterable<TicketRecord>,
  services: ReadonlyMap<string, Service>,
  nowMs: number,
  policy: RoutingPolicy,
  at: CallPoint | ReadonlySet<string>,
): TicketRecord | undefined {
  let best: Ranked | undefined;
  for (const t of tickets) {
    if (t.status !== 'waiting' || !callableAt(t, at)) continue;
    const r = rank(t, services.get(t.serviceId), nowMs, policy);
    if (!best || compare(r, best) < 0) best = r;
  }
  return best?.ticket;
}

/**
 * How many waiting tickets call-next would take before `target`: O(n), no sort. `competes` says
 * which tickets count (a set of their services, or a test), or how much of each does — a share
 * between 0 and 1 (aheadOf: the share of the counters that can call it which can also call the
 * target); the sum is rounded to whole people.
 */
export function countAhead(
  tickets: Iterable<TicketRecord>,
  services: ReadonlyMap<string, Service>,
  nowMs: number,
  policy: RoutingPolicy,
  competes: ReadonlySet<string> | ((t: TicketRecord) => boolean | number),
  target: TicketRecord,
): number {
  const me = rank(target, services.get(target.serviceId), nowMs, policy);
  const test = typeof competes === 'function' ? competes : (t: TicketRecord) => competes.has(t.serviceId);
  // The routing comparison with `me`, on scalars (no object per ticket: this runs for every ticket
  // waiting, on every issue and every tracking page).
  const targetMs = new Map<string, number>();
  let n = 0;
  for (const t of tickets) {
    if (t === target || t.id === target.id || t.status !== 'waiting') continue;
    const w = Number(test(t));
    if (!(w > 0)) continue;
    let tm = targetMs.get(t.serviceId);
    if (tm === undefined) targetMs.set(t.serviceId, (tm = Math.max(1, services.get(t.serviceId)?.targetWaitMinutes ?? 15) * 60_000));
    const since = t.dueMs === undefined ? t.waitingSince : routingSince(t, tm, nowMs);
    const waited = Math.max(0, nowMs - since);
    const overdue = waited >= policy.overdueFactor * tm;
    let before: boolean;
    if (overdue !== me.overdue) before = overdue;
    else {
      const score = overdue ? 0 : (waited / tm) * (weighted(t, nowMs) ? policy.priorityFactor : 1);
      if (!overdue && score !== me.score) before = score > me.score;
      else before = since !== me.since ? since < me.since : t.ordinal < me.ticket.ordinal;
    }
    if (before) n += w;
  }
  return Math.round(n + 1e-9);
}

// ── "ahead": one count for every screen ─────────────────────────────────────────────────────
//
// The people ahead of a ticket are the waiting tickets call-next would take before it, at the
// counters that can call it: a ticket of another service counts for the share of the counters
// that can call it which can also call this one (a reception ticket that three counters call, one
// of which also serves certificates, stands a third before a certificates ticket); one of the
// same service, or reserved for one of this ticket's counters, counts whole. The kiosk's tile (a
// ticket issued now), the printed ticket, the tracking page, the hall display and the messages
// all count so (aheadOf, aheadOfNew, aheadAll).

/** Where a waiting ticket may be called: the key of the counters that can call it. */
const reachKey = (t: Pick<TicketRecord, 'serviceId' | 'targetCounterId' | 'targetClerkId'>): string =>
  t.targetCounterId !== undefined ? `counter:${t.targetCounterId}` : t.targetClerkId !== undefined ? `clerk:${t.targetClerkId}` : `service:${t.serviceId}`;

/** The counters (ids) that can call a ticket of this key now: staffed ones (open or on break); for a service none staffs, every counter serving it. */
function callersOf(state: HallState, key: string): Set<string> {
  const [kind, id] = [key.slice(0, key.indexOf(':')), key.slice(key.indexOf(':') + 1)];
  const staffed = [...state.counters.values()].filter((c) => c.state !== 'closed');
  if (kind === 'counter') return new Set(staffed.filter((c) => c.id === id).map((c) => c.id));
  if (kind === 'clerk') return new Set(staffed.filter((c) => c.clerkId === id).map((c) => c.id));
  const serving = staffed.filter((c) => c.serviceIds.includes(id));
  return new Set((serving.length > 0 ? serving : [...state.counters.values()].filter((c) => c.serviceIds.includes(id))).map((c) => c.id));
}

/** How much of a ticket of key `x` stands before one of key `y`: the share of x's counters that can also call y. */
function shareOf(state: HallState, cache: Map<string, Set<string>>, x: string, y: string): number {
  if (x === y) return 1;
  const of = (k: string) => {
    let s = cache.get(k);
    if (!s) cache.set(k, (s = callersOf(state, k)));
    return s;
  };
  const cx = of(x);
  if (cx.size === 0) return 0;
  const cy = of(y);
  let both = 0;
  for (const id of cx) if (cy.has(id)) both++;
  return both / cx.size;
}

/** The people ahead of a waiting ticket now (see above). */
export function aheadOf(state: HallState, target: TicketRecord, now: number): number {
  const cache = new Map<string, Set<string>>();
  const mine = reachKey(target);
  // Shares by service for ordinary tickets (no key to build for each), by key for reserved ones.
  const byService = new Map<string, number>();
  const byKey = new Map<string, number>();
  return countAhead(waitingTickets(state).values(), state.services, now, state.config.routing, (t) => {
    const reserved = isTargeted(t);
    const map = reserved ? byKey : byService;
    const k = reserved ? reachKey(t) : t.serviceId;
    let w = map.get(k);
    if (w === undefined) map.set(k, (w = shareOf(state, cache, reserved ? k : `service:${k}`, mine)));
    return w;
  }, target);
}

/** The people a ticket of `serviceId` issued now would have ahead of it: every waiting ticket goes before a new one, each for its share. */
export function aheadOfNew(state: HallState, serviceId: string): { ahead: number; byService: Map<string, number> } {
  const cache = new Map<string, Set<string>>();
  const mine = `service:${serviceId}`;
  const count = new Map<string, { n: number; serviceId: string }>();
  for (const t of state.tickets.values()) {
    if (t.status !== 'waiting') continue;
    const k = reachKey(t);
    const c = count.get(k) ?? { n: 0, serviceId: t.serviceId };
    c.n++;
    count.set(k, c);
  }
  let sum = 0;
  const byService = new Map<string, number>();
  for (const [k, c] of count) {
    const w = c.n * shareOf(state, cache, k, mine);
    if (w <= 0) continue;
    sum += w;
    byService.set(c.serviceId, (byService.get(c.serviceId) ?? 0) + w);
  }
  return { ahead: Math.round(sum + 1e-9), byService };
}

/** The people ahead of every waiting ticket, in one pass over the call order: O(n log n + n × kinds of ticket). */
export function aheadAll(state: HallState, now: number): Map<string, number> {
  const ordered = callOrder(waitingTickets(state).values(), state.services, now, state.config.routing);
  const cache = new Map<string, Set<string>>();
  const before = new Map<string, number>();
  const shares = new Map<string, number>();
  const out = new Map<string, number>();
  for (const t of ordered) {
    const mine = reachKey(t);
    let n = 0;
    for (const [k, c] of before) {
      const pair = `${k}|${mine}`;
      let w = shares.get(pair);
      if (w === undefined) shares.set(pair, (w = shareOf(state, cache, k, mine)));
      n += c * w;
    }
    out.set(t.id, Math.round(n + 1e-9));
    before.set(mine, (before.get(mine) ?? 0) + 1);
  }
  return out;
}

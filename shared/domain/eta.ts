// Expected wait, as a range in minutes (brief §5): the 20th–80th percentile of the time until the
// ticket is called, from now. The model — the hall played forward under the real routing rule —
// is in eta-projection.ts; here, the quotes it gives: for every waiting ticket, for a new ticket,
// reused for the same state and time.
import type { ExpectedWait } from '../protocol/entities.ts';
import type { HallState, TicketRecord } from './hall-state.ts';
import { stateVersion } from './fold.ts';
import { aheadAll, aheadOf } from './routing.ts';
import { ETA_MODEL, type Projection, lastProjection, QUOTE_PERCENTILES, heldModel, project } from './eta-projection.ts';
import { type WaitEstimate, fallback, gammaQuantile, rangeOf, wholeMinutes } from './eta-range.ts';
import { competingServices, countersServing } from './targets.ts';

export { ETA_MODEL, QUOTE_PERCENTILES, lastProjection, competingServices, countersServing, gammaQuantile, rangeOf, wholeMinutes };
export type { WaitEstimate };

interface Made { version: number; now: number; usual: HallState['usual']; projections: Map<string, Projection> }
const memo = new WeakMap<HallState, Made>();

/**
 * The projection of the hall at `now` (within `budget` counter calls; for `target` only, the quote
 * of a new ticket of that service and class), reused while neither the state nor the time has moved.
 */
export function projectHall(state: HallState, now: number, budget = ETA_MODEL.budget, targets?: readonly { serviceId: string; priority: boolean }[]): Projection {
  const version = stateVersion(state);
  let m = memo.get(state);
  if (!m || m.version !== version || m.now !== now || m.usual !== state.usual) memo.set(state, (m = { version, now, usual: state.usual, projections: new Map() }));
  const key = `${budget}|${targets ? targets.map((t) => `${t.serviceId}:${t.priority ? 1 : 0}`).join(',') : ''}`;
  let projection = m.projections.get(key);
  if (!projection) m.projections.set(key, (projection = project(state, now, { budget, ...(targets ? { targets } : {}) })));
  return projection;
}

export interface Placement {
  /** 1 = next to be called. */
  position: number;
  expectedWait: ExpectedWait;
  /** The model's mean wait, minutes (the point estimate the simulator scores). */
  meanMinutes: number;
}

/** The estimate for a ticket issued now (not yet in the state) of `serviceId`, priority or not, from the projection of the whole hall (the kiosk's tiles). */
export function estimateNew(state: HallState, serviceId: string, priority: boolean, now: number, budget?: number): WaitEstimate {
  return projectHall(state, now, budget).probe(serviceId, priority) ?? fallback(state, serviceId, 0);
}

/**
 * The quote of a ticket issued now, as the issue path makes it: a projection of that ticket
 * alone (the counters that can reach it, each play ending once it is called), so deciding an
 * issue does not play every waiting ticket and every service.
 */
export function quoteAtIssue(state: HallState, serviceId: string, priority: boolean, now: number, budget = ETA_MODEL.issueBudget): WaitEstimate {
  return projectHall(state, now, budget, [{ serviceId, priority }]).probe(serviceId, priority) ?? fallback(state, serviceId, 0);
}

/**
 * The quotes of several tickets issued now, in this order (a batch of issues decided together):
 * one projection for all of them, each earlier one holding a counter for the later ones — as if
 * each were quoted after the ones before it were issued, within one budget.
 */
export function quotesAtIssue(state: HallState, issues: readonly { serviceId: string; priority: boolean }[], now: number, budget = ETA_MODEL.issueBudget): WaitEstimate[] {
  return projectHall(state, now, budget, issues).targets();
}

/**
 * Placement of a ticket not yet in the state (at issue): after every waiting ticket, each for its
 * share (routing.ts aheadOf); its wait is the quote of a ticket issued now.
 */
export function expectedWait(state: HallState, ticket: TicketRecord, now: number, budget?: number): Placement {
  const ahead = aheadOf(state, ticket, now);
  const e = quoteAtIssue(state, ticket.serviceId, ticket.priority !== undefined && ticket.priority !== 'none', now, budget);
  return { position: ahead + 1, expectedWait: e.quote, meanMinutes: e.meanMinutes };
}

function estimateOf(state: HallState, t: TicketRecord, now: number): WaitEstimate {
  return projectHall(state, now).ticket(t.id) ?? fallback(state, t.serviceId, 0);
}

/** A ticket issued this long ago or less shows the quote it was given (the same model, a moment earlier). */
const FRESH_MS = 1000;

/** Live placement of one waiting ticket. */
export function placementOf(state: HallState, ticket: TicketRecord, now: number): Placement {
  const ahead = aheadOf(state, ticket, now);
  if (ticket.quote && ticket.transferredFrom.length === 0 && ticket.targetCounterId === undefined && ticket.targetClerkId === undefined && now - ticket.waitingSince <= FRESH_MS && now >= ticket.waitingSince) {
    // The answer to the issue itself: no second projection on the issue path.
    return { position: ahead + 1, expectedWait: ticket.quote, meanMinutes: (ticket.quote.minMinutes + ticket.quote.maxMinutes) / 2 };
  }
  const e = estimateOf(state, ticket, now);
  return { position: ahead + 1, expectedWait: e.quote, meanMinutes: e.meanMinutes };
}

/** Live placement of every waiting ticket: the people ahead of each (routing.ts aheadAll), and its estimate. */
export function placements(state: HallState, now: number): Map<string, Placement> {
  const out = new Map<string, Placement>();
  const ahead = aheadAll(state, now);
  for (const t of state.tickets.values()) {
    if (t.status !== 'waiting') continue;
    const e = estimateOf(state, t, now);
    out.set(t.id, { position: (ahead.get(t.id) ?? 0) + 1, expectedWait: e.quote, meanMinutes: e.meanMinutes });
  }
  return out;
}

/** Mean time a counter is held per ticket of a service, minutes: today's learnt samples (capped) blended with the prior. */
export function meanServiceMinutes(state: HallState, serviceId: string): number {
  return heldModel(state, serviceId).mean;
}


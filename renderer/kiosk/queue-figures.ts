// What a kiosk tile says about its queue: how many a ticket issued now would have ahead of it (the
// hub's one count of "ahead", the number the ticket then prints), the quote for a new ticket — or,
// when no counter serving it is open, that none is (the hub's quote then assumes the counters
// open at once, which is no promise to make a citizen) — and why a service nobody waits for would
// still wait. From the hub's `queue` summary only: a kiosk is a public device and receives no tickets.
import type { ServiceQueue } from '../../shared/protocol/http.ts';
import type { ExpectedWait } from '../../shared/protocol/entities.ts';

export type QueueFigures = {
  /** People waiting for these services (the staff's figure; not shown on the tile). */
  waiting: number;
  /** People ahead of a ticket issued now: the fewest and the most over the services (equal for one service). */
  ahead: number;
  aheadMost: number;
  /** No counter serving any of these services is open now. */
  noCounterOpen: boolean;
  /** The quote for a new ticket (the widest range over the services with a counter open); null when there is none. */
  wait: ExpectedWait | null;
  /** One service's: why a new ticket would wait though nobody waits for it, and how many counters serve it now. */
  reason: (NonNullable<ServiceQueue['reason']> & { counters: number }) | null;
};

/** Figures of one service, or of a category (its services together). */
export function queueFigures(serviceIds: string[], queue: ServiceQueue[]): QueueFigures | null {
  const rows = queue.filter((q) => serviceIds.includes(q.serviceId));
  if (rows.length === 0) return null;
  const open = rows.filter((q) => q.countersOpen > 0);
  const quotes = open.flatMap((q) => (q.expectedWait ? [q.expectedWait] : []));
  const ahead = rows.map((q) => q.ahead ?? q.waiting);
  const one = rows.length === 1 ? rows[0]! : undefined;
  return {
    waiting: rows.reduce((n, q) => n + q.waiting, 0),
    ahead: Math.min(...ahead),
    aheadMost: Math.max(...ahead),
    noCounterOpen: open.length === 0,
    wait: quotes.length ? { minMinutes: Math.min(...quotes.map((w) => w.minMinutes)), maxMinutes: Math.max(...quotes.map((w) => w.maxMinutes)) } : null,
    reason: one?.reason && one.countersOpen > 0 ? { ...one.reason, counters: one.countersOpen } : null,
  };
}

// What a kiosk tile says about its queue: how many wait, and the quote for a new ticket — or,
// when no counter serving it is open, that none is (the hub's quote then assumes the counters
// open at once, which is no promise to make a citizen). From the hub's `queue` summary only: a
// kiosk is a public device and receives no tickets.
import type { ServiceQueue } from '../../shared/protocol/http.ts';
import type { ExpectedWait } from '../../shared/protocol/entities.ts';

export type QueueFigures = {
  waiting: number;
  /** No counter serving any of these services is open now. */
  noCounterOpen: boolean;
  /** The quote for a new ticket (the widest range over the services with a counter open); null when there is none. */
  wait: ExpectedWait | null;
};

/** Figures of one service, or of a category (its services together). */
export function queueFigures(serviceIds: string[], queue: ServiceQueue[]): QueueFigures | null {
  const rows = queue.filter((q) => serviceIds.includes(q.serviceId));
  if (rows.length === 0) return null;
  const open = rows.filter((q) => q.countersOpen > 0);
  const quotes = open.flatMap((q) => (q.expectedWait ? [q.expectedWait] : []));
  return {
    waiting: rows.reduce((n, q) => n + q.waiting, 0),
    noCounterOpen: open.length === 0,
    wait: quotes.length ? { minMinutes: Math.min(...quotes.map((w) => w.minMinutes)), maxMinutes: Math.max(...quotes.map((w) => w.maxMinutes)) } : null,
  };
}

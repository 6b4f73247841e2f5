// The waiting tickets of a hall state, apart from the day's others: the quotes, call-next and the
// counts of people ahead read these, not every ticket of the day (by the afternoon most are done).
// Made on first use for each state object and kept by fold.ts apply — only apply changes a ticket.
import type { DomainEvent } from '../protocol/events.ts';
import type { HallState, TicketRecord } from './hall-state.ts';

const index = new WeakMap<HallState, Map<string, TicketRecord>>();

/** The tickets waiting now, in no set order (sort by ordinal for issue order). */
export function waitingTickets(state: HallState): ReadonlyMap<string, TicketRecord> {
  let w = index.get(state);
  if (!w) {
    w = new Map();
    for (const t of state.tickets.values()) if (t.status === 'waiting') w.set(t.id, t);
    index.set(state, w);
  }
  return w;
}

/** After `event` was applied to `state`: the ticket it concerns joins or leaves the waiting ones. */
export function keepWaiting(state: HallState, event: DomainEvent): void {
  const w = index.get(state);
  if (!w) return;
  if (event.type === 'day.opened') w.clear();
  const id = event.type === 'ticket.issued' ? event.ticket.id : 'ticketId' in event ? event.ticketId : undefined;
  if (id === undefined) return;
  const t = state.tickets.get(id);
  if (t?.status === 'waiting') w.set(id, t);
  else w.delete(id);
}

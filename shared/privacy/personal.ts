// Personal fields of domain events (brief §8, §10): what must never reach a hall screen or a
// kiosk, never leave the hall, and is kept only for the retention period.
//   - ticket.issued  → ticket.trackingCode (the citizen's only key to their tracking page and rating);
//                      a ticket's note and transferNote, should one ever ride on it
//   - ticket.completed → note (a clerk's free text about the citizen's case), and an outcome that is
//                      not one of the five codes (free text written before the API took only codes)
//   - ticket.transferred → note (the transferring clerk's note for the next clerk)
//   - ticket.rated → reason (the citizen's comment)
// ID-number pseudonyms never travel in events at all (the hub keeps them in `ticket_identity`).
// The hub stores an event's public part in the append-only log and its personal part beside it
// (purged after retention), and merges them back on reading while they exist.
import { isOutcome } from '../protocol/entities.ts';
import type { DomainEvent } from '../protocol/events.ts';

export interface PersonalPart {
  trackingCode?: string;
  note?: string;
  comment?: string;
  /** An issued ticket's notes (never set by `decide`; kept apart should an event carry them). */
  ticketNote?: string;
  transferNote?: string;
  /** A completion's free-text outcome. */
  outcomeText?: string;
}

/** The part of an object whose values are defined (an empty object when none is). */
const defined = <T extends object>(o: T): Partial<T> => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;

/** The event without its personal fields, and those fields (undefined when it has none). */
export function splitPersonal(e: DomainEvent): { public: DomainEvent; personal?: PersonalPart } {
  switch (e.type) {
    case 'ticket.issued': {
      const { trackingCode, note: ticketNote, transferNote, ...ticket } = e.ticket;
      const personal = defined({ trackingCode, ticketNote, transferNote });
      return Object.keys(personal).length === 0 ? { public: e } : { public: { ...e, ticket }, personal };
    }
    case 'ticket.completed': {
      const { note, outcome, ...rest } = e;
      const free = outcome !== undefined && !isOutcome(outcome);
      const personal = defined({ note, outcomeText: free ? outcome : undefined });
      if (Object.keys(personal).length === 0) return { public: e };
      return { public: { ...rest, ...(outcome !== undefined && !free ? { outcome } : {}) }, personal };
    }
    case 'ticket.transferred': {
      const { note, ...rest } = e;
      return note === undefined ? { public: e } : { public: rest, personal: { note } };
    }
    case 'ticket.rated': {
      const { reason, ...rest } = e;
      return reason === undefined ? { public: e } : { public: rest, personal: { comment: reason } };
    }
    default:
      return { public: e };
  }
}

/** The event's public part with its personal part put back (the inverse of `splitPersonal`). */
export function mergePersonal<E extends DomainEvent>(e: E, p: PersonalPart | undefined): E {
  if (!p) return e;
  switch (e.type) {
    case 'ticket.issued': {
      const back = defined({ trackingCode: p.trackingCode, note: p.ticketNote, transferNote: p.transferNote });
      return Object.keys(back).length === 0 ? e : { ...e, ticket: { ...e.ticket, ...back } };
    }
    case 'ticket.completed': {
      const back = defined({ note: p.note, outcome: p.outcomeText });
      return Object.keys(back).length === 0 ? e : { ...e, ...back };
    }
    case 'ticket.transferred':
      return p.note === undefined ? e : { ...e, note: p.note };
    case 'ticket.rated':
      return p.comment === undefined ? e : { ...e, reason: p.comment };
    default:
      return e;
  }
}

/** The event as anyone without a right to personal data may see it. */
export const publicEvent = <E extends DomainEvent>(e: E): E => splitPersonal(e).public as E;

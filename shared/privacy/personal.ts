// Personal fields of domain events (brief §8, §10): what must never reach a hall screen or a
// kiosk, never leave the hall, and is kept only for the retention period.
//   - ticket.issued  → ticket.trackingCode (the citizen's only key to their tracking page and rating)
//   - ticket.completed → note (a clerk's free text about the citizen's case)
//   - ticket.transferred → note (the transferring clerk's note for the next clerk)
//   - ticket.rated → reason (the citizen's comment)
// ID-number pseudonyms never travel in events at all (the hub keeps them in `ticket_identity`).
// The hub stores an event's public part in the append-only log and its personal part beside it
// (purged after retention), and merges them back on reading while they exist.
import type { DomainEvent } from '../protocol/events.ts';

export interface PersonalPart {
  trackingCode?: string;
  note?: string;
  comment?: string;
}

/** The event without its personal fields, and those fields (undefined when it has none). */
export function splitPersonal(e: DomainEvent): { public: DomainEvent; personal?: PersonalPart } {
  switch (e.type) {
    case 'ticket.issued': {
      const { trackingCode, ...ticket } = e.ticket;
      return trackingCode === undefined ? { public: e } : { public: { ...e, ticket }, personal: { trackingCode } };
    }
    case 'ticket.completed':
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
    case 'ticket.issued':
      return p.trackingCode === undefined ? e : { ...e, ticket: { ...e.ticket, trackingCode: p.trackingCode } };
    case 'ticket.completed':
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

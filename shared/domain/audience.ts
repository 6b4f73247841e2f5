// Who sees what (brief §8; one rule for REST, the event stream's snapshot and events, and
// reprints). Staff see the hall as it is. Devices — hall displays, kiosks, counter stations — sit
// on public screens with a token in reach, so they get what their screen shows and nothing
// personal: no clerks' notes (on completing or transferring), no tracking codes (the citizen's key to tracking and rating), no
// citizens' comments. ID pseudonyms never leave the hub for anyone. The one exception is the
// ticket a kiosk has just issued: the answer to its own request carries the tracking code it
// prints as a QR (see the issue route).
import type { Ticket } from '../protocol/entities.ts';
import type { DomainEvent } from '../protocol/events.ts';
import { publicEvent } from '../privacy/personal.ts';

export type Audience = 'staff' | 'display' | 'kiosk';

/** The audience of a caller: staff accounts are `staff`; kiosks `kiosk`; hall displays and counter devices `display`. */
export function audienceOf(caller: { kind: 'staff' | 'device'; role: string }): Audience {
  if (caller.kind === 'staff') return 'staff';
  return caller.role === 'kiosk' ? 'kiosk' : 'display';
}

/** A ticket without its personal fields. */
export function publicTicket(t: Ticket): Ticket {
  const { note: _n, transferNote: _tn, trackingCode: _c, ...rest } = t;
  return rest;
}

export const ticketFor = (t: Ticket, audience: Audience): Ticket => (audience === 'staff' ? t : publicTicket(t));

export const eventFor = <E extends DomainEvent>(e: E, audience: Audience): E => (audience === 'staff' ? e : publicEvent(e));

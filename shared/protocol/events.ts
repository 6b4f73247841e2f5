// Domain events: what the hub appends to its log and pushes on the event stream.
// On the wire each is wrapped as `{seq, type, at, ...payload}`; `seq` is gap-free per hall.
import { z } from 'zod';
import { Counter, ExpectedWait, Lang, Priority, Service, Ticket } from './entities.ts';
import { HallSettings } from './settings.ts';

const base = { at: z.string() };

export const TicketIssued = z.object({
  ...base,
  type: z.literal('ticket.issued'),
  ticket: Ticket.omit({ position: true, expectedWait: true }),
  /** The quote given at issue; kept so its error can be measured later. */
  quote: ExpectedWait,

  /** Issued by (user or device id); audit only. */
  by: z.string(),
});
/**
 * `by`: who did it (a staff user id, or a device id) — every ticket action is attributable.
 * Optional in the schema only because events written before it existed lack it; `decide` always sets it.
 */
const by = { by: z.string().optional() };
const ticketAt = { ...base, ticketId: z.string(), ...by };
export const TicketCalled = z.object({
  ...ticketAt,
  type: z.literal('ticket.called'),
  counterId: z.string(),
  by: z.string(),
  /** The shown number and service, so a hall screen that never saw the ticket issued can show the call. */
  number: z.string().optional(),
  serviceId: z.string().optional(),
});
export const TicketRecalled = z.object({ ...ticketAt, type: z.literal('ticket.recalled'), counterId: z.string(), recalls: z.number().int() });
export const TicketStarted = z.object({ ...ticketAt, type: z.literal('ticket.started'), counterId: z.string() });
export const TicketCompleted = z.object({
  ...ticketAt,
  type: z.literal('ticket.completed'),
  counterId: z.string(),
  outcome: z.string().optional(),
  note: z.string().optional(),
});
export const TicketNoShow = z.object({ ...ticketAt, type: z.literal('ticket.no_show'), counterId: z.string() });
export const TicketTransferred = z.object({
  ...ticketAt,
  type: z.literal('ticket.transferred'),
  fromServiceId: z.string(),
  toServiceId: z.string(),
  /** The counter that let it go; absent when a supervisor moved a waiting ticket to another service. */
  counterId: z.string().optional(),
  /** Sent to one counter, or to one clerk (wherever they are signed in): only there is it called. Absent in older logs. */
  toCounterId: z.string().optional(),
  toClerkId: z.string().optional(),
  /** A note for the next clerk: personal (kept beside the log, shown to staff only). */
  note: z.string().optional(),
});
export const TicketParked = z.object({ ...ticketAt, type: z.literal('ticket.parked'), counterId: z.string() });
export const TicketCancelled = z.object({ ...ticketAt, type: z.literal('ticket.cancelled'), reason: z.string().optional() });
/** `by`: a supervisor who opened it for `clerkId` (absent when the clerk opened it, and in older logs). */
export const CounterOpened = z.object({ ...base, type: z.literal('counter.opened'), counterId: z.string(), clerkId: z.string(), ...by });
export const CounterClosed = z.object({ ...base, type: z.literal('counter.closed'), counterId: z.string(), ...by });
export const CounterOnBreak = z.object({ ...base, type: z.literal('counter.break'), counterId: z.string(), ...by });
/** Configuration changes (admin) travel as events too, so every screen follows. */
export const ServiceSaved = z.object({ ...base, type: z.literal('service.saved'), service: Service });
export const CounterSaved = z.object({ ...base, type: z.literal('counter.saved'), counter: Counter.omit({ state: true, clerkId: true, ticketId: true }) });
/** The hall settings saved (admin): the branch and engine config change from here on, without a restart. */
export const HallConfigured = z.object({ ...base, type: z.literal('hall.configured'), settings: HallSettings, by: z.string() });
export const DayOpened = z.object({ ...base, type: z.literal('day.opened'), day: z.string() });
export const DeviceHealthReported = z.object({
  ...base,
  type: z.literal('device.health'),
  deviceId: z.string(),
  device: z.string(),
  state: z.enum(['connected', 'disconnected', 'paper_low', 'paper_out', 'cover_open', 'error']),
  detail: z.string().optional(),
});
export const TicketRated = z.object({
  ...ticketAt,
  type: z.literal('ticket.rated'),
  rating: z.number().int().min(1).max(5),
  reason: z.string().optional(),
});

export const DomainEvent = z.discriminatedUnion('type', [
  TicketIssued, TicketCalled, TicketRecalled, TicketStarted, TicketCompleted, TicketNoShow, TicketTransferred,
  TicketParked, TicketCancelled, CounterOpened, CounterClosed, CounterOnBreak, ServiceSaved, CounterSaved,
  DayOpened, DeviceHealthReported, TicketRated, HallConfigured,
]);
export type DomainEvent = z.infer<typeof DomainEvent>;
export type EventType = DomainEvent['type'];
export type EventOf<T extends EventType> = Extract<DomainEvent, { type: T }>;

/** An event as stored and streamed: with its place in the hall's log. */
export type SequencedEvent = DomainEvent & { seq: number };

export { Lang, Priority };

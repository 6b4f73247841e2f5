// Commands → events. `decide` is pure: it reads the state, checks the command against the
// domain rules and yields the events that record it — or a refusal that changes nothing.
import type { Counter, ExpectedWait, Lang, Priority, Service } from '../protocol/entities.ts';
import type { DomainEvent } from '../protocol/events.ts';
import type { HallSettings } from '../protocol/settings.ts';
import { businessDay, isValidTimeZone } from './business-day.ts';
import { openingStatus } from './opening-hours.ts';
import { type Decision, ok, refuse } from './errors.ts';
import { quoteAtIssue } from './eta.ts';
import { formatTicketNumber, nextTicketNumber, ticketId } from './numbering.ts';
import { callableAt, isTargeted, pickNext } from './routing.ts';
import { callPointOf, counterOfClerk } from './targets.ts';
import { waitingTickets } from './waiting.ts';
import type { HallState, TicketRecord } from './hall-state.ts';
import { type TicketAction, canMove } from './ticket-states.ts';

export interface Actor {
  id: string;
  /** `citizen`: the ticket's holder, through its tracking code (the tracking page). */
  role: 'admin' | 'manager' | 'supervisor' | 'clerk' | 'kiosk' | 'display' | 'counter' | 'citizen';
}

export type Command =
  | { type: 'issue'; serviceId: string; lang: Lang; priority: Priority; identityVerified: boolean; dueAt?: string }
  | { type: 'callNext'; counterId: string }
  | { type: 'call'; ticketId: string; counterId: string }
  | { type: 'recall'; ticketId: string }
  | { type: 'start'; ticketId: string }
  | { type: 'complete'; ticketId: string; outcome?: string; note?: string }
  | { type: 'noShow'; ticketId: string }
  /** To another service, to one counter, or to one clerk (at least one; a counter or a clerk, not both), with a note for the next clerk. */
  | { type: 'transfer'; ticketId: string; serviceId?: string; counterId?: string; clerkId?: string; note?: string }
  /** A supervisor moves a waiting ticket to another service (or back to its service's queue from a counter or clerk it was sent to). */
  | { type: 'move'; ticketId: string; serviceId: string }
  | { type: 'park'; ticketId: string }
  | { type: 'cancel'; ticketId: string }
  /** The citizen leaves the queue (tracking page): a cancel while still waiting; again after it, nothing. */
  | { type: 'leave'; ticketId: string }
  /** `clerkId`: a supervisor opens the counter for that clerk (or ends their break); otherwise the actor opens it. */
  | { type: 'openCounter'; counterId: string; clerkId?: string }
  | { type: 'closeCounter'; counterId: string }
  | { type: 'break'; counterId: string }
  | { type: 'configure'; settings: HallSettings }
  | { type: 'saveService'; service: Service }
  | { type: 'saveCounter'; counter: Omit<Counter, 'state' | 'clerkId' | 'ticketId'> }
  | { type: 'rate'; ticketId: string; rating: number; reason?: string }
  | { type: 'deviceHealth'; deviceId: string; device: string; state: 'connected' | 'disconnected' | 'paper_low' | 'paper_out' | 'cover_open' | 'error'; detail?: string };

export interface DecideContext {
  now: number;
  actor: Actor;
  /** Random, unguessable code for the public tracking page. */
  newTrackingCode: () => string;
  /**
   * Counter calls the quote at issue may play (eta-projection.ts; default ETA_MODEL.budget). The
   * hub shares one budget among the issues it decides together, so a flood of tickets is quoted
   * with fewer plays — one with mean times at the least — and the hall stays responsive.
   */
  quoteBudget?: number;
  /** The quote of this issue, made beforehand for a batch of issues in one projection (eta.ts quotesAtIssue); else made here. */
  quote?: ExpectedWait;
}

type Events = Decision<DomainEvent[]>;

const supervises = (actor: Actor): boolean => actor.role === 'supervisor' || actor.role === 'admin';

/** Supervisors and admins may act at any counter; a clerk only at the counter they opened. */
function mayActAt(actor: Actor, counter: Counter): boolean {
  if (supervises(actor)) return true;
  return counter.clerkId === actor.id;
}

function findTicket(state: HallState, id: string): Decision<TicketRecord> {
  const t = state.tickets.get(id);
  return t ? ok(t) : refuse('not_found', `no ticket ${id} today`);
}

function findCounter(state: HallState, id: string): Decision<Counter> {
  const c = state.counters.get(id);
  return c ? ok(c) : refuse('not_found', `no counter ${id}`);
}

/** The counter holding a ticket (called or being served), checked for the actor's right to act there. */
function heldAt(state: HallState, t: TicketRecord, actor: Actor): Decision<Counter> {
  const c = t.counterId ? state.counters.get(t.counterId) : undefined;
  if (!c) return refuse('illegal_transition', `ticket ${t.number} is not at a counter`);
  if (!mayActAt(actor, c)) return refuse('forbidden', `ticket ${t.number} is at counter ${c.number}, not yours`);
  return ok(c);
}

function illegal(t: TicketRecord, action: TicketAction): Events {
  return refuse('illegal_transition', `cannot ${action.replace('_', '-')} ticket ${t.number}: it is ${t.status}`);
}

/** A counter that may call: open, staffed by the actor (or a supervisor), holding no ticket. */
function readyToCall(counter: Counter, actor: Actor): Decision<Counter> {
  if (!mayActAt(actor, counter)) return refuse('forbidden', `counter ${counter.number} is not yours`);
  if (counter.state !== 'open') return refuse('illegal_transition', `counter ${counter.number} is ${counter.state}`);
  if (counter.ticketId) return refuse('illegal_transition', `counter ${counter.number} still holds a ticket: finish, park or mark it no-show first`);
  return ok(counter);
}

function ticketMove(state: HallState, cmd: { ticketId: string }, action: TicketAction, ctx: DecideContext, make: (t: TicketRecord, c: Counter, at: string) => DomainEvent[]): Events {
  const t = findTicket(state, cmd.ticketId);
  if (!t.ok) return t;
  if (!canMove(t.value.status, action)) return illegal(t.value, action);
  const c = heldAt(state, t.value, ctx.actor);
  if (!c.ok) return c;
  return ok(make(t.value, c.value, new Date(ctx.now).toISOString()));
}

export function decide(state: HallState, cmd: Command, ctx: DecideContext): Events {
  const at = new Date(ctx.now).toISOString();
  const by = ctx.actor.id;
  switch (cmd.type) {
    case 'issue': {
      const service = state.services.get(cmd.serviceId);
      if (!service) return refuse('not_found', `no service ${cmd.serviceId}`);
      if (!service.active) return refuse('conflict', `service ${service.name.en} is not offered now`);
      if (ctx.actor.role === 'kiosk' && !openingStatus(state.branch.hours, state.branch.timeZone, ctx.now).open) return refuse('hall_closed', 'the hall is closed now');
      const n = nextTicketNumber(state.lastNumber, service.prefix);
      // The state's day, not the clock's: they differ only if the clock stepped back, and the
      // number comes from the state's day.
      const day = state.day;
      const ticket = {
        id: ticketId(day, service.prefix, n),
        number: formatTicketNumber(service.prefix, n),
        serviceId: service.id,
        status: 'waiting' as const,
        priority: cmd.priority,
        lang: cmd.lang,
        issuedAt: at,
        day,
        recalls: 0,
        transferredFrom: [],
        identityVerified: cmd.identityVerified,
        trackingCode: ctx.newTrackingCode(),
        ...(cmd.dueAt ? { dueAt: cmd.dueAt } : {}),
      };
      const quote = ctx.quote ?? quoteAtIssue(state, service.id, cmd.priority !== 'none', ctx.now, ctx.quoteBudget).quote;
      return ok([{ type: 'ticket.issued', at, ticket, quote, by }]);
    }
    case 'callNext': {
      const c = findCounter(state, cmd.counterId);
      if (!c.ok) return c;
      const ready = readyToCall(c.value, ctx.actor);
      if (!ready.ok) return ready;
      const next = pickNext(waitingTickets(state).values(), state.services, ctx.now, state.config.routing, callPointOf(c.value));
      return ok(next ? [{ type: 'ticket.called', at, ticketId: next.id, counterId: c.value.id, by, number: next.number, serviceId: next.serviceId }] : []);
    }
    case 'call': {
      const t = findTicket(state, cmd.ticketId);
      if (!t.ok) return t;
      const c = findCounter(state, cmd.counterId);
      if (!c.ok) return c;
      if (!canMove(t.value.status, 'call')) return illegal(t.value, 'call');
      const ready = readyToCall(c.value, ctx.actor);
      if (!ready.ok) return ready;
      // A ticket sent to one counter or clerk is theirs: no other counter calls it, not even by hand.
      if (t.value.status === 'waiting' && isTargeted(t.value) && !callableAt(t.value, callPointOf(c.value))) {
        return refuse('reserved', `ticket ${t.value.number} waits for ${t.value.targetCounterId !== undefined ? `counter ${state.counters.get(t.value.targetCounterId)?.number ?? t.value.targetCounterId}` : 'another clerk'}`);
      }
      return ok([{ type: 'ticket.called', at, ticketId: t.value.id, counterId: c.value.id, by, number: t.value.number, serviceId: t.value.serviceId }]);
    }
    case 'recall':
      return ticketMove(state, cmd, 'recall', ctx, (t, c) =>
        t.recalls >= state.config.recallLimit
          ? [{ type: 'ticket.no_show', at, ticketId: t.id, counterId: c.id, by }]
          : [{ type: 'ticket.recalled', at, ticketId: t.id, counterId: c.id, recalls: t.recalls + 1, by }]);
    case 'start':
      return ticketMove(state, cmd, 'start', ctx, (t, c) => [{ type: 'ticket.started', at, ticketId: t.id, counterId: c.id, by }]);
    case 'complete':
      return ticketMove(state, cmd, 'complete', ctx, (t, c) => [{
        type: 'ticket.completed', at, ticketId: t.id, counterId: c.id, by,
        ...(cmd.outcome !== undefined ? { outcome: cmd.outcome } : {}),
        ...(cmd.note !== undefined ? { note: cmd.note } : {}),
      }]);
    case 'noShow':
      return ticketMove(state, cmd, 'no_show', ctx, (t, c) => [{ type: 'ticket.no_show', at, ticketId: t.id, counterId: c.id, by }]);
    case 'park':
      return ticketMove(state, cmd, 'park', ctx, (t, c) => [{ type: 'ticket.parked', at, ticketId: t.id, counterId: c.id, by }]);
    case 'transfer':
      return transfer(state, cmd, ctx);
    case 'move': {
      const t = findTicket(state, cmd.ticketId);
      if (!t.ok) return t;
      if (!canMove(t.value.status, 'move')) return illegal(t.value, 'move');
      if (!supervises(ctx.actor)) return refuse('forbidden', 'only a supervisor moves a waiting ticket to another service');
      const to = state.services.get(cmd.serviceId);
      if (!to) return refuse('not_found', `no service ${cmd.serviceId}`);
      if (!to.active) return refuse('conflict', `service ${to.name.en} is not offered now`);
      if (t.value.serviceId === to.id && !isTargeted(t.value)) return refuse('conflict', `ticket ${t.value.number} is already in that service`);
      return ok([{ type: 'ticket.transferred', at, ticketId: t.value.id, fromServiceId: t.value.serviceId, toServiceId: to.id, by }]);
    }
    case 'cancel': {
      const t = findTicket(state, cmd.ticketId);
      if (!t.ok) return t;
      if (!canMove(t.value.status, 'cancel')) return illegal(t.value, 'cancel');
      if (ctx.actor.role === 'clerk') {
        // A clerk cancels only in the services of the counter they have open; a supervisor or admin any.
        const own = [...state.counters.values()].find((c) => c.clerkId === by && c.state !== 'closed');
        if (!own) return refuse('forbidden', `open your counter first: a clerk cancels tickets of the services it serves`);
        if (!own.serviceIds.includes(t.value.serviceId)) return refuse('forbidden', `ticket ${t.value.number} is not of a service counter ${own.number} serves`);
      }
      return ok([{ type: 'ticket.cancelled', at, ticketId: t.value.id, reason: `by ${ctx.actor.role}`, by }]);
    }
    case 'leave': {
      const t = findTicket(state, cmd.ticketId);
      if (!t.ok) return t;
      // Idempotent: a second tap, or a retry after a lost answer, finds it cancelled and changes nothing.
      if (t.value.status === 'cancelled') return ok([]);
      if (!canMove(t.value.status, 'cancel')) return refuse('already_called', `ticket ${t.value.number} was already called (it is ${t.value.status}): it can no longer leave the queue`);
      return ok([{ type: 'ticket.cancelled', at, ticketId: t.value.id, reason: 'left the queue (tracking page)', by }]);
    }
    case 'openCounter': {
      const c = findCounter(state, cmd.counterId);
      if (!c.ok) return c;
      // A supervisor may open a counter for a clerk (or end that clerk's break); a clerk opens it for themself.
      const forOther = cmd.clerkId !== undefined && cmd.clerkId !== by;
      if (forOther && !supervises(ctx.actor)) return refuse('forbidden', 'only a supervisor opens a counter for someone else');
      const clerk = cmd.clerkId ?? by;
      if (c.value.state !== 'closed' && c.value.clerkId && c.value.clerkId !== clerk && (ctx.actor.role === 'clerk' || forOther)) {
        return refuse('conflict', `counter ${c.value.number} is open by another clerk`);
      }
      const other = [...state.counters.values()].find((o) => o.id !== c.value.id && o.clerkId === clerk && o.state !== 'closed');
      if (other) return refuse('conflict', forOther ? `that clerk has counter ${other.number} open` : `you already have counter ${other.number} open: close it first`);
      if (c.value.state === 'open' && c.value.clerkId === clerk) return ok([]);
      return ok([{ type: 'counter.opened', at, counterId: c.value.id, clerkId: clerk, ...(forOther ? { by } : {}) }]);
    }
    case 'closeCounter':
    case 'break': {
      const c = findCounter(state, cmd.counterId);
      if (!c.ok) return c;
      if (!mayActAt(ctx.actor, c.value)) return refuse('forbidden', `counter ${c.value.number} is not yours`);
      if (c.value.ticketId) return refuse('illegal_transition', `counter ${c.value.number} still holds a ticket: finish, park or mark it no-show first`);
      if (cmd.type === 'break') {
        if (c.value.state !== 'open') return refuse('illegal_transition', `counter ${c.value.number} is ${c.value.state}`);
        return ok([{ type: 'counter.break', at, counterId: c.value.id, by }]);
      }
      if (c.value.state === 'closed') return ok([]);
      return ok([{ type: 'counter.closed', at, counterId: c.value.id, by }]);
    }
    case 'configure': {
      if (!isValidTimeZone(cmd.settings.timeZone)) return refuse('invalid_input', `unknown time zone ${cmd.settings.timeZone}`);
      return ok([{ type: 'hall.configured', at, settings: cmd.settings, by }]);
    }
    case 'saveService': {
      const clash = [...state.services.values()].find((s) => s.prefix === cmd.service.prefix && s.id !== cmd.service.id);
      if (clash) return refuse('conflict', `prefix ${cmd.service.prefix} is already used by ${clash.name.en}`);
      return ok([{ type: 'service.saved', at, service: cmd.service }]);
    }
    case 'saveCounter': {
      const unknown = cmd.counter.serviceIds.find((id) => !state.services.has(id));
      if (unknown) return refuse('invalid_input', `no service ${unknown}`);
      const clash = [...state.counters.values()].find((c) => c.number === cmd.counter.number && c.id !== cmd.counter.id);
      if (clash) return refuse('conflict', `counter number ${cmd.counter.number} is already used`);
      return ok([{ type: 'counter.saved', at, counter: cmd.counter }]);
    }
    case 'rate': {
      const t = findTicket(state, cmd.ticketId);
      if (!t.ok) return t;
      if (t.value.status !== 'done') return refuse('illegal_transition', `ticket ${t.value.number} can be rated once it is done`);
      if (t.value.rating !== undefined) return refuse('conflict', `ticket ${t.value.number} is already rated`);
      return ok([{ type: 'ticket.rated', at, ticketId: t.value.id, rating: cmd.rating, ...(cmd.reason ? { reason: cmd.reason } : {}) }]);
    }
    case 'deviceHealth': {
      const key = `${cmd.deviceId}:${cmd.device}`;
      if (state.devices.get(key)?.state === cmd.state) return ok([]);
      return ok([{ type: 'device.health', at, deviceId: cmd.deviceId, device: cmd.device, state: cmd.state, ...(cmd.detail ? { detail: cmd.detail } : {}) }]);
    }
  }
}

/**
 * Transfer the ticket being served: to another service, to one counter or to one clerk (wherever
 * they are signed in), with a note for the next clerk. It waits again from its original issue time.
 */
function transfer(state: HallState, cmd: Extract<Command, { type: 'transfer' }>, ctx: DecideContext): Events {
  const at = new Date(ctx.now).toISOString();
  if (cmd.serviceId === undefined && cmd.counterId === undefined && cmd.clerkId === undefined) return refuse('invalid_input', 'transfer to a service, a counter or a clerk');
  if (cmd.counterId !== undefined && cmd.clerkId !== undefined) return refuse('invalid_input', 'transfer to a counter or to a clerk, not both');
  const t = findTicket(state, cmd.ticketId);
  if (!t.ok) return t;
  if (!canMove(t.value.status, 'transfer')) return illegal(t.value, 'transfer');
  const here = heldAt(state, t.value, ctx.actor);
  if (!here.ok) return here;
  const to = cmd.serviceId === undefined ? state.services.get(t.value.serviceId) : state.services.get(cmd.serviceId);
  if (!to) return refuse('not_found', `no service ${cmd.serviceId}`);
  if (cmd.serviceId !== undefined && !to.active) return refuse('conflict', `service ${to.name.en} is not offered now`);
  if (cmd.counterId === undefined && cmd.clerkId === undefined && t.value.serviceId === to.id) return refuse('conflict', `ticket ${t.value.number} is already in that service`);
  if (cmd.counterId !== undefined) {
    const c = state.counters.get(cmd.counterId);
    if (!c) return refuse('not_found', `no counter ${cmd.counterId}`);
    if (c.state === 'closed') return refuse('counter_closed', `counter ${c.number} is closed`);
    if (c.id === here.value.id) return refuse('conflict', `ticket ${t.value.number} is at counter ${c.number} already`);
  }
  if (cmd.clerkId !== undefined) {
    const c = counterOfClerk(state, cmd.clerkId);
    if (!c) return refuse('clerk_absent', 'that clerk is not signed in at a counter');
    if (c.id === here.value.id) return refuse('conflict', `ticket ${t.value.number} is with that clerk already`);
  }
  return ok([{
    type: 'ticket.transferred', at, ticketId: t.value.id, fromServiceId: t.value.serviceId, toServiceId: to.id, counterId: here.value.id, by: ctx.actor.id,
    ...(cmd.counterId !== undefined ? { toCounterId: cmd.counterId } : {}),
    ...(cmd.clerkId !== undefined ? { toClerkId: cmd.clerkId } : {}),
    ...(cmd.note !== undefined && cmd.note.trim() !== '' ? { note: cmd.note } : {}),
  }]);
}

/** The event that opens a new business day, when `now` is past the state's day. */
export function dayRollover(state: HallState, now: number): DomainEvent[] {
  const day = businessDay(now, state.branch.timeZone);
  // Only forward: a clock set back across midnight (NTP) must not reopen yesterday and reuse its numbers.
  return day > state.day ? [{ type: 'day.opened', at: new Date(now).toISOString(), day }] : [];
}

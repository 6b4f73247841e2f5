// Random command sequences by random actors: the state machine holds whatever happens.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Actor, Command } from '../../../shared/domain/commands.ts';
import type { HallState, TicketRecord } from '../../../shared/domain/hall-state.ts';
import { TERMINAL } from '../../../shared/domain/ticket-states.ts';
import { waitingTickets } from '../../../shared/domain/waiting.ts';
import { TicketStatus } from '../../../shared/protocol/entities.ts';
import { MIN, PROPERTY_TIMEOUT, SERVICES, T0, clerk1, clerk2, clerk3, exec, newHall, snapshot, supervisor } from './support.ts';

/** Allowed status changes (brief §5); `called → called` is a recall. */
const EDGES = new Set(['waiting>called', 'parked>called', 'called>called', 'called>serving', 'serving>done', 'called>no_show',
  'serving>waiting', 'called>parked', 'serving>parked', 'waiting>cancelled']);

const STATUSES = new Set<string>(TicketStatus.options);
const KINDS = ['issue', 'callNext', 'call', 'recall', 'start', 'complete', 'noShow', 'transfer', 'park', 'cancel', 'openCounter', 'closeCounter', 'break'] as const;
const ACTORS: Actor[] = [clerk1, clerk2, clerk3, supervisor];
const COUNTER_IDS = ['c1', 'c2', 'c3'];

const step = fc.record({
  kind: fc.constantFrom(...KINDS),
  actor: fc.nat(ACTORS.length - 1),
  /** true: act as the clerk who owns the counter in question (when there is one) instead. */
  owner: fc.boolean(),
  /** Index into the tickets, those at a counter first, then parked ones: 0 is the likeliest. */
  ticket: fc.oneof({ arbitrary: fc.constant(0), weight: 2 }, { arbitrary: fc.nat(3), weight: 2 }, { arbitrary: fc.nat(30), weight: 1 }),
  counter: fc.nat(COUNTER_IDS.length - 1),
  service: fc.nat(SERVICES.length - 1),
  priority: fc.boolean(),
  dt: fc.integer({ min: 0, max: 3 * MIN }),
});
type Step = typeof step extends fc.Arbitrary<infer T> ? T : never;

function toCommand(state: HallState, s: Step): { cmd: Command; actor: Actor } {
  const rankOf = (x: TicketRecord) => (x.status === 'called' || x.status === 'serving' ? 0 : x.status === 'parked' ? 1 : x.status === 'waiting' ? 2 : 3);
  const tickets = [...state.tickets.values()].sort((a, b) => rankOf(a) - rankOf(b) || a.ordinal - b.ordinal);
  const t = tickets.length ? tickets[s.ticket % tickets.length]! : undefined;
  const ticketId = t?.id ?? 'none';
  const counterId = COUNTER_IDS[s.counter]!;
  const serviceId = SERVICES[s.service]!.id;
  let actor = ACTORS[s.actor]!;
  const heldBy = t?.counterId ? state.counters.get(t.counterId)?.clerkId : state.counters.get(counterId)?.clerkId;
  if (s.owner && heldBy) actor = ACTORS.find((a) => a.id === heldBy) ?? actor;
  const cmd: Command = (() => {
    switch (s.kind) {
      case 'issue': return { type: 'issue', serviceId, lang: 'en', priority: s.priority ? 'elderly' : 'none', identityVerified: false };
      case 'callNext': case 'openCounter': case 'closeCounter': case 'break': return { type: s.kind, counterId };
      case 'call': return { type: 'call', ticketId, counterId };
      case 'transfer': return { type: 'transfer', ticketId, serviceId };
      default: return { type: s.kind, ticketId };
    }
  })();
  return { cmd, actor };
}

/** A plain assertion: `expect` in the innermost loop would dominate the run time. */
function check(cond: boolean, message: string): void {
  if (!cond) throw new Error(message);
}

function checkInvariants(state: HallState): void {
  const held = new Map<string, string>();
  for (const t of state.tickets.values()) {
    check(STATUSES.has(t.status), `unknown status ${t.status}`);
    if (t.status !== 'called' && t.status !== 'serving') continue;
    check(t.counterId !== undefined, `${t.id} is ${t.status} without a counter`);
    check(!held.has(t.counterId!), `counter ${t.counterId} holds two tickets`);
    held.set(t.counterId!, t.id);
  }
  for (const c of state.counters.values()) {
    check(c.ticketId === held.get(c.id), `counter ${c.id} says it holds ${c.ticketId}, tickets say ${held.get(c.id)}`);
    if (c.ticketId) check(c.state === 'open', `counter ${c.id} holds a ticket while ${c.state}`);
  }
  // The waiting tickets the quotes read (fold.ts keeps them as events are applied) are the waiting ones.
  const waiting = [...state.tickets.values()].filter((t) => t.status === 'waiting').map((t) => t.id).sort();
  const kept = [...waitingTickets(state).keys()].sort();
  check(JSON.stringify(kept) === JSON.stringify(waiting), `waiting index ${kept.join(',')} but waiting tickets ${waiting.join(',')}`);
}

describe('state machine under random commands', () => {
  it('reaches only legal statuses, holds one ticket per counter, ignores refusals and freezes terminal tickets', () => {
    const seen = new Map<string, number>();
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 120, size: 'max' }), (steps) => {
        const state = newHall();
        let now = T0;
        for (const s of steps) {
          now += s.dt;
          const { cmd, actor } = toCommand(state, s);
          const before = snapshot(state);
          const old = structuredClone(state.tickets) as Map<string, TicketRecord>;
          const d = exec(state, cmd, actor, now);
          if (!d.ok) {
            check(snapshot(state) === before, `${cmd.type} refused (${d.error.code}) but changed the state`);
            seen.set(`refused:${d.error.code}`, (seen.get(`refused:${d.error.code}`) ?? 0) + 1);
            continue;
          }
          for (const e of d.value) seen.set(e.type, (seen.get(e.type) ?? 0) + 1);
          for (const [id, after] of state.tickets) {
            const prev = old.get(id);
            if (!prev) {
              check(after.status === 'waiting', `new ticket ${id} is ${after.status}`);
              continue;
            }
            if (TERMINAL.includes(prev.status)) check(JSON.stringify(after) === JSON.stringify(prev), `terminal ticket ${id} changed`);
            else if (prev.status !== after.status) check(EDGES.has(`${prev.status}>${after.status}`), `illegal move ${prev.status} → ${after.status}`);
            if (prev.status === 'serving' && after.status === 'waiting') check(after.serviceId !== prev.serviceId, 'transfer kept the service');
          }
          checkInvariants(state);
        }
      }),
      { numRuns: 200 },
    );
    // The property is only worth something if the runs exercised every move and every refusal kind.
    for (const type of ['ticket.issued', 'ticket.called', 'ticket.recalled', 'ticket.started', 'ticket.completed', 'ticket.no_show',
      'ticket.transferred', 'ticket.parked', 'ticket.cancelled', 'counter.opened', 'counter.closed', 'counter.break',
      'refused:illegal_transition', 'refused:forbidden', 'refused:conflict']) {
      expect(seen.get(type) ?? 0, type).toBeGreaterThan(0);
    }
  }, PROPERTY_TIMEOUT);
});

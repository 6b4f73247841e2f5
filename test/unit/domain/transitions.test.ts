// Every (status, action) pair of the ticket state machine (brief §5): legal moves change the status
// as the brief says, every other move is refused with illegal_transition and changes nothing.
import { describe, expect, it } from 'vitest';
import type { Command } from '../../../shared/domain/commands.ts';
import type { HallState } from '../../../shared/domain/hall-state.ts';
import { TERMINAL, allowedActions, canMove, type TicketAction } from '../../../shared/domain/ticket-states.ts';
import { TicketStatus } from '../../../shared/protocol/entities.ts';
import { MIN, T0, clerk1, exec, issue, must, newHall, snapshot, supervisor, ticketOf } from './support.ts';

type Status = TicketStatus;
const ACTIONS: TicketAction[] = ['call', 'recall', 'start', 'complete', 'no_show', 'transfer', 'park', 'cancel', 'move'];

/** The brief's table, written out independently of ticket-states.ts. */
const LEGAL: Partial<Record<Status, Partial<Record<TicketAction, Status>>>> = {
  waiting: { call: 'called', cancel: 'cancelled', move: 'waiting' },
  called: { recall: 'called', start: 'serving', no_show: 'no_show', park: 'parked' },
  serving: { complete: 'done', transfer: 'waiting', park: 'parked' },
  parked: { call: 'called' },
};

/** A hall with counter c1 opened by clerk1 and one civil ticket brought into `status`. */
function ticketIn(status: Status): { state: HallState; id: string; now: number } {
  const state = newHall();
  let now = T0;
  must(state, { type: 'openCounter', counterId: 'c1' }, clerk1, now);
  const id = issue(state, 'civil', now).id;
  const step = (cmd: Command) => must(state, cmd, clerk1, (now += MIN));
  const paths: Record<Status, Command[]> = {
    waiting: [],
    cancelled: [{ type: 'cancel', ticketId: id }],
    called: [{ type: 'callNext', counterId: 'c1' }],
    serving: [{ type: 'callNext', counterId: 'c1' }, { type: 'start', ticketId: id }],
    parked: [{ type: 'callNext', counterId: 'c1' }, { type: 'park', ticketId: id }],
    done: [{ type: 'callNext', counterId: 'c1' }, { type: 'start', ticketId: id }, { type: 'complete', ticketId: id }],
    no_show: [{ type: 'callNext', counterId: 'c1' }, { type: 'noShow', ticketId: id }],
  };
  for (const cmd of paths[status]) step(cmd);
  expect(ticketOf(state, id).status).toBe(status);
  return { state, id, now: now + MIN };
}

function command(action: TicketAction, ticketId: string): Command {
  switch (action) {
    case 'call': return { type: 'call', ticketId, counterId: 'c1' };
    case 'recall': return { type: 'recall', ticketId };
    case 'start': return { type: 'start', ticketId };
    case 'complete': return { type: 'complete', ticketId, outcome: 'ok' };
    case 'no_show': return { type: 'noShow', ticketId };
    case 'transfer': return { type: 'transfer', ticketId, serviceId: 'permits' };
    case 'park': return { type: 'park', ticketId };
    case 'cancel': return { type: 'cancel', ticketId };
    case 'move': return { type: 'move', ticketId, serviceId: 'permits' };
  }
}

const pairs = TicketStatus.options.flatMap((status) => ACTIONS.map((action) => ({ status, action, to: LEGAL[status]?.[action] })));
const legalPairs = pairs.filter((p) => p.to !== undefined);
const illegalPairs = pairs.filter((p) => p.to === undefined);

describe('ticket state machine', () => {
  it('covers all 63 (status, action) pairs, 11 of them legal', () => {
    expect(pairs).toHaveLength(63);
    expect(legalPairs).toHaveLength(11);
  });

  it.each(legalPairs)('$status + $action moves the ticket to $to', ({ status, action, to }) => {
    const { state, id, now } = ticketIn(status);
    const d = exec(state, command(action, id), action === 'move' ? supervisor : clerk1, now);
    expect(d.ok).toBe(true);
    expect(ticketOf(state, id).status).toBe(to);
  });

  it.each(illegalPairs)('$status + $action is refused as illegal_transition and changes nothing', ({ status, action }) => {
    const { state, id, now } = ticketIn(status);
    const before = snapshot(state);
    const d = exec(state, command(action, id), action === 'move' ? supervisor : clerk1, now);
    expect(d.ok).toBe(false);
    if (!d.ok) expect(d.error.code).toBe('illegal_transition');
    expect(snapshot(state)).toBe(before);
  });

  it('ticket-states.ts agrees with the brief table for every pair', () => {
    for (const { status, action, to } of pairs) expect(canMove(status, action), `${status} + ${action}`).toBe(to !== undefined);
  });

  it('terminal statuses allow no action at all', () => {
    expect(TERMINAL).toEqual(expect.arrayContaining(['done', 'no_show', 'cancelled']));
    for (const s of TERMINAL) expect(allowedActions(s)).toEqual([]);
  });

  it('a recall keeps the ticket called and counts the recall', () => {
    const { state, id, now } = ticketIn('called');
    must(state, { type: 'recall', ticketId: id }, clerk1, now);
    expect(ticketOf(state, id)).toMatchObject({ status: 'called', recalls: 1, counterId: 'c1' });
  });

  it('a refused command on an unknown ticket is not_found and changes nothing', () => {
    const { state, now } = ticketIn('waiting');
    const before = snapshot(state);
    const d = exec(state, { type: 'start', ticketId: 'nope' }, clerk1, now);
    expect(d.ok ? 'accepted' : d.error.code).toBe('not_found');
    expect(snapshot(state)).toBe(before);
  });
});

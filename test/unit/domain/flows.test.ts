// Transfer, park and recall (brief §5), and who may act at which counter.
import { describe, expect, it } from 'vitest';
import type { Actor, Command } from '../../../shared/domain/commands.ts';
import { callOrder } from '../../../shared/domain/routing.ts';
import type { HallState } from '../../../shared/domain/hall-state.ts';
import { MIN, T0, admin, clerk1, clerk2, counterOf, exec, issue, must, newHall, snapshot, supervisor, ticketOf } from './support.ts';

/** c1 opened by clerk1, c2 by clerk2. */
function twoCounters(config?: { recallLimit: number }): HallState {
  const state = newHall(config ? { config } : {});
  must(state, { type: 'openCounter', counterId: 'c1' }, clerk1, T0);
  must(state, { type: 'openCounter', counterId: 'c2' }, clerk2, T0);
  return state;
}

function refused(state: HallState, cmd: Command, actor: Actor, now: number): string {
  const before = snapshot(state);
  const d = exec(state, cmd, actor, now);
  expect(snapshot(state), `${cmd.type} was refused but changed the state`).toBe(before);
  return d.ok ? 'accepted' : d.error.code;
}

describe('transfer', () => {
  it('puts the ticket back as waiting in the new service, keeping its original issue time', () => {
    const state = twoCounters();
    const t = issue(state, 'civil', T0);
    const issuedAt = t.issuedAt;
    must(state, { type: 'call', ticketId: t.id, counterId: 'c1' }, clerk1, T0 + 5 * MIN);
    must(state, { type: 'start', ticketId: t.id }, clerk1, T0 + 6 * MIN);
    const [e] = must(state, { type: 'transfer', ticketId: t.id, serviceId: 'payments' }, clerk1, T0 + 9 * MIN);
    expect(e).toMatchObject({ type: 'ticket.transferred', fromServiceId: 'civil', toServiceId: 'payments', counterId: 'c1' });
    expect(ticketOf(state, t.id)).toMatchObject({ status: 'waiting', serviceId: 'payments', transferredFrom: ['civil'], waitingSince: T0, issuedAt, recalls: 0 });
    expect(ticketOf(state, t.id).counterId).toBeUndefined();
    expect(counterOf(state, 'c1').ticketId).toBeUndefined();
    expect(callOrder(state.tickets.values(), state.services, T0 + 9 * MIN, state.config.routing, new Set(['payments'])).map((x) => x.id)).toEqual([t.id]);
  });

  it('places the ticket by its original issue time in the new queue', () => {
    const state = twoCounters();
    const t = issue(state, 'civil', T0);
    must(state, { type: 'callNext', counterId: 'c1' }, clerk1, T0 + MIN);
    must(state, { type: 'start', ticketId: t.id }, clerk1, T0 + MIN);
    const newer = issue(state, 'permits', T0 + 2 * MIN);
    must(state, { type: 'transfer', ticketId: t.id, serviceId: 'permits' }, clerk1, T0 + 3 * MIN);
    const [e] = must(state, { type: 'callNext', counterId: 'c2' }, clerk2, T0 + 3 * MIN);
    expect(e).toMatchObject({ type: 'ticket.called', ticketId: t.id });
    expect(ticketOf(state, newer.id).status).toBe('waiting');
  });

  it('refuses a transfer to the same service or to an unknown one', () => {
    const state = twoCounters();
    const t = issue(state, 'civil', T0);
    must(state, { type: 'callNext', counterId: 'c1' }, clerk1, T0);
    must(state, { type: 'start', ticketId: t.id }, clerk1, T0);
    expect(refused(state, { type: 'transfer', ticketId: t.id, serviceId: 'civil' }, clerk1, T0)).toBe('conflict');
    expect(refused(state, { type: 'transfer', ticketId: t.id, serviceId: 'nope' }, clerk1, T0)).toBe('not_found');
  });
});

describe('park', () => {
  it('frees the counter, and a later call brings the ticket back to a counter', () => {
    const state = twoCounters();
    const t = issue(state, 'civil', T0);
    const other = issue(state, 'civil', T0 + MIN);
    must(state, { type: 'callNext', counterId: 'c1' }, clerk1, T0 + 2 * MIN);
    must(state, { type: 'start', ticketId: t.id }, clerk1, T0 + 3 * MIN);
    must(state, { type: 'park', ticketId: t.id }, clerk1, T0 + 4 * MIN);
    expect(ticketOf(state, t.id).status).toBe('parked');
    expect(counterOf(state, 'c1').ticketId).toBeUndefined();
    // call-next skips the parked ticket
    expect(must(state, { type: 'callNext', counterId: 'c1' }, clerk1, T0 + 5 * MIN)).toMatchObject([{ ticketId: other.id }]);
    must(state, { type: 'call', ticketId: t.id, counterId: 'c2' }, clerk2, T0 + 6 * MIN);
    expect(ticketOf(state, t.id)).toMatchObject({ status: 'called', counterId: 'c2' });
    expect(counterOf(state, 'c2').ticketId).toBe(t.id);
  });

  it('does not count the call back from parked as a second wait sample', () => {
    const state = twoCounters();
    const t = issue(state, 'civil', T0);
    must(state, { type: 'callNext', counterId: 'c1' }, clerk1, T0 + MIN);
    must(state, { type: 'park', ticketId: t.id }, clerk1, T0 + 2 * MIN);
    must(state, { type: 'call', ticketId: t.id, counterId: 'c1' }, clerk1, T0 + 30 * MIN);
    expect(state.tally.get('civil')).toMatchObject({ waitCount: 1, waitSumMs: MIN, withinTarget: 1 });
  });
});

describe('recall', () => {
  it('counts up to recallLimit, and one recall more marks the ticket a no-show', () => {
    const state = twoCounters();
    const t = issue(state, 'civil', T0);
    must(state, { type: 'callNext', counterId: 'c1' }, clerk1, T0);
    for (let k = 1; k <= state.config.recallLimit; k++) {
      const [e] = must(state, { type: 'recall', ticketId: t.id }, clerk1, T0 + k * MIN);
      expect(e).toMatchObject({ type: 'ticket.recalled', recalls: k });
      expect(ticketOf(state, t.id).status).toBe('called');
    }
    const [e] = must(state, { type: 'recall', ticketId: t.id }, clerk1, T0 + 10 * MIN);
    expect(e?.type).toBe('ticket.no_show');
    expect(ticketOf(state, t.id).status).toBe('no_show');
    expect(counterOf(state, 'c1').ticketId).toBeUndefined();
    expect(state.tally.get('civil')?.noShows).toBe(1);
  });

  it('follows a configured recallLimit', () => {
    const state = twoCounters({ recallLimit: 1 });
    const t = issue(state, 'civil', T0);
    must(state, { type: 'callNext', counterId: 'c1' }, clerk1, T0);
    must(state, { type: 'recall', ticketId: t.id }, clerk1, T0 + MIN);
    must(state, { type: 'recall', ticketId: t.id }, clerk1, T0 + 2 * MIN);
    expect(ticketOf(state, t.id).status).toBe('no_show');
  });
});

describe('counter rules', () => {
  it('only the clerk who opened a counter may call there or act on its ticket; a supervisor or admin may', () => {
    const state = twoCounters();
    const t = issue(state, 'civil', T0);
    expect(refused(state, { type: 'callNext', counterId: 'c1' }, clerk2, T0)).toBe('forbidden');
    expect(refused(state, { type: 'call', ticketId: t.id, counterId: 'c1' }, clerk2, T0)).toBe('forbidden');
    must(state, { type: 'callNext', counterId: 'c1' }, clerk1, T0);
    for (const cmd of [{ type: 'recall', ticketId: t.id }, { type: 'start', ticketId: t.id }, { type: 'noShow', ticketId: t.id },
      { type: 'park', ticketId: t.id }] as const) {
      expect(refused(state, cmd, clerk2, T0), cmd.type).toBe('forbidden');
    }
    expect(refused(state, { type: 'closeCounter', counterId: 'c1' }, clerk2, T0)).toBe('forbidden');
    must(state, { type: 'start', ticketId: t.id }, supervisor, T0 + MIN);
    expect(refused(state, { type: 'complete', ticketId: t.id }, clerk2, T0)).toBe('forbidden');
    must(state, { type: 'complete', ticketId: t.id }, admin, T0 + 2 * MIN);
    expect(ticketOf(state, t.id).status).toBe('done');
  });

  it('call-next on a closed or resting counter, or one still holding a ticket, is an illegal transition', () => {
    const state = newHall();
    issue(state, 'civil', T0);
    issue(state, 'civil', T0);
    expect(refused(state, { type: 'callNext', counterId: 'c1' }, supervisor, T0)).toBe('illegal_transition');
    must(state, { type: 'openCounter', counterId: 'c1' }, clerk1, T0);
    must(state, { type: 'break', counterId: 'c1' }, clerk1, T0);
    expect(refused(state, { type: 'callNext', counterId: 'c1' }, clerk1, T0)).toBe('illegal_transition');
    must(state, { type: 'openCounter', counterId: 'c1' }, clerk1, T0);
    must(state, { type: 'callNext', counterId: 'c1' }, clerk1, T0);
    expect(refused(state, { type: 'callNext', counterId: 'c1' }, clerk1, T0)).toBe('illegal_transition');
    expect(refused(state, { type: 'break', counterId: 'c1' }, clerk1, T0)).toBe('illegal_transition');
    expect(refused(state, { type: 'closeCounter', counterId: 'c1' }, clerk1, T0)).toBe('illegal_transition');
  });

  it('a clerk cannot open a second counter, nor one another clerk has open', () => {
    const state = newHall();
    must(state, { type: 'openCounter', counterId: 'c1' }, clerk1, T0);
    expect(refused(state, { type: 'openCounter', counterId: 'c2' }, clerk1, T0)).toBe('conflict');
    expect(refused(state, { type: 'openCounter', counterId: 'c1' }, clerk2, T0)).toBe('conflict');
    must(state, { type: 'break', counterId: 'c1' }, clerk1, T0);
    expect(refused(state, { type: 'openCounter', counterId: 'c2' }, clerk1, T0)).toBe('conflict');
    must(state, { type: 'closeCounter', counterId: 'c1' }, clerk1, T0);
    must(state, { type: 'openCounter', counterId: 'c2' }, clerk1, T0);
    expect(counterOf(state, 'c2')).toMatchObject({ state: 'open', clerkId: 'clerk1' });
    expect(counterOf(state, 'c1')).toMatchObject({ state: 'closed' });
  });
});

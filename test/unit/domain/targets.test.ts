// Transfers to one counter or one clerk (routing.ts `callableAt`, targets.ts), the supervisor's
// move of a waiting ticket, opening a counter for a clerk, and each clerk's day: a reserved ticket
// is called only where it was sent, counted only there (positions, expected wait), and the events
// stay readable from logs written before these fields existed.
import { describe, expect, it } from 'vitest';
import { audienceOf, publicTicket } from '../../../shared/domain/audience.ts';
import { placementOf, placements } from '../../../shared/domain/eta.ts';
import type { HallState } from '../../../shared/domain/hall-state.ts';
import { apply } from '../../../shared/domain/fold.ts';
import { clerkDays, toTicket } from '../../../shared/domain/views.ts';
import { mergePersonal, splitPersonal } from '../../../shared/privacy/personal.ts';
import { DomainEvent } from '../../../shared/protocol/events.ts';
import { MIN, T0, clerk1, clerk2, clerk3, exec, issue, must, newHall, snapshot, supervisor, ticketOf } from './support.ts';

/** c1 (all services) clerk1, c2 (civil, permits) clerk2, c3 (payments) clerk3, all open. */
function openHall(): HallState {
  const state = newHall();
  must(state, { type: 'openCounter', counterId: 'c1' }, clerk1, T0);
  must(state, { type: 'openCounter', counterId: 'c2' }, clerk2, T0);
  must(state, { type: 'openCounter', counterId: 'c3' }, clerk3, T0);
  return state;
}

/** A civil ticket issued at T0, called and being served at c1 by clerk1 at `at`. */
function servedAtC1(state: HallState, at = T0 + MIN) {
  const t = issue(state, 'civil', T0);
  must(state, { type: 'call', ticketId: t.id, counterId: 'c1' }, clerk1, at);
  must(state, { type: 'start', ticketId: t.id }, clerk1, at);
  return t;
}

const refusal = (state: HallState, ...args: Parameters<typeof exec> extends [HallState, ...infer R] ? R : never) => {
  const before = snapshot(state);
  const d = exec(state, ...args);
  expect(snapshot(state), 'a refusal changes nothing').toBe(before);
  return d.ok ? 'accepted' : d.error.code;
};

describe('transfer to a counter', () => {
  it('reserves the ticket for that counter only: the counter serving its service skips it, the one it was sent to calls it first', () => {
    const state = openHall();
    const t = servedAtC1(state);
    const later = issue(state, 'civil', T0 + 2 * MIN);
    const pay = issue(state, 'payments', T0 + 2 * MIN);
    const [e] = must(state, { type: 'transfer', ticketId: t.id, counterId: 'c3', note: 'needs the fee receipt' }, clerk1, T0 + 3 * MIN);
    expect(e).toMatchObject({ type: 'ticket.transferred', fromServiceId: 'civil', toServiceId: 'civil', counterId: 'c1', toCounterId: 'c3', note: 'needs the fee receipt', by: 'clerk1' });
    expect(ticketOf(state, t.id)).toMatchObject({ status: 'waiting', serviceId: 'civil', targetCounterId: 'c3', transferNote: 'needs the fee receipt', transferredFrom: [], waitingSince: T0 });
    // c2 serves civil, but the ticket is not its to call: it takes the later civil ticket.
    const [c2] = must(state, { type: 'callNext', counterId: 'c2' }, clerk2, T0 + 4 * MIN);
    expect(c2).toMatchObject({ ticketId: later.id });
    // Not even by hand.
    must(state, { type: 'noShow', ticketId: later.id }, clerk2, T0 + 4 * MIN);
    expect(refusal(state, { type: 'call', ticketId: t.id, counterId: 'c2' }, clerk2, T0 + 5 * MIN)).toBe('reserved');
    // c3 serves payments only, yet calls it — before the payments ticket issued after it.
    const [c3] = must(state, { type: 'callNext', counterId: 'c3' }, clerk3, T0 + 5 * MIN);
    expect(c3).toMatchObject({ ticketId: t.id, counterId: 'c3' });
    expect(ticketOf(state, t.id).targetCounterId).toBeUndefined();
    expect(ticketOf(state, t.id).transferNote).toBe('needs the fee receipt');
    expect(ticketOf(state, pay.id).status).toBe('waiting');
  });

  it('keeps the ticket waiting while its counter is closed, and nobody else calls it', () => {
    const state = openHall();
    const t = servedAtC1(state);
    must(state, { type: 'transfer', ticketId: t.id, counterId: 'c2' }, clerk1, T0 + 2 * MIN);
    must(state, { type: 'closeCounter', counterId: 'c2' }, clerk2, T0 + 3 * MIN);
    expect(must(state, { type: 'callNext', counterId: 'c1' }, clerk1, T0 + 4 * MIN)).toEqual([]);
    must(state, { type: 'openCounter', counterId: 'c2' }, clerk2, T0 + 5 * MIN);
    expect(must(state, { type: 'callNext', counterId: 'c2' }, clerk2, T0 + 6 * MIN)[0]).toMatchObject({ ticketId: t.id });
  });

  it('is refused, changing nothing, to a closed, unknown or the same counter, to both a counter and a clerk, or to nowhere', () => {
    const state = openHall();
    const t = servedAtC1(state);
    must(state, { type: 'closeCounter', counterId: 'c3' }, clerk3, T0 + MIN);
    const at = T0 + 2 * MIN;
    expect(refusal(state, { type: 'transfer', ticketId: t.id, counterId: 'c3' }, clerk1, at)).toBe('counter_closed');
    expect(refusal(state, { type: 'transfer', ticketId: t.id, counterId: 'c9' }, clerk1, at)).toBe('not_found');
    expect(refusal(state, { type: 'transfer', ticketId: t.id, counterId: 'c1' }, clerk1, at)).toBe('conflict');
    expect(refusal(state, { type: 'transfer', ticketId: t.id, counterId: 'c2', clerkId: 'clerk2' }, clerk1, at)).toBe('invalid_input');
    expect(refusal(state, { type: 'transfer', ticketId: t.id }, clerk1, at)).toBe('invalid_input');
    expect(refusal(state, { type: 'transfer', ticketId: t.id, counterId: 'c2' }, clerk2, at)).toBe('forbidden');
  });
});

describe('transfer to a clerk', () => {
  it('waits for the counter that clerk is signed in at, and follows them to another counter', () => {
    const state = openHall();
    const t = servedAtC1(state);
    must(state, { type: 'transfer', ticketId: t.id, clerkId: 'clerk3' }, clerk1, T0 + 2 * MIN);
    expect(ticketOf(state, t.id)).toMatchObject({ targetClerkId: 'clerk3' });
    expect(must(state, { type: 'callNext', counterId: 'c2' }, clerk2, T0 + 3 * MIN)).toEqual([]);
    // clerk3 moves from c3 to c2 (clerk2 leaves): the ticket goes with them.
    must(state, { type: 'closeCounter', counterId: 'c2' }, clerk2, T0 + 4 * MIN);
    must(state, { type: 'closeCounter', counterId: 'c3' }, clerk3, T0 + 4 * MIN);
    must(state, { type: 'openCounter', counterId: 'c2' }, clerk3, T0 + 5 * MIN);
    expect(must(state, { type: 'callNext', counterId: 'c2' }, clerk3, T0 + 6 * MIN)[0]).toMatchObject({ ticketId: t.id, counterId: 'c2' });
  });

  it('is refused for a clerk not signed in at a counter, or for yourself', () => {
    const state = openHall();
    const t = servedAtC1(state);
    expect(refusal(state, { type: 'transfer', ticketId: t.id, clerkId: 'clerk9' }, clerk1, T0 + 2 * MIN)).toBe('clerk_absent');
    expect(refusal(state, { type: 'transfer', ticketId: t.id, clerkId: 'clerk1' }, clerk1, T0 + 2 * MIN)).toBe('conflict');
  });
});

describe('positions and the expected wait of a reserved ticket', () => {
  it('counts it only where it can be called', () => {
    const state = openHall();
    // c2 is busy with a permits ticket; c3 (payments only) is free.
    const busy = issue(state, 'permits', T0);
    must(state, { type: 'call', ticketId: busy.id, counterId: 'c2' }, clerk2, T0 + MIN);
    const t = servedAtC1(state, T0 + MIN);
    const civil = issue(state, 'civil', T0 + 2 * MIN);
    must(state, { type: 'transfer', ticketId: t.id, counterId: 'c3' }, clerk1, T0 + 3 * MIN);
    // c1 is free again and will call the other civil ticket; the reserved one is first at c3.
    const now = T0 + 3 * MIN;
    const placed = placements(state, now);
    expect(placed.get(t.id)?.position).toBe(1);
    expect(placed.get(civil.id)?.position).toBe(1);
    expect(placementOf(state, ticketOf(state, civil.id), now).position).toBe(1);
    // c3 is idle: the reserved ticket is called now.
    expect(placed.get(t.id)?.expectedWait).toEqual({ minMinutes: 0, maxMinutes: 0 });
  });

  it('puts a ticket sent to a busy counter behind nobody it cannot be called before', () => {
    const state = openHall();
    const t = servedAtC1(state);
    const pay1 = issue(state, 'payments', T0 + 2 * MIN);
    must(state, { type: 'transfer', ticketId: t.id, counterId: 'c3' }, clerk1, T0 + 3 * MIN);
    const placed = placements(state, T0 + 3 * MIN);
    // At c3 the reserved ticket (waiting since T0) goes before the payments ticket.
    expect(placed.get(t.id)?.position).toBe(1);
    expect(placed.get(pay1.id)?.position).toBe(2);
  });
});

describe('privacy of the transfer note', () => {
  it('keeps the note in the personal part of the event and off every device', () => {
    const state = openHall();
    const t = servedAtC1(state);
    const [e] = must(state, { type: 'transfer', ticketId: t.id, counterId: 'c2', note: 'مراجعة المخطط' }, clerk1, T0 + 2 * MIN);
    const parts = splitPersonal(e!);
    expect(JSON.stringify(parts.public)).not.toContain('مراجعة');
    expect(parts.personal).toEqual({ note: 'مراجعة المخطط' });
    expect(mergePersonal(parts.public, parts.personal)).toEqual(e);
    const ticket = toTicket(ticketOf(state, t.id));
    expect(ticket.transferNote).toBe('مراجعة المخطط');
    expect(publicTicket(ticket).transferNote).toBeUndefined();
    expect(audienceOf({ kind: 'device', role: 'counter' })).toBe('display');
  });
});

describe('events from older logs', () => {
  it('reads a transfer and a counter opening without the new fields, as before', () => {
    const old = [
      { type: 'counter.opened', at: '2025-03-02T06:00:00.000Z', counterId: 'c1', clerkId: 'clerk1' },
      { type: 'ticket.issued', at: '2025-03-02T06:00:00.000Z', by: 'k', quote: { minMinutes: 0, maxMinutes: 1 }, ticket: { id: 'x', number: 'A-001', serviceId: 'civil', status: 'waiting', priority: 'none', lang: 'ar', issuedAt: '2025-03-02T06:00:00.000Z', day: '2025-03-02', recalls: 0, transferredFrom: [], identityVerified: false } },
      { type: 'ticket.called', at: '2025-03-02T06:01:00.000Z', ticketId: 'x', counterId: 'c1', by: 'clerk1' },
      { type: 'ticket.started', at: '2025-03-02T06:01:00.000Z', ticketId: 'x', counterId: 'c1' },
      { type: 'ticket.transferred', at: '2025-03-02T06:05:00.000Z', ticketId: 'x', fromServiceId: 'civil', toServiceId: 'payments', counterId: 'c1' },
    ].map((e) => DomainEvent.parse(e));
    const state = newHall();
    for (const e of old) apply(state, e);
    expect(ticketOf(state, 'x')).toMatchObject({ status: 'waiting', serviceId: 'payments', transferredFrom: ['civil'] });
    expect(ticketOf(state, 'x').targetCounterId).toBeUndefined();
    // Without `by`, the transfer is the clerk's who was signed in at the counter.
    expect(clerkDays(state).find((d) => d.clerkId === 'clerk1')).toMatchObject({ transferred: 1, counterId: 'c1' });
    expect(must(state, { type: 'callNext', counterId: 'c1' }, clerk1, T0 + 6 * MIN)[0]).toMatchObject({ ticketId: 'x' });
  });
});

describe("a supervisor's move of a waiting ticket", () => {
  it('moves it to another service, keeping its issue time; a clerk may not', () => {
    const state = openHall();
    const t = issue(state, 'civil', T0);
    expect(refusal(state, { type: 'move', ticketId: t.id, serviceId: 'payments' }, clerk1, T0 + MIN)).toBe('forbidden');
    const [e] = must(state, { type: 'move', ticketId: t.id, serviceId: 'payments' }, supervisor, T0 + MIN);
    expect(e).toMatchObject({ type: 'ticket.transferred', fromServiceId: 'civil', toServiceId: 'payments', by: 'sup1' });
    expect(e).not.toHaveProperty('counterId');
    expect(ticketOf(state, t.id)).toMatchObject({ status: 'waiting', serviceId: 'payments', waitingSince: T0, transferredFrom: ['civil'] });
    // Not counted as anyone's transfer at a counter.
    expect(clerkDays(state).every((d) => d.transferred === 0)).toBe(true);
  });

  it('puts a ticket reserved for an absent clerk back in its service queue', () => {
    const state = openHall();
    const t = servedAtC1(state);
    must(state, { type: 'transfer', ticketId: t.id, clerkId: 'clerk2' }, clerk1, T0 + 2 * MIN);
    must(state, { type: 'closeCounter', counterId: 'c2' }, clerk2, T0 + 3 * MIN);
    must(state, { type: 'move', ticketId: t.id, serviceId: 'civil' }, supervisor, T0 + 4 * MIN);
    expect(ticketOf(state, t.id).targetClerkId).toBeUndefined();
    expect(must(state, { type: 'callNext', counterId: 'c1' }, clerk1, T0 + 5 * MIN)[0]).toMatchObject({ ticketId: t.id });
  });

  it('is refused for a ticket not waiting, the same service, or an unknown one', () => {
    const state = openHall();
    const t = servedAtC1(state);
    const w = issue(state, 'civil', T0 + MIN);
    expect(refusal(state, { type: 'move', ticketId: t.id, serviceId: 'payments' }, supervisor, T0 + 2 * MIN)).toBe('illegal_transition');
    expect(refusal(state, { type: 'move', ticketId: w.id, serviceId: 'civil' }, supervisor, T0 + 2 * MIN)).toBe('conflict');
    expect(refusal(state, { type: 'move', ticketId: w.id, serviceId: 'nope' }, supervisor, T0 + 2 * MIN)).toBe('not_found');
    expect(refusal(state, { type: 'move', ticketId: 'nope', serviceId: 'civil' }, supervisor, T0 + 2 * MIN)).toBe('not_found');
  });
});

describe('opening a counter for a clerk', () => {
  it('lets a supervisor open it for a clerk, attributed to the supervisor; a clerk may not open one for another', () => {
    const state = newHall();
    expect(refusal(state, { type: 'openCounter', counterId: 'c2', clerkId: 'clerk2' }, clerk1, T0)).toBe('forbidden');
    const [e] = must(state, { type: 'openCounter', counterId: 'c2', clerkId: 'clerk2' }, supervisor, T0);
    expect(e).toEqual({ type: 'counter.opened', at: new Date(T0).toISOString(), counterId: 'c2', clerkId: 'clerk2', by: 'sup1' });
    // clerk2 now works there: call next is theirs.
    issue(state, 'civil', T0);
    expect(must(state, { type: 'callNext', counterId: 'c2' }, clerk2, T0 + MIN)).toHaveLength(1);
    // Not for a clerk signed in elsewhere, nor at a counter another clerk has open.
    must(state, { type: 'openCounter', counterId: 'c1' }, clerk1, T0);
    expect(refusal(state, { type: 'openCounter', counterId: 'c3', clerkId: 'clerk1' }, supervisor, T0)).toBe('conflict');
    expect(refusal(state, { type: 'openCounter', counterId: 'c1', clerkId: 'clerk3' }, supervisor, T0)).toBe('conflict');
  });

  it("ends a clerk's break, keeping the clerk", () => {
    const state = openHall();
    must(state, { type: 'break', counterId: 'c3' }, clerk3, T0 + MIN);
    const [e] = must(state, { type: 'openCounter', counterId: 'c3', clerkId: 'clerk3' }, supervisor, T0 + 2 * MIN);
    expect(e).toMatchObject({ type: 'counter.opened', clerkId: 'clerk3', by: 'sup1' });
    expect(state.counters.get('c3')).toMatchObject({ state: 'open', clerkId: 'clerk3' });
  });
});

describe("each clerk's day", () => {
  it('counts what each recorded: served with outcomes, no-shows, transfers, service time', () => {
    const state = openHall();
    const a = issue(state, 'civil', T0);
    const b = issue(state, 'civil', T0);
    const c = issue(state, 'civil', T0);
    const d = issue(state, 'permits', T0);
    must(state, { type: 'call', ticketId: a.id, counterId: 'c1' }, clerk1, T0 + MIN);
    must(state, { type: 'start', ticketId: a.id }, clerk1, T0 + MIN);
    must(state, { type: 'complete', ticketId: a.id, outcome: 'completed' }, clerk1, T0 + 5 * MIN);
    must(state, { type: 'call', ticketId: b.id, counterId: 'c1' }, clerk1, T0 + 5 * MIN);
    must(state, { type: 'start', ticketId: b.id }, clerk1, T0 + 5 * MIN);
    must(state, { type: 'complete', ticketId: b.id, outcome: 'documents_missing' }, clerk1, T0 + 7 * MIN);
    must(state, { type: 'call', ticketId: c.id, counterId: 'c1' }, clerk1, T0 + 7 * MIN);
    must(state, { type: 'noShow', ticketId: c.id }, clerk1, T0 + 8 * MIN);
    must(state, { type: 'call', ticketId: d.id, counterId: 'c2' }, clerk2, T0 + MIN);
    must(state, { type: 'start', ticketId: d.id }, clerk2, T0 + MIN);
    must(state, { type: 'transfer', ticketId: d.id, serviceId: 'payments' }, clerk2, T0 + 2 * MIN);
    const days = clerkDays(state);
    expect(days.map((x) => x.clerkId)).toEqual(['clerk1', 'clerk2', 'clerk3']);
    expect(days[0]).toEqual({
      clerkId: 'clerk1', counterId: 'c1', served: 2, noShows: 1, transferred: 0, avgServiceMinutes: 3,
      outcomes: [{ outcome: 'completed', count: 1 }, { outcome: 'documents_missing', count: 1 }],
    });
    expect(days[1]).toMatchObject({ clerkId: 'clerk2', served: 0, transferred: 1, avgServiceMinutes: null, outcomes: [] });
    expect(days[2]).toMatchObject({ clerkId: 'clerk3', served: 0, counterId: 'c3' });
    // Signed out, a clerk's day stays, without a counter.
    must(state, { type: 'closeCounter', counterId: 'c1' }, clerk1, T0 + 9 * MIN);
    expect(clerkDays(state)[0]).toMatchObject({ clerkId: 'clerk1', served: 2 });
    expect(clerkDays(state)[0]).not.toHaveProperty('counterId');
  });
});

import { describe, expect, it } from 'vitest';
import { applyEvent, fromSnapshot, recentCalls, type HallState } from '../../../renderer/store/apply-event.ts';
import type { Snapshot } from '../../../shared/protocol/http.ts';
import type { SequencedEvent } from '../../../shared/protocol/events.ts';

const at = (m: number) => new Date(Date.UTC(2026, 0, 1, 8, m)).toISOString();
const snap: Snapshot = {
  seq: 10,
  day: '2026-01-01',
  audience: 'staff',
  queue: [],
  branch: { id: 'b', name: { ar: 'قاعة', en: 'Hall' }, timeZone: 'Asia/Riyadh' },
  services: [{ id: 's1', prefix: 'A', name: { ar: 'أ', en: 'A' }, category: 'c', targetWaitMinutes: 10, active: true }, { id: 's2', prefix: 'B', name: { ar: 'ب', en: 'B' }, category: 'c', targetWaitMinutes: 10, active: true }],
  counters: [{ id: 'c1', number: 1, name: { ar: 'ش١', en: 'C1' }, serviceIds: ['s1'], state: 'open' }],
  tickets: [{ id: 't1', number: 'A-001', serviceId: 's1', status: 'waiting', priority: 'none', lang: 'ar', issuedAt: at(0), day: '2026-01-01', recalls: 0, transferredFrom: [], identityVerified: false, trackingCode: 'X' }],
};
const ev = (seq: number, e: Record<string, unknown>) => ({ seq, at: at(seq), ...e }) as unknown as SequencedEvent;

describe('hall state from the event stream', () => {
  it('follows a ticket through call, recall, start, transfer, complete', () => {
    let st: HallState = fromSnapshot(snap);
    st = applyEvent(st, ev(11, { type: 'ticket.called', ticketId: 't1', counterId: 'c1', by: 'u' }));
    expect(st.tickets.t1?.status).toBe('called');
    expect(st.counters[0]?.ticketId).toBe('t1');
    expect(recentCalls(st.tickets, 5).map((t) => t.id)).toEqual(['t1']);
    st = applyEvent(st, ev(12, { type: 'ticket.recalled', ticketId: 't1', counterId: 'c1', recalls: 1 }));
    expect(st.tickets.t1?.lastCallAt).toBe(at(12));
    st = applyEvent(st, ev(13, { type: 'ticket.started', ticketId: 't1', counterId: 'c1' }));
    st = applyEvent(st, ev(14, { type: 'ticket.transferred', ticketId: 't1', fromServiceId: 's1', toServiceId: 's2', counterId: 'c1' }));
    expect(st.tickets.t1).toMatchObject({ status: 'waiting', serviceId: 's2', transferredFrom: ['s1'] });
    expect(st.counters[0]?.ticketId).toBeUndefined();
    st = applyEvent(st, ev(15, { type: 'ticket.called', ticketId: 't1', counterId: 'c1', by: 'u' }));
    st = applyEvent(st, ev(16, { type: 'ticket.completed', ticketId: 't1', counterId: 'c1', outcome: 'completed' }));
    expect(st.tickets.t1).toMatchObject({ status: 'done', outcome: 'completed' });
    expect(st.seq).toBe(16);
  });

  it('follows a transfer to a counter with a note: reserved until called there, the same service not "transferred from"', () => {
    let st: HallState = fromSnapshot(snap);
    st = applyEvent(st, ev(11, { type: 'ticket.called', ticketId: 't1', counterId: 'c1', by: 'u' }));
    st = applyEvent(st, ev(12, { type: 'ticket.started', ticketId: 't1', counterId: 'c1' }));
    st = applyEvent(st, ev(13, { type: 'ticket.transferred', ticketId: 't1', fromServiceId: 's1', toServiceId: 's1', counterId: 'c1', toCounterId: 'c2', note: 'ملاحظة' }));
    expect(st.tickets.t1).toMatchObject({ status: 'waiting', targetCounterId: 'c2', transferNote: 'ملاحظة', transferredFrom: [] });
    expect(st.tickets.t1?.calledAt).toBeUndefined();
    st = applyEvent(st, ev(14, { type: 'ticket.called', ticketId: 't1', counterId: 'c2', by: 'v' }));
    expect(st.tickets.t1).toMatchObject({ status: 'called', counterId: 'c2', calledAt: at(14), transferNote: 'ملاحظة' });
    expect(st.tickets.t1?.targetCounterId).toBeUndefined();
  });

  it("follows a supervisor's move of a waiting ticket: another service, no longer reserved, the note kept", () => {
    let st: HallState = fromSnapshot(snap);
    st = applyEvent(st, ev(11, { type: 'ticket.called', ticketId: 't1', counterId: 'c1', by: 'u' }));
    st = applyEvent(st, ev(12, { type: 'ticket.started', ticketId: 't1', counterId: 'c1' }));
    st = applyEvent(st, ev(13, { type: 'ticket.transferred', ticketId: 't1', fromServiceId: 's1', toServiceId: 's1', counterId: 'c1', toClerkId: 'u2', note: 'ملاحظة' }));
    expect(st.tickets.t1).toMatchObject({ targetClerkId: 'u2' });
    st = applyEvent(st, ev(14, { type: 'ticket.transferred', ticketId: 't1', fromServiceId: 's1', toServiceId: 's2', by: 'sup' }));
    expect(st.tickets.t1).toMatchObject({ status: 'waiting', serviceId: 's2', transferredFrom: ['s1'], transferNote: 'ملاحظة' });
    expect(st.tickets.t1?.targetClerkId).toBeUndefined();
  });

  it('keeps finished tickets of the same day across a resync snapshot', () => {
    let st = fromSnapshot(snap);
    st = applyEvent(st, ev(11, { type: 'ticket.no_show', ticketId: 't1', counterId: 'c1' }));
    const again = fromSnapshot({ ...snap, seq: 11, tickets: [] }, st);
    expect(again.tickets.t1?.status).toBe('no_show');
    expect(fromSnapshot({ ...snap, day: '2026-01-02', tickets: [] }, st).tickets.t1).toBeUndefined();
  });

  it('tracks counters opening, breaks and saved configuration', () => {
    let st = fromSnapshot(snap);
    st = applyEvent(st, ev(11, { type: 'counter.break', counterId: 'c1' }));
    expect(st.counters[0]?.state).toBe('break');
    st = applyEvent(st, ev(12, { type: 'counter.saved', counter: { id: 'c2', number: 2, name: { ar: 'ش٢', en: 'C2' }, serviceIds: ['s2'] } }));
    expect(st.counters.map((c) => [c.id, c.state])).toEqual([['c1', 'break'], ['c2', 'closed']]);
  });
});

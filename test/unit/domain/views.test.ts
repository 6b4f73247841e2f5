// Live KPIs (views.ts) on a hall driven by a manual clock.
import { describe, expect, it } from 'vitest';
import { manualClock } from '../../../shared/domain/clock.ts';
import type { HallState } from '../../../shared/domain/hall-state.ts';
import { liveStats, queueView, snapshotTickets, ticketView, trackView } from '../../../shared/domain/views.ts';
import { MIN, T0, clerk1, issue, must, newHall, ticketOf } from './support.ts';

function serviceStats(state: HallState, now: number, id: string) {
  const s = liveStats(state, now).services.find((x) => x.serviceId === id);
  if (!s) throw new Error(`no stats for ${id}`);
  return s;
}

describe('liveStats', () => {
  it('counts served tickets and no-shows, and the share called within target', () => {
    const clock = manualClock(T0);
    const state = newHall();
    must(state, { type: 'openCounter', counterId: 'c2' }, clerk1, clock.now());
    const a = issue(state, 'civil', clock.now());
    const b = issue(state, 'civil', clock.now());
    const c = issue(state, 'civil', clock.now());
    const serveNext = (minutes: number) => {
      const [e] = must(state, { type: 'callNext', counterId: 'c2' }, clerk1, clock.now());
      clock.advance(MIN);
      must(state, { type: 'start', ticketId: e!.type === 'ticket.called' ? e!.ticketId : '' }, clerk1, clock.now());
      clock.advance(minutes * MIN);
      must(state, { type: 'complete', ticketId: e!.type === 'ticket.called' ? e!.ticketId : '' }, clerk1, clock.now());
    };
    clock.advance(4 * MIN);
    serveNext(3); // a: waited 4 min (within 10), served 3 min
    clock.advance(4 * MIN); // now T0 + 12 min
    must(state, { type: 'callNext', counterId: 'c2' }, clerk1, clock.now()); // b: waited 12 min, beyond target
    must(state, { type: 'noShow', ticketId: b.id }, clerk1, clock.now());
    serveNext(5); // c: waited 12 min, served 5 min
    const s = serviceStats(state, clock.now(), 'civil');
    expect(ticketOf(state, a.id).status).toBe('done');
    expect(ticketOf(state, c.id).status).toBe('done');
    expect(s).toMatchObject({ served: 2, noShows: 1, waiting: 0, serviceLevel: 0.333, avgWaitMinutes: 9.3, avgServiceMinutes: 4 });
    const overall = liveStats(state, clock.now()).overall;
    expect(overall).toMatchObject({ served: 2, noShows: 1, serviceLevel: 0.333 });
    expect(serviceStats(state, clock.now(), 'permits')).toMatchObject({ served: 0, serviceLevel: null, avgWaitMinutes: null });
  });

  it('raises an alert once the longest wait passes the target, and drops it when the ticket is called', () => {
    const clock = manualClock(T0);
    const state = newHall();
    must(state, { type: 'openCounter', counterId: 'c2' }, clerk1, clock.now());
    const t = issue(state, 'permits', clock.now()); // target 5 min
    clock.advance(5 * MIN);
    expect(liveStats(state, clock.now()).alerts).toEqual([]);
    expect(serviceStats(state, clock.now(), 'permits').breached).toBe(false);
    clock.advance(MIN);
    expect(liveStats(state, clock.now()).alerts).toEqual([{ serviceId: 'permits', longestWaitMinutes: 6, targetWaitMinutes: 5 }]);
    expect(serviceStats(state, clock.now(), 'permits')).toMatchObject({ breached: true, waiting: 1, longestWaitMinutes: 6 });
    must(state, { type: 'call', ticketId: t.id, counterId: 'c2' }, clerk1, clock.now());
    expect(liveStats(state, clock.now()).alerts).toEqual([]);
    expect(serviceStats(state, clock.now(), 'permits').serviceLevel).toBe(0);
  });

  it('counts issued tickets per hour of the branch day', () => {
    const state = newHall();
    issue(state, 'civil', T0); // 09:00 Riyadh
    issue(state, 'civil', T0 + 61 * MIN); // 10:01
    const hourly = liveStats(state, T0 + 61 * MIN).hourly;
    expect(hourly[9]).toMatchObject({ hour: 9, issued: 1 });
    expect(hourly[10]).toMatchObject({ hour: 10, issued: 1 });
    expect(hourly.reduce((n, h) => n + h.issued, 0)).toBe(2);
  });
});

describe('ticket views', () => {
  it('show live tickets placed, hide internal fields, and track a called ticket to its counter', () => {
    const state = newHall();
    must(state, { type: 'openCounter', counterId: 'c2' }, clerk1, T0);
    const a = issue(state, 'civil', T0);
    const b = issue(state, 'civil', T0 + MIN);
    must(state, { type: 'callNext', counterId: 'c2' }, clerk1, T0 + 2 * MIN);
    const now = T0 + 3 * MIN;
    const live = snapshotTickets(state, now, 'staff');
    expect(live.map((t) => [t.id, t.status, t.position])).toEqual([[a.id, 'called', undefined], [b.id, 'waiting', 1]]);
    expect(Object.keys(ticketView(state, b.id, now)!)).not.toContain('waitingSince');
    expect(queueView(state, now).tickets.map((t) => t.id)).toEqual([b.id]);
    expect(trackView(state, ticketOf(state, a.id), now)).toMatchObject({ number: 'A-001', status: 'called', counter: { number: 2 }, rated: false });
    expect(trackView(state, ticketOf(state, b.id), now)).toMatchObject({ number: 'A-002', status: 'waiting', position: 1 });
  });
});

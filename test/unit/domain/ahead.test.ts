// One count of "ahead" (routing.ts aheadOf): the kiosk's tile (a ticket issued now), the ticket
// issued one tap later, the tracking page, the staff's queue and the hall display count the same
// people — the waiting tickets call-next would take before this one at the counters that can call
// it, a ticket of another service for the share of its counters that also serve this one.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { aheadAll, aheadOf, aheadOfNew } from '../../../shared/domain/routing.ts';
import { placementOf, placements } from '../../../shared/domain/eta.ts';
import { queueSummary, ticketView, trackView } from '../../../shared/domain/views.ts';
import type { Counter } from '../../../shared/protocol/entities.ts';
import { MIN, PROPERTY_TIMEOUT, SERVICES, T0, clerk1, clerk2, clerk3, issue, must, newHall } from './support.ts';

const clerks = [clerk1, clerk2, clerk3];
const counter = (n: number, serviceIds: string[]): Counter => ({ id: `c${n}`, number: n, name: { ar: `${n}`, en: `${n}` }, serviceIds, state: 'closed' });

/** A hall whose counters share services in part: c1 civil + permits, c2 permits + payments, c3 payments. */
const PARTLY_SHARED = [counter(1, ['civil', 'permits']), counter(2, ['permits', 'payments']), counter(3, ['payments'])];

const spec = fc.record({
  shared: fc.boolean(),
  open: fc.tuple(fc.boolean(), fc.boolean(), fc.boolean()),
  busy: fc.tuple(fc.boolean(), fc.boolean(), fc.boolean()),
  tickets: fc.array(fc.record({ service: fc.integer({ min: 0, max: 2 }), priority: fc.boolean(), at: fc.integer({ min: 0, max: 40 }) }), { maxLength: 30 }),
  next: fc.integer({ min: 0, max: 2 }),
});

describe('"ahead"', () => {
  it('on the kiosk\'s tile equals the "ahead" of the ticket issued next, and the tracking page and the staff\'s queue say the same', () => {
    fc.assert(fc.property(spec, (s) => {
      const state = newHall(s.shared ? { counters: PARTLY_SHARED } : {});
      let now = T0;
      s.open.forEach((o, i) => { if (o) must(state, { type: 'openCounter', counterId: `c${i + 1}` }, clerks[i]!, now); });
      for (const t of [...s.tickets].sort((a, b) => a.at - b.at)) issue(state, SERVICES[t.service]!.id, T0 + t.at * MIN, t.priority ? 'elderly' : 'none');
      now = T0 + 41 * MIN;
      // Some open counters take a ticket each (call-next), so counters are busy with one service or another.
      s.busy.forEach((b, i) => {
        const c = state.counters.get(`c${i + 1}`)!;
        if (b && c.state === 'open') must(state, { type: 'callNext', counterId: c.id }, clerks[i]!, now);
      });
      const serviceId = SERVICES[s.next]!.id;
      const tile = queueSummary(state, now).find((q) => q.serviceId === serviceId)!;
      const ticket = issue(state, serviceId, now);
      const view = ticketView(state, ticket.id, now)!;
      expect(view.position! - 1).toBe(tile.ahead);
      expect(trackView(state, ticket, now).position).toBe(view.position);
      // Every waiting ticket: the staff's queue (one pass) and each ticket on its own agree.
      const all = placements(state, now);
      for (const t of state.tickets.values()) {
        if (t.status !== 'waiting') continue;
        expect(all.get(t.id)!.position).toBe(placementOf(state, t, now).position);
      }
    }), { numRuns: 150 });
  }, PROPERTY_TIMEOUT);

  it('counts a ticket of another service for the share of its counters that can call this one', () => {
    const state = newHall({ counters: PARTLY_SHARED });
    for (const [i, c] of ['c1', 'c2', 'c3'].entries()) must(state, { type: 'openCounter', counterId: c }, [clerk1, clerk2, clerk3][i]!, T0);
    // Three counters busy, so nothing is called at once.
    for (const [i, c] of ['c1', 'c2', 'c3'].entries()) {
      const t = issue(state, ['civil', 'permits', 'payments'][i]!, T0);
      must(state, { type: 'call', ticketId: t.id, counterId: c }, [clerk1, clerk2, clerk3][i]!, T0);
    }
    // Four payments tickets wait: payments is called at c2 and c3, and only c2 also serves permits.
    for (let i = 0; i < 4; i++) issue(state, 'payments', T0 + MIN);
    const now = T0 + 2 * MIN;
    expect(aheadOfNew(state, 'permits').ahead).toBe(2); // 4 × ½
    expect(aheadOfNew(state, 'civil').ahead).toBe(0); // no counter of civil calls payments
    expect(aheadOfNew(state, 'payments').ahead).toBe(4);
    const permits = issue(state, 'permits', now);
    expect(aheadOf(state, permits, now)).toBe(2);
    expect(aheadAll(state, now).get(permits.id)).toBe(2);
  });

  it('tells why a service nobody waits for still waits: its counter is busy with another service', () => {
    const state = newHall({ counters: PARTLY_SHARED });
    must(state, { type: 'openCounter', counterId: 'c1' }, clerk1, T0);
    const held = issue(state, 'permits', T0);
    must(state, { type: 'call', ticketId: held.id, counterId: 'c1' }, clerk1, T0);
    for (let i = 0; i < 3; i++) issue(state, 'permits', T0 + MIN);
    const civil = queueSummary(state, T0 + 2 * MIN).find((q) => q.serviceId === 'civil')!;
    expect(civil.waiting).toBe(0);
    expect(civil.ahead).toBe(3);
    expect(civil.expectedWait!.maxMinutes).toBeGreaterThan(0);
    expect(civil.reason).toEqual({ kind: 'busy', serviceId: 'permits' });
    // On a break, with nobody ahead: the break is the reason.
    const quiet = newHall({ counters: PARTLY_SHARED });
    must(quiet, { type: 'openCounter', counterId: 'c1' }, clerk1, T0);
    must(quiet, { type: 'break', counterId: 'c1' }, clerk1, T0);
    expect(queueSummary(quiet, T0 + MIN).find((q) => q.serviceId === 'civil')!.reason).toEqual({ kind: 'break' });
    // A counter free: a new ticket is called at once, and there is nothing to explain.
    must(quiet, { type: 'openCounter', counterId: 'c1' }, clerk1, T0 + 2 * MIN);
    const free = queueSummary(quiet, T0 + 2 * MIN).find((q) => q.serviceId === 'civil')!;
    expect(free.expectedWait).toEqual({ minMinutes: 0, maxMinutes: 0 });
    expect(free.reason).toBeUndefined();
  });
});

// Expected wait (eta.ts): a range in minutes from the position, the counters and learnt service times.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { gammaQuantile, meanServiceMinutes, placements, waitRange } from '../../../shared/domain/eta.ts';
import { callOrder } from '../../../shared/domain/routing.ts';
import { type HallState, createHallState } from '../../../shared/domain/state.ts';
import type { Counter } from '../../../shared/protocol/entities.ts';
import { MIN, SERVICES, T0, branch, clerk1, issue, must, newHall } from './support.ts';

/** `busy` open counters holding a ticket and `idle` open free ones, all serving civil; a learnt tally. */
function hall(busy: number, idle = 0, learnt?: { count: number; minutes: number }): HallState {
  const counters: Counter[] = Array.from({ length: busy + idle }, (_x, i) => ({
    id: `k${i}`, number: i + 1, name: { ar: 'ش', en: 'C' }, serviceIds: ['civil'], state: 'open', clerkId: `u${i}`,
    ...(i < busy ? { ticketId: `held${i}` } : {}),
  }));
  const state = createHallState({ day: '2025-03-02', branch, services: SERVICES, counters });
  if (learnt && learnt.count > 0) {
    state.tally.set('civil', { issued: 0, served: learnt.count, noShows: 0, waitCount: 0, waitSumMs: 0, withinTarget: 0,
      serviceCount: learnt.count, serviceSumMs: learnt.count * learnt.minutes * MIN, ratingCount: 0, ratingSum: 0 });
  }
  return state;
}

const learnt = fc.option(fc.record({ count: fc.integer({ min: 1, max: 50 }), minutes: fc.integer({ min: 1, max: 40 }) }), { nil: undefined });

describe('expected wait range', () => {
  it('never is negative and min < max, as whole minutes', () => {
    fc.assert(fc.property(fc.nat(200), fc.nat(6), fc.nat(3), learnt, (ahead, busy, idle, l) => {
      const r = waitRange(hall(busy, idle, l), 'civil', ahead);
      expect(r.minMinutes).toBeGreaterThanOrEqual(0);
      expect(r.minMinutes).toBeLessThan(r.maxMinutes);
      expect(Number.isInteger(r.minMinutes) && Number.isInteger(r.maxMinutes)).toBe(true);
    }));
  });

  it('grows with the position in the queue', () => {
    fc.assert(fc.property(fc.nat(200), fc.integer({ min: 1, max: 50 }), fc.integer({ min: 1, max: 6 }), learnt, (ahead, more, busy, l) => {
      const state = hall(busy, 0, l);
      const near = waitRange(state, 'civil', ahead);
      const far = waitRange(state, 'civil', ahead + more);
      expect(far.minMinutes).toBeGreaterThanOrEqual(near.minMinutes);
      expect(far.maxMinutes).toBeGreaterThanOrEqual(near.maxMinutes);
    }));
    const state = hall(1);
    expect(waitRange(state, 'civil', 20).minMinutes).toBeGreaterThan(waitRange(state, 'civil', 2).maxMinutes);
  });

  it('shrinks with more open counters', () => {
    fc.assert(fc.property(fc.nat(200), fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 6 }), fc.nat(2), (ahead, busy, more, idle) => {
      const few = waitRange(hall(busy), 'civil', ahead);
      const many = waitRange(hall(busy + more, idle), 'civil', ahead);
      expect(many.minMinutes).toBeLessThanOrEqual(few.minMinutes);
      expect(many.maxMinutes).toBeLessThanOrEqual(few.maxMinutes);
    }));
    expect(waitRange(hall(4), 'civil', 20).maxMinutes).toBeLessThan(waitRange(hall(1), 'civil', 20).minMinutes);
  });

  it('is 0–1 minutes when an idle counter is free for the ticket', () => {
    expect(waitRange(hall(0, 1), 'civil', 0)).toEqual({ minMinutes: 0, maxMinutes: 1 });
    expect(waitRange(hall(1, 2), 'civil', 1)).toEqual({ minMinutes: 0, maxMinutes: 1 });
  });

  it('is quoted at issue and stored with the ticket, longer for later tickets', () => {
    const state = newHall();
    must(state, { type: 'openCounter', counterId: 'c2' }, clerk1, T0);
    const first = issue(state, 'civil', T0);
    for (let i = 0; i < 10; i++) issue(state, 'civil', T0);
    const last = issue(state, 'civil', T0);
    expect(first.quote).toEqual({ minMinutes: 0, maxMinutes: 1 });
    expect(last.quote!.minMinutes).toBeGreaterThan(first.quote!.maxMinutes);
  });

  it('places waiting tickets at their call-order position', () => {
    const state = newHall();
    must(state, { type: 'openCounter', counterId: 'c2' }, clerk1, T0);
    issue(state, 'civil', T0);
    issue(state, 'permits', T0 + MIN, 'elderly');
    issue(state, 'civil', T0 + 2 * MIN);
    const now = T0 + 6 * MIN;
    const placed = placements(state, now);
    const order = callOrder(state.tickets.values(), state.services, now, state.config.routing, new Set(['civil', 'permits', 'payments']));
    expect(order.map((t) => placed.get(t.id)?.position)).toEqual([1, 2, 3]);
  });
});

describe('gammaQuantile', () => {
  it('is monotone in z and never negative', () => {
    fc.assert(fc.property(fc.double({ min: 0.1, max: 500, noNaN: true }), fc.double({ min: 0.01, max: 60, noNaN: true }),
      fc.double({ min: -4, max: 4, noNaN: true }), fc.double({ min: 0, max: 4, noNaN: true }), (shape, scale, z, dz) => {
        const lo = gammaQuantile(shape, scale, z);
        const hi = gammaQuantile(shape, scale, z + dz);
        expect(lo).toBeGreaterThanOrEqual(0);
        expect(hi).toBeGreaterThanOrEqual(lo);
      }));
  });

  it('is near the exponential median for shape 1 and 0 for no shape', () => {
    expect(gammaQuantile(1, 10, 0)).toBeCloseTo(10 * Math.LN2, 0);
    expect(gammaQuantile(0, 10, 1)).toBe(0);
  });
});

describe('learnt mean service time', () => {
  function serve(minutes: number, n: number): number[] {
    const state = newHall({ config: { defaultServiceMinutes: 6 } });
    must(state, { type: 'openCounter', counterId: 'c2' }, clerk1, T0);
    const means = [meanServiceMinutes(state, 'civil')];
    let now = T0;
    for (let i = 0; i < n; i++) {
      const t = issue(state, 'civil', now);
      must(state, { type: 'callNext', counterId: 'c2' }, clerk1, now);
      must(state, { type: 'start', ticketId: t.id }, clerk1, now);
      now += minutes * MIN;
      must(state, { type: 'complete', ticketId: t.id }, clerk1, now);
      means.push(meanServiceMinutes(state, 'civil'));
    }
    return means;
  }

  it('starts at the prior and moves toward longer observed service times', () => {
    const means = serve(20, 30);
    expect(means[0]).toBe(6);
    for (let i = 1; i < means.length; i++) {
      expect(means[i]!).toBeGreaterThan(means[i - 1]!);
      expect(means[i]!).toBeLessThan(20);
    }
    expect(means.at(-1)!).toBeGreaterThan(18);
  });

  it('moves toward shorter observed service times', () => {
    const means = serve(2, 30);
    for (let i = 1; i < means.length; i++) expect(means[i]!).toBeLessThan(means[i - 1]!);
    expect(means.at(-1)!).toBeLessThan(2.5);
  });
});

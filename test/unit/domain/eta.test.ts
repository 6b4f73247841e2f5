// Expected wait (eta.ts): the projection of the hall under the real routing rule, quoted as the
// 20th–80th percentile of the wait in whole minutes.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ETA_MODEL, estimateNew, expectedWait, lastProjection, meanServiceMinutes, placements } from '../../../shared/domain/eta.ts';
import { callOrder } from '../../../shared/domain/routing.ts';
import type { HallState } from '../../../shared/domain/hall-state.ts';
import type { Priority } from '../../../shared/protocol/entities.ts';
import { MIN, PROPERTY_TIMEOUT, T0, clerk1, clerk2, clerk3, issue, must, newHall } from './support.ts';

const clerks = [clerk1, clerk2, clerk3];

/** A hall driven through commands: counters opened (some holding a ticket, some on break), tickets waiting. */
function busyHall(spec: { open: boolean[]; onBreak: boolean[]; tickets: { service: number; priority: boolean; at: number }[]; served: number }): { state: HallState; now: number } {
  const state = newHall();
  const services = ['civil', 'permits', 'payments'];
  let now = T0;
  spec.open.forEach((o, i) => { if (o) must(state, { type: 'openCounter', counterId: `c${i + 1}` }, clerks[i]!, now); });
  // Teach some service times: each open counter serves `served` tickets of 3–9 minutes.
  for (let k = 0; k < spec.served; k++) {
    spec.open.forEach((o, i) => {
      if (!o) return;
      const counter = state.counters.get(`c${i + 1}`)!;
      const t = issue(state, counter.serviceIds[k % counter.serviceIds.length]!, now);
      must(state, { type: 'call', ticketId: t.id, counterId: counter.id }, clerks[i]!, now);
      must(state, { type: 'start', ticketId: t.id }, clerks[i]!, now);
      must(state, { type: 'complete', ticketId: t.id }, clerks[i]!, now + (3 + ((k * 7 + i) % 7)) * MIN);
    });
    now += 10 * MIN;
  }
  spec.onBreak.forEach((b, i) => { if (b && spec.open[i]) must(state, { type: 'break', counterId: `c${i + 1}` }, clerks[i]!, now); });
  for (const t of spec.tickets) issue(state, services[t.service]!, now + t.at * MIN, t.priority ? 'elderly' : 'none');
  return { state, now: now + 30 * MIN };
}

const hallSpec = fc.record({
  open: fc.tuple(fc.boolean(), fc.boolean(), fc.boolean()),
  onBreak: fc.tuple(fc.boolean(), fc.boolean(), fc.boolean()),
  tickets: fc.array(fc.record({ service: fc.integer({ min: 0, max: 2 }), priority: fc.boolean(), at: fc.integer({ min: 0, max: 29 }) }), { maxLength: 40 }),
  served: fc.integer({ min: 0, max: 4 }),
});

describe('expected wait', () => {
  it('is never negative, in whole minutes, with min ≤ max, for every waiting ticket and every new one', () => {
    fc.assert(fc.property(hallSpec, (spec) => {
      const { state, now } = busyHall(spec);
      const quotes = [...placements(state, now).values()].map((p) => p.expectedWait);
      for (const s of ['civil', 'permits', 'payments']) for (const p of [false, true]) quotes.push(estimateNew(state, s, p, now).quote);
      for (const q of quotes) {
        expect(q.minMinutes).toBeGreaterThanOrEqual(0);
        expect(q.minMinutes).toBeLessThanOrEqual(q.maxMinutes);
        expect(Number.isInteger(q.minMinutes) && Number.isInteger(q.maxMinutes)).toBe(true);
      }
    }), { numRuns: 60 });
  }, PROPERTY_TIMEOUT);

  it('grows with the position: a later ticket of the same service and class is never quoted less', () => {
    fc.assert(fc.property(hallSpec, (spec) => {
      const { state, now } = busyHall(spec);
      const placed = placements(state, now);
      const waiting = [...state.tickets.values()].filter((t) => t.status === 'waiting').sort((a, b) => a.waitingSince - b.waitingSince || a.ordinal - b.ordinal);
      for (let i = 0; i < waiting.length; i++) for (let j = i + 1; j < waiting.length; j++) {
        const a = waiting[i]!;
        const b = waiting[j]!;
        if (a.serviceId !== b.serviceId || (a.priority === 'none') !== (b.priority === 'none')) continue;
        const qa = placed.get(a.id)!;
        const qb = placed.get(b.id)!;
        expect(qb.expectedWait.minMinutes).toBeGreaterThanOrEqual(qa.expectedWait.minMinutes);
        expect(qb.expectedWait.maxMinutes).toBeGreaterThanOrEqual(qa.expectedWait.maxMinutes);
        expect(qb.meanMinutes).toBeGreaterThanOrEqual(qa.meanMinutes);
      }
      // A new ticket comes after every waiting one of its class.
      for (const t of waiting) {
        const fresh = estimateNew(state, t.serviceId, t.priority !== 'none', now);
        expect(fresh.quote.maxMinutes).toBeGreaterThanOrEqual(placed.get(t.id)!.expectedWait.maxMinutes);
      }
    }), { numRuns: 60 });
  }, PROPERTY_TIMEOUT);

  it('widens with the position: the further back in the queue, the wider the printed range', () => {
    // Payments at its one counter (c3), ten tickets served, twenty-four waiting.
    const { state, now } = busyHall({ open: [false, false, true], onBreak: [false, false, false], served: 10, tickets: Array.from({ length: 24 }, (_x, i) => ({ service: 2, priority: false, at: i })) });
    const placed = placements(state, now);
    const waiting = [...state.tickets.values()].filter((t) => t.status === 'waiting').sort((a, b) => a.waitingSince - b.waitingSince || a.ordinal - b.ordinal);
    const quotes = waiting.map((t) => placed.get(t.id)!.expectedWait);
    // The counter is free: the first is called at once ("0"); the others wait for it, 5–6 minutes a ticket.
    expect(quotes[0]).toEqual({ minMinutes: 0, maxMinutes: 0 });
    const width = quotes.slice(1).map((q) => q.maxMinutes - q.minMinutes);
    expect(width[0]!).toBeGreaterThan(1);
    // Each end is rounded to the minute, so the width may step back by one from one ticket to the next; five places on, never narrower.
    for (let i = 0; i + 5 < width.length; i++) expect(width[i + 5]!).toBeGreaterThanOrEqual(width[i]!);
    expect(width.at(-1)!).toBeGreaterThan(2 * width[0]!);
  });

  it('is zero when a counter serving the service is open and free', () => {
    const state = newHall();
    must(state, { type: 'openCounter', counterId: 'c2' }, clerk1, T0);
    expect(estimateNew(state, 'civil', false, T0)).toMatchObject({ meanMinutes: 0, quote: { minMinutes: 0, maxMinutes: 0 } });
    const first = issue(state, 'civil', T0);
    expect(first.quote).toEqual({ minMinutes: 0, maxMinutes: 0 });
    // A second free counter still serves a second ticket at once.
    must(state, { type: 'openCounter', counterId: 'c1' }, clerk2, T0);
    expect(expectedWait(state, { ...first, id: 'x', ordinal: 99 }, T0).expectedWait.minMinutes).toBe(0);
  });

  it('is the same for the same state and time (a fixed seed)', () => {
    const { state, now } = busyHall({ open: [true, true, false], onBreak: [false, false, false], served: 3, tickets: Array.from({ length: 12 }, (_x, i) => ({ service: i % 3, priority: i % 4 === 0, at: i })) });
    const a = JSON.stringify([...placements(state, now)]);
    const b = JSON.stringify([...placements(newCopy(state), now)]);
    expect(a).toBe(b);
  });

  it('waits longer while the only counter of the service is on break, and less for a priority ticket', () => {
    const spec = { open: [false, false, true], onBreak: [false, false, false], served: 3, tickets: Array.from({ length: 6 }, (_x, i) => ({ service: 2, priority: false, at: i })) };
    const open = busyHall(spec);
    const onBreak = busyHall({ ...spec, onBreak: [false, false, true] });
    const normal = estimateNew(open.state, 'payments', false, open.now);
    expect(estimateNew(onBreak.state, 'payments', false, onBreak.now).meanMinutes).toBeGreaterThan(normal.meanMinutes);
    expect(estimateNew(open.state, 'payments', true, open.now).meanMinutes).toBeLessThan(normal.meanMinutes);
  });

  it('is quoted with one play of mean times when the budget given cannot pay for four drawn plays, close to the full quote', () => {
    const { state, now } = busyHall({ open: [true, true, true], onBreak: [false, false, false], served: 4, tickets: Array.from({ length: 30 }, (_x, i) => ({ service: i % 3, priority: false, at: i % 20 })) });
    const full = estimateNew(state, 'civil', false, now);
    expect(lastProjection.plays).toBeGreaterThanOrEqual(ETA_MODEL.minPlays);
    const shared = estimateNew(state, 'civil', false, now, ETA_MODEL.budget / 20);
    expect(lastProjection.plays).toBe(1);
    expect(shared.quote.maxMinutes).toBeGreaterThan(1);
    expect(Math.abs(shared.meanMinutes - full.meanMinutes)).toBeLessThan(0.3 * full.meanMinutes);
  });

  it('is quoted at issue and stored with the ticket, longer for later tickets', () => {
    const state = newHall();
    must(state, { type: 'openCounter', counterId: 'c2' }, clerk1, T0);
    const first = issue(state, 'civil', T0);
    for (let i = 0; i < 10; i++) issue(state, 'civil', T0);
    const last = issue(state, 'civil', T0);
    expect(first.quote).toEqual({ minMinutes: 0, maxMinutes: 0 });
    expect(last.quote!.minMinutes).toBeGreaterThan(first.quote!.maxMinutes);
  });

  it('places waiting tickets at their call-order position', () => {
    const state = newHall();
    must(state, { type: 'openCounter', counterId: 'c2' }, clerk1, T0);
    issue(state, 'civil', T0);
    issue(state, 'permits', T0 + MIN, 'elderly' as Priority);
    issue(state, 'civil', T0 + 2 * MIN);
    const now = T0 + 6 * MIN;
    const placed = placements(state, now);
    const order = callOrder(state.tickets.values(), state.services, now, state.config.routing, new Set(['civil', 'permits', 'payments']));
    expect(order.map((t) => placed.get(t.id)?.position)).toEqual([1, 2, 3]);
  });
});

describe('learnt time at the counter', () => {
  function serve(minutes: number[]): number[] {
    const state = newHall({ config: { defaultServiceMinutes: 6 } });
    must(state, { type: 'openCounter', counterId: 'c2' }, clerk1, T0);
    const means = [meanServiceMinutes(state, 'civil')];
    let now = T0;
    for (const m of minutes) {
      const t = issue(state, 'civil', now);
      must(state, { type: 'callNext', counterId: 'c2' }, clerk1, now);
      must(state, { type: 'start', ticketId: t.id }, clerk1, now);
      now += m * MIN;
      must(state, { type: 'complete', ticketId: t.id }, clerk1, now);
      means.push(meanServiceMinutes(state, 'civil'));
    }
    return means;
  }

  it('starts at the prior and moves toward the observed times', () => {
    const longer = serve(Array(30).fill(20));
    expect(longer[0]).toBe(6);
    for (let i = 1; i < longer.length; i++) expect(longer[i]!).toBeGreaterThan(longer[i - 1]!);
    expect(longer.at(-1)!).toBeGreaterThan(18);
    const shorter = serve(Array(30).fill(2));
    for (let i = 1; i < shorter.length; i++) expect(shorter[i]!).toBeLessThan(shorter[i - 1]!);
    expect(shorter.at(-1)!).toBeLessThan(2.5);
  });

  it('is robust to a ticket left open for hours', () => {
    const means = serve([...Array(20).fill(5), 240]);
    expect(means.at(-1)!).toBeLessThan(7);
  });
});

function newCopy(state: HallState): HallState {
  return structuredClone(state);
}

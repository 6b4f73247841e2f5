// No starvation (brief §5): a counter that cannot keep up keeps calling while new tickets — also
// priority ones in a service with a shorter target — keep arriving. Once a ticket is overdue, it is
// called within as many calls as there are tickets issued before it that still wait.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_ROUTING } from '../../../shared/domain/routing.ts';
import type { HallState, TicketRecord } from '../../../shared/domain/hall-state.ts';
import type { Priority } from '../../../shared/protocol/entities.ts';
import { MIN, PROPERTY_TIMEOUT, T0, clerk1, issue, must, newHall } from './support.ts';

const arrival = fc.record({
  gap: fc.integer({ min: 0, max: 4 * MIN }),
  service: fc.constantFrom('civil', 'permits', 'payments'),
  priority: fc.constantFrom<Priority>('none', 'none', 'elderly', 'disability'),
});
// Mean gap 2 min, mean service 3.5 min: the counter keeps up with well under two thirds of the arrivals.
const serviceTimes = fc.array(fc.integer({ min: 2 * MIN, max: 5 * MIN }), { minLength: 1, maxLength: 20 });

interface Watch { bound: number; callsSince: number }

function overdue(state: HallState, t: TicketRecord, now: number): boolean {
  const target = state.services.get(t.serviceId)!.targetWaitMinutes * MIN;
  return now - t.waitingSince >= DEFAULT_ROUTING.overdueFactor * target;
}

describe('no starvation', () => {
  it('an overdue ticket is called within (tickets issued before it still waiting) calls', () => {
    let becameOverdue = 0;
    let overtaken = 0;
    fc.assert(
      fc.property(fc.array(arrival, { minLength: 20, maxLength: 150, size: 'max' }), serviceTimes, (arrivals, durations) => {
        const state = newHall();
        must(state, { type: 'openCounter', counterId: 'c1' }, clerk1, T0);
        const watch = new Map<string, Watch>();
        let nextArrival = T0;
        let counterFree = T0;
        let calls = 0;
        let i = 0;
        const callAt = (now: number): boolean => {
          const waiting = [...state.tickets.values()].filter((t) => t.status === 'waiting');
          for (const t of waiting) {
            if (watch.has(t.id) || !overdue(state, t, now)) continue;
            becameOverdue++;
            watch.set(t.id, { bound: waiting.filter((o) => o.ordinal < t.ordinal).length, callsSince: 0 });
          }
          const [e] = must(state, { type: 'callNext', counterId: 'c1' }, clerk1, now);
          if (e?.type !== 'ticket.called') return false;
          for (const [id, w] of watch) {
            if (id === e.ticketId) {
              watch.delete(id);
              continue;
            }
            w.callsSince++;
            if (w.callsSince === 1) overtaken++;
            expect(w.callsSince, `ticket ${id}: calls after it became overdue`).toBeLessThanOrEqual(w.bound);
          }
          const d = durations[calls++ % durations.length]!;
          must(state, { type: 'start', ticketId: e.ticketId }, clerk1, now);
          must(state, { type: 'complete', ticketId: e.ticketId }, clerk1, now + d);
          counterFree = now + d;
          return true;
        };
        // Arrivals first; then the counter keeps working the backlog down after the last arrival.
        while (i < arrivals.length || [...state.tickets.values()].some((t) => t.status === 'waiting')) {
          if (i < arrivals.length && nextArrival <= counterFree) {
            const a = arrivals[i++]!;
            issue(state, a.service, nextArrival, a.priority);
            nextArrival += a.gap;
          } else if (!callAt(counterFree)) {
            counterFree = i < arrivals.length ? nextArrival : counterFree + MIN;
          }
        }
        expect(watch.size, 'every ticket was called in the end').toBe(0);
      }),
      { numRuns: 150 },
    );
    // Not vacuous: many tickets went overdue, and many had earlier tickets called before them.
    expect(becameOverdue).toBeGreaterThan(500);
    expect(overtaken).toBeGreaterThan(100);
  }, PROPERTY_TIMEOUT);

  it('the scenario really makes tickets overdue and lets later priority tickets wait behind them', () => {
    // One plain payments ticket (target 30) and a steady stream of priority permits tickets (target 5).
    const state = newHall();
    must(state, { type: 'openCounter', counterId: 'c1' }, clerk1, T0);
    const old = issue(state, 'payments', T0);
    let now = T0;
    let position = 0;
    for (let k = 1; k <= 40 && state.tickets.get(old.id)!.status === 'waiting'; k++) {
      issue(state, 'permits', now, 'elderly');
      issue(state, 'permits', now + MIN, 'elderly');
      now += 4 * MIN;
      const [e] = must(state, { type: 'callNext', counterId: 'c1' }, clerk1, now);
      if (e?.type === 'ticket.called') {
        must(state, { type: 'start', ticketId: e.ticketId }, clerk1, now);
        must(state, { type: 'complete', ticketId: e.ticketId }, clerk1, now);
      }
      position = k;
    }
    const t = state.tickets.get(old.id)!;
    expect(t.status).toBe('done');
    // It became overdue at 60 min (2 × 30) and was called at the first call from then on.
    expect(Date.parse(t.calledAt!) - T0).toBeGreaterThanOrEqual(60 * MIN);
    expect(Date.parse(t.calledAt!) - T0).toBeLessThan(64 * MIN);
    expect(position).toBeLessThanOrEqual(16);
  });
});

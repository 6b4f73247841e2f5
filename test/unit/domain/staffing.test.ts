// The staffing planner (staffing.ts): counters needed per service and hour by Erlang C, and the
// share of today's roster each service gets.
import { describe, expect, it } from 'vitest';
import { countersNeeded } from '../../../shared/domain/erlang.ts';
import { staffingPlan } from '../../../shared/domain/staffing.ts';

const hours = (entries: Record<number, number>) => Array.from({ length: 24 }, (_x, h) => entries[h] ?? 0);

describe('staffing plan', () => {
  it('needs, per hour with arrivals, the Erlang C counters of each service, added up', () => {
    const plan = staffingPlan([
      { serviceId: 'a', targetWaitMinutes: 20, serviceMinutes: 12, arrivalsPerHour: hours({ 8: 10, 9: 30 }) },
      { serviceId: 'b', targetWaitMinutes: 5, serviceMinutes: 3, arrivalsPerHour: hours({ 9: 40 }) },
    ], [], 0.8);
    expect(plan.hours.map((h) => h.hour)).toEqual([8, 9]);
    const a9 = countersNeeded({ arrivalsPerHour: 30, serviceMinutes: 12, targetWaitMinutes: 20, serviceLevel: 0.8 }).counters;
    const b9 = countersNeeded({ arrivalsPerHour: 40, serviceMinutes: 3, targetWaitMinutes: 5, serviceLevel: 0.8 }).counters;
    expect(plan.hours[1]!.needed).toBe(a9 + b9);
    expect(plan.hours[1]!.services.map((s) => s.needed)).toEqual([a9, b9]);
    for (const h of plan.hours) for (const s of h.services) expect(s.serviceLevel).toBeGreaterThanOrEqual(0.8);
  });

  it('shares a counter serving two services by their work, and says what the roster gives', () => {
    const plan = staffingPlan([
      { serviceId: 'a', targetWaitMinutes: 20, serviceMinutes: 10, arrivalsPerHour: hours({ 10: 18 }) }, // 3 Erlangs
      { serviceId: 'b', targetWaitMinutes: 10, serviceMinutes: 5, arrivalsPerHour: hours({ 10: 12 }) }, // 1 Erlang
    ], [{ counterId: 'k1', serviceIds: ['a', 'b'] }, { counterId: 'k2', serviceIds: ['a'] }, { counterId: 'k3', serviceIds: ['a'] }, { counterId: 'k4', serviceIds: ['a'] }, { counterId: 'k5', serviceIds: ['b'] }], 0.8);
    const [a, b] = plan.hours[0]!.services;
    expect(a!.roster).toBeCloseTo(3.75);
    expect(b!.roster).toBeCloseTo(1.25);
    expect(plan.hours[0]!.roster).toBe(5);
    // a: 3.75 → 4 counters for 3 Erlangs; b: 1.25 → 1 counter for 1 Erlang cannot keep up.
    expect(a!.rosterServiceLevel).toBeGreaterThan(0.5);
    expect(b!.rosterServiceLevel).toBe(0);
    expect(b!.rosterMeanWaitMinutes).toBeNull();
  });
});

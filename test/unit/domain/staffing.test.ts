// The staffing planner (staffing.ts): counters needed per service and hour by Erlang C, and the
// share of today's roster each service gets.
import { describe, expect, it } from 'vitest';
import { countersNeeded } from '../../../shared/domain/erlang.ts';
import { staffingPlan, usualBreakShare } from '../../../shared/domain/staffing.ts';
import type { UsualDay } from '../../../shared/domain/hall-state.ts';

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

describe('the pooled need (the hall as it works)', () => {
  it('is Erlang C itself for a hall of one service', () => {
    for (const [arrivals, minutes, target] of [[10, 6, 10], [40, 5, 15], [90, 4, 5], [3, 20, 30]] as const) {
      const plan = staffingPlan([{ serviceId: 'a', targetWaitMinutes: target, serviceMinutes: minutes, arrivalsPerHour: hours({ 9: arrivals }) }], [{ counterId: 'k1', serviceIds: ['a'] }], 0.8);
      const erlang = countersNeeded({ arrivalsPerHour: arrivals, serviceMinutes: minutes, targetWaitMinutes: target, serviceLevel: 0.8 }).counters;
      expect(plan.hours[0]!.counters).toBe(erlang);
      expect(plan.hours[0]!.needed).toBe(erlang);
    }
  });

  it('is never above the per-service sum, and below it when counters serve several services', () => {
    const services = [
      { serviceId: 'a', targetWaitMinutes: 20, serviceMinutes: 12, arrivalsPerHour: hours({ 8: 4, 9: 8, 10: 2 }) },
      { serviceId: 'b', targetWaitMinutes: 15, serviceMinutes: 8, arrivalsPerHour: hours({ 8: 6, 9: 3, 10: 9 }) },
      { serviceId: 'c', targetWaitMinutes: 10, serviceMinutes: 4, arrivalsPerHour: hours({ 8: 10, 9: 12, 10: 6 }) },
    ];
    const roster = [{ counterId: 'k1', serviceIds: ['a', 'b'] }, { counterId: 'k2', serviceIds: ['b', 'c'] }, { counterId: 'k3', serviceIds: ['a', 'c'] }, { counterId: 'k4', serviceIds: ['a', 'b', 'c'] }];
    for (const level of [0.7, 0.8, 0.9]) {
      const plan = staffingPlan(services, roster, level, { breakShare: hours({ 9: 0.2 }) });
      for (const h of plan.hours) {
        expect(h.counters).toBeLessThanOrEqual(h.needed);
        expect(h.mix).toHaveLength(h.counters);
      }
      // Three small services, each needing counters of its own: pooled, fewer.
      expect(plan.hours.some((h) => h.counters < h.needed)).toBe(true);
    }
  });

  it('says which clerks to move when today\'s roster has the counters but not the skills', () => {
    // Permits are busy, certificates quiet; five counters, four of them for certificates only.
    const services = [
      { serviceId: 'permits', targetWaitMinutes: 15, serviceMinutes: 10, arrivalsPerHour: hours({ 9: 12 }) },
      { serviceId: 'certificates', targetWaitMinutes: 10, serviceMinutes: 4, arrivalsPerHour: hours({ 9: 6 }) },
    ];
    const roster = [{ counterId: 'k1', serviceIds: ['permits'] }, ...[2, 3, 4, 5].map((n) => ({ counterId: `k${n}`, serviceIds: ['certificates'] }))];
    const [h] = staffingPlan(services, roster, 0.8).hours;
    expect(h!.rosterMeets).toBe(false);
    expect(h!.counters).toBeLessThanOrEqual(roster.length);
    expect(h!.moves.length).toBeGreaterThan(0);
    for (const m of h!.moves) {
      expect(m.from).toEqual(['certificates']);
      expect(m.to).toContain('permits');
    }
    // Moved as it says, the roster meets the target.
    const moved = roster.map((c) => ({ ...c, serviceIds: h!.moves.find((m) => m.counterId === c.counterId)?.to ?? c.serviceIds }));
    expect(staffingPlan(services, moved, 0.8).hours[0]!.rosterMeets).toBe(true);
  });

  it('gives the same plan for the same inputs', () => {
    const services = [
      { serviceId: 'a', targetWaitMinutes: 20, serviceMinutes: 12, arrivalsPerHour: hours({ 9: 8 }) },
      { serviceId: 'b', targetWaitMinutes: 10, serviceMinutes: 5, arrivalsPerHour: hours({ 9: 20 }) },
    ];
    const roster = [{ counterId: 'k1', serviceIds: ['a', 'b'] }, { counterId: 'k2', serviceIds: ['b'] }];
    expect(JSON.stringify(staffingPlan(services, roster, 0.8))).toBe(JSON.stringify(staffingPlan(services, roster, 0.8)));
  });

  it('counts a counter\'s usual breaks as they are taken, and its other closures, in the hour\'s share away', () => {
    // Open 08:00–12:00; closed on most days only 10:20–10:30 (a 20-minute break taken at another
    // time each day, learnt as 10:15–10:35) and 11:30–11:45 (a closure).
    const usual: UsualDay = {
      days: 5, held: {},
      open: { k1: [[480, 620], [630, 690], [705, 720]] },
      breaks: { k1: [{ start: 615, minutes: 20, earliest: 600, latest: 650 }] },
    };
    const share = usualBreakShare(usual);
    expect(share[10]).toBeCloseTo(20 / 60, 3);
    expect(share[11]).toBeCloseTo(15 / 60, 3);
    expect(share[9]).toBe(0);
    // Without the breaks learnt (an older usual day), the spans closed on most days.
    expect(usualBreakShare({ ...usual, breaks: {} })[10]).toBeCloseTo(10 / 60, 3);
  });
});

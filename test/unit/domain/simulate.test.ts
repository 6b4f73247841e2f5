// The hall simulator (shared/sim) drives the real domain code; on a stationary M/M/s hall its
// waits must agree with queueing theory (Erlang C), and the same seed must give the same day.
import { describe, expect, it } from 'vitest';
import { erlangC } from '../../../shared/domain/erlang.ts';
import { report } from '../../../shared/sim/accuracy.ts';
import { mmsScenario, parseScenario } from '../../../shared/sim/scenario.ts';
import { simulateDay } from '../../../shared/sim/simulate.ts';
import { PROPERTY_TIMEOUT } from './support.ts';

describe('hall simulator', () => {
  it('reproduces the M/M/s mean wait within its confidence interval', () => {
    for (const { counters, load } of [{ counters: 3, load: 0.8 }, { counters: 5, load: 0.9 }]) {
      const serviceMinutes = 5;
      const scenario = mmsScenario({ counters, serviceMinutes, load, hours: 10 });
      // Day means are independent samples: their mean ± 3 standard errors must hold the theory.
      const dayMeans = [1, 2, 3, 4, 5, 6, 7, 8].map((seed) => {
        const waits = simulateDay(scenario, seed).tickets.map((t) => t.wait!);
        return waits.reduce((a, b) => a + b, 0) / waits.length;
      });
      const mean = dayMeans.reduce((a, b) => a + b, 0) / dayMeans.length;
      const sd = Math.sqrt(dayMeans.reduce((a, b) => a + (b - mean) ** 2, 0) / (dayMeans.length - 1));
      const se = sd / Math.sqrt(dayMeans.length);
      const theory = erlangC(counters, { arrivalsPerHour: (load * counters * 60) / serviceMinutes, serviceMinutes }, 15).meanWaitMinutes;
      expect(Math.abs(mean - theory)).toBeLessThanOrEqual(3 * se);
    }
  }, PROPERTY_TIMEOUT);

  it('gives the same day for the same seed, and serves every ticket', () => {
    const scenario = mmsScenario({ counters: 2, serviceMinutes: 4, load: 0.7, hours: 2 });
    const a = simulateDay(scenario, 42);
    const b = simulateDay(scenario, 42);
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(a.tickets.length).toBeGreaterThan(0);
    expect(a.tickets.every((t) => t.wait !== null && t.wait >= 0)).toBe(true);
    expect(JSON.stringify(simulateDay(scenario, 43))).not.toBe(JSON.stringify(a));
  });

  it('plays shifts, breaks, priorities and no-shows through the domain, and reports them', () => {
    const scenario = parseScenario({
      name: 'small', services: [
        { id: 'a', prefix: 'A', targetWaitMinutes: 10, serviceTime: { mean: 4 }, arrivalsPerHour: { 8: 20, 9: 20 }, priorityShare: 0.2, noShowShare: 0.1 },
        { id: 'b', prefix: 'B', targetWaitMinutes: 5, serviceTime: { mean: 2 }, arrivalsPerHour: { 8: 10, 9: 10 } },
      ],
      counters: [
        { id: 'k1', services: ['a', 'b'], shifts: [['08:00', '10:00']], breaks: [['09:00', 15]] },
        { id: 'k2', services: ['a'], shifts: [['08:00', '09:30']] },
      ],
    });
    const day = simulateDay(scenario, 7);
    const r = report([day]);
    expect(day.noShows).toBeGreaterThan(0);
    expect(day.tickets.some((t) => t.duringBreak)).toBe(true);
    expect(day.tickets.some((t) => t.priority)).toBe(true);
    expect(r.unfinished).toBe(0); // the last counter serves until nothing waits
    expect(r.accuracy.map((s) => s.scope)).toEqual(['all', 'a', 'b', 'break']);
    for (const u of r.utilisation) expect(u.utilisation).toBeGreaterThan(0);
    for (const u of r.utilisation) expect(u.utilisation).toBeLessThanOrEqual(1);
  });

  it('on an M/M/s hall, scores the best possible twice: with the true mean time, and with the mean the hall had learnt by each issue', () => {
    // The hall's prior time (6 min) is the true one: until it has learnt from its own tickets the
    // two agree; then the learnt mean wanders from the truth, and so does that estimate.
    const day = simulateDay(mmsScenario({ counters: 4, serviceMinutes: 6, load: 0.9, hours: 4 }), 301);
    expect(day.tickets.every((t) => t.best !== undefined && t.known !== undefined)).toBe(true);
    const first = day.tickets[0]!;
    expect(first.known!.mean).toBeCloseTo(first.best!, 9);
    expect(day.tickets.some((t) => Math.abs(t.known!.mean - t.best!) > 0.5)).toBe(true);
    const all = report([day]).accuracy[0]!.estimators;
    expect(all.known!.intervalScore).toBeGreaterThan(0);
    // Realistic days have no such oracle.
    const busy = simulateDay(parseScenario({ name: 'two', services: [{ id: 'a', prefix: 'A', targetWaitMinutes: 10, serviceTime: { mean: 4, dist: 'lognormal' }, arrivalsPerHour: { 8: 20 } }], counters: [{ id: 'k', services: ['a'], shifts: [['08:00', '09:00']] }] }), 1);
    expect(busy.tickets.some((t) => t.known !== undefined)).toBe(false);
  });

  it('refuses a counter serving an unknown service', () => {
    expect(() => parseScenario({ name: 'x', services: [{ id: 'a', prefix: 'A', targetWaitMinutes: 5, serviceTime: { mean: 3 }, arrivalsPerHour: {} }], counters: [{ id: 'k', services: ['z'], shifts: [['08:00', '09:00']] }] })).toThrow(/unknown service z/);
  });
});

// The staffing planner's Erlang C against published figures and the textbook formula.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countersNeeded, erlangC, probabilityOfWaiting } from '../../../shared/domain/erlang.ts';
import { plan } from '../../../electron/hub/plan-cli.ts';

/** The textbook formula with factorials, for loads small enough to compute it directly. */
function naiveErlangC(c: number, a: number): number {
  let fact = 1;
  let sum = 0;
  for (let k = 0; k < c; k++) {
    if (k > 0) fact *= k;
    sum += a ** k / fact;
  }
  const top = (a ** c / (fact * c)) * (c / (c - a));
  return top / (sum + top);
}

describe('Erlang C', () => {
  // The worked example published with the formula (call-centre staffing): 100 arrivals in 30
  // minutes, 3 minutes each = 10 Erlangs; target 80 % answered within 20 seconds.
  const example = { arrivalsPerHour: 200, serviceMinutes: 3 };
  it('reproduces the published example: 11 counters wait 68.2 %, 39 % within 20 s; 14 counters 88.8 %', () => {
    const eleven = erlangC(11, example, 20 / 60);
    expect(eleven.probabilityOfWaiting).toBeCloseTo(0.6821, 4);
    expect(eleven.serviceLevel).toBeCloseTo(0.3897, 3);
    expect(eleven.meanWaitMinutes * 60).toBeCloseTo(122.8, 1);
    expect(erlangC(14, example, 20 / 60).serviceLevel).toBeCloseTo(0.8884, 3);
    expect(countersNeeded({ ...example, targetWaitMinutes: 20 / 60, serviceLevel: 0.8 }).counters).toBe(14);
  });

  it('equals the factorial formula wherever that can be computed', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 60 }), fc.double({ min: 0.01, max: 0.99, noNaN: true }), (c, rho) => {
      const a = c * rho;
      expect(probabilityOfWaiting(c, a)).toBeCloseTo(naiveErlangC(c, a), 9);
    }));
  });

  it('needs more counters for more arrivals, longer services or a stricter target, and never one that cannot keep up', () => {
    fc.assert(fc.property(fc.double({ min: 1, max: 400, noNaN: true }), fc.double({ min: 0.5, max: 30, noNaN: true }), (arrivals, minutes) => {
      const base = countersNeeded({ arrivalsPerHour: arrivals, serviceMinutes: minutes, targetWaitMinutes: 10, serviceLevel: 0.8 });
      expect(base.counters).toBeGreaterThan(base.offeredLoad);
      expect(base.serviceLevel).toBeGreaterThanOrEqual(0.8);
      if (base.counters > 1) expect(erlangC(base.counters - 1, { arrivalsPerHour: arrivals, serviceMinutes: minutes }, 10).serviceLevel).toBeLessThan(0.8);
      expect(countersNeeded({ arrivalsPerHour: arrivals * 1.5, serviceMinutes: minutes, targetWaitMinutes: 10, serviceLevel: 0.8 }).counters).toBeGreaterThanOrEqual(base.counters);
      expect(countersNeeded({ arrivalsPerHour: arrivals, serviceMinutes: minutes, targetWaitMinutes: 2, serviceLevel: 0.95 }).counters).toBeGreaterThanOrEqual(base.counters);
    }));
  });
});

describe('./dawr plan', () => {
  it('prints { counters, serviceLevel, … } with --json, taking the level as a share or a percentage', () => {
    const out = JSON.parse(plan(['--arrivals-per-hour', '200', '--service-minutes', '3', '--target-wait', String(20 / 60), '--service-level', '80', '--json']));
    expect(out).toMatchObject({ counters: 14, model: 'erlang-c' });
    expect(out.serviceLevel).toBeCloseTo(0.8884, 3);
    expect(JSON.parse(plan(['--arrivals-per-hour', '200', '--service-minutes', '3', '--target-wait', String(20 / 60), '--service-level', '0.8', '--json'])).counters).toBe(14);
    expect(plan(['--arrivals-per-hour', '40', '--service-minutes', '6', '--target-wait', '10', '--service-level', '0.8'])).toMatch(/counters needed: 5/);
  });

  it('refuses missing or nonsensical figures with a clear message', () => {
    expect(() => plan(['--service-minutes', '3', '--target-wait', '5', '--service-level', '0.8'])).toThrow(/--arrivals-per-hour needs a number/);
    expect(() => plan(['--arrivals-per-hour', '10', '--service-minutes', '0', '--target-wait', '5', '--service-level', '0.8'])).toThrow(/service minutes > 0/);
    expect(() => plan(['--arrivals-per-hour', '10', '--service-minutes', '3', '--target-wait', '5', '--service-level', '100'])).toThrow(/service level/);
    expect(() => plan(['--arrivals-per-hour', '10', '--bogus', '1'])).toThrow();
  });
});

// Call-next routing (brief §5, routing.ts): waited ÷ target, priority weighted, overdue first,
// ties to the earlier ticket, FIFO within a service and priority class, deterministic.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_ROUTING, callOrder, pickNext } from '../../../shared/domain/routing.ts';
import type { RoutingPolicy, TicketRecord } from '../../../shared/domain/hall-state.ts';
import type { Priority } from '../../../shared/protocol/entities.ts';
import { MIN, T0, clerk1, issue, must, newHall, record, serviceMap, ticketOf } from './support.ts';

const services = serviceMap(); // civil 10 min, permits 5 min, payments 30 min
const ALL = new Set(['civil', 'permits', 'payments']);
const ids = (list: TicketRecord[]) => list.map((t) => t.id);
const order = (list: TicketRecord[], now: number, policy: RoutingPolicy = DEFAULT_ROUTING, only?: Set<string>) => ids(callOrder(list, services, now, policy, only));

describe('callOrder and pickNext', () => {
  const now = T0 + 60 * MIN;

  it('take the largest waited ÷ target first', () => {
    const a = record('a', 'civil', now - 8 * MIN, 1); // 0.8
    const b = record('b', 'permits', now - 5 * MIN, 2); // 1.0
    const c = record('c', 'payments', now - 15 * MIN, 3); // 0.5
    expect(order([a, b, c], now)).toEqual(['b', 'a', 'c']);
    expect(pickNext([a, b, c], services, now, DEFAULT_ROUTING, ALL)?.id).toBe('b');
  });

  it('weight a priority ticket by priorityFactor', () => {
    const plain = record('plain', 'civil', now - 8 * MIN, 1); // 0.8
    const elderly = record('elderly', 'civil', now - 5 * MIN, 2, 'elderly'); // 0.5 × 2 = 1.0
    const young = record('young', 'civil', now - 3 * MIN, 3, 'pregnancy'); // 0.3 × 2 = 0.6
    expect(order([plain, elderly, young], now)).toEqual(['elderly', 'plain', 'young']);
    expect(order([plain, elderly, young], now, { ...DEFAULT_ROUTING, priorityFactor: 1 })).toEqual(['plain', 'elderly', 'young']);
    expect(order([plain, elderly, young], now, { ...DEFAULT_ROUTING, priorityFactor: 3 })).toEqual(['elderly', 'young', 'plain']);
  });

  it('count a checked-in appointment as priority', () => {
    const plain = record('plain', 'civil', now - 8 * MIN, 1);
    const appt = record('appt', 'civil', now - 5 * MIN, 2, 'appointment');
    expect(order([plain, appt], now)).toEqual(['appt', 'plain']);
  });

  it('wait a checked-in appointment as an ordinary ticket until its slot, then call it before every walk-in not overdue', () => {
    // civil: target 10 min, overdue at 20.
    const walkIn = record('walk-in', 'civil', now - 6 * MIN, 1); // 0.6
    const longWait = record('long', 'civil', now - 19 * MIN, 2); // 1.9, not yet overdue
    const appt = { ...record('appt', 'civil', now - 1 * MIN, 3, 'appointment'), dueMs: now + 5 * MIN };
    // Checked in 1 minute ago, due in 5: 0.1, unweighted.
    expect(order([walkIn, longWait, appt], now)).toEqual(['long', 'walk-in', 'appt']);
    // At its slot's start: as a priority ticket waiting since one target before it (score 2).
    const due = now + 5 * MIN;
    expect(order([walkIn, longWait, appt], due)).toEqual(['long', 'appt', 'walk-in']); // long is overdue by then (24 min)
    const fresh = record('fresh', 'civil', due - 15 * MIN, 4); // 1.5
    expect(order([walkIn, fresh, appt], due)).toEqual(['appt', 'fresh', 'walk-in']); // 2 > 1.5 > 1.1
    expect(pickNext([walkIn, fresh, appt], services, due, DEFAULT_ROUTING, ALL)?.id).toBe('appt');
  });

  it('break score ties by the earlier issue time, then by issue order', () => {
    const a = record('a', 'civil', now - 10 * MIN, 2); // 1.0, issued earlier
    const b = record('b', 'permits', now - 5 * MIN, 1); // 1.0
    expect(order([b, a], now)).toEqual(['a', 'b']);
    const x = record('x', 'civil', now - 4 * MIN, 7);
    const y = record('y', 'civil', now - 4 * MIN, 6);
    expect(order([x, y], now)).toEqual(['y', 'x']);
  });

  it('take overdue tickets first, in issue order, even against a higher score', () => {
    const oldPayment = record('pay', 'payments', now - 60 * MIN, 1); // overdue at 2 × 30 min, score 2
    const overdueCivil = record('civ', 'civil', now - 25 * MIN, 2); // overdue, score 2.5
    const priority = record('pri', 'permits', now - 9 * MIN, 3, 'elderly'); // score 3.6, not overdue (< 10 min)
    expect(order([priority, overdueCivil, oldPayment], now)).toEqual(['pay', 'civ', 'pri']);
    const justBelow = record('pay2', 'payments', now - 60 * MIN + 1, 0);
    expect(order([priority, justBelow], now)).toEqual(['pri', 'pay2']);
  });

  it('consider only waiting tickets of the requested services', () => {
    const a = record('a', 'civil', now - 20 * MIN, 1);
    const b = { ...record('b', 'civil', now - 30 * MIN, 2), status: 'parked' as const };
    const c = record('c', 'payments', now - 50 * MIN, 3);
    expect(order([a, b, c], now, DEFAULT_ROUTING, new Set(['civil']))).toEqual(['a']);
    expect(pickNext([b, c], services, now, DEFAULT_ROUTING, new Set(['civil', 'permits']))).toBeUndefined();
  });
});

const prio = fc.constantFrom<Priority>('none', 'none', 'elderly', 'appointment');
const records = fc.uniqueArray(
  fc.record({ service: fc.constantFrom('civil', 'permits', 'payments'), since: fc.nat(240 * MIN), ord: fc.nat(10_000), priority: prio }),
  { selector: (r) => r.ord, minLength: 1, maxLength: 40 },
).map((rs) => rs.map((r) => record(`t${r.ord}`, r.service, T0 + r.since, r.ord, r.priority)));
const policy = fc.record({ priorityFactor: fc.double({ min: 1, max: 5, noNaN: true }), overdueFactor: fc.double({ min: 1.01, max: 4, noNaN: true }) });

describe('routing properties', () => {
  it('is first-in first-out within one service and one priority class', () => {
    fc.assert(fc.property(records, fc.nat(400 * MIN), policy, (list, later, pol) => {
      const now = T0 + later;
      const ordered = callOrder(list, services, now, pol);
      const classes = new Map<string, TicketRecord[]>();
      for (const t of ordered) {
        const key = `${t.serviceId}/${t.priority === 'none' ? 'plain' : 'priority'}`;
        classes.set(key, [...(classes.get(key) ?? []), t]);
      }
      for (const [key, seq] of classes) {
        const byIssue = [...seq].sort((a, b) => a.waitingSince - b.waitingSince || a.ordinal - b.ordinal);
        expect(ids(seq), key).toEqual(ids(byIssue));
      }
    }));
  });

  it('puts every overdue ticket before every other one, overdue ones in issue order', () => {
    fc.assert(fc.property(records, fc.nat(400 * MIN), policy, (list, later, pol) => {
      const now = T0 + later;
      const overdue = (t: TicketRecord) => now - t.waitingSince >= pol.overdueFactor * services.get(t.serviceId)!.targetWaitMinutes * MIN;
      const ordered = callOrder(list, services, now, pol);
      const k = ordered.filter(overdue).length;
      expect(ordered.slice(0, k).every(overdue)).toBe(true);
      expect(ids(ordered.slice(0, k))).toEqual(ids([...ordered.slice(0, k)].sort((a, b) => a.waitingSince - b.waitingSince || a.ordinal - b.ordinal)));
    }));
  });

  it('is deterministic: any input order gives the same call order, and pickNext is its head', () => {
    fc.assert(fc.property(records.chain((l) => fc.tuple(fc.constant(l), fc.shuffledSubarray(l, { minLength: l.length }))), fc.nat(400 * MIN),
      fc.subarray(['civil', 'permits', 'payments'], { minLength: 1 }), ([list, shuffled], later, only) => {
        const now = T0 + later;
        const set = new Set(only);
        expect(order(shuffled, now, DEFAULT_ROUTING, set)).toEqual(order(list, now, DEFAULT_ROUTING, set));
        expect(pickNext(shuffled, services, now, DEFAULT_ROUTING, set)?.id).toBe(order(list, now, DEFAULT_ROUTING, set)[0]);
      }));
  });

  it('calls tickets of one service and class in issue order through the commands, at random issue and call times', () => {
    const steps = fc.array(fc.oneof(
      fc.record({ kind: fc.constant('issue' as const), service: fc.constantFrom('civil', 'permits'), priority: fc.boolean(), dt: fc.nat(8 * MIN) }),
      fc.record({ kind: fc.constant('call' as const), dt: fc.nat(8 * MIN) }),
    ), { maxLength: 80, size: 'max' });
    fc.assert(fc.property(steps, (list) => {
      const state = newHall();
      let now = T0;
      must(state, { type: 'openCounter', counterId: 'c2' }, clerk1, now);
      const called: TicketRecord[] = [];
      for (const s of list) {
        now += s.dt;
        if (s.kind === 'issue') issue(state, s.service, now, s.priority ? 'disability' : 'none');
        else {
          const [e] = must(state, { type: 'callNext', counterId: 'c2' }, clerk1, now);
          if (e?.type !== 'ticket.called') continue;
          called.push(ticketOf(state, e.ticketId));
          must(state, { type: 'start', ticketId: e.ticketId }, clerk1, now);
          must(state, { type: 'complete', ticketId: e.ticketId }, clerk1, now);
        }
      }
      for (const key of ['civil/none', 'civil/disability', 'permits/none', 'permits/disability']) {
        const seq = called.filter((t) => `${t.serviceId}/${t.priority}` === key);
        expect(seq.map((t) => t.ordinal), key).toEqual(seq.map((t) => t.ordinal).sort((a, b) => a - b));
      }
    }));
  });
});

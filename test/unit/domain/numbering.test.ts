// Ticket numbers (brief §5): 001, 002, … per prefix per business day, shown A-042, never reused
// within a day — also not after a restart that rebuilds the state from the stored events.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { businessDay } from '../../../shared/domain/business-day.ts';
import { dayRollover } from '../../../shared/domain/commands.ts';
import { formatTicketNumber, nextTicketNumber, ticketId } from '../../../shared/domain/numbering.ts';
import type { HallState } from '../../../shared/domain/hall-state.ts';
import { apply } from '../../../shared/domain/fold.ts';
import type { DomainEvent } from '../../../shared/protocol/events.ts';
import { MIN, PROPERTY_TIMEOUT, T0, branch, clerk1, exec, issue, must, newHall, supervisor } from './support.ts';

const DAY = 24 * 60 * MIN;

/** Applies the day rollover the hub runs before each command; returns the events it appended. */
function roll(state: HallState, now: number, log?: DomainEvent[]): DomainEvent[] {
  const events = dayRollover(state, now);
  for (const e of events) {
    apply(state, e);
    log?.push(e);
  }
  return events;
}

/** A fresh state rebuilt from the log, as the hub does from its store at start-up. */
function restart(log: DomainEvent[], at: number): HallState {
  const state = newHall({ at });
  for (const e of log) apply(state, e);
  return state;
}

describe('ticket numbers', () => {
  it('are shown as prefix, dash and three digits, and keep counting past 999', () => {
    expect(formatTicketNumber('A', 42)).toBe('A-042');
    expect(formatTicketNumber('B', 1)).toBe('B-001');
    expect(formatTicketNumber('A', 1000)).toBe('A-1000');
    expect(ticketId('2025-03-02', 'A', 7)).toBe('2025-03-02-A007');
    expect(nextTicketNumber(new Map([['A', 999]]), 'A')).toBe(1000);
    expect(nextTicketNumber(new Map(), 'Z')).toBe(1);
  });

  it('run 001, 002, … per prefix, independently for each service', () => {
    const state = newHall();
    const shown = ['civil', 'civil', 'permits', 'civil', 'permits'].map((s, i) => issue(state, s, T0 + i * MIN).number);
    expect(shown).toEqual(['A-001', 'A-002', 'B-001', 'A-003', 'B-002']);
  });

  it('are not reused when a ticket is cancelled', () => {
    const state = newHall();
    const a1 = issue(state, 'civil', T0);
    must(state, { type: 'cancel', ticketId: a1.id }, supervisor, T0 + MIN);
    expect(issue(state, 'civil', T0 + 2 * MIN).number).toBe('A-002');
  });

  it('restart at 001 on the next business day (day.opened from dayRollover)', () => {
    const state = newHall();
    issue(state, 'civil', T0);
    issue(state, 'civil', T0 + MIN);
    expect(roll(state, T0 + 2 * MIN)).toEqual([]);
    const tomorrow = T0 + DAY;
    const opened = roll(state, tomorrow);
    expect(opened).toEqual([{ type: 'day.opened', at: new Date(tomorrow).toISOString(), day: '2025-03-03' }]);
    expect(state.day).toBe('2025-03-03');
    const t = issue(state, 'civil', tomorrow);
    expect(t.number).toBe('A-001');
    expect(t.day).toBe('2025-03-03');
    expect(t.id).not.toBe('2025-03-02-A001');
  });

  it('continue after a restart that replays the stored events, also when the last ticket was cancelled', () => {
    const log: DomainEvent[] = [];
    const state = newHall();
    for (let i = 0; i < 4; i++) issue(state, i % 2 ? 'permits' : 'civil', T0 + i * MIN, 'none', log);
    const last = issue(state, 'civil', T0 + 5 * MIN, 'none', log);
    must(state, { type: 'cancel', ticketId: last.id }, supervisor, T0 + 6 * MIN, log);
    const rebuilt = restart(log, T0 + 7 * MIN);
    expect(rebuilt.lastNumber).toEqual(state.lastNumber);
    expect(issue(rebuilt, 'civil', T0 + 7 * MIN).number).toBe('A-004');
    expect(issue(rebuilt, 'permits', T0 + 7 * MIN).number).toBe('B-003');
  });

  it('continue after a restart whose log spans a day change', () => {
    const log: DomainEvent[] = [];
    const state = newHall();
    issue(state, 'civil', T0, 'none', log);
    issue(state, 'civil', T0 + MIN, 'none', log);
    roll(state, T0 + DAY, log);
    issue(state, 'civil', T0 + DAY, 'none', log);
    const rebuilt = restart(log, T0);
    expect(rebuilt.day).toBe('2025-03-03');
    expect(issue(rebuilt, 'civil', T0 + DAY + MIN).number).toBe('A-002');
  });

  // A clock that ran fast over midnight and is then corrected (NTP) steps back into the previous
  // business day. Re-opening that day would clear today's counters and reuse today's numbers.
  it('a clock stepping back across midnight does not reopen the previous day nor reuse its numbers', () => {
    const state = newHall();
    const beforeMidnight = Date.parse('2025-03-02T20:50:00.000Z'); // 23:50 in Riyadh
    const a = issue(state, 'civil', beforeMidnight);
    expect(a.number).toBe('A-001');
    const fastClock = Date.parse('2025-03-02T21:05:00.000Z'); // 00:05 on the 3rd
    roll(state, fastClock);
    const b = issue(state, 'civil', fastClock);
    expect(b.id).toBe('2025-03-03-A001');
    const corrected = Date.parse('2025-03-02T20:56:00.000Z'); // back to 23:56 on the 2nd
    roll(state, corrected);
    const c = issue(state, 'civil', corrected);
    expect(c.id, 'ticket id (and number A-001 of 2025-03-02) issued twice').not.toBe(a.id);
    expect(state.tickets.has(b.id), "today's tickets were wiped").toBe(true);
    expect(dayRollover(state, corrected)).toEqual([]);
  });
});

describe('ticket numbers under random commands, day changes and restarts', () => {
  const step = fc.oneof(
    { arbitrary: fc.record({ kind: fc.constant('issue' as const), service: fc.constantFrom('civil', 'permits', 'payments'), dt: fc.nat(20 * MIN) }), weight: 6 },
    { arbitrary: fc.record({ kind: fc.constantFrom('cancel' as const, 'serve' as const), pick: fc.nat(50), dt: fc.nat(10 * MIN) }), weight: 3 },
    { arbitrary: fc.record({ kind: fc.constant('restart' as const), dt: fc.nat(MIN) }), weight: 1 },
    { arbitrary: fc.record({ kind: fc.constant('nextDay' as const), dt: fc.integer({ min: 6 * 60 * MIN, max: 30 * 60 * MIN }) }), weight: 1 },
  );

  it('never issue the same number twice within a day, and run without gaps from 001', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 100, size: 'max' }), (steps) => {
        const log: DomainEvent[] = [];
        let state = newHall();
        let now = T0;
        must(state, { type: 'openCounter', counterId: 'c1' }, clerk1, now, log);
        const issued = new Map<string, number[]>(); // `${day} ${prefix}` → numbers in issue order
        for (const s of steps) {
          now += s.dt;
          roll(state, now, log);
          if (s.kind === 'restart') state = restart(log, now);
          else if (s.kind === 'issue') {
            const t = issue(state, s.service, now, 'none', log);
            expect(t.day).toBe(businessDay(now, branch.timeZone));
            const [prefix, n] = t.number.split('-') as [string, string];
            const key = `${t.day} ${prefix}`;
            issued.set(key, [...(issued.get(key) ?? []), Number(n)]);
          } else if (s.kind === 'cancel' || s.kind === 'serve') {
            const live = [...state.tickets.values()].filter((t) => t.status === 'waiting');
            const t = live[s.pick % Math.max(1, live.length)];
            if (!t) continue;
            if (s.kind === 'cancel') must(state, { type: 'cancel', ticketId: t.id }, supervisor, now, log);
            else if (!state.counters.get('c1')?.ticketId && state.counters.get('c1')?.state === 'open') {
              must(state, { type: 'call', ticketId: t.id, counterId: 'c1' }, clerk1, now, log);
              must(state, { type: 'noShow', ticketId: t.id }, clerk1, now, log);
            } else exec(state, { type: 'openCounter', counterId: 'c1' }, clerk1, now, log);
          }
        }
        for (const [key, numbers] of issued) {
          expect(numbers, key).toEqual(numbers.map((_n, i) => i + 1));
        }
      }),
      { numRuns: 200 },
    );
  }, PROPERTY_TIMEOUT);
});

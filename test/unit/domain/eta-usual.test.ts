// The hall's usual day (eta-usual.ts) and the quote's calibration (eta-calibration.ts): what the
// expected wait learns from the days before and from today's own quotes.
import { describe, expect, it } from 'vitest';
import { learnQuoteError, MODEL_SCORES, quoteScores } from '../../../shared/domain/eta-calibration.ts';
import { estimateNew, placements } from '../../../shared/domain/eta.ts';
import { USUAL_WEIGHT, learnUsualDay, usualPlans, usualWeight } from '../../../shared/domain/eta-usual.ts';
import type { UsualDay } from '../../../shared/domain/hall-state.ts';
import { apply } from '../../../shared/domain/fold.ts';
import type { DomainEvent } from '../../../shared/protocol/events.ts';
import { MIN, T0, clerk1, clerk3, issue, must, newHall } from './support.ts';

/** An instant of a day of March 2025 at HH:MM in Riyadh (+03:00). */
const at = (day: number, hhmm: string) => new Date(`2025-03-0${day}T${hhmm}:00+03:00`).toISOString();

/** Counter c1's day: open for each [from, to) span; a span ends on a break where its end is listed in `breaks`, else the counter closes. */
function counterDay(day: number, spans: [string, string][], breaks: string[]): DomainEvent[] {
  return spans.flatMap(([from, to]): DomainEvent[] => [
    { type: 'counter.opened', at: at(day, from), counterId: 'c1', clerkId: 'clerk1' },
    breaks.includes(to) ? { type: 'counter.break', at: at(day, to), counterId: 'c1' } : { type: 'counter.closed', at: at(day, to), counterId: 'c1' },
  ]);
}

function dayOfEvents(day: number, opts: { c2?: boolean } = {}): DomainEvent[] {
  const ticket = (n: number) => ({
    id: `d${day}-${n}`, number: `A-00${n}`, serviceId: 'civil', status: 'waiting' as const, priority: 'none' as const, lang: 'ar' as const,
    issuedAt: at(day, '08:00'), day: `2025-03-0${day}`, recalls: 0, transferredFrom: [], identityVerified: false, trackingCode: `T${day}${n}`,
  });
  return [
    { type: 'counter.opened', at: at(day, '08:00'), counterId: 'c1', clerkId: 'clerk1' },
    ...(opts.c2 ? [{ type: 'counter.opened', at: at(day, '08:00'), counterId: 'c2', clerkId: 'clerk2' } as const, { type: 'counter.closed', at: at(day, '09:00'), counterId: 'c2' } as const] : []),
    { type: 'ticket.issued', at: at(day, '08:00'), ticket: ticket(1), quote: { minMinutes: 0, maxMinutes: 1 }, by: 'kiosk' },
    { type: 'ticket.called', at: at(day, '08:01'), ticketId: `d${day}-1`, counterId: 'c1' },
    { type: 'ticket.completed', at: at(day, '08:13'), ticketId: `d${day}-1`, counterId: 'c1' },
    { type: 'ticket.issued', at: at(day, '08:00'), ticket: ticket(2), quote: { minMinutes: 0, maxMinutes: 1 }, by: 'kiosk' },
    { type: 'ticket.called', at: at(day, '08:20'), ticketId: `d${day}-2`, counterId: 'c1' },
    { type: 'ticket.completed', at: at(day, '08:26'), ticketId: `d${day}-2`, counterId: 'c1' },
    { type: 'counter.break', at: at(day, '10:00'), counterId: 'c1' },
    { type: 'counter.opened', at: at(day, '10:20'), counterId: 'c1', clerkId: 'clerk1' },
    // A ticket left open all afternoon counts as two hours, not five.
    { type: 'ticket.issued', at: at(day, '10:30'), ticket: ticket(3), quote: { minMinutes: 0, maxMinutes: 1 }, by: 'kiosk' },
    { type: 'ticket.called', at: at(day, '10:30'), ticketId: `d${day}-3`, counterId: 'c1' },
    { type: 'ticket.completed', at: at(day, '15:30'), ticketId: `d${day}-3`, counterId: 'c1' },
    { type: 'counter.closed', at: at(day, '12:00'), counterId: 'c1' },
  ] as DomainEvent[];
}

describe('the usual day', () => {
  it('is when each counter was open on most of the days, and how long each service held a counter', () => {
    const usual = learnUsualDay([dayOfEvents(1, { c2: true }), dayOfEvents(2), dayOfEvents(3)], 'Asia/Riyadh');
    expect(usual.days).toBe(3);
    // 08:00–10:00 and 10:20–12:00; counter 2 opened on one day of three only.
    expect(usual.open).toEqual({ c1: [[480, 600], [620, 720]] });
    expect(usual.held.civil!.n).toBe(9);
    expect(usual.held.civil!.mean).toBeCloseTo((12 + 6 + 120) / 3, 6);
    // Three tickets a day say nothing of how the days differ: the usual time is worth the least.
    expect(usual.held.civil!.weight).toBe(USUAL_WEIGHT.min);
  });

  it('knows how long a counter\'s breaks last, though taken at another time each day, and foresees the whole break', () => {
    const day = (n: number, start: string, end: string) => counterDay(n, [['08:00', start], [end, '12:00']], [start]);
    const usual = learnUsualDay([day(1, '10:00', '10:20'), day(2, '10:15', '10:35'), day(3, '10:30', '10:50'), day(4, '10:05', '10:25'), day(5, '10:25', '10:45')], 'Asia/Riyadh');
    // Twenty minutes each day from 10:00, 10:15, 10:30, 10:05 and 10:25: closed on most days only
    // 10:15–10:20 and 10:30–10:35.
    expect(usual.open.c1).toEqual([[480, 615], [620, 630], [635, 720]]);
    // The break itself: at the median start (10:15), for the median length.
    expect(usual.breaks).toEqual({ c1: [{ start: 615, minutes: 20, earliest: 600, latest: 650 }] });
    const state = newHall();
    state.usual = usual;
    must(state, { type: 'openCounter', counterId: 'c1' }, clerk1, T0 - 60 * MIN);
    // At 09:00: one break foreseen, 10:15–10:35 (not two short ones), then its closing at 12:00.
    expect(usualPlans(state, [...state.counters.values()], T0).get('c1')).toEqual({ gaps: [75, 95, 180, Infinity], asBreak: [true, false], pendingBreak: 0, opensIn: Infinity });
  });

  it('tells a usual closure from a break: the closure is a time of the clock and a break taken today does not stand for it', () => {
    // Every day: a break from about 10:00 for 20 minutes, and closed 12:00–12:30 (a meeting).
    const day = (n: number, start: string, end: string) => counterDay(n, [['08:00', start], [end, '12:00'], ['12:30', '14:00']], [start]);
    const usual = learnUsualDay([day(1, '10:00', '10:20'), day(2, '10:05', '10:25'), day(3, '09:55', '10:15')], 'Asia/Riyadh');
    expect(usual.breaks).toEqual({ c1: [{ start: 600, minutes: 20, earliest: 595, latest: 625 }] });
    const state = newHall();
    state.usual = usual;
    must(state, { type: 'openCounter', counterId: 'c1' }, clerk1, T0 - 60 * MIN);
    const counters = [...state.counters.values()];
    // At 09:00: the break at 10:00 (for its length), the closure at 12:00–12:30 (the clock), the closing at 14:00.
    expect(usualPlans(state, counters, T0).get('c1')).toEqual({ gaps: [60, 80, 180, 210, 300, Infinity], asBreak: [true, false, false], pendingBreak: 0, opensIn: Infinity });
    // The break taken early (09:00–09:10): the usual one is skipped, the closure stands.
    must(state, { type: 'break', counterId: 'c1' }, clerk1, T0);
    must(state, { type: 'openCounter', counterId: 'c1' }, clerk1, T0 + 10 * MIN);
    expect(usualPlans(state, counters, T0 + 15 * MIN).get('c1')).toEqual({ gaps: [165, 195, 285, Infinity], asBreak: [false, false], pendingBreak: 0, opensIn: Infinity });
    // At 12:40, back from the closure with the break taken: nothing is owed.
    expect(usualPlans(state, counters, T0 + 220 * MIN).get('c1')!.pendingBreak).toBe(0);
  });

  it('is trusted as much as the days were alike (empirical Bayes)', () => {
    // Five days of 100 tickets whose means differ only as much as 100 samples of spread 5 do.
    const alike = [5.2, 4.9, 5.0, 4.8, 5.1].map((m) => ({ n: 100, sum: 100 * m }));
    expect(usualWeight(alike, 25)).toBe(USUAL_WEIGHT.max);
    // Days whose means run from 3 to 7 minutes: today's own tickets soon outweigh them.
    const differ = [3, 5, 7, 4, 6].map((m) => ({ n: 100, sum: 100 * m }));
    expect(usualWeight(differ, 25)).toBeCloseTo(25 / (2.5 - 0.25), 6);
    expect(usualWeight(differ, 25)).toBeLessThan(12);
    // Two days cannot tell.
    expect(usualWeight(alike.slice(0, 2), 25)).toBe(USUAL_WEIGHT.min);
  });

  it('foresees a counter\'s break and closing, unless today already says otherwise', () => {
    const state = newHall();
    state.usual = { days: 5, held: {}, open: { c1: [[480, 600], [620, 720]], c2: [[480, 840]] } } satisfies UsualDay;
    must(state, { type: 'openCounter', counterId: 'c1' }, clerk1, T0 - 60 * MIN);
    // 09:00 in Riyadh: the break is an hour away (20 minutes), the closing three hours — counter 2 stays later for its services.
    const counters = [...state.counters.values()];
    expect(usualPlans(state, counters, T0).get('c1')).toEqual({ gaps: [60, 80, 180, Infinity], asBreak: [false, false], pendingBreak: 0, opensIn: Infinity });
    // Counter 2 is the last: it serves the queue out, no closing is foreseen; closed now, it usually opens at 08:00 — absent today.
    expect(usualPlans(state, counters, T0).get('c2')).toEqual({ gaps: [], asBreak: [], pendingBreak: 0, opensIn: Infinity });
    // At 07:00 counter 2 is closed and usually opens in an hour.
    expect(usualPlans(state, counters, T0 - 120 * MIN).get('c2')).toEqual({ gaps: [], asBreak: [], pendingBreak: 0, opensIn: 60 });
    // At 10:05 the usual break is due: it is taken when the ticket in hand is done.
    expect(usualPlans(state, counters, T0 + 65 * MIN).get('c1')).toEqual({ gaps: [115, Infinity], asBreak: [false], pendingBreak: 20, opensIn: Infinity });
    // A break taken early today stands for the usual one.
    must(state, { type: 'break', counterId: 'c1' }, clerk1, T0 - 10 * MIN);
    must(state, { type: 'openCounter', counterId: 'c1' }, clerk1, T0 - 5 * MIN);
    expect(usualPlans(state, counters, T0).get('c1')).toEqual({ gaps: [180, Infinity], asBreak: [false], pendingBreak: 0, opensIn: Infinity });
  });

  it('lengthens the quotes of the tickets that will still wait when their only counter usually goes on break', () => {
    const quotes = (usual?: UsualDay) => {
      const state = newHall();
      if (usual) state.usual = usual;
      // Counter 3 serves payments alone; it holds one ticket; six more wait.
      must(state, { type: 'openCounter', counterId: 'c3' }, clerk3, T0 - 60 * MIN);
      const first = issue(state, 'payments', T0 - 2 * MIN);
      must(state, { type: 'call', ticketId: first.id, counterId: 'c3' }, clerk3, T0 - MIN);
      for (let i = 0; i < 6; i++) issue(state, 'payments', T0);
      return [...placements(state, T0).values()].map((p) => p.meanMinutes);
    };
    const plain = quotes();
    // Usually on break 09:10–09:40.
    const withBreak = quotes({ days: 5, held: {}, open: { c3: [[480, 550], [580, 900]] } });
    expect(withBreak[0]! - plain[0]!).toBeLessThan(5);
    expect(withBreak[5]! - plain[5]!).toBeGreaterThan(20);
  });

  it('lets a free clerk whose usual break is due serve the next citizen first, and the one after wait for the break', () => {
    const state = newHall();
    // Usually on break 09:05–09:25; at 09:10 counter 3 is open, free, and has not had it.
    state.usual = { days: 5, held: { payments: { mean: 5, cv: 0.3, n: 100, weight: 10 } }, open: { c3: [[480, 545], [565, 900]] } };
    must(state, { type: 'openCounter', counterId: 'c3' }, clerk3, T0 - 60 * MIN);
    const now = T0 + 10 * MIN;
    expect(estimateNew(state, 'payments', false, now).quote).toEqual({ minMinutes: 0, maxMinutes: 0 });
    issue(state, 'payments', now);
    expect(estimateNew(state, 'payments', false, now).meanMinutes).toBeGreaterThan(20);
  });

  it('does not let a ticket that outlasts the clerk\'s usual break cancel it: the break is taken once the ticket is done', () => {
    const nextWait = (open: UsualDay['open'], breaks?: UsualDay['breaks']) => {
      const state = newHall();
      // Counter 3 serves payments alone; each takes about 45 minutes; it has just called one, and one waits.
      state.usual = { days: 5, held: { payments: { mean: 45, cv: 0.1, n: 100, weight: 1000 } }, open, ...(breaks ? { breaks } : {}) };
      must(state, { type: 'openCounter', counterId: 'c3' }, clerk3, T0 - 60 * MIN);
      const first = issue(state, 'payments', T0 - 2 * MIN);
      must(state, { type: 'call', ticketId: first.id, counterId: 'c3' }, clerk3, T0);
      const waiting = issue(state, 'payments', T0);
      return placements(state, T0).get(waiting.id)!.meanMinutes;
    };
    // Usually on break 09:10–09:30, while the ticket in hand runs to about 09:45.
    const none = nextWait({ c3: [[480, 900]] });
    const brk = nextWait({ c3: [[480, 550], [570, 900]] }, { c3: [{ start: 550, minutes: 20, earliest: 545, latest: 575 }] });
    // The same span without breaks learnt (a closure, say): a time of the clock, over by then.
    const closure = nextWait({ c3: [[480, 550], [570, 900]] });
    expect(Math.abs(closure - none)).toBeLessThan(1);
    expect(none).toBeGreaterThan(40);
    expect(none).toBeLessThan(50);
    expect(brk - none).toBeGreaterThan(15);
  });

  it('quotes the first ticket of a day from the service\'s usual time at the counter, not the hall-wide default', () => {
    const state = newHall();
    must(state, { type: 'openCounter', counterId: 'c3' }, clerk3, T0 - 60 * MIN);
    const first = issue(state, 'payments', T0 - 2 * MIN);
    must(state, { type: 'call', ticketId: first.id, counterId: 'c3' }, clerk3, T0);
    const before = estimateNew(state, 'payments', false, T0).meanMinutes;
    state.usual = { days: 5, held: { payments: { mean: 20, cv: 0.4, n: 200, weight: 10 } }, open: {} };
    const after = estimateNew(state, 'payments', false, T0).meanMinutes;
    expect(before).toBeLessThan(8); // the default, 6 minutes
    expect(after).toBeGreaterThan(15);
  });
});

describe('the quote\'s calibration', () => {
  it('widens a service\'s ranges, both ends together, when its real waits keep falling outside them, and ignores quotes of 0–1 minute', () => {
    const state = newHall();
    for (let i = 0; i < 50; i++) learnQuoteError(state.learning, 'civil', { minMinutes: 0, maxMinutes: 1 }, 9, false, T0);
    expect(quoteScores(state, 'civil')).toBe(MODEL_SCORES);
    for (let i = 0; i < 50; i++) learnQuoteError(state.learning, 'civil', { minMinutes: 4, maxMinutes: 8 }, 15, false, T0);
    const s = quoteScores(state, 'civil');
    expect(s.high).toBeGreaterThan(MODEL_SCORES.high * 1.5);
    // One width: the range stays centred where the model puts it.
    expect(s.low).toBeCloseTo(-s.high, 9);
    expect(quoteScores(state, 'payments')).toBe(MODEL_SCORES);
  });

  it('calibrates quotes made while a counter of the service is on break apart from the others', () => {
    const state = newHall();
    must(state, { type: 'openCounter', counterId: 'c1' }, clerk1, T0);
    must(state, { type: 'openCounter', counterId: 'c3' }, clerk3, T0);
    expect(issue(state, 'payments', T0).quotedInBreak).toBeUndefined();
    must(state, { type: 'break', counterId: 'c1' }, clerk1, T0 + MIN);
    expect(issue(state, 'payments', T0 + MIN).quotedInBreak).toBe(true);
    // Quotes made during breaks kept holding the real wait: those, and only those, narrow.
    for (let i = 0; i < 200; i++) learnQuoteError(state.learning, 'payments', { minMinutes: 4, maxMinutes: 8 }, 6, true, T0 + MIN);
    const inBreak = quoteScores(state, 'payments');
    expect(inBreak.high - inBreak.low).toBeLessThan(MODEL_SCORES.high - MODEL_SCORES.low);
    expect(inBreak.high - inBreak.low).toBeGreaterThan(0);
    expect(state.learning.quoteScores.has('payments')).toBe(false);
    must(state, { type: 'openCounter', counterId: 'c1' }, clerk1, T0 + 20 * MIN);
    expect(quoteScores(state, 'payments')).toBe(MODEL_SCORES);
  });

  it('narrows them when every wait falls inside, but never inside out', () => {
    const state = newHall();
    for (let i = 0; i < 500; i++) learnQuoteError(state.learning, 'civil', { minMinutes: 4, maxMinutes: 8 }, 6, false, T0);
    const s = quoteScores(state, 'civil');
    expect(s.high - s.low).toBeLessThan(MODEL_SCORES.high - MODEL_SCORES.low);
    expect(s.high - s.low).toBeGreaterThan(0);
  });

  it('is learnt from the day\'s events, so a hub replaying the day quotes the same', () => {
    const log: DomainEvent[] = [];
    const state = newHall();
    must(state, { type: 'openCounter', counterId: 'c3' }, clerk3, T0, log);
    for (let i = 0; i < 12; i++) {
      // Two at once: the first is called at once (0–1 minute, nothing to learn), the second waits for it.
      const t0 = T0 + i * 10 * MIN;
      const a = issue(state, 'payments', t0, 'none', log);
      const b = issue(state, 'payments', t0, 'none', log);
      for (const [t, from] of [[a, t0], [b, t0 + 3 * MIN]] as const) {
        must(state, { type: 'call', ticketId: t.id, counterId: 'c3' }, clerk3, from, log);
        must(state, { type: 'start', ticketId: t.id }, clerk3, from, log);
        must(state, { type: 'complete', ticketId: t.id }, clerk3, from + 3 * MIN, log);
      }
    }
    expect(state.learning.quoteScores.get('payments')?.n).toBeGreaterThan(5);
    const replayed = newHall();
    for (const e of log) apply(replayed, e);
    expect(replayed.learning.quoteScores).toEqual(state.learning.quoteScores);
    const now = T0 + 200 * MIN;
    expect(estimateNew(replayed, 'payments', false, now).quote).toEqual(estimateNew(state, 'payments', false, now).quote);
  });
});

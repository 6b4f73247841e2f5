// The hall's usual day learnt from its own store: a hub whose SQLite file holds the last week
// foresees today's opening, breaks and times at the counter before today has taught them.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHall } from '../../../electron/hub/hall.ts';
import { loadScenario, SCENARIO_DIR } from '../../../electron/hub/simulate-cli.ts';
import { createConfigStore } from '../../../electron/hub/store/config-store.ts';
import { openDatabase } from '../../../electron/hub/store/database.ts';
import { createEventStore } from '../../../electron/hub/store/event-store.ts';
import { manualClock } from '../../../shared/domain/clock.ts';
import { estimateNew } from '../../../shared/domain/eta.ts';
import { simulateDay } from '../../../shared/sim/simulate.ts';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'dawr-usual-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('a hub with last week in its store', () => {
  it('learns each counter\'s usual hours and each service\'s time at the counter, and quotes with them from the first ticket', () => {
    const scenario = loadScenario(`${SCENARIO_DIR}quiet-neighbourhood.json`);
    const db = openDatabase(join(dir, 'dawr.sqlite'));
    const events = createEventStore(db);
    const week = [1, 2, 3, 4, 5].map((seed) => simulateDay(scenario, seed));
    const at = '2026-02-22T04:00:00.000Z';
    events.append([
      ...week[0]!.services.map((service) => ({ type: 'service.saved' as const, at, service })),
      ...scenario.counters.map((c, i) => ({ type: 'counter.saved' as const, at, counter: { id: c.id, number: i + 1, name: { ar: c.id, en: c.id }, serviceIds: c.services } })),
    ], '2026-02-22');
    // The simulated days, stored as the last five business days (their events keep the scenario's clock: the time of day is what counts).
    week.forEach((d, i) => {
      const day = `2026-02-2${3 + i}`;
      events.append(d.events.map((e) => (e.type === 'ticket.issued' ? { ...e, ticket: { ...e.ticket, id: `${day}-${e.ticket.id}`, day, trackingCode: `${day}${e.ticket.trackingCode}` } } : 'ticketId' in e ? { ...e, ticketId: `${day}-${e.ticketId}` } : e)), day);
    });
    const config = createConfigStore(db);
    config.set('branch', { id: 'main', name: { ar: 'ق', en: 'Hall' }, timeZone: 'Asia/Riyadh' });

    // 07:50 on the next day: nobody has opened yet.
    const now = Date.parse('2026-03-01T07:50:00+03:00');
    const hall = createHall({ events, config, clock: manualClock(now) });
    const usual = hall.state.usual;
    expect(usual.days).toBe(5);
    // Every counter opens at 08:00 and has one break (30 minutes, around its time) before the day ends.
    for (const [id, breakAt] of [['counter-1', 690], ['counter-2', 720], ['counter-3', 750]] as const) {
      const spans = usual.open[id]!;
      expect(spans[0]![0]).toBe(480);
      expect(spans).toHaveLength(2);
      const gap = [spans[0]![1], spans[1]![0]];
      expect(Math.abs(gap[0]! - breakAt)).toBeLessThanOrEqual(15);
      expect(gap[1]! - gap[0]!).toBeGreaterThanOrEqual(20);
      expect(gap[1]! - gap[0]!).toBeLessThanOrEqual(40);
    }
    // Time at the counter per ticket (call → finished, walking up and no-shows included): inspection 8 minutes of service, reception 3.
    expect(usual.held['inspection-940']!.mean).toBeGreaterThan(7);
    expect(usual.held['inspection-940']!.mean).toBeLessThan(11);
    expect(usual.held.reception!.mean).toBeLessThan(5);
    // The first citizen, before the counters open, is told to wait until they do — not "0–1 min".
    const first = estimateNew(hall.state, 'inspection-940', false, now);
    expect(first.meanMinutes).toBeGreaterThanOrEqual(9.5);
    expect(first.quote.minMinutes).toBeGreaterThanOrEqual(7);
    db.close();
  });

  it('knows nothing on its first day, and quotes as before', () => {
    const db = openDatabase(join(dir, 'dawr.sqlite'));
    const hall = createHall({ events: createEventStore(db), config: createConfigStore(db), clock: manualClock(Date.parse('2026-03-01T07:50:00+03:00')) });
    expect(hall.state.usual).toEqual({ days: 0, held: {}, open: {} });
    db.close();
  });
});

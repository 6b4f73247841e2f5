// The daily roll-up (shared/reports/rollup.ts) against the exact per-ticket fold, on generated days
// (through the real domain code, a quiet centre and a hall whose queue runs for hours): every
// median and 90th percentile read from the 30-second bins is within 0.25 min of the exact
// nearest-rank figure (the issue asks 0.5), per day and service, per hour, per day and over the
// whole period; counts, sums and the service level are exact; the stored forms read back equal.
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_BRANCH, DEMO_COUNTERS, DEMO_SERVICES } from '../../../electron/hub/demo.ts';
import { generateHistory } from '../../../electron/hub/reports/history.ts';
import { decodeDay, encodeDay } from '../../../electron/hub/reports/rollup-blob.ts';
import { openDatabase } from '../../../electron/hub/store/database.ts';
import { createEventStore } from '../../../electron/hub/store/event-store.ts';
import type { DomainEvent } from '../../../shared/protocol/events.ts';
import { BIN_MS, Histogram, decodeHistogram, encodeHistogram } from '../../../shared/reports/bins.ts';
import { type DayFacts, type TicketFact, createFold } from '../../../shared/reports/facts.ts';
import { computeReport } from '../../../shared/reports/reports.ts';
import { RollupBlock, type RollupRow, addTotals, emptyTotals, rollupDay, rollupFacts, totalsOf } from '../../../shared/reports/rollup.ts';
import { minutes, percentileSorted, share } from '../../../shared/reports/stats.ts';

/** Generated days of one hall, folded per day exactly as the hub folds them. */
function hallDays(o: { counters: number; perDay: number; seed: number; days: number }): DayFacts[] {
  const db = openDatabase(':memory:');
  const events = createEventStore(db);
  const counters = DEMO_COUNTERS.slice(0, o.counters);
  events.append([
    ...DEMO_SERVICES.map((service) => ({ type: 'service.saved' as const, at: '2026-02-27T05:00:00.000Z', service })),
    ...counters.map((counter) => ({ type: 'counter.saved' as const, at: '2026-02-27T05:00:00.000Z', counter })),
  ], '2026-02-27');
  const from = '2026-03-01';
  const to = new Date(Date.parse(`${from}T00:00:00Z`) + (o.days - 1) * 86_400_000).toISOString().slice(0, 10);
  generateHistory({ events, branch: DEMO_BRANCH, services: DEMO_SERVICES, counters, clerks: new Map(counters.map((c, i) => [c.id, `u${i + 1}`])), from, to, ticketsPerDay: o.perDay, seed: o.seed });
  const byDay = new Map<string, DomainEvent[]>();
  for (const r of events.publicSince(0, Number.MAX_SAFE_INTEGER)) if (r.day >= from) (byDay.get(r.day) ?? byDay.set(r.day, []).get(r.day)!).push(r.event);
  db.close();
  const out: DayFacts[] = [];
  let config: { services: typeof DEMO_SERVICES; counters: { id: string; serviceIds: string[] }[] } = { services: DEMO_SERVICES, counters };
  for (const [day, evs] of byDay) {
    const fold = createFold({ timeZone: DEMO_BRANCH.timeZone, services: config.services, counters: config.counters, day });
    for (const e of evs) fold.add(e);
    out.push(fold.finish());
    config = { services: fold.services(), counters: fold.counters() };
  }
  return out;
}

const exact = (waits: number[], p: number) => minutes(percentileSorted(Float64Array.from(waits).sort(), p));
const binned = (waits: number[], p: number) => {
  const h = new Histogram();
  for (const w of waits) h.add(w);
  return minutes(h.percentile(p));
};

let halls: { name: string; days: DayFacts[] }[];
beforeAll(() => {
  halls = [
    { name: 'a quiet centre', days: hallDays({ counters: 8, perDay: 250, seed: 5, days: 6 }) },
    // Three counters for a big hall's arrivals: the queue grows all morning, waits run to hours.
    { name: 'a hall short of counters', days: hallDays({ counters: 3, perDay: 420, seed: 9, days: 5 }) },
  ];
}, 120_000);

describe('the daily roll-up against the exact fold', () => {
  it('holds real days: many tickets, waits from seconds to hours', () => {
    for (const h of halls) expect(h.days.length, h.name).toBeGreaterThanOrEqual(4);
    const longest = Math.max(...halls[1]!.days.flatMap((d) => d.tickets.map((t) => t.waitMs ?? 0)));
    expect(longest).toBeGreaterThan(2 * 3600_000);
  });

  it('medians and 90th percentiles from the bins are within 0.25 min of the exact nearest-rank figure, every grouping', () => {
    let compared = 0;
    let worst = 0;
    for (const h of halls) {
      const tickets = h.days.flatMap((d) => d.tickets);
      const groups = new Map<string, number[]>();
      const add = (k: string, t: TicketFact) => (groups.get(k) ?? groups.set(k, []).get(k)!).push(t.waitMs!);
      for (const t of tickets) {
        if (t.waitMs === null) continue;
        add(`day ${t.day} service ${t.serviceId}`, t);
        add(`day ${t.day}`, t);
        add(`hour ${t.hour}`, t);
        add(`service ${t.serviceId}`, t);
        add('all', t);
      }
      // The same groupings through the reports, from the roll-ups.
      const set = rollupFacts({ tickets, services: h.days.flatMap((d) => d.services), counters: h.days.flatMap((d) => d.counters), marks: [] });
      const q = { from: '2026-01-01', to: '2026-12-31' };
      const byDay = computeReport('summary', set, q).tables.find((t) => t.id === 'by-day')!.rows;
      for (const row of byDay) {
        const waits = groups.get(`day ${row.day} service ${row.service}`);
        if (!waits) continue;
        for (const [p, key] of [[0.5, 'waitMedian'], [0.9, 'waitP90']] as const) {
          const d = Math.abs((row[key] as number) - exact(waits, p)!);
          worst = Math.max(worst, d);
          expect(d, `${h.name} ${row.day} ${row.service} p${p * 100}`).toBeLessThanOrEqual(0.255 + 1e-9);
          compared++;
        }
      }
      const byHour = computeReport('patterns', set, q).tables.find((t) => t.id === 'by-hour')!.rows;
      for (const row of byHour) {
        const waits = groups.get(`hour ${row.hour}`);
        if (!waits) continue;
        expect(Math.abs((row.waitP90 as number) - exact(waits, 0.9)!), `${h.name} hour ${row.hour}`).toBeLessThanOrEqual(0.255 + 1e-9);
        compared++;
      }
      for (const [k, waits] of groups) {
        for (const p of [0.5, 0.9]) {
          const d = Math.abs(binned(waits, p)! - exact(waits, p)!);
          worst = Math.max(worst, d);
          expect(d, `${h.name} ${k} p${p * 100}`).toBeLessThanOrEqual(0.255 + 1e-9);
          compared++;
        }
      }
    }
    expect(compared).toBeGreaterThan(250);
    expect(worst).toBeGreaterThan(0); // the bins are not exact, and the test would see it if they were wrong
  });

  it('counts, sums, means and the service level are exact', () => {
    for (const h of halls) {
      for (const d of h.days) {
        const day = d.tickets[0]!.day;
        const t = totalsOf(rollupDay(day, d).rows);
        const called = d.tickets.filter((x) => x.waitMs !== null);
        const rated = d.tickets.filter((x) => x.rating !== null);
        expect(t).toMatchObject({
          issued: d.tickets.length, called: called.length, within: called.filter((x) => x.waitMs! <= x.targetMs).length,
          served: d.tickets.filter((x) => x.outcome === 'served').length, noShow: d.tickets.filter((x) => x.outcome === 'no_show').length,
          cancelled: d.tickets.filter((x) => x.outcome === 'cancelled').length, unfinished: d.tickets.filter((x) => x.outcome === 'unfinished').length,
          waitSumMs: called.reduce((a, x) => a + x.waitMs!, 0), stints: d.services.length, serviceSumMs: d.services.reduce((a, x) => a + x.ms, 0),
          transferred: d.services.filter((s) => s.ended === 'transferred').length, rated: rated.length, ratingSum: rated.reduce((a, x) => a + x.rating!, 0),
        });
        expect(t.waits.total).toBe(called.length);
        const summary = computeReport('summary', rollupFacts(d), { from: day, to: day }).tables[0]!.rows.at(-1)!;
        expect(summary.serviceLevel).toBe(share(t.within, t.called));
        expect(summary.waitMean).toBe(minutes(t.waitSumMs / t.called));
      }
    }
  });

  it('a period is the sum of its days, and a difference of running totals gives the days between', () => {
    const days = halls[0]!.days.map((d) => totalsOf(rollupDay(d.tickets[0]!.day, d).rows));
    const running = days.map((_, i) => days.slice(0, i + 1).reduce((a, t) => addTotals(a, t), emptyTotals()));
    const middle = addTotals(addTotals(emptyTotals(), running[4]!), running[1]!, -1);
    const direct = days.slice(2, 5).reduce((a, t) => addTotals(a, t), emptyTotals());
    expect({ ...middle, waits: undefined }).toEqual({ ...direct, waits: undefined });
    for (const p of [0.5, 0.9]) expect(middle.waits.percentile(p, middle.called)).toBe(direct.waits.percentile(p, direct.called));
  });

  it('the stored forms read back equal: varint histograms and a day as columns', () => {
    const h = new Histogram();
    for (const ms of [0, 29_999, 30_000, 3 * 3600_000, 3 * 3600_000 + 1, 45 * 60_000]) h.add(ms);
    for (let i = 0; i < 300; i++) h.addBin(7);
    const back = decodeHistogram(encodeHistogram(h)).trim();
    expect([back.first, ...back.counts]).toEqual([h.trim().first, ...h.counts]);
    expect(back.total).toBe(306);
    expect(back.percentile(1)).toBe(((3 * 3600_000) / BIN_MS + 0.5) * BIN_MS);
    const d = halls[1]!.days[0]!;
    const rows = rollupDay(d.tickets[0]!.day, d).rows;
    const block = RollupBlock.fromRows(rows[0]!.day, rows);
    const again = Array.from({ length: block.n }, (_, i) => block.row(i));
    const plain = (r: RollupRow) => ({ ...r, waits: [r.waits.trim().first, ...r.waits.counts], serviceTimes: [r.serviceTimes.trim().first, ...r.serviceTimes.counts] });
    expect(again.map(plain)).toEqual(rows.map(plain));
    // And as the hub stores a day: one BLOB of these columns.
    const stored = decodeDay(block.day, encodeDay(block, [{ day: block.day, counterId: 'c1', clerkId: null, openMs: 5, breakMs: 0 }]));
    expect(Array.from({ length: stored.block.n }, (_, i) => stored.block.row(i)).map(plain)).toEqual(rows.map(plain));
    expect(stored.counters).toEqual([{ day: block.day, counterId: 'c1', clerkId: null, openMs: 5, breakMs: 0 }]);
  });

  it('decoding straight from the bytes adds what a decoded run merged in would, bin for bin', () => {
    // The plain decoding (each varint read, then merged): the reference for Histogram.addEncoded.
    const plainDecode = (bytes: Uint8Array, into: Histogram, sign: number) => {
      let p = 0;
      const get = () => {
        let x = 0;
        let m = 1;
        let b: number;
        do {
          b = bytes[p++]!;
          x += (b & 127) * m;
          m *= 128;
        } while (b & 128 && p < bytes.length);
        return x;
      };
      if (bytes.length === 0) return into;
      const first = get();
      const counts: number[] = [];
      while (p < bytes.length) counts.push(get());
      into.merge({ first, counts }, sign);
      return into;
    };
    let seed = 7;
    const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) % n);
    const runs = Array.from({ length: 60 }, () => {
      const h = new Histogram();
      const first = rnd(3) === 0 ? rnd(600) : rnd(40);
      for (let i = 0, k = rnd(50); i < k; i++) h.addBin(first + rnd(30), rnd(4) === 0 ? 1 + rnd(300_000) : 1 + rnd(100));
      return encodeHistogram(h);
    });
    runs.push(new Uint8Array(0), encodeHistogram(new Histogram()), Uint8Array.from([0x85, 0x01]), Uint8Array.from([3, 0x80]));
    const a = new Histogram();
    const b = new Histogram();
    runs.forEach((bytes, i) => {
      const sign = i % 3 === 2 ? -1 : 1;
      a.addEncoded(bytes, sign);
      plainDecode(bytes, b, sign);
      expect([a.first, ...a.counts]).toEqual([b.first, ...b.counts]);
      expect(decodeHistogram(bytes)).toEqual(plainDecode(bytes, new Histogram(), 1));
    });
  });
});

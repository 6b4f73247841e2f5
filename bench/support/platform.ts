// A national platform's history for the central benchmarks, without generating years of tickets
// (beyond this machine): a pool of real hall days (generated through the domain code, folded and
// rolled up with the hall's own code) whose roll-up totals are dealt to every centre and day, each
// centre with its own volume and its own quality (its days drawn from a busier or a quieter part
// of the pool), written through central's own roll-up path (writeDayRollups: the day rows and the
// running totals, one transaction per centre, as the fact builder writes a day).
import type pg from 'pg';
import { prepareRollupMonths, writeDayRollups } from '../../electron/central/rollups.ts';
import { DEMO_BRANCH, DEMO_COUNTERS, DEMO_SERVICES } from '../../electron/hub/demo.ts';
import { generateHistory } from '../../electron/hub/reports/history.ts';
import { openDatabase } from '../../electron/hub/store/database.ts';
import { createEventStore } from '../../electron/hub/store/event-store.ts';
import { addDays } from '../../shared/domain/business-day.ts';
import type { DomainEvent } from '../../shared/protocol/events.ts';
import { createFold } from '../../shared/reports/facts.ts';
import { type RollupTotals, rollupDay, totalsOf } from '../../shared/reports/rollup.ts';

/** Roll-up totals of generated hall days, quietest first: `n` days of halls of 4 to 8 counters. */
export function dayPool(n: number, seed = 500): RollupTotals[] {
  const out: RollupTotals[] = [];
  for (let i = 0; i < n; i++) {
    const db = openDatabase(':memory:');
    const events = createEventStore(db);
    const day = addDays('2026-03-01', i);
    const counters = DEMO_COUNTERS.slice(0, 4 + (i % 5));
    events.append([
      ...DEMO_SERVICES.map((service) => ({ type: 'service.saved' as const, at: `${day}T03:00:00.000Z`, service })),
      ...counters.map((counter) => ({ type: 'counter.saved' as const, at: `${day}T03:00:00.000Z`, counter })),
    ], day);
    generateHistory({ events, branch: DEMO_BRANCH, services: DEMO_SERVICES, counters, clerks: new Map(counters.map((c, k) => [c.id, `u${k}`])), from: day, to: day, ticketsPerDay: 180 + ((i * 37) % 260), seed: seed + i, closedWeekdays: [] });
    const fold = createFold({ timeZone: DEMO_BRANCH.timeZone, services: [], day });
    for (const r of events.publicSince(0, 1e9)) fold.add(r.event as DomainEvent);
    out.push(totalsOf(rollupDay(day, fold.finish()).rows));
    db.close();
  }
  return out.sort((a, b) => (a.waits.percentile(0.5, a.called) ?? 0) - (b.waits.percentile(0.5, b.called) ?? 0));
}

export interface Platform {
  municipalities: string[];
  branches: { id: string; municipalityId: string }[];
}

/**
 * Adds `centres` enrolled centres in municipalities of `perMunicipality`, and `days` days of
 * roll-ups from `from` for each, written `parallel` centres at a time; returns them. `onProgress`
 * hears the centres written so far.
 */
export async function seedPlatform(pool: pg.Pool, o: { centres: number; perMunicipality: number; from: string; days: number; pool: RollupTotals[]; parallel?: number; onProgress?: (n: number) => void }): Promise<Platform> {
  const municipalities = Array.from({ length: Math.ceil(o.centres / o.perMunicipality) }, (_, i) => `m${String(i + 1).padStart(3, '0')}`);
  await pool.query('INSERT INTO municipalities (id, name_ar, name_en) SELECT id, $2 || id, $3 || id FROM unnest($1::text[]) AS x(id) ON CONFLICT DO NOTHING', [municipalities, 'بلدية ', 'Municipality ']);
  const branches = Array.from({ length: o.centres }, (_, i) => ({ id: `c${String(i + 1).padStart(5, '0')}`, municipalityId: municipalities[Math.floor(i / o.perMunicipality)]! }));
  await pool.query(
    `INSERT INTO branches (id, municipality_id, name_ar, name_en, district_ar, district_en, enrolled_at)
     SELECT id, m, 'مركز ' || id, 'Centre ' || id, 'حي ' || (row_number() OVER () % 9), 'District ' || (row_number() OVER () % 9), now() FROM unnest($1::text[], $2::text[]) AS x(id, m) ON CONFLICT DO NOTHING`,
    [branches.map((b) => b.id), branches.map((b) => b.municipalityId)],
  );
  const days = Array.from({ length: o.days }, (_, d) => addDays(o.from, d));
  await prepareRollupMonths(pool, days);
  let next = 0;
  let done = 0;
  await Promise.all(Array.from({ length: o.parallel ?? 2 }, async () => {
    const c = await pool.connect();
    try {
      while (next < branches.length) {
        const i = next++;
        // A centre's quality: its days come from a window of the pool (quiet … busy), its volume shifts the pick.
        const base = (i * 7919) % Math.max(1, o.pool.length - 8);
        await c.query('BEGIN');
        await writeDayRollups(c, branches[i]!.id, days.map((day, d) => ({ day, totals: o.pool[base + ((d * 31 + i) % 8)]! })));
        await c.query('COMMIT');
        o.onProgress?.(++done);
      }
    } finally {
      c.release();
    }
  }));
  return { municipalities, branches };
}

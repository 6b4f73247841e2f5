// Folds each branch-day's replicated events with the hall's own fold (shared/reports/facts.ts) and
// rolls the day up (shared/reports/rollup.ts), so central's figures are the hall's figures. A push
// marks the days it touched (branch_days.version); the builder refolds a marked day from its
// events and stores the day's roll-up totals (rollups.ts, with the running totals after it) and
// the live figures in one transaction, then marks it built at the version it read, so events
// arriving meanwhile leave it marked for the next round.
import type pg from 'pg';
import { businessDay } from '../../shared/domain/business-day.ts';
import type { Service } from '../../shared/protocol/entities.ts';
import type { DomainEvent } from '../../shared/protocol/events.ts';
import { type DayFacts, type LiveFacts, createFold } from '../../shared/reports/facts.ts';
import { rollupDay, totalsOf } from '../../shared/reports/rollup.ts';
import { tx } from './db.ts';
import { prepareRollupMonths, writeDayRollups } from './rollups.ts';

export interface BuildResult {
  built: number;
  events: number;
}

async function buildDay(c: pg.PoolClient, branchId: string, day: string, now: number): Promise<number> {
  const v = await c.query<{ version: number; time_zone: string }>(
    'SELECT d.version, b.time_zone FROM branch_days d JOIN branches b ON b.id = d.branch_id WHERE d.branch_id = $1 AND d.day = $2 FOR UPDATE OF d',
    [branchId, day],
  );
  const row = v.rows[0];
  if (!row) return 0;
  const { facts, live, events } = await foldDay(c, branchId, day, row.time_zone, now);
  await writeDayRollups(c, branchId, [{ day, totals: totalsOf(rollupDay(day, facts).rows) }]);
  await c.query('UPDATE branch_days SET built = $3, built_at = $4, live = $5 WHERE branch_id = $1 AND day = $2', [branchId, day, row.version, new Date(now), live ? JSON.stringify(live) : null]);
  return events;
}

/**
 * A branch-day's facts folded from its replicated events with the configuration as it stood before
 * the day's first event (the last saved version of each service and counter, in the hall's log
 * order: the log's order is the truth, not the day label; read from config_events, which outlives
 * a detached month of the log), and the services of that configuration.
 */
export async function foldDay(c: pg.PoolClient | pg.Pool, branchId: string, day: string, tz: string, now: number): Promise<{ facts: DayFacts; live: LiveFacts | null; services: Service[]; events: number }> {
  const cfg = await c.query<{ type: string; body: DomainEvent }>(
    `SELECT DISTINCT ON (type, COALESCE(body->'service'->>'id', body->'counter'->>'id')) type, body
     FROM config_events WHERE branch_id = $1
       AND seq < (SELECT COALESCE(min(seq), 0) FROM events WHERE branch_id = $1 AND day = $2)
     ORDER BY type, COALESCE(body->'service'->>'id', body->'counter'->>'id'), seq DESC`,
    [branchId, day],
  );
  const services: Service[] = [];
  const counters: { id: string; serviceIds: string[] }[] = [];
  for (const r of cfg.rows) {
    if (r.body.type === 'service.saved') services.push(r.body.service);
    else if (r.body.type === 'counter.saved') counters.push({ id: r.body.counter.id, serviceIds: r.body.counter.serviceIds });
  }
  const fold = createFold({ timeZone: tz, services, counters, day });
  const evs = await c.query<{ body: DomainEvent }>('SELECT body FROM events WHERE branch_id = $1 AND day = $2 ORDER BY seq', [branchId, day]);
  let lastAt = 0;
  for (const r of evs.rows) {
    fold.add(r.body);
    lastAt = Math.max(lastAt, Date.parse(r.body.at));
  }
  const today = businessDay(now, tz) === day;
  const live: LiveFacts | null = today ? fold.live() : null;
  const facts = fold.finish(today ? Math.max(now, lastAt) : lastAt);
  return { facts, live, services, events: evs.rows.length };
}

/** Builds up to `limit` marked branch-days, oldest first. */
export async function buildStale(pool: pg.Pool, now: number, limit = 50): Promise<BuildResult> {
  const stale = await pool.query<{ branch_id: string; day: string }>('SELECT branch_id, day FROM branch_days WHERE built <> version ORDER BY day, branch_id LIMIT $1', [limit]);
  let events = 0;
  for (const r of stale.rows) {
    await prepareRollupMonths(pool, [r.day]);
    events += await tx(pool, (c) => buildDay(c, r.branch_id, r.day, now));
  }
  return { built: stale.rows.length, events };
}

/** Runs the builder every `everyMs` until stopped. */
export function startFactBuilder(pool: pg.Pool, o: { now: () => number; everyMs?: number; onError?: (err: Error) => void }) {
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<unknown> = Promise.resolve();
  let stopped = false;
  const round = async () => {
    if (stopped) return;
    running = (async () => {
      try {
        for (let i = 0; i < 20; i++) if ((await buildStale(pool, o.now())).built === 0) break;
      } catch (err) {
        o.onError?.(err as Error);
      }
    })();
    await running;
    if (!stopped) timer = setTimeout(() => void round(), o.everyMs ?? 1000);
  };
  timer = setTimeout(() => void round(), 0);
  return {
    /** Builds everything marked now (tests, the demo). */
    async flush(): Promise<void> {
      await running;
      while ((await buildStale(pool, o.now())).built > 0) { /* until none is left */ }
    },
    async stop(): Promise<void> {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}

// Central's metrics for `GET /metrics` (brief §12; the route is routes/monitoring.ts): what the
// halls push (events written, each push's latency) and how the public league answers, as it
// happens; and at scrape time the fact builder's lag, the halls not heard from and the connection
// pool. The database part is one SQL statement per scrape, shared by the gauges that need it, never
// more than one in flight, and given up on after 2 s (dawr_central_db_up 0) so a busy database
// never holds a scrape.
// Labels stay few: not by branch (a municipality can have thousands of centres) — the halls'
// silence is a count and the longest silence, and the log names the branch.
import type pg from 'pg';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import { LATENCY_BUCKETS } from '../node-common/http/metrics.ts';

/** A hall that has not spoken with central for this long counts as not heard from (an idle hall asks every 10 s). */
export const SILENT_AFTER_MS = 15 * 60_000;
/** How long a scrape waits for the database. */
const DB_WAIT_MS = 2_000;

interface DbFigures {
  pending: number;
  oldestMark: Date | null;
  enrolled: number;
  silent: number;
  oldestContact: Date | null;
}

const FIGURES_SQL = `
  SELECT (SELECT count(*) FROM branch_days WHERE built <> version)::int AS pending,
         (SELECT min(COALESCE(marked_at, built_at)) FROM branch_days WHERE built <> version) AS "oldestMark",
         count(*)::int AS enrolled,
         (count(*) FILTER (WHERE COALESCE(last_push_at, enrolled_at) < $1))::int AS silent,
         min(COALESCE(last_push_at, enrolled_at)) AS "oldestContact"
  FROM branches WHERE enrolled_at IS NOT NULL AND revoked_at IS NULL`;

export function createCentralMetrics(o: { pool: pg.Pool; now: () => number; version: string }) {
  const registry = new Registry();
  const registers = [registry];
  const ingested = new Counter({ name: 'dawr_central_events_ingested_total', help: "Halls' events written to central since it started (a batch sent again adds nothing)", registers });
  const push = new Histogram({
    name: 'dawr_central_push_batch_seconds', help: "A hall's push of a batch of events (POST /api/v1/sync/events), from the request to the answer; result ok, refused (4xx) or failed (5xx)",
    labelNames: ['result'], buckets: LATENCY_BUCKETS, registers,
  });
  const league = new Histogram({
    name: 'dawr_central_public_league_seconds', help: 'The public league or its CSV (GET /api/v1/public/league, league.csv), from the request to the last byte handed to the network; answer table (200), not_modified (304), refused (4xx, 429 included) or failed (5xx)',
    labelNames: ['answer'], buckets: LATENCY_BUCKETS, registers,
  });
  new Gauge({ name: 'dawr_central_info', help: 'The running central; its version is the label', labelNames: ['version'], registers }).set({ version: o.version }, 1);

  let running: Promise<DbFigures | undefined> | undefined;
  const query = async (): Promise<DbFigures | undefined> => {
    const r = await o.pool.query<DbFigures>(FIGURES_SQL, [new Date(o.now() - SILENT_AFTER_MS)]);
    return r.rows[0];
  };
  /** This scrape's figures, or undefined when the database did not answer in time. */
  const figures = async (): Promise<DbFigures | undefined> => {
    running ??= query().catch(() => undefined).finally(() => {
      running = undefined;
    });
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<undefined>((resolve) => {
      timer = setTimeout(resolve, DB_WAIT_MS, undefined);
    });
    try {
      return await Promise.race([running, late]);
    } finally {
      clearTimeout(timer);
    }
  };
  const ageSeconds = (at: Date | null) => (at ? Math.max(0, (o.now() - at.getTime()) / 1000) : 0);
  /** A gauge read from the database figures: absent when the database did not answer. */
  const fromDb = (name: string, help: string, read: (f: DbFigures) => number) =>
    new Gauge({
      name, help, registers,
      async collect() {
        const f = await figures();
        if (f) this.set(read(f));
        else this.remove();
      },
    });

  // The pool is read before this scrape's own query joins it (gauges are collected in this order).
  new Gauge({
    name: 'dawr_central_db_pool_connections', help: 'Connections of the database pool, busy or idle', labelNames: ['state'], registers,
    collect() {
      this.set({ state: 'idle' }, o.pool.idleCount);
      this.set({ state: 'busy' }, o.pool.totalCount - o.pool.idleCount);
    },
  });
  new Gauge({ name: 'dawr_central_db_pool_waiting_queries', help: 'Queries waiting for a connection of the pool', registers, collect() { this.set(o.pool.waitingCount); } });
  new Gauge({ name: 'dawr_central_db_up', help: 'Whether the database answered this scrape within 2 s (1) or not (0)', registers, async collect() { this.set((await figures()) ? 1 : 0); } });
  fromDb('dawr_central_fact_builder_pending_days', 'Branch-days with events not yet folded into facts', (f) => f.pending);
  fromDb('dawr_central_fact_builder_lag_seconds', 'How long the oldest branch-day not yet folded into facts has waited (0 when none waits)', (f) => ageSeconds(f.oldestMark));
  fromDb('dawr_central_halls_enrolled', 'Halls enrolled and not revoked', (f) => f.enrolled);
  fromDb('dawr_central_halls_silent', 'Enrolled halls not heard from for 15 minutes or more', (f) => f.silent);
  fromDb('dawr_central_halls_longest_silence_seconds', 'Time since the enrolled hall heard from longest ago last spoke with central (0 when none is enrolled)', (f) => ageSeconds(f.oldestContact));

  return {
    registry,
    /** A push wrote `n` new events. */
    ingested(n: number): void {
      if (n > 0) ingested.inc(n);
    },
    /** The public league (or its CSV) was answered with `status` after `secs`. */
    leagueAnswered(secs: number, status: number): void {
      league.observe({ answer: status === 200 ? 'table' : status === 304 ? 'not_modified' : status < 500 ? 'refused' : 'failed' }, secs);
    },
    /** The league's timing starts again (after central's own warm-up requests). */
    restartLeagueTiming(): void {
      league.reset();
    },
    /** A push was answered with `status` after `secs`. */
    pushed(secs: number, status: number): void {
      push.observe({ result: status < 400 ? 'ok' : status < 500 ? 'refused' : 'failed' }, secs);
    },
  };
}

export type CentralMetrics = ReturnType<typeof createCentralMetrics>;

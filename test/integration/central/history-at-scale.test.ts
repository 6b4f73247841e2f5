// Central at scale (issue 25), against a real PostgreSQL: halls' generated weeks across a month's
// end pushed over the API (COPY into a staging table, merged idempotently), the log and the
// roll-ups partitioned by month; the league over any period — a day, a month, periods that start
// or end mid-month or cross it — equals the halls' own roll-ups summed day by day; running totals
// written out of order equal those written in order; the public league answers from its cache with
// an ETag (304) and Cache-Control, and a changed roll-up of its period changes it within a second;
// a centre that served nobody shows no percentages, the compare marks a centre's today as partial;
// the rate limiter's 429 carries Retry-After and the API's error shape; an old month detaches, the
// months after it still answer, and a backup leaves the detached table out and restores the rest.
import http from 'node:http';
import { gunzipSync } from 'node:zlib';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backupCentral, restoreCentral } from '../../../electron/central/backup.ts';
import { type RunningCentral, startCentral } from '../../../electron/central/central.ts';
import { detachBefore, listPartitions } from '../../../electron/central/partitions.ts';
import { createQueries } from '../../../electron/central/queries.ts';
import { TOTAL_COLUMNS, periodTotals, prepareRollupMonths, writeDayRollups } from '../../../electron/central/rollups.ts';
import { DEMO_BRANCH, DEMO_COUNTERS, DEMO_SERVICES } from '../../../electron/hub/demo.ts';
import { generateHistory } from '../../../electron/hub/reports/history.ts';
import { openDatabase } from '../../../electron/hub/store/database.ts';
import { createEventStore } from '../../../electron/hub/store/event-store.ts';
import { backupKeyFrom } from '../../../electron/node-common/backup-file.ts';
import { createLogger } from '../../../electron/node-common/log.ts';
import { addDays, businessDay } from '../../../shared/domain/business-day.ts';
import type { CompareResponse, DashboardResponse, LeagueResponse } from '../../../shared/protocol/central.ts';
import type { DomainEvent } from '../../../shared/protocol/events.ts';
import type { SyncEvent } from '../../../shared/protocol/sync.ts';
import { Histogram } from '../../../shared/reports/bins.ts';
import { foldEvents } from '../../../shared/reports/facts.ts';
import { leagueFigures } from '../../../shared/reports/league.ts';
import { leaguePresets, leagueToday } from '../../../electron/central/league-cache.ts';
import { type RollupTotals, addTotals, emptyTotals, rollupDay, totalsOf } from '../../../shared/reports/rollup.ts';
import { api, freshDatabase, municipalityWith, signIn } from '../../support/central.ts';
import { makeTempDir } from '../../support/temp-dir.ts';

const FROM = '2026-10-26';
const TO = '2026-11-09';
const TZ = DEMO_BRANCH.timeZone;

/** A hall's days generated through the real domain code, as the public part of its log. */
function hallLog(seed: number, perDay: number, from = FROM, to = TO): SyncEvent[] {
  const db = openDatabase(':memory:');
  const events = createEventStore(db);
  events.append([
    ...DEMO_SERVICES.map((service) => ({ type: 'service.saved' as const, at: `${from}T03:00:00.000Z`, service })),
    ...DEMO_COUNTERS.map((counter) => ({ type: 'counter.saved' as const, at: `${from}T03:00:00.000Z`, counter })),
  ], from);
  generateHistory({ events, branch: DEMO_BRANCH, services: DEMO_SERVICES, counters: DEMO_COUNTERS, clerks: new Map(DEMO_COUNTERS.map((c, i) => [c.id, `u${i + 1}`])), from, to, ticketsPerDay: perDay, seed });
  const out = events.publicSince(0, 1e9).map((r) => ({ seq: r.seq, day: r.day, event: r.event as unknown as Record<string, unknown> }));
  db.close();
  return out;
}

/** The hall's own figures over [from, to]: its days rolled up and summed (shared/reports). */
function expectedTotals(log: SyncEvent[], from: string, to: string): RollupTotals {
  const facts = foldEvents(log.map((e) => e.event as unknown as DomainEvent), { timeZone: TZ });
  const days = [...new Set(facts.tickets.map((t) => t.day))].filter((d) => d >= from && d <= to);
  return days.reduce((a, d) => addTotals(a, totalsOf(rollupDay(d, facts).rows)), emptyTotals());
}

const tmp = makeTempDir('dawr-central-scale-');
let db: Awaited<ReturnType<typeof freshDatabase>>;
let central: RunningCentral;
let pool: pg.Pool;
let token: string;
const halls: { id: string; credential: string; log: SyncEvent[] }[] = [];

async function push(h: { id: string; credential: string }, events: SyncEvent[]) {
  let acked = 0;
  for (let i = 0; i < events.length; i += 500) {
    const r = await api<{ ackedSeq: number }>(central.url, '/api/v1/sync/events', { token: h.credential, body: { branchId: h.id, head: events.at(-1)!.seq, events: events.slice(i, i + 500) } });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    acked = r.body.ackedSeq;
  }
  return acked;
}
const league = (from: string, to: string, headers: Record<string, string> = {}) => fetch(`${central.url}/api/v1/public/league?from=${from}&to=${to}`, { headers });

beforeAll(async () => {
  db = await freshDatabase();
  central = await startCentral({ dataDir: tmp.path, databaseUrl: db.url, log: createLogger({ level: 'silent', app: 'dawr-central' }), buildEveryMs: 3_600_000, trustProxy: '127.0.0.1' });
  pool = new pg.Pool({ connectionString: db.url, max: 2 });
  await central.ctx.auth.createUser({ username: 'platform', password: 'platform-pass', role: 'platform_admin' });
  token = await signIn(central.url, 'platform', 'platform-pass');
  const m = await municipalityWith(central.url, token, 'homs', ['north', 'south', 'quiet']);
  for (const [i, c] of m.centres.entries()) {
    const e = await api<{ credential: string }>(central.url, '/api/v1/sync/enrol', { body: { code: c.code, timeZone: TZ } });
    expect(e.status).toBe(200);
    halls.push({ id: c.id, credential: e.body.credential, log: i < 2 ? hallLog(31 + i, 140 + 60 * i) : [] });
  }
  for (const h of halls.slice(0, 2)) await push(h, h.log);
  await central.flush();
}, 180_000);

afterAll(async () => {
  await pool?.end();
  await central?.close();
  await db?.drop();
  tmp.remove();
});

describe('central at scale', () => {
  it('keeps the log and the roll-ups in monthly partitions; a repeated batch writes nothing', async () => {
    const names = (await listPartitions(pool)).map((p) => p.name);
    for (const t of ['events', 'rollup_days', 'rollup_month_to_date']) expect(names).toEqual(expect.arrayContaining([`${t}_y2026m10`, `${t}_y2026m11`]));
    // The league reads a day's month-to-date totals from the index alone: it carries every column.
    const covered = await pool.query<{ attname: string }>(`SELECT a.attname FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid
      WHERE c.relname = 'rollup_month_to_date_day_totals' AND a.attnum > 0 ORDER BY a.attnum`);
    expect(covered.rows.map((r) => r.attname)).toEqual(['day', 'branch_id', ...TOTAL_COLUMNS]);
    const count = async () => (await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM events')).rows[0]!.n;
    const before = await count();
    expect(before).toBe(halls[0]!.log.length + halls[1]!.log.length);
    expect(await push(halls[0]!, halls[0]!.log.slice(0, 500))).toBe(halls[0]!.log.at(-1)!.seq);
    expect(await count()).toBe(before);
    // The configuration events are kept apart too (the fact builder starts each day from them).
    const cfg = await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM config_events WHERE branch_id = $1', [halls[0]!.id]);
    expect(cfg.rows[0]!.n).toBe(DEMO_SERVICES.length + DEMO_COUNTERS.length);
  });

  it("has computed the league page's periods ahead of their readers since it started", async () => {
    const want = leaguePresets(leagueToday(Date.now())).map((p) => `${p.from}|${p.to}`);
    await expect.poll(() => central.ctx.leagues.stats().periods).toEqual(expect.arrayContaining(want));
  });

  it('answers the league over any period with the halls\' own roll-ups summed day by day', async () => {
    const periods = [[FROM, TO], ['2026-10-28', '2026-11-03'], ['2026-11-01', TO], ['2026-11-02', '2026-11-02'], [FROM, '2026-10-31'], ['2026-10-30', '2026-11-01'], ['2026-11-03', '2026-11-07']];
    for (const [from, to] of periods) {
      const r = await api<LeagueResponse>(central.url, `/api/v1/public/league?from=${from}&to=${to}`);
      expect(r.status).toBe(200);
      for (const h of halls.slice(0, 2)) {
        const want = leagueFigures(expectedTotals(h.log, from!, to!));
        expect(want.issued).toBeGreaterThan(50);
        const row = r.body.centres.find((c) => c.branchId === h.id)!;
        expect({ ...row, satisfaction: row.satisfaction }, `${from} → ${to}`).toMatchObject(want);
      }
    }
  });

  it('running totals written out of order equal those written in order', async () => {
    const days = ['2025-03-30', '2025-03-31', '2025-04-01', '2025-04-15', '2025-04-30', '2025-05-02'];
    const totals = (n: number) => {
      const t = emptyTotals();
      t.issued = n;
      t.called = n;
      t.waits = new Histogram();
      t.waits.addBin(n % 7, n);
      return t;
    };
    await prepareRollupMonths(pool, days);
    const write = async (branch: string, order: string[]) => {
      const c = await pool.connect();
      try {
        for (const d of order) {
          await c.query('BEGIN');
          await writeDayRollups(c, branch, [{ day: d, totals: totals(days.indexOf(d) + 3) }]);
          await c.query('COMMIT');
        }
      } finally {
        c.release();
      }
    };
    await write('in-order', days);
    await write('shuffled', ['2025-05-02', '2025-03-31', '2025-04-30', '2025-03-30', '2025-04-15', '2025-04-01']);
    for (const t of ['rollup_days', 'rollup_month_to_date']) {
      const rows = async (b: string) => (await pool.query(`SELECT day::text, issued, called, waits FROM ${t} WHERE branch_id = $1 ORDER BY day`, [b])).rows;
      expect(await rows('shuffled'), t).toEqual(await rows('in-order'));
    }
    const months = async (b: string) => (await pool.query('SELECT month::text, issued, called, waits FROM rollup_running_months WHERE branch_id = $1 ORDER BY month', [b])).rows;
    expect(await months('shuffled')).toEqual(await months('in-order'));
    expect((await months('in-order')).map((r) => Number(r.issued))).toEqual([3 + 4, 3 + 4 + 5 + 6 + 7, 3 + 4 + 5 + 6 + 7 + 8]);
    // Any period from the running totals equals its days summed, whether or not a centre has a row
    // on a term's last day (then the latest before it), asked for a few centres or for many.
    await write('sparse', ['2025-03-31', '2025-04-15']);
    const ids = ['in-order', 'sparse', 'none'];
    const many = [...ids, ...Array.from({ length: 600 }, (_, i) => `absent-${i}`)];
    for (const [from, to] of [['2025-03-31', '2025-04-20'], ['2025-04-01', '2025-04-15'], ['2025-04-02', '2025-05-31'], ['2025-03-01', '2025-03-30'], ['2025-04-16', '2025-04-29']] as const) {
      const sum = (b: string) => (b === 'none' ? [] : b === 'sparse' ? ['2025-03-31', '2025-04-15'] : days).filter((d) => d >= from && d <= to).reduce((n, d) => n + days.indexOf(d) + 3, 0);
      for (const list of [ids, many]) {
        const got = await periodTotals(pool, from, to, list);
        for (const b of ids) expect(got.get(b)?.issued ?? 0, `${b} ${from} → ${to}`).toBe(sum(b));
        expect(got.get('sparse')?.waits.total ?? 0).toBe(sum('sparse'));
      }
    }
  });

  it('answers the public league from a cache: ETag, 304, Cache-Control, and a new answer when a roll-up of its period changes', async () => {
    const a = await league('2026-11-03', '2026-11-06');
    expect(a.status).toBe(200);
    const etag = a.headers.get('etag')!;
    expect(etag).toMatch(/^(W\/)?"[\w-]+"$/); // weak when gzipped: fetch asks for gzip
    expect(a.headers.get('cache-control')).toBe('public, max-age=300');
    const body = await a.text();
    const again = await league('2026-11-03', '2026-11-06', { 'if-none-match': etag });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    expect(again.headers.get('etag')).toBe(etag);
    const other = (await league(FROM, '2026-10-28')).headers.get('etag');
    const csv = await fetch(`${central.url}/api/v1/public/league.csv?from=2026-11-03&to=2026-11-06&lang=en`);
    expect(csv.headers.get('etag')).toMatch(/^(W\/)?"/);
    expect((await fetch(`${central.url}/api/v1/public/league.csv?from=2026-11-03&to=2026-11-06&lang=en`, { headers: { 'if-none-match': csv.headers.get('etag')! } })).status).toBe(304);

    // The quiet centre's hall pushes its week: the period's answer changes within a second; one
    // that does not hold those days keeps its ETag.
    const quiet = halls[2]!;
    quiet.log = hallLog(77, 90, '2026-11-04', '2026-11-05');
    await push(quiet, quiet.log);
    await central.flush();
    await expect.poll(async () => (await league('2026-11-03', '2026-11-06')).headers.get('etag'), { timeout: 5_000 }).not.toBe(etag);
    const changed = await league('2026-11-03', '2026-11-06');
    expect(await changed.text()).not.toBe(body);
    expect((await league(FROM, '2026-10-28')).headers.get('etag')).toBe(other);
    // A period that includes today is cached by proxies for 30 s only.
    const today = businessDay(Date.now(), TZ);
    expect((await league(addDays(today, -6), today)).headers.get('cache-control')).toBe('public, max-age=30');
  });

  it('gzips the public league and its CSV for a client that accepts it: the same table in fewer bytes, revalidated by either ETag', async () => {
    /** A request with exactly these headers (fetch adds its own Accept-Encoding and unzips). */
    const raw = (path: string, headers: Record<string, string>) => new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
      http.get(`${central.url}${path}`, { headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
      }).on('error', reject);
    });
    for (const path of [`/api/v1/public/league?from=${FROM}&to=2026-11-06`, `/api/v1/public/league.csv?from=${FROM}&to=2026-11-06&lang=ar`]) {
      const plain = await raw(path, {});
      const zipped = await raw(path, { 'accept-encoding': 'gzip, deflate, br' });
      expect(plain.status).toBe(200);
      expect(plain.headers['content-encoding']).toBeUndefined();
      expect(zipped.headers['content-encoding']).toBe('gzip');
      expect(zipped.headers.vary).toBe('accept-encoding');
      expect(gunzipSync(zipped.body).equals(plain.body), path).toBe(true);
      expect(zipped.body.length).toBeLessThan(plain.body.length);
      expect(zipped.headers.etag).toBe(`W/${plain.headers.etag}`);
      // A proxy or a browser that holds either one is told it is still fresh.
      for (const held of [plain.headers.etag!, zipped.headers.etag!]) expect((await raw(path, { 'accept-encoding': 'gzip', 'if-none-match': held })).status).toBe(304);
      // "Not gzip" and "anything", in the ways a client may say them.
      for (const ae of ['identity', 'gzip;q=0', 'gzip; q=0, *', 'br']) expect((await raw(path, { 'accept-encoding': ae })).headers['content-encoding'], ae).toBeUndefined();
      for (const ae of ['*', 'GZIP;q=0.5', 'br;q=1, gzip;q=0.8']) expect((await raw(path, { 'accept-encoding': ae })).headers['content-encoding'], ae).toBe('gzip');
    }
  });

  it('a centre that served nobody shows no percentages; the comparison marks each centre\'s today as partial', async () => {
    const today = businessDay(Date.now(), TZ);
    const quiet = halls[2]!;
    const svc = DEMO_SERVICES[0]!;
    const at = (min: number) => new Date(Date.now() - (60 - min) * 60_000).toISOString();
    const ticket = (id: string, min: number) => ({
      type: 'ticket.issued', at: at(min), by: 'kiosk-1',
      ticket: { id, number: `${svc.prefix}-${id}`, serviceId: svc.id, status: 'waiting', priority: 'none', lang: 'ar', issuedAt: at(min), day: today, recalls: 0, transferredFrom: [], identityVerified: false },
      quote: { minMinutes: 0, maxMinutes: 5 },
    });
    const seq = quiet.log.at(-1)!.seq;
    const events = [
      { type: 'day.opened', at: at(0), day: today },
      ticket('q1', 1),
      ticket('q2', 2),
      { type: 'ticket.called', at: at(3), ticketId: 'q1', counterId: DEMO_COUNTERS[0]!.id, by: 'u1' },
    ].map((event, i) => ({ seq: seq + 1 + i, day: today, event: event as Record<string, unknown> }));
    await push(quiet, events);
    await central.flush();
    const l = await api<LeagueResponse>(central.url, `/api/v1/public/league?from=${today}&to=${today}`);
    expect(l.body.centres.find((c) => c.branchId === quiet.id)).toMatchObject({ issued: 2, served: 0, serviceLevel: null, waitMedian: null, waitP90: null, noShowShare: null, smallSample: true, rank: null });
    const d = await api<DashboardResponse>(central.url, '/api/v1/dashboard', { token });
    expect(d.body.centres.find((c) => c.id === quiet.id)).toMatchObject({ issued: 2, served: 0, serviceLevel: null, satisfaction: { mean: null, count: 0 } });
    const cmp = await api<CompareResponse>(central.url, `/api/v1/compare?from=2026-11-04&to=${today}`, { token });
    expect(cmp.status).toBe(200);
    expect(cmp.body.rows.filter((r) => r.partial)).toEqual([expect.objectContaining({ branchId: quiet.id, day: today, partial: true, serviceLevel: null })]);
    expect(cmp.body.rows.filter((r) => r.day === '2026-11-04').length).toBe(3);
  });

  it("the rate limiter's own 429 carries Retry-After and the API's error shape", async () => {
    const from = { 'x-forwarded-for': '203.0.113.7' };
    let last: Response | undefined;
    for (let i = 0; i < 61; i++) last = await league(FROM, TO, from);
    expect(last!.status).toBe(429);
    expect(Number(last!.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await last!.json()).toEqual({ error: { code: 'rate_limited', message: expect.any(String) } });
    // Another address is not held up.
    expect((await league(FROM, TO, { 'x-forwarded-for': '203.0.113.8' })).status).toBe(200);
  });

  it("a municipality's league is the platform's cut to its centres and ranked again, as computed for it alone", async () => {
    // A second municipality with a busy centre of its own (November only: October is detached below).
    const other = await municipalityWith(central.url, token, 'hama', ['west']);
    const e = await api<{ credential: string }>(central.url, '/api/v1/sync/enrol', { body: { code: other.centres[0]!.code, timeZone: TZ } });
    const west = { id: other.centres[0]!.id, credential: e.body.credential };
    await push(west, hallLog(55, 260, '2026-11-02', '2026-11-08'));
    await central.flush();
    const queries = createQueries(pool);
    for (const [from, to] of [['2026-11-02', '2026-11-08'], ['2026-11-04', '2026-11-04'], [FROM, TO]]) {
      // A new centre retires the cached tables within a second (the versions are read once a second).
      await expect.poll(async () => (await api<LeagueResponse>(central.url, `/api/v1/public/league?from=${from}&to=${to}`)).body.centres.map((c) => c.municipalityId).sort())
        .toEqual(['hama', 'homs', 'homs', 'homs']);
      for (const m of ['homs', 'hama']) {
        const r = await api<LeagueResponse>(central.url, `/api/v1/public/league?from=${from}&to=${to}&municipality=${m}`);
        expect(r.body, `${m}, ${from} → ${to}`).toEqual(await queries.league(from!, to!, m));
      }
    }
    const nowhere = await api(central.url, '/api/v1/public/league?municipality=nowhere');
    expect(nowhere.status).toBe(404);
    expect(nowhere.body).toEqual({ error: { code: 'not_found', message: 'no municipality nowhere' } });
  });

  it('detaches an old month: the months after it still answer, the month takes no more rows, a backup leaves it out', async () => {
    const queries = createQueries(pool);
    const before = await queries.league('2026-11-01', TO);
    const detached = await detachBefore(pool, '2026-11');
    // October 2026, and the spring of 2025 the out-of-order test wrote.
    expect(detached.sort()).toEqual([
      'events_y2026m10', 'rollup_days_y2025m03', 'rollup_days_y2025m04', 'rollup_days_y2025m05', 'rollup_days_y2026m10',
      'rollup_month_to_date_y2025m03', 'rollup_month_to_date_y2025m04', 'rollup_month_to_date_y2025m05', 'rollup_month_to_date_y2026m10',
    ]);
    expect(await queries.league('2026-11-01', TO)).toEqual(before);
    await expect(pool.query("SELECT dawr_month_partition('events', '2026-10-15')")).rejects.toThrow(/2026-10 of events was detached/);

    const key = backupKeyFrom({ env: { DAWR_BACKUP_PASSPHRASE: 'central at scale, a test' } });
    const b = await backupCentral({ url: db.url, toDir: tmp.path, key, version: 'test' });
    const copy = await freshDatabase();
    try {
      await restoreCentral({ file: b.path, url: copy.url, key, version: 'test' });
      const p2 = new pg.Pool({ connectionString: copy.url, max: 2 });
      try {
        expect((await listPartitions(p2)).map((p) => p.name)).not.toContain('events_y2026m10');
        expect(await createQueries(p2).league('2026-11-01', TO)).toEqual(before);
        const tables = (await p2.query<{ t: string }>("SELECT tablename AS t FROM pg_tables WHERE schemaname = 'public'")).rows.map((r) => r.t);
        expect(tables).not.toContain('events_y2026m10');
        expect(tables).toContain('events_y2026m11');
      } finally {
        await p2.end();
      }
    } finally {
      await copy.drop();
    }
  });
});

// Halls replicating into central, as in the field: real hub processes, a real central (its own
// process, on the run's real PostgreSQL), killed and stopped at awkward moments. In the end central
// holds exactly each hall's events (public part), none twice, and its league figures equal the
// ones computed from the hall's own log.
import type { ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DomainEvent } from '../../../shared/protocol/events.ts';
import { foldEvents } from '../../../shared/reports/facts.ts';
import { leagueFigures } from '../../../shared/reports/league.ts';
import { addTotals, emptyTotals, rollupDay, totalsOf } from '../../../shared/reports/rollup.ts';
import type { LeagueResponse } from '../../../shared/protocol/central.ts';
import { type CentralProcess, api, freshDatabase, municipalityWith, signIn, spawnCentral, until } from '../../support/central.ts';
import { type HubProcess, spawnHub } from '../../support/hub-process.ts';
import { Database } from '../../support/sqlite.ts';
import { makeTempDir } from '../../support/temp-dir.ts';

const tmp = makeTempDir('dawr-central-');
/** The demo halls' zones (electron/hub/demo.ts DEMO_PROFILES). */
const TIME_ZONE: Record<string, string> = { centre: 'Asia/Riyadh', waer: 'Asia/Damascus' };
let db: Awaited<ReturnType<typeof freshDatabase>>;
let pool: pg.Pool;
let central: CentralProcess;
let centralPort: number;
let token: string;
let centres: { id: string; code: string; name: string }[];
const hubs = new Map<string, { hub: HubProcess; dir: string; profile: string }>();

const hallEvents = (dir: string) => {
  const h = new Database(join(dir, 'dawr.sqlite'), { readonly: true, fileMustExist: true });
  try {
    return (h.prepare('SELECT seq, day, body FROM events ORDER BY seq').all() as { seq: number; day: string; body: string }[]).map((r) => ({ seq: r.seq, day: r.day, event: JSON.parse(r.body) as DomainEvent }));
  } finally {
    h.close();
  }
};
const centralEvents = async (branchId: string) =>
  (await pool.query<{ seq: number; day: string; body: DomainEvent }>('SELECT seq::int AS seq, day::text AS day, body FROM events WHERE branch_id = $1 ORDER BY seq', [branchId])).rows;
const acked = async (branchId: string) => (await pool.query<{ acked_seq: number }>('SELECT acked_seq::int AS acked_seq FROM branches WHERE id = $1', [branchId])).rows[0]!.acked_seq;
const hubHead = (dir: string) => hallEvents(dir).at(-1)?.seq ?? 0;

async function startHall(centre: { id: string; code: string }, profile: string, history: number, enrol = true): Promise<HubProcess> {
  const dir = hubs.get(centre.id)?.dir ?? join(tmp.path, centre.id);
  mkdirSync(dir, { recursive: true });
  const hub = await spawnHub(['--demo', '--demo-profile', profile, '--demo-history', String(history), '--data', dir, '--central', central.url, ...(enrol ? ['--enrol', centre.code] : [])]);
  hubs.set(centre.id, { hub, dir, profile });
  return hub;
}

const stop = async (p: { child: ChildProcess; exited: Promise<unknown> }, signal: NodeJS.Signals = 'SIGTERM') => {
  if (p.child.exitCode === null) p.child.kill(signal);
  await p.exited;
};

beforeAll(async () => {
  process.env.DAWR_SYNC_BATCH = '10';
  db = await freshDatabase();
  pool = new pg.Pool({ connectionString: db.url, max: 2 });
  central = await spawnCentral(db.url, { data: join(tmp.path, 'central') });
  centralPort = Number(new URL(central.url).port);
  token = await signIn(central.url, 'platform', central.password!);
  centres = (await municipalityWith(central.url, token, 'homs', ['north', 'south'])).centres;
});

afterAll(async () => {
  delete process.env.DAWR_SYNC_BATCH;
  for (const { hub } of hubs.values()) await stop(hub);
  if (central) await stop(central);
  await pool?.end();
  await db?.drop();
  tmp.remove();
});

describe('halls replicating into central', () => {
  it('two hub processes enrol and replicate; central kept SIGKILLed mid-batch and a hub killed mid-push lose nothing and count nothing twice', async () => {
    const [a, b] = centres as [typeof centres[0], typeof centres[0]];
    await startHall(a, 'centre', 4);
    const dirA = hubs.get(a.id)!.dir;
    const headA = hubHead(dirA);
    expect(headA).toBeGreaterThan(2000);

    // Central dies (SIGKILL) while hall A is half-way through its backlog…
    const mid = await until('hall A half-way', async () => {
      const n = await acked(a.id);
      return n > 0 && n < headA - 500 ? n : false;
    });
    await stop(central, 'SIGKILL');
    expect(mid).toBeLessThan(headA);
    // …and comes back on the same address: both halls resume from what central acknowledged.
    central = await spawnCentral(db.url, { port: centralPort, data: join(tmp.path, 'central') });

    // Hall B is killed in the middle of its push, and started again on its data (no new enrolment).
    await startHall(b, 'waer', 3);
    const dirB = hubs.get(b.id)!.dir;
    const headB = hubHead(dirB);
    await until('hall B pushing', async () => {
      const n = await acked(b.id);
      return n > 0 && n < headB - 200;
    });
    await stop(hubs.get(b.id)!.hub, 'SIGKILL');
    await startHall(b, 'waer', 3, false);

    for (const [c, dir] of [[a, dirA], [b, dirB]] as const) {
      const head = hubHead(dir);
      await until(`${c.name} caught up`, async () => (await acked(c.id)) === head);
      const mine = hallEvents(dir);
      const theirs = await centralEvents(c.id);
      // Exactly the hall's log: every seq once, in order, the same public bodies.
      expect(theirs.map((e) => e.seq)).toEqual(mine.map((e) => e.seq));
      expect(theirs.map((e) => e.day)).toEqual(mine.map((e) => e.day));
      expect(theirs.map((e) => e.body)).toEqual(mine.map((e) => e.event));
    }

    // Nothing personal reached central.
    const leaked = await pool.query(`SELECT count(*)::int AS n FROM events WHERE body->'ticket' ? 'trackingCode' OR body ? 'note' OR (type = 'ticket.rated' AND body ? 'reason') OR body::text ~ '"idToken"'`);
    const comments = await pool.query(`SELECT count(*)::int AS n FROM events WHERE type = 'ticket.rated'`);
    expect(comments.rows[0].n).toBeGreaterThan(100);
    expect(leaked.rows[0].n).toBe(0);
  }, 150_000);

  it("central's league figures and day summaries equal those computed from each hall's own log", async () => {
    const r = await until('facts built', async () => {
      const stale = await pool.query('SELECT 1 FROM branch_days WHERE built <> version LIMIT 1');
      return stale.rowCount === 0;
    });
    expect(r).toBe(true);
    const days = [...new Set(hallEvents(hubs.get(centres[0]!.id)!.dir).map((e) => e.day))].sort();
    const from = days[0]!;
    const to = days.at(-1)!;
    const league = await api<LeagueResponse>(central.url, `/api/v1/public/league?from=${from}&to=${to}&municipality=homs`);
    expect(league.status).toBe(200);
    expect(league.body.centres).toHaveLength(2);
    for (const c of centres) {
      const log = hallEvents(hubs.get(c.id)!.dir);
      const facts = foldEvents(log.map((e) => e.event), { timeZone: TIME_ZONE[hubs.get(c.id)!.profile]! });
      // The hall's own figures: its tickets of the period rolled up per day and summed (shared/reports/rollup.ts).
      const inPeriod = facts.tickets.filter((t) => t.day >= from && t.day <= to);
      const expected = leagueFigures([...new Set(inPeriod.map((t) => t.day))].reduce((a, d) => addTotals(a, totalsOf(rollupDay(d, { tickets: inPeriod, services: [], counters: [] }).rows)), emptyTotals()));
      const row = league.body.centres.find((x) => x.branchId === c.id)!;
      expect(expected.issued).toBeGreaterThan(300);
      expect({ issued: row.issued, served: row.served, serviceLevel: row.serviceLevel, waitMedian: row.waitMedian, waitP90: row.waitP90, noShowShare: row.noShowShare, satisfaction: row.satisfaction })
        .toEqual({ issued: expected.issued, served: expected.served, serviceLevel: expected.serviceLevel, waitMedian: expected.waitMedian, waitP90: expected.waitP90, noShowShare: expected.noShowShare, satisfaction: expected.satisfaction });

      // The per-branch day summary (signed in) for one day.
      const day = days[1]!;
      const dayFacts = facts.tickets.filter((t) => t.day === day);
      const s = await api<{ issued: number; served: number; noShow: number; cancelled: number }>(central.url, `/api/v1/branches/${c.id}/days/${day}`, { token });
      expect(s.status).toBe(200);
      expect(s.body).toMatchObject({
        issued: dayFacts.length,
        served: dayFacts.filter((t) => t.outcome === 'served').length,
        noShow: dayFacts.filter((t) => t.outcome === 'no_show').length,
        cancelled: dayFacts.filter((t) => t.outcome === 'cancelled').length,
      });
      // Service by service, named as the hall named them, adding up to the day: issued where the
      // ticket was issued, served where it ended (after a transfer, another service).
      const bySvc = (s.body as unknown as { services: { serviceId: string; name: { ar: string; en: string }; issued: number; served: number }[] }).services;
      const ids = [...new Set(dayFacts.flatMap((t) => [t.serviceId, t.finalServiceId]))].sort();
      expect(bySvc.map((x) => x.serviceId)).toEqual(expect.arrayContaining(ids));
      expect(bySvc.reduce((n, x) => n + x.issued, 0)).toBe(dayFacts.length);
      for (const x of bySvc) {
        expect({ issued: x.issued, served: x.served }, x.serviceId).toEqual({
          issued: dayFacts.filter((t) => t.serviceId === x.serviceId).length,
          served: dayFacts.filter((t) => t.finalServiceId === x.serviceId && t.outcome === 'served').length,
        });
        expect(x.name.ar).not.toBe(x.serviceId);
      }
    }
  });

  it('a hall keeps issuing while central is stopped, shows its backlog, and flushes it when central is back', async () => {
    const c = centres[0]!;
    const { hub, dir } = hubs.get(c.id)!;
    await stop(central);
    const admin = await signIn(hub.url, 'admin', 'dawr-admin');
    const services = (await api<{ id: string }[]>(hub.url, '/api/v1/services', { token: admin })).body;
    for (let i = 0; i < 5; i++) {
      const t = await api(hub.url, '/api/v1/tickets', { token: admin, body: { serviceId: services[i % services.length]!.id, lang: 'ar' } });
      expect(t.status).toBe(201);
    }
    const status = await until('the hall to see central is down', async () => {
      const s = await api<{ backlog: number; lastError: string | null }>(hub.url, '/api/v1/sync/status', { token: admin });
      return s.body.lastError && s.body.backlog >= 5 ? s.body : false;
    });
    expect(status.backlog).toBeGreaterThanOrEqual(5);
    central = await spawnCentral(db.url, { port: centralPort, data: join(tmp.path, 'central') });
    const head = hubHead(dir);
    await until('backlog flushed', async () => (await acked(c.id)) === head);
    const s = await api<{ backlog: number; lastError: string | null; lastSyncedAt: string | null }>(hub.url, '/api/v1/sync/status', { token: admin });
    await until('the hall to see it synced', async () => {
      const x = await api<{ backlog: number; lastError: string | null }>(hub.url, '/api/v1/sync/status', { token: admin });
      return x.body.backlog === 0 && x.body.lastError === null;
    });
    expect(s.status).toBe(200);
    expect((await centralEvents(c.id)).map((e) => e.seq)).toEqual(hallEvents(dir).map((e) => e.seq));
  });
});

// The central benchmark (brief §9; issues 12 and 25), on a real PostgreSQL (the embedded npm
// binaries, a fresh cluster; or DATABASE_URL's server with --database-url):
//   1. ingest: many halls' days replayed over central's real HTTP API (enrolment credentials,
//      ordered batches of 500, validation, COPY into staging and the merge, one transaction per
//      batch), against a plain COPY of the same rows into a plain table of the same shape on the
//      same server, in the same run; then the facts built from the log;
//   2. the league at a national scale: the roll-up rows of 5,000 centres × 365 days (totals of real
//      generated hall days, dealt to every centre and day) written through central's own roll-up
//      path, then the public league over a year, a month and a day timed for the whole platform and
//      for one municipality of 50 centres, with the league's cache off (every request computes).
//   ./dawr npm run bench:central [-- --halls N --tickets-per-day N --centres N --days N --runs N]
//     [-- --skip-ingest | --skip-league] [-- --keep DIR]  (DIR keeps the cluster: a second run reuses its platform)
import { chmodSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { startCentral } from '../electron/central/central.ts';
import { startEmbeddedPostgres } from '../electron/central/embedded-postgres.ts';
import { DEMO_BRANCH, DEMO_COUNTERS, DEMO_SERVICES } from '../electron/hub/demo.ts';
import { generateHistory } from '../electron/hub/reports/history.ts';
import { openDatabase } from '../electron/hub/store/database.ts';
import { createEventStore } from '../electron/hub/store/event-store.ts';
import { createLogger } from '../electron/node-common/log.ts';
import { addDays } from '../shared/domain/business-day.ts';
import type { SyncEvent } from '../shared/protocol/sync.ts';
import { dayPool, seedPlatform } from './support/platform.ts';

const { values } = parseArgs({
  options: {
    halls: { type: 'string' }, 'tickets-per-day': { type: 'string' }, concurrency: { type: 'string' }, variants: { type: 'string' },
    centres: { type: 'string' }, days: { type: 'string' }, runs: { type: 'string' }, 'skip-ingest': { type: 'boolean' }, 'skip-league': { type: 'boolean' }, keep: { type: 'string' },
  },
});
const HALLS = Number(values.halls ?? 50);
const PER_DAY = Number(values['tickets-per-day'] ?? 3500);
const CONCURRENCY = Number(values.concurrency ?? 8);
const VARIANTS = Number(values.variants ?? 5);
const CENTRES = Number(values.centres ?? 5000);
const DAYS = Number(values.days ?? 365);
const RUNS = Number(values.runs ?? 20);
const DAY = '2026-11-30';
const BATCH = 500;

const dir = values.keep ?? mkdtempSync(join(tmpdir(), 'dawr-central-bench-'));
mkdirSync(dir, { recursive: true });
chmodSync(dir, 0o711); // as root, PostgreSQL runs as `postgres`, which must enter it
const ms = (t: number) => performance.now() - t;
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))]!;
const load = () => loadavg().map((x) => x.toFixed(1)).join(' ');
const n = (x: number) => Math.round(x).toLocaleString('en');
console.log(`load average at the start: ${load()} (2 cores)`);

// A fresh PostgreSQL and central on it.
let t = performance.now();
const cluster = process.env.DATABASE_URL ? null : await startEmbeddedPostgres(join(dir, 'data'));
const url = process.env.DATABASE_URL ?? cluster!.url;
// Behind a "proxy" on this machine, so each timed request can come from an address of its own: the
// league's per-address limit (60 a minute) is not what this measures.
const central = await startCentral({ dataDir: join(dir, 'data'), databaseUrl: url, log: createLogger({ level: 'silent', app: 'dawr-central' }), buildEveryMs: 3_600_000, leagueCache: false, trustProxy: '127.0.0.1' });
let clients = 0;
const asClient = () => {
  clients++;
  return { 'x-forwarded-for': `10.9.${(clients >> 8) & 255}.${clients & 255}` };
};
const pool = new pg.Pool({ connectionString: url, max: Math.max(CONCURRENCY, 4) });
const version = (await pool.query<{ v: string }>("SELECT current_setting('server_version') AS v")).rows[0]!.v;
console.log(`PostgreSQL ${version} (${cluster ? 'embedded' : 'DATABASE_URL'}) and central up in ${(ms(t) / 1000).toFixed(1)} s`);
const post = async (path: string, body: unknown, token?: string) => {
  const r = await fetch(`${central.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify(body) });
  if (!r.ok) throw new Error(`${path}: ${r.status} ${await r.text()}`);
  return r.json() as Promise<Record<string, unknown>>;
};
if ((await pool.query("SELECT 1 FROM users WHERE username = 'bench'")).rowCount === 0) await central.ctx.auth.createUser({ username: 'bench', password: 'bench-password', role: 'platform_admin' });
const admin = (await post('/api/v1/auth/login', { username: 'bench', password: 'bench-password' })).token as string;

if (!values['skip-ingest']) {
  // 1. Hall days: a few distinct generated days (through the real domain code), cycled over the halls.
  t = performance.now();
  const days: SyncEvent[][] = [];
  for (let v = 0; v < VARIANTS; v++) {
    const db = openDatabase(':memory:');
    const events = createEventStore(db);
    events.append(DEMO_SERVICES.map((service) => ({ type: 'service.saved' as const, at: `${DAY}T03:00:00.000Z`, service })), DAY);
    // A main hall: four times the demo's counters, so some 3,500 tickets a day are served.
    const counters = [0, 1, 2, 3].flatMap((k) => DEMO_COUNTERS.map((c) => ({ ...c, id: `${c.id}-${k}`, number: c.number + 8 * k, name: { ar: `${c.name.ar} ${k}`, en: `${c.name.en}.${k}` } })));
    events.append(counters.map((counter) => ({ type: 'counter.saved' as const, at: `${DAY}T03:00:00.000Z`, counter })), DAY);
    generateHistory({ events, branch: DEMO_BRANCH, services: DEMO_SERVICES, counters, clerks: new Map(counters.map((c, i) => [c.id, `clerk-${i + 1}`])), from: DAY, to: DAY, ticketsPerDay: PER_DAY, seed: 100 + v });
    days.push(events.publicSince(0, 1e9).map((r) => ({ seq: r.seq, day: r.day, event: r.event as unknown as Record<string, unknown> })));
    db.close();
  }
  const totalEvents = Array.from({ length: HALLS }, (_, i) => days[i % VARIANTS]!.length).reduce((a, b) => a + b, 0);
  const tickets = Array.from({ length: HALLS }, (_, i) => days[i % VARIANTS]!.filter((e) => e.event.type === 'ticket.issued').length).reduce((a, b) => a + b, 0);
  console.log(`generated ${VARIANTS} distinct hall days in ${(ms(t) / 1000).toFixed(1)} s; ${HALLS} halls: ${n(tickets)} tickets, ${n(totalEvents)} events`);

  await post('/api/v1/municipalities', { id: 'bench', name: { ar: 'بلدية', en: 'Bench municipality' } }, admin);
  const halls: { id: string; credential: string; events: SyncEvent[] }[] = [];
  for (let i = 0; i < HALLS; i++) {
    const b = await post('/api/v1/branches', { municipalityId: 'bench', name: { ar: `مركز ${i + 1}`, en: `Centre ${i + 1}` }, district: `d${i % 7}` }, admin);
    const code = (await post(`/api/v1/branches/${b.id as string}/enrolment`, {}, admin)).code as string;
    // Enrolment is rate-limited per address (10 a minute): the bench enrols in-process, through the same code.
    const e = await central.ctx.ingest.enrol({ code, timeZone: DEMO_BRANCH.timeZone }, Date.now());
    halls.push({ id: b.id as string, credential: e.credential, events: days[i % VARIANTS]! });
  }

  // The baseline first: the same rows, COPY'd into a plain table of the same shape, one COPY per hall, as many at once.
  await pool.query('CREATE TABLE plain_events (branch_id text NOT NULL, seq bigint NOT NULL, day date NOT NULL, type text NOT NULL, at timestamptz NOT NULL, body jsonb NOT NULL, PRIMARY KEY (branch_id, seq))');
  const copyLine = (h: string, e: SyncEvent) => `${h}\t${e.seq}\t${e.day}\t${e.event.type as string}\t${e.event.at as string}\t${JSON.stringify(e.event).replace(/\\/g, '\\\\')}\n`;
  t = performance.now();
  let next = 0;
  await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
    const c = await pool.connect();
    try {
      while (next < halls.length) {
        const h = halls[next++]!;
        await pipeline(Readable.from(h.events.map((e) => copyLine(h.id, e))), c.query(copyFrom('COPY plain_events FROM STDIN')));
      }
    } finally {
      c.release();
    }
  }));
  const copyMs = ms(t);
  const copyRate = totalEvents / (copyMs / 1000);
  console.log(`plain COPY of the same rows into a plain table (same server, ${CONCURRENCY} at once, no HTTP, no checks): ${(copyMs / 1000).toFixed(1)} s = ${n(copyRate)} events/s`);

  // Ingest: every hall pushes its day in ordered batches; CONCURRENCY halls at a time.
  t = performance.now();
  const latencies: number[] = [];
  next = 0;
  await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
    while (next < halls.length) {
      const h = halls[next++]!;
      const head = h.events.at(-1)!.seq;
      for (let i = 0; i < h.events.length; i += BATCH) {
        const t0 = performance.now();
        await post('/api/v1/sync/events', { branchId: h.id, head, events: h.events.slice(i, i + BATCH) }, h.credential);
        latencies.push(ms(t0));
      }
    }
  }));
  const ingestMs = ms(t);
  const ingestRate = totalEvents / (ingestMs / 1000);
  console.log(`ingest over HTTP: ${n(totalEvents)} events in ${(ingestMs / 1000).toFixed(1)} s = ${n(ingestRate)} events/s (batch of ${BATCH}: p50 ${pct(latencies, 0.5).toFixed(0)} ms, p95 ${pct(latencies, 0.95).toFixed(0)} ms; ${CONCURRENCY} halls pushing at once)`);
  console.log(`ingest ÷ COPY = ${(ingestRate / copyRate).toFixed(2)} (target ≥ 0.50) — ${ingestRate / copyRate >= 0.5 ? 'met' : 'MISSED'}`);
  await pool.query('DROP TABLE plain_events');

  t = performance.now();
  await central.flush();
  const buildMs = ms(t);
  console.log(`facts folded and rolled up from the log (${HALLS} branch-days): ${(buildMs / 1000).toFixed(1)} s = ${n(totalEvents / (buildMs / 1000))} events/s`);
  const time = async (label: string, path: string, token?: string, runs = RUNS) => {
    const xs: number[] = [];
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      const r = await fetch(`${central.url}${path}`, { headers: { ...asClient(), ...(token ? { authorization: `Bearer ${token}` } : {}) } });
      if (!r.ok) throw new Error(`${path}: ${r.status}`);
      await r.arrayBuffer();
      xs.push(ms(t0));
    }
    console.log(`${label.padEnd(48)} p50 ${pct(xs, 0.5).toFixed(0).padStart(5)} ms   p95 ${pct(xs, 0.95).toFixed(0).padStart(5)} ms`);
  };
  await time(`league, ${HALLS} centres, that day (public JSON)`, `/api/v1/public/league?from=${DAY}&to=${DAY}&municipality=bench`);
  await time('league as CSV', `/api/v1/public/league.csv?from=${DAY}&to=${DAY}&municipality=bench`);
  await time(`dashboard, ${HALLS} centres live (platform admin)`, '/api/v1/dashboard?municipality=bench', admin);
  await time(`compare, ${HALLS} centres over the day`, `/api/v1/compare?from=${DAY}&to=${DAY}&municipality=bench`, admin);
  await time("one centre's day summary", `/api/v1/branches/${halls[0]!.id}/days/${DAY}`, admin);
  const size = await pool.query<{ s: string }>("SELECT pg_size_pretty(sum(pg_total_relation_size(inhrelid))) AS s FROM pg_inherits WHERE inhparent = 'events'::regclass");
  console.log(`events with their indexes: ${size.rows[0]!.s}`);
}

if (!values['skip-league']) {
  // 2. A national platform: CENTRES centres (municipalities of 50) × DAYS days of roll-ups.
  t = performance.now();
  const totals = dayPool(48);
  console.log(`\n${totals.length} hall days generated and rolled up for the pool in ${(ms(t) / 1000).toFixed(1)} s`);
  const FIRST = addDays(DAY, -(DAYS - 1));
  t = performance.now();
  let shown = 0;
  const already = Number((await pool.query<{ n: string }>("SELECT count(*) AS n FROM branches WHERE id LIKE 'c%'")).rows[0]!.n);
  const platform = already >= CENTRES ? {
    municipalities: (await pool.query<{ id: string }>("SELECT id FROM municipalities WHERE id LIKE 'm%' ORDER BY id")).rows.map((r) => r.id),
    branches: [] as { id: string; municipalityId: string }[],
  } : await seedPlatform(pool, {
    centres: CENTRES, perMunicipality: 50, from: FIRST, days: DAYS, pool: totals, parallel: 2,
    onProgress: (k) => {
      if (k - shown >= CENTRES / 5) {
        shown = k;
        console.log(`  … ${n(k)} centres written (${(ms(t) / 1000).toFixed(0)} s)`);
      }
    },
  });
  const writeMs = ms(t);
  if (already >= CENTRES) console.log(`the platform of ${n(already)} centres kept from a previous run (--keep)`);
  const rows = await pool.query<{ days: string; mtd: string; months: string; size: string }>(`
    SELECT (SELECT count(*) FROM rollup_days) AS days, (SELECT count(*) FROM rollup_month_to_date) AS mtd, (SELECT count(*) FROM rollup_running_months) AS months,
           pg_size_pretty((SELECT sum(pg_total_relation_size(inhrelid)) FROM pg_inherits WHERE inhparent IN ('rollup_days'::regclass, 'rollup_month_to_date'::regclass)) + pg_total_relation_size('rollup_running_months')) AS size`);
  const r0 = rows.rows[0]!;
  const stored = `${n(Number(r0.days))} day rows, ${n(Number(r0.mtd))} month-to-date rows, ${n(Number(r0.months))} monthly running totals, ${r0.size} with their indexes`;
  if (already >= CENTRES) console.log(`roll-ups of ${n(CENTRES)} centres × ${DAYS} days: ${stored}`);
  else console.log(`roll-ups of ${n(CENTRES)} centres × ${DAYS} days written through writeDayRollups (day rows and running totals, a transaction per centre, 2 at once): ${(writeMs / 1000).toFixed(0)} s = ${n(CENTRES * DAYS / (writeMs / 1000))} branch-days/s; ${stored}`);
  await pool.query('VACUUM ANALYZE rollup_days, rollup_month_to_date, rollup_running_months');

  const LAST = DAY;
  const periods = {
    year: [[FIRST, LAST], [addDays(FIRST, 7), addDays(LAST, -1)], [addDays(FIRST, 16), addDays(LAST, -13)], [addDays(FIRST, 1), LAST]],
    month: [['2026-11-01', '2026-11-30'], ['2026-10-08', '2026-11-07'], ['2026-09-17', '2026-10-16'], ['2026-06-01', '2026-06-30']],
    day: [[LAST, LAST], ['2026-11-15', '2026-11-15'], ['2026-07-01', '2026-07-01'], ['2026-03-30', '2026-03-30']],
  } as const;
  const timeLeague = async (label: string, kind: keyof typeof periods, municipality?: string) => {
    const xs: number[] = [];
    let centres = 0;
    for (let i = 0; i < RUNS; i++) {
      const [from, to] = periods[kind][i % periods[kind].length]!;
      const t0 = performance.now();
      const r = await fetch(`${central.url}/api/v1/public/league?from=${from}&to=${to}${municipality ? `&municipality=${municipality}` : ''}`, { headers: asClient() });
      if (!r.ok) throw new Error(`league ${from} → ${to}: ${r.status} ${await r.text()}`);
      centres = ((await r.json()) as { centres: unknown[] }).centres.length;
      xs.push(ms(t0));
    }
    console.log(`league over a ${label}: p50 ${n(pct(xs, 0.5))} ms, p95 ${n(pct(xs, 0.95))} ms (${centres} centres listed)`);
    return pct(xs, 0.95);
  };
  console.log(`\nthe public league over HTTP, cache off, ${RUNS} runs each over periods that start and end anywhere in a month:`);
  const m = platform.municipalities[0]!;
  await timeLeague('year, one municipality of 50 centres', 'year', m);
  await timeLeague('month, one municipality of 50 centres', 'month', m);
  await timeLeague('day, one municipality of 50 centres', 'day', m);
  const yearP95 = await (async () => {
    const xs: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const [from, to] = periods.year[i % periods.year.length]!;
      const t0 = performance.now();
      const r = await fetch(`${central.url}/api/v1/public/league?from=${from}&to=${to}`, { headers: asClient() });
      if (!r.ok) throw new Error(`league ${from} → ${to}: ${r.status}`);
      await r.arrayBuffer();
      xs.push(ms(t0));
    }
    console.log(`league over a year, ${n(CENTRES)} centres: p50 ${n(pct(xs, 0.5))} ms, p95 ${n(pct(xs, 0.95))} ms`);
    return pct(xs, 0.95);
  })();
  await timeLeague(`month, ${n(CENTRES)} centres`, 'month');
  await timeLeague(`day, ${n(CENTRES)} centres`, 'day');
  console.log(`league over a year of ${n(CENTRES)} centres p95 < 1 s — ${yearP95 < 1000 ? 'met' : 'MISSED'}`);
}

console.log(`load average at the end: ${load()} (2 cores)`);
await pool.end();
await central.close();
await cluster?.stop();
if (!values.keep) rmSync(dir, { recursive: true, force: true });

// The central benchmark (issue 12): many halls' days replayed into central over its real HTTP API
// (enrolment, credentials, ordered batches of 500, validation, one transaction per batch) on a
// real PostgreSQL (the embedded npm binaries, a fresh cluster), against a plain bulk insert of the
// same rows into the same PostgreSQL in the same run; then the facts folded, and the league and
// dashboard queries timed at that size.
//   ./dawr npm run bench:central [-- --halls N] [-- --tickets-per-day N] [-- --concurrency N]
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { startCentral } from '../electron/central/central.ts';
import { startEmbeddedPostgres } from '../electron/central/embedded-postgres.ts';
import { DEMO_BRANCH, DEMO_COUNTERS, DEMO_SERVICES } from '../electron/hub/demo.ts';
import { generateHistory } from '../electron/hub/reports/history.ts';
import { openDatabase } from '../electron/hub/store/database.ts';
import { createEventStore } from '../electron/hub/store/event-store.ts';
import { createLogger } from '../electron/node-common/log.ts';
import type { SyncEvent } from '../shared/protocol/sync.ts';

const { values } = parseArgs({ options: { halls: { type: 'string' }, 'tickets-per-day': { type: 'string' }, concurrency: { type: 'string' }, variants: { type: 'string' } } });
const HALLS = Number(values.halls ?? 50);
const PER_DAY = Number(values['tickets-per-day'] ?? 3500);
const CONCURRENCY = Number(values.concurrency ?? 8);
const VARIANTS = Number(values.variants ?? 5);
const DAY = '2026-11-30';
const BATCH = 500;

const dir = mkdtempSync(join(tmpdir(), 'dawr-central-bench-'));
chmodSync(dir, 0o711); // as root, PostgreSQL runs as `postgres`, which must enter it
const ms = (t: number) => performance.now() - t;
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))]!;

// 1. Hall days: a few distinct generated days (through the real domain code), cycled over the halls.
let t = performance.now();
const days: SyncEvent[][] = [];
for (let v = 0; v < VARIANTS; v++) {
  const db = openDatabase(':memory:');
  const events = createEventStore(db);
  events.append([
    ...DEMO_SERVICES.map((service) => ({ type: 'service.saved' as const, at: `${DAY}T03:00:00.000Z`, service })),
  ], DAY);
  // A main hall: four times the demo's counters, so some 3,500 tickets a day are served.
  const counters = [0, 1, 2, 3].flatMap((k) => DEMO_COUNTERS.map((c) => ({ ...c, id: `${c.id}-${k}`, number: c.number + 8 * k, name: { ar: `${c.name.ar} ${k}`, en: `${c.name.en}.${k}` } })));
  events.append(counters.map((counter) => ({ type: 'counter.saved' as const, at: `${DAY}T03:00:00.000Z`, counter })), DAY);
  generateHistory({ events, branch: DEMO_BRANCH, services: DEMO_SERVICES, counters, clerks: new Map(counters.map((c, i) => [c.id, `clerk-${i + 1}`])), from: DAY, to: DAY, ticketsPerDay: PER_DAY, seed: 100 + v });
  const rows = events.publicSince(0, 1e9).map((r) => ({ seq: r.seq, day: r.day, event: r.event as unknown as Record<string, unknown> }));
  days.push(rows);
  db.close();
}
const totalEvents = Array.from({ length: HALLS }, (_, i) => days[i % VARIANTS]!.length).reduce((a, b) => a + b, 0);
const tickets = Array.from({ length: HALLS }, (_, i) => days[i % VARIANTS]!.filter((e) => e.event.type === 'ticket.issued').length).reduce((a, b) => a + b, 0);
console.log(`generated ${VARIANTS} distinct hall days in ${(ms(t) / 1000).toFixed(1)} s; ${HALLS} halls: ${tickets.toLocaleString('en')} tickets, ${totalEvents.toLocaleString('en')} events`);

// 2. A fresh PostgreSQL and central on it.
t = performance.now();
const cluster = await startEmbeddedPostgres(join(dir, 'data'));
const central = await startCentral({ dataDir: join(dir, 'data'), databaseUrl: cluster.url, log: createLogger({ level: 'silent', app: 'dawr-central' }), buildEveryMs: 3_600_000 });
console.log(`PostgreSQL 18 (embedded) and central up in ${(ms(t) / 1000).toFixed(1)} s`);
const post = async (path: string, body: unknown, token?: string) => {
  const r = await fetch(`${central.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify(body) });
  if (!r.ok) throw new Error(`${path}: ${r.status} ${await r.text()}`);
  return r.json() as Promise<Record<string, unknown>>;
};
await central.ctx.auth.createUser({ username: 'bench', password: 'bench-password', role: 'platform_admin' });
const admin = (await post('/api/v1/auth/login', { username: 'bench', password: 'bench-password' })).token as string;
await post('/api/v1/municipalities', { id: 'bench', name: { ar: 'بلدية', en: 'Bench municipality' } }, admin);
const halls: { id: string; credential: string; events: SyncEvent[] }[] = [];
for (let i = 0; i < HALLS; i++) {
  const b = await post('/api/v1/branches', { municipalityId: 'bench', name: { ar: `مركز ${i + 1}`, en: `Centre ${i + 1}` }, district: `d${i % 7}` }, admin);
  const code = (await post(`/api/v1/branches/${b.id as string}/enrolment`, {}, admin)).code as string;
  // Enrolment is rate-limited per address (10 a minute): the bench enrols in-process, through the same code.
  const e = await central.ctx.ingest.enrol({ code, timeZone: DEMO_BRANCH.timeZone }, Date.now());
  halls.push({ id: b.id as string, credential: e.credential, events: days[i % VARIANTS]! });
}

// 3. Ingest: every hall pushes its day in ordered batches; CONCURRENCY halls at a time.
t = performance.now();
const latencies: number[] = [];
let next = 0;
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
console.log(`ingest over HTTP: ${totalEvents.toLocaleString('en')} events in ${(ingestMs / 1000).toFixed(1)} s = ${Math.round(ingestRate).toLocaleString('en')} events/s (batch of ${BATCH}: p50 ${pct(latencies, 0.5).toFixed(0)} ms, p95 ${pct(latencies, 0.95).toFixed(0)} ms; ${CONCURRENCY} halls pushing at once)`);

// 4. The baseline: the same rows, bulk-inserted into a plain table of the same shape, same server.
const pool = new pg.Pool({ connectionString: cluster.url, max: CONCURRENCY });
await pool.query('CREATE TABLE plain_events (branch_id text NOT NULL, seq bigint NOT NULL, day date NOT NULL, type text NOT NULL, at timestamptz NOT NULL, body jsonb NOT NULL, PRIMARY KEY (branch_id, seq))');
t = performance.now();
next = 0;
await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
  while (next < halls.length) {
    const h = halls[next++]!;
    for (let i = 0; i < h.events.length; i += 5000) {
      const rows = h.events.slice(i, i + 5000);
      await pool.query(
        'INSERT INTO plain_events SELECT $1, * FROM unnest($2::bigint[], $3::date[], $4::text[], $5::timestamptz[], $6::jsonb[])',
        [h.id, rows.map((r) => r.seq), rows.map((r) => r.day), rows.map((r) => r.event.type as string), rows.map((r) => r.event.at as string), rows.map((r) => JSON.stringify(r.event))],
      );
    }
  }
}));
const bulkMs = ms(t);
const bulkRate = totalEvents / (bulkMs / 1000);
console.log(`plain bulk insert (same rows, same server, 5,000-row statements, no HTTP, no checks): ${(bulkMs / 1000).toFixed(1)} s = ${Math.round(bulkRate).toLocaleString('en')} events/s`);
console.log(`ingest / bulk insert = ${(ingestRate / bulkRate).toFixed(2)}`);

// 5. Facts and queries at that size.
t = performance.now();
await central.flush();
const buildMs = ms(t);
console.log(`facts folded from the log (${HALLS} branch-days): ${(buildMs / 1000).toFixed(1)} s = ${Math.round(totalEvents / (buildMs / 1000)).toLocaleString('en')} events/s`);
const time = async (label: string, path: string, token?: string, runs = 20) => {
  const xs: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const r = await fetch(`${central.url}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
    if (!r.ok) throw new Error(`${path}: ${r.status}`);
    await r.arrayBuffer();
    xs.push(ms(t0));
  }
  console.log(`${label.padEnd(44)} p50 ${pct(xs, 0.5).toFixed(0).padStart(5)} ms   p95 ${pct(xs, 0.95).toFixed(0).padStart(5)} ms`);
};
await time(`league, ${HALLS} centres, one day (public JSON)`, `/api/v1/public/league?from=${DAY}&to=${DAY}`);
await time('league as CSV', `/api/v1/public/league.csv?from=${DAY}&to=${DAY}`);
await time(`dashboard, ${HALLS} centres live (platform admin)`, '/api/v1/dashboard', admin);
await time(`compare, ${HALLS} centres over the day`, `/api/v1/compare?from=${DAY}&to=${DAY}`, admin);
await time('one centre\'s day summary', `/api/v1/branches/${halls[0]!.id}/days/${DAY}`, admin);
const size = await pool.query<{ s: string }>("SELECT pg_size_pretty(pg_total_relation_size('events')) AS s");
console.log(`events table with indexes: ${size.rows[0]!.s}`);

await pool.end();
await central.close();
await cluster.stop();
rmSync(dir, { recursive: true, force: true });

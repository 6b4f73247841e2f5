// A crowd on the public league (brief §9: 1,000 concurrent public clients, p95 < 200 ms; issue 25):
// central as its own process (started as `./dawr central` starts it, behind a proxy it trusts, so
// each client is its own address), on a platform of CENTRES centres with a year of roll-ups (real
// generated hall days dealt to every centre and day: bench/support/platform.ts). CLIENTS
// anonymous clients, for SECONDS, each in a loop: the league of a period (the last 7 days, 30
// days, a year, this month, last month, yesterday or today) of one municipality (or, one time in
// ten, the whole platform), sending back the ETag it got for that address (as a browser
// revalidates) and Accept-Encoding as every browser does (the bytes printed are those on the wire:
// central gzips the table once, and a client's time ends with the last compressed byte), then a
// pause (THINK ms on average) as a reader would. Meanwhile a "fact builder"
// writes one centre's today every second through central's own roll-up path, so today's periods
// keep changing as they do when halls push. Prints the answers by status, the latency of all and
// of the 200s, central's own answer time (from its /metrics), and central's RSS sampled every 200 ms.
//   ./dawr npm run bench:crowd [-- --clients N --seconds N --centres N --think MS]
import { type ChildProcess, spawn } from 'node:child_process';
import http from 'node:http';
import { performance as nodePerformance } from 'node:perf_hooks';
import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { startEmbeddedPostgres } from '../electron/central/embedded-postgres.ts';
import { migrate } from '../electron/central/migrations.ts';
import { writeDayRollups } from '../electron/central/rollups.ts';
import { addDays, businessDay } from '../shared/domain/business-day.ts';
import { dayPool, seedPlatform } from './support/platform.ts';

const { values } = parseArgs({ options: { clients: { type: 'string' }, seconds: { type: 'string' }, centres: { type: 'string' }, think: { type: 'string' } } });
const CLIENTS = Number(values.clients ?? 1000);
const SECONDS = Number(values.seconds ?? 30);
const CENTRES = Number(values.centres ?? 1000);
const THINK = Number(values.think ?? 2000);
const dawr = fileURLToPath(new URL('../scripts/dawr.ts', import.meta.url));
const ms = (t: number) => performance.now() - t;
const pct = (xs: number[], p: number) => (xs.length ? [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))]! : NaN);
const n = (x: number) => Math.round(x).toLocaleString('en');
console.log(`load average at the start: ${loadavg().map((x) => x.toFixed(1)).join(' ')} (2 cores)`);

const dir = mkdtempSync(join(tmpdir(), 'dawr-crowd-bench-'));
chmodSync(dir, 0o711);
const cluster = await startEmbeddedPostgres(join(dir, 'pg-data'));
const pool = new pg.Pool({ connectionString: cluster.url, max: 4 });
await migrate(pool);
const TZ = 'Asia/Riyadh';
const today = businessDay(Date.now(), TZ);
let t = performance.now();
const platform = await seedPlatform(pool, { centres: CENTRES, perMunicipality: 50, from: addDays(today, -364), days: 365, pool: dayPool(32), parallel: 2 });
console.log(`platform: ${n(CENTRES)} centres in ${platform.municipalities.length} municipalities, 365 days of roll-ups each, written in ${(ms(t) / 1000).toFixed(0)} s`);

// Central as its own process, behind a proxy on this machine (X-Forwarded-For names each client).
const spawned = performance.now();
const child: ChildProcess = spawn(process.execPath, [dawr, 'central', '--port', '0', '--data', join(dir, 'central'), '--trust-proxy', '127.0.0.1'], {
  stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, DATABASE_URL: cluster.url, DAWR_LOG_LEVEL: 'warn' },
});
const url = await new Promise<string>((resolve, reject) => {
  let out = '';
  const onData = (d: Buffer) => {
    out += d.toString();
    const m = /Dawr central \S+ — (http:\/\/\S+)/.exec(out);
    if (m) {
      child.stdout!.resume();
      child.stderr!.resume();
      child.stdout!.off('data', onData);
      child.stderr!.off('data', onData);
      resolve(m[1]!);
    }
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  child.once('exit', (code) => reject(new Error(`central exited (${code}): ${out}`)));
});
console.log(`central listening ${((performance.now() - spawned) / 1000).toFixed(1)} s after it was started (its league presets computed and its league path warmed up first)`);
const rssOf = () => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))![1]) / 1024;
/** Central's own time for the league's answers (its histogram on /metrics), every answer summed by bucket. */
let centralLagMax = NaN;
const centralBuckets = async (): Promise<Map<string, number>> => {
  const text = await (await fetch(`${url}/metrics`)).text();
  // prom-client's event-loop delay restarts at each reading: its maximum since the last one.
  centralLagMax = Number(/^nodejs_eventloop_lag_max_seconds (\S+)/m.exec(text)?.[1] ?? NaN) * 1000;
  const out = new Map<string, number>();
  for (const m of text.matchAll(/^dawr_central_public_league_seconds_bucket\{[^}]*le="([^"]+)"[^}]*\} (\d+)/gm)) out.set(m[1]!, (out.get(m[1]!) ?? 0) + Number(m[2]));
  return out;
};
/** The bucket bound within which a share `p` of the answers counted between two readings fell. */
const bucketQuantile = (a: Map<string, number>, b: Map<string, number>, p: number): string => {
  const rows = [...b].map(([le, k]) => [le, k - (a.get(le) ?? 0)] as const);
  const total = rows.find(([le]) => le === '+Inf')?.[1] ?? 0;
  const hit = rows.find(([, k]) => k >= p * total);
  return !total || !hit ? '—' : hit[0] === '+Inf' ? 'over 1 s' : `≤ ${Number(hit[0]) * 1000} ms`;
};
const rss: number[] = [];
const sampler = setInterval(() => rss.push(rssOf()), 200);
const rssAtStart = rssOf();

const lastMonth = (() => {
  const d = new Date(`${today.slice(0, 8)}01T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() - 1);
  return [d.toISOString().slice(0, 10), addDays(`${today.slice(0, 8)}01`, -1)] as const;
})();
// The league page's presets (the last 7 and 30 days, this month, last month: central computes them
// ahead) and three it does not offer (a year, yesterday, today).
const periods = [
  ['the last 7 days', addDays(today, -6), today], ['the last 30 days', addDays(today, -29), today], ['a year', addDays(today, -364), today],
  ['this month', `${today.slice(0, 8)}01`, today], ['last month', ...lastMonth], ['yesterday', addDays(today, -1), addDays(today, -1)], ['today', today, today],
] as const;
/** The answers to requests asked in the first 5 s, by period. */
const early = new Map<string, number[]>(periods.map(([label]) => [label, []]));

// The fact builder: one centre's today written again every second (today's periods change).
let writing = true;
const writer = (async () => {
  const totals = dayPool(1, 900)[0]!;
  let i = 0;
  while (writing) {
    const c = await pool.connect();
    try {
      await c.query('BEGIN');
      await writeDayRollups(c, platform.branches[(i++ * 97) % platform.branches.length]!.id, [{ day: today, totals }]);
      await c.query('COMMIT');
    } finally {
      c.release();
    }
    await new Promise((r) => setTimeout(r, 1000));
  }
})();

const byStatus = new Map<number | string, number>();
const all: number[] = [];
const ok: number[] = [];
const revalidated: number[] = [];
/** The answers to requests asked once the first 5 s had passed (every period's table computed once). */
const warm: number[] = [];
/** Answers over 200 ms, by the half-second they were asked in (where a slow wave sits). */
const slowAt = new Map<number, number>();
let bytes = 0;
const end = Date.now() + SECONDS * 1000;
let seed = 12345;
const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
const bucketsAtStart = await centralBuckets();
let bucketsAt5s: Map<string, number> | undefined;
let lagIn5s = NaN;
const at5s = setTimeout(() => void centralBuckets().then((b) => { bucketsAt5s = b; lagIn5s = centralLagMax; }), 5000);
t = performance.now();
// The clients share this process and its core with nothing but each other: how busy its event loop
// was is printed, since a client that cannot read its answer in time adds to the latency it
// reports. Each client is a browser: one keep-alive connection of its own (a plain http.Agent;
// fetch costs several times the CPU per request, which the crowd's first second showed as latency).
// A request's time runs from its bytes leaving on the connection to the last byte of its answer.
// Who had the two cores in the crowd's first 2 s, by quarter-second: central, these clients, and
// everything else (PostgreSQL, the kernel), from /proc.
const ticks = () => {
  const cpu = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  const central = readFileSync(`/proc/${child.pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  const self = readFileSync('/proc/self/stat', 'utf8').split(') ')[1]!.split(' ');
  // /proc/stat: user nice system idle iowait irq softirq steal; a process's utime and stime are its 12th and 13th fields after the name.
  return { busy: cpu[0]! + cpu[1]! + cpu[2]! + cpu[5]! + cpu[6]! + cpu[7]!, total: cpu.slice(0, 8).reduce((a, b) => a + b, 0), central: Number(central[11]) + Number(central[12]), clients: Number(self[11]) + Number(self[12]) };
};
const cpuShares: string[] = [];
let lastTicks = ticks();
const cpuTimer = setInterval(() => {
  const now = ticks();
  const total = Math.max(1, now.total - lastTicks.total);
  const central = now.central - lastTicks.central;
  const clients = now.clients - lastTicks.clients;
  const others = Math.max(0, now.busy - lastTicks.busy - central - clients);
  // Of the machine's two cores: 100 % is both.
  cpuShares.push(`${(100 * central / total).toFixed(0)}/${(100 * clients / total).toFixed(0)}/${(100 * others / total).toFixed(0)}`);
  lastTicks = now;
  if (cpuShares.length >= 8) clearInterval(cpuTimer);
}, 250);
let lastElu = nodePerformance.eventLoopUtilization();
const elu: number[] = [];
const eluTimer = setInterval(() => {
  elu.push(nodePerformance.eventLoopUtilization(lastElu).utilization);
  lastElu = nodePerformance.eventLoopUtilization();
}, 250);
const target = new URL(url);
/** Each client's first request (the one that opens its connection): from asking to connected, and its latency. */
const connecting: number[] = [];
const firstOfClient: number[] = [];
const ask = (agent: http.Agent, path: string, headers: Record<string, string>) => new Promise<{ status: number; etag: string | undefined; bytes: number; took: number }>((resolve, reject) => {
  const asked = performance.now();
  let sent = asked;
  const req = http.get({ host: target.hostname, port: target.port, path, agent, headers }, (res) => {
    let bytes = 0;
    res.on('data', (chunk: Buffer) => { bytes += chunk.length; });
    res.on('end', () => resolve({ status: res.statusCode ?? 0, etag: res.headers.etag, bytes, took: performance.now() - sent }));
    res.on('error', reject);
  });
  req.on('socket', (socket) => {
    if (!socket.connecting) return;
    socket.once('connect', () => connecting.push(performance.now() - asked));
    req.once('response', (res) => res.once('end', () => firstOfClient.push(performance.now() - sent)));
  });
  req.on('finish', () => { sent = performance.now(); });
  req.on('error', reject);
});
await Promise.all(Array.from({ length: CLIENTS }, async (_, c) => {
  const address = `10.${(c >> 16) & 255}.${(c >> 8) & 255}.${c & 255}`;
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const etags = new Map<string, string>();
  // Clients arrive over the first second, not all at once.
  await new Promise((r) => setTimeout(r, random() * 1000));
  while (Date.now() < end) {
    const [label, from, to] = periods[Math.floor(random() * periods.length)]!;
    const m = random() < 0.1 ? '' : `&municipality=${platform.municipalities[Math.floor(random() * platform.municipalities.length)]}`;
    const path = `/api/v1/public/league?from=${from}&to=${to}${m}`;
    const etag = etags.get(path);
    const t0 = performance.now();
    try {
      const r = await ask(agent, path, { 'x-forwarded-for': address, 'accept-encoding': 'gzip, deflate, br', ...(etag ? { 'if-none-match': etag } : {}) });
      all.push(r.took);
      if (r.took > 200) slowAt.set(Math.floor((t0 - t) / 500), (slowAt.get(Math.floor((t0 - t) / 500)) ?? 0) + 1);
      if (t0 - t > 5000) warm.push(r.took);
      else early.get(label)!.push(r.took);
      bytes += r.bytes;
      byStatus.set(r.status, (byStatus.get(r.status) ?? 0) + 1);
      if (r.status === 200) {
        ok.push(r.took);
        etags.set(path, r.etag ?? '');
      } else if (r.status === 304) revalidated.push(r.took);
    } catch (err) {
      byStatus.set(`error: ${(err as Error).message}`, (byStatus.get(`error: ${(err as Error).message}`) ?? 0) + 1);
    }
    await new Promise((r) => setTimeout(r, random() * 2 * THINK));
  }
  agent.destroy();
}));
clearInterval(eluTimer);
clearTimeout(at5s);
const bucketsAtEnd = await centralBuckets();
const seconds = ms(t) / 1000;
writing = false;
await writer;
clearInterval(sampler);
const rssEnd = rssOf();

console.log(`\n${n(CLIENTS)} anonymous clients for ${SECONDS} s (a pause of ${THINK} ms on average between requests), ${n(CENTRES)} centres, one centre's today written every second:`);
console.log(`answers: ${n(all.length)} (${n(all.length / seconds)}/s, ${(bytes / 1e6).toFixed(0)} MB) — ${[...byStatus.entries()].map(([s, k]) => `${s}: ${n(k)}`).join(', ')}`);
console.log(`latency, every answer: p50 ${pct(all, 0.5).toFixed(1)} ms, p95 ${pct(all, 0.95).toFixed(1)} ms, p99 ${pct(all, 0.99).toFixed(1)} ms, max ${Math.max(...all).toFixed(0)} ms`);
console.log(`latency, asked after the first 5 s: p50 ${pct(warm, 0.5).toFixed(1)} ms, p95 ${pct(warm, 0.95).toFixed(1)} ms, p99 ${pct(warm, 0.99).toFixed(1)} ms`);
console.log(`asked in the first 5 s, p50 / p95 by period: ${[...early].map(([label, xs]) => `${label} ${pct(xs, 0.5).toFixed(0)} / ${pct(xs, 0.95).toFixed(0)} ms`).join('; ')}`);
console.log(`answers over 200 ms: ${n([...slowAt.values()].reduce((a, b) => a + b, 0))} of ${n(all.length)} (${(100 * [...slowAt.values()].reduce((a, b) => a + b, 0) / Math.max(1, all.length)).toFixed(1)} %), asked at ${[...slowAt].sort((a, b) => a[0] - b[0]).map(([k, v]) => `${(k / 2).toFixed(1)}–${((k + 1) / 2).toFixed(1)} s: ${n(v)}`).join(', ') || '—'}`);
console.log(`each client's first request (its connection opened): latency p50 ${pct(firstOfClient, 0.5).toFixed(0)} / p95 ${pct(firstOfClient, 0.95).toFixed(0)} ms; from asking to connected p50 ${pct(connecting, 0.5).toFixed(0)} / p95 ${pct(connecting, 0.95).toFixed(0)} ms (${n(firstOfClient.length)} first requests, ${(100 * firstOfClient.length / Math.max(1, all.length)).toFixed(1)} % of the answers)`);
console.log(`latency, 200 (a table): p50 ${pct(ok, 0.5).toFixed(1)} ms, p95 ${pct(ok, 0.95).toFixed(1)} ms; 304 (revalidated): p50 ${pct(revalidated, 0.5).toFixed(1)} ms, p95 ${pct(revalidated, 0.95).toFixed(1)} ms`);
console.log(`central's own time, request to last byte handed to the network (its /metrics histogram): 95 % ${bucketQuantile(bucketsAtStart, bucketsAtEnd, 0.95)} over the run; in the first 5 s 95 % ${bucketsAt5s ? bucketQuantile(bucketsAtStart, bucketsAt5s, 0.95) : '—'}, 99 % ${bucketsAt5s ? bucketQuantile(bucketsAtStart, bucketsAt5s, 0.99) : '—'}; its event loop's longest delay in the first 5 s ${lagIn5s.toFixed(0)} ms, after ${centralLagMax.toFixed(0)} ms`);
console.log(`the two cores in the first 2 s, by quarter-second, central / these clients / the rest (PostgreSQL, the kernel), % of both: ${cpuShares.join(', ')}`);
console.log(`the clients' own event loop (this process), busy: ${(100 * Math.max(...elu.slice(0, 8))).toFixed(0)} % at most in the first 2 s, ${(100 * elu.slice(8).reduce((a, b) => a + b, 0) / Math.max(1, elu.length - 8)).toFixed(0)} % on average after (at 100 %, the latency above is partly the clients' own)`);
console.log(`central RSS: ${rssAtStart.toFixed(0)} MB at the start, at most ${Math.max(...rss).toFixed(0)} MB during the crowd, ${rssEnd.toFixed(0)} MB at the end`);
const errors = [...byStatus.keys()].filter((s) => s !== 200 && s !== 304 && s !== 429);
console.log(`p95 < 200 ms — ${pct(all, 0.95) < 200 ? 'met' : 'MISSED'}; answers other than 200, 304 and 429: ${errors.length ? errors.join(', ') : 'none'} — ${errors.length ? 'MISSED' : 'met'}`);
console.log(`load average at the end: ${loadavg().map((x) => x.toFixed(1)).join(' ')} (2 cores)`);

child.kill('SIGTERM');
await new Promise((r) => child.once('exit', r));
pool.on('error', () => undefined); // a connection the server ends as it stops
await pool.end();
await cluster.stop();
rmSync(dir, { recursive: true, force: true });

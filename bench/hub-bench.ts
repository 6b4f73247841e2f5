// `./dawr npm run bench:hub`: the hub's figures against the targets of brief §9.
//  1. durable ticket issue over HTTP, one request at a time: p50/p99 from request to committed response,
//     in a working hall (counters calling between the issues, ~100 waiting) — the target — and under
//     stress (every counter closed, the queue growing by 2,000)
//  2. sustained durable commands/s through the hall engine (decide → append with fsync → apply → publish):
//     kiosks issuing and every counter calling, starting and completing, the queue kept to ~200
//     and over HTTP with concurrent clients
//  3. raw better-sqlite3 transactions/s with the same pragmas in the same run, and the ratio
//  4. call-to-screen latency p50/p95 with 500 WebSocket screens connected
//  5. snapshots at 10,000 tickets a day: bytes per audience, 500 hall screens resynced after a
//     hub restart (time from listening to the last snapshot), and the hub's memory (RSS) then
// The hub runs as its own process (as in a hall); the clients run in this one.
import Database from 'better-sqlite3';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { systemClock } from '../shared/domain/clock.ts';
import { startHub } from '../electron/hub/hub.ts';
import { createLogger } from '../electron/node-common/log.ts';
import { PRAGMAS } from '../electron/hub/store/database.ts';
import type { TimingsDump } from '../electron/hub/timings.ts';
import { ApiClient } from '../test/support/hub.ts';
import { AS_DAWR_HUB, spawnHub } from '../test/support/hub-process.ts';

const quick = process.argv.includes('--quick');
const ISSUES = quick ? 300 : 2000;
const SECONDS = quick ? 1 : 3;
const SCREENS = 500;
const CALLS = quick ? 10 : 40;

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};
const tmp = () => mkdtempSync(join(tmpdir(), 'dawr-bench-'));
const rows: { figure: string; value: string; target: string; met: string }[] = [];
const row = (figure: string, value: string, target = '', met?: boolean) => rows.push({ figure, value, target, met: met === undefined ? '' : met ? 'yes' : 'NO' });

/**
 * The working hall's issues against the disk, from the hub's own timings: the issue p99 beside the
 * append + fsync p99 of the commits in the same window (brief §9: issue p99 ≤ 2 × the disk's), the
 * quote at issue (deciding an issue: ≤ 1 ms p99), and of the slowest 1 % of issues how much of each
 * overlapped a commit's append (fsync), a deciding, a GC pause, or none of them.
 */
function tailBreakdown(file: string): void {
  const d = JSON.parse(readFileSync(file, 'utf8')) as TimingsDump;
  // The issues in the working hall only: after the 100 of the warm-up, before the stress run.
  const issues = d.requests.filter((r) => r.url === 'POST /api/v1/tickets').slice(100, 100 + ISSUES);
  const from = issues[0]!.start;
  const to = issues.at(-1)!.start + issues.at(-1)!.ms;
  const inWindow = (x: { start: number }) => x.start >= from && x.start <= to;
  const issueP99 = pct(issues.map((r) => r.ms), 99);
  const appends = d.appends.filter(inWindow).map((a) => a.ms);
  const appendP99 = pct(appends, 99);
  row('append + fsync of the same window\'s commits, p50 / p99', `${pct(appends, 50).toFixed(2)} / ${appendP99.toFixed(2)} ms`);
  row('ticket issue p99 ÷ append + fsync p99 (same run)', `${(issueP99 / appendP99).toFixed(2)}`, '<= 2', issueP99 / appendP99 <= 2);
  // Each issue phase by phase (one command a batch here): before its deciding (HTTP, the sign-in
  // check, validation), the deciding (where the quote at issue is made), the append + fsync of its
  // commit, and after it (applying, publishing, the answer written). The spans are in time order.
  const phases: Record<'before' | 'deciding' | 'append' | 'after', number[]> = { before: [], deciding: [], append: [], after: [] };
  let nextDecide = 0;
  let nextAppend = 0;
  const firstWithin = (spans: { start: number; ms: number }[], at: number, r: { start: number; ms: number }) => {
    while (at < spans.length && spans[at]!.start < r.start) at++;
    return at;
  };
  for (const r of issues) {
    nextDecide = firstWithin(d.decides, nextDecide, r);
    nextAppend = firstWithin(d.appends, nextAppend, r);
    const dec = d.decides[nextDecide];
    const app = d.appends[nextAppend];
    if (!dec || !app || dec.start > r.start + r.ms || app.start > r.start + r.ms) continue;
    phases.before.push(dec.start - r.start);
    phases.deciding.push(dec.ms);
    phases.append.push(app.ms);
    phases.after.push(r.start + r.ms - (app.start + app.ms));
  }
  const quote = phases.deciding;
  row('the quote at issue (deciding an issue), p50 / p99', `${pct(quote, 50).toFixed(3)} / ${pct(quote, 99).toFixed(3)} ms`, '<= 1 ms', pct(quote, 99) <= 1);
  row('an issue phase by phase, p50 / p99: before deciding (HTTP, sign-in check, validation)', `${pct(phases.before, 50).toFixed(2)} / ${pct(phases.before, 99).toFixed(2)} ms`);
  row('  deciding / its append + fsync / after (apply, publish, the answer written)', (['deciding', 'append', 'after'] as const).map((k) => `${pct(phases[k], 50).toFixed(2)}/${pct(phases[k], 99).toFixed(2)}`).join('  ') + ' ms');
  const cut = pct(issues.map((r) => r.ms), 99);
  const slow = issues.filter((r) => r.ms >= cut);
  const overlap = (r: { start: number; ms: number }, spans: { start: number; ms: number }[]) =>
    spans.reduce((sum, s) => sum + Math.max(0, Math.min(r.start + r.ms, s.start + s.ms) - Math.max(r.start, s.start)), 0);
  const mean = (f: (r: { start: number; ms: number }) => number) => slow.reduce((a, r) => a + f(r), 0) / Math.max(1, slow.length);
  const total = mean((r) => r.ms);
  const append = mean((r) => overlap(r, d.appends));
  const decide = mean((r) => overlap(r, d.decides));
  const gc = mean((r) => overlap(r, d.gc));
  const share = (x: number) => `${x.toFixed(2)} ms (${((x / total) * 100).toFixed(0)} %)`;
  row(`tail (slowest 1%, ${slow.length} issues): mean`, `${total.toFixed(2)} ms`);
  row('  of which append + fsync', share(append));
  row('  of which deciding (the quote at issue)', share(decide));
  row('  of which GC pauses', share(gc));
  row('  of which the rest (parse, HTTP, event loop)', share(Math.max(0, total - append - decide - gc)));
  const all = d.appends.map((a) => a.ms);
  row('append + fsync over the whole run, p50 / p99', `${pct(all, 50).toFixed(2)} / ${pct(all, 99).toFixed(2)} ms`);
  const decides = d.decides.map((a) => a.ms);
  row('deciding a batch over the whole run, p50 / p99', `${pct(decides, 50).toFixed(2)} / ${pct(decides, 99).toFixed(2)} ms`);
  row('hub event-loop delay p99 / max', `${d.loopDelayMs.p99.toFixed(1)} / ${d.loopDelayMs.max.toFixed(1)} ms`);
}

async function httpFigures() {
  const dir = tmp();
  process.env.DAWR_TIMINGS = join(dir, 'timings.json');
  const hub = await spawnHub([...AS_DAWR_HUB, '--data', dir, '--demo', '--issue-per-minute', '1000000']);
  delete process.env.DAWR_TIMINGS;
  const api = new ApiClient(hub.url);
  try {
    const admin = await api.login('admin', 'dawr-admin');
    const kiosk = await api.pairDevice(admin, 'kiosk', 'bench kiosk');
    const services = ['building-permits', 'commercial-licences', 'reception', 'fees-payments', 'certificates'];
    // A working hall: the eight demo counters open, each signed in by its clerk.
    const clerks = await Promise.all(Array.from({ length: 8 }, (_x, i) => api.login(`clerk${i + 1}`, 'dawr-clerk')));
    for (const [i, token] of clerks.entries()) {
      const r = await api.post(`/api/v1/counters/counter-${i + 1}/open`, token);
      if (r.status !== 200) throw new Error(`open counter-${i + 1}: ${r.status}`);
    }
    for (let i = 0; i < 100; i++) await api.post('/api/v1/tickets', kiosk, { serviceId: services[i % 5], lang: 'ar' }); // warm-up, and a queue
    const issueTimed = async (i: number, lat: number[]) => {
      const t0 = performance.now();
      const r = await api.post('/api/v1/tickets', kiosk, { serviceId: services[i % 5], lang: i % 2 ? 'ar' : 'en' });
      lat.push(performance.now() - t0);
      if (r.status !== 201) throw new Error(`issue failed: ${r.status}`);
    };
    // 1. Issue in a working hall: after each ticket one counter (in turn) calls, starts and completes
    //    its next — the queue stays near the hundred of the warm-up, as in a busy hour.
    const lat: number[] = [];
    let waiting = 100;
    for (let i = 0; i < ISSUES; i++) {
      await issueTimed(i, lat);
      waiting++;
      const k = i % clerks.length;
      const called = await api.post(`/api/v1/counters/counter-${k + 1}/call-next`, clerks[k]);
      if (called.status === 200) {
        waiting--;
        const started = await api.post(`/api/v1/tickets/${called.body.id}/start`, clerks[k]);
        const completed = await api.post(`/api/v1/tickets/${called.body.id}/complete`, clerks[k], { outcome: 'completed' });
        // A refused step would leave the counter holding its ticket and the hall no longer working.
        if (started.status !== 200 || completed.status !== 200) throw new Error(`serve at counter-${k + 1}: ${started.status} / ${completed.status}`);
      } else if (called.status !== 204) throw new Error(`call-next at counter-${k + 1}: ${called.status}`);
    }
    row(`ticket issue over HTTP, working hall (8 counters serving, ${waiting} waiting at the end), p50`, `${pct(lat, 50).toFixed(2)} ms`);
    row('ticket issue over HTTP, working hall, p99 (client side)', `${pct(lat, 99).toFixed(2)} ms`);

    // 2. Stress: every counter closed, the queue growing by 2,000 (no target: no hall runs so).
    for (const [i, token] of clerks.entries()) await api.post(`/api/v1/counters/counter-${i + 1}/close`, token);
    const stress: number[] = [];
    for (let i = 0; i < ISSUES; i++) await issueTimed(i, stress);
    row(`ticket issue over HTTP, every counter closed, ${waiting}–${waiting + ISSUES} waiting (stress), p50 / p99`, `${pct(stress, 50).toFixed(2)} / ${pct(stress, 99).toFixed(2)} ms`);

    // Throughput over HTTP with 8 clients in flight (on top of that queue).
    let done = 0;
    const until = performance.now() + SECONDS * 1000;
    await Promise.all(Array.from({ length: 8 }, async (_, w) => {
      while (performance.now() < until) {
        await api.post('/api/v1/tickets', kiosk, { serviceId: services[(w + done) % 5], lang: 'ar' });
        done++;
      }
    }));
    row(`durable issues/s over HTTP (8 clients, ${waiting + ISSUES}+ waiting, every counter closed)`, `${Math.round(done / SECONDS)}`);
  } finally {
    hub.child.kill('SIGTERM');
    await hub.exited;
  }
  tailBreakdown(join(dir, 'timings.json'));
  rmSync(dir, { recursive: true, force: true });
}

async function engineAndRaw() {
  // The hall engine in this process, on its own file: the full command path without HTTP.
  const dir = tmp();
  const hub = await startHub({ dataDir: dir, port: 0, demo: true, log: createLogger({ level: 'silent' }), clock: systemClock });
  const hall = hub.ctx.hall;
  const kiosk = { id: 'bench-kiosk', role: 'kiosk' as const };
  const services = [...hall.state.services.keys()];
  const counters = [...hall.state.counters.values()];
  const clerk = (i: number) => ({ id: `bench-clerk-${i}`, role: 'clerk' as const });
  for (const [i, c] of counters.entries()) {
    const out = await hall.execute({ type: 'openCounter', counterId: c.id }, clerk(i));
    if (!out.ok) throw new Error(out.error.message);
  }
  let issued = 0;
  let called = 0;
  const issue = async (n: number) => {
    const out = await hall.execute({ type: 'issue', serviceId: services[n % services.length]!, lang: 'ar', priority: 'none', identityVerified: false }, kiosk);
    if (!out.ok) throw new Error(out.error.message);
    issued++;
    return 1;
  };
  /** A counter calls its next ticket, starts and completes it: three durable commands (none when nothing waits for it). */
  const serve = async (i: number) => {
    const c = counters[i]!;
    const out = await hall.execute({ type: 'callNext', counterId: c.id }, clerk(i));
    const call = out.ok ? out.events.find((e) => e.type === 'ticket.called') : undefined;
    if (call?.type !== 'ticket.called') return 0;
    called++;
    const ticketId = call.ticketId;
    for (const type of ['start', 'complete'] as const) {
      const r = await hall.execute({ type, ticketId }, clerk(i));
      if (!r.ok) throw new Error(r.error.message);
    }
    return 3;
  };
  // Sequential: one command in flight, so every command pays its own commit — a kiosk issues, a counter serves.
  const sequential = async () => {
    let n = 0;
    const t0 = performance.now();
    while (performance.now() - t0 < SECONDS * 1000) {
      n += await issue(n);
      n += await serve(n % counters.length);
    }
    return n / ((performance.now() - t0) / 1000);
  };
  // Sustained: kiosks and counters in flight at once, as in a busy hall (8 kiosks, every counter
  // calling, starting and completing; the kiosks wait while 200 tickets wait, as a hall's queue
  // does not grow without end); group commit shares fsyncs.
  const concurrent = async () => {
    let n = 0;
    const t0 = performance.now();
    const running = () => performance.now() - t0 < SECONDS * 1000;
    await Promise.all([
      ...Array.from({ length: 8 }, async (_, w) => {
        while (running()) {
          if (issued - called > 200) await new Promise((r) => setImmediate(r));
          else n += await issue(n + w);
        }
      }),
      ...counters.map(async (_c, i) => {
        while (running()) {
          const k = await serve(i);
          n += k;
          if (k === 0) await new Promise((r) => setImmediate(r));
        }
      }),
    ]);
    return n / ((performance.now() - t0) / 1000);
  };
  const single = await sequential();
  const engine = await concurrent();
  await hub.close();
  rmSync(dir, { recursive: true, force: true });

  // Raw better-sqlite3: one row per transaction, same pragmas, similar row size, same disk.
  const rawDir = tmp();
  const db = new Database(join(rawDir, 'raw.sqlite'));
  for (const p of PRAGMAS) db.pragma(p);
  db.exec('CREATE TABLE events (seq INTEGER PRIMARY KEY, day TEXT, type TEXT, at TEXT, body TEXT)');
  const ins = db.prepare('INSERT INTO events (day, type, at, body) VALUES (?, ?, ?, ?)');
  const tx = db.transaction((body: string) => ins.run('2026-11-22', 'ticket.issued', new Date().toISOString(), body));
  const body = JSON.stringify({ type: 'ticket.issued', ticket: { id: '2026-11-22-A001', number: 'A-001', serviceId: 'building-permits', status: 'waiting', priority: 'none', lang: 'ar', issuedAt: new Date().toISOString(), trackingCode: 'ABCDEFGHJK' }, quote: { minMinutes: 3, maxMinutes: 9 } });
  let m = 0;
  const r0 = performance.now();
  while (performance.now() - r0 < SECONDS * 1000) {
    tx(body);
    m++;
  }
  const raw = m / ((performance.now() - r0) / 1000);
  db.close();
  rmSync(rawDir, { recursive: true, force: true });

  row('durable commands/s, one at a time (hall engine)', `${Math.round(single)}`);
  row('durable commands/s, kiosks and counters in flight (hall engine)', `${Math.round(engine)}`, '>= 1000', engine >= 1000);
  row('raw better-sqlite3 transactions/s (same pragmas)', `${Math.round(raw)}`);
  row('engine ÷ raw', `${((engine / raw) * 100).toFixed(0)} %`, '>= 50 %', engine / raw >= 0.5);
}

async function callToScreen() {
  const dir = tmp();
  const hub = await spawnHub([...AS_DAWR_HUB, '--data', dir, '--demo', '--issue-per-minute', '1000000']);
  const api = new ApiClient(hub.url);
  const sockets: WebSocket[] = [];
  try {
    const admin = await api.login('admin', 'dawr-admin');
    const display = await api.pairDevice(admin, 'display', 'bench display');
    const clerk = await api.login('clerk7', 'dawr-clerk');
    for (let i = 0; i < CALLS; i++) await api.post('/api/v1/tickets', admin, { serviceId: 'certificates', lang: 'ar' });
    await api.post('/api/v1/counters/counter-7/open', clerk);

    let pending: { ticketId: string; sentAt: number } | undefined;
    const samples: number[] = [];
    let received = 0;
    let onAll: (() => void) | undefined;
    const wsUrl = `${hub.url.replace('http', 'ws')}/api/v1/events?token=${display}`;
    await Promise.all(Array.from({ length: SCREENS }, () => new Promise<void>((resolve, reject) => {
      const ws = new WebSocket(wsUrl);
      sockets.push(ws);
      ws.addEventListener('message', (e) => {
        const m = JSON.parse(String(e.data));
        if (m.kind === 'snapshot') return resolve();
        if (m.type === 'ticket.called' && pending && m.ticketId === pending.ticketId) {
          samples.push(performance.now() - pending.sentAt);
          if (++received === SCREENS) onAll?.();
        }
      });
      ws.addEventListener('error', () => reject(new Error('screen failed to connect')));
    })));

    const queue = (await api.get('/api/v1/queue', admin)).body.tickets as { id: string }[];
    for (let i = 0; i < CALLS; i++) {
      const next = queue[i]!;
      received = 0;
      const all = new Promise<void>((r) => { onAll = r; });
      pending = { ticketId: next.id, sentAt: performance.now() };
      const r = await api.post(`/api/v1/tickets/${next.id}/call`, clerk, { counterId: 'counter-7' });
      if (r.status !== 200) throw new Error(`call failed ${r.status} ${JSON.stringify(r.body)}`);
      await all;
      await api.post(`/api/v1/tickets/${next.id}/no-show`, clerk);
    }
    row(`call → screen, ${SCREENS} screens, p50`, `${pct(samples, 50).toFixed(1)} ms`);
    row(`call → screen, ${SCREENS} screens, p95`, `${pct(samples, 95).toFixed(1)} ms`, '<= 50 ms', pct(samples, 95) <= 50);
  } finally {
    for (const s of sockets) s.close();
    hub.child.kill('SIGTERM');
    await hub.exited;
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A day of `n` tickets written through the real engine and store (most served, some waiting). */
async function busyDay(dir: string, n: number): Promise<void> {
  const hub = await startHub({ dataDir: dir, port: 0, demo: true, log: createLogger({ level: 'silent' }), issuePerMinute: 1_000_000 });
  const { hall } = hub.ctx;
  const services = [...hall.state.services.keys()];
  const counters = [...hall.state.counters.values()];
  const clerks = counters.map((c, i) => ({ id: `bench-clerk-${i}`, role: 'clerk' as const, counter: c.id }));
  for (const c of clerks) await hall.execute({ type: 'openCounter', counterId: c.counter }, c);
  const kiosk = { id: 'bench-kiosk', role: 'kiosk' as const };
  for (let i = 0; i < n; i += 200) {
    // 200 issues at a time (group commit), then each counter serves what it can.
    await Promise.all(Array.from({ length: Math.min(200, n - i) }, (_, k) => hall.execute({ type: 'issue', serviceId: services[(i + k) % services.length]!, lang: 'ar', priority: 'none', identityVerified: false }, kiosk)));
    if (n - i <= 200) break; // the last batch stays waiting
    for (let round = 0; round < 30; round++) {
      await Promise.all(clerks.map(async (c) => {
        const called = await hall.execute({ type: 'callNext', counterId: c.counter }, c);
        const e = called.ok ? called.events.find((x) => x.type === 'ticket.called') : undefined;
        if (!e || e.type !== 'ticket.called') return;
        await hall.execute({ type: 'start', ticketId: e.ticketId }, c);
        await hall.execute({ type: 'complete', ticketId: e.ticketId, outcome: 'completed', note: 'bench note' }, c);
      }));
    }
  }
  await hub.close();
}

async function snapshotsAtScale() {
  const TICKETS = quick ? 2_000 : 10_000;
  const dir = tmp();
  try {
    await busyDay(dir, TICKETS);
    let hub = await spawnHub([...AS_DAWR_HUB, '--data', dir, '--demo', '--issue-per-minute', '1000000']);
    const api = new ApiClient(hub.url);
    const admin = await api.login('admin', 'dawr-admin');
    const display = await api.pairDevice(admin, 'display', 'bench display');
    const kiosk = await api.pairDevice(admin, 'kiosk', 'bench kiosk');
    const firstMessage = (token: string) => new Promise<number>((resolve, reject) => {
      const ws = new WebSocket(`${hub.url.replace('http', 'ws')}/api/v1/events?token=${token}`);
      ws.addEventListener('message', (e) => {
        ws.close();
        resolve(Buffer.byteLength(String(e.data)));
      }, { once: true });
      ws.addEventListener('error', () => reject(new Error('no snapshot')));
    });
    const kb = (b: number) => `${(b / 1024).toFixed(1)} KB`;
    const displayBytes = await firstMessage(display);
    row(`snapshot at ${TICKETS} tickets: hall display`, kb(displayBytes), '<= 64 KB', displayBytes <= 64 * 1024);
    row(`snapshot at ${TICKETS} tickets: kiosk`, kb(await firstMessage(kiosk)));
    row(`snapshot at ${TICKETS} tickets: staff`, kb(await firstMessage(admin)));

    // Restart the hub; 500 screens that were connected come back at once.
    hub.child.kill('SIGTERM');
    await hub.exited;
    hub = await spawnHub([...AS_DAWR_HUB, '--data', dir, '--demo', '--issue-per-minute', '1000000']);
    const listening = performance.now();
    const sockets: WebSocket[] = [];
    await Promise.all(Array.from({ length: SCREENS }, () => new Promise<void>((resolve, reject) => {
      const ws = new WebSocket(`${hub.url.replace('http', 'ws')}/api/v1/events?token=${display}`);
      sockets.push(ws);
      ws.addEventListener('message', () => resolve(), { once: true });
      ws.addEventListener('error', () => reject(new Error('screen failed to reconnect')));
    })));
    const resync = (performance.now() - listening) / 1000;
    const rss = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${hub.child.pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
    row(`${SCREENS} screens resynced after a restart (${TICKETS} tickets)`, `${resync.toFixed(2)} s`, '<= 5 s', resync <= 5);
    row(`hub RSS with ${SCREENS} screens, ${TICKETS} tickets`, `${rss.toFixed(0)} MB`, '<= 150 MB', rss <= 150);
    for (const s of sockets) s.close();
    hub.child.kill('SIGTERM');
    await hub.exited;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const load = () => loadavg().map((x) => x.toFixed(1)).join(' ');
const loadAtStart = load();
const only = process.argv.find((a) => a.startsWith('--only='))?.slice(7);
if (!only || only === 'http') await httpFigures();
if (!only || only === 'engine') await engineAndRaw();
if (!only || only === 'screens') await callToScreen();
if (!only || only === 'snapshots') await snapshotsAtScale();

const w = [Math.max(...rows.map((r) => r.figure.length)), Math.max(...rows.map((r) => r.value.length)), 8];
console.log(`\nDawr hub benchmark (${quick ? 'quick' : 'full'}; ${ISSUES} sequential issues, ${SECONDS}s throughput runs, ${CALLS} calls to ${SCREENS} screens)\n`);
console.log(`load average at the start: ${loadAtStart}, at the end: ${load()} (${availableParallelism()} cores)\n`);
console.log(`${'figure'.padEnd(w[0]!)}  ${'value'.padStart(w[1]!)}  ${'target'.padEnd(w[2]!)}  met`);
for (const r of rows) console.log(`${r.figure.padEnd(w[0]!)}  ${r.value.padStart(w[1]!)}  ${r.target.padEnd(w[2]!)}  ${r.met}`);

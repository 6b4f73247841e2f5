// The reports benchmark (brief §9: a year of a busy hall, 300k tickets: any report < 0.5 s, the
// first after a start < 1 s, hub RSS ≤ 200 MB). A real hub process, started as `./dawr hub` starts
// it, on a data folder holding a year of history:
//   1. the demo hall (a first `./dawr hub --demo` run) with twelve counters more added through the
//      admin API (20 in all), then a year (2025-12-01 → 2026-11-30, closed on Fridays) of generated
//      days written through the real domain code and event store into its SQLite file;
//   2. every closed day folded into its daily roll-up, as the hub does at start (timed);
//   3. the hub started again: the first year-long report right after the start, then every report
//      over the year, over the year for one service, and over a month (median of 3, JSON over
//      HTTP), the summary as CSV and XLSX; the hub's RSS (now and its peak) read from /proc.
//   ./dawr npm run bench:reports [-- --tickets-per-day N] [-- --keep DIR]
// With --keep DIR the folder is kept; a second run on it skips 1 and 2 (a restart).
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { businessDay } from '../shared/domain/business-day.ts';
import { REPORTS } from '../shared/reports/reports.ts';
import { DEMO_BRANCH, DEMO_SERVICES } from '../electron/hub/demo.ts';
import { createFactStore } from '../electron/hub/reports/fact-store.ts';
import { generateHistory } from '../electron/hub/reports/history.ts';
import { openDatabase } from '../electron/hub/store/database.ts';
import { createEventStore } from '../electron/hub/store/event-store.ts';
import { ApiClient } from '../test/support/hub.ts';
import { AS_DAWR_HUB, type HubProcess, spawnHub } from '../test/support/hub-process.ts';

const { values } = parseArgs({ options: { 'tickets-per-day': { type: 'string' }, keep: { type: 'string' } } });
const perDay = Number(values['tickets-per-day'] ?? 960);
const dir = values.keep ?? mkdtempSync(join(tmpdir(), 'dawr-reports-bench-'));
const data = join(dir, 'data');
const file = join(data, 'dawr.sqlite');
const FROM = '2025-12-01';
const TO = '2026-11-30';
const ms = (t: number) => performance.now() - t;
const load = () => loadavg().map((x) => x.toFixed(1)).join(' ');
const status = (pid: number) => {
  const s = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (k: string) => Number(new RegExp(`${k}:\\s+(\\d+)`).exec(s)?.[1] ?? 0);
  return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
};
/** The hub's RSS sampled every 20 ms: the highest seen since `reset`. (VmHWM would include the sign-in's scrypt, 32 MB for a moment.) */
function sampler(pid: number) {
  let peak = 0;
  const t = setInterval(() => {
    try {
      peak = Math.max(peak, status(pid).rss);
    } catch {
      // the hub has stopped
    }
  }, 20);
  return { reset: () => void (peak = status(pid).rss), peak: () => Math.max(peak, status(pid).rss), stop: () => clearInterval(t) };
}
const stop = async (h: HubProcess) => {
  h.child.kill('SIGTERM');
  await h.exited;
};
console.log(`load average at the start: ${load()} (2 cores)`);

// A big hall: the demo's 8 counters, and 12 more over the seven demo services.
const MORE = [[2, 3], [4, 6], [1, 4], [5, 6], [0, 2], [3, 5], [4], [6, 3], [0, 1], [2, 3], [4, 6], [5]];
let t = performance.now();
if (!existsSync(file)) {
  const first = await spawnHub([...AS_DAWR_HUB, '--demo', '--data', data]);
  const api = new ApiClient(first.url);
  const admin = await api.login('admin', 'dawr-admin');
  for (const [i, s] of MORE.entries()) {
    const n = 9 + i;
    const r = await api.post('/api/v1/admin/counters', admin, { id: `counter-${n}`, number: n, name: { ar: `الشباك ${n}`, en: `Counter ${n}` }, serviceIds: s.map((k) => DEMO_SERVICES[k]!.id) });
    if (r.status !== 200) throw new Error(`adding counter ${n}: ${r.status} ${JSON.stringify(r.body)}`);
  }
  const counters = (await api.get('/api/v1/admin/counters', admin)).body as { id: string; number: number; name: { ar: string; en: string }; serviceIds: string[] }[];
  const users = new Map(((await api.get('/api/v1/admin/staff', admin)).body as { id: string; username: string }[]).map((u) => [u.username, u.id]));
  await stop(first);
  const db = openDatabase(file);
  const events = createEventStore(db);
  const g = generateHistory({
    events, branch: DEMO_BRANCH, services: DEMO_SERVICES, counters: counters.map(({ id, number, name, serviceIds }) => ({ id, number, name, serviceIds })),
    clerks: new Map(counters.map((c) => [c.id, users.get(`clerk${c.number}`) ?? `clerk-${c.number}`])),
    from: FROM, to: TO, ticketsPerDay: perDay, seed: 2026, comments: ['ممتاز', 'طال الانتظار'],
  });
  console.log(`generated ${g.days} open days, ${g.tickets.toLocaleString('en')} tickets, ${g.events.toLocaleString('en')} events in ${(ms(t) / 1000).toFixed(1)} s (through decide/apply and the event store), ${counters.length} counters`);
  t = performance.now();
  const facts = createFactStore(db, { timeZone: () => DEMO_BRANCH.timeZone, today: () => businessDay(Date.now(), DEMO_BRANCH.timeZone) });
  const folded = facts.buildMissing();
  console.log(`daily roll-ups: folded ${folded.length} days from the log in ${(ms(t) / 1000).toFixed(1)} s (what the hub does once after an upgrade; then one day at each rollover)`);
  db.close();
}
console.log(`SQLite file ${(statSync(file).size / 1e6).toFixed(0)} MB`);

// The hub, started as ./dawr hub starts it, on that folder.
const hub = await spawnHub([...AS_DAWR_HUB, '--data', data]);
const pid = hub.child.pid!;
const api = new ApiClient(hub.url);
const manager = await api.login('manager', 'dawr-manager');
const atStart = status(pid);
const rss = sampler(pid);
rss.reset();
const report = async (name: string, query: string) => {
  const r = await api.get(`/api/v1/reports/${name}?${query}`, manager);
  if (r.status !== 200) throw new Error(`${name}?${query}: ${r.status} ${JSON.stringify(r.body).slice(0, 300)}`);
  return r.body as { key: { issued: number } };
};
t = performance.now();
const firstReport = await report('summary', `from=${FROM}&to=${TO}`);
const first = ms(t);
console.log(`hub started: RSS ${atStart.rss.toFixed(0)} MB; first report over the year after the start (summary, its closed days read from SQLite): ${first.toFixed(0)} ms; RSS then ${status(pid).rss.toFixed(0)} MB`);

async function time(fn: () => Promise<unknown>, runs = 3): Promise<number> {
  const xs: number[] = [];
  for (let i = 0; i < runs; i++) {
    const s = performance.now();
    await fn();
    xs.push(ms(s));
  }
  return xs.sort((a, b) => a - b)[Math.floor(runs / 2)]!;
}

const rows: string[] = [];
let worst = 0;
for (const name of REPORTS) {
  const year = await time(() => report(name, `from=${FROM}&to=${TO}`));
  const filtered = await time(() => report(name, `from=${FROM}&to=${TO}&service=certificates`));
  const month = await time(() => report(name, 'from=2026-11-01&to=2026-11-30'));
  worst = Math.max(worst, year, filtered);
  rows.push(`| ${name.padEnd(12)} | ${year.toFixed(0).padStart(6)} | ${filtered.toFixed(0).padStart(8)} | ${month.toFixed(0).padStart(5)} |`);
}
const afterJson = { rss: status(pid).rss, peak: rss.peak() };
rss.reset();
const file1 = async (format: string) => {
  const r = await fetch(`${hub.url}/api/v1/reports/summary?from=${FROM}&to=${TO}&format=${format}&lang=ar`, { headers: { authorization: `Bearer ${manager}` } });
  if (r.status !== 200) throw new Error(`${format}: ${r.status}`);
  await r.arrayBuffer();
};
const csv = await time(() => file1('csv'));
const xlsx = await time(() => file1('xlsx'), 1);
const after = { rss: status(pid).rss, peak: rss.peak() };
rss.stop();
console.log(`\nreports over a year (${firstReport.key.issued.toLocaleString('en')} tickets), JSON over HTTP from the hub process, median of 3 runs, ms:`);
console.log('| report       |   year | year+svc | month |');
console.log('|--------------|--------|----------|-------|');
console.log(rows.join('\n'));
console.log(`summary over the year as CSV: ${csv.toFixed(0)} ms; as XLSX: ${xlsx.toFixed(0)} ms`);
console.log(`hub RSS while answering every report as JSON: peak ${afterJson.peak.toFixed(0)} MB, ${afterJson.rss.toFixed(0)} MB after; while making the CSV and the XLSX: peak ${after.peak.toFixed(0)} MB, ${after.rss.toFixed(0)} MB after`);
console.log(`load average at the end: ${load()} (2 cores)`);
console.log(`slowest report over the year: ${worst.toFixed(0)} ms (target < 500 ms) — ${worst < 500 ? 'met' : 'MISSED'}`);
console.log(`first report over the year after a start: ${first.toFixed(0)} ms (target < 1000 ms) — ${first < 1000 ? 'met' : 'MISSED'}`);
const worstRss = Math.max(atStart.rss, afterJson.peak, after.peak);
console.log(`hub RSS with a year of history: at most ${worstRss.toFixed(0)} MB from its start through every report, CSV and XLSX (target ≤ 200 MB) — ${worstRss <= 200 ? 'met' : 'MISSED'}`);
await stop(hub);
if (!values.keep) rmSync(dir, { recursive: true, force: true });

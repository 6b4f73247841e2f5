// The reports benchmark (brief §9: a year of a busy hall, 300k tickets, in under 2 s).
// Generates a year of history through the real domain code into a real SQLite file (the real
// event store, WAL, synchronous=FULL), folds it into the report projection as the hub does at
// start, then times every report over the whole year (and over one month), JSON and files.
//   ./dawr npm run bench:reports [-- --tickets-per-day N] [-- --keep DIR]
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DEMO_BRANCH, DEMO_SERVICES } from '../electron/hub/demo.ts';
import { reportCsv } from '../electron/hub/reports/csv.ts';
import { createFactStore } from '../electron/hub/reports/fact-store.ts';
import { generateHistory } from '../electron/hub/reports/history.ts';
import { createReportService } from '../electron/hub/reports/report-service.ts';
import { reportXlsx } from '../electron/hub/reports/xlsx.ts';
import { openDatabase } from '../electron/hub/store/database.ts';
import { createEventStore } from '../electron/hub/store/event-store.ts';
import { REPORTS } from '../shared/reports/reports.ts';

const { values } = parseArgs({ options: { 'tickets-per-day': { type: 'string' }, keep: { type: 'string' } } });
const perDay = Number(values['tickets-per-day'] ?? 960);
const dir = values.keep ?? mkdtempSync(join(tmpdir(), 'dawr-reports-bench-'));
const FROM = '2025-12-01';
const TO = '2026-11-30';
const TODAY = '2026-12-01';

// A big hall: 20 counters over the seven demo services.
const SERVES = [[0, 2], [0, 2], [0], [1], [1, 4], [1], [2], [3, 6], [3], [4, 5], [4], [4, 5], [5], [5, 6], [6], [6, 3], [0, 1], [2, 3], [4, 6], [5]];
const counters = SERVES.map((s, i) => ({ id: `counter-${i + 1}`, number: i + 1, name: { ar: `الشباك ${i + 1}`, en: `Counter ${i + 1}` }, serviceIds: s.map((k) => DEMO_SERVICES[k]!.id) }));

const db = openDatabase(join(dir, 'dawr.sqlite'));
const events = createEventStore(db);
const ms = (t: number) => performance.now() - t;
let t = performance.now();
if (events.lastSeq === 0) {
  events.append([
    ...DEMO_SERVICES.map((service) => ({ type: 'service.saved' as const, at: '2025-11-30T05:00:00.000Z', service })),
    ...counters.map((counter) => ({ type: 'counter.saved' as const, at: '2025-11-30T05:00:00.000Z', counter })),
  ], '2025-11-30');
  const g = generateHistory({ events, branch: DEMO_BRANCH, services: DEMO_SERVICES, counters, clerks: new Map(counters.map((c, i) => [c.id, `clerk-${i + 1}`])), from: FROM, to: TO, ticketsPerDay: perDay, seed: 2026, comments: ['ممتاز', 'طال الانتظار'] });
  console.log(`generated ${g.days} open days, ${g.tickets.toLocaleString('en')} tickets, ${g.events.toLocaleString('en')} events in ${(ms(t) / 1000).toFixed(1)} s (through decide/apply and the event store)`);
}
const file = join(dir, 'dawr.sqlite');
console.log(`SQLite file ${(statSync(file).size / 1e6).toFixed(0)} MB`);

t = performance.now();
const facts = createFactStore(db, { timeZone: () => DEMO_BRANCH.timeZone, today: () => TODAY });
const folded = facts.buildMissing();
console.log(`projection: folded ${folded.length} days from the log in ${(ms(t) / 1000).toFixed(1)} s (once; then one day at each rollover)`);

const reports = createReportService({
  source: facts.source(() => events.lastSeq, () => Date.parse(`${TODAY}T06:00:00Z`)),
  branch: () => DEMO_BRANCH,
  services: () => DEMO_SERVICES,
  counters: () => counters,
  staff: () => counters.map((_, i) => ({ id: `clerk-${i + 1}`, username: `clerk${i + 1}` })),
  now: () => Date.now(),
});
const manager = { id: 'm', role: 'manager' as const };

// The first report after a start reads the closed days from SQLite (the hub does this in the
// background, a few days at a time, right after it starts); later ones find them in memory.
t = performance.now();
reports.run('summary', { from: FROM, to: TO }, manager);
console.log(`first report over the year after a start (reads ${folded.length || 'all'} days from SQLite): ${ms(t).toFixed(0)} ms; memory ${(process.memoryUsage().rss / 1e6).toFixed(0)} MB RSS`);

function time(fn: () => unknown, runs = 3): number {
  const xs: number[] = [];
  for (let i = 0; i < runs; i++) {
    const s = performance.now();
    fn();
    xs.push(ms(s));
  }
  return xs.sort((a, b) => a - b)[Math.floor(runs / 2)]!;
}

const rows: string[] = [];
let worst = 0;
for (const name of REPORTS) {
  const year = time(() => reports.run(name, { from: FROM, to: TO }, manager));
  const filtered = time(() => reports.run(name, { from: FROM, to: TO, service: 'certificates' }, manager));
  const month = time(() => reports.run(name, { from: '2026-11-01', to: '2026-11-30' }, manager));
  worst = Math.max(worst, year, filtered);
  rows.push(`| ${name.padEnd(12)} | ${year.toFixed(0).padStart(6)} | ${filtered.toFixed(0).padStart(8)} | ${month.toFixed(0).padStart(5)} |`);
}
const summary = reports.run('summary', { from: FROM, to: TO }, manager);
const csv = time(() => reportCsv(reports.run('summary', { from: FROM, to: TO }, manager), 'ar'));
const s = performance.now();
await reportXlsx(reports.run('summary', { from: FROM, to: TO }, manager), 'ar');
const xlsx = ms(s);
console.log(`\nreports over a year (${summary.key.issued.toLocaleString('en')} tickets), median of 3 runs, ms:`);
console.log('| report       |   year | year+svc | month |');
console.log('|--------------|--------|----------|-------|');
console.log(rows.join('\n'));
console.log(`summary as CSV over the year: ${csv.toFixed(0)} ms; as XLSX: ${xlsx.toFixed(0)} ms`);
console.log(`load average during the run: ${(await import('node:os')).loadavg().map((x) => x.toFixed(1)).join(' ')} (2 cores)`);
console.log(`slowest report over the year: ${worst.toFixed(0)} ms (target < 2000 ms) — ${worst < 2000 ? 'OK' : 'MISSED'}`);
db.close();
if (!values.keep) rmSync(dir, { recursive: true, force: true });

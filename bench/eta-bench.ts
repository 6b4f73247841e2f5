// `./dawr npm run bench:eta`: the expected-wait model (shared/domain/eta.ts) against the targets
// of issue 13 / brief §9, on simulated days (shared/sim) it was NOT tuned on:
//  - stationary M/M/s (5 and 10 counters, loads 0.7–0.95): model MSE ≤ 1.1 × the best possible
//    (the M/M/s conditional expectation);
//  - realistic multi-service days with time-varying arrivals and breaks: model MSE ≥ 40 % lower
//    than "last person called", and the real wait inside the quoted 20–80 % range 55–65 % of the
//    time for every service and for tickets issued during a break (measured on the quotes wider
//    than "0–1 min", which cannot be narrower; the share over all quotes is printed beside it);
//  - the cost of a recompute on the busiest states seen, and of the quote on the issue path.
// `-- --only=mms|days` runs one part; `-- --days=N` reports N days of each realistic hall (60); `-- --tune` runs the grid search of the range's width on the tuning days instead
// (`-- --tune --beyond-one-minute`: scored on the quotes wider than 0–1 min only; `--printed`: on
// the whole minutes printed rather than the model's percentiles; the grid re-derives ranges from
// the recorded means and variances, without the day's calibration). Every day is played with the
// usual day learnt from five simulated before it (`-- --no-history`: without).
// Tuning days: busy main hall and quiet neighbourhood, seeds 1–4. Reported days: the same two
// scenarios with seeds 101–130, the Sunday after a holiday (never used in tuning), seeds 101–130,
// and the M/M/s halls, seeds 301–316 — a month of each, so that a coverage cell holds hundreds of
// quotes and a ratio is not one lucky week.
import { ETA_MODEL, placements, rangeOf } from '../shared/domain/eta.ts';
import { apply, createHallState, decide } from '../shared/domain/index.ts';
import { DEMO_COUNTERS, DEMO_SERVICES } from '../electron/hub/demo.ts';
import type { HallState } from '../shared/domain/hall-state.ts';
import { ESTIMATOR_LABEL, report } from '../shared/sim/accuracy.ts';
import { mmsScenario } from '../shared/sim/scenario.ts';
import { type DayResult, simulateDay, usualDayOf } from '../shared/sim/simulate.ts';
import { SCENARIO_DIR, loadScenario } from '../electron/hub/simulate-cli.ts';

const tune = process.argv.includes('--tune');
const quick = process.argv.includes('--quick');
const history = !process.argv.includes('--no-history');
const printed = process.argv.includes('--printed');
const only = process.argv.find((a) => a.startsWith('--only='))?.slice(7);
/** Reported days per realistic hall (`-- --days=N`; seeds 101 on). */
const dayCount = Number(process.argv.find((a) => a.startsWith('--days='))?.slice(7) ?? (quick ? 2 : 60));
const realistic = ['busy-main-hall', 'quiet-neighbourhood', 'sunday-after-holiday'];
const seeds = (from: number, n: number) => Array.from({ length: n }, (_x, i) => from + i);
const pc = (x: number) => `${(x * 100).toFixed(1)} %`;

/** Days of a scenario, each with the usual day learnt from the five simulated before it (seeds 9001–9005: a hall that has run for a week). */
function days(name: string, list: number[], observe?: (s: HallState, now: number) => void): DayResult[] {
  const sc = loadScenario(`${SCENARIO_DIR}${name}.json`);
  const usual = history ? usualDayOf(sc, 5) : undefined;
  return list.map((seed) => simulateDay(sc, seed, { ...(observe ? { observe } : {}), ...(usual ? { usual } : {}) }));
}

/** Coverage of the model's range per scope, re-derived from the recorded means and variances. */
function coverage(results: DayResult[], model: Parameters<typeof rangeOf>[2], beyondOneMinute = false): Map<string, number> {
  const tickets = results.flatMap((d) => d.tickets);
  const acc = insideByScope(tickets, (t, wait) => {
    const r = rangeOf(t.estimate, t.playVariance, model);
    if (beyondOneMinute && r.quote.maxMinutes <= 1) return undefined;
    return printed ? wait >= r.quote.minMinutes && wait <= r.quote.maxMinutes : wait >= r.lowMinutes && wait <= r.highMinutes;
  });
  return new Map([...acc.entries()].map(([k, a]) => [k, a.inside]));
}

if (tune) {
  const set = [...days('busy-main-hall', seeds(1, 4)), ...days('quiet-neighbourhood', seeds(1, 4))];
  const rows: { spread: number; modelCv: number; minCv: number; worst: number; lo: number; hi: number }[] = [];
  for (const spread of [0.8, 0.9, 1, 1.1, 1.2]) for (const modelCv of [0, 0.1, 0.2, 0.3]) for (const minCv of [0.1, 0.2, 0.3]) {
    const cov = [...coverage(set, { spread, modelCv, minCv }, process.argv.includes('--beyond-one-minute')).values()];
    const lo = Math.min(...cov);
    const hi = Math.max(...cov);
    rows.push({ spread, modelCv, minCv, lo, hi, worst: Math.max(Math.abs(lo - 0.6), Math.abs(hi - 0.6)) });
  }
  rows.sort((a, b) => a.worst - b.worst);
  console.log('spread modelCv minCv   lowest  highest coverage (per service, break, all)');
  const top = rows[0]!;
  console.log([...coverage(set, top, process.argv.includes('--beyond-one-minute')).entries()].map(([k, v]) => `${k} ${pc(v)}`).join(', '));
  for (const r of rows.slice(0, 12)) console.log(`${r.spread.toFixed(2).padStart(6)} ${r.modelCv.toFixed(2).padStart(7)} ${r.minCv.toFixed(2).padStart(5)}  ${pc(r.lo).padStart(7)}  ${pc(r.hi).padStart(7)}`);
  process.exit(0);
}

console.log(`Expected-wait benchmark (model: spread ${ETA_MODEL.spread}, model cv ${ETA_MODEL.modelCv}, min cv ${ETA_MODEL.minCv}; quote = ${ETA_MODEL.spread === 1 ? '' : 'widened '}20th–80th percentile)\n`);
const verdict = (ok: boolean) => (ok ? 'met' : 'MISSED');

// 1. Stationary M/M/s.
if (!only || only === 'mms') {
console.log(`Stationary M/M/s (one service, exponential 5 min, 8 h days, seeds 301–${quick ? 302 : 316}${history ? ', each after five days of history' : ', no history'}): MSE, min²`);
console.log('  counters  load   tickets   model    best   ratio   last called   target ≤ 1.1');
for (const counters of quick ? [5] : [5, 10]) for (const load of [0.7, 0.8, 0.9, 0.95]) {
  const sc = mmsScenario({ counters, serviceMinutes: 5, load });
  const usual = history ? usualDayOf(sc, 5) : undefined;
  const r = report(seeds(301, quick ? 2 : 16).map((seed) => simulateDay(sc, seed, usual ? { usual } : {})));
  const a = r.accuracy[0]!.estimators;
  const ratio = a.model!.mse / a.best!.mse;
  console.log(`  ${String(counters).padStart(8)}  ${load.toFixed(2)}  ${String(r.issued).padStart(8)}  ${a.model!.mse.toFixed(2).padStart(6)}  ${a.best!.mse.toFixed(2).padStart(6)}  ${ratio.toFixed(3).padStart(6)}  ${a.lastCalled!.mse.toFixed(2).padStart(12)}   ${verdict(ratio <= 1.1)}`);
}

}

// 2. Realistic days, not tuned on.
let busiest: { state: HallState; now: number; waiting: number } | undefined;
const observe = (state: HallState, now: number) => {
  let waiting = 0;
  for (const t of state.tickets.values()) if (t.status === 'waiting') waiting++;
  if (!busiest || waiting > busiest.waiting) busiest = { state: structuredCloneState(state), now, waiting };
};
const cells = { n: 0, missed: 0, chance: 0 };
if (!only || only === 'days') console.log(`\nRealistic days (seeds 101–${100 + dayCount}${history ? ', each after five days of history' : ', no history'}; the Sunday scenario was never used in tuning)`);
for (const name of !only || only === 'days' ? realistic : []) {
  const dayList = days(name, seeds(101, dayCount), observe);
  const r = report(dayList);
  const all = r.accuracy[0]!.estimators;
  const ratio = all.model!.mse / all.lastCalled!.mse;
  console.log(`\n  ${name}: ${r.days} days, ${r.issued} tickets; MSE model ${all.model!.mse.toFixed(1)}, ${ESTIMATOR_LABEL.lastCalled} ${all.lastCalled!.mse.toFixed(1)}, ${ESTIMATOR_LABEL.queueLength} ${all.queueLength!.mse.toFixed(1)}, previous model ${all.previous!.mse.toFixed(1)}`);
  console.log(`    model MSE ÷ last person called: ${ratio.toFixed(2)} (target ≤ 0.60: ${verdict(ratio <= 0.6)})`);
  console.log('    inside the printed range (target 55–65 % for quotes beyond "0–1 min", which cannot be narrower), bias (model − real, min):');
  const longer = insideByScope(dayList.flatMap((d) => d.tickets), (t, wait) => (t.quote.maxMinutes > 1 ? wait >= t.quote.minMinutes && wait <= t.quote.maxMinutes : undefined));
  for (const s of r.accuracy) {
    const m = s.estimators.model!;
    const l = longer.get(s.scope);
    const ok = l !== undefined && l.inside >= 0.55 && l.inside <= 0.65;
    if (l) {
      cells.n++;
      if (!ok) cells.missed++;
      cells.chance += chanceOutsideBand(l.n);
    }
    console.log(`      ${s.scope.padEnd(22)} all quotes: n ${String(s.n).padStart(5)}, inside ${pc(m.inside!).padStart(7)}, bias ${(m.bias >= 0 ? '+' : '') + m.bias.toFixed(1).padEnd(5)}  beyond 0–1 min: n ${String(l?.n ?? 0).padStart(5)}, inside ${(l ? pc(l.inside) : '—').padStart(7)}  ${verdict(ok)}`);
  }
}

if (cells.n > 0) {
  console.log(`\n  Coverage cells (service, break and overall, quotes beyond 0–1 min): ${cells.missed} of ${cells.n} outside 55–65 %; a perfectly calibrated`);
  console.log(`  20–80 % range would leave ${cells.chance.toFixed(1)} of them outside by chance alone (binomial, at these numbers of tickets)`);
}

// 3. Cost of a recompute.
if (busiest) {
  const { state, now, waiting } = busiest;
  const runs = 20;
  const t0 = performance.now();
  for (let i = 0; i < runs; i++) placements(state, now + i); // a new time each run: no reuse
  const ms = (performance.now() - t0) / runs;
  console.log(`\nRecompute on the busiest state seen (${waiting} waiting, ${state.counters.size} counters): ${ms.toFixed(2)} ms for every ticket, ${(ms / Math.max(1, waiting)).toFixed(3)} ms per waiting ticket (target well under 1 ms)`);
}

// 4. The quote on the issue path, as the hub's benchmark drives it: the demo hall, every counter
// closed, 2,100 tickets issued 0.1 s apart (decide → apply; the quote is made in decide).
{
  const state = createHallState({ day: '2026-03-01', branch: { id: 'b', name: { ar: 'ب', en: 'b' }, timeZone: 'Asia/Riyadh' }, services: DEMO_SERVICES, counters: DEMO_COUNTERS.map((c) => ({ ...c, state: 'closed' as const })) });
  let now = Date.parse('2026-03-01T06:00:00Z');
  const ms: number[] = [];
  for (let i = 0; i < 2100; i++) {
    const t0 = performance.now();
    const d = decide(state, { type: 'issue', serviceId: DEMO_SERVICES[i % 5]!.id, lang: 'ar', priority: 'none', identityVerified: false }, { now, actor: { id: 'k', role: 'kiosk' }, newTrackingCode: () => `T${i}` });
    ms.push(performance.now() - t0);
    if (!d.ok) throw new Error(d.error.message);
    for (const e of d.value) apply(state, e);
    now += 100;
  }
  const q = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))]!;
  console.log('\nQuote at issue (decide), demo hall, counters closed, a burst of 2,100 tickets:');
  for (const [a, b] of [[100, 400], [400, 2100]] as const) console.log(`  ${a}–${b} waiting: p50 ${q(ms.slice(a, b), 0.5).toFixed(2)} ms, p99 ${q(ms.slice(a, b), 0.99).toFixed(2)} ms`);
}

/** The chance that n real waits, each inside a true 20–80 % range with probability 0.6, land outside 55–65 % inside. */
function chanceOutsideBand(n: number): number {
  const p = 0.6;
  let logPmf = n * Math.log(1 - p);
  let outside = 0;
  for (let k = 0; k <= n; k++) {
    if (k / n < 0.55 || k / n > 0.65) outside += Math.exp(logPmf);
    logPmf += Math.log((n - k) / (k + 1)) + Math.log(p / (1 - p));
  }
  return outside;
}

/**
 * Share of called tickets whose wait `hit` counts inside, per scope (all, service, issued during a
 * break); `hit` returns undefined for a ticket that does not count.
 */
function insideByScope(tickets: DayResult['tickets'], hit: (t: DayResult['tickets'][number], wait: number) => boolean | undefined): Map<string, { n: number; inside: number }> {
  const acc = new Map<string, { n: number; inside: number }>();
  for (const t of tickets) {
    if (t.wait === null) continue;
    const h = hit(t, t.wait);
    if (h === undefined) continue;
    for (const k of ['all', t.serviceId, ...(t.duringBreak ? ['break'] : [])]) {
      const a = acc.get(k) ?? { n: 0, inside: 0 };
      a.n++;
      a.inside += h ? 1 : 0;
      acc.set(k, a);
    }
  }
  for (const a of acc.values()) a.inside /= a.n;
  return acc;
}

/** A copy of the state that later events of the simulation do not change. */
function structuredCloneState(s: HallState): HallState {
  return structuredClone(s);
}

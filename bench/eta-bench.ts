// `./dawr npm run bench:eta`: the expected wait against the targets of issue 26 / brief §9, scored
// on what a citizen reads — the printed range — on simulated days (shared/sim) it was NOT tuned on,
// for a new hall (no history: every day is its first) and for a hall with a week of history (the
// usual day learnt from five days simulated before):
//  - stationary M/M/s halls (4 counters × 6 min with the doors open at 07:40 and the counters at
//    08:00; 5 and 10 counters × 5 min), loads 0.7–0.95: the printed range's interval score ≤ 1.15 ×
//    the true conditional 20th–80th percentiles' (rounded to whole minutes the same way), and its
//    middle's MSE ≤ 1.15 × the best possible (the M/M/s conditional mean);
//  - realistic multi-service days with time-varying arrivals and breaks: the middle's MSE ≥ 40 %
//    below "last person called"; the real wait inside the range 55–65 % of the time for every
//    service, for tickets issued during a break and before the counters open (on the quotes wider
//    than a minute: "0" and "0–1 min" cannot be narrower; the share over all quotes is beside it);
//  - the model's mean (printed nowhere) is shown beside, never instead;
//  - the cost of the quote on the issue path (a working hall) and of a recompute of every waiting ticket.
// `-- --only=mms|days|cost`; `-- --hall=new|established` (default both); `-- --days=N` reported
// days per realistic hall (60); `-- --quick`; `-- --tune`: the calibration step on the tuning days.
// Tuning days: busy main hall and quiet neighbourhood seeds 1–8, M/M/s seeds 201–208. Reported:
// the realistic halls seeds 101–160 (the Sunday after a holiday was never tuned on), M/M/s 301–316.
import { availableParallelism, loadavg } from 'node:os';
import { ETA_MODEL, lastProjection, placements } from '../shared/domain/eta.ts';
import { apply, createHallState, decide } from '../shared/domain/index.ts';
import { DEMO_COUNTERS, DEMO_SERVICES } from '../electron/hub/demo.ts';
import type { HallState } from '../shared/domain/hall-state.ts';
import { ESTIMATOR_LABEL, report } from '../shared/sim/accuracy.ts';
import { type Scenario, mmsScenario } from '../shared/sim/scenario.ts';
import { type DayResult, type TicketOutcome, simulateDay, usualDayOf } from '../shared/sim/simulate.ts';
import { SCENARIO_DIR, loadScenario } from '../electron/hub/simulate-cli.ts';

const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const tune = process.argv.includes('--tune');
const quick = process.argv.includes('--quick');
const only = arg('only');
const hallArg = arg('hall');
/** Reported days per realistic hall (`-- --days=N`; seeds 101 on). */
const dayCount = Number(arg('days') ?? (quick ? 2 : 60));
const REALISTIC = ['busy-main-hall', 'quiet-neighbourhood', 'sunday-after-holiday'];
const MMS = quick ? [{ counters: 4, minutes: 6, doors: '07:40' }] : [{ counters: 4, minutes: 6, doors: '07:40' }, { counters: 5, minutes: 5 }, { counters: 10, minutes: 5 }];
const LOADS = quick ? [0.7, 0.95] : [0.7, 0.8, 0.85, 0.9, 0.95];
const MODES = [{ key: 'new', label: 'a new hall (no history: each day is its first)', history: 0 }, { key: 'established', label: 'a hall with a week of history (the usual day of five days)', history: 5 }]
  .filter((m) => !hallArg || m.key === hallArg);
const seeds = (from: number, n: number) => Array.from({ length: n }, (_x, i) => from + i);
const pc = (x: number) => `${(x * 100).toFixed(1)} %`;
const verdict = (ok: boolean) => (ok ? 'met' : 'MISSED');
const TARGET = { ratio: 1.15, lastCalled: 0.6, coverage: [0.55, 0.65] as const };

function mmsOf(shape: (typeof MMS)[number], load: number): Scenario {
  return mmsScenario({ counters: shape.counters, serviceMinutes: shape.minutes, load, ...(shape.doors ? { doorsOpen: shape.doors } : {}) });
}

/** Days of a scenario after `history` days (seeds 9001…: never a reported day's). */
function days(sc: Scenario, list: number[], history: number, observe?: (s: HallState, now: number) => void): DayResult[] {
  const usual = history > 0 ? usualDayOf(sc, history) : undefined;
  return list.map((seed) => simulateDay(sc, seed, { ...(observe ? { observe } : {}), ...(usual ? { usual } : {}) }));
}

/** Coverage of the printed range per scope (all, service, break, before opening) on the quotes wider than a minute. */
function coverage(tickets: TicketOutcome[]): Map<string, { n: number; inside: number }> {
  const acc = new Map<string, { n: number; inside: number }>();
  for (const t of tickets) {
    if (t.wait === null || t.quote.maxMinutes <= 1) continue;
    const hit = t.wait >= t.quote.minMinutes && t.wait <= t.quote.maxMinutes;
    for (const k of ['all', t.serviceId, ...(t.duringBreak ? ['break'] : []), ...(t.beforeOpen ? ['before opening'] : [])]) {
      const a = acc.get(k) ?? { n: 0, inside: 0 };
      a.n++;
      a.inside += hit ? 1 : 0;
      acc.set(k, a);
    }
  }
  for (const a of acc.values()) a.inside /= a.n;
  return acc;
}

/** The chance that n real waits, each inside a true 20–80 % range with probability 0.6, land outside 55–65 % inside. */
function chanceOutsideBand(n: number): number {
  const p = 0.6;
  let logPmf = n * Math.log(1 - p);
  let outside = 0;
  for (let k = 0; k <= n; k++) {
    if (k / n < TARGET.coverage[0] || k / n > TARGET.coverage[1]) outside += Math.exp(logPmf);
    logPmf += Math.log((n - k) / (k + 1)) + Math.log(p / (1 - p));
  }
  return outside;
}

interface MmsRow { isRatio: number; midRatio: number; meanRatio: number; inside: number; early?: number; knownIs: number; knownMid: number }
function mmsRow(r: ReturnType<typeof report>): MmsRow {
  const a = r.accuracy[0]!.estimators;
  const early = r.accuracy.find((s) => s.scope === 'before opening')?.estimators.printed;
  return {
    isRatio: a.printed!.intervalScore! / a.best!.intervalScore!, midRatio: a.printed!.mse / a.best!.mse, meanRatio: a.model!.mse / a.best!.mse, inside: a.printed!.inside!,
    knownIs: a.printed!.intervalScore! / a.known!.intervalScore!, knownMid: a.printed!.mse / a.known!.mse,
    ...(early ? { early: early.inside! } : {}),
  };
}

// ── tuning: the calibration step, re-simulated on the tuning days ─────────────────────────────
if (tune) {
  console.log('Tuning the calibration step on the tuning days (busy main hall and quiet neighbourhood seeds 1–8, M/M/s 201–208), new hall and established:');
  console.log('  step   worst IS ratio   worst middle ratio (M/M/s)   coverage cells (realistic), lowest–highest');
  for (const step of [0, 0.15, 0.3, 0.5]) {
    ETA_MODEL.calibrationStep = step;
    let worstIs = 0;
    let worstMid = 0;
    let lo = 1;
    let hi = 0;
    for (const mode of MODES) {
      for (const shape of MMS) for (const load of [0.7, 0.85, 0.95]) {
        const row = mmsRow(report(days(mmsOf(shape, load), seeds(201, quick ? 2 : 8), mode.history)));
        worstIs = Math.max(worstIs, row.isRatio);
        worstMid = Math.max(worstMid, row.midRatio);
      }
      for (const name of ['busy-main-hall', 'quiet-neighbourhood']) {
        for (const c of coverage(days(loadScenario(`${SCENARIO_DIR}${name}.json`), seeds(1, quick ? 2 : 8), mode.history).flatMap((d) => d.tickets)).values()) {
          lo = Math.min(lo, c.inside);
          hi = Math.max(hi, c.inside);
        }
      }
    }
    console.log(`  ${step.toFixed(2).padStart(4)}   ${worstIs.toFixed(3).padStart(14)}   ${worstMid.toFixed(3).padStart(26)}   ${pc(lo)}–${pc(hi)}`);
  }
  process.exit(0);
}

console.log(`Expected-wait benchmark: the printed range scored (calibration step ${ETA_MODEL.calibrationStep}; ${ETA_MODEL.minPlays}–${ETA_MODEL.maxPlays} plays within ${ETA_MODEL.budget} counter calls)`);
const load = () => loadavg().map((x) => x.toFixed(1)).join(' ');
console.log(`load average at the start: ${load()} (${availableParallelism()} cores)`);
const verdicts: string[] = [];
/** The state with the most tickets waiting among the busy hall's reported days (for the recompute's cost). */
let busiest: { state: HallState; now: number; waiting: number } | undefined;

for (const mode of MODES) {
  console.log(`\n═══ ${mode.label} ═══`);

  // 1. Stationary M/M/s: against the true conditional distribution.
  if (!only || only === 'mms') {
    console.log(`\nStationary M/M/s (one service, exponential times, 8 h days, seeds 301–${quick ? 302 : 316}; ${mode.history ? 'after five days' : 'no history'}):`);
    console.log('  hall                    load  tickets   interval score: printed / true → ratio   middle MSE: printed / best → ratio   mean (unprinted)   inside (> 1 min)   before opening   ÷ learnt-mean best: IS / middle');
    for (const shape of MMS) for (const load of LOADS) {
      const r = report(days(mmsOf(shape, load), seeds(301, quick ? 2 : 16), mode.history));
      const a = r.accuracy[0]!.estimators;
      const row = mmsRow(r);
      const ok = row.isRatio <= TARGET.ratio && row.midRatio <= TARGET.ratio;
      if (!ok) verdicts.push(`${mode.key}: M/M/${shape.counters} at ${load}: interval score ${row.isRatio.toFixed(3)}, middle ${row.midRatio.toFixed(3)}`);
      const hall = `${shape.counters} × ${shape.minutes} min${shape.doors ? ', doors 07:40' : ''}`;
      console.log(`  ${hall.padEnd(24)}${load.toFixed(2).padStart(4)}  ${String(r.issued).padStart(7)}   ${a.printed!.intervalScore!.toFixed(2).padStart(6)} / ${a.best!.intervalScore!.toFixed(2).padStart(6)} → ${row.isRatio.toFixed(3)}${' '.repeat(10)}${a.printed!.mse.toFixed(2).padStart(6)} / ${a.best!.mse.toFixed(2).padStart(6)} → ${row.midRatio.toFixed(3)}${' '.repeat(6)}${row.meanRatio.toFixed(3).padStart(8)}${' '.repeat(9)}${pc(row.inside).padStart(8)}${' '.repeat(9)}${(row.early !== undefined ? pc(row.early) : '—').padEnd(7)}   ${verdict(ok).padEnd(6)}   ${row.knownIs.toFixed(3)} / ${row.knownMid.toFixed(3)}`);
    }
    console.log('  (ratios: printed ÷ the true percentiles rounded as the quote is, and ÷ the best possible point; targets ≤ 1.15; inside: all quotes;');
    console.log('   learnt-mean best: the same M/M/s sums with the mean time the hall has learnt by each issue instead of the true one — what a hall knowing only what it has seen could print; not a target)');
  }

  // 2. Realistic days, not tuned on.
  if (!only || only === 'days') {
    console.log(`\nRealistic days (seeds 101–${100 + dayCount}; ${mode.history ? 'after five days' : 'no history'}; the Sunday after a holiday was never used in tuning):`);
    const cells = { n: 0, missed: 0, chance: 0 };
    for (const name of REALISTIC) {
      const sc = loadScenario(`${SCENARIO_DIR}${name}.json`);
      const list = days(sc, seeds(101, dayCount), mode.history, name === REALISTIC[0] ? observe : undefined);
      const r = report(list);
      const all = r.accuracy[0]!.estimators;
      const ratio = all.printed!.mse / all.lastCalled!.mse;
      if (ratio > TARGET.lastCalled) verdicts.push(`${mode.key}: ${name}: middle ÷ last person called ${ratio.toFixed(2)}`);
      console.log(`\n  ${name}: ${r.days} days, ${r.issued} tickets. MSE, min²: printed range's middle ${all.printed!.mse.toFixed(1)}, ${ESTIMATOR_LABEL.model} ${all.model!.mse.toFixed(1)}, ${ESTIMATOR_LABEL.lastCalled} ${all.lastCalled!.mse.toFixed(1)}, ${ESTIMATOR_LABEL.queueLength} ${all.queueLength!.mse.toFixed(1)}, ${ESTIMATOR_LABEL.previous} ${all.previous!.mse.toFixed(1)}`);
      console.log(`    middle ÷ last person called: ${ratio.toFixed(2)} (target ≤ ${TARGET.lastCalled.toFixed(2)}: ${verdict(ratio <= TARGET.lastCalled)}); model's mean ÷ last person called ${(all.model!.mse / all.lastCalled!.mse).toFixed(2)}; printed interval score ${all.printed!.intervalScore!.toFixed(1)} min, previous model's ${all.previous!.intervalScore!.toFixed(1)}`);
      console.log('    inside the printed range (target 55–65 % on quotes wider than a minute; all quotes beside), bias of the middle (min):');
      const longer = coverage(list.flatMap((d) => d.tickets));
      for (const s of r.accuracy) {
        const l = longer.get(s.scope);
        const p = s.estimators.printed!;
        const ok = l !== undefined && l.inside >= TARGET.coverage[0] && l.inside <= TARGET.coverage[1];
        if (l) {
          cells.n++;
          if (!ok) {
            cells.missed++;
            verdicts.push(`${mode.key}: ${name} ${s.scope}: inside ${pc(l.inside)} (${l.n} quotes)`);
          }
          cells.chance += chanceOutsideBand(l.n);
        }
        console.log(`      ${s.scope.padEnd(22)} all quotes: n ${String(s.n).padStart(5)}, inside ${pc(p.inside!).padStart(7)}, bias ${(p.bias >= 0 ? '+' : '') + p.bias.toFixed(1).padEnd(5)}  wider than a minute: n ${String(l?.n ?? 0).padStart(5)}, inside ${(l ? pc(l.inside) : '—').padStart(7)}  ${l ? verdict(ok) : ''}`);
      }
    }
    if (cells.n > 0) {
      console.log(`\n  Coverage cells: ${cells.missed} of ${cells.n} outside 55–65 %; a range holding the real wait exactly 60 % of the time would leave ${cells.chance.toFixed(1)} of them outside by chance (binomial, at these numbers of quotes)`);
    }
  }
}

// 3. Cost.
function observe(state: HallState, now: number) {
  let waiting = 0;
  for (const t of state.tickets.values()) if (t.status === 'waiting') waiting++;
  if (!busiest || waiting > busiest.waiting) busiest = { state: structuredClone(state), now, waiting };
}
if (!only || only === 'cost') {
  const q = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))]!;
  // The quote at issue in bench:hub's working hall: the eight demo counters open, a hundred waiting,
  // after each issue one counter calls, starts and completes its next (decide → apply, in process).
  const state = createHallState({ day: '2026-03-01', branch: { id: 'b', name: { ar: 'ب', en: 'b' }, timeZone: 'Asia/Riyadh' }, services: DEMO_SERVICES, counters: DEMO_COUNTERS.map((c) => ({ ...c, state: 'closed' as const })) });
  let now = Date.parse('2026-03-01T06:00:00Z');
  const services = ['building-permits', 'commercial-licences', 'reception', 'fees-payments', 'certificates'];
  const run = (cmd: Parameters<typeof decide>[1], actor: { id: string; role: 'clerk' | 'kiosk' }) => {
    const d = decide(state, cmd, { now, actor, newTrackingCode: () => `T${now}` });
    if (!d.ok) throw new Error(d.error.message);
    for (const e of d.value) apply(state, e);
    now += 4;
    return d.value;
  };
  for (let i = 0; i < 8; i++) run({ type: 'openCounter', counterId: `counter-${i + 1}` }, { id: `clerk${i + 1}`, role: 'clerk' });
  const issue = (i: number) => run({ type: 'issue', serviceId: services[i % 5]!, lang: 'ar', priority: 'none', identityVerified: false }, { id: 'k', role: 'kiosk' });
  for (let i = 0; i < 100; i++) issue(i);
  const ms: number[] = [];
  const calls: number[] = [];
  for (let i = 0; i < (quick ? 500 : 3000); i++) {
    const t0 = performance.now();
    issue(i);
    ms.push(performance.now() - t0);
    calls.push(lastProjection.calls);
    const k = i % 8;
    const actor = { id: `clerk${k + 1}`, role: 'clerk' as const };
    const called = run({ type: 'callNext', counterId: `counter-${k + 1}` }, actor).find((e) => e.type === 'ticket.called');
    if (called?.type === 'ticket.called') {
      run({ type: 'start', ticketId: called.ticketId }, actor);
      run({ type: 'complete', ticketId: called.ticketId, outcome: 'completed' }, actor);
    }
  }
  const warm = ms.slice(200);
  console.log(`\nThe quote at issue (decide), bench:hub's working hall in process (8 counters, ~100–180 waiting; after 200 issues of warm-up): p50 ${q(warm, 0.5).toFixed(3)} ms, p99 ${q(warm, 0.99).toFixed(3)} ms, max ${Math.max(...warm).toFixed(2)} ms (target p99 ≤ 1 ms: ${verdict(q(warm, 0.99) <= 1)}); counter calls played per quote p50 ${q(calls, 0.5)}, p99 ${q(calls, 0.99)} (the work, whatever else the machine does)`);
  if (busiest) {
    const { state: s, now: at, waiting } = busiest;
    const runs = 20;
    const t0 = performance.now();
    for (let i = 0; i < runs; i++) placements(s, at + i); // a new time each run: no reuse
    const each = (performance.now() - t0) / runs;
    console.log(`Recompute of every waiting ticket on the busiest state seen (${waiting} waiting, ${s.counters.size} counters): ${each.toFixed(2)} ms, ${(each / Math.max(1, waiting)).toFixed(3)} ms per waiting ticket`);
  }
}

if (verdicts.length > 0) {
  console.log('\nMissed:');
  for (const v of verdicts) console.log(`  ${v}`);
} else if (!only || only !== 'cost') console.log('\nEvery target above met.');
console.log(`load average at the end: ${load()} (${availableParallelism()} cores)`);

// Figures of simulated days: waits, service level, counter utilisation, and the accuracy of each
// expected-wait estimate against the real wait. What a citizen reads is the printed range, so it is
// scored itself: its middle's mean squared error (minutes²) and bias (estimate − real, minutes),
// its interval score (Gneiting & Raftery 2007, for a central 60 % interval: width + 5 × how far the
// real wait fell outside) and the share of real waits inside it. The model's mean — printed
// nowhere — is scored beside it, with the baselines and, on a stationary M/M/s hall, the best
// possible: the conditional mean, and the true 20th–80th percentiles rounded as the quote is —
// and the same with the mean time at the counter the hall has learnt by then in place of the true
// one (`known`): what a hall could give knowing only what it has seen, and the M/M/s sums exactly.
import { wholeMinutes } from '../domain/eta-range.ts';
import type { ExpectedWait } from '../protocol/entities.ts';
import type { DayResult, TicketOutcome } from './simulate.ts';

export const ESTIMATORS = ['printed', 'model', 'lastCalled', 'queueLength', 'previous', 'best', 'known'] as const;
export type EstimatorName = (typeof ESTIMATORS)[number];

export const ESTIMATOR_LABEL: Record<EstimatorName, string> = {
  printed: 'printed range (middle)',
  model: "model's mean (unprinted)",
  lastCalled: 'last person called',
  queueLength: 'queue × mean ÷ counters',
  previous: 'previous model',
  best: 'best possible (M/M/s)',
  known: 'best, learnt mean (M/M/s)',
};

export interface Accuracy {
  n: number;
  mse: number;
  bias: number;
  /** Share of real waits inside the range (printed range, previous model's, the true one rounded). */
  inside?: number;
  /** Mean interval score of the range, minutes. */
  intervalScore?: number;
}

/** The interval score of a central (1 − alpha) interval for a real value y (Gneiting & Raftery 2007): lower is better. */
export function intervalScore(q: ExpectedWait, y: number, alpha = 0.4): number {
  return q.maxMinutes - q.minMinutes + (2 / alpha) * Math.max(0, q.minMinutes - y) + (2 / alpha) * Math.max(0, y - q.maxMinutes);
}

/** The range each estimator gives (the best possible: the true percentiles in whole minutes, as the quote is rounded). */
export function rangeFor(t: TicketOutcome, e: EstimatorName): ExpectedWait | undefined {
  if (e === 'printed') return t.quote;
  if (e === 'previous') return t.previousQuote;
  if (e === 'best' && t.oracle) return wholeMinutes(t.oracle.low, t.oracle.high);
  if (e === 'known' && t.known) return wholeMinutes(t.known.low, t.known.high);
  return undefined;
}

export interface Scope {
  /** `all`, a service id, or `break` (issued while a counter of its service was on break). */
  scope: string;
  n: number;
  estimators: Partial<Record<EstimatorName, Accuracy>>;
}

export interface WaitFigures {
  serviceId: string;
  issued: number;
  called: number;
  meanWait: number;
  p90Wait: number;
  serviceLevel: number;
}

export interface DaysReport {
  days: number;
  issued: number;
  unfinished: number;
  noShows: number;
  waits: WaitFigures[];
  utilisation: { counterId: string; openHours: number; utilisation: number; served: number }[];
  accuracy: Scope[];
}

const point = (t: TicketOutcome, e: EstimatorName): number | undefined =>
  e === 'printed' ? (t.quote.minMinutes + t.quote.maxMinutes) / 2 : e === 'model' ? t.estimate : e === 'lastCalled' ? t.lastCalled : e === 'queueLength' ? t.queueLength : e === 'previous' ? t.previous : e === 'best' ? t.best : t.known?.mean;

export function accuracyOf(tickets: TicketOutcome[], scope: string): Scope {
  const called = tickets.filter((t) => t.wait !== null);
  const estimators: Scope['estimators'] = {};
  for (const e of ESTIMATORS) {
    let n = 0;
    let se = 0;
    let bias = 0;
    let inside = 0;
    let score = 0;
    let ranged = 0;
    for (const t of called) {
      const x = point(t, e);
      if (x === undefined) continue;
      const d = x - t.wait!;
      n++;
      se += d * d;
      bias += d;
      const q = rangeFor(t, e);
      if (!q) continue;
      ranged++;
      score += intervalScore(q, t.wait!);
      if (t.wait! >= q.minMinutes && t.wait! <= q.maxMinutes) inside++;
    }
    if (n === 0) continue;
    estimators[e] = { n, mse: se / n, bias: bias / n, ...(ranged > 0 ? { inside: inside / ranged, intervalScore: score / ranged } : {}) };
  }
  return { scope, n: called.length, estimators };
}

function percentile(xs: number[], p: number): number {
  if (xs.length === 0) return 0;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(p * s.length) - 1))]!;
}

export function report(days: DayResult[]): DaysReport {
  const tickets = days.flatMap((d) => d.tickets);
  const services = days[0]?.services ?? [];
  const waits = services.map((s) => {
    const mine = tickets.filter((t) => t.serviceId === s.id);
    const w = mine.filter((t) => t.wait !== null).map((t) => t.wait!);
    return {
      serviceId: s.id, issued: mine.length, called: w.length, meanWait: w.reduce((a, b) => a + b, 0) / Math.max(1, w.length),
      p90Wait: percentile(w, 0.9), serviceLevel: w.filter((x) => x <= s.targetWaitMinutes).length / Math.max(1, w.length),
    };
  });
  const use = new Map<string, { open: number; busy: number; served: number }>();
  for (const d of days) for (const c of d.counters) {
    const u = use.get(c.counterId) ?? { open: 0, busy: 0, served: 0 };
    u.open += c.openMinutes;
    u.busy += c.busyMinutes;
    u.served += c.served;
    use.set(c.counterId, u);
  }
  const accuracy = [accuracyOf(tickets, 'all'), ...services.map((s) => accuracyOf(tickets.filter((t) => t.serviceId === s.id), s.id))];
  const onBreak = tickets.filter((t) => t.duringBreak);
  if (onBreak.length > 0) accuracy.push(accuracyOf(onBreak, 'break'));
  const early = tickets.filter((t) => t.beforeOpen);
  if (early.length > 0) accuracy.push(accuracyOf(early, 'before opening'));
  return {
    days: days.length,
    issued: tickets.length,
    unfinished: tickets.filter((t) => t.wait === null).length,
    noShows: days.reduce((a, d) => a + d.noShows, 0),
    waits,
    utilisation: [...use.entries()].map(([counterId, u]) => ({ counterId, openHours: u.open / 60 / Math.max(1, days.length), utilisation: u.busy / Math.max(1e-9, u.open), served: u.served })),
    accuracy,
  };
}

const pad = (s: string, n: number) => (s.length >= n ? s : s + ' '.repeat(n - s.length));
const lpad = (s: string, n: number) => (s.length >= n ? s : ' '.repeat(n - s.length) + s);

/** The report as plain-text tables. */
export function formatReport(title: string, r: DaysReport): string {
  const out: string[] = [];
  out.push(`${title}: ${r.days} day(s), ${r.issued} tickets, ${r.unfinished} never called, ${r.noShows} no-shows`);
  out.push('');
  out.push(`  ${pad('service', 22)}${lpad('issued', 8)}${lpad('mean wait', 11)}${lpad('p90 wait', 10)}${lpad('in target', 11)}`);
  for (const w of r.waits) out.push(`  ${pad(w.serviceId, 22)}${lpad(String(w.issued), 8)}${lpad(w.meanWait.toFixed(1), 11)}${lpad(w.p90Wait.toFixed(1), 10)}${lpad(`${(w.serviceLevel * 100).toFixed(0)} %`, 11)}`);
  out.push('');
  out.push(`  ${pad('counter', 22)}${lpad('open h/day', 12)}${lpad('busy', 8)}${lpad('served', 8)}`);
  for (const u of r.utilisation) out.push(`  ${pad(u.counterId, 22)}${lpad(u.openHours.toFixed(1), 12)}${lpad(`${(u.utilisation * 100).toFixed(0)} %`, 8)}${lpad(String(u.served), 8)}`);
  out.push('');
  out.push('  expected-wait accuracy: MSE min² / bias min [/ inside the range / interval score min] (inside = real wait within the 20–80 % range)');
  const names = ESTIMATORS.filter((e) => r.accuracy[0]?.estimators[e]);
  out.push(`  ${pad('scope', 22)}${lpad('n', 6)}${names.map((e) => lpad(ESTIMATOR_LABEL[e], 30)).join('')}`);
  for (const s of r.accuracy) {
    const cells = names.map((e) => {
      const a = s.estimators[e];
      if (!a) return lpad('—', 30);
      return lpad(`${a.mse.toFixed(1)} / ${a.bias >= 0 ? '+' : ''}${a.bias.toFixed(1)}${a.inside !== undefined ? ` / ${(a.inside * 100).toFixed(0)}%` : ''}${a.intervalScore !== undefined ? ` / ${a.intervalScore.toFixed(1)}` : ''}`, 30);
    });
    out.push(`  ${pad(s.scope, 22)}${lpad(String(s.n), 6)}${cells.join('')}`);
  }
  const all = r.accuracy[0]?.estimators;
  if (all?.printed && all.lastCalled) {
    out.push('');
    out.push(`  printed range's middle, MSE ÷ last person called: ${(all.printed.mse / all.lastCalled.mse).toFixed(2)} (model's mean: ${(all.model!.mse / all.lastCalled.mse).toFixed(2)})`);
    if (all.best && all.best.intervalScore !== undefined && all.printed.intervalScore !== undefined) {
      out.push(`  printed range ÷ best possible: middle's MSE ${(all.printed.mse / all.best.mse).toFixed(3)}, interval score ${(all.printed.intervalScore / all.best.intervalScore).toFixed(3)} (model's mean: MSE ${(all.model!.mse / all.best.mse).toFixed(3)})`);
    }
    if (all.known && all.known.intervalScore !== undefined && all.printed.intervalScore !== undefined) {
      out.push(`  printed range ÷ best possible with the mean the hall had learnt by each issue: middle's MSE ${(all.printed.mse / all.known.mse).toFixed(3)}, interval score ${(all.printed.intervalScore / all.known.intervalScore).toFixed(3)}`);
    }
  }
  return out.join('\n');
}

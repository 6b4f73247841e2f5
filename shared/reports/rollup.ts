// The daily roll-up: a closed day's report facts (facts.ts) summed per (service, counter, clerk,
// hour) — counts, sums, and 30-second histograms of waits and service times (bins.ts). Every
// report (reports.ts) and the league (league.ts) are computed from roll-ups, in the hall (SQLite,
// one row per group and day) and in central (PostgreSQL, the day's totals per branch). Today is
// rolled up from its live fold at each request.
//
// One row holds three sides, each keyed by its own service, counter and clerk, so a filter on the
// row's key selects exactly what the per-ticket definitions select (query.ts, "which ticket counts
// where"):
//   - arrivals: tickets by the service they were issued for, the counter and clerk of their first
//     call, and the hour of issue (issued, waits, service level, the quote's accuracy);
//   - outcomes: tickets by the service they ended in, the counter and clerk that finished them, and
//     the hour of issue (served, no-show, cancelled, unfinished, ratings);
//   - stints: stretches of service by their service, counter and clerk and the hour they started
//     (service times, transfers).
// Counter time (open, on break) is per counter and clerk, beside the rows.
import type { DayFacts, MarkFact, ServiceFact, TicketFact } from './facts.ts';
import { weekdayOf } from './facts.ts';
import { BIN_MS, Histogram, binOf } from './bins.ts';

export interface RollupRow {
  day: string;
  hour: number;
  serviceId: string;
  counterId: string | null;
  clerkId: string | null;
  // arrivals
  issued: number;
  called: number;
  /** Called within the target in force at issue. */
  within: number;
  waitSumMs: number;
  waits: Histogram;
  /** The quotes given to the tickets called (minutes), and how the real wait fell against them. */
  quoteMinSum: number;
  quoteMaxSum: number;
  inside: number;
  shorter: number;
  longer: number;
  /** Σ |wait − the quote's middle|, ms. */
  absErrMs: number;
  // outcomes
  served: number;
  noShow: number;
  cancelled: number;
  unfinished: number;
  /** Ratings 1★ … 5★. */
  ratings: [number, number, number, number, number];
  // stints
  stints: number;
  transferred: number;
  serviceSumMs: number;
  serviceTimes: Histogram;
}

/** A counter's time open and on break in a day, with the clerk it had. */
export interface CounterTimeRow {
  day: string;
  counterId: string;
  clerkId: string | null;
  openMs: number;
  breakMs: number;
}

export interface DayRollup {
  day: string;
  rows: RollupRow[];
  counters: CounterTimeRow[];
}

const SEP = '\u0001';
const NULL = '\u0002';

export function emptyRow(day: string, hour: number, serviceId: string, counterId: string | null, clerkId: string | null): RollupRow {
  return {
    day, hour, serviceId, counterId, clerkId,
    issued: 0, called: 0, within: 0, waitSumMs: 0, waits: new Histogram(), quoteMinSum: 0, quoteMaxSum: 0, inside: 0, shorter: 0, longer: 0, absErrMs: 0,
    served: 0, noShow: 0, cancelled: 0, unfinished: 0, ratings: [0, 0, 0, 0, 0],
    stints: 0, transferred: 0, serviceSumMs: 0, serviceTimes: new Histogram(),
  };
}

/** Rolls up one day's facts (tickets, stints and counter time of `day`; others are ignored). */
export function rollupDay(day: string, f: Pick<DayFacts, 'tickets' | 'services' | 'counters'>): DayRollup {
  const rows = new Map<string, RollupRow>();
  const row = (hour: number, serviceId: string, counterId: string | null, clerkId: string | null) => {
    const k = `${hour}${SEP}${serviceId}${SEP}${counterId ?? NULL}${SEP}${clerkId ?? NULL}`;
    let r = rows.get(k);
    if (!r) rows.set(k, (r = emptyRow(day, hour, serviceId, counterId, clerkId)));
    return r;
  };
  for (const t of f.tickets) if (t.day === day) addTicket(row, t);
  for (const s of f.services) if (s.day === day) addStint(row, s);
  const counters = new Map<string, CounterTimeRow>();
  for (const c of f.counters) {
    if (c.day !== day) continue;
    const k = `${c.counterId}${SEP}${c.clerkId ?? NULL}`;
    let x = counters.get(k);
    if (!x) counters.set(k, (x = { day, counterId: c.counterId, clerkId: c.clerkId, openMs: 0, breakMs: 0 }));
    if (c.kind === 'open') x.openMs += c.ms;
    else x.breakMs += c.ms;
  }
  return { day, rows: [...rows.values()], counters: [...counters.values()] };
}

type RowOf = (hour: number, serviceId: string, counterId: string | null, clerkId: string | null) => RollupRow;

function addTicket(row: RowOf, t: TicketFact): void {
  const a = row(t.hour, t.serviceId, t.counterId, t.clerkId);
  a.issued++;
  if (t.waitMs !== null) {
    a.called++;
    a.waitSumMs += t.waitMs;
    a.waits.add(t.waitMs);
    if (t.waitMs <= t.targetMs) a.within++;
    const w = t.waitMs / 60_000;
    a.quoteMinSum += t.quoteMin;
    a.quoteMaxSum += t.quoteMax;
    if (w < t.quoteMin) a.shorter++;
    else if (w > t.quoteMax) a.longer++;
    else a.inside++;
    a.absErrMs += Math.abs(t.waitMs - (t.quoteMin + t.quoteMax) * 30_000);
  }
  const o = row(t.hour, t.finalServiceId, t.endCounterId, t.endClerkId);
  if (t.outcome === 'served') o.served++;
  else if (t.outcome === 'no_show') o.noShow++;
  else if (t.outcome === 'cancelled') o.cancelled++;
  else o.unfinished++;
  if (t.rating !== null && t.rating >= 1 && t.rating <= 5) o.ratings[t.rating - 1]!++;
}

function addStint(row: RowOf, s: ServiceFact): void {
  const r = row(s.hour, s.serviceId, s.counterId, s.clerkId);
  r.stints++;
  if (s.ended === 'transferred') r.transferred++;
  r.serviceSumMs += s.ms;
  r.serviceTimes.add(s.ms);
}

// --- held in memory: one day's rows as columns ---------------------------------------------------

const NONE = 0xffff;
const COUNTS = ['issued', 'called', 'within', 'inside', 'shorter', 'longer', 'served', 'noShow', 'cancelled', 'unfinished', 'stints', 'transferred'] as const;
const SUMS = ['waitSumMs', 'quoteMinSum', 'quoteMaxSum', 'absErrMs', 'serviceSumMs'] as const;
type CountField = (typeof COUNTS)[number];
type SumField = (typeof SUMS)[number];

/** A day's rows as typed columns (what RollupBlock holds, and what the hub stores per day). */
export type BlockColumns = { names: string[] }
  & Record<'hour', Uint8Array> & Record<'service' | 'counter' | 'clerk', Uint16Array>
  & Record<CountField | 'ratings' | 'waitAt' | 'waitBins' | 'serviceAt' | 'serviceBins', Uint32Array>
  & Record<SumField, Float64Array>;

/** The typed columns of a block and their element types, in a fixed order (the hub's stored form). */
export const BLOCK_ARRAYS = [
  ['hour', 'u8'], ['service', 'u16'], ['counter', 'u16'], ['clerk', 'u16'],
  ...COUNTS.map((f) => [f, 'u32'] as const), ['ratings', 'u32'],
  ...SUMS.map((f) => [f, 'f64'] as const),
  ['waitAt', 'u32'], ['waitBins', 'u32'], ['serviceAt', 'u32'], ['serviceBins', 'u32'],
] as const satisfies readonly (readonly [Exclude<keyof BlockColumns, 'names'>, 'u8' | 'u16' | 'u32' | 'f64'])[];

/**
 * One day's roll-up rows as typed columns: a year of a busy hall (some 80,000 rows) is about 15 MB
 * this way, where as objects it would be several times that. Rows by index `0 … n − 1`.
 */
export class RollupBlock {
  readonly day: string;
  readonly n: number;
  readonly weekday: number;
  /** The ids the rows name (services, counters, clerks). */
  readonly names: string[];
  readonly hour!: Uint8Array;
  readonly service!: Uint16Array;
  readonly counter!: Uint16Array;
  readonly clerk!: Uint16Array;
  readonly issued!: Uint32Array;
  readonly called!: Uint32Array;
  readonly within!: Uint32Array;
  readonly inside!: Uint32Array;
  readonly shorter!: Uint32Array;
  readonly longer!: Uint32Array;
  readonly served!: Uint32Array;
  readonly noShow!: Uint32Array;
  readonly cancelled!: Uint32Array;
  readonly unfinished!: Uint32Array;
  readonly stints!: Uint32Array;
  readonly transferred!: Uint32Array;
  /** 5 per row: 1★ … 5★. */
  readonly ratings!: Uint32Array;
  readonly waitSumMs!: Float64Array;
  readonly quoteMinSum!: Float64Array;
  readonly quoteMaxSum!: Float64Array;
  readonly absErrMs!: Float64Array;
  readonly serviceSumMs!: Float64Array;
  /** Histograms as (bin, count) pairs; row i's pairs are `waitAt[i] … waitAt[i+1]`. */
  readonly waitAt!: Uint32Array;
  readonly waitBins!: Uint32Array;
  readonly serviceAt!: Uint32Array;
  readonly serviceBins!: Uint32Array;

  constructor(day: string, c: BlockColumns) {
    this.day = day;
    this.weekday = weekdayOf(day);
    this.names = c.names;
    this.n = c.hour.length;
    const self = this as unknown as Record<string, unknown>;
    for (const [k] of BLOCK_ARRAYS) self[k] = c[k];
  }

  /** The block of a day's rows. */
  static fromRows(day: string, rows: readonly RollupRow[]): RollupBlock {
    const n = rows.length;
    const names: string[] = [];
    const ids = new Map<string, number>();
    const id = (s: string | null) => {
      if (s === null) return NONE;
      let i = ids.get(s);
      if (i === undefined) {
        ids.set(s, (i = names.length));
        names.push(s);
        if (i >= NONE) throw new Error('a day names at most 65,535 services, counters and clerks');
      }
      return i;
    };
    let wn = 0;
    let sn = 0;
    for (const r of rows) {
      wn += nonZero(r.waits);
      sn += nonZero(r.serviceTimes);
    }
    const c = { names } as Record<string, unknown>;
    for (const [k, t] of BLOCK_ARRAYS) {
      const len = k === 'ratings' ? n * 5 : k === 'waitAt' || k === 'serviceAt' ? n + 1 : k === 'waitBins' ? wn * 2 : k === 'serviceBins' ? sn * 2 : n;
      c[k] = t === 'u8' ? new Uint8Array(len) : t === 'u16' ? new Uint16Array(len) : t === 'u32' ? new Uint32Array(len) : new Float64Array(len);
    }
    const b = c as unknown as BlockColumns;
    let w = 0;
    let s = 0;
    rows.forEach((r, i) => {
      b.hour[i] = r.hour;
      b.service[i] = id(r.serviceId);
      b.counter[i] = id(r.counterId);
      b.clerk[i] = id(r.clerkId);
      for (const f of COUNTS) b[f][i] = r[f];
      for (const f of SUMS) b[f][i] = r[f];
      for (let k = 0; k < 5; k++) b.ratings[i * 5 + k] = r.ratings[k]!;
      b.waitAt[i] = w;
      w = pairs(r.waits, b.waitBins, w);
      b.serviceAt[i] = s;
      s = pairs(r.serviceTimes, b.serviceBins, s);
    });
    b.waitAt[n] = w;
    b.serviceAt[n] = s;
    return new RollupBlock(day, b);
  }

  /** The block's columns (to store them). */
  get columns(): BlockColumns {
    const c = { names: this.names } as Record<string, unknown>;
    const self = this as unknown as Record<string, unknown>;
    for (const [k] of BLOCK_ARRAYS) c[k] = self[k];
    return c as unknown as BlockColumns;
  }

  serviceOf(i: number): string {
    return this.names[this.service[i]!]!;
  }
  counterOf(i: number): string | null {
    const x = this.counter[i]!;
    return x === NONE ? null : this.names[x]!;
  }
  clerkOf(i: number): string | null {
    const x = this.clerk[i]!;
    return x === NONE ? null : this.names[x]!;
  }
  rated(i: number): number {
    let n = 0;
    for (let k = 0; k < 5; k++) n += this.ratings[i * 5 + k]!;
    return n;
  }
  ratingSum(i: number): number {
    let n = 0;
    for (let k = 0; k < 5; k++) n += (k + 1) * this.ratings[i * 5 + k]!;
    return n;
  }
  /** Adds row i's waits into `h`. */
  addWaits(i: number, h: Histogram): void {
    for (let p = this.waitAt[i]!; p < this.waitAt[i + 1]!; p += 2) h.addBin(this.waitBins[p]!, this.waitBins[p + 1]!);
  }
  addServiceTimes(i: number, h: Histogram): void {
    for (let p = this.serviceAt[i]!; p < this.serviceAt[i + 1]!; p += 2) h.addBin(this.serviceBins[p]!, this.serviceBins[p + 1]!);
  }
  /** Row i as an object again. */
  row(i: number): RollupRow {
    const r = emptyRow(this.day, this.hour[i]!, this.serviceOf(i), this.counterOf(i), this.clerkOf(i));
    for (const f of COUNTS) r[f] = this[f][i]!;
    for (const f of SUMS) r[f] = this[f][i]!;
    for (let k = 0; k < 5; k++) r.ratings[k] = this.ratings[i * 5 + k]!;
    this.addWaits(i, r.waits);
    this.addServiceTimes(i, r.serviceTimes);
    return r;
  }
  /** Bytes held. */
  get bytes(): number {
    let n = 0;
    const self = this as unknown as Record<string, ArrayBufferView>;
    for (const [k] of BLOCK_ARRAYS) n += self[k]!.byteLength;
    return n;
  }
}

function nonZero(h: Histogram): number {
  let n = 0;
  const counts = h.counts;
  for (let k = 0; k < counts.length; k++) if (counts[k] !== 0) n++;
  return n;
}
function pairs(h: Histogram, out: Uint32Array, at: number): number {
  const counts = h.counts;
  for (let k = 0; k < counts.length; k++) {
    const c = counts[k]!;
    if (c === 0) continue;
    out[at++] = h.first + k;
    out[at++] = c;
  }
  return at;
}

/** What the reports read: the days' roll-ups, counter time, and the marked dates. */
export interface RollupSet {
  blocks: readonly RollupBlock[];
  counters: readonly CounterTimeRow[];
  marks: readonly MarkFact[];
}

/** Rolls up facts of any number of days (tests, today's live fold). */
export function rollupFacts(f: DayFacts): RollupSet {
  const days = [...new Set([...f.tickets.map((t) => t.day), ...f.services.map((s) => s.day), ...f.counters.map((c) => c.day)])].sort();
  const blocks: RollupBlock[] = [];
  const counters: CounterTimeRow[] = [];
  for (const d of days) {
    const r = rollupDay(d, f);
    blocks.push(RollupBlock.fromRows(d, r.rows));
    counters.push(...r.counters);
  }
  return { blocks, counters, marks: f.marks };
}

// --- a day's totals: what central keeps per branch-day ------------------------------------------

/** A day's (or a period's) figures over every service, counter and clerk. */
export interface RollupTotals {
  issued: number;
  called: number;
  within: number;
  served: number;
  noShow: number;
  cancelled: number;
  unfinished: number;
  transferred: number;
  waitSumMs: number;
  stints: number;
  serviceSumMs: number;
  rated: number;
  ratingSum: number;
  waits: Histogram;
}

export const TOTAL_FIELDS = ['issued', 'called', 'within', 'served', 'noShow', 'cancelled', 'unfinished', 'transferred', 'waitSumMs', 'stints', 'serviceSumMs', 'rated', 'ratingSum'] as const;

export function emptyTotals(): RollupTotals {
  return { issued: 0, called: 0, within: 0, served: 0, noShow: 0, cancelled: 0, unfinished: 0, transferred: 0, waitSumMs: 0, stints: 0, serviceSumMs: 0, rated: 0, ratingSum: 0, waits: new Histogram() };
}

/** The totals of a day's roll-up rows. */
export function totalsOf(rows: readonly RollupRow[]): RollupTotals {
  const t = emptyTotals();
  for (const r of rows) {
    t.issued += r.issued;
    t.called += r.called;
    t.within += r.within;
    t.served += r.served;
    t.noShow += r.noShow;
    t.cancelled += r.cancelled;
    t.unfinished += r.unfinished;
    t.transferred += r.transferred;
    t.waitSumMs += r.waitSumMs;
    t.stints += r.stints;
    t.serviceSumMs += r.serviceSumMs;
    for (let k = 0; k < 5; k++) {
      t.rated += r.ratings[k]!;
      t.ratingSum += (k + 1) * r.ratings[k]!;
    }
    t.waits.merge(r.waits);
  }
  t.waits.trim();
  return t;
}

/** a + sign × b, field by field (periods are differences of running totals). */
export function addTotals(a: RollupTotals, b: RollupTotals, sign = 1): RollupTotals {
  for (const f of TOTAL_FIELDS) a[f] += sign * b[f];
  a.waits.merge(b.waits, sign);
  return a;
}

export { BIN_MS, binOf };

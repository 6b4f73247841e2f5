// The vocabulary every report shares: the query and its filters (which side of a ticket a
// service, counter or clerk filter selects), typed tables and columns, titles, and the grouping
// of roll-up rows (rollup.ts) into the figures most reports show. The reports themselves: reports.ts.
import type { I18nText } from '../protocol/entities.ts';
import { Histogram } from './bins.ts';
import type { CounterTimeRow, RollupBlock, RollupSet } from './rollup.ts';
import { minutes, share } from './stats.ts';

export const REPORTS = ['summary', 'patterns', 'staff', 'distribution', 'satisfaction', 'accuracy', 'trends'] as const;
export type ReportName = (typeof REPORTS)[number];

export interface ReportQuery {
  /** Business days `YYYY-MM-DD`, both included. */
  from: string;
  to: string;
  serviceId?: string;
  counterId?: string;
  clerkId?: string;
  /** Trends only: week (Sunday to Saturday) or month. */
  period?: 'week' | 'month';
}

export type ColumnType = 'day' | 'period' | 'text' | 'int' | 'number' | 'minutes' | 'hours' | 'percent' | 'service' | 'counter' | 'clerk' | 'weekday' | 'hour';
export interface Column {
  key: string;
  type: ColumnType;
  label: I18nText;
}
export type Cell = string | number | null;
export type Row = Record<string, Cell>;
export interface ReportTable {
  id: string;
  title: I18nText;
  columns: Column[];
  rows: Row[];
}
export interface ReportResult {
  report: ReportName;
  title: I18nText;
  query: ReportQuery;
  tables: ReportTable[];
}

/** A rated ticket's comment where it is still retained, with what the satisfaction report shows beside it (its outcome side). */
export interface CommentFact {
  day: string;
  /** The service it ended in, the counter and clerk that finished it. */
  serviceId: string;
  counterId: string | null;
  clerkId: string | null;
  rating: number;
  comment: string;
}

/** What a report may need besides roll-ups: rating comments where they are still retained, in the order of the days' tickets. */
export interface ReportExtras {
  comments?: readonly CommentFact[];
}

export const L = (ar: string, en: string): I18nText => ({ ar, en });
export const col = (key: string, type: ColumnType, ar: string, en: string): Column => ({ key, type, label: L(ar, en) });

export const REPORT_TITLES: Record<ReportName, I18nText> = {
  summary: L('الملخص اليومي حسب الخدمة', 'Daily summary by service'),
  patterns: L('الوصول والانتظار حسب الساعة واليوم', 'Arrivals and waits by hour and weekday'),
  staff: L('الموظفون والشبابيك', 'Clerks and counters'),
  distribution: L('توزيع أوقات الانتظار والخدمة', 'Wait and service-time distribution'),
  satisfaction: L('رضا المراجعين', 'Citizen satisfaction'),
  accuracy: L('دقة الانتظار المتوقع', 'Expected-wait accuracy'),
  trends: L('الاتجاهات', 'Trends'),
};

// --- which ticket counts where (docs/hall-manager.md "Reports": filters) ----------------------
// A roll-up row (rollup.ts) is keyed on each side by that side's own service, counter and clerk:
// arrivals (issued, wait, service level, quotes) by the issue service and the counter and clerk of
// the first call; outcomes (served, no-show, cancelled, unfinished, ratings) by the final service
// and the counter and clerk that finished the ticket; stints by their own. So a filter is a match
// on the row's key.

export function rowMatches(b: RollupBlock, i: number, q: ReportQuery): boolean {
  return (!q.serviceId || b.serviceOf(i) === q.serviceId) && (!q.counterId || b.counterOf(i) === q.counterId) && (!q.clerkId || b.clerkOf(i) === q.clerkId);
}
export function onCounterTime(c: CounterTimeRow, q: ReportQuery): boolean {
  return (!q.counterId || c.counterId === q.counterId) && (!q.clerkId || c.clerkId === q.clerkId);
}
export const inRange = (day: string, q: ReportQuery) => day >= q.from && day <= q.to;

/** Calls `fn` with each row of the set in the query's range and filters. */
export function eachRow(set: RollupSet, q: Pick<ReportQuery, 'from' | 'to' | 'serviceId' | 'counterId' | 'clerkId'>, fn: (b: RollupBlock, i: number) => void): void {
  const filtered = Boolean(q.serviceId || q.counterId || q.clerkId);
  for (const b of set.blocks) {
    if (!inRange(b.day, q as ReportQuery)) continue;
    for (let i = 0; i < b.n; i++) if (!filtered || rowMatches(b, i, q as ReportQuery)) fn(b, i);
  }
}

// --- one group's figures ---------------------------------------------------------------

export interface GroupRow {
  [key: string]: number | null;
  issued: number; served: number; noShow: number; cancelled: number; transferred: number; unfinished: number;
  waitMean: number | null; waitMedian: number | null; waitP90: number | null; serviceMean: number | null; serviceLevel: number | null;
}

export class Group {
  issued = 0;
  called = 0;
  within = 0;
  waitSum = 0;
  served = 0;
  noShow = 0;
  cancelled = 0;
  unfinished = 0;
  transferred = 0;
  stints = 0;
  serviceSum = 0;
  waits = new Histogram();
  /** Adds row i of `b`, all three sides. */
  add(b: RollupBlock, i: number): void {
    this.issued += b.issued[i]!;
    this.called += b.called[i]!;
    this.within += b.within[i]!;
    this.waitSum += b.waitSumMs[i]!;
    b.addWaits(i, this.waits);
    this.served += b.served[i]!;
    this.noShow += b.noShow[i]!;
    this.cancelled += b.cancelled[i]!;
    this.unfinished += b.unfinished[i]!;
    this.transferred += b.transferred[i]!;
    this.stints += b.stints[i]!;
    this.serviceSum += b.serviceSumMs[i]!;
  }
  row(): GroupRow {
    return {
      issued: this.issued, served: this.served, noShow: this.noShow, cancelled: this.cancelled, transferred: this.transferred, unfinished: this.unfinished,
      waitMean: minutes(this.called ? this.waitSum / this.called : null),
      waitMedian: minutes(this.waits.percentile(0.5, this.called)), waitP90: minutes(this.waits.percentile(0.9, this.called)),
      serviceMean: minutes(this.stints ? this.serviceSum / this.stints : null), serviceLevel: share(this.within, this.called),
    };
  }
}

export const FIGURE_COLUMNS: Column[] = [
  col('issued', 'int', 'الصادرة', 'Issued'),
  col('served', 'int', 'المخدومة', 'Served'),
  col('noShow', 'int', 'لم يحضر', 'No-show'),
  col('cancelled', 'int', 'الملغاة', 'Cancelled'),
  col('transferred', 'int', 'المحوّلة', 'Transferred'),
  col('unfinished', 'int', 'غير منتهية', 'Unfinished'),
  col('waitMean', 'minutes', 'متوسط الانتظار (د)', 'Mean wait (min)'),
  col('waitMedian', 'minutes', 'وسيط الانتظار (د)', 'Median wait (min)'),
  col('waitP90', 'minutes', 'الانتظار ٩٠٪ (د)', '90th pct wait (min)'),
  col('serviceMean', 'minutes', 'متوسط مدة الخدمة (د)', 'Mean service time (min)'),
  col('serviceLevel', 'percent', 'مستوى الخدمة', 'Service level'),
];

/** Folds the matching rows into groups keyed by `key` (null key = skip). */
export function grouped(set: RollupSet, q: ReportQuery, key: (b: RollupBlock, i: number) => string | null): Map<string, Group> {
  const groups = new Map<string, Group>();
  eachRow(set, q, (b, i) => {
    const k = key(b, i);
    if (k === null) return;
    let g = groups.get(k);
    if (!g) groups.set(k, (g = new Group()));
    g.add(b, i);
  });
  return groups;
}

export const SEP = '\u0001';
export const byKey = <T>(m: Map<string, T>) => [...m.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

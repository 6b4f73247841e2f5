// The vocabulary every report shares: the query and its filters (which side of a ticket a
// service, counter or clerk filter selects), typed tables and columns, titles, and the grouping
// of ticket facts into the figures most reports show. The reports themselves: reports.ts.
import type { I18nText } from '../protocol/entities.ts';
import type { CounterFact, DayFacts, ServiceFact, TicketFact } from './facts.ts';
import { Samples, mean, minutes, share } from './stats.ts';

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

/** What a report may need besides facts: rating comments where they are still retained (ticket id → comment). */
export interface ReportExtras {
  comments?: ReadonlyMap<string, string>;
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

// --- which ticket counts where (README "Reports": filters) -------------------------------

/** Arrival side (issued, wait, service level, quotes): the issue service, the counter and clerk of the first call. */
export function onArrival(t: TicketFact, q: ReportQuery): boolean {
  return (!q.serviceId || t.serviceId === q.serviceId) && (!q.counterId || t.counterId === q.counterId) && (!q.clerkId || t.clerkId === q.clerkId);
}
/** Outcome side (served, no-show, cancelled, unfinished, ratings): the final service, the counter and clerk that finished it. */
export function onOutcome(t: TicketFact, q: ReportQuery): boolean {
  return (!q.serviceId || t.finalServiceId === q.serviceId) && (!q.counterId || t.endCounterId === q.counterId) && (!q.clerkId || t.endClerkId === q.clerkId);
}
export function onStint(s: ServiceFact, q: ReportQuery): boolean {
  return (!q.serviceId || s.serviceId === q.serviceId) && (!q.counterId || s.counterId === q.counterId) && (!q.clerkId || s.clerkId === q.clerkId);
}
export function onCounterTime(c: CounterFact, q: ReportQuery): boolean {
  return (!q.counterId || c.counterId === q.counterId) && (!q.clerkId || c.clerkId === q.clerkId);
}
export const inRange = (day: string, q: ReportQuery) => day >= q.from && day <= q.to;

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
  served = 0;
  noShow = 0;
  cancelled = 0;
  unfinished = 0;
  transferred = 0;
  waits = new Samples();
  service = new Samples();
  arrival(t: TicketFact) {
    this.issued++;
    if (t.waitMs !== null) {
      this.called++;
      this.waits.add(t.waitMs);
      if (t.waitMs <= t.targetMs) this.within++;
    }
  }
  outcome(t: TicketFact) {
    if (t.outcome === 'served') this.served++;
    else if (t.outcome === 'no_show') this.noShow++;
    else if (t.outcome === 'cancelled') this.cancelled++;
    else this.unfinished++;
  }
  stint(s: ServiceFact) {
    if (s.ended === 'transferred') this.transferred++;
    this.service.add(s.ms);
  }
  row(): GroupRow {
    const w = this.waits.summary();
    return {
      issued: this.issued, served: this.served, noShow: this.noShow, cancelled: this.cancelled, transferred: this.transferred, unfinished: this.unfinished,
      waitMean: minutes(w.mean), waitMedian: minutes(w.median), waitP90: minutes(w.p90),
      serviceMean: minutes(mean(this.service.values)), serviceLevel: share(this.within, this.called),
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

/** Folds facts into groups keyed by `key` (null key = skip). */
export function grouped(f: DayFacts, q: ReportQuery, keyOfArrival: (t: TicketFact) => string | null, keyOfOutcome: (t: TicketFact) => string | null, keyOfStint: (s: ServiceFact) => string | null): Map<string, Group> {
  const groups = new Map<string, Group>();
  const g = (k: string) => {
    let x = groups.get(k);
    if (!x) groups.set(k, (x = new Group()));
    return x;
  };
  for (const t of f.tickets) {
    if (!inRange(t.day, q)) continue;
    if (onArrival(t, q)) {
      const k = keyOfArrival(t);
      if (k !== null) g(k).arrival(t);
    }
    if (onOutcome(t, q)) {
      const k = keyOfOutcome(t);
      if (k !== null) g(k).outcome(t);
    }
  }
  for (const s of f.services) {
    if (!inRange(s.day, q) || !onStint(s, q)) continue;
    const k = keyOfStint(s);
    if (k !== null) g(k).stint(s);
  }
  return groups;
}

export const SEP = '\u0001';
export const byKey = <T>(m: Map<string, T>) => [...m.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

// --- the reports -----------------------------------------------------------------------

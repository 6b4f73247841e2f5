// Every report, as a pure function of the daily roll-ups (rollup.ts) and a query. The result is a
// list of tables with typed columns: the screen, the JSON API and the CSV/XLSX/PDF files all show
// the same tables. Counts, sums, means and shares are exact; medians and 90th percentiles are read
// from the roll-ups' 30-second bins (bins.ts). Definitions (what counts where): docs/hall-manager.md.
import type { MarkFact } from './facts.ts';
import { BIN_MS, Histogram } from './bins.ts';
import type { RollupBlock, RollupSet } from './rollup.ts';
import { hours, minutes, percentileSorted, round2, share, sortedCopy } from './stats.ts';
import {
  type ReportExtras, type ReportName, type ReportQuery, type ReportResult, type ReportTable, type Row,
  Group, type GroupRow, FIGURE_COLUMNS, REPORT_TITLES, SEP, byKey, col, eachRow, grouped, inRange, L, onCounterTime,
} from './query.ts';

export { REPORTS, REPORT_TITLES } from './query.ts';
export type { Cell, Column, ColumnType, CommentFact, ReportExtras, ReportName, ReportQuery, ReportResult, ReportTable, Row } from './query.ts';
function summary(f: RollupSet, q: ReportQuery): ReportTable[] {
  const perDay = grouped(f, q, (b, i) => b.day + SEP + b.serviceOf(i));
  const perService = grouped(f, q, (b, i) => b.serviceOf(i));
  const all = grouped(f, q, () => '').get('') ?? new Group();
  return [
    {
      id: 'by-service', title: L('المجموع حسب الخدمة', 'Totals by service'),
      columns: [col('service', 'service', 'الخدمة', 'Service'), ...FIGURE_COLUMNS],
      rows: [...byKey(perService).map(([k, g]) => ({ service: k, ...g.row() })), { service: null, ...all.row() }],
    },
    {
      id: 'by-day', title: L('حسب اليوم والخدمة', 'By day and service'),
      columns: [col('day', 'day', 'اليوم', 'Day'), col('service', 'service', 'الخدمة', 'Service'), ...FIGURE_COLUMNS],
      rows: byKey(perDay).map(([k, g]) => {
        const [day, service] = k.split(SEP) as [string, string];
        return { day, service, ...g.row() };
      }),
    },
  ];
}

type Arrivals = { arrivals: number; called: number; waitSum: number; waits: Histogram; within: number };
const arrivals = (): Arrivals => ({ arrivals: 0, called: 0, waitSum: 0, waits: new Histogram(), within: 0 });
function addArrivals(g: Arrivals, b: RollupBlock, i: number): void {
  g.arrivals += b.issued[i]!;
  g.called += b.called[i]!;
  g.waitSum += b.waitSumMs[i]!;
  g.within += b.within[i]!;
  b.addWaits(i, g.waits);
}

function patterns(f: RollupSet, q: ReportQuery): ReportTable[] {
  const hourG = Array.from({ length: 24 }, arrivals);
  const wdG = Array.from({ length: 7 }, () => ({ ...arrivals(), days: new Set<string>() }));
  const openDays = new Set<string>();
  eachRow(f, q, (b, i) => {
    if (b.issued[i] === 0) return;
    openDays.add(b.day);
    const w = wdG[b.weekday]!;
    addArrivals(hourG[b.hour[i]!]!, b, i);
    addArrivals(w, b, i);
    w.days.add(b.day);
  });
  const nDays = openDays.size;
  const figures = (g: Arrivals, days: number) => ({
    arrivals: g.arrivals, perDay: days ? round2(g.arrivals / days) : null, waitMean: minutes(g.called ? g.waitSum / g.called : null),
    waitP90: minutes(g.waits.percentile(0.9, g.called)), serviceLevel: share(g.within, g.called),
  });
  const cols = [
    col('arrivals', 'int', 'الوصول', 'Arrivals'),
    col('perDay', 'number', 'متوسط الوصول في اليوم', 'Arrivals per open day'),
    col('waitMean', 'minutes', 'متوسط الانتظار (د)', 'Mean wait (min)'),
    col('waitP90', 'minutes', 'الانتظار ٩٠٪ (د)', '90th pct wait (min)'),
    col('serviceLevel', 'percent', 'مستوى الخدمة', 'Service level'),
  ];
  return [
    {
      id: 'by-hour', title: L('حسب ساعة الوصول', 'By hour of arrival'),
      columns: [col('hour', 'hour', 'الساعة', 'Hour'), ...cols],
      rows: hourG.map((g, hour) => ({ hour, ...figures(g, nDays) })).filter((r) => r.arrivals > 0),
    },
    {
      id: 'by-weekday', title: L('حسب يوم الأسبوع', 'By weekday'),
      columns: [col('weekday', 'weekday', 'اليوم', 'Weekday'), col('days', 'int', 'أيام العمل', 'Open days'), ...cols],
      rows: wdG.map((g, weekday) => ({ weekday, days: g.days.size, ...figures(g, g.days.size) })).filter((r) => r.arrivals > 0),
    },
  ];
}

function staff(f: RollupSet, q: ReportQuery): ReportTable[] {
  type S = { served: number; noShow: number; stints: number; serviceSum: number; open: number; brk: number };
  const mk = (): S => ({ served: 0, noShow: 0, stints: 0, serviceSum: 0, open: 0, brk: 0 });
  const clerks = new Map<string, S>();
  const counters = new Map<string, S>();
  const at = (m: Map<string, S>, k: string | null) => {
    if (k === null) return null;
    let x = m.get(k);
    if (!x) m.set(k, (x = mk()));
    return x;
  };
  eachRow(f, q, (b, i) => {
    const served = b.served[i]!;
    const noShow = b.noShow[i]!;
    const stints = b.stints[i]!;
    if (served + noShow + stints === 0) return;
    for (const x of [at(clerks, b.clerkOf(i)), at(counters, b.counterOf(i))]) {
      if (!x) continue;
      x.served += served;
      x.noShow += noShow;
      x.stints += stints;
      x.serviceSum += b.serviceSumMs[i]!;
    }
  });
  for (const c of f.counters) {
    if (!inRange(c.day, q) || !onCounterTime(c, q)) continue;
    for (const x of [at(clerks, c.clerkId), at(counters, c.counterId)]) {
      if (!x) continue;
      x.open += c.openMs;
      x.brk += c.breakMs;
    }
  }
  const cols = [
    col('served', 'int', 'المخدومة', 'Served'),
    col('noShow', 'int', 'لم يحضر', 'No-show'),
    col('serviceMean', 'minutes', 'متوسط مدة الخدمة (د)', 'Mean service time (min)'),
    col('serviceHours', 'hours', 'ساعات الخدمة', 'Hours serving'),
    col('openHours', 'hours', 'ساعات الفتح', 'Hours open'),
    col('breakHours', 'hours', 'ساعات الاستراحة', 'Hours on break'),
    col('utilisation', 'percent', 'نسبة الإشغال', 'Utilisation'),
  ];
  const row = (x: S) => ({
    served: x.served, noShow: x.noShow, serviceMean: minutes(x.stints ? x.serviceSum / x.stints : null), serviceHours: hours(x.serviceSum),
    openHours: hours(x.open), breakHours: hours(x.brk), utilisation: share(x.serviceSum, x.open),
  });
  return [
    { id: 'by-clerk', title: L('حسب الموظف', 'By clerk'), columns: [col('clerk', 'clerk', 'الموظف', 'Clerk'), ...cols], rows: byKey(clerks).map(([clerk, x]) => ({ clerk, ...row(x) })) },
    { id: 'by-counter', title: L('حسب الشباك', 'By counter'), columns: [col('counter', 'counter', 'الشباك', 'Counter'), ...cols], rows: byKey(counters).map(([counter, x]) => ({ counter, ...row(x) })) },
  ];
}

export const WAIT_BIN_MIN = 5;
export const WAIT_BINS = 24;
export const SERVICE_BIN_MIN = 2;
export const SERVICE_BINS = 30;

/** Report bins of `binMin` minutes from the roll-ups' 30-second bins (every report bin is a whole number of them). */
function histogram(samples: Map<string | null, Histogram>, binMin: number, bins: number): Row[] {
  const rows: Row[] = [];
  const factor = (binMin * 60_000) / BIN_MS;
  for (const [service, h] of [...samples.entries()].sort(([a], [b]) => (a === null ? 1 : b === null ? -1 : a < b ? -1 : 1))) {
    const counts = h.coarse(factor, bins);
    const n = h.total;
    counts.forEach((count, i) => rows.push({ service, fromMin: i * binMin, toMin: i === bins ? null : (i + 1) * binMin, count, share: share(count, n) }));
  }
  return rows;
}

function distribution(f: RollupSet, q: ReportQuery): ReportTable[] {
  const waits = new Map<string | null, Histogram>([[null, new Histogram()]]);
  const svc = new Map<string | null, Histogram>([[null, new Histogram()]]);
  const at = (m: Map<string | null, Histogram>, k: string) => {
    let h = m.get(k);
    if (!h) m.set(k, (h = new Histogram()));
    return h;
  };
  eachRow(f, q, (b, i) => {
    if (b.called[i]! > 0) {
      b.addWaits(i, at(waits, b.serviceOf(i)));
      b.addWaits(i, waits.get(null)!);
    }
    if (b.stints[i]! > 0) {
      b.addServiceTimes(i, at(svc, b.serviceOf(i)));
      b.addServiceTimes(i, svc.get(null)!);
    }
  });
  const cols = [
    col('service', 'service', 'الخدمة', 'Service'),
    col('fromMin', 'int', 'من (د)', 'From (min)'),
    col('toMin', 'int', 'إلى (د)', 'To (min)'),
    col('count', 'int', 'العدد', 'Count'),
    col('share', 'percent', 'النسبة', 'Share'),
  ];
  return [
    { id: 'wait', title: L('توزيع الانتظار', 'Wait distribution'), columns: cols, rows: histogram(waits, WAIT_BIN_MIN, WAIT_BINS) },
    { id: 'service-time', title: L('توزيع مدة الخدمة', 'Service-time distribution'), columns: cols, rows: histogram(svc, SERVICE_BIN_MIN, SERVICE_BINS) },
  ];
}

function satisfaction(f: RollupSet, q: ReportQuery, x: ReportExtras): ReportTable[] {
  type R = { n: number; sum: number; by: number[] };
  const groups = { service: new Map<string, R>(), counter: new Map<string, R>(), clerk: new Map<string, R>() };
  const comments: Row[] = [];
  const add = (m: Map<string, R>, k: string | null, b: RollupBlock, i: number) => {
    if (k === null) return;
    let g = m.get(k);
    if (!g) m.set(k, (g = { n: 0, sum: 0, by: [0, 0, 0, 0, 0] }));
    for (let s = 0; s < 5; s++) {
      const c = b.ratings[i * 5 + s]!;
      g.n += c;
      g.sum += (s + 1) * c;
      g.by[s]! += c;
    }
  };
  eachRow(f, q, (b, i) => {
    if (b.rated(i) === 0) return;
    add(groups.service, b.serviceOf(i), b, i);
    add(groups.counter, b.counterOf(i), b, i);
    add(groups.clerk, b.clerkOf(i), b, i);
  });
  for (const c of x.comments ?? []) {
    if (!inRange(c.day, q) || (q.serviceId && c.serviceId !== q.serviceId) || (q.counterId && c.counterId !== q.counterId) || (q.clerkId && c.clerkId !== q.clerkId)) continue;
    comments.push({ day: c.day, service: c.serviceId, counter: c.counterId, clerk: c.clerkId, rating: c.rating, comment: c.comment });
  }
  const cols = [
    col('count', 'int', 'عدد التقييمات', 'Ratings'),
    col('mean', 'number', 'المتوسط (من ٥)', 'Mean (of 5)'),
    ...[1, 2, 3, 4, 5].map((n) => col(`r${n}`, 'int', `${n}★`, `${n}★`)),
  ];
  const rows = (m: Map<string, R>, key: string) => byKey(m).map(([k, g]) => ({ [key]: k, count: g.n, mean: round2(g.sum / g.n), r1: g.by[0]!, r2: g.by[1]!, r3: g.by[2]!, r4: g.by[3]!, r5: g.by[4]! }));
  comments.sort((a, b) => String(a.day).localeCompare(String(b.day)));
  return [
    { id: 'by-service', title: L('حسب الخدمة', 'By service'), columns: [col('service', 'service', 'الخدمة', 'Service'), ...cols], rows: rows(groups.service, 'service') },
    { id: 'by-counter', title: L('حسب الشباك', 'By counter'), columns: [col('counter', 'counter', 'الشباك', 'Counter'), ...cols], rows: rows(groups.counter, 'counter') },
    { id: 'by-clerk', title: L('حسب الموظف', 'By clerk'), columns: [col('clerk', 'clerk', 'الموظف', 'Clerk'), ...cols], rows: rows(groups.clerk, 'clerk') },
    {
      id: 'comments', title: L('التعليقات', 'Comments'),
      columns: [col('day', 'day', 'اليوم', 'Day'), col('service', 'service', 'الخدمة', 'Service'), col('counter', 'counter', 'الشباك', 'Counter'), col('clerk', 'clerk', 'الموظف', 'Clerk'), col('rating', 'int', 'التقييم', 'Rating'), col('comment', 'text', 'التعليق', 'Comment')],
      rows: comments,
    },
  ];
}

function accuracy(f: RollupSet, q: ReportQuery): ReportTable[] {
  // Sums in ms (waits) are exact; they become minutes once, at the end.
  type A = { n: number; minSum: number; maxSum: number; waitSum: number; inside: number; shorter: number; longer: number; absErr: number };
  const perDay = new Map<string, A>();
  const perService = new Map<string, A>();
  const mk = (): A => ({ n: 0, minSum: 0, maxSum: 0, waitSum: 0, inside: 0, shorter: 0, longer: 0, absErr: 0 });
  eachRow(f, q, (b, i) => {
    if (b.called[i] === 0) return;
    const service = b.serviceOf(i);
    for (const [m, k] of [[perDay, b.day + SEP + service], [perService, service]] as const) {
      let a = m.get(k);
      if (!a) m.set(k, (a = mk()));
      a.n += b.called[i]!;
      a.minSum += b.quoteMinSum[i]!;
      a.maxSum += b.quoteMaxSum[i]!;
      a.waitSum += b.waitSumMs[i]!;
      a.shorter += b.shorter[i]!;
      a.longer += b.longer[i]!;
      a.inside += b.inside[i]!;
      a.absErr += b.absErrMs[i]!;
    }
  });
  const cols = [
    col('called', 'int', 'المنادى عليهم', 'Called'),
    col('quoteMin', 'minutes', 'متوسط الحد الأدنى المتوقع (د)', 'Mean quoted min (min)'),
    col('quoteMax', 'minutes', 'متوسط الحد الأعلى المتوقع (د)', 'Mean quoted max (min)'),
    col('waitMean', 'minutes', 'متوسط الانتظار الفعلي (د)', 'Mean real wait (min)'),
    col('inside', 'percent', 'ضمن المدى', 'Within the range'),
    col('shorter', 'percent', 'أقصر من المتوقع', 'Shorter than quoted'),
    col('longer', 'percent', 'أطول من المتوقع', 'Longer than quoted'),
    col('absError', 'minutes', 'متوسط الخطأ عن منتصف المدى (د)', 'Mean error from mid-range (min)'),
  ];
  const row = (a: A) => ({
    called: a.n, quoteMin: round2(a.minSum / a.n), quoteMax: round2(a.maxSum / a.n), waitMean: round2(a.waitSum / 60_000 / a.n),
    inside: share(a.inside, a.n), shorter: share(a.shorter, a.n), longer: share(a.longer, a.n), absError: round2(a.absErr / 60_000 / a.n),
  });
  return [
    { id: 'by-service', title: L('حسب الخدمة', 'By service'), columns: [col('service', 'service', 'الخدمة', 'Service'), ...cols], rows: byKey(perService).map(([service, a]) => ({ service, ...row(a) })) },
    {
      id: 'by-day', title: L('حسب اليوم والخدمة', 'By day and service'),
      columns: [col('day', 'day', 'اليوم', 'Day'), col('service', 'service', 'الخدمة', 'Service'), ...cols],
      rows: byKey(perDay).map(([k, a]) => {
        const [day, service] = k.split(SEP) as [string, string];
        return { day, service, ...row(a) };
      }),
    },
  ];
}

/** The period a day falls in: `YYYY-MM` for months, the Sunday that starts the week for weeks. */
const weekStart = new Map<string, string>();
export function periodOf(day: string, period: 'week' | 'month'): string {
  if (period === 'month') return day.slice(0, 7);
  let w = weekStart.get(day);
  if (w === undefined) {
    const d = new Date(`${day}T00:00:00Z`);
    d.setUTCDate(d.getUTCDate() - d.getUTCDay());
    weekStart.set(day, (w = d.toISOString().slice(0, 10)));
  }
  return w;
}

function trends(f: RollupSet, q: ReportQuery, marks: readonly MarkFact[]): ReportTable[] {
  const period = q.period ?? 'week';
  const per = grouped(f, q, (b, i) => periodOf(b.day, period) + SEP + b.serviceOf(i));
  const all = grouped(f, q, (b) => periodOf(b.day, period));
  const pick = (r: GroupRow) => ({ issued: r.issued, served: r.served, waitMean: r.waitMean, waitMedian: r.waitMedian, waitP90: r.waitP90, serviceMean: r.serviceMean, serviceLevel: r.serviceLevel });
  const cols = [
    col('issued', 'int', 'الصادرة', 'Issued'),
    col('served', 'int', 'المخدومة', 'Served'),
    col('waitMean', 'minutes', 'متوسط الانتظار (د)', 'Mean wait (min)'),
    col('waitMedian', 'minutes', 'وسيط الانتظار (د)', 'Median wait (min)'),
    col('waitP90', 'minutes', 'الانتظار ٩٠٪ (د)', '90th pct wait (min)'),
    col('serviceMean', 'minutes', 'متوسط مدة الخدمة (د)', 'Mean service time (min)'),
    col('serviceLevel', 'percent', 'مستوى الخدمة', 'Service level'),
  ];
  const rows: Row[] = [];
  const periods = [...new Set([...all.keys()])].sort();
  for (const p of periods) {
    rows.push({ period: p, service: null, ...pick(all.get(p)!.row()) });
    for (const [k, g] of byKey(per)) if (k.startsWith(p + SEP)) rows.push({ period: p, service: k.slice(p.length + 1), ...pick(g.row()) });
  }
  const shown = marks.filter((m) => inRange(m.day, q) && (!q.serviceId || m.serviceId === null || m.serviceId === q.serviceId) && (!q.counterId || m.counterId === null || m.counterId === q.counterId));
  return [
    { id: period === 'week' ? 'by-week' : 'by-month', title: period === 'week' ? L('أسبوعاً بأسبوع (من الأحد)', 'Week by week (from Sunday)') : L('شهراً بشهر', 'Month by month'), columns: [col('period', 'period', 'الفترة', 'Period'), col('service', 'service', 'الخدمة', 'Service'), ...cols], rows },
    {
      id: 'marks', title: L('التواريخ المعلَّمة', 'Marked dates'),
      columns: [col('day', 'day', 'اليوم', 'Day'), col('kind', 'text', 'النوع', 'Kind'), col('service', 'service', 'الخدمة', 'Service'), col('counter', 'counter', 'الشباك', 'Counter'), col('label', 'text', 'الوصف', 'Description')],
      rows: [...shown].sort((a, b) => a.day.localeCompare(b.day)).map((m) => ({ day: m.day, kind: m.kind, service: m.serviceId, counter: m.counterId, label: m.label })),
    },
  ];
}

/** Computes one report over the roll-ups (which may hold more days than asked: the query's range is applied here). */
export function computeReport(name: ReportName, facts: RollupSet, q: ReportQuery, extras: ReportExtras = {}): ReportResult {
  const tables = (() => {
    switch (name) {
      case 'summary': return summary(facts, q);
      case 'patterns': return patterns(facts, q);
      case 'staff': return staff(facts, q);
      case 'distribution': return distribution(facts, q);
      case 'satisfaction': return satisfaction(facts, q, extras);
      case 'accuracy': return accuracy(facts, q);
      case 'trends': return trends(facts, q, facts.marks);
    }
  })();
  return { report: name, title: REPORT_TITLES[name], query: q, tables };
}

/** The key figures of a period (the PDF's first page, the screen's cards). */
export function keyFigures(facts: RollupSet, q: ReportQuery) {
  const g = grouped(facts, q, () => '').get('') ?? new Group();
  const r = g.row();
  let rated = 0;
  let sum = 0;
  eachRow(facts, q, (b, i) => {
    rated += b.rated(i);
    sum += b.ratingSum(i);
  });
  return { ...r, ratingMean: rated ? round2(sum / rated) : null, ratings: rated };
}

export { percentileSorted, sortedCopy };

// How a report cell reads on the screen: the files' words (shared/reports/cells.ts) in the hall's
// digits, days and months as dates ("29 November 2026", "November 2026"), and a period the range
// or today cuts short marked "partial" — shared by the tables and the charts.
import i18next from 'i18next';
import type { ReportResponse } from '../../shared/protocol/reports.ts';
import { labelOf } from '../../shared/reports/cells.ts';
import { locale } from '../../shared/i18n/format.ts';
import { addDays } from '../../shared/domain/business-day.ts';
import type { Cell, Column } from '../../shared/reports/reports.ts';
import type { useFormat } from '../i18n/use-format.ts';

type Format = ReturnType<typeof useFormat>;

const monthEnd = (ym: string) => {
  const [y, m] = ym.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
};

/** A trend's period (a week from its Sunday `YYYY-MM-DD`, or a month `YYYY-MM`): its first and last day. */
export function periodDays(p: string): { first: string; last: string } {
  return p.length === 7 ? { first: `${p}-01`, last: monthEnd(p) } : { first: p, last: addDays(p, 6) };
}

/** A period only partly in the report: the range starts or ends inside it, or it is not over yet. */
export function isPartial(p: string, query: { from: string; to: string }, today: string): boolean {
  const { first, last } = periodDays(p);
  return first < query.from || last > query.to || last >= today;
}

export function cellText(c: Column, v: Cell, data: ReportResponse, f: Format, today: string, decimals?: number): string {
  const t = i18next.t.bind(i18next);
  const l = labelOf(c, v, data.labels, f.lang);
  if (l !== null) return f.text(l);
  if (v === null) return '—';
  if (c.type === 'day' && typeof v === 'string') return f.day(v);
  if (c.type === 'period' && typeof v === 'string') {
    const text = v.length === 7 ? monthText(v, f) : t('reports.weekOf', { day: f.day(v) });
    return isPartial(v, data.query, today) ? `${text} ${t('reports.partial')}` : text;
  }
  if (typeof v === 'number') {
    if (c.type === 'percent') return f.pct(v);
    return f.n(v, decimals ?? (c.type === 'int' ? 0 : c.type === 'number' || c.type === 'hours' ? 2 : 1));
  }
  return f.text(String(v));
}

/** A month `YYYY-MM` as "November 2026" in the screen's language and digits. */
function monthText(ym: string, f: Format): string {
  return new Intl.DateTimeFormat(locale(f), { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${ym}-01T00:00:00Z`));
}

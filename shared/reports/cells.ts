// How a report cell reads in a language: names for ids, weekday names, minutes and percentages.
// Shared by the screen and the files, so both say the same thing.
import type { I18nText, Lang } from '../protocol/entities.ts';
import type { Cell, Column } from './reports.ts';

export interface ReportLabels {
  services: Record<string, I18nText>;
  counters: Record<string, I18nText>;
  clerks: Record<string, string>;
}

export const WEEKDAYS: Record<Lang, readonly string[]> = {
  ar: ['الأحد', 'الاثنين', 'الثلاثاء', 'الأربعاء', 'الخميس', 'الجمعة', 'السبت'],
  en: ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'],
};
export const ALL: I18nText = { ar: 'كل الخدمات', en: 'All services' };
export const MARK_KINDS: Record<string, I18nText> = {
  service_added: { ar: 'خدمة جديدة', en: 'Service added' },
  target_changed: { ar: 'تغيير الهدف', en: 'Target changed' },
  counter_added: { ar: 'شباك جديد', en: 'Counter added' },
  counter_services_changed: { ar: 'تغيير خدمات الشباك', en: 'Counter services changed' },
  manual: { ar: 'ملاحظة المدير', en: "Manager's mark" },
};

/** A name for an id column (or the weekday, the hour, the kind); null when the column is not a label. */
export function labelOf(column: Column, v: Cell, labels: ReportLabels, lang: Lang): string | null {
  switch (column.type) {
    case 'service':
      return v === null ? (column.key === 'service' ? ALL[lang] : '') : (labels.services[v]?.[lang] ?? String(v));
    case 'counter':
      return v === null ? '' : (labels.counters[v]?.[lang] ?? String(v));
    case 'clerk':
      return v === null ? '' : (labels.clerks[v] ?? String(v));
    case 'weekday':
      return typeof v === 'number' ? WEEKDAYS[lang][v]! : '';
    case 'hour':
      return typeof v === 'number' ? `${String(v).padStart(2, '0')}:00` : '';
    case 'text':
      return column.key === 'kind' && typeof v === 'string' && MARK_KINDS[v] ? MARK_KINDS[v][lang] : v === null ? '' : String(v);
    default:
      return null;
  }
}

/** The plain text of a cell for CSV and PDF (numbers with Latin digits and a dot, as spreadsheets read them). */
export function cellText(column: Column, v: Cell, labels: ReportLabels, lang: Lang): string {
  const l = labelOf(column, v, labels, lang);
  if (l !== null) return l;
  if (v === null) return '';
  if (column.type === 'percent' && typeof v === 'number') return (Math.round(v * 1000) / 10).toFixed(1);
  if (column.type === 'minutes' || column.type === 'hours' || column.type === 'number') return typeof v === 'number' ? v.toFixed(column.type === 'number' ? 2 : column.type === 'hours' ? 2 : 1) : String(v);
  return String(v);
}

/** A column's header in a language; percentages say so. */
export function headerOf(column: Column, lang: Lang): string {
  return column.type === 'percent' ? `${column.label[lang]} (%)` : column.label[lang];
}

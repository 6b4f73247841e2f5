// Which figure of which table each report draws as a bar chart: one list for the screen and the PDF.
import type { I18nText } from '../protocol/entities.ts';
import type { ReportName, Row } from './reports.ts';

export interface ChartSpec {
  table: string;
  /** The label column and the value column. */
  x: string;
  y: string;
  title: I18nText;
  /** Rows drawn (default: all). */
  rows?: (r: Row) => boolean;
}

const overall = (r: Row) => r.service === null;
const perService = (r: Row) => r.service !== null;

export const CHARTS: Record<ReportName, ChartSpec[]> = {
  summary: [
    { table: 'by-service', x: 'service', y: 'waitMean', rows: perService, title: { ar: 'متوسط الانتظار حسب الخدمة (دقيقة)', en: 'Mean wait by service (min)' } },
    { table: 'by-service', x: 'service', y: 'serviceLevel', rows: perService, title: { ar: 'مستوى الخدمة حسب الخدمة', en: 'Service level by service' } },
  ],
  patterns: [
    { table: 'by-hour', x: 'hour', y: 'perDay', title: { ar: 'متوسط الوصول في اليوم حسب الساعة', en: 'Arrivals per open day by hour' } },
    { table: 'by-hour', x: 'hour', y: 'waitMean', title: { ar: 'متوسط الانتظار حسب ساعة الوصول (دقيقة)', en: 'Mean wait by hour of arrival (min)' } },
    { table: 'by-weekday', x: 'weekday', y: 'perDay', title: { ar: 'متوسط الوصول حسب يوم الأسبوع', en: 'Arrivals per day by weekday' } },
  ],
  staff: [
    { table: 'by-clerk', x: 'clerk', y: 'served', title: { ar: 'المخدومة حسب الموظف', en: 'Served by clerk' } },
    { table: 'by-counter', x: 'counter', y: 'serviceMean', title: { ar: 'متوسط مدة الخدمة حسب الشباك (دقيقة)', en: 'Mean service time by counter (min)' } },
  ],
  distribution: [
    { table: 'wait', x: 'fromMin', y: 'count', rows: overall, title: { ar: 'توزيع الانتظار (كل ٥ دقائق)', en: 'Wait distribution (5-minute bins)' } },
    { table: 'service-time', x: 'fromMin', y: 'count', rows: overall, title: { ar: 'توزيع مدة الخدمة (كل دقيقتين)', en: 'Service-time distribution (2-minute bins)' } },
  ],
  satisfaction: [{ table: 'by-service', x: 'service', y: 'mean', title: { ar: 'متوسط التقييم حسب الخدمة', en: 'Mean rating by service' } }],
  accuracy: [{ table: 'by-service', x: 'service', y: 'inside', title: { ar: 'نسبة الانتظار الفعلي ضمن المدى المتوقع', en: 'Share of real waits within the quoted range' } }],
  trends: [
    { table: 'by-week', x: 'period', y: 'waitMean', rows: overall, title: { ar: 'متوسط الانتظار أسبوعياً (دقيقة)', en: 'Mean wait by week (min)' } },
    { table: 'by-month', x: 'period', y: 'waitMean', rows: overall, title: { ar: 'متوسط الانتظار شهرياً (دقيقة)', en: 'Mean wait by month (min)' } },
    { table: 'by-week', x: 'period', y: 'serviceLevel', rows: overall, title: { ar: 'مستوى الخدمة أسبوعياً', en: 'Service level by week' } },
    { table: 'by-month', x: 'period', y: 'serviceLevel', rows: overall, title: { ar: 'مستوى الخدمة شهرياً', en: 'Service level by month' } },
  ],
};

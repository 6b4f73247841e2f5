// The reports API (GET /api/v1/reports/{report}): its query and its JSON answer.
import { z } from 'zod';
import { CalendarDay } from './calendar.ts';
import { Digits, I18nText } from './entities.ts';
import { humanText } from './text.ts';
import { REPORTS } from '../reports/reports.ts';

export const ReportName = z.enum(REPORTS);
export const ReportFormat = z.enum(['json', 'csv', 'xlsx', 'pdf']);
export type ReportFormat = z.infer<typeof ReportFormat>;

const isoDay = CalendarDay;
const filterId = z.string().min(1).max(64);

/** The longest range one report covers, in days (a year, leap or not). */
export const MAX_REPORT_DAYS = 366;

export const ReportQueryParams = z.object({
  from: isoDay,
  to: isoDay,
  service: filterId.optional(),
  counter: filterId.optional(),
  clerk: filterId.optional(),
  period: z.enum(['week', 'month']).optional(),
  format: ReportFormat.optional(),
  lang: z.enum(['ar', 'en']).optional(),
}).strict();
export type ReportQueryParams = z.infer<typeof ReportQueryParams>;

/** Days from `from` to `to`, both included (0 or less if from > to). */
export function rangeDays(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;
}

/** Why a range is refused, or null. */
export function rangeProblem(from: string, to: string): string | null {
  if (from > to) return `from (${from}) is after to (${to})`;
  if (rangeDays(from, to) > MAX_REPORT_DAYS) return `the range is ${rangeDays(from, to)} days; at most ${MAX_REPORT_DAYS}`;
  return null;
}

const Cell = z.union([z.string(), z.number(), z.null()]);
export const ReportColumn = z.object({
  key: z.string(),
  type: z.enum(['day', 'period', 'text', 'int', 'number', 'minutes', 'hours', 'percent', 'service', 'counter', 'clerk', 'weekday', 'hour']),
  label: I18nText,
});
export const ReportTableSchema = z.object({ id: z.string(), title: I18nText, columns: z.array(ReportColumn), rows: z.array(z.record(z.string(), Cell)) });
export const ReportResponse = z.object({
  report: ReportName,
  title: I18nText,
  query: z.object({ from: z.string(), to: z.string(), serviceId: z.string().optional(), counterId: z.string().optional(), clerkId: z.string().optional(), period: z.enum(['week', 'month']).optional() }),
  tables: z.array(ReportTableSchema),
  /** Names of the ids in the tables. */
  labels: z.object({ services: z.record(z.string(), I18nText), counters: z.record(z.string(), I18nText), clerks: z.record(z.string(), z.string()) }),
  key: z.object({
    issued: z.number(), served: z.number(), noShow: z.number(), cancelled: z.number(), transferred: z.number(), unfinished: z.number(),
    waitMean: z.number().nullable(), waitMedian: z.number().nullable(), waitP90: z.number().nullable(), serviceMean: z.number().nullable(),
    serviceLevel: z.number().nullable(), ratingMean: z.number().nullable(), ratings: z.number(),
  }),
  branch: z.object({ name: I18nText, timeZone: z.string(), digits: Digits.optional() }),
  generatedAt: z.string(),
});
export type ReportResponse = z.infer<typeof ReportResponse>;

export const ReportMarkBody = z.object({ day: isoDay, label: humanText({ max: 200 }), serviceId: filterId.optional(), counterId: filterId.optional() }).strict();

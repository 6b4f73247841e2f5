// GET /api/v1/reports/{report}: every report as JSON, CSV, XLSX or PDF (README "Reports").
// Supervisors, managers and admins see the hall; a clerk sees their own figures only.
import { z } from 'zod';
import { REPORTS } from '../../../shared/reports/reports.ts';
import { ReportMarkBody, ReportName, ReportQueryParams, ReportResponse } from '../../../shared/protocol/reports.ts';
import { type HubContext, audit } from '../context.ts';
import type { Api } from '../http/api.ts';
import { ApiError } from '../../node-common/http/errors.ts';
import { reportCsv } from '../reports/csv.ts';
import { PdfUnavailable, reportPdf } from '../reports/pdf.ts';
import { reportXlsx } from '../reports/xlsx.ts';

const CONTENT_TYPE = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
} as const;

export function reportRoutes(api: Api, ctx: HubContext): void {
  const reports = ctx.reports;
  if (!reports) return;
  api.route(
    {
      method: 'GET', url: '/api/v1/reports/:report',
      summary: `A report over a range of business days (at most 366): ${REPORTS.join(', ')}. format=json|csv|xlsx|pdf (files in lang=ar|en); filters service, counter, clerk; trends take period=week|month`,
      access: ['supervisor', 'manager', 'admin', 'clerk'],
      params: z.object({ report: ReportName }),
      query: ReportQueryParams,
      responses: { 200: ReportResponse },
      files: {
        'text/csv': 'format=csv: UTF-8 (charset=utf-8) with a byte-order mark, one table after another',
        [CONTENT_TYPE.xlsx]: 'format=xlsx: one sheet per table (right to left in Arabic), typed cells, frozen header row',
        [CONTENT_TYPE.pdf]: 'format=pdf: a printable A4 report with the key figures, tables and charts',
      },
      // A PDF needs Chromium on the hub's machine; without it: 503 unavailable (CSV and XLSX still work).
    },
    async ({ params, query, principal, reply }) => {
      const result = reports.run(params.report, query, principal);
      const format = query.format ?? 'json';
      if (format === 'json') return result;
      const lang = query.lang ?? 'ar';
      let body: Buffer;
      try {
        body = format === 'csv' ? reportCsv(result, lang) : format === 'xlsx' ? await reportXlsx(result, lang) : await reportPdf(result, lang);
      } catch (err) {
        if (err instanceof PdfUnavailable) throw new ApiError('unavailable', err.message);
        throw err;
      }
      const name = `dawr-${params.report}-${query.from}_${query.to}-${lang}.${format}`;
      return reply.header('content-type', CONTENT_TYPE[format]).header('content-disposition', `attachment; filename="${name}"`).header('cache-control', 'no-store').send(body);
    },
  );
  api.route(
    { method: 'POST', url: '/api/v1/reports/marks', summary: 'Mark a date on the trends (a procedure changed, a counter added…)', access: ['manager', 'admin'], body: ReportMarkBody, responses: { 204: null } },
    ({ body, principal }) => {
      ctx.reportMarks?.({ ...body, by: principal.id });
      audit(ctx, principal, 'report.mark', body.day, body.label);
      return undefined;
    },
  );
}

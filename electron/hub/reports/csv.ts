// A report as CSV: UTF-8 with a byte-order mark (Excel then reads Arabic correctly), CRLF, every
// table one after the other (its title on a line of its own, its header, its rows, a blank line).
import type { Lang } from '../../../shared/protocol/entities.ts';
import type { ReportResponse } from '../../../shared/protocol/reports.ts';
import { cellText, headerOf } from '../../../shared/reports/cells.ts';

const quote = (s: string) => (/[",\r\n]/.test(s) || /^[=+\-@]/.test(s) ? `"${(/^[=+\-@]/.test(s) && !/^-?\d/.test(s) ? "'" : '') + s.replace(/"/g, '""')}"` : s);

export function reportCsv(r: ReportResponse, lang: Lang): Buffer {
  const lines: string[] = [];
  lines.push([r.title[lang], `${r.query.from} → ${r.query.to}`, r.branch.name[lang]].map(quote).join(','));
  lines.push('');
  for (const t of r.tables) {
    lines.push(quote(t.title[lang]));
    lines.push(t.columns.map((c) => quote(headerOf(c, lang))).join(','));
    for (const row of t.rows) lines.push(t.columns.map((c) => quote(cellText(c, row[c.key] ?? null, r.labels, lang))).join(','));
    lines.push('');
  }
  return Buffer.from('\uFEFF' + lines.join('\r\n'), 'utf8');
}

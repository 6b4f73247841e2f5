// A report as CSV (shared/reports/csv.ts): every table one after the other (its title on a line of
// its own, its header, its rows, a blank line).
import type { Lang } from '../../../shared/protocol/entities.ts';
import type { ReportResponse } from '../../../shared/protocol/reports.ts';
import { cellText, headerOf } from '../../../shared/reports/cells.ts';
import { csvText } from '../../../shared/reports/csv.ts';

export function reportCsv(r: ReportResponse, lang: Lang): Buffer {
  const lines: string[][] = [[r.title[lang], `${r.query.from} → ${r.query.to}`, r.branch.name[lang]], []];
  for (const t of r.tables) {
    lines.push([t.title[lang]]);
    lines.push(t.columns.map((c) => headerOf(c, lang)));
    for (const row of t.rows) lines.push(t.columns.map((c) => cellText(c, row[c.key] ?? null, r.labels, lang)));
    lines.push([]);
  }
  return Buffer.from(csvText(lines), 'utf8');
}

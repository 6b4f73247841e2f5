// A report as an Excel workbook (exceljs): a first sheet with the key figures, then one sheet per
// table; right-to-left sheets in Arabic, a bold header row with the panes frozen below it,
// numbers as numbers (minutes, hours, percentages with their number format) and days as dates.

import type { Lang } from '../../../shared/protocol/entities.ts';
import type { ReportResponse } from '../../../shared/protocol/reports.ts';
import { headerOf, labelOf } from '../../../shared/reports/cells.ts';
import type { Column } from '../../../shared/reports/reports.ts';
import { KEY_FIGURES } from './key-figures.ts';

const FORMAT: Partial<Record<Column['type'], string>> = { int: '0', number: '0.00', minutes: '0.0', hours: '0.00', percent: '0.0%', day: 'yyyy-mm-dd' };

/** Excel sheet names: ≤ 31 characters, none of []:*?/\ , unique. */
function sheetName(title: string, used: Set<string>): string {
  const base = title.replace(/[[\]:*?/\\]/g, ' ').slice(0, 28).trim() || 'Sheet';
  let name = base;
  for (let i = 2; used.has(name); i++) name = `${base.slice(0, 26)} ${i}`;
  used.add(name);
  return name;
}

export async function reportXlsx(r: ReportResponse, lang: Lang): Promise<Buffer> {
  // exceljs is loaded with the first XLSX asked for: the hub does not carry it (37 MB) until then.
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Dawr';
  wb.created = new Date(r.generatedAt);
  const rtl = lang === 'ar';
  const used = new Set<string>();

  const head = wb.addWorksheet(sheetName(lang === 'ar' ? 'الأرقام الرئيسية' : 'Key figures', used), { views: [{ rightToLeft: rtl, state: 'frozen', ySplit: 1 }] });
  head.columns = [{ header: lang === 'ar' ? 'البند' : 'Item', width: 34 }, { header: lang === 'ar' ? 'القيمة' : 'Value', width: 24 }];
  head.getRow(1).font = { bold: true };
  head.addRow([lang === 'ar' ? 'القاعة' : 'Hall', r.branch.name[lang]]);
  head.addRow([lang === 'ar' ? 'التقرير' : 'Report', r.title[lang]]);
  const d = (s: string) => new Date(`${s}T00:00:00Z`);
  head.addRow([lang === 'ar' ? 'من' : 'From', d(r.query.from)]).getCell(2).numFmt = 'yyyy-mm-dd';
  head.addRow([lang === 'ar' ? 'إلى' : 'To', d(r.query.to)]).getCell(2).numFmt = 'yyyy-mm-dd';
  for (const k of KEY_FIGURES) {
    const v = r.key[k.key];
    const row = head.addRow([k.label[lang], v]);
    row.getCell(2).numFmt = FORMAT[k.type] ?? '0';
  }

  for (const t of r.tables) {
    const ws = wb.addWorksheet(sheetName(t.title[lang], used), { views: [{ rightToLeft: rtl, state: 'frozen', ySplit: 1 }] });
    ws.columns = t.columns.map((c) => ({ header: headerOf(c, lang).replace(' (%)', ''), key: c.key, width: c.type === 'text' ? 40 : c.type === 'service' || c.type === 'counter' || c.type === 'clerk' ? 30 : 14 }));
    ws.getRow(1).font = { bold: true };
    ws.getRow(1).alignment = { wrapText: true, vertical: 'middle' };
    for (const row of t.rows) {
      const values = t.columns.map((c) => {
        const v = row[c.key] ?? null;
        const label = labelOf(c, v, r.labels, lang);
        if (label !== null) return label;
        if (v === null) return null;
        if (c.type === 'day') return d(String(v));
        return v;
      });
      ws.addRow(values);
    }
    t.columns.forEach((c, i) => {
      const f = FORMAT[c.type];
      if (f) ws.getColumn(i + 1).numFmt = f;
    });
    if (t.rows.length) ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: t.columns.length } };
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

// A report as an Excel workbook: a first sheet with the key figures, then one sheet per table;
// right-to-left sheets in Arabic, a bold header row with the panes frozen below it and a filter on
// it, numbers as numbers (minutes, hours, percentages with their number format) and days as dates.
//
// Written here as SpreadsheetML in a ZIP (zlib's deflate and CRC-32): a workbook of typed cells
// needs a few hundred lines of XML, where exceljs took the hub's memory up by some 45 MB the first
// time it was loaded (docs/benchmarks.md, Reports) and a year's summary 1–2 s to write.
import { crc32, deflateRawSync } from 'node:zlib';
import type { Lang } from '../../../shared/protocol/entities.ts';
import type { ReportResponse } from '../../../shared/protocol/reports.ts';
import { headerOf, labelOf } from '../../../shared/reports/cells.ts';
import type { Column } from '../../../shared/reports/reports.ts';
import { KEY_FIGURES } from './key-figures.ts';

const FORMAT: Partial<Record<Column['type'], string>> = { int: '0', number: '0.00', minutes: '0.0', hours: '0.00', percent: '0.0%', day: 'yyyy-mm-dd' };
const NUM_FMTS = ['0', '0.00', '0.0', '0.0%', 'yyyy-mm-dd'] as const;
/** Cell styles (cellXfs): 0 plain, 1 the header (bold, wrapped, middle), then one per number format. */
const HEADER = 1;
const styleOf = (fmt: string | undefined) => (fmt ? 2 + NUM_FMTS.indexOf(fmt as (typeof NUM_FMTS)[number]) : 0);

/** Excel sheet names: ≤ 31 characters, none of []:*?/\ , unique. */
function sheetName(title: string, used: Set<string>): string {
  const base = title.replace(/[[\]:*?/\\]/g, ' ').slice(0, 28).trim() || 'Sheet';
  let name = base;
  for (let i = 2; used.has(name); i++) name = `${base.slice(0, 26)} ${i}`;
  used.add(name);
  return name;
}

const xml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
  // Characters XML 1.0 cannot hold at all.
  .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '');
const columnName = (i: number): string => (i < 26 ? String.fromCharCode(65 + i) : columnName(Math.floor(i / 26) - 1) + String.fromCharCode(65 + (i % 26)));
/** A day as Excel's serial day number (1900 date system). */
const serial = (day: string) => Date.parse(`${day}T00:00:00Z`) / 86_400_000 + 25569;

type Cell = { text: string; style?: number } | { num: number; style?: number } | null;
interface Sheet {
  name: string;
  widths: number[];
  rows: Cell[][];
  filter: boolean;
}

function sheetXml(s: Sheet, rtl: boolean): string {
  const rows = s.rows.map((row, r) => {
    const cells = row.map((c, i) => {
      if (c === null) return '';
      const ref = `${columnName(i)}${r + 1}`;
      const st = c.style ? ` s="${c.style}"` : '';
      return 'num' in c ? `<c r="${ref}"${st}><v>${c.num}</v></c>` : `<c r="${ref}"${st} t="inlineStr"><is><t xml:space="preserve">${xml(c.text)}</t></is></c>`;
    });
    return `<row r="${r + 1}">${cells.join('')}</row>`;
  });
  const last = columnName(Math.max(0, s.widths.length - 1));
  return '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    + '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    + `<sheetViews><sheetView${rtl ? ' rightToLeft="1"' : ''} workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews>`
    + '<sheetFormatPr defaultRowHeight="15"/>'
    + `<cols>${s.widths.map((w, i) => `<col min="${i + 1}" max="${i + 1}" width="${w}" customWidth="1"/>`).join('')}</cols>`
    + `<sheetData>${rows.join('')}</sheetData>`
    + (s.filter ? `<autoFilter ref="A1:${last}1"/>` : '')
    + '</worksheet>';
}

function stylesXml(): string {
  return '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    + '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    + `<numFmts count="${NUM_FMTS.length}">${NUM_FMTS.map((f, i) => `<numFmt numFmtId="${164 + i}" formatCode="${xml(f)}"/>`).join('')}</numFmts>`
    + '<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font><font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>'
    + '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>'
    + '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    + '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    + `<cellXfs count="${2 + NUM_FMTS.length}"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>`
    + '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1" applyAlignment="1"><alignment vertical="center" wrapText="1"/></xf>'
    + NUM_FMTS.map((_, i) => `<xf numFmtId="${164 + i}" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>`).join('')
    + '</cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>';
}

/** A ZIP archive of the files, each deflated (local headers with sizes and CRC, then the central directory). */
function zip(files: { name: string; data: Buffer }[], at: Date): Buffer {
  const dosTime = (at.getUTCHours() << 11) | (at.getUTCMinutes() << 5) | Math.floor(at.getUTCSeconds() / 2);
  const dosDate = ((at.getUTCFullYear() - 1980) << 9) | ((at.getUTCMonth() + 1) << 5) | at.getUTCDate();
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const f of files) {
    const name = Buffer.from(f.name, 'utf8');
    const packed = deflateRawSync(f.data);
    const crc = crc32(f.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // names in UTF-8
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt16LE(dosTime, 10);
    local.writeUInt16LE(dosDate, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(f.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    const dir = Buffer.alloc(46);
    dir.writeUInt32LE(0x02014b50, 0);
    dir.writeUInt16LE(20, 4);
    dir.writeUInt16LE(20, 6);
    dir.writeUInt16LE(0x0800, 8);
    dir.writeUInt16LE(8, 10);
    dir.writeUInt16LE(dosTime, 12);
    dir.writeUInt16LE(dosDate, 14);
    dir.writeUInt32LE(crc, 16);
    dir.writeUInt32LE(packed.length, 20);
    dir.writeUInt32LE(f.data.length, 24);
    dir.writeUInt16LE(name.length, 28);
    dir.writeUInt32LE(offset, 42);
    parts.push(local, name, packed);
    central.push(dir, name);
    offset += local.length + name.length + packed.length;
  }
  const size = central.reduce((a, b) => a + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(size, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, ...central, end]);
}

export async function reportXlsx(r: ReportResponse, lang: Lang): Promise<Buffer> {
  const rtl = lang === 'ar';
  const used = new Set<string>();
  const text = (s: string, style?: number): Cell => ({ text: s, ...(style ? { style } : {}) });
  const dayCell = (d: string): Cell => ({ num: serial(d), style: styleOf('yyyy-mm-dd') });
  const sheets: Sheet[] = [];

  const head: Sheet = { name: sheetName(lang === 'ar' ? 'الأرقام الرئيسية' : 'Key figures', used), widths: [34, 24], rows: [], filter: false };
  head.rows.push([text(lang === 'ar' ? 'البند' : 'Item', HEADER), text(lang === 'ar' ? 'القيمة' : 'Value', HEADER)]);
  head.rows.push([text(lang === 'ar' ? 'القاعة' : 'Hall'), text(r.branch.name[lang])]);
  head.rows.push([text(lang === 'ar' ? 'التقرير' : 'Report'), text(r.title[lang])]);
  head.rows.push([text(lang === 'ar' ? 'من' : 'From'), dayCell(r.query.from)]);
  head.rows.push([text(lang === 'ar' ? 'إلى' : 'To'), dayCell(r.query.to)]);
  for (const k of KEY_FIGURES) {
    const v = r.key[k.key];
    head.rows.push([text(k.label[lang]), v === null ? null : { num: v, style: styleOf(FORMAT[k.type] ?? '0') }]);
  }
  sheets.push(head);

  for (const t of r.tables) {
    const widths = t.columns.map((c) => (c.type === 'text' ? 40 : c.type === 'service' || c.type === 'counter' || c.type === 'clerk' ? 30 : 14));
    const rows: Cell[][] = [t.columns.map((c) => text(headerOf(c, lang).replace(' (%)', ''), HEADER))];
    for (const row of t.rows) {
      rows.push(t.columns.map((c) => {
        const v = row[c.key] ?? null;
        const label = labelOf(c, v, r.labels, lang);
        if (label !== null) return label === '' ? null : text(label);
        if (v === null) return null;
        if (c.type === 'day') return dayCell(String(v));
        if (typeof v === 'number') return { num: v, style: styleOf(FORMAT[c.type]) };
        return text(String(v));
      }));
    }
    sheets.push({ name: sheetName(t.title[lang], used), widths, rows, filter: t.rows.length > 0 });
  }

  const created = new Date(r.generatedAt);
  const ns = 'http://schemas.openxmlformats.org';
  const decl = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
  const files = [
    {
      name: '[Content_Types].xml',
      data: decl + `<Types xmlns="${ns}/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>`
        + '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        + sheets.map((_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`).join('')
        + '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
        + '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>',
    },
    {
      name: '_rels/.rels',
      data: decl + `<Relationships xmlns="${ns}/package/2006/relationships"><Relationship Id="rId1" Type="${ns}/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>`
        + `<Relationship Id="rId2" Type="${ns}/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>`,
    },
    {
      name: 'docProps/core.xml',
      data: decl + `<cp:coreProperties xmlns:cp="${ns}/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">`
        + `<dc:creator>Dawr</dc:creator><dc:title>${xml(r.title[lang])}</dc:title><dcterms:created xsi:type="dcterms:W3CDTF">${created.toISOString().replace(/\.\d+Z$/, 'Z')}</dcterms:created></cp:coreProperties>`,
    },
    {
      name: 'xl/workbook.xml',
      data: decl + `<workbook xmlns="${ns}/spreadsheetml/2006/main" xmlns:r="${ns}/officeDocument/2006/relationships"><bookViews><workbookView/></bookViews><sheets>`
        + sheets.map((s, i) => `<sheet name="${xml(s.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('') + '</sheets>'
        + (sheets.some((s) => s.filter)
          ? `<definedNames>${sheets.map((s, i) => (s.filter ? `<definedName name="_xlnm._FilterDatabase" localSheetId="${i}" hidden="1">'${xml(s.name.replace(/'/g, "''"))}'!$A$1:$${columnName(s.widths.length - 1)}$1</definedName>` : '')).join('')}</definedNames>`
          : '')
        + '</workbook>',
    },
    {
      name: 'xl/_rels/workbook.xml.rels',
      data: decl + `<Relationships xmlns="${ns}/package/2006/relationships">`
        + sheets.map((_, i) => `<Relationship Id="rId${i + 1}" Type="${ns}/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join('')
        + `<Relationship Id="rId${sheets.length + 1}" Type="${ns}/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>`,
    },
    { name: 'xl/styles.xml', data: stylesXml() },
    ...sheets.map((s, i) => ({ name: `xl/worksheets/sheet${i + 1}.xml`, data: sheetXml(s, rtl) })),
  ];
  return zip(files.map((f) => ({ name: f.name, data: Buffer.from(f.data, 'utf8') })), created);
}

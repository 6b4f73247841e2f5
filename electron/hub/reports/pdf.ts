// A report as a printable A4 PDF: HTML (dir=rtl in Arabic, Noto Sans Arabic from resources/fonts)
// printed by headless Chromium. Chosen after trying both on Arabic: Chromium shapes Arabic and
// orders mixed right-to-left text correctly, and the text stays extractable; a pure-JS PDF writer
// (pdfkit) joined the letters but laid the words out left-to-right and lacked glyphs for — and %.
// Chromium is not a dependency of the hub: where none is found, PDFs are refused with 503.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Lang } from '../../../shared/protocol/entities.ts';
import { type Digits, formatDay, locale, textDigits } from '../../../shared/i18n/format.ts';
import type { Cell, Column } from '../../../shared/reports/reports.ts';
import type { ReportResponse } from '../../../shared/protocol/reports.ts';
import { cellText as fileCellText, headerOf, type ReportLabels } from '../../../shared/reports/cells.ts';
import { CHARTS } from '../../../shared/reports/charts.ts';
import { KEY_FIGURES } from './key-figures.ts';

const FONTS = fileURLToPath(new URL('../../../resources/fonts/', import.meta.url));
const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];

/** The Chromium used for PDFs: $DAWR_CHROMIUM, else the first found; null when there is none. */
export function findChromium(): string | null {
  const env = process.env.DAWR_CHROMIUM;
  if (env) return existsSync(env) ? env : null;
  return CANDIDATES.find((p) => existsSync(p)) ?? null;
}

export class PdfUnavailable extends Error {}

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

function keyValue(type: string, v: number | null, lang: Lang, digits: Digits): string {
  if (v === null) return '—';
  const nf = new Intl.NumberFormat(locale({ lang, digits }), type === 'percent' ? { style: 'percent', maximumFractionDigits: 1 } : { maximumFractionDigits: type === 'int' ? 0 : 1 });
  return nf.format(v);
}

export function reportHtml(r: ReportResponse, lang: Lang): string {
  const ar = lang === 'ar';
  const t = (a: string, e: string) => (ar ? a : e);
  // Every figure and date of an Arabic page in the hall's digits (the CSV keeps Latin ones for spreadsheets).
  const digits: Digits = r.branch.digits ?? 'arab';
  const d = (s: string) => textDigits(ar && digits === 'arab' ? s.replace(/(\d)\.(\d)/g, '$1٫$2') : s, { lang, digits });
  const cellText = (c: Column, v: Cell, labels: ReportLabels, l: Lang) => d(fileCellText(c, v, labels, l));
  const charts = CHARTS[r.report]
    .map((c) => {
      const table = r.tables.find((x) => x.id === c.table);
      if (!table) return '';
      const xCol = table.columns.find((k) => k.key === c.x)!;
      const yCol = table.columns.find((k) => k.key === c.y)!;
      const rows = table.rows.filter((row) => (c.rows ? c.rows(row) : true) && typeof row[c.y] === 'number').slice(0, 40);
      if (rows.length === 0) return '';
      const max = Math.max(...rows.map((row) => row[c.y] as number), 0) || 1;
      const bars = rows.map((row) => {
        const v = row[c.y] as number;
        const label = cellText(xCol, row[c.x] ?? null, r.labels, lang);
        return `<div class="bar-row"><span class="bar-label">${esc(label)}</span><span class="bar"><i style="inline-size:${((v / max) * 100).toFixed(1)}%"></i></span><span class="bar-value">${esc(cellText(yCol, v, r.labels, lang))}</span></div>`;
      });
      return `<figure class="chart"><figcaption>${esc(c.title[lang])}</figcaption>${bars.join('')}</figure>`;
    })
    .join('');
  const tables = r.tables
    .map((tb) => {
      if (tb.rows.length === 0) return `<section><h2>${esc(tb.title[lang])}</h2><p class="muted">${t('لا بيانات في هذه الفترة', 'No data in this period')}</p></section>`;
      const head = tb.columns.map((c) => `<th>${esc(headerOf(c, lang))}</th>`).join('');
      const body = tb.rows.map((row) => `<tr>${tb.columns.map((c) => `<td class="${c.type}">${esc(cellText(c, row[c.key] ?? null, r.labels, lang))}</td>`).join('')}</tr>`).join('');
      return `<section><h2>${esc(tb.title[lang])}</h2><table><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table></section>`;
    })
    .join('');
  const keys = KEY_FIGURES.map((k) => `<div class="kpi"><span>${esc(k.label[lang])}</span><b>${esc(keyValue(k.type, r.key[k.key], lang, digits))}</b></div>`).join('');
  const filters = [r.query.serviceId && `${t('الخدمة', 'Service')}: ${r.labels.services[r.query.serviceId]?.[lang] ?? r.query.serviceId}`, r.query.counterId && `${t('الشباك', 'Counter')}: ${r.labels.counters[r.query.counterId]?.[lang] ?? r.query.counterId}`, r.query.clerkId && `${t('الموظف', 'Clerk')}: ${r.labels.clerks[r.query.clerkId] ?? r.query.clerkId}`].filter(Boolean).join(' · ');
  return `<!doctype html>
<html lang="${lang}" dir="${ar ? 'rtl' : 'ltr'}"><head><meta charset="utf-8"><title>${esc(r.title[lang])}</title><style>
@font-face { font-family: 'Noto Sans Arabic'; font-weight: 400; src: url('file://${FONTS}NotoSansArabic-Regular.ttf'); }
@font-face { font-family: 'Noto Sans Arabic'; font-weight: 700; src: url('file://${FONTS}NotoSansArabic-Bold.ttf'); }
@font-face { font-family: 'Noto Sans'; font-weight: 400; src: url('file://${FONTS}NotoSans-Regular.ttf'); }
@font-face { font-family: 'Noto Sans'; font-weight: 700; src: url('file://${FONTS}NotoSans-Bold.ttf'); }
@page { size: A4; margin: 14mm 12mm; }
body { font-family: ${ar ? "'Noto Sans Arabic', 'Noto Sans'" : "'Noto Sans', 'Noto Sans Arabic'"}; font-size: 9.5pt; color: #1b2a2f; margin: 0; }
header { border-block-end: 3px solid #0b5d4b; padding-block-end: 6px; margin-block-end: 10px; }
header .hall { font-size: 11pt; color: #0b5d4b; font-weight: 700; }
h1 { font-size: 17pt; margin: 2px 0; }
h2 { font-size: 11.5pt; margin: 14px 0 4px; color: #0b5d4b; break-after: avoid; }
/* A table's heading never ends a page alone: it goes with the header row and the first rows. */
section > h2 + table thead, section > h2 + table tbody tr:nth-child(-n + 3) { break-before: avoid; }
thead { display: table-header-group; }
.muted { color: #5c6b70; }
.kpis { display: grid; grid-template-columns: repeat(4, 1fr); gap: 6px; }
.kpi { border: 1px solid #cfd8da; border-radius: 4px; padding: 5px 7px; }
.kpi span { display: block; font-size: 8pt; color: #5c6b70; }
.kpi b { font-size: 13pt; }
.charts { display: grid; grid-template-columns: 1fr 1fr; gap: 8px 16px; margin-block-start: 10px; }
.chart { margin: 0; break-inside: avoid; }
.chart figcaption { font-weight: 700; margin-block-end: 3px; }
.bar-row { display: grid; grid-template-columns: 44% 1fr 14%; align-items: center; gap: 4px; font-size: 8pt; line-height: 1.25; margin-block-end: 2px; }
/* A long service name wraps onto a second line rather than being cut. */
.bar-label { overflow-wrap: anywhere; }
.bar { background: #eef2f3; block-size: 9px; }
.bar i { display: block; block-size: 100%; background: #0b5d4b; }
.bar-value { text-align: end; font-variant-numeric: tabular-nums; }
table { border-collapse: collapse; inline-size: 100%; font-size: 8pt; }
th, td { border: 1px solid #cfd8da; padding: 2px 4px; text-align: start; }
thead th { background: #e3ecea; }
td.int, td.number, td.minutes, td.hours, td.percent { text-align: end; font-variant-numeric: tabular-nums; }
td.day, td.period, td.hour { white-space: nowrap; }
tr { break-inside: avoid; }
footer { margin-block-start: 12px; font-size: 7.5pt; color: #5c6b70; }
</style></head><body>
<header><div class="hall">${esc(r.branch.name[lang])}</div><h1>${esc(r.title[lang])}</h1>
<div class="muted">${t('الفترة', 'Period')}: <bdi>${esc(formatDay(r.query.from, { lang, digits }))}</bdi> – <bdi>${esc(formatDay(r.query.to, { lang, digits }))}</bdi>${filters ? ' · ' + esc(filters) : ''}</div></header>
<section class="kpis">${keys}</section>
<section class="charts">${charts}</section>
${tables}
<footer>${t('أُعدّ بواسطة دور من سجل الأحداث في', 'Made by Dawr from the event log on')} <bdi>${esc(d(r.generatedAt.slice(0, 16).replace('T', ' ')))} UTC</bdi> · ${t('التعاريف: الانتظار من الإصدار حتى أول نداء؛ مدة الخدمة من البدء حتى الإنهاء؛ مستوى الخدمة نسبة من نودي عليهم ضمن الهدف.', 'Definitions: wait = issue to first call; service time = start to completion; service level = share called within the target.')}</footer>
</body></html>`;
}

let chain: Promise<unknown> = Promise.resolve();

/** Prints the HTML to a PDF with headless Chromium, one at a time (the hall's machine is small). */
export function reportPdf(r: ReportResponse, lang: Lang): Promise<Buffer> {
  const chromium = findChromium();
  if (!chromium) return Promise.reject(new PdfUnavailable('no Chromium on this machine to print PDFs (install chromium, or set DAWR_CHROMIUM); CSV and XLSX work'));
  const job = chain.then(() => print(chromium, reportHtml(r, lang)));
  chain = job.catch(() => undefined);
  return job;
}

async function print(chromium: string, html: string): Promise<Buffer> {
  const dir = await mkdtemp(join(tmpdir(), 'dawr-pdf-'));
  try {
    const input = join(dir, 'report.html');
    const output = join(dir, 'report.pdf');
    await writeFile(input, html);
    const args = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run', '--no-pdf-header-footer', `--user-data-dir=${join(dir, 'profile')}`, `--print-to-pdf=${output}`, `file://${input}`];
    await new Promise<void>((resolve, reject) => {
      const child = spawn(chromium, args, { stdio: ['ignore', 'ignore', 'pipe'] });
      let err = '';
      child.stderr.on('data', (d: Buffer) => {
        err = (err + d.toString()).slice(-2000);
      });
      const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
      child.on('error', (e) => {
        clearTimeout(timer);
        reject(e);
      });
      child.on('exit', (code) => {
        clearTimeout(timer);
        if (existsSync(output)) resolve();
        else reject(new Error(`chromium exited ${code} without a PDF: ${err.trim().split('\n').pop() ?? ''}`));
      });
    });
    return await readFile(output);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

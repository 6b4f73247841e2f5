// GET /api/v1/reports/{report} over a real hub whose demo hall has generated past weeks: JSON
// figures agree with the served tickets; each file format is opened and read back (CSV parsed,
// XLSX read with exceljs, PDF text extracted and a page rasterised); bad ranges and unknown
// filters are a clear 400; a clerk sees only their own figures; past days survive a restart.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, businessDay } from '../../../shared/domain/business-day.ts';
import { type RunningHub, startHub } from '../../../electron/hub/hub.ts';
import { createLogger } from '../../../electron/node-common/log.ts';
import { findChromium } from '../../../electron/hub/reports/pdf.ts';
import { ApiClient } from '../../support/hub.ts';


let dir: string;
let hub: RunningHub;
let api: ApiClient;
let manager: string;
const today = businessDay(Date.now(), 'Asia/Riyadh');
const from = addDays(today, -28);
const to = addDays(today, -1);
const range = `from=${from}&to=${to}`;

async function start() {
  hub = await startHub({ dataDir: dir, port: 0, demo: true, demoHistoryDays: 30, log: createLogger({ level: 'silent' }) });
  api = new ApiClient(hub.url);
  manager = await api.login('manager', 'dawr-manager');
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'dawr-reports-api-'));
  await start();
}, 120_000);

afterAll(async () => {
  await hub?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function file(path: string, token = manager) {
  const res = await fetch(`${hub.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
  return { status: res.status, type: res.headers.get('content-type'), disposition: res.headers.get('content-disposition'), body: Buffer.from(await res.arrayBuffer()) };
}

/** RFC 4180 CSV, enough for reading our own files back. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (cell += '"'), i++;
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') row.push(cell), (cell = '');
    else if (c === '\r' && text[i + 1] === '\n') row.push(cell), rows.push(row), (row = []), (cell = ''), i++;
    else cell += c;
  }
  row.push(cell);
  rows.push(row);
  return rows;
}

describe('reports API', () => {
  it('summary of the last four weeks agrees with the tickets served (the tickets projection)', async () => {
    const r = await api.get(`/api/v1/reports/summary?${range}`, manager);
    expect(r.status).toBe(200);
    expect(r.body.key.issued).toBeGreaterThan(1000);
    const db = new Database(join(dir, 'dawr.sqlite'), { readonly: true });
    const served = (db.prepare("SELECT COUNT(*) AS n FROM tickets WHERE status = 'done' AND day BETWEEN ? AND ?").get(from, to) as { n: number }).n;
    const issued = (db.prepare('SELECT COUNT(*) AS n FROM tickets WHERE day BETWEEN ? AND ?').get(from, to) as { n: number }).n;
    db.close();
    expect(r.body.key.served).toBe(served);
    expect(r.body.key.issued).toBe(issued);
    const total = r.body.tables[0].rows.at(-1);
    expect(total.service).toBeNull();
    expect(total.served).toBe(served);
    expect(r.body.labels.services['building-permits'].ar).toBe('رخص البناء');
    // Clerk names resolve to the demo accounts (the history is attributed to them).
    const staff = await api.get(`/api/v1/reports/staff?${range}`, manager);
    expect(staff.body.tables[0].rows.map((x: { clerk: string }) => staff.body.labels.clerks[x.clerk])).toContain('موظف 1');
  });

  it('every report answers in JSON, and is in the OpenAPI description', async () => {
    for (const name of ['summary', 'patterns', 'staff', 'distribution', 'satisfaction', 'accuracy', 'trends']) {
      const r = await api.get(`/api/v1/reports/${name}?${range}&service=certificates`, manager);
      expect(r.status, name).toBe(200);
      expect(r.body.tables.length, name).toBeGreaterThan(0);
    }
    const monthly = await api.get(`/api/v1/reports/trends?${range}&period=month`, manager);
    expect(monthly.body.tables[0].id).toBe('by-month');
    const spec = await api.get('/api/v1/openapi.json');
    const op = spec.body.paths['/api/v1/reports/{report}'].get;
    expect(op.parameters.map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining(['report', 'from', 'to', 'service', 'counter', 'clerk', 'format']));
    expect(Object.keys(op.responses['200'].content)).toEqual(['application/json', 'text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'application/pdf']);
    // The report's name keeps its enum in the description (an outside validator checks the path).
    expect(op.parameters.find((p: { name: string }) => p.name === 'report').schema.enum).toEqual(['summary', 'patterns', 'staff', 'distribution', 'satisfaction', 'accuracy', 'trends']);
    expect(op.responses['503'].content['application/json']).toBeDefined();
  });

  it('without Chromium on the machine a PDF is a 503 in the error shape, and CSV still answers', async () => {
    const before = process.env.DAWR_CHROMIUM;
    process.env.DAWR_CHROMIUM = join(dir, 'no-chromium-here');
    try {
      const f = await file(`/api/v1/reports/summary?${range}&format=pdf`);
      expect(f.status).toBe(503);
      const body = JSON.parse(f.body.toString('utf8'));
      expect(body.error.code).toBe('unavailable');
      expect(body.error.message).toMatch(/Chromium/);
      expect((await file(`/api/v1/reports/summary?${range}&format=csv`)).status).toBe(200);
    } finally {
      if (before === undefined) delete process.env.DAWR_CHROMIUM;
      else process.env.DAWR_CHROMIUM = before;
    }
  });

  it('CSV: UTF-8 with a BOM, Arabic headers, figures equal to the JSON', async () => {
    const f = await file(`/api/v1/reports/summary?${range}&format=csv`);
    expect(f.status).toBe(200);
    expect(f.type).toContain('text/csv');
    expect(f.disposition).toBe(`attachment; filename="dawr-summary-${from}_${to}-ar.csv"`);
    expect([...f.body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parseCsv(f.body.toString('utf8').slice(1));
    expect(rows[0]![0]).toBe('الملخص اليومي حسب الخدمة');
    const header = rows.findIndex((r) => r[0] === 'الخدمة');
    expect(rows[header]![1]).toBe('الصادرة');
    const json = await api.get(`/api/v1/reports/summary?${range}`, manager);
    const all = rows.find((r) => r[0] === 'كل الخدمات')!;
    expect(Number(all[1])).toBe(json.body.key.issued);
    expect(Number(all[2])).toBe(json.body.key.served);
  });

  it('XLSX: right-to-left sheets in Arabic, a frozen header row, numbers as numbers and days as dates', async () => {
    const f = await file(`/api/v1/reports/summary?${range}&format=xlsx`);
    expect(f.status).toBe(200);
    expect(f.type).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(f.body as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['الأرقام الرئيسية', 'المجموع حسب الخدمة', 'حسب اليوم والخدمة']);
    const byDay = wb.getWorksheet('حسب اليوم والخدمة')!;
    expect(byDay.views[0]).toMatchObject({ rightToLeft: true, state: 'frozen', ySplit: 1 });
    expect(byDay.getRow(1).getCell(1).value).toBe('اليوم');
    expect(byDay.getRow(2).getCell(1).value).toBeInstanceOf(Date);
    expect(typeof byDay.getRow(2).getCell(3).value).toBe('number');
    const json = await api.get(`/api/v1/reports/summary?${range}`, manager);
    const totals = wb.getWorksheet('المجموع حسب الخدمة')!;
    const last = totals.getRow(totals.rowCount);
    expect(last.getCell(1).value).toBe('كل الخدمات');
    expect(last.getCell(2).value).toBe(json.body.key.issued);
    expect(last.getCell(12).numFmt).toBe('0.0%');
    const en = await file(`/api/v1/reports/summary?${range}&format=xlsx&lang=en`);
    const wbEn = new ExcelJS.Workbook();
    await wbEn.xlsx.load(en.body as unknown as ArrayBuffer);
    expect(wbEn.worksheets[1]!.views[0]).toMatchObject({ rightToLeft: false });
  });

  it('PDF: A4, Arabic text extractable in reading order, a page rasterised', async (ctx) => {
    const f = await file(`/api/v1/reports/summary?${range}&format=pdf`);
    if (!findChromium()) {
      expect(f.status).toBe(503);
      console.log('reports PDF test: skipped — no Chromium on this machine (PDFs answer 503 with a clear error)');
      ctx.skip();
    }
    const tools = spawnSync('pdftotext', ['-v']);
    expect(f.status).toBe(200);
    expect(f.type).toBe('application/pdf');
    expect(f.body.subarray(0, 5).toString()).toBe('%PDF-');
    if (tools.error) {
      console.log('reports PDF test: text and raster checks skipped — no pdftotext/pdftoppm (apt-get install poppler-utils)');
      return;
    }
    const pdf = join(dir, 'summary.pdf');
    writeFileSync(pdf, f.body);
    const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
    expect(text).toContain('الملخص اليومي حسب الخدمة');
    expect(text).toContain('قاعة خدمة المواطن');
    expect(text).toContain('رخص البناء');
    const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
    expect(info).toMatch(/Page size:\s+59\d\.\d+ x 841\.\d+ pts \(A4\)/);
    execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', pdf, join(dir, 'page')]);
    const png = ['page-1.png', 'page-01.png', 'page-001.png'].map((n) => join(dir, n)).find((p) => existsSync(p))!;
    expect(readFileSync(png).length).toBeGreaterThan(20_000);
  }, 90_000);

  it("a manager's marked date shows on the trends, with the configuration changes", async () => {
    const day = addDays(today, -10);
    expect((await api.post('/api/v1/reports/marks', manager, { day, label: 'نموذج طلب جديد لرخص البناء', serviceId: 'building-permits' })).status).toBe(204);
    const clerk = await api.login('clerk2', 'dawr-clerk');
    expect((await api.post('/api/v1/reports/marks', clerk, { day, label: 'x' })).status).toBe(403);
    const r = await api.get(`/api/v1/reports/trends?${range}`, manager);
    const marks = r.body.tables.find((t: { id: string }) => t.id === 'marks').rows;
    expect(marks).toContainEqual({ day, kind: 'manual', service: 'building-permits', counter: null, label: 'نموذج طلب جديد لرخص البناء' });
  });

  it('bad ranges, unknown reports and unknown filters are a clear 400', async () => {
    const cases: [string, RegExp][] = [
      [`/api/v1/reports/summary?from=${to}&to=${from}`, /after/],
      ['/api/v1/reports/summary?from=2025-01-01&to=2026-06-01', /at most 366/],
      ['/api/v1/reports/summary?from=2026-02-30&to=2026-03-01', /calendar date/],
      ['/api/v1/reports/summary?from=yesterday&to=2026-03-01', /YYYY-MM-DD/],
      [`/api/v1/reports/summary?${range}&service=nope`, /no service nope/],
      [`/api/v1/reports/summary?${range}&counter=nope`, /no counter nope/],
      [`/api/v1/reports/summary?${range}&clerk=nope`, /no staff member nope/],
      [`/api/v1/reports/summary?${range}&colour=red`, /colour/],
      [`/api/v1/reports/summary?${range}&format=docx`, /format/],
      [`/api/v1/reports/everything?${range}`, /report/],
      ['/api/v1/reports/summary', /from/],
    ];
    for (const [path, message] of cases) {
      const r = await api.get(path, manager);
      expect(r.status, path).toBe(400);
      expect(r.body.error.code).toBe('invalid_input');
      expect(r.body.error.message, path).toMatch(message);
    }
  });

  it('a clerk sees only their own figures; a kiosk none', async () => {
    const clerk = await api.login('clerk1', 'dawr-clerk');
    const me = (await api.get('/api/v1/me', clerk)).body.id as string;
    const own = await api.get(`/api/v1/reports/staff?${range}`, clerk);
    expect(own.status).toBe(200);
    expect(own.body.tables[0].rows).toHaveLength(1);
    expect(own.body.tables[0].rows[0].clerk).toBe(me);
    const other = (await api.get(`/api/v1/reports/staff?${range}`, manager)).body.tables[0].rows.find((x: { clerk: string }) => x.clerk !== own.body.tables[0].rows[0].clerk).clerk;
    expect((await api.get(`/api/v1/reports/staff?${range}&clerk=${other}`, clerk)).status).toBe(403);
    expect((await api.get(`/api/v1/reports/summary?${range}`)).status).toBe(401);
  });

  it('past days survive a restart (the projection is kept, or rebuilt from the log)', async () => {
    const before = await api.get(`/api/v1/reports/summary?${range}`, manager);
    await hub.close();
    await start();
    const after = await api.get(`/api/v1/reports/summary?${range}`, manager);
    expect(after.body.tables).toEqual(before.body.tables);
    // Thrown away, the projection is rebuilt from the log at start with the same figures.
    await hub.close();
    const db2 = new Database(join(dir, 'dawr.sqlite'));
    db2.exec('DELETE FROM report_days');
    db2.close();
    await start();
    const rebuilt = await api.get(`/api/v1/reports/summary?${range}`, manager);
    expect(rebuilt.body.tables).toEqual(before.body.tables);
    expect(rebuilt.body.key).toEqual(before.body.key);
  }, 120_000);
});

// A manager opens Reports from the dashboard (Arabic, right-to-left), picks last month, sees the
// figures and charts, and downloads CSV, XLSX and PDF; the same page in English. The hub is the
// demo hall with generated past weeks (`--demo-history`). Screenshots: test-results/screens/.
import { test, expect } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { api, contextFor, expectAccessible, shot, type Lang, demoHubWithHistory } from './support.ts';

const hub = demoHubWithHistory('reports');

for (const lang of ['ar', 'en'] as Lang[]) {
  test(`a manager opens Reports, picks last month, sees figures and charts, downloads the files (${lang})`, async ({ browser }) => {
    const ctx = await contextFor(browser, { lang, width: 1366, height: 900, staff: hub.manager });
    const page = await ctx.newPage();
    await page.goto(`${hub.url}/dashboard`);
    await page.getByTestId('open-reports').click();
    await expect(page.getByTestId('reports')).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('dir', lang === 'ar' ? 'rtl' : 'ltr');
    await page.getByTestId('preset-lastMonth').click();

    // The figures on screen are those of the API for last month.
    // The fields show day/month/year in the screen's digits; their value is the ISO day.
    const from = (await page.getByTestId('report-from').getAttribute('data-value'))!;
    const to = (await page.getByTestId('report-to').getAttribute('data-value'))!;
    expect(from).toMatch(/^\d{4}-\d{2}-01$/);
    const json = await api<{ key: { issued: number; served: number } }>(hub.url, `/api/v1/reports/summary?from=${from}&to=${to}`, { token: hub.manager.token });
    expect(json.body.key.served).toBeGreaterThan(100);
    const digits = (s: string) => Number(s.replace(/[٠-٩]/g, (d) => String(d.charCodeAt(0) - 0x0660)).replace(/[^0-9]/g, ''));
    await expect.poll(async () => digits(await page.getByTestId('report-kpi-served').innerText())).toBe(json.body.key.served);
    await expect(page.getByTestId('report-chart-by-service-waitMean').locator('.recharts-bar-rectangle').first()).toBeVisible();
    await expect(page.getByTestId('report-table-by-service')).toContainText(lang === 'ar' ? 'رخص البناء' : 'Building permits');
    // What a meeting reads: each key figure against the previous period, the by-day table's first
    // ten rows with "show all", the definitions one click away.
    await expect(page.getByTestId('report-compare')).toBeVisible();
    await expect(page.getByTestId('report-kpi-change-waitMean')).toHaveText(/[▲▼=]/);
    const byDay = page.getByTestId('report-table-by-day').locator('tbody tr');
    await expect(byDay).toHaveCount(10);
    await page.getByTestId('report-table-toggle-by-day').click();
    await expect.poll(() => byDay.count()).toBeGreaterThan(10);
    await page.getByTestId('report-table-toggle-by-day').click();
    await expect(byDay).toHaveCount(10);
    await page.getByTestId('report-guide').locator('summary').click();
    await expect(page.getByTestId('report-guide')).toContainText(lang === 'ar' ? 'المئين التسعون' : '90th percentile');
    await shot(page, `reports-${lang}-1366x900`);
    await page.getByTestId('report-table-by-service').scrollIntoViewIfNeeded();
    await shot(page, `reports-table-${lang}-1366x900`);
    await expectAccessible(page, 'reports');

    for (const format of ['csv', 'xlsx', 'pdf'] as const) {
      const [download] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), page.getByTestId(`download-${format}`).click()]);
      expect(download.suggestedFilename()).toBe(`dawr-summary-${from}_${to}-${lang}.${format}`);
      const bytes = readFileSync((await download.path())!);
      if (format === 'csv') expect(bytes.toString('utf8')).toContain(lang === 'ar' ? '\uFEFFالملخص اليومي' : '\uFEFFDaily summary');
      if (format === 'xlsx') expect(bytes.subarray(0, 2).toString()).toBe('PK');
      if (format === 'pdf') expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    }

    await page.getByTestId('report-tab-trends').click();
    await expect(page.getByTestId('report-table-by-week')).toBeVisible();
    // A month's first or last week is only partly inside it (unless the month starts on a Sunday
    // and ends on a Saturday): marked. The table shows its first ten rows until asked for all.
    await page.getByTestId('report-table-toggle-by-week').click();
    await expect(page.getByTestId('report-table-by-week')).toContainText(lang === 'ar' ? '(جزئي)' : '(partial)');
    await shot(page, `reports-trends-${lang}-1366x900`);
    await page.getByTestId('report-tab-patterns').click();
    await expect(page.getByTestId('report-table-by-hour')).toBeVisible();
    await shot(page, `reports-patterns-${lang}-1366x900`);
    await ctx.close();
  });
}

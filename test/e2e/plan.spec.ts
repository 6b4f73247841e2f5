// A manager opens the staffing planner from the dashboard (Arabic, right-to-left; then English):
// the counters needed per hour learnt from last month's history are those of GET /api/v1/plan,
// and typing a bigger arrival figure raises the need. The hub is the demo hall with generated
// past weeks (`--demo-history`). Screenshots: test-results/screens/.
import { test, expect } from '@playwright/test';
import type { PlanResponse } from '../../shared/protocol/plan.ts';
import { api, contextFor, expectAccessible, screensDir, shot, type Lang, demoHubWithHistory } from './support.ts';

const hub = demoHubWithHistory('plan');

const digits = (s: string) => Number(s.replace(/[٠-٩]/g, (d) => String(d.charCodeAt(0) - 0x0660)).replace(/[^0-9]/g, ''));

for (const lang of ['ar', 'en'] as Lang[]) {
  test(`a manager sees the counters needed per hour from last month's arrivals (${lang})`, async ({ browser }) => {
    const ctx = await contextFor(browser, { lang, width: 1366, height: 900, staff: hub.manager });
    const page = await ctx.newPage();
    await page.goto(`${hub.url}/dashboard`);
    await page.getByTestId('open-plan').click();
    await expect(page.getByTestId('plan')).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('dir', lang === 'ar' ? 'rtl' : 'ltr');

    const from = await page.getByTestId('plan-from').inputValue();
    const to = await page.getByTestId('plan-to').inputValue();
    const json = await api<PlanResponse>(hub.url, `/api/v1/plan?from=${from}&to=${to}&level=0.8`, { token: hub.manager.token });
    expect(json.status).toBe(200);
    expect(json.body.openDays).toBeGreaterThan(10);
    const busiest = json.body.hours.reduce((a, b) => (b.needed > a.needed ? b : a));
    expect(busiest.needed).toBeGreaterThan(0);
    await expect.poll(async () => digits(await page.getByTestId('plan-open-days').innerText())).toBe(json.body.openDays);
    await expect.poll(async () => digits(await page.getByTestId('plan-peak').innerText())).toBe(busiest.needed);
    for (const h of json.body.hours) await expect.poll(async () => digits(await page.getByTestId(`plan-needed-${h.hour}`).innerText())).toBe(h.needed);
    await expect(page.getByTestId('plan-table')).toContainText(lang === 'ar' ? 'رخص البناء' : 'Building permits');
    await shot(page, `plan-${lang}-1366x900`);
    await page.getByTestId(`plan-hour-${busiest.hour}`).screenshot({ path: `${screensDir}plan-row-${lang}.png` });
    await expectAccessible(page, 'plan');

    // A manager plans a busier day by hand: ten times the arrivals of the busiest hour's first service.
    const row = page.getByTestId(`plan-hour-${busiest.hour}`);
    const input = row.locator('input').first();
    await input.fill(String(Math.ceil(Number(await input.inputValue()) * 10) + 10));
    await expect.poll(async () => digits(await page.getByTestId(`plan-needed-${busiest.hour}`).innerText())).toBeGreaterThan(busiest.needed);
    await shot(page, `plan-edited-${lang}-1366x900`);
    await ctx.close();
  });
}

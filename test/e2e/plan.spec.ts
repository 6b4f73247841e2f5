// A manager opens the staffing planner from the dashboard (Arabic, right-to-left; then English):
// hour by hour, the counters the hall needs as it works — the pooled headline of GET /api/v1/plan,
// never above the per-service Erlang C sum shown under each service — beside today's roster; the
// jargon only in "how this is computed". Typing a bigger arrival figure raises the need, and the
// numbers typed stay when the target or the range changes, until cleared. The hub is the demo hall
// with generated past weeks (`--demo-history`). Screenshots: test-results/screens/.
import { test, expect } from '@playwright/test';
import type { PlanResponse } from '../../shared/protocol/plan.ts';
import { api, contextFor, expectAccessible, screensDir, shot, type Lang, demoHubWithHistory } from './support.ts';

const hub = demoHubWithHistory('plan');

/** A figure as shown (Arabic-Indic or Western digits, an Arabic decimal separator) as a number. */
const figure = (s: string) => Number(s.replace(/[٠-٩]/g, (d) => String(d.charCodeAt(0) - 0x0660)).replace(/٫/g, '.').replace(/[^0-9.]/g, ''));

for (const lang of ['ar', 'en'] as Lang[]) {
  test(`a manager sees the counters the hall needs per hour, pooled, and keeps the numbers typed (${lang})`, async ({ browser }) => {
    const ctx = await contextFor(browser, { lang, width: 1366, height: 900, staff: hub.manager });
    const page = await ctx.newPage();
    await page.goto(`${hub.url}/dashboard`);
    // The range the page asks for (its fields show the days in the page's digits).
    const asked = page.waitForRequest((r) => r.url().includes('/api/v1/plan?'));
    await page.getByTestId('open-plan').click();
    await expect(page.getByTestId('plan')).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('dir', lang === 'ar' ? 'rtl' : 'ltr');

    const range = new URL((await asked).url()).searchParams;
    const json = await api<PlanResponse>(hub.url, `/api/v1/plan?from=${range.get('from')}&to=${range.get('to')}&level=0.8`, { token: hub.manager.token });
    expect(json.status).toBe(200);
    expect(json.body.openDays).toBeGreaterThan(10);
    for (const h of json.body.hours) {
      expect(h.counters).toBeLessThanOrEqual(h.needed);
      expect(h.counters).toBeGreaterThan(0);
    }
    const busiest = json.body.hours.reduce((a, b) => (b.counters > a.counters ? b : a));
    // The page's plan is the hub's for the same inputs: computed once (1–3 s of simulation on two
    // busy cores), then kept; wait for it as long as a slow first computation may take.
    const computed = { timeout: 30_000 };
    await expect.poll(async () => figure(await page.getByTestId('plan-open-days').innerText()), computed).toBe(json.body.openDays);
    await expect.poll(async () => figure(await page.getByTestId('plan-peak').innerText()), computed).toBe(busiest.counters);
    for (const h of json.body.hours) await expect.poll(async () => figure(await page.getByTestId(`plan-needed-${h.hour}`).innerText())).toBe(h.counters);
    await expect(page.getByTestId('plan-table')).toContainText(lang === 'ar' ? 'رخص البناء' : 'Building permits');
    // No jargon in the headline; Erlang C is explained in "how this is computed".
    await expect(page.getByTestId('plan-table')).not.toContainText(/Erlang|إرلانغ/);
    await page.getByTestId('plan-how').locator('summary').click();
    await expect(page.getByTestId('plan-how')).toContainText(lang === 'ar' ? 'إرلانغ C' : 'Erlang C');
    // Arrivals to one decimal at most, in the hall's digits (the demo hall shows Arabic-Indic digits in Arabic).
    const cell = page.getByTestId(`plan-arrivals-${busiest.hour}-building-permits`);
    const shown = await cell.inputValue();
    expect(shown).toMatch(lang === 'ar' ? /^[٠-٩]+(٫[٠-٩])?$/ : /^\d+(\.\d)?$/);
    await shot(page, `plan-${lang}-1366x900`);
    await page.getByTestId(`plan-hour-${busiest.hour}`).screenshot({ path: `${screensDir}plan-row-${lang}.png` });
    await expectAccessible(page, 'plan');

    // A manager plans a busier day by hand: ten times the building permits of the busiest hour.
    const typed = Math.ceil(figure(shown) * 10) + 10;
    await cell.fill(String(typed));
    await cell.blur();
    await expect.poll(async () => figure(await page.getByTestId(`plan-needed-${busiest.hour}`).innerText()), computed).toBeGreaterThan(busiest.counters);
    await expect(page.getByTestId('plan-clear')).toBeVisible();
    await shot(page, `plan-edited-${lang}-1366x900`);

    // The number typed stays when the target changes, and when the range does.
    await page.getByTestId('plan-level').selectOption('0.9');
    await expect.poll(async () => figure(await cell.inputValue())).toBe(typed);
    await page.getByTestId('plan-preset-last7').click();
    await expect.poll(async () => figure(await cell.inputValue())).toBe(typed);
    await expect.poll(async () => figure(await page.getByTestId(`plan-needed-${busiest.hour}`).innerText()), computed).toBeGreaterThan(busiest.counters);
    // Until cleared.
    await page.getByTestId('plan-clear').click();
    await expect(page.getByTestId('plan-clear')).toHaveCount(0);
    await expect.poll(async () => figure(await cell.inputValue())).toBeLessThan(typed);
    await ctx.close();
  });
}

// Every screen in Arabic and English, at the sizes it is used: a screenshot for a human to look
// at (test-results/screens/) and an axe check with no serious or critical violation.
import { test, expect } from '@playwright/test';
import { startHubProcess, type HubProcess } from './hub-process.ts';
import { api, contextFor, expectAccessible, login, pairDevice, shot, type Lang, type Login } from './support.ts';

// The longest file of the suite: its tests share nothing but the seed below, so they are spread
// over both workers (each worker that takes some starts its own hub) instead of ending the run
// alone on one.
test.describe.configure({ mode: 'parallel' });

let hub: HubProcess;
let kioskToken: string;
let displayToken: string;
let admin: Login;
let manager: Login;

test.beforeAll(async () => {
  hub = await startHubProcess();
  kioskToken = await pairDevice(hub.url, 'kiosk', 'kiosk-screens');
  displayToken = await pairDevice(hub.url, 'display', 'display-screens');
  admin = await login(hub.url, 'admin', 'dawr-admin');
  manager = await login(hub.url, 'manager', 'dawr-manager');
  // Some history so the display, dashboard and counter have something to show.
  const clerk = await login(hub.url, 'clerk8', 'dawr-clerk');
  await api(hub.url, '/api/v1/counters/counter-8/open', { token: clerk.token, body: {} });
  for (const s of ['reception', 'reception', 'inspection-940', 'fees-payments', 'reception']) await api(hub.url, '/api/v1/tickets', { token: kioskToken, body: { serviceId: s, lang: 'ar' } });
  for (let i = 0; i < 3; i++) {
    const t = await api<{ id: string }>(hub.url, '/api/v1/counters/counter-8/call-next', { token: clerk.token, body: {} });
    await api(hub.url, `/api/v1/tickets/${t.body.id}/start`, { token: clerk.token, body: {} });
    await api(hub.url, `/api/v1/tickets/${t.body.id}/complete`, { token: clerk.token, body: { outcome: 'completed' } });
  }
  await api(hub.url, '/api/v1/counters/counter-8/call-next', { token: clerk.token, body: {} });
});

test.afterAll(async () => {
  await hub?.dispose();
});

for (const lang of ['ar', 'en'] as Lang[]) {
  test(`landing, sign-in and pairing screens (${lang})`, async ({ browser }) => {
    const ctx = await contextFor(browser, { lang, width: 1366, height: 768 });
    const page = await ctx.newPage();
    await page.goto(`${hub.url}/`);
    await expect(page.getByTestId('landing')).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('dir', lang === 'ar' ? 'rtl' : 'ltr');
    await shot(page, `landing-${lang}-1366x768`);
    await expectAccessible(page, 'landing');
    await page.goto(`${hub.url}/counter`);
    await expect(page.getByTestId('login')).toBeVisible();
    await shot(page, `login-${lang}-1366x768`);
    await expectAccessible(page, 'login');
    await page.goto(`${hub.url}/display`);
    await expect(page.getByTestId('pair')).toBeVisible();
    await shot(page, `pair-${lang}-1366x768`);
    await expectAccessible(page, 'pair');
    await ctx.close();
  });

  for (const [w, h] of [[1080, 1920], [1920, 1080]] as const) {
    test(`kiosk ${w}x${h} (${lang})`, async ({ browser }) => {
      const ctx = await contextFor(browser, { lang, width: w, height: h, device: { role: 'kiosk', token: kioskToken } });
      const page = await ctx.newPage();
      await page.goto(`${hub.url}/kiosk`);
      await expect(page.getByTestId('kiosk-lang')).toBeVisible();
      await shot(page, `kiosk-1-welcome-${lang}-${w}x${h}`);
      await expectAccessible(page, 'kiosk welcome');
      await page.getByTestId(`kiosk-lang-${lang}`).click();
      await expect(page.getByTestId('kiosk-categories')).toBeVisible();
      await expect(page.getByTestId('kiosk-category-permits')).toBeVisible();
      await shot(page, `kiosk-2-categories-${lang}-${w}x${h}`);
      await expectAccessible(page, 'kiosk categories');
      await page.getByTestId('kiosk-category-permits').click();
      await expect(page.getByTestId('kiosk-priority')).toBeVisible();
      await shot(page, `kiosk-3-priority-${lang}-${w}x${h}`);
      await expectAccessible(page, 'kiosk priority');
      await page.getByTestId('kiosk-priority-elderly').click();
      await expect(page.getByTestId('kiosk-ticket')).toBeVisible();
      await expect(page.getByTestId('kiosk-fallback')).toBeVisible();
      await expect(page.getByTestId('ticket-preview').locator('svg')).toBeVisible();
      await shot(page, `kiosk-4-ticket-${lang}-${w}x${h}`);
      await expectAccessible(page, 'kiosk ticket');
      // Every touch target on the kiosk is at least 64 px high.
      const small = await page.locator('.kiosk button').evaluateAll((els) => els.filter((e) => e.getBoundingClientRect().height < 64).length);
      expect(small).toBe(0);
      await ctx.close();
    });
  }

  test(`counter station 1366x768 (${lang})`, async ({ browser }) => {
    const clerk = await login(hub.url, lang === 'ar' ? 'clerk1' : 'clerk2', 'dawr-clerk');
    await api(hub.url, '/api/v1/tickets', { token: kioskToken, body: { serviceId: 'building-permits', lang, priority: 'pregnancy' } });
    await api(hub.url, '/api/v1/tickets', { token: kioskToken, body: { serviceId: 'land-planning', lang } });
    const ctx = await contextFor(browser, { lang, width: 1366, height: 768, staff: clerk });
    const page = await ctx.newPage();
    await page.goto(`${hub.url}/counter`);
    await expect(page.getByTestId('counter-picker')).toBeVisible();
    await shot(page, `counter-1-picker-${lang}-1366x768`);
    await expectAccessible(page, 'counter picker');
    await page.getByTestId(lang === 'ar' ? 'open-counter-1' : 'open-counter-2').click();
    await expect(page.getByTestId('counter-state')).toBeVisible();
    await page.getByTestId('action-callNext').click();
    await expect(page.getByTestId('in-hand')).toHaveAttribute('data-status', 'called');
    await page.getByTestId('action-start').click();
    await expect(page.getByTestId('in-hand')).toHaveAttribute('data-status', 'serving');
    await shot(page, `counter-2-serving-${lang}-1366x768`);
    await expectAccessible(page, 'counter desk');
    await page.getByTestId('action-complete').click();
    await expect(page.getByTestId('complete-dialog')).toBeVisible();
    await shot(page, `counter-3-complete-${lang}-1366x768`);
    await expectAccessible(page, 'complete dialog');
    await page.keyboard.press('Escape');
    await ctx.close();
  });

  test(`hall display 1920x1080 (${lang})`, async ({ browser }) => {
    const ctx = await contextFor(browser, { lang, width: 1920, height: 1080, device: { role: 'display', token: displayToken } });
    const page = await ctx.newPage();
    await page.goto(`${hub.url}/display`);
    await expect(page.getByTestId('display-latest-ticket')).toBeVisible();
    await shot(page, `display-${lang}-1920x1080`);
    await expectAccessible(page, 'display');
    await ctx.close();
  });

  test(`dashboard 1366x768 (${lang})`, async ({ browser }) => {
    const ctx = await contextFor(browser, { lang, width: 1366, height: 768, staff: manager });
    const page = await ctx.newPage();
    await page.goto(`${hub.url}/dashboard`);
    await expect(page.getByTestId('kpi-served')).toBeVisible();
    await expect(page.getByTestId('chart-by-service').locator('svg').first()).toBeVisible();
    await shot(page, `dashboard-${lang}-1366x768`);
    await page.screenshot({ path: `test-results/screens/dashboard-full-${lang}-1366.png`, fullPage: true });
    await expectAccessible(page, 'dashboard');
    await ctx.close();
  });

  test(`tracking and rating on a phone (${lang})`, async ({ browser }) => {
    const waiting = await api<{ trackingCode: string }>(hub.url, '/api/v1/tickets', { token: kioskToken, body: { serviceId: 'certificates', lang } });
    const ctx = await contextFor(browser, { lang, width: 390, height: 844 });
    const page = await ctx.newPage();
    await page.goto(`${hub.url}/track/${waiting.body.trackingCode}`);
    await expect(page.getByTestId('track-ahead')).toBeVisible();
    await shot(page, `track-waiting-${lang}-390x844`);
    await expectAccessible(page, 'track');
    // A finished ticket: the rating form.
    const clerk = await login(hub.url, 'clerk6', 'dawr-clerk');
    await api(hub.url, '/api/v1/counters/counter-6/open', { token: clerk.token, body: {} });
    const t = await api<{ id: string }>(hub.url, '/api/v1/counters/counter-6/call-next', { token: clerk.token, body: {} });
    await api(hub.url, `/api/v1/tickets/${t.body.id}/start`, { token: clerk.token, body: {} });
    await api(hub.url, `/api/v1/tickets/${t.body.id}/complete`, { token: clerk.token, body: {} });
    const done = await api<{ trackingCode: string }>(hub.url, `/api/v1/tickets/${t.body.id}`, { token: clerk.token });
    await page.goto(`${hub.url}/rate/${done.body.trackingCode}`);
    await expect(page.getByTestId('rating-form')).toBeVisible();
    await page.getByTestId('rate-4').click();
    await shot(page, `rate-${lang}-390x844`);
    await expectAccessible(page, 'rate');
    await ctx.close();
  });

  test(`admin 1366x768 (${lang})`, async ({ browser }) => {
    const ctx = await contextFor(browser, { lang, width: 1366, height: 768, staff: admin });
    const page = await ctx.newPage();
    await page.goto(`${hub.url}/admin`);
    await expect(page.getByTestId('admin-services').locator('tbody tr').first()).toBeVisible();
    await shot(page, `admin-services-${lang}-1366x768`);
    await expectAccessible(page, 'admin services');
    for (const tab of ['counters', 'staff', 'devices'] as const) {
      await page.getByTestId(`admin-tab-${tab}`).click();
      await expect(page.getByTestId(`admin-${tab}`)).toBeVisible();
      if (tab === 'devices') {
        await page.getByTestId('pairing-new').click();
        await expect(page.getByTestId('pairing-code')).toBeVisible();
      }
      await shot(page, `admin-${tab}-${lang}-1366x768`);
      await expectAccessible(page, `admin ${tab}`);
    }
    await ctx.close();
  });
}

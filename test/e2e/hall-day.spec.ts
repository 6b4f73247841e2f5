// A day in the hall with four screens open at once: kiosk, counter, hall display, dashboard.
// issue → call → the display shows and announces it → complete → the dashboard counts it;
// then a transfer, a no-show, a park and call-back, and a reconnect after the hub restarts.
import { test, expect, type Page } from '@playwright/test';
import { startHubProcess, type HubProcess } from './hub-process.ts';
import { api, contextFor, login, pairDevice } from './support.ts';

let hub: HubProcess;

test.beforeAll(async () => {
  hub = await startHubProcess();
});
test.afterAll(async () => {
  await hub?.dispose();
});

async function takeTicket(kiosk: Page, category: string): Promise<string> {
  await kiosk.getByTestId('kiosk-lang-ar').click();
  await kiosk.getByTestId(`kiosk-category-${category}`).click();
  await kiosk.getByTestId('kiosk-priority-none').click();
  await expect(kiosk.getByTestId('kiosk-ticket')).toBeVisible();
  const number = (await kiosk.getByTestId('kiosk-ticket-number').textContent()) ?? '';
  await kiosk.getByTestId('kiosk-done').click();
  await expect(kiosk.getByTestId('kiosk-lang')).toBeVisible();
  return number.trim();
}

test('a full day: issue, call, display, complete, transfer, no-show, park, reconnect', async ({ browser }) => {
  const kioskToken = await pairDevice(hub.url, 'kiosk', 'kiosk-day');
  const displayToken = await pairDevice(hub.url, 'display', 'display-day');
  const manager = await login(hub.url, 'manager', 'dawr-manager');

  const kioskCtx = await contextFor(browser, { lang: 'ar', width: 1080, height: 1920 });
  const counterCtx = await contextFor(browser, { lang: 'ar', width: 1366, height: 768 });
  const displayCtx = await contextFor(browser, { lang: 'ar', width: 1920, height: 1080, device: { role: 'display', token: displayToken } });
  const dashCtx = await contextFor(browser, { lang: 'en', width: 1366, height: 768, staff: manager, digits: 'latn' });
  const kiosk = await kioskCtx.newPage();
  const counter = await counterCtx.newPage();
  const display = await displayCtx.newPage();
  const dash = await dashCtx.newPage();

  // The kiosk takes its token from the URL (demo mode) and strips it from the address.
  await kiosk.goto(`${hub.url}/kiosk?token=${kioskToken}`);
  await expect(kiosk.getByTestId('kiosk-lang')).toBeVisible();
  expect(kiosk.url()).not.toContain('token=');
  await display.goto(`${hub.url}/display`);
  await expect(display.getByTestId('display')).toBeVisible();
  await dash.goto(`${hub.url}/dashboard`);
  await expect(dash.getByTestId('kpi-served')).toHaveText('0');

  // The clerk signs in and opens counter 1 (building permits, land and planning).
  await counter.goto(`${hub.url}/counter`);
  await counter.getByTestId('login-username').fill('clerk1');
  await counter.getByTestId('login-password').fill('dawr-clerk');
  await counter.getByTestId('login-submit').click();
  await counter.getByTestId('open-counter-1').click();
  await expect(counter.getByTestId('counter-state')).toBeVisible();
  await expect(counter.getByTestId('in-hand')).toHaveAttribute('data-status', 'none');

  // 1. Issue → call (F1) → the display shows and announces it → start → complete.
  const first = await takeTicket(kiosk, 'permits');
  expect(first).toBe('A-001');
  await expect(counter.getByTestId('queue-row')).toHaveCount(1);
  await counter.keyboard.press('F1');
  await expect(counter.getByTestId('in-hand')).toHaveAttribute('data-status', 'called');
  await expect(counter.getByTestId('in-hand-number')).toHaveText('A-001');
  await expect(display.getByTestId('display-latest-ticket')).toHaveText('A-001');
  // The display's Arabic side, in the hall's digits (Arabic-Indic in the demo).
  await expect(display.getByTestId('display-latest-counter')).toHaveText('١');
  await expect(display.getByTestId('announcement')).toContainText('الرقم إيه واحد، إلى الشباك رقم واحد');
  await expect(display.getByTestId('announcement')).toContainText('Ticket A 1, counter 1');
  await counter.getByTestId('action-start').click();
  await expect(counter.getByTestId('in-hand')).toHaveAttribute('data-status', 'serving');
  await counter.keyboard.press('F4');
  await counter.getByTestId('outcome-documents_missing').check();
  await counter.getByTestId('complete-note').fill('يحتاج مخطط الموقع');
  await counter.getByTestId('complete-submit').click();
  await expect(counter.getByTestId('in-hand')).toHaveAttribute('data-status', 'none');
  await expect(dash.getByTestId('kpi-served')).toHaveText('1');
  await expect(counter.getByTestId('my-served')).toHaveText('١');

  // 2. Transfer: a second citizen is sent on to reception (G), where they wait again.
  const second = await takeTicket(kiosk, 'planning');
  expect(second).toBe('C-001');
  await counter.getByTestId('counter-title').click();
  await counter.keyboard.press(' ');
  await expect(counter.getByTestId('in-hand-number')).toHaveText('C-001');
  await expect(display.getByTestId('display-latest-ticket')).toHaveText('C-001');
  await expect(display.getByTestId('display-history-row').first()).toContainText('A-001');
  await counter.getByTestId('action-start').click();
  await counter.getByTestId('action-transfer').click();
  await counter.getByTestId('transfer-service').selectOption('reception');
  await counter.getByTestId('transfer-submit').click();
  await expect(counter.getByTestId('in-hand')).toHaveAttribute('data-status', 'none');
  await expect(dash.getByTestId('service-row-reception').getByTestId('svc-waiting')).toHaveText('1');

  // 3. No-show.
  const third = await takeTicket(kiosk, 'permits');
  expect(third).toBe('A-002');
  await counter.getByTestId('action-callNext').click();
  await expect(counter.getByTestId('in-hand-number')).toHaveText('A-002');
  await counter.getByTestId('action-noShow').click();
  await counter.getByTestId('no-show-dialog').getByTestId('confirm-yes').click();
  await expect(counter.getByTestId('in-hand')).toHaveAttribute('data-status', 'none');
  await expect(dash.getByTestId('kpi-no-shows')).toHaveText('1');

  // 4. Park and call back.
  const fourth = await takeTicket(kiosk, 'permits');
  await counter.getByTestId('action-callNext').click();
  await expect(counter.getByTestId('in-hand-number')).toHaveText(fourth);
  await counter.getByTestId('action-park').click();
  await expect(counter.getByTestId(`call-parked-${fourth}`)).toBeVisible();
  await counter.getByTestId(`call-parked-${fourth}`).click();
  await expect(counter.getByTestId('in-hand')).toHaveAttribute('data-status', 'called');
  await expect(counter.getByTestId('in-hand-number')).toHaveText(fourth);
  await counter.getByTestId('action-start').click();
  await counter.getByTestId('action-complete').click();
  await counter.getByTestId('complete-submit').click();
  await expect(dash.getByTestId('kpi-served')).toHaveText('2');

  // 5. The hub restarts: every screen says it is reconnecting, then catches up by itself.
  await hub.stop();
  await expect(counter.getByTestId('connection-banner')).toBeVisible();
  await expect(display.getByTestId('connection-banner')).toBeVisible();
  await hub.start();
  await expect(counter.getByTestId('connection-banner')).toBeHidden({ timeout: 20_000 });
  await expect(display.getByTestId('connection-banner')).toBeHidden({ timeout: 20_000 });
  await expect(kiosk.getByTestId('connection-banner')).toBeHidden({ timeout: 20_000 });
  const fifth = await takeTicket(kiosk, 'permits');
  await counter.getByTestId('action-callNext').click();
  await expect(counter.getByTestId('in-hand-number')).toHaveText(fifth);
  await expect(display.getByTestId('display-latest-ticket')).toHaveText(fifth);
  await expect(dash.getByTestId('kpi-served')).toHaveText('2');

  // The queue on the hub agrees with what the screens showed.
  const staff = await login(hub.url, 'supervisor', 'dawr-supervisor');
  const stats = await api<{ overall: { served: number; noShows: number } }>(hub.url, '/api/v1/stats/live', { token: staff.token });
  expect(stats.body.overall).toMatchObject({ served: 2, noShows: 1 });
  for (const c of [kioskCtx, counterCtx, displayCtx, dashCtx]) await c.close();
});

test('a double tap on the kiosk issues one ticket', async ({ browser }) => {
  const kioskToken = await pairDevice(hub.url, 'kiosk', 'kiosk-double');
  const ctx = await contextFor(browser, { lang: 'en', width: 1920, height: 1080, device: { role: 'kiosk', token: kioskToken } });
  const kiosk = await ctx.newPage();
  await kiosk.goto(`${hub.url}/kiosk`);
  await kiosk.getByTestId('kiosk-lang-en').click();
  await kiosk.getByTestId('kiosk-category-documents').click();
  const staff = await login(hub.url, 'supervisor', 'dawr-supervisor');
  const before = await api<{ tickets: unknown[] }>(hub.url, '/api/v1/queue', { token: staff.token });
  await kiosk.getByTestId('kiosk-priority-none').dblclick();
  await expect(kiosk.getByTestId('kiosk-ticket')).toBeVisible();
  await expect(kiosk.getByTestId('kiosk-qr')).toBeVisible();
  const after = await api<{ tickets: unknown[] }>(hub.url, '/api/v1/queue', { token: staff.token });
  expect(after.body.tickets.length - before.body.tickets.length).toBe(1);
  await ctx.close();
});

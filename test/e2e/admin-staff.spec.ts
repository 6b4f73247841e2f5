// Administration, as an admin uses it, in Arabic and English: a clerk's account disabled (after a
// confirmation that can be declined), enabled again, their password reset in a dialog — their open
// session ends, the new password works; a device's revocation asks first; the audit log lists what
// was done, by whom, and filters by kind. Axe-clean, with screenshots.
import { test, expect } from '@playwright/test';
import { startHubProcess, type HubProcess } from './hub-process.ts';
import { api, contextFor, expectAccessible, login, pairDevice, shot, type Lang } from './support.ts';

// A hub per test: refused sign-ins count per address, and each test makes some on purpose.
let hub: HubProcess;
test.beforeEach(async () => {
  hub = await startHubProcess();
});
test.afterEach(async () => {
  await hub?.dispose();
});

const TEXT = {
  ar: { notHeld: 'لم يكن', inactive: 'معطّل', active: 'مفعّل', reset: 'عُيّنت كلمة مرور جديدة', disabled: 'عُطّل حساب', revoked: 'ملغى', pwReset: 'إعادة تعيين كلمة المرور', changed: 'تعديل حساب', revokedAction: 'إلغاء اعتماد جهاز' },
  en: { notHeld: 'was not held back by failed sign-ins', inactive: 'Disabled', active: 'Active', reset: 'New password set', disabled: 'is disabled', revoked: 'Revoked', pwReset: 'Password reset', changed: 'Account changed', revokedAction: 'Device revoked' },
} as const;

for (const [lang, clerk] of [['ar', 'clerk1'], ['en', 'clerk2']] as [Lang, string][]) {
  test(`an admin disables, enables and resets a clerk's account; revokes a device; reads the audit log (${lang})`, async ({ browser }) => {
    const admin = await login(hub.url, 'admin', 'dawr-admin');
    const clerkSession = await login(hub.url, clerk, 'dawr-clerk');
    const kioskName = `entrance-${lang}`;
    await pairDevice(hub.url, 'kiosk', kioskName);
    const ctx = await contextFor(browser, { lang, width: 1366, height: 900, staff: admin });
    const page = await ctx.newPage();
    await page.goto(`${hub.url}/admin`);
    await page.getByTestId('admin-tab-staff').click();
    const row = page.getByTestId(`staff-row-${clerk}`);
    await expect(row).toContainText(TEXT[lang].active);

    // Disable: declined first (nothing changes), then confirmed.
    await page.getByTestId(`staff-disable-${clerk}`).click();
    await expect(page.getByTestId('confirm-dialog')).toBeVisible();
    await expect(page.getByTestId('confirm-no')).toBeFocused();
    await shot(page, `admin-staff-confirm-${lang}-1366x900`);
    await expectAccessible(page, 'disable confirmation');
    await page.getByTestId('confirm-no').click();
    await expect(page.getByTestId('confirm-dialog')).toBeHidden();
    await expect(row).toContainText(TEXT[lang].active);
    expect((await api(hub.url, '/api/v1/queue', { token: clerkSession.token })).status).toBe(200);

    await page.getByTestId(`staff-disable-${clerk}`).click();
    await page.getByTestId('confirm-yes').click();
    await expect(row).toContainText(TEXT[lang].inactive);
    await expect(page.getByTestId('staff-status')).toContainText(TEXT[lang].disabled);
    // Their session ended on the hub, and they cannot sign in.
    expect((await api(hub.url, '/api/v1/queue', { token: clerkSession.token })).status).toBe(401);
    expect((await api(hub.url, '/api/v1/auth/login', { method: 'POST', body: { username: clerk, password: 'dawr-clerk' } })).status).toBe(401);

    await page.getByTestId(`staff-enable-${clerk}`).click();
    await expect(row).toContainText(TEXT[lang].active);

    // A new password, set in a dialog: the old one stops working, the new one works.
    await page.getByTestId(`staff-reset-${clerk}`).click();
    await expect(page.getByTestId('reset-dialog')).toBeVisible();
    await page.getByTestId('reset-password').fill('new-secret-2026');
    await shot(page, `admin-staff-reset-${lang}-1366x900`);
    await page.getByTestId('reset-submit').click();
    await expect(page.getByTestId('staff-status')).toContainText(TEXT[lang].reset);
    expect((await api(hub.url, '/api/v1/auth/login', { method: 'POST', body: { username: clerk, password: 'dawr-clerk' } })).status).toBe(401);
    expect((await api(hub.url, '/api/v1/auth/login', { method: 'POST', body: { username: clerk, password: 'new-secret-2026' } })).status).toBe(200);
    // Failed sign-ins from this machine hold no one back (the hub's own station is never delayed).
    await page.getByTestId(`staff-unlock-${clerk}`).click();
    await expect(page.getByTestId('staff-status')).toContainText(TEXT[lang].notHeld);
    await shot(page, `admin-staff-${lang}-1366x900`);
    await expectAccessible(page, 'admin staff');

    // Revoking a device asks first.
    await page.getByTestId('admin-tab-devices').click();
    const device = page.getByTestId('device-row').filter({ hasText: kioskName });
    await device.getByTestId('device-revoke').click();
    await expect(page.getByTestId('confirm-dialog')).toContainText(kioskName);
    await page.getByTestId('confirm-yes').click();
    await expect(device).toContainText(TEXT[lang].revoked);

    // The audit log: what was just done, by the admin, newest first; filtered to staff accounts.
    await page.getByTestId('admin-tab-audit').click();
    const rows = page.getByTestId('audit-row');
    await expect(rows.first()).toContainText(TEXT[lang].revokedAction);
    await expect(rows.filter({ hasText: TEXT[lang].pwReset }).first()).toContainText('admin');
    await page.getByTestId('audit-kind').selectOption('staff.');
    await page.getByTestId('audit-show').click();
    await expect(rows.filter({ hasText: TEXT[lang].revokedAction })).toHaveCount(0);
    await expect(rows.filter({ hasText: TEXT[lang].changed }).first()).toBeVisible();
    for (const action of await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-action')))) expect(action).toMatch(/^staff\./);
    await shot(page, `admin-audit-${lang}-1366x900`);
    await expectAccessible(page, 'audit log');
    await ctx.close();
  });
}

// The hall as its manager sets it up, in Arabic and English: the hall's name, opening hours and
// digits set in Administration reach the kiosk at once (closed, and when it opens; the name on
// the welcome; the digits on the ticket); a new service in a category of its own shows its name,
// never its slug; the kiosk is back at its start after a ticket (hall setting, default 15 s);
// errors are worded from their code in the screen's language; a wrong role is told which
// screen this is. Axe-clean, with screenshots of the new screens.
import { test, expect } from '@playwright/test';
import { startHubProcess, type HubProcess } from './hub-process.ts';
import { api, contextFor, expectAccessible, login, pairDevice, shot, type Lang } from './support.ts';

let hub: HubProcess;
test.beforeEach(async () => {
  hub = await startHubProcess();
});
test.afterEach(async () => {
  await hub?.dispose();
});

/** Weekday (0 = Sunday) of tomorrow in the hall's time zone (the demo's: Asia/Riyadh). */
function tomorrowInRiyadh(): number {
  const wd = new Intl.DateTimeFormat('en-US', { weekday: 'short', timeZone: 'Asia/Riyadh' }).format(new Date(Date.now() + 86_400_000));
  return ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'].indexOf(wd);
}

const TEXT = {
  ar: { saved: 'تم الحفظ.', closed: 'القاعة مغلقة الآن', opens: 'الساعة 08:00', badInput: 'بعض ما أُدخل غير صالح', wrongRole: 'هذه الشاشة لـ', service: 'رخص اللوحات الإعلانية' },
  en: { saved: 'Saved.', closed: 'The hall is closed now', opens: 'at 08:00', badInput: 'Something entered is not valid', wrongRole: 'This screen is for', service: 'Billboard permits' },
} as const;

for (const lang of ['ar', 'en'] as Lang[]) {
  test(`the manager sets name, hours and digits; the kiosk follows at once (${lang})`, async ({ browser }) => {
    const admin = await login(hub.url, 'admin', 'dawr-admin');
    const kioskToken = await pairDevice(hub.url, 'kiosk', `settings-kiosk-${lang}`);
    const kctx = await contextFor(browser, { lang, width: 1080, height: 1920, device: { role: 'kiosk', token: kioskToken } });
    const kiosk = await kctx.newPage();
    await kiosk.goto(`${hub.url}/kiosk`);
    await expect(kiosk.getByTestId('kiosk-lang')).toBeVisible(); // the demo hall is open at every hour

    const actx = await contextFor(browser, { lang, width: 1366, height: 900, staff: admin });
    const page = await actx.newPage();
    await page.goto(`${hub.url}/admin`);
    await page.getByTestId('admin-tab-hall').click();
    const form = page.getByTestId('admin-settings');
    await expect(form).toBeVisible();
    await page.getByTestId('set-name-ar').fill('قاعة خدمة المواطن — الاختبار');
    await page.getByTestId('set-name-en').fill('Citizen Service Hall — Test');
    await page.getByTestId('set-digits-latn').check();
    await page.getByTestId('set-always-open').uncheck();
    const open = tomorrowInRiyadh();
    for (let d = 0; d < 7; d++) await page.getByTestId(`set-open-${d}`).setChecked(d === open);
    await shot(page, `admin-settings-${lang}-1366x900`);
    await expectAccessible(page, 'admin settings');
    await page.getByTestId('set-save').click();
    await expect(page.getByTestId('set-message')).toHaveText(TEXT[lang].saved);

    // The kiosk, without a reload: closed, in both languages, opening tomorrow at 08:00 in Western digits.
    await expect(kiosk.getByTestId('kiosk-closed')).toBeVisible();
    await expect(kiosk.getByTestId('kiosk-closed')).toContainText('قاعة خدمة المواطن — الاختبار');
    await expect(kiosk.getByTestId('kiosk-closed')).toContainText('Citizen Service Hall — Test');
    await expect(kiosk.getByTestId(`kiosk-opens-${lang}`)).toContainText(TEXT[lang].opens);
    await expect(kiosk.getByTestId('kiosk-closed')).toContainText(TEXT[lang].closed);
    await shot(kiosk, `kiosk-0-closed-${lang}-1080x1920`);
    await expectAccessible(kiosk, 'kiosk closed');
    // The hub refuses a kiosk's ticket too, with a code the kiosk words.
    const refused = await api<{ error: { code: string } }>(hub.url, '/api/v1/tickets', { token: kioskToken, body: { serviceId: 'reception', lang } });
    expect(refused.body.error.code).toBe('hall_closed');

    // Open again; a new service in a category of its own, served by counter 1.
    await page.getByTestId('set-always-open').check();
    await page.getByTestId('set-save').click();
    await expect(kiosk.getByTestId('kiosk-lang')).toBeVisible();
    await expect(kiosk.getByTestId('kiosk-lang')).toContainText('قاعة خدمة المواطن — الاختبار');
    const svc = await api<{ id: string }>(hub.url, '/api/v1/admin/services', { token: admin.token, body: { prefix: 'K', name: { ar: 'رخص اللوحات الإعلانية', en: 'Billboard permits' }, category: 'billboards-x', targetWaitMinutes: 10, active: true } });
    const counters = await api<{ id: string; number: number; name: { ar: string; en: string }; serviceIds: string[] }[]>(hub.url, '/api/v1/admin/counters', { token: admin.token });
    const c1 = counters.body.find((c) => c.number === 1)!;
    await api(hub.url, '/api/v1/admin/counters', { token: admin.token, body: { id: c1.id, number: c1.number, name: c1.name, serviceIds: [...c1.serviceIds, svc.body.id] } });

    await kiosk.getByTestId(`kiosk-lang-${lang}`).click();
    const tile = kiosk.getByTestId('kiosk-category-billboards-x');
    await expect(tile).toContainText(TEXT[lang].service);
    await expect(tile).not.toContainText('billboards-x');
    await tile.click();
    await kiosk.getByTestId('kiosk-priority-none').click();
    await expect(kiosk.getByTestId('kiosk-ticket')).toBeVisible();
    await expect(kiosk.getByTestId('kiosk-ticket-number')).toHaveText(/^K-\d{3}$/);
    if (lang === 'ar') await expect(kiosk.getByTestId('kiosk-ticket-wait')).not.toContainText(/[٠-٩]/); // the hall chose Western digits
    // Back to the start by itself (the hall's default, 15 s): the next citizen never sees this QR.
    // Waited out in one language (the timer does not depend on it); in the other, a tap does it.
    if (lang === 'ar') await expect(kiosk.getByTestId('kiosk-lang')).toBeVisible({ timeout: 25_000 });
    else await kiosk.getByTestId('kiosk-done').click();
    await expect(kiosk.getByTestId('kiosk-lang')).toBeVisible();
    await expect(kiosk.getByTestId('kiosk-qr')).toHaveCount(0);

    // An invalid value is refused in the screen's language, not with the hub's English message.
    await page.getByTestId('set-timezone').fill('Mars/Olympus');
    await page.getByTestId('set-save').click();
    await expect(page.getByTestId('set-message')).toContainText(TEXT[lang].badInput);
    await kctx.close();
    await actx.close();
  });

  test(`a valid account with the wrong role is told whom the screen is for (${lang})`, async ({ browser }) => {
    const clerk = await login(hub.url, 'clerk1', 'dawr-clerk');
    const ctx = await contextFor(browser, { lang, width: 1366, height: 768, staff: clerk });
    const page = await ctx.newPage();
    await page.goto(`${hub.url}/admin`);
    await expect(page.getByTestId('login')).toContainText(TEXT[lang].wrongRole);
    await expectAccessible(page, 'wrong role');
    await ctx.close();

    // Signing in on the form itself with the wrong role says why, every time (it used to give the form back blank).
    const fresh = await contextFor(browser, { lang, width: 1366, height: 768 });
    const reports = await fresh.newPage();
    await reports.goto(`${hub.url}/reports`);
    for (let i = 0; i < 2; i++) {
      await reports.getByTestId('login-username').fill('clerk2');
      await reports.getByTestId('login-password').fill('dawr-clerk');
      await reports.getByTestId('login-submit').click();
      await expect(reports.getByTestId('login')).toContainText(TEXT[lang].wrongRole);
    }
    await shot(reports, `login-wrong-role-${lang}-1366x768`);
    await fresh.close();
  });
}

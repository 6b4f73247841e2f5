// The citizen's side in a real browser, as a citizen would try it: book on a phone-sized page
// (Arabic), scan the booking's QR at the kiosk through the station's real scanner path (a socat
// pseudo-terminal read by the device manager), get a ticket of the appointment, ask on the
// tracking page for an SMS and see "3 ahead" and "called" recorded by the hall's SMS simulator.
// Every page in Arabic and English is screenshotted and checked with axe.
import { test, expect, type BrowserContext, type Page } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDeviceManager, type DeviceManager } from '../../electron/devices/device-manager.ts';
import { startStationSimulators, type StationSimulators } from '../../electron/devices/simulators/station-simulators.ts';
import { socatSkipReason } from '../support/pty.ts';
import { startHubProcess, type HubProcess } from './hub-process.ts';
import { api, contextFor, expectAccessible, login, pairDevice, shot } from './support.ts';

let hub: HubProcess;

test.beforeAll(async () => {
  hub = await startHubProcess();
});
test.afterAll(async () => {
  await hub?.dispose();
});

type Sent = { kind: string; text: string; lang: string };
let adminToken: string | undefined;
/** What the hall's SMS simulator recorded for a number, newest first (one admin sign-in: sign-ins are rate-limited). */
/** The day index the last booking was made on (bookOnPhone). */
let lastDay = 0;
const sentTo = async (phone: string) => {
  adminToken ??= (await login(hub.url, 'admin', 'dawr-admin')).token;
  return (await api<Sent[]>(hub.url, `/api/v1/admin/notifications?to=${encodeURIComponent(phone)}`, { token: adminToken })).body;
};

/**
 * Picks the first day from the `from`-th on that has a free time (the hall is closed on Fridays and
 * Saturdays, and late in the evening today has none left); returns its index.
 */
async function dayWithSlots(page: Page, from: number): Promise<number> {
  for (let i = from; i < from + 8; i++) {
    await page.locator('[data-testid^="book-day-"]').nth(i).click();
    await expect(page.getByTestId('book-slot').first().or(page.getByTestId('book-no-slots'))).toBeVisible();
    if (await page.getByTestId('book-slot').and(page.locator(':enabled')).count()) return i;
  }
  throw new Error('no day with a free time in the next week');
}

/** Books the first free slot of a service on the phone-sized page; returns the booking code. */
async function bookOnPhone(ctx: BrowserContext, lang: 'ar' | 'en', serviceId: string, phone: string, name: string, dayIndex = 0): Promise<string> {
  const page = await ctx.newPage();
  await page.goto(`${hub.url}/book`);
  await page.getByTestId(`book-service-${serviceId}`).click();
  lastDay = await dayWithSlots(page, dayIndex);
  const slot = page.getByTestId('book-slot').and(page.locator(':enabled')).first();
  await slot.click();
  await expect(slot).toHaveAttribute('aria-checked', 'true');
  await shot(page, `book-pick-${lang}-phone`);
  await expectAccessible(page, `booking page (${lang})`);
  await page.getByTestId('book-name').fill(name);
  await page.getByTestId('book-phone').fill(phone);
  await page.getByTestId('book-submit').click();
  await expect(page.getByTestId('book-appointment')).toHaveAttribute('data-status', 'booked');
  const code = ((await page.getByTestId('book-code').textContent()) ?? '').replace(/\s/g, '');
  expect(code).toMatch(/^\d{12}$/);
  await expect(page.getByTestId('book-qr')).toHaveAttribute('data-qr-text', `${hub.url}/book/${code}`);
  await shot(page, `book-done-${lang}-phone`);
  await expectAccessible(page, `booking done (${lang})`);
  await page.close();
  return code;
}

test('book on a phone, move it, cancel it: the slots and the messages follow', async ({ browser }) => {
  for (const lang of ['ar', 'en'] as const) {
    const ctx = await contextFor(browser, { lang, width: 390, height: 844 });
    const phone = lang === 'ar' ? '0944000101' : '0944000102';
    // The day after tomorrow: an earlier time may be within the 60-minute cut-off for changes.
    const code = await bookOnPhone(ctx, lang, 'land-planning', phone, lang === 'ar' ? 'سارة عمر' : 'Sara Omar', 2);
    expect((await sentTo(phone)).map((m) => [m.kind, m.lang])).toEqual([['booked', lang]]);
    // Moving and cancelling are the same code in both languages: walked through in Arabic.
    if (lang === 'en') {
      await ctx.close();
      continue;
    }

    const page = await ctx.newPage();
    await page.goto(`${hub.url}/book/${code}`);
    const before = (await page.getByTestId('book-when').textContent()) ?? '';
    await page.getByTestId('book-move').click();
    // A later day's first free time; moving asks first, like booking and cancelling.
    await dayWithSlots(page, lastDay + 1);
    await page.getByTestId('book-slot').and(page.locator(':enabled')).first().click();
    await expect(page.getByTestId('book-move-yes')).toBeVisible();
    await expect(page.getByTestId('book-when')).toHaveText(before);
    await shot(page, `book-move-confirm-${lang}-phone`);
    await page.getByTestId('book-move-yes').click();
    await expect(page.getByTestId('book-when')).not.toHaveText(before);
    await expect.poll(async () => (await sentTo(phone))[0]?.kind).toBe('moved');

    await page.getByTestId('book-cancel').click();
    await shot(page, `book-cancel-confirm-${lang}-phone`);
    await page.getByTestId('book-cancel-yes').click();
    await expect(page.getByTestId('book-appointment')).toHaveAttribute('data-status', 'cancelled');
    await expect.poll(async () => (await sentTo(phone))[0]?.kind).toBe('cancelled');
    await shot(page, `book-cancelled-${lang}-phone`);
    // A refused action reads in the page's language: cancelling again is refused with a clear text.
    const again = await api<{ error: { code: string } }>(hub.url, `/api/v1/public/appointments/${code}`, { method: 'DELETE' });
    expect(again.body.error.code).toBe('cancelled');
    await ctx.close();
  }
});

test.describe('at the kiosk', () => {
  test.skip(Boolean(socatSkipReason), `kiosk scanner: skipped — ${socatSkipReason} (the scanner runs on a socat pseudo-terminal)`);

  let sims: StationSimulators;
  let devices: DeviceManager;
  let dir: string;
  test.beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'dawr-citizen-'));
    sims = await startStationSimulators({ printerPort: 0, outDir: join(dir, 'printed'), devDir: join(dir, 'dev') });
    devices = createDeviceManager({ config: { printer: sims.config.printer, scanner: sims.config.scanner }, printerPollMs: 500 });
    devices.start();
  });
  test.afterAll(async () => {
    await devices?.close();
    await sims?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** A kiosk page whose `window.dawr` is the station bridge, its scanner and printer the device manager's. */
  async function kioskWithScanner(ctx: BrowserContext, token: string) {
    await ctx.exposeBinding('__dawrPrint', (_source, job) => devices.printTicket(job));
    await ctx.addInitScript(({ hubUrl, token }) => {
      const scanListeners = new Set<(r: unknown) => void>();
      const w = window as unknown as Record<string, unknown>;
      w.__dawrScan = (r: unknown) => scanListeners.forEach((l) => l(r));
      w.dawr = {
        available: true,
        station: { role: 'kiosk', hubUrl, deviceToken: token },
        printTicket: (job: unknown) => (window as unknown as { __dawrPrint: (j: unknown) => Promise<unknown> }).__dawrPrint(job),
        onIdCard: () => () => undefined,
        verifyFingerprint: async () => ({ ok: false, reason: 'absent', message: 'no fingerprint module' }),
        onScan: (l: (r: unknown) => void) => {
          scanListeners.add(l);
          return () => scanListeners.delete(l);
        },
        deviceHealth: async () => [],
        onDeviceHealth: () => () => undefined,
      };
    }, { hubUrl: hub.url, token });
    const page = await ctx.newPage();
    const off = devices.onScan((scan) => void page.evaluate((s) => (window as unknown as { __dawrScan: (x: unknown) => void }).__dawrScan(s), scan));
    page.once('close', off);
    return page;
  }

  test('the booking QR scanned at the kiosk gives an appointment ticket, and the phone is told "ahead" and "called"', async ({ browser }) => {
    const phone = '0944000200';
    // Checking in now needs a slot within the next half hour, whatever time this runs: the hall
    // works every day round the clock for this test, and its rule books up to the slot's start.
    const admin = (await login(hub.url, 'admin', 'dawr-admin')).token;
    const settings = (await api<{ hours: { weekly: unknown[] } }>(hub.url, '/api/v1/admin/settings', { token: admin })).body;
    expect((await api(hub.url, '/api/v1/admin/settings', { method: 'PUT', token: admin, body: { ...settings, hours: { ...settings.hours, weekly: settings.hours.weekly.map(() => ({ open: '00:00', close: '24:00' })) } } })).status).toBe(200);
    const rule = { serviceId: 'building-permits', enabled: true, weekdays: [0, 1, 2, 3, 4, 5, 6], from: '00:00', to: '24:00', slotMinutes: 15, perSlot: 1, daysAhead: 14, cancelCutoffMinutes: 0, checkInEarlyMinutes: 30, checkInLateMinutes: 15 };
    expect((await api(hub.url, '/api/v1/admin/booking-rules/building-permits', { method: 'PUT', token: admin, body: rule })).status).toBe(200);
    const phoneCtx = await contextFor(browser, { lang: 'ar', width: 390, height: 844 });
    const code = await bookOnPhone(phoneCtx, 'ar', 'building-permits', phone, 'ماهر علي');

    // Two walk-ins of the same service are waiting already.
    const kioskToken = await pairDevice(hub.url, 'kiosk', 'citizen-kiosk');
    for (let i = 0; i < 2; i++) expect((await api(hub.url, '/api/v1/tickets', { token: kioskToken, body: { serviceId: 'building-permits', lang: 'ar' } })).status).toBe(201);

    const kioskCtx = await contextFor(browser, { lang: 'ar', width: 1080, height: 1920 });
    const kiosk = await kioskWithScanner(kioskCtx, kioskToken);
    await kiosk.goto(`${hub.url}/kiosk`);
    await expect(kiosk.getByTestId('kiosk-appointment')).toBeVisible();
    await shot(kiosk, 'kiosk-start-with-appointment-ar-portrait');
    const printedBefore = sims.printer.tickets.length;
    expect(await sims.command(`scan ${hub.url}/book/${code}`)).toContain('scanned');
    await expect(kiosk.getByTestId('kiosk-ticket')).toHaveAttribute('data-print-state', 'printed');
    const number = ((await kiosk.getByTestId('kiosk-ticket-number').textContent()) ?? '').trim();
    await shot(kiosk, 'kiosk-checked-in-ar-portrait');
    // Printed (its priority band, "appointment", is in the raster; the queue below says it too).
    const printed = await sims.printer.nextTicket(printedBefore);
    expect(printed.lines).toContain(number);

    // The same QR again: refused, in Arabic, with the way to an ordinary ticket.
    await kiosk.getByTestId('kiosk-done').click();
    await sims.command(`scan ${hub.url}/book/${code}`);
    await expect(kiosk.getByTestId('kiosk-checkin-error')).toContainText('سُجّل الحضور لهذا الموعد من قبل');
    await shot(kiosk, 'kiosk-checkin-refused-ar-portrait');
    await expectAccessible(kiosk, 'kiosk check-in refused (ar)');
    await kiosk.getByTestId('kiosk-checkin-walkin').click();
    await expect(kiosk.getByTestId('kiosk-categories')).toBeVisible();

    // On the phone: the tracking page of the appointment ticket asks for an SMS.
    const supervisor = await login(hub.url, 'supervisor', 'dawr-supervisor');
    const queue = await api<{ tickets: { id: string; number: string; trackingCode: string; priority: string }[] }>(hub.url, '/api/v1/queue', { token: supervisor.token });
    const mine = queue.body.tickets.find((t) => t.number === number)!;
    expect(mine.priority).toBe('appointment');
    const track = await phoneCtx.newPage();
    await track.goto(`${hub.url}/track/${mine.trackingCode}`);
    await track.getByTestId('track-notify-phone').fill(phone);
    await track.getByTestId('track-notify-sms').click();
    await expect(track.getByTestId('track-notify-on')).toBeVisible();
    await shot(track, 'track-notify-ar-phone');
    await expectAccessible(track, 'tracking page with notifications (ar)');
    await expect.poll(async () => (await sentTo(phone)).map((m) => m.kind)).toContain('ahead');

    // A clerk calls it. (That a due appointment goes before the walk-ins is checked with a moved
    // clock in test/integration/hub/appointments.test.ts; here the slot is minutes away in real time.)
    const clerk = await login(hub.url, 'clerk1', 'dawr-clerk');
    await api(hub.url, '/api/v1/counters/counter-1/open', { token: clerk.token, body: {} });
    const called = await api(hub.url, `/api/v1/tickets/${mine.id}/call`, { token: clerk.token, body: { counterId: 'counter-1' } });
    expect(called.status).toBe(200);
    await expect(track.getByTestId('track-your-turn')).toBeVisible();
    await expect.poll(async () => (await sentTo(phone))[0]?.kind).toBe('called');
    expect((await sentTo(phone))[0]!.text).toContain('الشباك رقم ١');
    await kioskCtx.close();
    await phoneCtx.close();
  });
});

test('staff see the day\'s appointments; the manager sets a service\'s booking rule', async ({ browser }) => {
  for (const lang of ['ar', 'en'] as const) {
    const manager = await login(hub.url, 'manager', 'dawr-manager');
    const ctx = await contextFor(browser, { lang, width: 1366, height: 900, staff: manager });
    const page = await ctx.newPage();
    await page.goto(`${hub.url}/appointments`);
    await expect(page.getByTestId('appointments-counts')).toBeVisible();
    await expect(page.getByTestId('rule-building-permits')).toBeVisible();
    await shot(page, `appointments-${lang}-1366`);
    await expectAccessible(page, `appointments (${lang})`);
    await ctx.close();
  }
});

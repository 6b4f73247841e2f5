// The citizen-facing screens' rough edges, in Arabic and English, on one hub:
//  - kiosk (portrait): tiles with the people a new ticket would have ahead and the expected wait,
//    "no counter open now"; the ticket screen says whether it printed, how many are ahead (the
//    number its tile showed), the priority, the wait;
//  - hall display: a completed or no-show ticket leaves "now calling"; the ticker alternates its
//    language, large; the connection banner clear of the clock; the sound button in the header,
//    remembered;
//  - tracking page: one number ahead, a transfer explained, leaving the queue after a
//    confirmation, a beep and a vibration when called.
import { test, expect } from '@playwright/test';
import { startHubProcess, type HubProcess } from './hub-process.ts';
import { api, contextFor, expectAccessible, login, pairDevice, shot, type Lang, type Login } from './support.ts';

let hub: HubProcess;
let kioskToken: string;
let displayToken: string;
let clerk: Login;
let supervisor: Login;

type Issued = { id: string; number: string; trackingCode: string; position: number };
const issue = async (serviceId: string, lang: Lang = 'ar') => (await api<Issued>(hub.url, '/api/v1/tickets', { token: kioskToken, body: { serviceId, lang } })).body;
const act = (id: string, verb: string, body: object = {}) => api(hub.url, `/api/v1/tickets/${id}/${verb}`, { token: clerk.token, body });
/** Serves (or marks no-show) whatever counter 6 holds or is given, so each test starts with the counter free. */
async function freeCounter6(): Promise<void> {
  const counters = await api<{ id: string; ticketId?: string }[]>(hub.url, '/api/v1/counters', { token: clerk.token });
  const held = counters.body.find((c) => c.id === 'counter-6')?.ticketId;
  if (held) await act(held, 'no-show');
}

test.beforeAll(async () => {
  hub = await startHubProcess();
  kioskToken = await pairDevice(hub.url, 'kiosk', 'kiosk-citizen-screens');
  displayToken = await pairDevice(hub.url, 'display', 'display-citizen-screens');
  supervisor = await login(hub.url, 'supervisor', 'dawr-supervisor');
  // Counter 6 (fees and payments, certificates) is open; every other counter is closed.
  clerk = await login(hub.url, 'clerk6', 'dawr-clerk');
  expect((await api(hub.url, '/api/v1/counters/counter-6/open', { token: clerk.token, body: {} })).status).toBe(200);
});
test.afterAll(async () => {
  await hub?.dispose();
});

const TEXT = {
  ar: { noCounter: 'لا يوجد شباك مفتوح الآن', minutes: /دقيقة|دقائق|دقيقتان/, elderly: 'كبار السن', nobodyAhead: 'لا أحد قبلك', noPrint: 'لا طابعة في هذه الشاشة', left: 'غادرت الدور', moved: 'الشهادات والوثائق', same: 'رقمك لم يتغيّر' },
  en: { noCounter: 'No counter open now', minutes: /min/, elderly: 'Elderly', nobodyAhead: 'Nobody ahead of you', noPrint: 'No printer at this screen', left: 'You left the queue', moved: 'Certificates and documents', same: 'Your number stays the same' },
};
/** "N ahead of you" on a tile, by the language's plural rules. */
const aheadText = (lang: Lang, n: number) =>
  lang === 'en' ? (n === 0 ? 'Nobody ahead of you' : n === 1 ? '1 person ahead of you' : `${n} people ahead of you`)
  : n === 0 ? 'لا أحد قبلك' : n === 1 ? 'شخص واحد قبلك' : n === 2 ? 'شخصان قبلك' : n <= 10 ? `${'٠١٢٣٤٥٦٧٨٩'[n] ?? n} أشخاص قبلك` : '';

for (const lang of ['ar', 'en'] as Lang[]) {
  test(`kiosk 1080x1920: the queue on each tile, "no counter open", and a ticket screen that says it all (${lang})`, async ({ browser }) => {
    const before = await api<{ services: { serviceId: string; ahead: number }[] }>(hub.url, '/api/v1/queue', { token: supervisor.token });
    const aheadDocs = before.body.services.find((s) => s.serviceId === 'certificates')!.ahead;
    const ctx = await contextFor(browser, { lang, width: 1080, height: 1920, device: { role: 'kiosk', token: kioskToken } });
    const kiosk = await ctx.newPage();
    await kiosk.goto(`${hub.url}/kiosk`);
    await kiosk.getByTestId(`kiosk-lang-${lang}`).click();
    // Certificates: counter 6 is open — the people a new ticket would have ahead, and minutes. Building permits: no counter open.
    const docs = kiosk.getByTestId('kiosk-figures-documents');
    await expect(docs).toHaveAttribute('data-open', 'open');
    await expect(docs).toHaveAttribute('data-ahead', String(aheadDocs));
    if (aheadDocs <= 10) await expect(docs).toContainText(aheadText(lang, aheadDocs));
    await expect(docs).toContainText(TEXT[lang].minutes);
    const permits = kiosk.getByTestId('kiosk-figures-permits');
    await expect(permits).toHaveAttribute('data-open', 'none');
    await expect(permits).toContainText(TEXT[lang].noCounter);
    await expect(permits).not.toContainText(TEXT[lang].minutes);
    // A ticket issued elsewhere shows on the tile at once (the hub's queue figures, pushed).
    await issue('certificates');
    await expect(docs).toHaveAttribute('data-ahead', String(aheadDocs + 1));
    // Large tiles on the portrait screen.
    const box = await kiosk.getByTestId('kiosk-category-documents').boundingBox();
    expect(box!.height).toBeGreaterThanOrEqual(300);
    expect(box!.width).toBeGreaterThanOrEqual(450);
    await shot(kiosk, `citizen-kiosk-tiles-${lang}-1080x1920`);
    await expectAccessible(kiosk, `kiosk tiles (${lang})`);

    // Building permits with the elderly priority: no counter open, so no minutes on screen or paper.
    await kiosk.getByTestId('kiosk-category-permits').click();
    await kiosk.getByTestId('kiosk-priority-elderly').click();
    await expect(kiosk.getByTestId('kiosk-ticket')).toBeVisible();
    await expect(kiosk.getByTestId('kiosk-print-status')).toHaveAttribute('data-state', 'none');
    await expect(kiosk.getByTestId('kiosk-print-status')).toContainText(TEXT[lang].noPrint);
    await expect(kiosk.getByTestId('kiosk-ticket-priority')).toContainText(TEXT[lang].elderly);
    await expect(kiosk.getByTestId('kiosk-ticket-wait')).toHaveAttribute('data-open', 'none');
    await expect(kiosk.getByTestId('kiosk-ticket-wait')).not.toContainText(TEXT[lang].minutes);
    await expect(kiosk.getByTestId('ticket-preview')).not.toContainText(/Expected wait/);
    await expect(kiosk.getByTestId('ticket-preview')).toContainText('No counter open for this service now');
    const ahead = Number(await kiosk.getByTestId('kiosk-ticket-ahead').getAttribute('data-ahead'));
    if (ahead === 0) await expect(kiosk.getByTestId('kiosk-ticket-ahead')).toContainText(TEXT[lang].nobodyAhead);
    await shot(kiosk, `citizen-kiosk-ticket-no-counter-${lang}-1080x1920`);
    await expectAccessible(kiosk, `kiosk ticket, no counter open (${lang})`);
    await kiosk.getByTestId('kiosk-done').click();

    // Certificates: people ahead (at least the one issued above) and the expected wait in words —
    // and the ticket's "ahead" is the number its tile showed a tap before.
    await kiosk.getByTestId(`kiosk-lang-${lang}`).click();
    const tileAhead = Number(await kiosk.getByTestId('kiosk-figures-documents').getAttribute('data-ahead'));
    await kiosk.getByTestId('kiosk-category-documents').click();
    await kiosk.getByTestId('kiosk-priority-none').click();
    await expect(kiosk.getByTestId('kiosk-ticket-wait')).toHaveAttribute('data-open', 'open');
    await expect(kiosk.getByTestId('kiosk-ticket-wait')).toContainText(TEXT[lang].minutes);
    await expect(kiosk.getByTestId('kiosk-ticket-priority')).toHaveCount(0);
    expect(tileAhead).toBeGreaterThanOrEqual(1);
    await expect(kiosk.getByTestId('kiosk-ticket-ahead')).toHaveAttribute('data-ahead', String(tileAhead));
    await shot(kiosk, `citizen-kiosk-ticket-${lang}-1080x1920`);
    await ctx.close();
  });

  test(`hall display: calls leave "now calling" when finished; the ticker alternates, large; banner and sound clear of the content (${lang})`, async ({ browser }) => {
    const ctx = await contextFor(browser, { lang, width: 1920, height: 1080, device: { role: 'display', token: displayToken } });
    // A browser that blocks sound until someone touches the page (Chromium here is started with
    // autoplay allowed). A real touch or key only: Playwright's own evaluations count as user
    // activation, so `navigator.userActivation` cannot tell.
    await ctx.addInitScript(() => {
      const Real = window.AudioContext;
      let touched = false;
      for (const type of ['pointerdown', 'keydown']) addEventListener(type, (e) => { if (e.isTrusted) touched = true; }, true);
      window.AudioContext = class extends Real {
        override get state(): AudioContextState { return touched ? super.state : 'suspended'; }
        override resume(): Promise<void> { return touched ? super.resume() : new Promise<void>(() => {}); }
      };
    });
    const page = await ctx.newPage();
    let blocked = false;
    const sockets: { close(): Promise<void> }[] = [];
    await page.routeWebSocket(/\/api\/v1\/events/, (ws) => {
      if (blocked) return void ws.close();
      ws.connectToServer();
      sockets.push(ws);
    });
    await page.goto(`${hub.url}/display`);
    await expect(page.getByTestId('display')).toBeVisible();

    // A call shows in "now calling"; completed, it leaves (to the recent calls); a no-show too.
    await freeCounter6();
    const a = await issue('certificates');
    expect((await act(a.id, 'call', { counterId: 'counter-6' })).status).toBe(200);
    await expect(page.getByTestId('display-latest-ticket')).toHaveText(a.number);
    await act(a.id, 'start');
    await act(a.id, 'complete');
    await expect(page.getByTestId('display-latest')).toHaveAttribute('data-ticket', '');
    await expect(page.getByTestId('display-idle')).toBeVisible();
    await expect(page.getByTestId('display-history-row').first()).toContainText(a.number);
    const b = await issue('certificates');
    await act(b.id, 'call', { counterId: 'counter-6' });
    await expect(page.getByTestId('display-latest-ticket')).toHaveText(b.number);
    await act(b.id, 'no-show');
    await expect(page.getByTestId('display-idle')).toBeVisible();
    await expect(page.getByTestId('display-history-row').first()).toContainText(b.number);

    // The ticker: one language at a time, large, then the other.
    const ticker = page.getByTestId('display-ticker');
    const first = (await ticker.getAttribute('data-lang')) as Lang;
    await expect(ticker).toHaveAttribute('lang', first);
    expect(await page.locator('.foot-item').first().evaluate((e) => parseFloat(getComputedStyle(e).fontSize))).toBeGreaterThanOrEqual(30);
    await expect(page.getByTestId('display-ticker-certificates')).toContainText(first === 'ar' ? 'الشهادات والوثائق' : 'Certificates and documents');
    await expect(page.getByTestId('display-ticker-certificates')).not.toContainText(first === 'ar' ? 'Certificates' : 'الشهادات');
    await expect(ticker).toHaveAttribute('data-lang', first === 'ar' ? 'en' : 'ar', { timeout: 10_000 });

    // Sound blocked: the request sits in the header beside the clock, over nothing.
    const unlock = page.getByTestId('sound-unlock');
    await expect(unlock).toBeVisible();
    const inside = async (inner: string, outer: string) => {
      const i = (await page.locator(inner).boundingBox())!;
      const o = (await page.locator(outer).boundingBox())!;
      return i.x >= o.x && i.y >= o.y && i.x + i.width <= o.x + o.width && i.y + i.height <= o.y + o.height;
    };
    const overlap = async (x: string, y: string) => {
      const p = (await page.locator(x).boundingBox())!;
      const q = (await page.locator(y).boundingBox())!;
      return p.x < q.x + q.width && q.x < p.x + p.width && p.y < q.y + q.height && q.y < p.y + p.height;
    };
    expect(await inside('[data-testid=sound-unlock]', '.display-head')).toBe(true);
    expect(await overlap('.sound-controls', '[data-testid=display-clock]')).toBe(false);
    await shot(page, `citizen-display-sound-${lang}-1920x1080`);
    await expectAccessible(page, `display with the sound request (${lang})`);

    // The connection lost: the banner takes a row of its own, clear of the clock and the call.
    blocked = true;
    for (const s of sockets) await s.close();
    await expect(page.getByTestId('connection-banner')).toBeVisible();
    expect(await overlap('[data-testid=connection-banner]', '[data-testid=display-clock]')).toBe(false);
    expect(await overlap('[data-testid=connection-banner]', '[data-testid=display-latest]')).toBe(false);
    await shot(page, `citizen-display-offline-${lang}-1920x1080`);
    blocked = false;
    await expect(page.getByTestId('connection-banner')).toBeHidden({ timeout: 15_000 });

    if (lang === 'ar') {
      // Enabled with a tap: it stays enabled, and the choice is remembered.
      await unlock.click();
      await expect(page.getByTestId('display')).toHaveAttribute('data-sound', 'on');
      await expect(unlock).toBeHidden();
      expect(await page.evaluate(() => localStorage.getItem('dawr.display.sound'))).toBe('on');
    } else {
      // "Keep this screen silent" is remembered: after a restart it does not ask again.
      await page.getByTestId('sound-keep-silent').click();
      await expect(page.getByTestId('display')).toHaveAttribute('data-sound', 'off');
      await page.reload();
      await expect(page.getByTestId('display')).toHaveAttribute('data-sound', 'off');
      await expect(page.getByTestId('sound-unlock')).toHaveCount(0);
      await expect(page.getByTestId('sound-turn-on')).toBeVisible();
      expect(await inside('[data-testid=sound-turn-on]', '.display-head')).toBe(true);
    }
    await ctx.close();
  });

  test(`tracking page: one number ahead, a transfer explained, leaving the queue, a beep and a vibration when called (${lang})`, async ({ browser }) => {
    const ctx = await contextFor(browser, { lang, width: 390, height: 844 });
    // Records the alert: vibrations and the oscillators of the beep.
    await ctx.addInitScript(() => {
      const w = window as unknown as { vibrations: unknown[]; beeps: number };
      w.vibrations = [];
      w.beeps = 0;
      Object.defineProperty(navigator, 'vibrate', { value: (p: unknown) => { w.vibrations.push(p); return true; }, configurable: true });
      const real = AudioContext.prototype.createOscillator;
      AudioContext.prototype.createOscillator = function (this: AudioContext) { w.beeps++; return real.call(this); };
    });
    const page = await ctx.newPage();
    await freeCounter6();

    // Reception: no counter open — one number ahead, and no minutes.
    const r1 = await issue('reception', lang);
    const r2 = await issue('reception', lang);
    await page.goto(`${hub.url}/track/${r2.trackingCode}`);
    await expect(page.getByTestId('track-ahead')).toHaveAttribute('data-ahead', String(r2.position - 1));
    await expect(page.getByTestId('track-ahead').locator('.track-huge')).toHaveCount(r2.position > 1 ? 1 : 0);
    await expect(page.getByTestId('track-wait')).toHaveAttribute('data-open', 'none');
    await expect(page.getByTestId('track-wait')).not.toContainText(TEXT[lang].minutes);
    await shot(page, `citizen-track-waiting-${lang}-390x844`);
    await expectAccessible(page, `tracking page (${lang})`);

    // Leave the queue: asked first; "no" keeps the place; "yes" cancels it, and it is gone from the queue.
    await page.getByTestId('track-leave').click();
    await expect(page.getByTestId('track-leave-confirm')).toBeVisible();
    await expect(page.getByTestId('track-leave-confirm')).toContainText(r2.number);
    await shot(page, `citizen-track-leave-${lang}-390x844`);
    await expectAccessible(page, `leave the queue? (${lang})`);
    await page.getByTestId('track-leave-keep').click();
    await expect(page.getByTestId('track-leave-confirm')).toHaveCount(0);
    await expect(page.getByTestId('track')).toHaveAttribute('data-status', 'waiting');
    await page.getByTestId('track-leave').click();
    await page.getByTestId('track-leave-yes').click();
    await expect(page.getByTestId('track')).toHaveAttribute('data-status', 'cancelled');
    await expect(page.getByTestId('track-status')).toContainText(TEXT[lang].left);
    const queue = await api<{ tickets: { id: string }[] }>(hub.url, '/api/v1/queue', { token: supervisor.token });
    expect(queue.body.tickets.map((t) => t.id)).not.toContain(r2.id);
    expect(queue.body.tickets.map((t) => t.id)).toContain(r1.id);

    // Transferred at counter 6 from certificates to reception: explained, the number kept.
    const moved = await issue('certificates', lang);
    await act(moved.id, 'call', { counterId: 'counter-6' });
    await act(moved.id, 'start');
    expect((await act(moved.id, 'transfer', { serviceId: 'reception' })).status).toBe(200);
    await page.goto(`${hub.url}/track/${moved.trackingCode}`);
    await expect(page.getByTestId('track-transferred')).toContainText(TEXT[lang].moved);
    await expect(page.getByTestId('track-transferred')).toContainText(TEXT[lang].same);
    await expect(page.getByTestId('track-transferred')).toContainText(moved.number);
    await expect(page.getByTestId('track-number')).toHaveText(moved.number);
    await shot(page, `citizen-track-transferred-${lang}-390x844`);
    await expectAccessible(page, `transferred ticket (${lang})`);

    // Called while the page is open: "your turn", a beep and a vibration.
    const mine = await issue('certificates', lang);
    await page.goto(`${hub.url}/track/${mine.trackingCode}`);
    await expect(page.getByTestId('track-wait')).toHaveAttribute('data-open', 'open');
    await page.getByTestId('track-number').click(); // a touch on the page readies the sound
    await act(mine.id, 'call', { counterId: 'counter-6' });
    await expect(page.getByTestId('track-your-turn')).toBeVisible();
    await expect.poll(() => page.evaluate(() => (window as unknown as { vibrations: unknown[] }).vibrations.length)).toBeGreaterThanOrEqual(1);
    expect(await page.evaluate(() => (window as unknown as { beeps: number }).beeps)).toBeGreaterThanOrEqual(1);
    await expect(page.getByTestId('track-leave')).toHaveCount(0);
    await shot(page, `citizen-track-called-${lang}-390x844`);
    // Called again (a recall): the page alerts again.
    const vibrations = await page.evaluate(() => (window as unknown as { vibrations: unknown[] }).vibrations.length);
    await act(mine.id, 'recall');
    await expect.poll(() => page.evaluate(() => (window as unknown as { vibrations: unknown[] }).vibrations.length)).toBeGreaterThan(vibrations);
    await ctx.close();
  });
}

// The hall's voice in a real browser (Chromium has no speech voices here, like many hall PCs):
// a call on the display plays exactly the clips of its plan, back to back on the audio clock, with
// no speech synthesis; two quick calls play one after the other, never over each other. In admin
// a call is heard as the displays play it; a hall pack's clip is recorded from the microphone
// (Chromium's fake capture, fed a spoken clip) and another uploaded, a bad file is refused in the
// screen's language, and once the hall pack speaks, the call is heard from it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect } from '@playwright/test';
import { VOICE_DIR, buildDefaultPacksIfMissing } from '../../scripts/voice-pack.ts';
import { startHubProcess, type HubProcess } from './hub-process.ts';
import { chromiumPath } from './playwright.config.ts';
import { installAudioProbe, pathOf, readProbe, type Played } from './audio-probe.ts';
import { api, contextFor, expectAccessible, login, pairDevice, shot } from './support.ts';

type Plan = { text: string; clips: { id: string; lang: string; url: string | null; ms: number }[]; parts: { lang: string; complete: boolean; pack: string | null }[] };

// The microphone is Chromium's fake capture device, playing a spoken clip of the default pack once.
const spoken = join(VOICE_DIR, 'espeak-ar', 'n-7.wav');
test.use({
  launchOptions: {
    executablePath: chromiumPath,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--autoplay-policy=no-user-gesture-required',
      '--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', `--use-file-for-fake-audio-capture=${spoken}%noloop`],
  },
});

// A hub per test: each takes counter 1 and makes its own voice pack.
let hub: HubProcess;
test.beforeAll(() => buildDefaultPacksIfMissing());
test.beforeEach(async () => {
  hub = await startHubProcess();
});
test.afterEach(async () => {
  await hub?.dispose();
});

/** Within one language part, each clip starts exactly when the one before ends. */
function expectGapless(starts: Played[]): void {
  for (let i = 1; i < starts.length; i++) expect(starts[i]!.when).toBeCloseTo(starts[i - 1]!.when + starts[i - 1]!.duration, 4);
}

test('a call on the display plays exactly the clips of its plan, gapless; two quick calls one after the other', async ({ browser }) => {
  const displayToken = await pairDevice(hub.url, 'display', 'voice-display');
  const kioskToken = await pairDevice(hub.url, 'kiosk', 'voice-kiosk');
  const ctx = await contextFor(browser, { lang: 'ar', width: 1920, height: 1080, device: { role: 'display', token: displayToken } });
  await installAudioProbe(ctx);
  const display = await ctx.newPage();
  await display.goto(`${hub.url}/display`);
  await expect(display.getByTestId('display')).toBeVisible();
  expect(await display.evaluate(() => speechSynthesis.getVoices().length)).toBe(0);

  const clerk = await login(hub.url, 'clerk1', 'dawr-clerk');
  const first = await api<{ id: string; number: string }>(hub.url, '/api/v1/tickets', { token: kioskToken, body: { serviceId: 'building-permits', lang: 'ar' } });
  const second = await api<{ id: string; number: string }>(hub.url, '/api/v1/tickets', { token: kioskToken, body: { serviceId: 'building-permits', lang: 'ar' } });
  await api(hub.url, '/api/v1/counters/counter-1/open', { token: clerk.token, body: {} });
  // Two calls within milliseconds: the first served at once, the next called.
  expect((await api(hub.url, `/api/v1/tickets/${first.body.id}/call`, { token: clerk.token, body: { counterId: 'counter-1' } })).status).toBe(200);
  await api(hub.url, `/api/v1/tickets/${first.body.id}/start`, { token: clerk.token, body: {} });
  await api(hub.url, `/api/v1/tickets/${first.body.id}/complete`, { token: clerk.token, body: { outcome: 'completed' } });
  expect((await api(hub.url, `/api/v1/tickets/${second.body.id}/call`, { token: clerk.token, body: { counterId: 'counter-1' } })).status).toBe(200);

  const plans: Plan[] = [];
  for (const t of [first.body, second.body]) plans.push((await api<Plan>(hub.url, `/api/v1/voice/plan?number=${t.number}&counter=1`, { token: clerk.token })).body);
  for (const p of plans) {
    expect(p.parts.map((x) => [x.lang, x.complete])).toEqual([['ar', true], ['en', true]]);
    expect(p.clips.every((c) => c.url)).toBe(true);
  }
  const expected = plans.flatMap((p) => p.clips.map((c) => c.url));
  await expect.poll(async () => (await readProbe(display)).starts.length, { timeout: 60_000 }).toBe(expected.length);
  const { starts, spoken: synthesised } = await readProbe(display);
  expect(starts.map((s) => pathOf(s.url))).toEqual(expected);
  expect(synthesised).toEqual([]);
  // Per call: the chime and the Arabic words in one run, then the English words in another.
  let i = 0;
  let previousEnd = 0;
  for (const p of plans) {
    const ar = p.clips.filter((c) => c.lang === 'ar').length;
    const en = p.clips.length - ar;
    const arPart = starts.slice(i, i + ar);
    const enPart = starts.slice(i + ar, i + ar + en);
    expectGapless(arPart);
    expectGapless(enPart);
    // The second call starts only when the first has finished.
    expect(arPart[0]!.when).toBeGreaterThanOrEqual(previousEnd);
    expect(enPart[0]!.when).toBeGreaterThanOrEqual(arPart.at(-1)!.when + arPart.at(-1)!.duration);
    previousEnd = enPart.at(-1)!.when + enPart.at(-1)!.duration;
    i += ar + en;
  }
  await ctx.close();
});

test('in admin: a call heard as the displays play it; a clip recorded and one uploaded; a bad file refused; the hall voice speaks', async ({ browser }) => {
  const admin = await login(hub.url, 'admin', 'dawr-admin');
  const ctx = await contextFor(browser, { lang: 'ar', width: 1366, height: 900, staff: admin });
  await installAudioProbe(ctx);
  const page = await ctx.newPage();
  await page.goto(`${hub.url}/admin`);
  await page.getByTestId('admin-tab-voice').click();

  // The default voice: "الرقم إيه مئة وخمسة وعشرون، إلى الشباك رقم ثلاثة", then the English call.
  await page.getByTestId('voice-hear-play').click();
  const parts = page.getByTestId('voice-hear-parts');
  await expect(parts).toContainText('الرقم إيه مئة وخمسة وعشرون، إلى الشباك رقم ثلاثة');
  await expect(parts.locator('li[data-complete="yes"]')).toHaveCount(2);
  const plan = (await api<Plan>(hub.url, '/api/v1/voice/plan?number=A-125&counter=3', { token: admin.token })).body;
  await expect.poll(async () => (await readProbe(page)).starts.map((s) => pathOf(s.url))).toEqual(plan.clips.map((c) => c.url));

  // A hall voice for Arabic: one clip recorded, one uploaded, a text file refused.
  await page.getByTestId('voice-new-ar').click();
  const pack = page.getByTestId('voice-pack-hall-ar');
  await expect(pack).toBeVisible();
  await page.getByTestId('voice-record-n-7').click();
  await expect(page.getByTestId('voice-stop-n-7')).toHaveAttribute('data-seconds', /^[2-9]$/, { timeout: 15_000 });
  await shot(page, 'admin-voice-recording-ar-1366x900');
  await page.getByTestId('voice-stop-n-7').click();
  await expect(page.getByTestId('voice-message')).toContainText('«n-7»');
  await expect(page.getByTestId('voice-clip-n-7')).toHaveCount(0); // no longer missing

  await page.getByTestId('voice-upload-n-8').setInputFiles({ name: 'eight.wav', mimeType: 'audio/wav', buffer: readFileSync(join(VOICE_DIR, 'espeak-ar', 'n-8.wav')) });
  await expect(page.getByTestId('voice-message')).toContainText('«n-8»');
  await page.getByTestId('voice-upload-n-9').setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('not audio at all') });
  await expect(page.getByTestId('voice-message')).toHaveText('الملف ليس ملفًا صوتيًا يمكن قراءته.');
  await page.getByTestId('voice-all-hall-ar').check();
  await expect(page.getByTestId('voice-clip-n-7')).toHaveAttribute('data-recorded', 'yes');
  await expect(page.getByTestId('voice-clip-n-9')).toHaveAttribute('data-recorded', 'no');
  await shot(page, 'admin-voice-ar-1366x900');
  await expectAccessible(page, 'admin voice');

  // The rest of the hall pack (through the API, as a manager uploading a folder would), then it speaks.
  const packs = (await api<{ packs: { id: string; missing: string[] }[] }>(hub.url, '/api/v1/voice/packs', { token: admin.token })).body;
  for (const clip of packs.packs.find((p) => p.id === 'hall-ar')!.missing) {
    const wav = readFileSync(join(VOICE_DIR, 'espeak-ar', `${clip}.wav`));
    const r = await fetch(`${hub.url}/api/v1/voice/packs/hall-ar/clips/${clip}`, { method: 'PUT', headers: { authorization: `Bearer ${admin.token}`, 'content-type': 'audio/wav' }, body: wav });
    expect(r.status, clip).toBeLessThan(300);
  }
  await page.reload();
  await page.getByTestId('admin-tab-voice').click();
  await page.getByTestId('voice-use-hall-ar').click();
  await expect(page.getByTestId('voice-pack-hall-ar')).toContainText('المستخدم الآن');
  const before = (await readProbe(page)).starts.length;
  await page.getByTestId('voice-hear-play').click();
  await expect(parts.locator('li').first()).toContainText('hall-ar');
  await expect.poll(async () => (await readProbe(page)).starts.length).toBeGreaterThan(before + 5);
  const heard = (await readProbe(page)).starts.slice(before).map((s) => pathOf(s.url));
  expect(heard.filter((u) => u.startsWith('/voice/hall-ar/')).length).toBeGreaterThan(5);
  await ctx.close();
});

/** HH:MM in Riyadh, `minutes` from now. */
function riyadhTime(minutes: number): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Riyadh', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(Date.now() + minutes * 60_000));
}

test("a display's volume and quiet hours set in admin: in its quiet hours a call is shown, not heard, while another display speaks it", async ({ browser }) => {
  const admin = await login(hub.url, 'admin', 'dawr-admin');
  const quietToken = await pairDevice(hub.url, 'display', 'upstairs-screen');
  const loudToken = await pairDevice(hub.url, 'display', 'entrance-screen');
  const kioskToken = await pairDevice(hub.url, 'kiosk', 'quiet-kiosk');

  // The admin gives the upstairs screen 40 % and quiet hours around now (past midnight if need be).
  const actx = await contextFor(browser, { lang: 'ar', width: 1366, height: 900, staff: admin });
  const page = await actx.newPage();
  await page.goto(`${hub.url}/admin`);
  await page.getByTestId('admin-tab-devices').click();
  await page.getByTestId('device-row').filter({ hasText: 'upstairs-screen' }).getByTestId('device-sound').click();
  await expect(page.getByTestId('display-sound-dialog')).toBeVisible();
  await page.getByTestId('display-sound-volume').fill('40');
  await expect(page.getByTestId('display-sound-volume-value')).toHaveText('٤٠٪');
  await page.getByTestId('quiet-add').click();
  await page.getByTestId('quiet-0-from').fill(riyadhTime(-60));
  await page.getByTestId('quiet-0-to').fill(riyadhTime(60));
  await shot(page, 'admin-display-sound-ar-1366x900');
  await expectAccessible(page, 'display sound dialog');
  await page.getByTestId('display-sound-submit').click();
  await expect(page.getByTestId('devices-status')).toContainText('upstairs-screen');
  await actx.close();

  const open = async (token: string) => {
    const ctx = await contextFor(browser, { lang: 'ar', width: 1920, height: 1080, device: { role: 'display', token } });
    await installAudioProbe(ctx);
    const p = await ctx.newPage();
    const plans: string[] = [];
    p.on('request', (r) => { if (r.url().includes('/api/v1/voice/plan')) plans.push(r.url()); });
    await p.goto(`${hub.url}/display`);
    return { ctx, page: p, plans };
  };
  const quiet = await open(quietToken);
  const loud = await open(loudToken);
  await expect(quiet.page.getByTestId('display')).toHaveAttribute('data-volume', '40');
  await expect(quiet.page.getByTestId('display')).toHaveAttribute('data-quiet', 'yes');
  await expect(quiet.page.getByTestId('display-quiet-hours')).toBeVisible();
  await expect(loud.page.getByTestId('display')).toHaveAttribute('data-quiet', 'no');
  await shot(quiet.page, 'display-quiet-hours-ar-1920x1080');

  const clerk = await login(hub.url, 'clerk1', 'dawr-clerk');
  const t = await api<{ id: string; number: string }>(hub.url, '/api/v1/tickets', { token: kioskToken, body: { serviceId: 'building-permits', lang: 'ar' } });
  await api(hub.url, '/api/v1/counters/counter-1/open', { token: clerk.token, body: {} });
  expect((await api(hub.url, `/api/v1/tickets/${t.body.id}/call`, { token: clerk.token, body: { counterId: 'counter-1' } })).status).toBe(200);
  // Both show the call; the entrance screen speaks all of it, and by then the upstairs one, which
  // got the same event, has asked for no plan and started no sound.
  const plan = (await api<Plan>(hub.url, `/api/v1/voice/plan?number=${t.body.number}&counter=1`, { token: admin.token })).body;
  await expect(quiet.page.getByTestId('display-latest-ticket')).toHaveText(t.body.number);
  await expect(loud.page.getByTestId('display-latest-ticket')).toHaveText(t.body.number);
  await expect.poll(async () => (await readProbe(loud.page)).starts.length, { timeout: 30_000 }).toBe(plan.clips.length);
  expect(quiet.plans).toEqual([]);
  expect(await readProbe(quiet.page)).toEqual({ starts: [], spoken: [] });
  await quiet.ctx.close();
  await loud.ctx.close();
});

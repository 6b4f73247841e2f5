// Help at the kiosk for a citizen who cannot read the screen, in Arabic and English: one button on
// the welcome screen turns on large text, high contrast and the voice guide (no autoplay flag:
// the touch on the button is what lets the page play). The guide reads each step and its
// choices with the hall's voice packs — phrases, the ticket's letter and number — and the
// services' names through the hub's synthesiser; a tile is chosen by touch, then a second touch;
// after the ticket the kiosk is back to normal for the next citizen. axe and screenshots.
import { test, expect, type Page } from '@playwright/test';
import { buildDefaultPacksIfMissing } from '../../scripts/voice-pack.ts';
import { startHubProcess, type HubProcess } from './hub-process.ts';
import { chromiumPath } from './playwright.config.ts';
import { installAudioProbe, pathOf, readProbe } from './audio-probe.ts';
import { contextFor, expectAccessible, pairDevice, shot, type Lang } from './support.ts';

test.use({
  launchOptions: {
    executablePath: chromiumPath,
    // The hall's kiosk command line has no autoplay flag: sound starts from the citizen's touch.
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
  },
});

let hub: HubProcess;
test.beforeAll(async () => {
  buildDefaultPacksIfMissing();
  hub = await startHubProcess();
});
test.afterAll(async () => {
  await hub?.dispose();
});

/** The paths of every audio buffer the page has started playing. */
const played = async (page: Page) => (await readProbe(page)).starts.map((s) => pathOf(s.url).replace(/\?.*$/, ''));
const heard = (page: Page, path: string | RegExp) =>
  expect.poll(async () => (await played(page)).some((p) => (typeof path === 'string' ? p === path : path.test(p))), { message: `played ${path}` }).toBe(true);

for (const lang of ['ar', 'en'] as Lang[]) {
  test(`help on the kiosk (${lang}): large text, voice guide, touch then touch again; reset after the ticket`, async ({ browser }) => {
    const token = await pairDevice(hub.url, 'kiosk', `kiosk-assist-${lang}`);
    const ctx = await contextFor(browser, { lang, width: 1080, height: 1920, device: { role: 'kiosk', token } });
    await installAudioProbe(ctx);
    const page = await ctx.newPage();
    await page.goto(`${hub.url}/kiosk`);
    const kiosk = page.getByTestId('kiosk');
    await expect(kiosk).toHaveAttribute('data-assist', 'off');
    const help = page.getByTestId('kiosk-assist');
    await expect(help).toBeVisible();
    await expect(help).toContainText('مساعدة: خط كبير وتوجيه صوتي');
    await expect(help).toContainText('Help: large text and voice guide');
    expect((await help.boundingBox())!.height).toBeGreaterThanOrEqual(100);

    // One touch: help on, the welcome said in both languages from the packs.
    await help.click();
    await expect(kiosk).toHaveAttribute('data-assist', 'on');
    await expect(page.getByTestId('assist-bar')).toBeVisible();
    await heard(page, '/voice/espeak-ar/guide-on.wav');
    await heard(page, '/voice/espeak-en/guide-language.wav');
    await expect(page.getByTestId('assist-caption')).toContainText('Choose your language');
    await shot(page, `kiosk-assist-1-welcome-${lang}-1080x1920`);
    await expectAccessible(page, 'kiosk help: welcome');

    // A language: the first touch says it and marks it, the second chooses it.
    const pick = page.getByTestId(`kiosk-lang-${lang}`);
    await pick.click();
    await expect(pick).toHaveAttribute('data-armed', 'true');
    await expect(pick.getByTestId('assist-again')).toBeVisible();
    await heard(page, `/voice/espeak-${lang}/guide-this-language.wav`);
    await expect(kiosk).toHaveAttribute('data-step', 'lang');
    await pick.click();
    await expect(kiosk).toHaveAttribute('data-step', 'category');

    // The categories: the question from the pack, each category's name from the hub's synthesiser.
    await heard(page, `/voice/espeak-${lang}/guide-category.wav`);
    await heard(page, /^\/voice\/said\/[0-9a-f]{32}\.wav$/);
    await expect(page.getByTestId('assist-caption')).toHaveAttribute('data-said-by', /^pack( hub)+$/);
    const tile = page.getByTestId('kiosk-category-permits');
    const name = (await tile.locator('.tile-name').textContent())!;
    await expect(page.getByTestId('assist-caption')).toContainText(name);
    const fontPx = await tile.locator('.tile-name').evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    expect(fontPx, 'large text').toBeGreaterThanOrEqual(44);
    await tile.click();
    await expect(tile).toHaveAttribute('data-armed', 'true');
    await expect(kiosk).toHaveAttribute('data-step', 'category');
    await expect(page.getByTestId('assist-caption')).toContainText(name);
    await shot(page, `kiosk-assist-2-categories-${lang}-1080x1920`);
    await expectAccessible(page, 'kiosk help: categories, one touched');
    // Touching another tile moves the mark; nothing is chosen.
    const other = page.locator('[data-testid^="kiosk-category-"]').nth(1);
    await other.click();
    await expect(other).toHaveAttribute('data-armed', 'true');
    await expect(tile).not.toHaveAttribute('data-armed', 'true');
    await tile.click();
    await tile.click();

    // Priority: the question and every choice from the pack.
    await expect(kiosk).toHaveAttribute('data-step', 'priority');
    await heard(page, `/voice/espeak-${lang}/guide-need-pregnancy.wav`);
    await shot(page, `kiosk-assist-3-priority-${lang}-1080x1920`);
    await expectAccessible(page, 'kiosk help: priority');
    const none = page.getByTestId('kiosk-priority-none');
    await none.click();
    await expect(none).toHaveAttribute('data-armed', 'true');
    await none.click();

    // The ticket: "your number is" with the ticket's letter and number from the pack.
    await expect(page.getByTestId('kiosk-ticket')).toBeVisible();
    const number = (await page.getByTestId('kiosk-ticket-number').textContent())!.trim();
    await heard(page, `/voice/espeak-${lang}/guide-your-number.wav`);
    await heard(page, `/voice/espeak-${lang}/letter-${number[0]!.toLowerCase()}.wav`);
    await heard(page, `/voice/espeak-${lang}/guide-take.wav`);
    await expect(page.getByTestId('assist-caption')).toContainText(number);
    await shot(page, `kiosk-assist-4-ticket-${lang}-1080x1920`);
    await expectAccessible(page, 'kiosk help: ticket');

    // Done: the next citizen meets the ordinary kiosk.
    await page.getByTestId('kiosk-done').click();
    await expect(kiosk).toHaveAttribute('data-step', 'lang');
    await expect(kiosk).toHaveAttribute('data-assist', 'off');
    await expect(page.getByTestId('assist-bar')).toHaveCount(0);
    await page.getByTestId(`kiosk-lang-${lang}`).click();
    await expect(kiosk).toHaveAttribute('data-step', 'category');
    await ctx.close();
  });
}

test('help off takes two touches, like every choice with help on; without help one touch chooses', async ({ browser }) => {
  const token = await pairDevice(hub.url, 'kiosk', 'kiosk-assist-off');
  const ctx = await contextFor(browser, { lang: 'en', width: 1920, height: 1080, device: { role: 'kiosk', token } });
  const page = await ctx.newPage();
  await page.goto(`${hub.url}/kiosk`);
  const kiosk = page.getByTestId('kiosk');
  await page.getByTestId('kiosk-assist').click();
  const off = page.getByTestId('assist-off');
  await off.click();
  await expect(kiosk).toHaveAttribute('data-assist', 'on');
  await expect(off).toHaveAttribute('data-armed', 'true');
  await shot(page, 'kiosk-assist-off-armed-en-1920x1080');
  await off.click();
  await expect(kiosk).toHaveAttribute('data-assist', 'off');
  await page.getByTestId('kiosk-lang-en').click();
  await expect(kiosk).toHaveAttribute('data-step', 'category');
  await ctx.close();
});

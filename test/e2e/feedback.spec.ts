// Suggestions and complaints in a real browser (issue 14, item 4): a citizen on a phone opens the
// form from their ticket's tracking page, files a suggestion and sees its reference number; a
// supervisor finds it from the dashboard's card, assigns and answers it in the inbox; the citizen
// follows the reference and reads the answer. Arabic (right-to-left) and English; the kiosk's
// button shows the form's QR code. Screenshots: test-results/screens/feedback-*.png.
import { test, expect, type Page } from '@playwright/test';
import { startHubProcess, type HubProcess } from './hub-process.ts';
import { api, contextFor, expectAccessible, login, pairDevice, shot, type Lang, type Login } from './support.ts';

let hub: HubProcess;
let supervisor: Login;
let kioskToken: string;

test.beforeAll(async () => {
  hub = await startHubProcess();
  supervisor = await login(hub.url, 'supervisor', 'dawr-supervisor');
  kioskToken = await pairDevice(hub.url, 'kiosk', 'kiosk-feedback');
});
test.afterAll(async () => {
  await hub?.dispose();
});

const TEXT: Record<Lang, string> = {
  ar: 'أقترح زيادة عدد المقاعد قرب الشباك ٣ وتوفير ماء للشرب.',
  en: 'Please add more seats near counter 3 and a water dispenser.',
};
const ANSWER: Record<Lang, string> = {
  ar: 'شكرًا لاقتراحك، سنضيف مقاعد هذا الأسبوع.',
  en: 'Thank you, more seats arrive this week.',
};

async function supervisorAnswers(page: Page, reference: string, lang: Lang) {
  await page.goto(`${hub.url}/dashboard`);
  await expect(page.getByTestId('feedback-kpis')).toBeVisible();
  await expect(page.getByTestId('kpi-feedback-new')).not.toHaveText(lang === 'ar' ? '٠' : '0');
  await page.getByTestId('open-feedback-inbox').click();
  const item = page.getByTestId(`inbox-item-${reference}`);
  await expect(item).toBeVisible();
  await expect(item.getByTestId('inbox-item-text')).toHaveText(TEXT[lang]);
  await item.getByTestId('inbox-assignee').selectOption(supervisor.user.id);
  await item.getByTestId('inbox-assign').click();
  await expect(item).toHaveAttribute('data-status', 'in_progress');
  await item.getByTestId('inbox-answer').fill(ANSWER[lang]);
  await item.getByTestId('inbox-send-answer').click();
  await expect(item).toHaveAttribute('data-status', 'answered');
  // The sent answer is locked: who sent it, when; no second "send".
  await expect(item.getByTestId('inbox-sent-answer')).toContainText(ANSWER[lang]);
  await expect(item.getByTestId('inbox-sent-answer')).toContainText('supervisor');
  await expect(item.getByTestId('inbox-send-answer')).toHaveCount(0);
  await expect(item.getByTestId('inbox-answer')).toHaveCount(0);
  await shot(page, `feedback-inbox-${lang}-1366x768`);
  await expectAccessible(page, 'feedback inbox');
  // Closing asks first; declined, nothing changes; confirmed, it closes and can be reopened.
  await item.getByTestId('inbox-close').click();
  await expect(page.getByTestId('confirm-dialog')).toBeVisible();
  await page.getByTestId('confirm-no').click();
  await expect(item).toHaveAttribute('data-status', 'answered');
  await item.getByTestId('inbox-close').click();
  await page.getByTestId('confirm-yes').click();
  await expect(item).toHaveAttribute('data-status', 'closed');
  await item.getByTestId('inbox-reopen').click();
  await expect(item).toHaveAttribute('data-status', 'answered');
}

for (const lang of ['ar', 'en'] as Lang[]) {
  test(`a citizen files a suggestion from their ticket and follows its answer (${lang})`, async ({ browser }) => {
    const ticket = await api<{ trackingCode: string; number: string }>(hub.url, '/api/v1/tickets', { token: supervisor.token, body: { serviceId: 'reception', lang } });
    expect(ticket.status).toBe(201);

    const phone = await contextFor(browser, { lang, width: 390, height: 844 });
    const page = await phone.newPage();
    await page.goto(`${hub.url}/track/${ticket.body.trackingCode}`);
    await expect(page.getByTestId('track-number')).toHaveText(ticket.body.number);
    await page.getByTestId('open-feedback').click();
    await expect(page.getByTestId('feedback')).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('dir', lang === 'ar' ? 'rtl' : 'ltr');
    await expect(page.getByTestId('feedback-linked')).toContainText(ticket.body.number);

    // Sending with nothing chosen is refused on the page, in the page's language.
    await page.getByTestId('feedback-submit').click();
    await expect(page.getByTestId('feedback-error')).toHaveText(lang === 'ar' ? /تحقق مما أدخلته/ : /Please check what you entered/);

    // Categories a citizen recognises: a complaint about the service is not a 940 street report.
    await expect(page.getByTestId('feedback-category-service').locator('..')).toContainText(lang === 'ar' ? 'شكوى على الخدمة' : 'A complaint about the service');
    await expect(page.getByTestId('feedback-category-municipal_report').locator('..')).toContainText(lang === 'ar' ? '٩٤٠' : '940'); // the demo hall's Arabic-Indic digits
    await page.getByTestId('feedback-category-suggestion').check();
    await page.getByTestId('feedback-text').fill(TEXT[lang]);
    await expect(page.getByTestId('feedback-count')).toContainText(lang === 'ar' ? '٢٬٠٠٠' : '2,000');
    await page.getByTestId('feedback-contact').fill('citizen@example.org');
    await shot(page, `feedback-form-${lang}-390x844`);
    await expectAccessible(page, 'feedback form');
    await page.getByTestId('feedback-submit').click();

    const shown = page.getByTestId('feedback-reference');
    await expect(shown).toHaveText(/^[2-9A-Z]{5}-[2-9A-Z]{5}$/);
    const reference = (await shown.innerText()).replace('-', '');
    await shot(page, `feedback-sent-${lang}-390x844`);
    await expectAccessible(page, 'feedback sent');

    // The public view carries neither the text nor the contact.
    const pub = await api<Record<string, unknown>>(hub.url, `/api/v1/public/feedback/${reference}`);
    expect(pub.body).toMatchObject({ status: 'open', category: 'suggestion' });
    expect(JSON.stringify(pub.body)).not.toMatch(/citizen@|seats|المقاعد/);

    await page.getByTestId('feedback-follow').click();
    await expect(page.getByTestId('feedback-status')).toHaveAttribute('data-status', 'open');
    await expect(page.getByTestId('feedback-no-answer')).toBeVisible();

    const desk = await contextFor(browser, { lang, width: 1366, height: 768, staff: supervisor });
    await supervisorAnswers(await desk.newPage(), reference, lang);
    await desk.close();

    // The citizen comes back later with the number typed by hand (lower case, with the dash).
    await page.goto(`${hub.url}/feedback`);
    await page.getByTestId('feedback-ref-input').fill(`${reference.slice(0, 5)}-${reference.slice(5)}`.toLowerCase());
    await page.getByTestId('feedback-ref-go').click();
    await expect(page.getByTestId('feedback-status')).toHaveAttribute('data-status', 'answered');
    await expect(page.getByTestId('feedback-answer')).toHaveText(ANSWER[lang]);
    await shot(page, `feedback-status-${lang}-390x844`);
    await expectAccessible(page, 'feedback status');
    await phone.close();
  });
}

test('the kiosk shows the form as a QR code with the 940 line (no typing at a public screen)', async ({ browser }) => {
  const ctx = await contextFor(browser, { lang: 'ar', width: 1080, height: 1920, device: { role: 'kiosk', token: kioskToken } });
  const page = await ctx.newPage();
  await page.goto(`${hub.url}/kiosk`);
  await expect(page.getByTestId('kiosk-lang')).toBeVisible();
  await page.getByTestId('kiosk-feedback').click();
  const dialog = page.getByTestId('kiosk-feedback-dialog');
  await expect(dialog).toBeVisible();
  await expect(page.getByTestId('kiosk-feedback-qr')).toHaveAttribute('data-qr-text', `${hub.url}/feedback`);
  await expect(dialog).toContainText('940');
  await shot(page, 'feedback-kiosk-1080x1920');
  await expectAccessible(page, 'kiosk feedback');
  await page.getByTestId('kiosk-feedback-close').click();
  await expect(dialog).toBeHidden();
  await ctx.close();
});

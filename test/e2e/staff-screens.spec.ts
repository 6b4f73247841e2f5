// The staff screens' rough edges, in Arabic and English on one hub: the counter's running timer,
// its transfer to a counter (Arabic) or to a clerk (English) with a note the next clerk reads and
// "A-00N → …" confirmed, no-show and cancel asked first (button and F-key); the dashboard's clerks
// by name with their outcomes, alerts that say by how much, and a supervisor opening, ending a
// break, closing a counter, moving and cancelling a waiting ticket — each confirmed. Axe on every
// screen and dialog; screenshots in test-results/screens/.
import { readFileSync } from 'node:fs';
import { test, expect, type Page } from '@playwright/test';
import { startHubProcess, type HubProcess } from './hub-process.ts';
import { api, contextFor, expectAccessible, login, shot, type Lang, type Login } from './support.ts';

type Tree = { [k: string]: string | Tree };
const catalogue = (lang: Lang) => JSON.parse(readFileSync(new URL(`../../renderer/i18n/${lang}.json`, import.meta.url), 'utf8')) as Tree;
const text = (lang: Lang, key: string, vars: Record<string, string> = {}): string => {
  let v: string | Tree = catalogue(lang);
  for (const k of key.split('.')) v = (v as Tree)[k]!;
  return Object.entries(vars).reduce((s, [k, x]) => s.replaceAll(`{{${k}}}`, x), v as string);
};
/** A name in running text, isolated from the sentence's direction (format.ts `isolate`). */
const iso = (s: string) => `\u2068${s}\u2069`;
/** The hall's digits: Arabic-Indic on Arabic screens (the demo hall's default), Western in English. */
const digits = (lang: Lang, s: string) => (lang === 'ar' ? s.replace(/[0-9]/g, (d) => String.fromCharCode(0x0660 + Number(d))) : s);

let hub: HubProcess;
let kiosk: string;
/** Everyone this file signs in, once (the hub allows 10 sign-ins a minute from one address). */
const as: Record<string, Login> = {};

test.beforeAll(async () => {
  hub = await startHubProcess();
  for (const u of ['admin', 'supervisor', 'manager']) as[u] = await login(hub.url, u, `dawr-${u}`);
  for (let i = 1; i <= 6; i++) as[`clerk${i}`] = await login(hub.url, `clerk${i}`, 'dawr-clerk');
  const code = await api<{ code: string }>(hub.url, '/api/v1/devices/pairing-codes', { token: as.admin!.token, body: { role: 'kiosk' } });
  kiosk = (await api<{ token: string }>(hub.url, '/api/v1/devices/pair', { body: { code: code.body.code, name: 'kiosk-staff-screens' } })).body.token;
});
test.afterAll(async () => {
  await hub?.dispose();
});

const issue = async (serviceId: string) => (await api<{ id: string; number: string }>(hub.url, '/api/v1/tickets', { token: kiosk, body: { serviceId, lang: 'ar' } })).body;
const post = async (token: string, path: string, body: object = {}) => {
  const r = await api(hub.url, path, { token, body });
  expect(r.status, `${path} ${JSON.stringify(r.body)}`).toBe(200);
  return r.body;
};

async function openDesk(page: Page, counter: number) {
  await page.goto(`${hub.url}/counter`);
  await page.getByTestId(`open-counter-${counter}`).click();
  await expect(page.getByTestId('counter-state')).toBeVisible();
}

for (const lang of ['ar', 'en'] as Lang[]) {
  // Arabic: clerk1 at counter 1 sends to counter 3 (clerk3); English: clerk2 at counter 2 sends to clerk4 at counter 4.
  const [mine, other, clerkMine, clerkOther] = lang === 'ar' ? [1, 3, 'clerk1', 'clerk3'] : [2, 4, 'clerk2', 'clerk4'];

  test(`counter: timer, transfer to a ${lang === 'ar' ? 'counter' : 'clerk'} with a note, no-show and cancel confirmed (${lang})`, async ({ browser }) => {
    const me = as[clerkMine]!;
    const them = as[clerkOther]!;
    const sent = await issue('building-permits');
    const ctx = await contextFor(browser, { lang, width: 1366, height: 768, staff: me });
    const page = await ctx.newPage();
    await openDesk(page, mine);

    // The timer: since called, then serving for, in the hall's digits, ticking.
    await page.getByTestId('action-callNext').click();
    await expect(page.getByTestId('in-hand-number')).toHaveText(sent.number);
    await expect(page.getByTestId('in-hand-timer')).toContainText(text(lang, 'staffScreens.counter.sinceCalled'));
    await page.getByTestId('action-start').click();
    const timer = page.getByTestId('in-hand-timer-value');
    await expect(page.getByTestId('in-hand-timer')).toContainText(text(lang, 'staffScreens.counter.servingFor'));
    await expect(timer).toHaveText(lang === 'ar' ? /^[٠-٩]+:[٠-٩]{2}$/ : /^\d+:\d\d$/);
    const first = (await timer.textContent()) ?? '';
    await expect(timer).not.toHaveText(first);
    await shot(page, `staff-counter-timer-${lang}-1366x768`);

    // Transfer with a note: F7 opens the dialog.
    const themCounter = (await api<{ id: string }>(hub.url, `/api/v1/counters/counter-${other}/open`, { token: them.token, body: {} })).body;
    expect(themCounter.id).toBe(`counter-${other}`);
    await page.keyboard.press('F7');
    const dialog = page.getByTestId('transfer-dialog');
    await expect(dialog).toBeVisible();
    if (lang === 'ar') {
      await dialog.getByTestId('transfer-kind-counter').check();
      await dialog.getByTestId('transfer-counter').selectOption(`counter-${other}`);
    } else {
      await dialog.getByTestId('transfer-kind-clerk').check();
      await expect(dialog.getByTestId('transfer-clerk').locator('option')).not.toHaveCount(0);
      await dialog.getByTestId('transfer-clerk').selectOption(them.user.id);
    }
    await dialog.getByTestId('transfer-note').fill(lang === 'ar' ? 'يحتاج توقيع المهندس' : 'Needs the engineer’s signature');
    await shot(page, `staff-counter-transfer-${lang}-1366x768`);
    await expectAccessible(page, 'transfer dialog');
    await dialog.getByTestId('transfer-submit').click();
    const where = lang === 'ar' ? digits(lang, `الشباك ${other}`) : `${iso('موظف 4')} (Counter 4)`;
    await expect(page.getByTestId('counter-message')).toHaveText(text(lang, 'staffScreens.counter.transfer.done', { number: sent.number, to: where }));
    await expect(page.getByTestId('counter-message')).toHaveAttribute('role', 'status');
    await expect(page.getByTestId('in-hand')).toHaveAttribute('data-status', 'none');

    // The counter (or clerk) it was sent to sees it reserved, calls it first and reads the note.
    const theirCtx = await contextFor(browser, { lang, width: 1366, height: 768, staff: them });
    const theirs = await theirCtx.newPage();
    await openDesk(theirs, other);
    const row = theirs.locator(`[data-testid="queue-row"][data-number="${sent.number}"]`);
    await expect(row.getByTestId('queue-reserved')).toHaveText(text(lang, lang === 'ar' ? 'staffScreens.counter.reservedHere' : 'staffScreens.counter.reservedYou'));
    await theirs.getByTestId('action-callNext').click();
    await expect(theirs.getByTestId('in-hand-number')).toHaveText(sent.number);
    await expect(theirs.getByTestId('in-hand-note')).toContainText(lang === 'ar' ? 'يحتاج توقيع المهندس' : 'Needs the engineer’s signature');
    // …and where it came from.
    await expect(theirs.getByTestId('in-hand-sent-from')).toContainText(text(lang, 'staffScreens.counter.sentFrom'));
    await expect(theirs.getByTestId('in-hand-sent-from')).toContainText(lang === 'ar' ? digits(lang, `الشباك ${mine}`) : `Counter ${mine}`);
    await shot(theirs, `staff-counter-note-${lang}-1366x768`);
    await theirCtx.close();

    // No-show asks first — by the button and by F6; Escape keeps the ticket, Enter confirms.
    const gone = await issue('building-permits');
    await page.getByTestId('action-callNext').click();
    await expect(page.getByTestId('in-hand-number')).toHaveText(gone.number);
    await page.getByTestId('action-noShow').click();
    const ask = page.getByTestId('no-show-dialog');
    await expect(ask).toBeVisible();
    await expect(ask).toContainText(text(lang, 'staffScreens.counter.noShow.title', { number: gone.number }));
    await page.keyboard.press('Escape');
    await expect(ask).toBeHidden();
    await expect(page.getByTestId('in-hand')).toHaveAttribute('data-status', 'called');
    await page.keyboard.press('F6');
    await expect(ask).toBeVisible();
    await expect(ask.getByTestId('confirm-yes')).toBeFocused();
    await shot(page, `staff-counter-no-show-${lang}-1366x768`);
    await expectAccessible(page, 'no-show dialog');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('in-hand')).toHaveAttribute('data-status', 'none');

    // Cancel a waiting ticket of this counter's services, asked first.
    const left = await issue('land-planning');
    const leftRow = page.locator(`[data-testid="queue-row"][data-number="${left.number}"]`);
    await leftRow.getByTestId(`queue-cancel-${left.number}`).click();
    const cancel = page.getByTestId('cancel-dialog');
    await expect(cancel).toContainText(text(lang, 'staffScreens.counter.cancel.title', { number: left.number }));
    await cancel.getByTestId('confirm-yes').click();
    await expect(page.getByTestId('counter-message')).toHaveText(text(lang, 'staffScreens.counter.cancel.done', { number: left.number }));
    await expect(leftRow).toHaveCount(0);
    await expectAccessible(page, 'counter desk');
    await ctx.close();
  });

  test(`dashboard: clerks and outcomes, alerts by how much, a supervisor's counter and ticket actions (${lang})`, async ({ browser }) => {
    // Arabic: clerk5 at counter 5, counter 7 opened for clerk7; English: clerk6 at counter 6, counter 8 for clerk8.
    const [a, b] = lang === 'ar' ? [5, 7] : [6, 8];
    const supervisor = as.supervisor!;
    const clerkA = as[`clerk${a}`]!;
    const roster = (await api<{ id: string; name: string }[]>(hub.url, '/api/v1/staff/clerks', { token: supervisor.token })).body;
    const clerkB = roster.find((c) => c.name === `موظف ${b}`)!;
    await post(clerkA.token, `/api/v1/counters/counter-${a}/open`);
    const served = await issue(lang === 'ar' ? 'inspection-940' : 'fees-payments');
    const called = await post(clerkA.token, `/api/v1/counters/counter-${a}/call-next`) as { id: string };
    expect(called.id).toBe(served.id);
    await post(clerkA.token, `/api/v1/tickets/${served.id}/start`);
    await post(clerkA.token, `/api/v1/tickets/${served.id}/complete`, { outcome: 'documents_missing' });
    await post(clerkA.token, `/api/v1/counters/counter-${a}/break`);
    const toMove = await issue('certificates');
    const toCancel = await issue('certificates');

    const ctx = await contextFor(browser, { lang, width: 1366, height: 768, staff: supervisor });
    const page = await ctx.newPage();
    // The hub's alert rule (longest wait over the target) is tested in the domain; here its words:
    // the live figures are taken from the hub with one service's longest wait set to 23 minutes.
    await page.route('**/api/v1/stats/live', async (route) => {
      const res = await route.fetch();
      const stats = await res.json();
      stats.alerts = [{ serviceId: 'commercial-licences', longestWaitMinutes: 22.4, targetWaitMinutes: 15 }];
      await route.fulfill({ response: res, json: stats });
    });
    await page.goto(`${hub.url}/dashboard`);
    await expect(page.getByTestId('alert-commercial-licences')).toHaveText(
      lang === 'ar' ? 'الرخص التجارية ورخص المحلات: أطول انتظار ٢٣ دقيقة، أي ٨ دقائق فوق الهدف البالغ ١٥ دقيقة' : 'Commercial and shop licences: longest wait 23 minutes — 8 minutes over the target of 15 minutes',
    );

    // Each clerk by name, with the outcome they recorded.
    const row = page.locator(`[data-testid="dash-clerk-row"][data-clerk="${clerkA.user.id}"]`);
    await expect(row).toContainText(digits(lang, `موظف ${a}`));
    await expect(row.getByTestId('dash-clerk-served')).toHaveText(digits(lang, '1'));
    await expect(row.getByTestId('dash-clerk-outcomes')).toContainText(text(lang, 'outcomes.documents_missing'));
    await expect(page.getByTestId(`dash-counter-${a}`).getByTestId('dash-counter-clerk')).toContainText(digits(lang, `موظف ${a}`));
    await shot(page, `staff-dashboard-${lang}-1366x768`);
    await page.screenshot({ path: `test-results/screens/staff-dashboard-full-${lang}-1366.png`, fullPage: true });
    await expectAccessible(page, 'dashboard (supervisor)');

    const message = page.getByTestId('dash-message');
    const counterName = (n: number) => (lang === 'ar' ? digits(lang, `الشباك ${n}`) : `Counter ${n}`);
    const dialog = page.getByTestId('dash-counter-dialog');
    // End the break at counter A.
    await page.getByTestId(`dash-resume-${a}`).click();
    await expect(dialog).toContainText(text(lang, 'staffScreens.dashboard.counter.endBreakTitle', { counter: counterName(a) }));
    await dialog.getByTestId('confirm-yes').click();
    await expect(message).toHaveText(text(lang, 'staffScreens.dashboard.counter.resumed', { counter: counterName(a) }));
    await expect(page.getByTestId(`dash-counter-${a}`)).toHaveAttribute('data-state', 'open');
    // Close it (asked first: going back changes nothing).
    await page.getByTestId(`dash-close-${a}`).click();
    await expect(dialog).toBeVisible();
    await dialog.getByTestId('confirm-no').click();
    await expect(page.getByTestId(`dash-counter-${a}`)).toHaveAttribute('data-state', 'open');
    await page.getByTestId(`dash-close-${a}`).click();
    await dialog.getByTestId('confirm-yes').click();
    await expect(message).toHaveText(text(lang, 'staffScreens.dashboard.counter.closed', { counter: counterName(a) }));
    await expect(page.getByTestId(`dash-counter-${a}`)).toHaveAttribute('data-state', 'closed');
    // Open counter B for clerk B.
    await page.getByTestId(`dash-open-${b}`).click();
    await dialog.getByTestId('dash-open-clerk').selectOption(clerkB.id);
    await shot(page, `staff-dashboard-open-${lang}-1366x768`);
    await expectAccessible(page, 'open-counter dialog');
    await dialog.getByTestId('confirm-yes').click();
    await expect(message).toHaveText(text(lang, 'staffScreens.dashboard.counter.opened', { counter: counterName(b), clerk: iso(digits(lang, `موظف ${b}`)) }));
    await expect(page.getByTestId(`dash-counter-${b}`)).toHaveAttribute('data-state', 'open');
    await expect(page.getByTestId(`dash-counter-${b}`).getByTestId('dash-counter-clerk')).toContainText(digits(lang, `موظف ${b}`));

    // Move a waiting ticket to another service, and cancel one.
    const ticketDialog = page.getByTestId('dash-ticket-dialog');
    await page.getByTestId(`dash-move-${toMove.number}`).click();
    await ticketDialog.getByTestId('dash-move-service').selectOption('reception');
    await expectAccessible(page, 'move dialog');
    await ticketDialog.getByTestId('confirm-yes').click();
    const reception = lang === 'ar' ? 'الاستعلامات والاستقبال' : 'Enquiries and reception';
    await expect(message).toHaveText(text(lang, 'staffScreens.dashboard.waiting.moved', { number: toMove.number, service: reception }));
    await expect(page.locator(`[data-testid="dash-waiting-row"][data-number="${toMove.number}"]`)).toContainText(reception);
    await page.getByTestId(`dash-cancel-${toCancel.number}`).click();
    await expect(ticketDialog).toContainText(text(lang, 'staffScreens.dashboard.waiting.cancelTitle', { number: toCancel.number }));
    await ticketDialog.getByTestId('confirm-yes').click();
    await expect(message).toHaveText(text(lang, 'staffScreens.dashboard.waiting.cancelled', { number: toCancel.number }));
    await expect(page.locator(`[data-testid="dash-waiting-row"][data-number="${toCancel.number}"]`)).toHaveCount(0);
    // Written to the audit log, as the supervisor.
    const audit = await api<{ action: string; actor: string; target: string }[]>(hub.url, '/api/v1/admin/audit?action=dashboard.', { token: as.admin!.token });
    expect(audit.body.filter((x) => x.target === toMove.id || x.target === toCancel.id).map((x) => [x.action, x.actor])).toEqual([
      ['dashboard.ticket-cancelled', 'staff:supervisor'], ['dashboard.ticket-moved', 'staff:supervisor'],
    ]);
    await page.unrouteAll({ behavior: 'ignoreErrors' });
    await ctx.close();

    // A manager watches: the same dashboard without the actions.
    const mctx = await contextFor(browser, { lang, width: 1366, height: 768, staff: as.manager! });
    const mpage = await mctx.newPage();
    await mpage.goto(`${hub.url}/dashboard`);
    await expect(mpage.getByTestId(`dash-counter-${b}`)).toHaveAttribute('data-state', 'open');
    await expect(mpage.getByTestId('dash-clerks')).toBeVisible();
    await expect(mpage.locator('[data-testid^="dash-close-"], [data-testid^="dash-open-"], [data-testid^="dash-move-"]')).toHaveCount(0);
    await mctx.close();
  });
}

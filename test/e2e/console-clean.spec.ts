// Every screen of the hall opens without a console error and without a Content-Security-Policy
// violation (issue 27 point 8: every page logged one — zod's `new Function` probe under
// script-src 'self'), in Arabic and English: the landing page, the paired kiosk and display,
// the counter, dashboard, reports, plan, appointments, complaints inbox and every admin tab with
// an admin signed in, and the citizens' pages (booking, tracking, rating, feedback and its status).
// Any error logged, uncaught exception or `securitypolicyviolation` event fails the page's check.
import { test, expect, type Browser, type Page } from '@playwright/test';
import { startHubProcess, type HubProcess } from './hub-process.ts';
import { api, contextFor, login, pairDevice, type Lang, type Login } from './support.ts';

let hub: HubProcess;
let admin: Login;
let kioskToken: string;
let displayToken: string;
let trackingCode: string;
let feedbackRef: string;

test.beforeAll(async () => {
  hub = await startHubProcess();
  admin = await login(hub.url, 'admin', 'dawr-admin');
  kioskToken = await pairDevice(hub.url, 'kiosk', 'kiosk-console-clean');
  displayToken = await pairDevice(hub.url, 'display', 'display-console-clean');
  const ticket = await api<{ trackingCode: string }>(hub.url, '/api/v1/tickets', { token: kioskToken, body: { serviceId: 'certificates', lang: 'ar' } });
  expect(ticket.status).toBe(201);
  trackingCode = ticket.body.trackingCode;
  const filed = await api<{ reference: string }>(hub.url, '/api/v1/public/feedback', { body: { category: 'suggestion', text: 'More seats near the counters, please.', lang: 'en' } });
  expect(filed.status).toBe(201);
  feedbackRef = filed.body.reference;
});
test.afterAll(async () => {
  await hub?.dispose();
});

const adminTabs = ['hall', 'services', 'counters', 'staff', 'devices', 'voice', 'central', 'audit'];

/** What the page logged as an error, threw uncaught, or refused under its CSP since the last `take()`. */
async function watch(page: Page): Promise<{ take(): string[] }> {
  let found: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') found.push(`console error: ${m.text()} (${m.location().url}:${m.location().lineNumber})`);
  });
  page.on('pageerror', (e) => found.push(`uncaught: ${e.message}`));
  await page.exposeBinding('__dawrCspViolation', (_src, v: string) => void found.push(`securitypolicyviolation: ${v}`));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      void (window as unknown as { __dawrCspViolation(v: string): Promise<void> }).__dawrCspViolation(`${e.effectiveDirective} blocked ${e.blockedURI || '(inline)'} at ${e.sourceFile}:${e.lineNumber}`);
    });
  });
  return {
    take() {
      const out = found;
      found = [];
      return out;
    },
  };
}

/** The page drawn and quiet: its requests answered, and none for half a second (late errors come in that time). */
async function settle(page: Page): Promise<void> {
  await expect(page.locator('#root > *').first()).toBeVisible();
  await page.waitForLoadState('networkidle');
}

/** Every screen in one language: what went wrong on each, by its path. */
async function visitAll(browser: Browser, lang: Lang): Promise<string[]> {
  const ctx = await contextFor(browser, { lang, width: 1366, height: 768, staff: admin, device: { role: 'kiosk', token: kioskToken } });
  await ctx.addInitScript((token) => localStorage.setItem('dawr.device.display', token), displayToken);
  const page = await ctx.newPage();
  const log = await watch(page);
  const problems: string[] = [];
  const check = (where: string) => {
    for (const p of log.take()) problems.push(`${lang} ${where}: ${p}`);
  };
  const paths = [
    '/', '/kiosk', '/display', '/counter', '/dashboard', '/reports', '/plan', '/appointments', '/feedback-inbox',
    '/book', `/track/${trackingCode}`, `/rate/${trackingCode}`, '/feedback', `/feedback/${feedbackRef}`,
  ];
  for (const path of paths) {
    await page.goto(`${hub.url}${path}`);
    await settle(page);
    check(path);
  }
  await page.goto(`${hub.url}/admin`);
  await settle(page);
  check('/admin');
  for (const tab of adminTabs) {
    await page.getByTestId(`admin-tab-${tab}`).click();
    await expect(page.getByTestId(`admin-tab-${tab}`)).toHaveAttribute('aria-selected', 'true');
    await page.waitForTimeout(400);
    check(`/admin (${tab})`);
  }
  await ctx.close();
  return problems;
}

// Both languages at once, each in its own browser context: half the time of one after the other.
test('every screen opens without a console error or a CSP violation, in Arabic and in English', async ({ browser }) => {
  const problems = (await Promise.all((['ar', 'en'] as Lang[]).map((lang) => visitAll(browser, lang)))).flat();
  expect(problems.join('\n') || 'none', 'console errors or CSP violations').toBe('none');
});

// Central's screens (issue 12 §3, §5, §6) against a real `dawr central --demo`: embedded
// PostgreSQL and three real demo halls in two municipalities replicating into it. The public league
// table in Arabic and English (three centres ranked, the method on the page, the CSV in the page's
// language, a phone and a big screen); the central dashboard as each kind of account sees it (a
// municipality manager both Homs centres and not Hama, a centre manager only Al-Waer, the platform
// admin everything and the municipality filter); a hall's dashboard showing its link to central;
// a hall that is not linked joining central from its admin screen; and central's accounts screen
// (accounts added, disabled, given a new password, the audit log, one's own password). Screenshots:
// test-results/screens/central-*.png.
import { test, expect, type Page } from '@playwright/test';
import { type ChildProcess, spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnHub } from '../support/hub-process.ts';
import { fromAddress } from '../support/from-address.ts';
import { api, contextFor, expectAccessible, login, screensDir, shot, type Lang } from './support.ts';

/** An address of its own for each browser context (X-Forwarded-For; per worker, since workers run side by side). */
let visitors = 0;
const visitor = () => `10.9.${test.info().workerIndex % 250}.${++visitors % 250}`;

const dawr = fileURLToPath(new URL('../../scripts/dawr.ts', import.meta.url));

let central: ChildProcess;
let centralUrl: string;
let dir: string;
/** Hall name (English, as printed) → its hub's URL. */
const halls = new Map<string, string>();

type League = { centres: { branchId: string; rank: number | null; smallSample: boolean }[] };

/** Starts `dawr central --demo` on a free port; resolves with its URL once the demo halls are up. */
function startCentral(): Promise<string> {
  central = spawn(process.execPath, [dawr, 'central', '--demo', '--demo-history', '4', '--data', dir, '--port', '0', '--host', '127.0.0.1', '--trust-proxy', '127.0.0.1'], {
    stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, DAWR_LOG_LEVEL: 'warn' },
  });
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`central did not start in 180 s:\n${out}`)), 180_000);
    const onData = (d: Buffer) => {
      out += d.toString();
      const url = /Dawr central \S+ — (http:\/\/\S+)/.exec(out)?.[1];
      if (!url || !out.includes('Demo accounts')) return;
      clearTimeout(timer);
      for (const m of out.matchAll(/^ {2}(Citizen Service .+?)\s+(http:\/\/\S+)\/dashboard$/gm)) halls.set(m[1]!, m[2]!);
      central.stdout!.off('data', onData);
      central.stderr!.off('data', onData);
      central.stdout!.resume();
      central.stderr!.resume();
      resolve(url);
    };
    central.stdout!.on('data', onData);
    central.stderr!.on('data', onData);
    central.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`central exited (${code}) before it was ready:\n${out}`));
    });
  });
}

/** SIGTERM: central stops its demo halls, then its PostgreSQL, then itself. */
async function stop(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const done = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  const killer = setTimeout(() => child.kill('SIGKILL'), 30_000);
  await done;
  clearTimeout(killer);
}

test.beforeAll(async () => {
  test.setTimeout(300_000);
  dir = mkdtempSync(join(tmpdir(), 'dawr-e2e-central-'));
  // As root, central runs its PostgreSQL as `postgres`, which must enter this folder to reach the
  // cluster (mkdtemp makes it 0700; central does not open folders up itself).
  chmodSync(dir, 0o711);
  centralUrl = await startCentral();
  expect(halls.size).toBe(3);
  // The halls replicate their generated weeks in batches: wait until all three are in and ranked.
  await expect.poll(async () => {
    const l = await api<League>(centralUrl, '/api/v1/public/league');
    return l.body.centres.filter((c) => c.rank !== null).length;
  }, { timeout: 180_000, intervals: [1000] }).toBe(3);
  // …and until central holds each hall's whole log, so the screens show every day.
  const platform = await login(centralUrl, 'platform', 'dawr-platform');
  await expect.poll(async () => {
    const d = await api<{ centres: { backlog: number }[] }>(centralUrl, '/api/v1/dashboard', { token: platform.token });
    return d.body.centres.length === 3 && d.body.centres.every((c) => c.backlog < 100);
  }, { timeout: 180_000, intervals: [1000] }).toBe(true);
});

test.afterAll(async () => {
  await stop(central);
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function signInToCentral(page: Page, username: string): Promise<void> {
  await page.goto(`${centralUrl}/central`);
  await expect(page.getByTestId('central-login')).toBeVisible();
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(`dawr-${username}`);
  await page.getByTestId('login-submit').click();
  await expect(page.getByTestId('central')).toBeVisible();
}

const cardIds = (page: Page) => page.getByTestId('centre-card').evaluateAll((els) => els.map((e) => e.getAttribute('data-branch')).sort());

for (const lang of ['ar', 'en'] as Lang[]) {
  test(`the public league table ranks the three centres and states its method (${lang})`, async ({ browser }) => {
    const ctx = await contextFor(browser, { lang, width: 1366, height: 900, address: visitor() });
    const page = await ctx.newPage();
    await page.goto(`${centralUrl}/league`);
    await expect(page.locator('html')).toHaveAttribute('dir', lang === 'ar' ? 'rtl' : 'ltr');
    const rows = page.getByTestId('league-row');
    await expect(rows).toHaveCount(3);
    expect(await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-rank')))).toEqual(['1', '2', '3']);
    await expect(page.getByTestId('small-sample')).toHaveCount(0);
    // The same order as the API's.
    const json = await api<League>(centralUrl, '/api/v1/public/league');
    expect(await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-branch')))).toEqual(json.body.centres.map((c) => c.branchId));
    await expect(page.getByTestId('league-table')).toContainText(lang === 'ar' ? 'مركز خدمة المواطن — الوعر' : 'Citizen Service Centre — Al-Waer');
    // Each district in the page's language only.
    const districts = await page.getByTestId('league-district').allTextContents();
    expect(districts.map((d) => d.replace(/^\s*·\s*/, '')).sort()).toEqual(lang === 'ar' ? ['المدينة', 'المركز', 'الوعر'] : ['Al-Waer', 'Centre', 'City']);
    const method = page.getByTestId('league-method');
    await expect(method).toContainText(lang === 'ar' ? 'طريقة الترتيب' : 'How the ranking works');
    await expect(method).toContainText(lang === 'ar' ? 'عينة صغيرة' : 'small sample');
    await expect(page.getByTestId('league-preset-last30')).toHaveAttribute('aria-pressed', 'true');
    await shot(page, `central-league-${lang}-1366x900`);
    await expectAccessible(page, 'league');

    // The CSV in the page's language.
    await expect(page.getByTestId('league-csv')).toHaveAttribute('href', new RegExp(`lang=${lang}`));
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('league-csv').click()]);
    const csv = readFileSync((await download.path())!).toString('utf8');
    expect(csv.startsWith(lang === 'ar' ? '\uFEFFالترتيب' : '\uFEFFRank')).toBe(true);
    expect(csv.trim().split(/\r?\n/)).toHaveLength(4);
    expect(csv).toContain(lang === 'ar' ? ',الوعر,' : ',Al-Waer,');
    expect(csv).not.toContain(lang === 'ar' ? 'Al-Waer' : 'الوعر');

    // One municipality: Hama's one centre.
    await page.getByTestId('league-municipality').selectOption('hama');
    await expect(rows).toHaveCount(1);
    await expect(rows.first()).toHaveAttribute('data-branch', 'hama-centre');
    await expect(page).toHaveURL(/municipality=hama/);
    await page.getByTestId('league-municipality').selectOption('');
    await expect(rows).toHaveCount(3);

    // A period with small samples (a day the halls were closed, or quiet): shown, marked, not ranked.
    let small: { day: string; count: number } | null = null;
    for (let i = 1; i <= 14 && !small; i++) {
      const day = new Date(Date.now() - i * 86_400_000).toISOString().slice(0, 10);
      const l = await api<League>(centralUrl, `/api/v1/public/league?from=${day}&to=${day}`);
      const n = l.body.centres.filter((c) => c.smallSample).length;
      if (n > 0) small = { day, count: n };
    }
    expect(small, 'a day of the last fortnight with a small sample').not.toBeNull();
    await page.goto(`${centralUrl}/league?from=${small!.day}&to=${small!.day}`);
    await expect(page.getByTestId('small-sample')).toHaveCount(small!.count);
    await expect(page.locator('[data-testid=league-row][data-rank=""]')).toHaveCount(small!.count);
    await expect(page.locator('[data-testid=league-row].small-sample').first()).toContainText(lang === 'ar' ? 'غير مرتب' : 'not ranked');
    await shot(page, `central-league-small-sample-${lang}-1366x900`);
    await page.goto(`${centralUrl}/league`);
    await expect(rows).toHaveCount(3);

    // A phone (each centre a card, every control a finger's size) and a hall's big screen.
    for (const [w, h] of [[390, 844], [1920, 1080]] as const) {
      await page.setViewportSize({ width: w, height: h });
      await expect(rows).toHaveCount(3);
      if (w < 500) {
        const small = await page.locator('button, select, input, a').evaluateAll((els) =>
          els.map((e) => ({ what: e.outerHTML.slice(0, 60), h: e.getBoundingClientRect().height })).filter((x) => x.h > 0 && x.h < 40));
        expect(small, 'controls under 40 px high on a phone').toEqual([]);
      }
      await shot(page, `central-league-${lang}-${w}x${h}`);
      await page.screenshot({ path: `${screensDir}central-league-${lang}-${w}x${h}-full.png`, fullPage: true });
    }
    await expectAccessible(page, 'league on a big screen');
    await ctx.close();
  });

  test(`a Homs manager sees both Homs centres live, not Hama; a centre's detail; centres compared (${lang})`, async ({ browser }) => {
    const ctx = await contextFor(browser, { lang, width: 1366, height: 900, address: visitor() });
    const page = await ctx.newPage();
    await signInToCentral(page, 'homs-manager');
    await expect(page.getByTestId('centre-card')).toHaveCount(2);
    expect(await cardIds(page)).toEqual(['homs-centre', 'homs-waer']);
    await expect(page.getByTestId('central')).not.toContainText(lang === 'ar' ? 'حماة' : 'Hama');
    await expect(page.getByTestId('central-municipality')).toHaveCount(0);
    await expect(page.getByTestId('centre-sync').first()).toBeVisible();
    // Refreshed every few seconds.
    const first = await page.getByTestId('central-updated').innerText();
    await expect.poll(() => page.getByTestId('central-updated').innerText(), { timeout: 15_000 }).not.toBe(first);
    await expect(page.getByTestId('compare-table')).toBeVisible();
    await expect(page.getByTestId('compare-chart').locator('.recharts-line').first()).toBeVisible();
    // Today is not over (the demo halls are at work): the table marks it "so far", the chart leaves it out.
    await expect(page.getByTestId('compare-so-far').first()).toBeVisible();
    await expect(page.getByTestId('compare-partial')).toBeVisible();
    await shot(page, `central-dashboard-${lang}-1366x900`);
    await page.screenshot({ path: `${screensDir}central-dashboard-${lang}-1366x900-full.png`, fullPage: true });
    await expectAccessible(page, 'central dashboard');

    // A centre in detail: today live, and a past day's summary from its replicated events.
    // By keyboard: the card's button takes focus and Enter opens the detail, which takes the focus.
    await page.locator('[data-testid=centre-card][data-branch=homs-waer]').getByTestId('centre-open').focus();
    await page.keyboard.press('Enter');
    const detail = page.getByTestId('centre-detail');
    await expect(detail).toHaveAttribute('data-branch', 'homs-waer');
    await expect(detail.getByRole('heading', { level: 2 })).toBeFocused();
    // A past day of the demo's history (its last 4 days), from the API: the day field shows days in the page's digits and order.
    const dayAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);
    const days = await api<{ rows: { branchId: string; day: string; issued: number; partial?: true }[] }>(centralUrl, `/api/v1/compare?from=${dayAgo(5)}&to=${dayAgo(1)}`, {
      token: (await login(centralUrl, 'homs-manager', 'dawr-homs-manager')).token,
    });
    expect(days.status, JSON.stringify(days.body)).toBe(200);
    const past = days.body.rows.find((r) => r.branchId === 'homs-waer' && r.issued > 0 && !r.partial)!;
    await page.getByTestId('centre-day').fill(past.day);
    const digits = (s: string) => Number(s.replace(/[٠-٩]/g, (d) => String(d.charCodeAt(0) - 0x0660)).replace(/[^0-9]/g, ''));
    await expect.poll(async () => digits(await page.getByTestId('day-issued').innerText())).toBe(past.issued);
    await detail.scrollIntoViewIfNeeded();
    await shot(page, `central-detail-${lang}-1366x900`);
    await expectAccessible(page, 'central detail');
    await ctx.close();
  });
}

test('a centre manager sees only their centre; the platform admin every centre and the municipality filter', async ({ browser }) => {
  const ctx = await contextFor(browser, { lang: 'ar', width: 1366, height: 900, address: visitor() });
  const page = await ctx.newPage();
  await signInToCentral(page, 'waer-manager');
  await expect(page.getByTestId('centre-card')).toHaveCount(1);
  expect(await cardIds(page)).toEqual(['homs-waer']);
  // A manager sees when the figures were last synced, not the link's internals.
  await expect(page.getByTestId('centre-sync')).toBeVisible();
  await expect(page.getByTestId('centre-backlog')).toHaveCount(0);
  await expect(page.getByTestId('centre-sync-lag')).toHaveCount(0);
  await shot(page, 'central-dashboard-waer-ar-1366x900');
  await page.getByTestId('sign-out').click();
  await expect(page.getByTestId('central-login')).toBeVisible();

  await signInToCentral(page, 'platform');
  await expect(page.getByTestId('centre-card')).toHaveCount(3);
  await expect(page.getByTestId('centre-backlog')).toHaveCount(3);
  await page.getByTestId('central-municipality').selectOption('hama');
  await expect(page.getByTestId('centre-card')).toHaveCount(1);
  expect(await cardIds(page)).toEqual(['hama-centre']);
  await ctx.close();
});

for (const lang of ['ar', 'en'] as Lang[]) {
  test(`a refused sign-in on central is worded in the page's language (${lang})`, async ({ browser }) => {
    const ctx = await contextFor(browser, { lang, width: 390, height: 844, address: visitor() });
    const page = await ctx.newPage();
    await page.goto(`${centralUrl}/central`);
    await page.getByTestId('login-username').fill('homs-manager');
    await page.getByTestId('login-password').fill('not-the-password');
    await page.getByTestId('login-submit').click();
    await expect(page.getByTestId('login-error')).toHaveText(lang === 'ar' ? 'اسم المستخدم أو كلمة المرور غير صحيحة.' : 'Wrong username or password.');
    await shot(page, `central-login-${lang}-390x844`);
    await expectAccessible(page, 'central sign-in');
    await ctx.close();
  });

  test(`a hall's dashboard shows its link to central: last synced and backlog (${lang})`, async ({ browser }) => {
    const hall = halls.get('Citizen Service Centre — Al-Waer')!;
    const manager = await login(hall, 'manager', 'dawr-manager');
    const ctx = await contextFor(browser, { lang, width: 1366, height: 900, staff: manager });
    const page = await ctx.newPage();
    await page.goto(`${hall}/dashboard`);
    await expect(page.getByTestId('kpi-waiting')).toBeVisible();
    const status = page.getByTestId('central-status');
    await expect(status).toHaveAttribute('data-enrolled', 'true');
    await expect(page.getByTestId('sync-last')).not.toHaveText(lang === 'ar' ? 'لم تتم بعد' : 'not yet');
    await expect(page.getByTestId('sync-backlog')).toBeVisible();
    await shot(page, `central-hall-status-${lang}-1366x900`);
    await expectAccessible(page, 'hall dashboard with the central status');
    await ctx.close();
  });
}

test('a hall not linked to central says so, and joins central from its admin screen', async ({ browser }) => {
  const hallDir = mkdtempSync(join(tmpdir(), 'dawr-e2e-central-hall-'));
  const hub = await spawnHub(['--demo', '--host', '127.0.0.1', '--data', hallDir]);
  try {
    // Central's admin makes a centre and its one-time enrolment code.
    const homsAdmin = await login(centralUrl, 'homs-admin', 'dawr-homs-admin');
    const centre = await api<{ id: string }>(centralUrl, '/api/v1/branches', { token: homsAdmin.token, body: { municipalityId: 'homs', name: { ar: 'مركز خدمة المواطن — الإنشاءات', en: 'Citizen Service Centre — Al-Inshaat' }, district: { ar: 'الإنشاءات', en: 'Al-Inshaat' } } });
    expect(centre.status).toBe(201);
    const code = await api<{ code: string }>(centralUrl, `/api/v1/branches/${centre.body.id}/enrolment`, { token: homsAdmin.token, body: {} });
    expect(code.status).toBe(200);

    for (const lang of ['ar', 'en'] as Lang[]) {
      const ctx = await contextFor(browser, { lang, width: 1366, height: 900, staff: await login(hub.url, 'admin', 'dawr-admin') });
      const page = await ctx.newPage();
      await page.goto(`${hub.url}/dashboard`);
      await expect(page.getByTestId('central-status')).toHaveAttribute('data-enrolled', 'false');
      await expect(page.getByTestId('central-status')).toContainText(lang === 'ar' ? 'غير مرتبطة بالمنصة المركزية' : 'Not linked to central');
      await expect(page.getByTestId('kpi-waiting')).toBeVisible();
      await shot(page, `central-hall-unlinked-${lang}-1366x900`);
      await expectAccessible(page, 'hall dashboard, not linked');

      await page.goto(`${hub.url}/admin`);
      await page.getByTestId('admin-tab-central').click();
      await page.getByTestId('central-url').fill(centralUrl);
      await page.getByTestId('central-code').fill('WRONG-CODE');
      await page.getByTestId('central-join').click();
      // Central's English refusal is worded from its code, in the page's language.
      await expect(page.getByTestId('central-join-result')).toHaveText(lang === 'ar'
        ? 'رفضت المنصة الرمز: إما خاطئ أو مستخدم أو منتهي الصلاحية. اطلب رمزًا جديدًا من مسؤول المنصة.'
        : "Central refused the code: it is wrong, already used or expired. Ask central's administrator for a new one.");
      await shot(page, `central-hall-join-${lang}-1366x900`);
      await expectAccessible(page, 'join central');
      await ctx.close();
    }

    const ctx = await contextFor(browser, { lang: 'ar', width: 1366, height: 900, staff: await login(hub.url, 'admin', 'dawr-admin') });
    const page = await ctx.newPage();
    await page.goto(`${hub.url}/admin`);
    await page.getByTestId('admin-tab-central').click();
    await page.getByTestId('central-url').fill(centralUrl);
    await page.getByTestId('central-code').fill(code.body.code);
    await page.getByTestId('central-join').click();
    await expect(page.getByTestId('central-join-result')).toContainText('مركز خدمة المواطن — الإنشاءات');
    await expect(page.getByTestId('central-linked')).toContainText(centralUrl);
    await page.goto(`${hub.url}/dashboard`);
    await expect(page.getByTestId('central-status')).toHaveAttribute('data-enrolled', 'true');
    await expect(page.getByTestId('sync-last')).not.toHaveText('لم تتم بعد', { timeout: 30_000 });
    await ctx.close();
  } finally {
    await stop(hub.child);
    rmSync(hallDir, { recursive: true, force: true });
  }
});

// Central's accounts (/central/accounts), in Arabic and in English: the platform admin adds a
// municipality admin; that admin sees only their municipality's accounts, adds two, disables one
// (it can no longer sign in), sets the other's password, ends its sessions and renames it, and the
// audit log shows each change; a centre manager and the admin change their own passwords and stay
// signed in (the new token replaces the stored one; the old one is refused).
const ACCOUNTS_TEXT = {
  ar: {
    chief: 'رئيس قسم الخدمات', deputy: 'نائب المدير', head: 'رئيس مركز الوعر', renamed: 'رئيسة مركز الوعر',
    taken: 'اسم المستخدم هذا مأخوذ. اختر اسمًا آخر.', active: 'مفعّل', inactive: 'معطّل', disabled: 'عُطّل حساب', reset: 'عُيّنت كلمة مرور جديدة', saved: 'حُفظت تغييرات',
    wrongCurrent: 'كلمة المرور الحالية غير صحيحة.', changed: 'تغيّرت كلمة مرورك', created: 'أُضيف حساب', edited: 'عُدّل حساب', pwSet: 'عُيّنت كلمة مرور جديدة', ended: 'أُنهيت الجلسات', endedOne: 'رئيس مركز الوعر: انتهت جلسة واحدة.',
    accounts: 'الحسابات', myPassword: 'كلمة المرور', unlocked: 'يستطيع',
  },
  en: {
    chief: 'Head of services', deputy: 'Deputy manager', head: 'Head of Al-Waer', renamed: 'Head of the Al-Waer centre',
    taken: 'This username is taken. Choose another.', active: 'Active', inactive: 'Disabled', disabled: 'is disabled', reset: 'New password set', saved: 'changes are saved',
    wrongCurrent: 'The current password is wrong.', changed: 'Your password is changed', created: 'Account added', edited: 'Account edited', pwSet: 'New password set', ended: 'Sessions ended', endedOne: 'Head of Al-Waer: one session ended.',
    accounts: 'Accounts', myPassword: 'My password', unlocked: 'can sign in again at once',
  },
} as const;

/** Signs in on central's sign-in form, then waits for `screen` (the page asked for). */
async function signInAs(page: Page, username: string, password: string, screen = 'central-accounts'): Promise<void> {
  await expect(page.getByTestId('central-login')).toBeVisible();
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await expect(page.getByTestId(screen)).toBeVisible();
}

// The test's own sign-ins and checks through the API leave from addresses of their own (the whole
// of 127.0.0.0/8 is this machine), one per call: central limits sign-ins to 10 a minute per address,
// and the browser's must not meet the test's. Each browser context is a visitor of its own too
// (visitor(): central trusts this machine as its proxy, and the context names its address), or a
// fast run's dozen sign-ins through the browser met that limit (the page said "too many attempts").
let nextAddress = 10;
const viaApi = () => fromAddress(centralUrl, `127.0.0.${nextAddress++}`);
const signInStatus = async (username: string, password: string) => (await viaApi().login(username, password)).status;
async function apiLogin(username: string, password: string): Promise<string> {
  const r = await viaApi().login(username, password);
  expect(r.status, `${username} signs in`).toBe(200);
  return (r.body as { token: string }).token;
}
const meStatus = async (token: string) => (await viaApi().get('/api/v1/me', token)).status;

for (const lang of ['ar', 'en'] as Lang[]) {
  test(`central's accounts: a platform admin adds a municipality admin, who administers only their municipality's accounts; the audit log; own passwords (${lang})`, async ({ browser }) => {
    test.setTimeout(300_000);
    const w = ACCOUNTS_TEXT[lang];
    const chief = `homs-chief-${lang}`;
    const deputy = `homs-deputy-${lang}`;
    const head = `waer-head-${lang}`;
    const ctx = await contextFor(browser, { lang, width: 1366, height: 900, address: visitor() });
    const page = await ctx.newPage();

    // The platform admin: from the dashboard's bar to the accounts, every municipality's accounts.
    await signInToCentral(page, 'platform');
    await expect(page.getByTestId('central-nav-accounts')).toHaveText(w.accounts);
    await page.getByTestId('central-nav-accounts').click();
    await expect(page.getByTestId('central-accounts')).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('dir', lang === 'ar' ? 'rtl' : 'ltr');
    await expect(page.getByTestId('account-row-hama-admin')).toBeVisible();
    await expect(page.getByTestId('account-row-platform')).toBeVisible();
    // Nobody disables themselves or sets their own password through the admin's button.
    await expect(page.getByTestId('account-disable-platform')).toHaveCount(0);
    await expect(page.getByTestId('account-reset-platform')).toHaveCount(0);

    // A municipality admin for Homs.
    await page.getByTestId('add-username').fill(chief);
    await page.getByTestId('add-display-name').fill(w.chief);
    await page.getByTestId('add-password').fill('chief-pass-1');
    await page.getByTestId('add-role').selectOption('municipality_admin');
    await page.getByTestId('add-municipality').selectOption('homs');
    await page.getByTestId('add-submit').click();
    await expect(page.getByTestId('add-result')).toContainText(w.chief);
    const chiefRow = page.getByTestId(`account-row-${chief}`);
    await expect(chiefRow).toContainText(w.chief);
    await expect(chiefRow).toContainText(w.active);
    // The same username again: refused, in words.
    await page.getByTestId('add-username').fill(chief);
    await page.getByTestId('add-password').fill('chief-pass-2');
    await page.getByTestId('add-role').selectOption('municipality_manager');
    await page.getByTestId('add-municipality').selectOption('homs');
    await page.getByTestId('add-submit').click();
    await expect(page.getByTestId('add-error')).toHaveText(w.taken);
    await page.screenshot({ path: `${screensDir}central-accounts-platform-${lang}-1366x900-full.png`, fullPage: true });
    await expectAccessible(page, 'central accounts (platform admin)');
    // Signed out before the next page is asked for (a navigation during the sign-out could keep the session).
    await page.getByTestId('sign-out').click();
    await expect(page.getByTestId('central-login')).toBeVisible();

    // The new admin sees only Homs's accounts (the API agrees).
    await page.goto(`${centralUrl}/central/accounts`);
    await signInAs(page, chief, 'chief-pass-1');
    await expect(page.getByTestId('account-row-homs-manager')).toBeVisible();
    await expect(page.getByTestId('account-row-waer-manager')).toBeVisible();
    await expect(page.getByTestId('account-row-hama-admin')).toHaveCount(0);
    await expect(page.getByTestId('account-row-platform')).toHaveCount(0);
    const chiefToken = await apiLogin(chief, 'chief-pass-1');
    const listed = await viaApi().get<{ username: string; municipalityId: string | null }[]>('/api/v1/users', chiefToken);
    expect(listed.status).toBe(200);
    expect(listed.body.every((u) => u.municipalityId === 'homs')).toBe(true);
    expect(await page.locator('[data-testid^=account-row-]').count()).toBe(listed.body.length);
    // Only in their own municipality, which the form names and does not offer to change.
    await expect(page.getByTestId('add-municipality')).toHaveCount(0);
    await expect(page.getByTestId('add-municipality-fixed')).toContainText(lang === 'ar' ? 'مجلس مدينة حمص' : 'Homs City Council');
    await expect(page.getByTestId('add-role').locator('option[value=platform_admin]')).toHaveCount(0);

    // Two accounts: a municipality manager and Al-Waer's centre manager.
    for (const [username, name, role] of [[deputy, w.deputy, 'municipality_manager'], [head, w.head, 'centre_manager']] as const) {
      await page.getByTestId('add-username').fill(username);
      await page.getByTestId('add-display-name').fill(name);
      await page.getByTestId('add-password').fill(`${username}-pass`);
      await page.getByTestId('add-role').selectOption(role);
      if (role === 'centre_manager') await page.getByTestId('add-centre').selectOption('homs-waer');
      await page.getByTestId('add-submit').click();
      await expect(page.getByTestId(`account-row-${username}`)).toContainText(name);
      expect(await signInStatus(username, `${username}-pass`)).toBe(200);
    }
    await expect(page.getByTestId(`account-row-${head}`)).toContainText(lang === 'ar' ? 'مركز خدمة المواطن — الوعر' : 'Citizen Service Centre — Al-Waer');

    // Disable the deputy, after a question: it can no longer sign in, and its session ended.
    const deputyToken = await apiLogin(deputy, `${deputy}-pass`);
    await page.getByTestId(`account-disable-${deputy}`).click();
    await expect(page.getByTestId('confirm-dialog')).toBeVisible();
    await expect(page.getByTestId('confirm-no')).toBeFocused();
    await shot(page, `central-accounts-disable-${lang}-1366x900`);
    await expectAccessible(page, 'disable an account');
    await page.getByTestId('confirm-yes').click();
    await expect(page.getByTestId('accounts-status')).toContainText(w.disabled);
    await expect(page.getByTestId(`account-row-${deputy}`)).toHaveAttribute('data-active', 'false');
    await expect(page.getByTestId(`account-row-${deputy}`).getByTestId('account-state')).toHaveText(w.inactive);
    expect(await signInStatus(deputy, `${deputy}-pass`)).toBe(401);
    expect(await meStatus(deputyToken)).toBe(401);

    // A new password for the centre manager: the old one is refused, the new one works; then their sessions end on demand.
    await page.getByTestId(`account-reset-${head}`).click();
    await expect(page.getByTestId('reset-dialog')).toBeVisible();
    await page.getByTestId('reset-password').fill('waer-head-new-pass');
    await page.getByTestId('reset-submit').click();
    await expect(page.getByTestId('accounts-status')).toContainText(w.reset);
    expect(await signInStatus(head, `${head}-pass`)).toBe(401);
    const headToken = await apiLogin(head, 'waer-head-new-pass');
    await page.getByTestId(`account-end-${head}`).click();
    await page.getByTestId('confirm-yes').click();
    // The sessions' own message (the reset's, still shown until then, also names the head).
    await expect(page.getByTestId('accounts-status')).toContainText(w.endedOne);
    expect(await meStatus(headToken)).toBe(401);
    // The old password's failed attempt is cleared: the head may try again at once from everywhere.
    await page.getByTestId(`account-unlock-${head}`).click();
    await expect(page.getByTestId('accounts-status')).toContainText(w.unlocked);
    // …and a new display name.
    await page.getByTestId(`account-edit-${head}`).click();
    await expect(page.getByTestId('edit-dialog')).toBeVisible();
    await page.getByTestId('edit-display-name').fill(w.renamed);
    await expect(page.getByTestId('edit-centre')).toHaveValue('homs-waer');
    await expectAccessible(page, 'edit an account');
    await page.getByTestId('edit-submit').click();
    await expect(page.getByTestId('accounts-status')).toContainText(w.saved);
    await expect(page.getByTestId(`account-row-${head}`)).toContainText(w.renamed);

    // The audit log shows each change, newest first, by this admin; only Homs's entries.
    const audit = page.getByTestId('central-audit');
    const rows = audit.getByTestId('audit-row');
    const entry = (action: string, target: string) => audit.locator(`[data-testid=audit-row][data-action="${action}"][data-target="${target}"]`);
    await expect(entry('user.updated', deputy).first()).toContainText(w.inactive);
    await expect(entry('user.password_reset', head).first()).toContainText(w.pwSet);
    await expect(entry('user.sessions_ended', head).first()).toContainText(w.ended);
    await expect(entry('user.updated', head).first()).toContainText(w.renamed);
    await expect(entry('user.updated', head).first()).toContainText(w.edited);
    await expect(entry('user.created', deputy).first()).toContainText(chief);
    await expect(entry('user.created', deputy).first()).toContainText(w.created);
    await expect(rows.first()).toHaveAttribute('data-action', /^user\./);
    await expect(audit.locator('[data-testid=audit-row][data-target=hama-admin]')).toHaveCount(0);
    // Dates in the page's language.
    await expect(rows.first().locator('td').first()).toContainText(lang === 'ar' ? /[\u0600-\u06FF]/ : /[A-Za-z]/);
    await audit.getByTestId('audit-kind').selectOption('user.');
    await audit.getByTestId('audit-show').click();
    await expect.poll(async () => (await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-action')))).every((a) => a?.startsWith('user.'))).toBe(true);
    await expect(entry('user.created', head)).toHaveCount(1);
    await page.screenshot({ path: `${screensDir}central-accounts-municipality-${lang}-1366x900-full.png`, fullPage: true });
    await expectAccessible(page, 'central accounts (municipality admin) and the audit log');

    // The admin's own password: a wrong current one is refused in words; then changed, and the screen stays signed in.
    await page.getByTestId('own-current').fill('not-my-password');
    await page.getByTestId('own-new').fill('chief-pass-new');
    await page.getByTestId('own-again').fill('chief-pass-new');
    await page.getByTestId('own-submit').click();
    await expect(page.getByTestId('own-password-result')).toHaveText(w.wrongCurrent);
    await page.getByTestId('own-current').fill('chief-pass-1');
    await page.getByTestId('own-submit').click();
    await expect(page.getByTestId('own-password-result')).toContainText(w.changed);
    expect(await meStatus(chiefToken)).toBe(401);
    expect(await signInStatus(chief, 'chief-pass-1')).toBe(401);
    await page.reload();
    await expect(page.getByTestId('central-accounts')).toBeVisible();
    await expect(page.getByTestId(`account-row-${head}`)).toBeVisible();
    await expect(entry('password.changed', chief).first()).toBeVisible();
    await page.getByTestId('sign-out').click();
    await expect(page.getByTestId('central-login')).toBeVisible();

    // A centre manager: no accounts to administer, their own password only; they stay signed in after changing it.
    await page.goto(`${centralUrl}/central`);
    await signInAs(page, head, 'waer-head-new-pass', 'central');
    await expect(page.getByTestId('central-nav-accounts')).toHaveText(w.myPassword);
    await page.getByTestId('central-nav-accounts').click();
    await expect(page.getByTestId('own-password')).toBeVisible();
    await expect(page.getByTestId('accounts-table')).toHaveCount(0);
    await expect(page.getByTestId('central-audit')).toHaveCount(0);
    await page.getByTestId('own-current').fill('waer-head-new-pass');
    await page.getByTestId('own-new').fill('waer-head-own-pass');
    await page.getByTestId('own-again').fill('waer-head-own-pass');
    await page.getByTestId('own-submit').click();
    await expect(page.getByTestId('own-password-result')).toContainText(w.changed);
    await page.screenshot({ path: `${screensDir}central-accounts-own-${lang}-1366x900-full.png`, fullPage: true });
    await expectAccessible(page, 'own password');
    await page.getByTestId('central-nav-dashboard').click();
    await expect(page.getByTestId('centre-card')).toHaveCount(1);
    await page.reload();
    await expect(page.getByTestId('central')).toBeVisible();
    await expect(page.getByTestId('centre-card')).toHaveCount(1);
    expect(await signInStatus(head, 'waer-head-own-pass')).toBe(200);
    await ctx.close();
  });
}

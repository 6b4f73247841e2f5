// Central's screens (issue 12 §3, §5, §6) against a real `dawr central --demo`: embedded
// PostgreSQL and three real demo halls in two municipalities replicating into it. The public league
// table in Arabic and English (three centres ranked, the method on the page, the CSV in the page's
// language, a phone and a big screen); the central dashboard as each kind of account sees it (a
// municipality manager both Homs centres and not Hama, a centre manager only Al-Waer, the platform
// admin everything and the municipality filter); a hall's dashboard showing its link to central;
// and a hall that is not linked joining central from its admin screen. Screenshots:
// test-results/screens/central-*.png.
import { test, expect, type Page } from '@playwright/test';
import { type ChildProcess, spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnHub } from '../support/hub-process.ts';
import { api, contextFor, expectAccessible, login, screensDir, shot, type Lang } from './support.ts';

const dawr = fileURLToPath(new URL('../../scripts/dawr.ts', import.meta.url));

let central: ChildProcess;
let centralUrl: string;
let dir: string;
/** Hall name (English, as printed) → its hub's URL. */
const halls = new Map<string, string>();

type League = { centres: { branchId: string; rank: number | null; smallSample: boolean }[] };

/** Starts `dawr central --demo` on a free port; resolves with its URL once the demo halls are up. */
function startCentral(): Promise<string> {
  central = spawn(process.execPath, [dawr, 'central', '--demo', '--demo-history', '4', '--data', dir, '--port', '0', '--host', '127.0.0.1'], {
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
    const ctx = await contextFor(browser, { lang, width: 1366, height: 900 });
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
    const ctx = await contextFor(browser, { lang, width: 1366, height: 900 });
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
  const ctx = await contextFor(browser, { lang: 'ar', width: 1366, height: 900 });
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
    const ctx = await contextFor(browser, { lang, width: 390, height: 844 });
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

// The hall's backups as an administrator and a supervisor meet them, in Arabic and English: the
// Backups section of Administration → Hall (set a folder, back up now, the file listed), and the
// dashboard's Hall computer card — red while there is no backup, then the last verified one with
// its size. Axe-clean, with screenshots.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect } from '@playwright/test';
import { startHubProcess, type HubProcess } from './hub-process.ts';
import { contextFor, expectAccessible, login, shot, type Lang } from './support.ts';

let hub: HubProcess;
let folder: string;
test.beforeEach(async () => {
  hub = await startHubProcess({ DAWR_BACKUP_PASSPHRASE: 'the e2e backup passphrase' });
  folder = mkdtempSync(join(tmpdir(), 'dawr-e2e-backups-'));
});
test.afterEach(async () => {
  await hub?.dispose();
  rmSync(folder, { recursive: true, force: true });
});

const TEXT = {
  ar: { noBackup: 'لا توجد بعد', notSet: 'النسخ الاحتياطي غير مُعدّ', made: 'كُتبت النسخة الاحتياطية وتم التحقق منها', verified: 'تم التحقق منها' },
  en: { noBackup: 'none yet', notSet: 'Backups are not set up', made: 'Backup written and verified', verified: 'verified' },
} as const;

for (const lang of ['ar', 'en'] as Lang[]) {
  test(`backups: set in Administration → Hall, made now, shown on the dashboard (${lang})`, async ({ browser }) => {
    const supervisor = await login(hub.url, 'supervisor', 'dawr-supervisor');
    const sctx = await contextFor(browser, { lang, width: 1366, height: 900, staff: supervisor });
    const dash = await sctx.newPage();
    await dash.goto(`${hub.url}/dashboard`);
    const card = dash.getByTestId('hall-computer');
    await expect(card.getByTestId('backup-last')).toHaveText(TEXT[lang].noBackup);
    await expect(card.getByTestId('backup-alert')).toContainText(TEXT[lang].notSet);
    await expect(card.getByTestId('disk-free')).toBeVisible();
    await card.scrollIntoViewIfNeeded();
    await shot(dash, `dashboard-no-backup-${lang}-1366x900`);

    const admin = await login(hub.url, 'admin', 'dawr-admin');
    const actx = await contextFor(browser, { lang, width: 1366, height: 900, staff: admin });
    const page = await actx.newPage();
    await page.goto(`${hub.url}/admin`);
    await page.getByTestId('admin-tab-hall').click();
    const section = page.getByTestId('admin-backup');
    await expect(section.getByTestId('backup-key')).toBeVisible();
    await section.getByTestId('backup-enabled').check();
    await section.getByTestId('backup-folder').fill(folder);
    await section.getByTestId('backup-save').click();
    await expect(section.getByTestId('backup-message')).toBeVisible();
    await section.getByTestId('backup-run').click();
    await expect(section.getByTestId('backup-message')).toContainText(TEXT[lang].made, { timeout: 30_000 });
    await expect(section.getByTestId('backup-files').locator('tbody tr')).toHaveCount(1);
    await section.scrollIntoViewIfNeeded();
    await shot(page, `admin-backups-${lang}-1366x900`);
    await expectAccessible(page, 'admin backups');

    // The dashboard follows within its 10 s refresh: the last backup, verified, and no alert.
    await expect(card.getByTestId('backup-last')).toContainText(TEXT[lang].verified, { timeout: 15_000 });
    await expect(card.getByTestId('backup-alert')).toHaveCount(0);
    await card.scrollIntoViewIfNeeded();
    await shot(dash, `dashboard-backup-${lang}-1366x900`);
    await expectAccessible(dash, 'dashboard with the hall computer');
  });
}

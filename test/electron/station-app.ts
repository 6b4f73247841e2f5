// Launches the unpackaged station with Playwright's `_electron`, in its own data folder with a
// station.json written for the role under test. (A packaged build cannot be driven this way: its
// fuses turn off the --inspect arguments Playwright attaches with — which is the point of them.)
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron, type ElectronApplication, type Page } from 'playwright-core';
import { hashPin } from '../../electron/main/pin.ts';
import type { StationConfig } from '../../electron/main/station-config.ts';

export interface StationApp {
  app: ElectronApplication;
  page: Page;
  userData: string;
  close(): Promise<void>;
}

export const TEST_PIN = '2468';

export async function stationConfig(role: StationConfig['role'], extra: Partial<StationConfig> = {}): Promise<StationConfig> {
  return {
    version: 1, role, name: `e2e ${role}`, hubUrl: 'http://127.0.0.1:9', monitor: 0,
    maintenancePinHash: await hashPin(TEST_PIN, { N: 1024, r: 8, p: 1 }), ...extra,
  };
}

export async function launchStation(root: string, binary: string, config: StationConfig | null): Promise<StationApp> {
  const userData = mkdtempSync(join(tmpdir(), 'dawr-e2e-station-'));
  mkdirSync(userData, { recursive: true });
  if (config) writeFileSync(join(userData, 'station.json'), JSON.stringify(config));
  const args = [root];
  // Chromium refuses to start as root with its sandbox on (CI containers); tests only.
  if (process.getuid?.() === 0) args.unshift('--no-sandbox');
  const app = await _electron.launch({
    executablePath: binary,
    args,
    cwd: root,
    env: { ...process.env, DAWR_USER_DATA: userData, ELECTRON_ENABLE_LOGGING: '1' } as Record<string, string>,
    timeout: 60_000,
  });
  const page = await app.firstWindow();
  await page.waitForLoadState('domcontentloaded');
  return {
    app, page, userData,
    close: async () => {
      await app.close().catch(() => {});
      rmSync(userData, { recursive: true, force: true });
    },
  };
}

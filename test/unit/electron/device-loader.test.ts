import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { deviceManagerAdapter, INSTALLATION_SECRET_FILE, installationSecret, type DeviceManagerOptions } from '../../../electron/main/device-loader.ts';
import { FakeElectron, fakeLog } from './fake-electron.ts';
import { fakeDevices } from './fixtures.ts';

describe('device manager adapter', () => {
  it('builds the manager with the station settings, a stable encrypted secret, the job ledger and the fonts, then starts it', async () => {
    const electron = new FakeElectron();
    const seen: DeviceManagerOptions[] = [];
    let started = 0;
    const { devices } = fakeDevices();
    const create = deviceManagerAdapter((options) => {
      seen.push(options);
      return { ...devices, start: () => { started++; } };
    }, { userDataDir: electron.userData, fontDir: '/app/resources/fonts', safeStorage: electron.safeStorage, log: fakeLog() });

    const printer = { printer: { kind: 'tcp', host: '10.0.0.9', port: 9100 } };
    await create(printer);
    await create(printer);
    expect(started).toBe(2);
    expect(seen[0]).toMatchObject({ config: printer, ledgerFile: join(electron.userData, 'printed-jobs.jsonl'), fontDir: '/app/resources/fonts' });
    expect(seen[0]!.installationSecret).toMatch(/^[0-9a-f]{64}$/);
    expect(seen[1]!.installationSecret).toBe(seen[0]!.installationSecret);
    expect(readFileSync(join(electron.userData, INSTALLATION_SECRET_FILE)).includes(seen[0]!.installationSecret)).toBe(false);
  });

  it('hands an empty settings object when station.json has no devices', async () => {
    const electron = new FakeElectron();
    const seen: unknown[] = [];
    await deviceManagerAdapter((o) => { seen.push(o.config); return fakeDevices().devices; }, { userDataDir: electron.userData, fontDir: '/f', safeStorage: electron.safeStorage, log: fakeLog() })(undefined);
    expect(seen).toEqual([{}]);
  });

  it('refuses to make a secret without encrypted storage', () => {
    const electron = new FakeElectron();
    electron.encryptionAvailable = false;
    expect(() => installationSecret(electron.userData, electron.safeStorage, fakeLog())).toThrow();
  });
});

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { deviceManagerAdapter, IDENTITY_KEY_FILE, type DeviceManagerOptions } from '../../../electron/main/device-loader.ts';
import { FakeElectron, fakeLog } from './fake-electron.ts';
import { fakeDevices } from './fixtures.ts';

describe('device manager adapter', () => {
  it('builds the manager with the station settings, the job ledger and the fonts, then starts it', async () => {
    const electron = new FakeElectron();
    const seen: DeviceManagerOptions[] = [];
    let started = 0;
    const { devices } = fakeDevices();
    const create = deviceManagerAdapter((options) => {
      seen.push(options);
      return { ...devices, start: () => { started++; } };
    }, { userDataDir: electron.userData, fontDir: '/app/resources/fonts', log: fakeLog() });

    const printer = { printer: { kind: 'tcp', host: '10.0.0.9', port: 9100 } };
    await create(printer);
    await create(printer);
    expect(started).toBe(2);
    expect(seen[0]).toMatchObject({ config: printer, ledgerFile: join(electron.userData, 'printed-jobs.jsonl'), fontDir: '/app/resources/fonts' });
    // No hub yet: no identity key, and nothing of the kind made up on the station.
    expect(seen[0]!.identityKey).toBeUndefined();
    expect(existsSync(join(electron.userData, IDENTITY_KEY_FILE))).toBe(false);
  });

  it('hands an empty settings object when station.json has no devices', async () => {
    const electron = new FakeElectron();
    const seen: unknown[] = [];
    await deviceManagerAdapter((o) => { seen.push(o.config); return fakeDevices().devices; }, { userDataDir: electron.userData, fontDir: '/f', log: fakeLog() })(undefined);
    expect(seen).toEqual([{}]);
  });
});

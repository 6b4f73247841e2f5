// The station asks its hub for the hall's one pseudonym key (a real hub on a free port).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { deviceManagerAdapter, INSTALLATION_SECRET_FILE, type DeviceManagerOptions } from '../../../electron/main/device-loader.ts';
import { startTestHub } from '../../support/hub.ts';
import { FakeElectron, fakeLog } from '../../unit/electron/fake-electron.ts';
import { fakeDevices } from '../../unit/electron/fixtures.ts';

describe('the hall pseudonym key', () => {
  it('comes from the hub, is kept encrypted, and is used again when the hub is unreachable', async () => {
    const hub = await startTestHub();
    try {
      const admin = await hub.api.login('admin', 'dawr-admin');
      const kiosk = await hub.api.pairDevice(admin, 'kiosk', 'K');
      const key = (await hub.api.get('/api/v1/devices/pseudonym-key', kiosk)).body.key as string;
      const electron = new FakeElectron();
      const seen: DeviceManagerOptions[] = [];
      const create = deviceManagerAdapter((o) => { seen.push(o); return fakeDevices().devices; }, { userDataDir: electron.userData, fontDir: '/f', safeStorage: electron.safeStorage, log: fakeLog() });
      await create({}, { url: hub.url, token: kiosk });
      expect(seen[0]!.installationSecret).toBe(key);
      expect(readFileSync(join(electron.userData, INSTALLATION_SECRET_FILE)).includes(key)).toBe(false);
      // Two stations of one hall make the same pseudonym.
      const other = new FakeElectron();
      const secondSeen: DeviceManagerOptions[] = [];
      await deviceManagerAdapter((o) => { secondSeen.push(o); return fakeDevices().devices; }, { userDataDir: other.userData, fontDir: '/f', safeStorage: other.safeStorage, log: fakeLog() })({}, { url: hub.url, token: await hub.api.pairDevice(admin, 'kiosk', 'K2') });
      expect(secondSeen[0]!.installationSecret).toBe(key);
      // Hub unreachable at the next start: the kept key.
      await create({}, { url: 'http://127.0.0.1:9', token: kiosk });
      expect(seen[1]!.installationSecret).toBe(key);
    } finally {
      await hub.close();
    }
  });
});

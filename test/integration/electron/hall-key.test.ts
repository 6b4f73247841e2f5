// The station asks its hub for the hub's public identity key (a real hub on a free port), seals ID
// readings to it, and the hub makes the pseudonym: two stations of one hall give one citizen one
// pseudonym, and no station holds a key that could reverse pseudonyms.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pseudonym, sealIdNumber } from '../../../electron/devices/id-reader/sealed-id.ts';
import { deviceManagerAdapter, IDENTITY_KEY_FILE, type DeviceManagerOptions } from '../../../electron/main/device-loader.ts';
import { startTestHub } from '../../support/hub.ts';
import { FakeElectron, fakeLog } from '../../unit/electron/fake-electron.ts';
import { fakeDevices } from '../../unit/electron/fixtures.ts';

describe("the hub's identity key", () => {
  it('comes from the hub, is kept for when the hub is unreachable, and seals readings only the hub opens', async () => {
    const hub = await startTestHub();
    try {
      const admin = await hub.api.login('admin', 'dawr-admin');
      const kiosk = await hub.api.pairDevice(admin, 'kiosk', 'K');
      const answer = (await hub.api.get('/api/v1/devices/identity-key', kiosk)).body as { publicKey: string; algorithm: string };
      expect(answer.algorithm).toBe('RSA-OAEP-SHA256');
      expect(answer.publicKey).toMatch(/^-----BEGIN PUBLIC KEY-----/);
      expect(JSON.stringify(answer)).not.toContain(hub.hub.ctx.installationSecret);
      expect((await hub.api.get('/api/v1/devices/pseudonym-key', kiosk)).status).toBe(404);
      expect((await hub.api.get('/api/v1/devices/identity-key', await hub.api.pairDevice(admin, 'display', 'D'))).status).toBe(403);

      const electron = new FakeElectron();
      const seen: DeviceManagerOptions[] = [];
      const create = deviceManagerAdapter((o) => { seen.push(o); return fakeDevices().devices; }, { userDataDir: electron.userData, fontDir: '/f', log: fakeLog() });
      await create({}, { url: hub.url, token: kiosk });
      expect(seen[0]!.identityKey).toBe(answer.publicKey);
      expect(readFileSync(join(electron.userData, IDENTITY_KEY_FILE), 'utf8')).toBe(answer.publicKey);
      // Hub unreachable at the next start: the kept key.
      await create({}, { url: 'http://127.0.0.1:9', token: kiosk });
      expect(seen[1]!.identityKey).toBe(answer.publicKey);
      // A station that never reached a hub has none (cards are read, tickets not verified).
      const lonely = new FakeElectron();
      const none: DeviceManagerOptions[] = [];
      await deviceManagerAdapter((o) => { none.push(o); return fakeDevices().devices; }, { userDataDir: lonely.userData, fontDir: '/f', log: fakeLog() })({}, { url: 'http://127.0.0.1:9', token: kiosk });
      expect(none[0]!.identityKey).toBeUndefined();
      expect(existsSync(join(lonely.userData, IDENTITY_KEY_FILE))).toBe(false);

      // Two stations seal the same card; the hub keeps one pseudonym for both, and only that.
      const other = await hub.api.pairDevice(admin, 'kiosk', 'K2');
      const a = await hub.api.post('/api/v1/tickets', kiosk, { serviceId: 'reception', lang: 'ar', idSealed: sealIdNumber('1234567890', answer.publicKey, Date.now()) });
      const b = await hub.api.post('/api/v1/tickets', other, { serviceId: 'reception', lang: 'ar', idSealed: sealIdNumber('1234567890', answer.publicKey, Date.now()) });
      expect([a.body.identityVerified, b.body.identityVerified]).toEqual([true, true]);
      const { default: Database } = await import('better-sqlite3');
      const db = new Database(join(hub.dir, 'dawr.sqlite'), { readonly: true });
      const rows = db.prepare('SELECT ticket_id, id_token FROM ticket_identity').all() as { ticket_id: string; id_token: string }[];
      db.close();
      expect(rows.map((r) => r.id_token)).toEqual([pseudonym('1234567890', hub.hub.ctx.installationSecret), pseudonym('1234567890', hub.hub.ctx.installationSecret)]);

      // A stale reading, or one sealed to another key, is refused and issues nothing.
      const before = hub.hub.ctx.hall.lastSeq();
      const stale = await hub.api.post('/api/v1/tickets', kiosk, { serviceId: 'reception', lang: 'ar', idSealed: sealIdNumber('1234567890', answer.publicKey, Date.now() - 6 * 60_000) });
      expect(stale.status).toBe(400);
      expect(stale.body.error.message).toMatch(/read it again/);
      const { newIdentityKeyPair } = await import('../../../electron/devices/id-reader/sealed-id.ts');
      const foreign = await hub.api.post('/api/v1/tickets', kiosk, { serviceId: 'reception', lang: 'ar', idSealed: sealIdNumber('1234567890', newIdentityKeyPair().publicKey, Date.now()) });
      expect(foreign.status).toBe(400);
      expect(hub.hub.ctx.hall.lastSeq()).toBe(before);
    } finally {
      await hub.close();
    }
  });
});

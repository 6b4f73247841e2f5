import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HubUrl } from '../../../shared/protocol/station.ts';
import { CONFIG_FILE, loadStationConfig, saveStationConfig } from '../../../electron/main/station-config.ts';
import { FakeElectron } from './fake-electron.ts';

describe('hub address', () => {
  it.each(['http://192.168.1.10:4700', 'http://hub.hall.local', 'https://hub.example.org:4443/', 'http://[fe80::1]:4700', 'http://127.0.0.1:4700'])('accepts %s', (url) => {
    expect(HubUrl.safeParse(url).success).toBe(true);
  });
  it.each(['ftp://hub', 'http://user:pw@hub:4700', 'http://hub:4700/api', 'http://hub:4700?x=1', 'http://hub:99999', 'http://hub:0', 'hub:4700', 'javascript:alert(1)', 'http://-hub', ''])('refuses %s', (url) => {
    expect(HubUrl.safeParse(url).success).toBe(false);
  });
});

describe('station.json', () => {
  const valid = { version: 1, role: 'kiosk', name: 'Kiosk 1', hubUrl: 'http://192.168.1.10:4700', maintenancePinHash: 'scrypt$1024$8$1$c2FsdA==$aGFzaA==' };

  it('is missing on first run', () => {
    expect(loadStationConfig(new FakeElectron().userData)).toEqual({ state: 'missing' });
  });

  it('round-trips, with defaults filled in', () => {
    const dir = new FakeElectron().userData;
    saveStationConfig(dir, { ...valid, monitor: 0 } as never);
    expect(loadStationConfig(dir)).toEqual({ state: 'ok', config: { ...valid, monitor: 0 } });
  });

  it.each([
    ['not JSON', '{'],
    ['an unknown role', JSON.stringify({ ...valid, role: 'printer' })],
    ['a plain-text PIN', JSON.stringify({ ...valid, maintenancePinHash: '2468' })],
    ['a hub with a path', JSON.stringify({ ...valid, hubUrl: 'http://hub/evil' })],
  ])('is reported invalid with %s', (_label, text) => {
    const dir = new FakeElectron().userData;
    writeFileSync(join(dir, CONFIG_FILE), text);
    expect(loadStationConfig(dir).state).toBe('invalid');
  });
});

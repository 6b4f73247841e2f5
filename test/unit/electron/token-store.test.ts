import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createTokenStore, TOKEN_FILE, TokenStorageUnavailable } from '../../../electron/main/token-store.ts';
import { FakeElectron, fakeLog } from './fake-electron.ts';

const TOKEN = 'dvc_4f9c2b7e1a0d4c3b9e8f7a6b5c4d3e2f';

describe('device token storage', () => {
  it('round-trips the token through safeStorage', () => {
    const electron = new FakeElectron();
    const store = createTokenStore(electron.userData, electron.safeStorage, fakeLog());
    expect(store.load()).toBeUndefined();
    store.save(TOKEN);
    expect(store.load()).toBe(TOKEN);
    expect(createTokenStore(electron.userData, electron.safeStorage, fakeLog()).load()).toBe(TOKEN);
  });

  it('never writes the token in plain text anywhere in userData', () => {
    const electron = new FakeElectron();
    createTokenStore(electron.userData, electron.safeStorage, fakeLog()).save(TOKEN);
    for (const file of readdirSync(electron.userData, { recursive: true, withFileTypes: true })) {
      if (file.isFile()) expect(readFileSync(join(file.parentPath, file.name)).includes(TOKEN)).toBe(false);
    }
    expect(readFileSync(join(electron.userData, TOKEN_FILE)).subarray(0, 9).toString()).toBe('FAKE-ENC:');
  });

  it('refuses to store the token when no encryption is available, and writes nothing', () => {
    const electron = new FakeElectron();
    electron.encryptionAvailable = false;
    const store = createTokenStore(electron.userData, electron.safeStorage, fakeLog());
    expect(() => store.save(TOKEN)).toThrow(TokenStorageUnavailable);
    expect(readdirSync(electron.userData)).toEqual([]);
  });

  it('warns when Linux has no keyring (basic_text backend)', () => {
    const electron = new FakeElectron();
    electron.backend = 'basic_text';
    const log = fakeLog();
    createTokenStore(electron.userData, electron.safeStorage, log).save(TOKEN);
    expect(log.entries.some((e) => e.level === 'warn' && JSON.stringify(e).includes('basic_text'))).toBe(true);
    expect(log.text()).not.toContain(TOKEN);
  });

  it('treats a token file it cannot decrypt as no token', async () => {
    const electron = new FakeElectron();
    const { writeFileSync } = await import('node:fs');
    writeFileSync(join(electron.userData, TOKEN_FILE), 'garbage');
    expect(createTokenStore(electron.userData, electron.safeStorage, fakeLog()).load()).toBeUndefined();
  });
});

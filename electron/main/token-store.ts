// The device token, kept with Electron's safeStorage (the OS keychain / DPAPI / libsecret key)
// in its own file next to the station config; never in the config, never in plain text. Where
// no encryption is available the token is refused rather than written in the clear.
import { chmodSync, existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SafeStoragePort } from './electron-facade.ts';
import type { Log } from './logger.ts';

export const TOKEN_FILE = 'device-token.bin';

export class TokenStorageUnavailable extends Error {}

export interface TokenStore {
  save(token: string): void;
  load(): string | undefined;
  clear(): void;
}

/** Also used for the installation secret (device-loader.ts): any small secret kept encrypted in its own file. */
export function createTokenStore(userDataDir: string, safeStorage: SafeStoragePort, log: Log, fileName = TOKEN_FILE): TokenStore {
  const file = join(userDataDir, fileName);
  return {
    save(token) {
      if (!safeStorage.isEncryptionAvailable()) {
        throw new TokenStorageUnavailable('this machine offers no encrypted storage; the device token is not saved');
      }
      if (safeStorage.storageBackend() === 'basic_text') {
        // Linux without a keyring: Electron then encrypts with a fixed key. Still not plain
        // text, but a copied disk reveals it; a kiosk image should ship gnome-keyring or kwallet.
        log.warn({ backend: 'basic_text' }, 'device token stored with a weak key: no OS keyring found');
      }
      const tmp = `${file}.tmp`;
      writeFileSync(tmp, safeStorage.encryptString(token), { mode: 0o600 });
      renameSync(tmp, file);
      chmodSync(file, 0o600);
    },
    load() {
      if (!existsSync(file)) return undefined;
      try {
        return safeStorage.decryptString(readFileSync(file));
      } catch (error) {
        log.error({ err: error }, 'device token could not be decrypted; pair the station again');
        return undefined;
      }
    },
    clear() {
      rmSync(file, { force: true });
    },
  };
}

// Adapts electron/devices' device manager to what main needs (StationDevices). Its factory takes
// the station's device settings plus what only main knows: the installation secret for ID
// pseudonyms (brief §8, kept encrypted like the device token), where printed job ids are kept
// (so a ticket is never printed twice across restarts), and where the shipped fonts are.
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { StationDevices } from './device-ipc.ts';
import type { SafeStoragePort } from './electron-facade.ts';
import type { Log } from './logger.ts';
import type { CreateDevices } from './station.ts';
import { createTokenStore } from './token-store.ts';

export const INSTALLATION_SECRET_FILE = 'installation-secret.bin';

export interface DeviceManagerOptions {
  config: unknown;
  installationSecret: string;
  ledgerFile: string;
  fontDir: string;
}
export type DeviceManagerFactory = (options: DeviceManagerOptions) => StationDevices & { start?(): void };

/** The secret made on first use and kept with safeStorage; never in station.json, never logged. */
export function installationSecret(userDataDir: string, safeStorage: SafeStoragePort, log: Log): string {
  const store = createTokenStore(userDataDir, safeStorage, log, INSTALLATION_SECRET_FILE);
  const known = store.load();
  if (known) return known;
  const fresh = randomBytes(32).toString('hex');
  store.save(fresh);
  return fresh;
}

export function deviceManagerAdapter(
  factory: DeviceManagerFactory,
  context: { userDataDir: string; fontDir: string; safeStorage: SafeStoragePort; log: Log },
): CreateDevices {
  return async (devicesConfig) => {
    const manager = factory({
      config: devicesConfig ?? {},
      installationSecret: installationSecret(context.userDataDir, context.safeStorage, context.log),
      ledgerFile: join(context.userDataDir, 'printed-jobs.jsonl'),
      fontDir: context.fontDir,
    });
    manager.start?.();
    return manager;
  };
}

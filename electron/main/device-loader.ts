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

/** Where the station's hub answers, and the station's device token. */
export interface HubAccess {
  url: string;
  token?: string;
}

/**
 * The hall's one key for ID pseudonyms (brief §8), so a citizen gets the same pseudonym at every
 * station: asked of the hub (`GET /api/v1/devices/pseudonym-key`) and kept with safeStorage for
 * when the hub is unreachable at start-up. Only a station that never reached its hub falls back
 * to a key of its own (and says so in the log).
 */
export async function hallSecret(hub: HubAccess | undefined, userDataDir: string, safeStorage: SafeStoragePort, log: Log, fetchImpl: typeof fetch = fetch): Promise<string> {
  const store = createTokenStore(userDataDir, safeStorage, log, INSTALLATION_SECRET_FILE);
  if (hub?.token) {
    try {
      const res = await fetchImpl(`${hub.url}/api/v1/devices/pseudonym-key`, { headers: { authorization: `Bearer ${hub.token}` }, signal: AbortSignal.timeout(5000) });
      const body = res.ok ? ((await res.json()) as { key?: unknown }) : undefined;
      if (typeof body?.key === 'string' && /^[0-9a-f]{64}$/.test(body.key)) {
        if (store.load() !== body.key) store.save(body.key);
        return body.key;
      }
      log.warn({ status: res.status }, 'the hub did not give the pseudonym key');
    } catch (err) {
      log.warn({ err }, 'the hub could not be asked for the pseudonym key');
    }
  }
  const known = store.load();
  if (known) return known;
  log.warn({}, 'no pseudonym key from the hub yet: using one of this station until it is reached');
  return installationSecret(userDataDir, safeStorage, log);
}

export function deviceManagerAdapter(
  factory: DeviceManagerFactory,
  context: { userDataDir: string; fontDir: string; safeStorage: SafeStoragePort; log: Log; fetch?: typeof fetch },
): CreateDevices {
  return async (devicesConfig, hub) => {
    const manager = factory({
      config: devicesConfig ?? {},
      installationSecret: await hallSecret(hub, context.userDataDir, context.safeStorage, context.log, context.fetch),
      ledgerFile: join(context.userDataDir, 'printed-jobs.jsonl'),
      fontDir: context.fontDir,
    });
    manager.start?.();
    return manager;
  };
}

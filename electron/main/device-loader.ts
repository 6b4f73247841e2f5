// Adapts electron/devices' device manager to what main needs (StationDevices). Its factory takes
// the station's device settings plus what only main knows: the hub's public identity key that ID
// readings are sealed to (brief §8; the station holds no key that makes pseudonyms), where printed
// job ids are kept (so a ticket is never printed twice across restarts), and where the shipped fonts are.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { StationDevices } from './device-ipc.ts';
import type { Log } from './logger.ts';
import type { CreateDevices } from './station.ts';

/** The hub's public identity key as last received (public: kept in plain, pinned for when the hub is away). */
export const IDENTITY_KEY_FILE = 'hub-identity-key.pem';

export interface DeviceManagerOptions {
  config: unknown;
  identityKey?: string;
  ledgerFile: string;
  fontDir: string;
}
export type DeviceManagerFactory = (options: DeviceManagerOptions) => StationDevices & { start?(): void };

/** Where the station's hub answers, and the station's device token. */
export interface HubAccess {
  url: string;
  token?: string;
}

/**
 * The hub's public identity key (`GET /api/v1/devices/identity-key`), kept in the station's folder
 * for when the hub is unreachable at start-up. A station that never reached its hub has none: its
 * reader still reads cards (age band, name on screen) but cannot verify a ticket's identity.
 */
export async function hubIdentityKey(hub: HubAccess | undefined, userDataDir: string, log: Log, fetchImpl: typeof fetch = fetch): Promise<string | undefined> {
  const file = join(userDataDir, IDENTITY_KEY_FILE);
  if (hub?.token) {
    try {
      const res = await fetchImpl(`${hub.url}/api/v1/devices/identity-key`, { headers: { authorization: `Bearer ${hub.token}` }, signal: AbortSignal.timeout(5000) });
      const body = res.ok ? ((await res.json()) as { publicKey?: unknown }) : undefined;
      if (typeof body?.publicKey === 'string' && body.publicKey.startsWith('-----BEGIN PUBLIC KEY-----')) {
        writeFileSync(file, body.publicKey);
        return body.publicKey;
      }
      log.warn({ status: res.status }, 'the hub did not give its identity key');
    } catch (err) {
      log.warn({ err }, 'the hub could not be asked for its identity key');
    }
  }
  if (existsSync(file)) return readFileSync(file, 'utf8');
  log.warn({}, 'no identity key from the hub yet: ID cards are read but cannot verify tickets until it is reached');
  return undefined;
}

export function deviceManagerAdapter(
  factory: DeviceManagerFactory,
  context: { userDataDir: string; fontDir: string; log: Log; fetch?: typeof fetch },
): CreateDevices {
  return async (devicesConfig, hub) => {
    const manager = factory({
      config: devicesConfig ?? {},
      identityKey: await hubIdentityKey(hub, context.userDataDir, context.log, context.fetch),
      ledgerFile: join(context.userDataDir, 'printed-jobs.jsonl'),
      fontDir: context.fontDir,
    });
    manager.start?.();
    return manager;
  };
}

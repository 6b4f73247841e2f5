// The station's configuration: a JSON file in the app's userData folder, written by the
// first-run page and read at every start. The device token is not in it (token-store.ts).
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { HubUrl, ScreenRole, StationRole } from '../../shared/protocol/station.ts';
import { isPinHash } from './pin.ts';

export const CONFIG_FILE = 'station.json';

const Monitor = z.number().int().min(0).max(16);

export const StationConfig = z.object({
  version: z.literal(1),
  role: StationRole,
  /** The name the hub knows this device by (shown on the dashboard's device list). */
  name: z.string().min(1).max(80),
  /** For all-in-one this is rewritten at every start with the address of the hub the app runs. */
  hubUrl: HubUrl,
  deviceId: z.string().optional(),
  /**
   * Printer and reader settings. The devices engineer owns their shape (StationDevicesConfig in
   * electron/devices/config.ts, not written yet); main passes this through untouched, and the
   * device manager validates it.
   */
  devices: z.unknown().optional(),
  /** The monitor a kiosk or hall screen fills (index into the OS's display list). */
  monitor: Monitor.default(0),
  /** all-in-one: which screens open, each on which monitor, and where the hub listens. */
  allInOne: z
    .object({
      screens: z.array(z.object({ screen: ScreenRole, monitor: Monitor.default(0) })).min(1),
      hub: z.object({ host: z.string().default('0.0.0.0'), port: z.number().int().min(1).max(65535).default(4700) }).default({ host: '0.0.0.0', port: 4700 }),
    })
    .optional(),
  maintenancePinHash: z.string().refine(isPinHash, 'an scrypt hash'),
});
export type StationConfig = z.infer<typeof StationConfig>;

/** The screens all-in-one opens when the config names none: the whole hall on one machine. */
export const DEFAULT_ALL_IN_ONE_SCREENS: { screen: ScreenRole; monitor: number }[] = [
  { screen: 'counter', monitor: 0 },
  { screen: 'kiosk', monitor: 1 },
  { screen: 'display', monitor: 2 },
];

export type ConfigLoad = { state: 'missing' } | { state: 'invalid'; message: string } | { state: 'ok'; config: StationConfig };

export function loadStationConfig(userDataDir: string): ConfigLoad {
  const file = join(userDataDir, CONFIG_FILE);
  if (!existsSync(file)) return { state: 'missing' };
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    return { state: 'invalid', message: `not JSON: ${(error as Error).message}` };
  }
  const parsed = StationConfig.safeParse(raw);
  if (!parsed.success) return { state: 'invalid', message: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') };
  return { state: 'ok', config: parsed.data };
}

export function saveStationConfig(userDataDir: string, config: StationConfig): void {
  mkdirSync(userDataDir, { recursive: true });
  const file = join(userDataDir, CONFIG_FILE);
  const tmp = `${file}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(StationConfig.parse(config), null, 2)}\n`, { mode: 0o600 });
  renameSync(tmp, file);
}

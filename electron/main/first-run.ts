// First run: no station.json yet. A small page owned by main (app://station/first-run/) asks
// the role, the hub's address, the pairing code, a name and the maintenance PIN; main pairs
// with the hub, keeps the token with safeStorage, hashes the PIN and writes the config.
import { z } from 'zod';
import { FirstRunRequest, STATION_PAGE_IPC, type StationRole } from '../../shared/protocol/station.ts';
import type { ElectronFacade } from './electron-facade.ts';
import { stationPage, type IpcRegistrar } from './ipc.ts';
import type { Log } from './logger.ts';
import { pairWithHub } from './pairing.ts';
import { hashPin, type ScryptCost } from './pin.ts';
import { DEFAULT_ALL_IN_ONE_SCREENS, saveStationConfig, type StationConfig } from './station-config.ts';
import type { TokenStore } from './token-store.ts';
import { stationPageUrl } from './trusted-url.ts';
import { securePreferences } from './windows.ts';
import type { WindowRegistry } from './window-registry.ts';

/** Unattended screens must be paired (nobody signs in at them); a counter may be. */
const PAIRING: Record<StationRole, 'required' | 'optional' | 'none'> = {
  kiosk: 'required', display: 'required', counter: 'optional', dashboard: 'none', 'all-in-one': 'none',
};

/** Where all-in-one points its screens before the embedded hub tells its real address. */
const LOCAL_HUB = 'http://127.0.0.1:4700';

export interface FirstRunDeps {
  electron: ElectronFacade;
  registry: WindowRegistry;
  ipc: IpcRegistrar;
  tokens: TokenStore;
  userDataDir: string;
  stationPagesPreload: string;
  log: Log;
  fetch?: typeof fetch;
  pinCost?: ScryptCost;
}

/** Turns a valid request into a saved config (and a stored token); throws with a message the page shows. */
export async function completeFirstRun(request: FirstRunRequest, deps: FirstRunDeps): Promise<StationConfig> {
  const pairing = PAIRING[request.role];
  if (request.role !== 'all-in-one' && !request.hubUrl) throw new Error('the hub address is needed');
  if (pairing === 'required' && !request.pairingCode) throw new Error('a pairing code from the hub is needed for this role');
  const hubUrl = new URL(request.hubUrl ?? LOCAL_HUB).origin;
  let deviceId: string | undefined;
  if (pairing !== 'none' && request.pairingCode) {
    const paired = await pairWithHub(hubUrl, { code: request.pairingCode, name: request.name, role: request.role }, deps.fetch);
    deps.tokens.save(paired.token);
    deviceId = paired.deviceId;
  }
  const config: StationConfig = {
    version: 1,
    role: request.role,
    name: request.name,
    hubUrl,
    ...(deviceId ? { deviceId } : {}),
    monitor: request.monitor,
    ...(request.role === 'all-in-one' ? { allInOne: { screens: DEFAULT_ALL_IN_ONE_SCREENS, hub: { host: '0.0.0.0', port: 4700 } } } : {}),
    maintenancePinHash: await hashPin(request.maintenancePin, deps.pinCost),
  };
  saveStationConfig(deps.userDataDir, config);
  deps.log.info({ role: config.role, hubUrl, deviceId }, 'station configured');
  return config;
}

/**
 * Opens the first-run page and resolves with the saved config once the page's form succeeds.
 * The caller closes the page once the screens are open (so the app never has zero windows).
 */
export function runFirstRun(deps: FirstRunDeps): Promise<{ config: StationConfig; close(): void }> {
  return new Promise((resolve) => {
    const window = deps.electron.createWindow({
      title: 'Dawr · setup',
      width: 560,
      height: 720,
      autoHideMenuBar: true,
      webPreferences: securePreferences(deps.stationPagesPreload, false),
    });
    deps.registry.add(window, { kind: 'station-page', page: 'first-run' });

    deps.ipc.handle(STATION_PAGE_IPC.firstRun, {
      from: stationPage('first-run'),
      schema: FirstRunRequest,
      run: async (request) => {
        try {
          const config = await completeFirstRun(request, deps);
          resolve({ config, close: () => window.close() });
          return { ok: true as const };
        } catch (error) {
          deps.log.warn({ role: request.role, message: (error as Error).message }, 'first run failed');
          return { ok: false as const, message: (error as Error).message };
        }
      },
    });
    deps.ipc.handle(STATION_PAGE_IPC.displays, {
      from: stationPage('first-run'),
      schema: z.undefined(),
      run: () => deps.electron.displays().map((d, index) => ({ index, label: d.label || `${d.bounds.width}×${d.bounds.height}` })),
    });
    void window.loadURL(stationPageUrl('first-run'));
  });
}

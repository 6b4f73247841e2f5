// The PIN-protected maintenance exit of a locked screen. The chord (lockdown.ts) opens a small
// prompt page owned by main (app://station/maintenance/); the PIN is checked here against the
// scrypt hash, with a lockout after repeated failures so the PIN cannot be tried out at the
// kiosk. A correct PIN unlocks the station and quits it, so a technician reaches the desktop.
import { IPC } from '../../shared/protocol/device-bridge.ts';
import { MaintenanceRequest, STATION_PAGE_IPC } from '../../shared/protocol/station.ts';
import { z } from 'zod';
import type { AppPort, BrowserWindowPort, ElectronFacade } from './electron-facade.ts';
import { stationPage, type IpcRegistrar } from './ipc.ts';
import type { Log } from './logger.ts';
import { verifyPin } from './pin.ts';
import { stationPageUrl } from './trusted-url.ts';
import { securePreferences } from './windows.ts';
import type { WindowRegistry } from './window-registry.ts';

export interface PinGateOptions {
  now?: () => number;
  maxFailures?: number;
  lockoutMs?: number;
}

/** Counts failures; after `maxFailures` in a row every attempt is refused for `lockoutMs`. */
export function createPinGate(pinHash: () => string, options: PinGateOptions = {}) {
  const now = options.now ?? Date.now;
  const maxFailures = options.maxFailures ?? 5;
  const lockoutMs = options.lockoutMs ?? 60_000;
  let failures = 0;
  let lockedUntil = 0;
  return async (pin: string): Promise<{ ok: true } | { ok: false; message: string }> => {
    if (now() < lockedUntil) return { ok: false, message: 'too many wrong PINs; wait a minute' };
    if (await verifyPin(pin, pinHash())) {
      failures = 0;
      return { ok: true };
    }
    failures += 1;
    if (failures >= maxFailures) {
      failures = 0;
      lockedUntil = now() + lockoutMs;
    }
    return { ok: false, message: 'wrong PIN' };
  };
}

export interface MaintenanceDeps {
  electron: ElectronFacade;
  registry: WindowRegistry;
  ipc: IpcRegistrar;
  stationPagesPreload: string;
  pinHash: () => string;
  log: Log;
  gate?: PinGateOptions;
}

export interface Maintenance {
  isUnlocked(): boolean;
  openPrompt(parent: BrowserWindowPort): void;
}

export function exitForMaintenance(app: AppPort): void {
  app.quit();
}

export function createMaintenance(deps: MaintenanceDeps): Maintenance {
  let unlocked = false;
  let prompt: BrowserWindowPort | null = null;
  const check = createPinGate(deps.pinHash, deps.gate);

  deps.ipc.handle(IPC.maintenanceExit, {
    from: stationPage('maintenance'),
    schema: MaintenanceRequest,
    run: async ({ pin }) => {
      const result = await check(pin);
      if (!result.ok) {
        deps.log.warn({}, 'maintenance PIN refused');
        return result;
      }
      deps.log.info({}, 'maintenance exit: station unlocked by PIN');
      unlocked = true;
      exitForMaintenance(deps.electron.app);
      return result;
    },
  });
  deps.ipc.handle(STATION_PAGE_IPC.maintenanceCancel, {
    from: stationPage('maintenance'),
    schema: z.undefined(),
    run: () => {
      prompt?.close();
    },
  });

  return {
    isUnlocked: () => unlocked,
    openPrompt(parent) {
      if (prompt && !prompt.isDestroyed()) {
        prompt.focus();
        return;
      }
      const window = deps.electron.createWindow({
        modal: true,
        alwaysOnTop: true,
        width: 380,
        height: 320,
        frame: false,
        resizable: false,
        backgroundColor: '#ffffff',
        webPreferences: securePreferences(deps.stationPagesPreload, false),
      }, parent);
      deps.registry.add(window, { kind: 'station-page', page: 'maintenance' });
      window.on('closed', () => {
        prompt = null;
      });
      prompt = window;
      void window.loadURL(stationPageUrl('maintenance'));
    },
  };
}

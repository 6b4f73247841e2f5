// The station's life: security first, the app:// scheme before `ready`, one instance, then
// the configured screens (or the first-run page). Everything Electron is reached through the
// facade and everything heavy (the hub, the devices) through loaders handed in by index.ts.
import { z } from 'zod';
import { IPC } from '../../shared/protocol/device-bridge.ts';
import type { ScreenRole, StationInfo } from '../../shared/protocol/station.ts';
import { rendererCsp, stationPageCsp } from './csp.ts';
import { noLocalDevices, registerDeviceIpc, type StationDevices } from './device-ipc.ts';
import type { ElectronFacade } from './electron-facade.ts';
import { runFirstRun } from './first-run.ts';
import { createIpcRegistrar, screenOf } from './ipc.ts';
import { applyLockdown } from './lockdown.ts';
import type { Log } from './logger.ts';
import { createMaintenance } from './maintenance.ts';
import { registerAppScheme, serveAppProtocol } from './protocol.ts';
import { installSecurity } from './security.ts';
import { DEFAULT_ALL_IN_ONE_SCREENS, loadStationConfig, type StationConfig } from './station-config.ts';
import { createTokenStore } from './token-store.ts';
import { createWatchdog } from './watchdog.ts';
import { createWindowRegistry, LOCKED_SCREENS, type WindowRegistry } from './window-registry.ts';
import { openScreenWindow } from './windows.ts';

/** What all-in-one expects electron/hub to offer (loaded lazily, only for all-in-one). */
export interface HubStartOptions {
  /** Where the hub keeps its database: `<userData>/hub`. */
  dataDir: string;
  host: string;
  port: number;
}
export interface StartedHub {
  /** An address this machine's screens can reach, e.g. http://127.0.0.1:4700. */
  url: string;
  close(): Promise<void>;
  /** A device token for the app's own screens, when the hub can issue one to its host. */
  deviceToken?: string;
  /** First start of a real (non-demo) hall: the one admin account's password, shown once. */
  bootstrapAdminPassword?: string;
}
export type StartHub = (options: HubStartOptions) => Promise<StartedHub>;
/** What main expects electron/devices to offer: a device manager built from the station's device settings. */
export type CreateDevices = (devicesConfig: unknown, hub?: { url: string; token?: string }) => Promise<StationDevices>;

export interface StationPaths {
  rendererDir: string;
  stationPagesDir: string;
  preload: string;
  stationPagesPreload: string;
}

export interface StationDeps {
  electron: ElectronFacade;
  paths: StationPaths;
  log: Log;
  loadHub(): Promise<StartHub>;
  loadDevices(): Promise<CreateDevices>;
  fetch?: typeof fetch;
  now?: () => number;
}

export interface RunningStation {
  config: StationConfig;
  registry: WindowRegistry;
  hubUrl: string;
}

/** The screens to open; an all-in-one screen whose monitor is not plugged in is left out. */
export function screensFor(config: StationConfig, displayCount: number): { screen: ScreenRole; monitor: number }[] {
  if (config.role !== 'all-in-one') return [{ screen: config.role, monitor: config.monitor }];
  const wanted = config.allInOne?.screens ?? DEFAULT_ALL_IN_ONE_SCREENS;
  const present = wanted.filter((s) => s.monitor < Math.max(1, displayCount));
  return present.length ? present : [{ ...wanted[0]!, monitor: 0 }];
}

async function startDevices(deps: StationDeps, config: StationConfig, hub: { url: string; token?: string }): Promise<StationDevices> {
  if (config.role === 'display' || config.role === 'dashboard') return noLocalDevices();
  try {
    const create = await deps.loadDevices();
    return await create(config.devices, hub);
  } catch (error) {
    deps.log.error({ err: error }, 'devices did not start; the screens carry on without them');
    return noLocalDevices();
  }
}

export async function startStation(deps: StationDeps): Promise<RunningStation | null> {
  const { electron, log, paths } = deps;
  const security = installSecurity(electron, log);
  registerAppScheme(electron);
  if (!electron.app.requestSingleInstanceLock()) {
    electron.app.quit();
    return null;
  }
  const userData = electron.app.getPath('userData');
  const early = loadStationConfig(userData);
  // A hall screen must chime without anyone touching it.
  if (early.state === 'ok' && (early.config.role === 'display' || early.config.role === 'all-in-one')) {
    electron.app.appendSwitch('autoplay-policy', 'no-user-gesture-required');
  }
  await electron.app.whenReady();
  await security;

  const registry = createWindowRegistry();
  const ipc = createIpcRegistrar(electron.ipcMain, registry, log);
  const tokens = createTokenStore(userData, electron.safeStorage, log);
  let hubUrl: string | null = early.state === 'ok' ? early.config.hubUrl : null;
  serveAppProtocol(electron, { rendererDir: paths.rendererDir, stationPagesDir: paths.stationPagesDir }, (surface) =>
    surface === 'renderer' ? rendererCsp(hubUrl) : stationPageCsp(),
  );
  electron.app.on('window-all-closed', () => electron.app.quit());

  if (early.state === 'invalid') log.error({ message: early.message }, 'station.json is not valid; showing the setup page');
  let config: StationConfig;
  let firstRun: { close(): void } | null = null;
  if (early.state === 'ok') config = early.config;
  else {
    const done = await runFirstRun({ electron, registry, ipc, tokens, userDataDir: userData, stationPagesPreload: paths.stationPagesPreload, log, ...(deps.fetch ? { fetch: deps.fetch } : {}) });
    config = done.config;
    firstRun = done;
  }

  let deviceToken = tokens.load();
  let closeHub: (() => Promise<void>) | null = null;
  hubUrl = config.hubUrl;
  if (config.role === 'all-in-one') {
    let hub: StartedHub;
    try {
      const startHub = await deps.loadHub();
      hub = await startHub({ dataDir: `${userData}/hub`, host: config.allInOne?.hub.host ?? '0.0.0.0', port: config.allInOne?.hub.port ?? 4700 });
    } catch (err) {
      // Without its hub an all-in-one station has nothing to show: say so on screen, then quit.
      log.error({ err }, 'the hall server did not start');
      await electron.showMessage({
        type: 'error',
        title: 'Dawr — دور',
        message: 'تعذّر تشغيل خادم القاعة.\nThe hall server could not start.',
        detail: `${(err as Error).message}\n\nسجلّ الأخطاء / log: ${electron.app.getPath('logs')}`,
      });
      electron.app.quit();
      return null;
    }
    if (hub.bootstrapAdminPassword) {
      await electron.showMessage({
        type: 'info',
        title: 'Dawr — دور',
        message: 'أول تشغيل: حساب المدير\nFirst start: the admin account',
        detail: `admin / ${hub.bootstrapAdminPassword}\n\nتُعرض مرة واحدة فقط؛ أنشئ حسابات فريقك ثم غيّرها.\nShown once only: create your staff accounts, then change it.`,
      });
    }
    hubUrl = new URL(hub.url).origin;
    deviceToken = hub.deviceToken ?? deviceToken;
    closeHub = () => hub.close();
  }
  const stationHubUrl = hubUrl;
  const devices = await startDevices(deps, config, { url: stationHubUrl, ...(deviceToken ? { token: deviceToken } : {}) });
  registerDeviceIpc(ipc, registry, devices, log);
  ipc.handleSync(IPC.stationConfig, {
    from: screenOf('kiosk', 'counter', 'display', 'dashboard'),
    schema: z.undefined(),
    run: (_payload, sender): StationInfo => ({
      role: sender.purpose.kind === 'screen' ? sender.purpose.screen : 'dashboard',
      hubUrl: stationHubUrl,
      ...(deviceToken ? { deviceToken } : {}),
    }),
  });

  const maintenance = createMaintenance({ electron, registry, ipc, stationPagesPreload: paths.stationPagesPreload, pinHash: () => config.maintenancePinHash, log });
  // Once the app is really quitting (the PIN, or the OS shutting down: SIGTERM / session end →
  // before-quit), locked screens must let their windows close, or shutdown would hang on them.
  let quitting = false;
  electron.app.on('before-quit', () => {
    quitting = true;
  });
  const unlocked = () => quitting || maintenance.isUnlocked();
  const watchdog = createWatchdog({ app: electron.app, log, ...(deps.now ? { now: deps.now } : {}) });
  const screens = screensFor(config, electron.displays().length);
  for (const { screen, monitor } of screens) {
    const window = openScreenWindow({ electron, registry, preloadPath: paths.preload, devTools: !electron.app.isPackaged }, screen, monitor);
    watchdog.watch(window, screen);
    if (LOCKED_SCREENS.includes(screen)) {
      applyLockdown(window, { isUnlocked: unlocked, onMaintenanceChord: (w) => maintenance.openPrompt(w), log });
    }
  }
  if (screens.some((s) => LOCKED_SCREENS.includes(s.screen))) electron.powerSaveBlocker.start('prevent-display-sleep');
  firstRun?.close();

  electron.app.on('second-instance', () => registry.screens()[0]?.window.focus());
  electron.app.on('before-quit', () => {
    void devices.close().catch((err: unknown) => log.error({ err }, 'devices did not close'));
    void closeHub?.().catch((err: unknown) => log.error({ err }, 'hub did not close'));
  });
  log.info({ role: config.role, screens: screens.map((s) => s.screen), hubUrl: stationHubUrl }, 'station started');
  return { config, registry, hubUrl: stationHubUrl };
}

// The station's entry point (bundled to dist/electron/main/index.js by scripts/build-electron.ts).
// It only wires the real Electron facade, the log and the file layout into station.ts. The hub
// and the device manager are separate bundles loaded on demand: a hall screen never loads the
// serial-port or SQLite code, and main does not depend on their internals.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { deviceManagerAdapter, type DeviceManagerFactory } from './device-loader.ts';
import { createRealElectron } from './electron-real.ts';
import { createStationLog } from './logger.ts';
import { startStation, type StartHub } from './station.ts';

const electron = createRealElectron();
// test/electron runs the unpackaged app with a data folder per test; a packaged station ignores this.
const testData = process.env.DAWR_USER_DATA;
if (!electron.app.isPackaged && testData) {
  electron.app.setPath('userData', testData);
  electron.app.setPath('logs', join(testData, 'logs'));
}
const appPath = electron.app.getAppPath();
const dist = join(appPath, 'dist');
const log = createStationLog(electron.app.getPath('logs'));

async function loadExport<T>(bundle: string, names: string[]): Promise<T> {
  const module = (await import(pathToFileURL(join(dist, bundle)).href)) as Record<string, unknown>;
  for (const name of names) if (typeof module[name] === 'function') return module[name] as T;
  throw new Error(`${bundle} exports none of ${names.join(', ')}`);
}

process.on('uncaughtException', (err) => log.error({ err }, 'uncaught exception in main'));
process.on('unhandledRejection', (err) => log.error({ err }, 'unhandled rejection in main'));

startStation({
  electron,
  log,
  paths: {
    rendererDir: join(dist, 'renderer'),
    stationPagesDir: join(dist, 'electron', 'pages'),
    preload: join(dist, 'electron', 'preload', 'index.cjs'),
    stationPagesPreload: join(dist, 'electron', 'preload', 'station-pages.cjs'),
  },
  loadHub: () => loadExport<StartHub>('electron/hub/start-hub.js', ['startHub']),
  loadDevices: async () =>
    deviceManagerAdapter(await loadExport<DeviceManagerFactory>('electron/devices/device-manager.js', ['createDeviceManager']), {
      userDataDir: electron.app.getPath('userData'),
      // Packaged: electron-builder's extraResources; unpackaged: the repository's resources/.
      fontDir: electron.app.isPackaged ? join(process.resourcesPath, 'resources', 'fonts') : join(appPath, 'resources', 'fonts'),
      log,
    }),
}).catch((err: unknown) => {
  log.error({ err }, 'station failed to start');
  electron.app.exit(1);
});

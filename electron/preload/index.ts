// The preload of every screen window (sandboxed, bundled to dist/electron/preload/index.cjs).
// It exposes one object, `window.dawr`, that satisfies the shared StationBridge (DeviceBridge
// plus who this station is) — and only on the app's own renderer origin: if the window ever
// showed anything else, that page gets nothing.
import { contextBridge, ipcRenderer } from 'electron';
import { createStationBridge } from './station-bridge.ts';

if (window.location.protocol === 'app:' && window.location.host === 'dawr') {
  contextBridge.exposeInMainWorld('dawr', createStationBridge(ipcRenderer));
}

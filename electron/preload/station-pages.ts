// The preload of the station's own pages (first run, maintenance PIN), served from
// app://station/. Exposes `window.dawrStation`: submit the setup form, check the PIN.
import { contextBridge, ipcRenderer } from 'electron';
import { IPC } from '../../shared/protocol/device-bridge.ts';
import { STATION_PAGE_IPC, type StationPageBridge } from '../../shared/protocol/station.ts';
import { unwrap } from './ipc-result.ts';

type Outcome = { ok: true } | { ok: false; message: string };

/** Both a refusal by the registrar and a refusal by the handler reach the page as {ok:false, message}. */
async function ask(channel: string, payload?: unknown): Promise<Outcome> {
  try {
    return unwrap<Outcome>(await ipcRenderer.invoke(channel, payload));
  } catch (error) {
    return { ok: false, message: (error as Error).message };
  }
}

const bridge = {
  submitFirstRun: (request) => ask(STATION_PAGE_IPC.firstRun, request),
  exitMaintenance: (request) => ask(IPC.maintenanceExit, request),
  cancelMaintenance: () => {
    void ipcRenderer.invoke(STATION_PAGE_IPC.maintenanceCancel);
  },
  displays: async () => {
    try {
      return unwrap<{ index: number; label: string }[]>(await ipcRenderer.invoke(STATION_PAGE_IPC.displays));
    } catch {
      return [];
    }
  },
} satisfies StationPageBridge;

if (window.location.protocol === 'app:' && window.location.host === 'station') {
  contextBridge.exposeInMainWorld('dawrStation', bridge);
}

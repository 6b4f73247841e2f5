// The renderer's DeviceBridge in Electron, built over ipcRenderer. Kept apart from index.ts (which
// only exposes it) so it can be tested with a fake ipcRenderer. Verbs only; each subscription
// returns its unsubscribe; listeners get the payload, never the IPC event (which would hand the
// page a way back into ipcRenderer). Inbound payloads are checked with the shared schemas.
import type { IpcRenderer } from 'electron';
import type { z } from 'zod';
import {
  DeviceHealth, IdCardRead, IPC, ScanResult,
  type FingerprintResult, type PrintResult, type TicketPrintJob,
} from '../../shared/protocol/device-bridge.ts';
import { StationInfo, type StationBridge } from '../../shared/protocol/station.ts';
import { isIpcResult, unwrap } from './ipc-result.ts';

export type IpcRendererLike = Pick<IpcRenderer, 'invoke' | 'sendSync' | 'on' | 'removeListener'>;

function subscribe<T>(ipc: IpcRendererLike, channel: string, schema: z.ZodType<T>, listener: (value: T) => void): () => void {
  const handler = (_event: unknown, payload: unknown) => {
    const parsed = schema.safeParse(payload);
    if (parsed.success) listener(parsed.data);
  };
  ipc.on(channel, handler);
  return () => {
    ipc.removeListener(channel, handler);
  };
}

function readStation(ipc: IpcRendererLike): StationInfo | null {
  const answer: unknown = ipc.sendSync(IPC.stationConfig);
  if (!isIpcResult(answer) || !answer.ok) return null;
  const parsed = StationInfo.safeParse(answer.value);
  return parsed.success ? parsed.data : null;
}

export function createStationBridge(ipc: IpcRendererLike): StationBridge {
  return {
    available: true,
    station: readStation(ipc),
    async printTicket(job: TicketPrintJob): Promise<PrintResult> {
      const answer: unknown = await ipc.invoke(IPC.printTicket, job);
      // A refused job is a failed print to the kiosk: it then shows the ticket on screen.
      if (isIpcResult(answer) && !answer.ok) return { ok: false, jobId: job.jobId, printerState: 'error', message: answer.error.message };
      return unwrap<PrintResult>(answer);
    },
    async verifyFingerprint(): Promise<FingerprintResult> {
      const answer: unknown = await ipc.invoke(IPC.verifyFingerprint);
      if (isIpcResult(answer) && !answer.ok) return { ok: false, reason: 'device_error', message: answer.error.message };
      return unwrap<FingerprintResult>(answer);
    },
    async deviceHealth(): Promise<DeviceHealth[]> {
      return unwrap<DeviceHealth[]>(await ipc.invoke(IPC.deviceHealth));
    },
    onIdCard: (listener) => subscribe(ipc, IPC.idCard, IdCardRead, listener),
    onScan: (listener) => subscribe(ipc, IPC.scan, ScanResult, listener),
    onDeviceHealth: (listener) => subscribe(ipc, IPC.healthChanged, DeviceHealth, listener),
  } satisfies StationBridge;
}

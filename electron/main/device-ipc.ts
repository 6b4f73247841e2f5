// The device verbs over IPC. Main forwards to a devices object (electron/devices builds it; it is
// injected, so this file knows only its verbs). Events from the devices go only to the screens
// allowed to see them; what leaves is re-parsed with the shared schema, which also strips any
// field the schema does not name (an ID card read never carries the raw document number out).
import { z } from 'zod';
import {
  DeviceHealth, FingerprintResult, IdCardRead, IPC, PrintResult, ScanResult, TicketPrintJob,
  type DeviceBridge,
} from '../../shared/protocol/device-bridge.ts';
import type { IpcRegistrar } from './ipc.ts';
import { screenOf } from './ipc.ts';
import type { Log } from './logger.ts';
import { DEVICE_SCREENS, type WindowRegistry } from './window-registry.ts';

/** What main expects from the device manager: the bridge's verbs, and a way to shut down. */
export type StationDevices = Omit<DeviceBridge, 'available'> & { close(): Promise<void> };

/** Stand-in when the station has no devices (display, dashboard) or they failed to start. */
export function noLocalDevices(): StationDevices {
  const none = () => () => {};
  return {
    printTicket: async (job) => ({ ok: false, jobId: job.jobId, printerState: 'absent', message: 'no printer on this station' }),
    verifyFingerprint: async () => ({ ok: false, reason: 'absent', message: 'no fingerprint reader on this station' }),
    deviceHealth: async () => [],
    onIdCard: none,
    onScan: none,
    onDeviceHealth: none,
    close: async () => {},
  };
}

const noPayload = z.undefined();
const anyScreen = screenOf('kiosk', 'counter', 'display', 'dashboard');

export function registerDeviceIpc(ipc: IpcRegistrar, registry: WindowRegistry, devices: StationDevices, log: Log): () => void {
  ipc.handle(IPC.printTicket, {
    from: screenOf('kiosk', 'counter'),
    schema: TicketPrintJob,
    run: async (job) => PrintResult.parse(await devices.printTicket(job)),
  });
  ipc.handle(IPC.verifyFingerprint, {
    from: screenOf('kiosk', 'counter'),
    schema: noPayload,
    run: async () => FingerprintResult.parse(await devices.verifyFingerprint()),
  });
  ipc.handle(IPC.deviceHealth, {
    from: anyScreen,
    schema: noPayload,
    run: async () => z.array(DeviceHealth).parse(await devices.deviceHealth()),
  });

  function forward<T>(channel: string, schema: z.ZodType<T>, screens: readonly string[]) {
    return (value: T) => {
      const parsed = schema.safeParse(value);
      if (!parsed.success) {
        log.error({ channel }, 'device event does not match its schema; not forwarded');
        return;
      }
      for (const { window, purpose } of registry.screens()) {
        if (purpose.kind === 'screen' && screens.includes(purpose.screen) && !window.webContents.isDestroyed()) {
          window.webContents.send(channel, parsed.data);
        }
      }
    };
  }
  const unsubscribes = [
    devices.onIdCard(forward(IPC.idCard, IdCardRead, DEVICE_SCREENS)),
    devices.onScan(forward(IPC.scan, ScanResult, DEVICE_SCREENS)),
    devices.onDeviceHealth(forward(IPC.healthChanged, DeviceHealth, ['kiosk', 'counter', 'display', 'dashboard'])),
  ];
  return () => unsubscribes.forEach((u) => u());
}

// The DeviceBridge of a plain browser: no local devices, so screens show tickets on screen.
import type { DeviceBridge } from '../shared/protocol/device-bridge.ts';

export function browserBridge(): DeviceBridge {
  return {
    available: false,
    printTicket: async (job) => ({ ok: false, jobId: job.jobId, printerState: 'absent', message: 'no printer in a browser' }),
    onIdCard: () => () => {},
    verifyFingerprint: async () => ({ ok: false, reason: 'absent', message: 'no fingerprint reader in a browser' }),
    onScan: () => () => {},
    deviceHealth: async () => [],
    onDeviceHealth: () => () => {},
  };
}

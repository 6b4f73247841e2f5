// Shared test data for the station tests.
import type { TicketPrintJob } from '../../../shared/protocol/device-bridge.ts';
import type { StationDevices } from '../../../electron/main/device-ipc.ts';
import { sampleJob } from '../../support/ticket-fixtures.ts';

export const printJob: TicketPrintJob = sampleJob({ jobId: 'job-1', ticketId: 't-1' });

type Listeners = { idCard: ((v: unknown) => void)[]; scan: ((v: unknown) => void)[]; health: ((v: unknown) => void)[] };

/** A devices object that records print jobs and lets the test push events. */
export function fakeDevices() {
  const printed: TicketPrintJob[] = [];
  const listeners: Listeners = { idCard: [], scan: [], health: [] };
  const on = (list: ((v: unknown) => void)[]) => (listener: (v: never) => void) => {
    list.push(listener as (v: unknown) => void);
    return () => list.splice(list.indexOf(listener as (v: unknown) => void), 1);
  };
  const devices: StationDevices & { closed: boolean } = {
    closed: false,
    printTicket: async (job) => {
      printed.push(job);
      return { ok: true, jobId: job.jobId, printerState: 'ready' };
    },
    verifyFingerprint: async () => ({ ok: true, matched: false }),
    deviceHealth: async () => [{ device: 'printer', state: 'connected', at: '2025-01-05T08:00:00Z' }],
    onIdCard: on(listeners.idCard),
    onScan: on(listeners.scan),
    onDeviceHealth: on(listeners.health),
    close: async () => { devices.closed = true; },
  };
  return { devices, printed, listeners };
}

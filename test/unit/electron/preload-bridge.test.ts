import { describe, expect, it } from 'vitest';
import { IPC } from '../../../shared/protocol/device-bridge.ts';
import { createStationBridge, type IpcRendererLike } from '../../../electron/preload/station-bridge.ts';
import { printJob } from './fixtures.ts';

/** A fake ipcRenderer: answers invoke/sendSync from a table, and lets the test emit events. */
function fakeIpcRenderer(answers: Record<string, unknown>) {
  const listeners = new Map<string, Set<(...args: unknown[]) => void>>();
  const invoked: { channel: string; args: unknown[] }[] = [];
  const ipc = {
    invoke: async (channel: string, ...args: unknown[]) => {
      invoked.push({ channel, args });
      return answers[channel];
    },
    sendSync: (channel: string) => answers[channel],
    on(channel: string, listener: (...args: unknown[]) => void) {
      listeners.set(channel, (listeners.get(channel) ?? new Set()).add(listener));
      return ipc;
    },
    removeListener(channel: string, listener: (...args: unknown[]) => void) {
      listeners.get(channel)?.delete(listener);
      return ipc;
    },
  };
  const emit = (channel: string, payload: unknown) => listeners.get(channel)?.forEach((l) => l({ sender: 'the-ipc-event', ports: [] }, payload));
  return { ipc: ipc as unknown as IpcRendererLike, emit, invoked, listeners };
}

const station = { role: 'kiosk', hubUrl: 'http://192.168.1.10:4700', deviceToken: 'tok' };

describe('preload station bridge', () => {
  it('exposes only verbs and the station info, no ipcRenderer', () => {
    const { ipc } = fakeIpcRenderer({ [IPC.stationConfig]: { ok: true, value: station } });
    const bridge = createStationBridge(ipc);
    expect(bridge.available).toBe(true);
    expect(bridge.station).toEqual(station);
    for (const [key, value] of Object.entries(bridge)) {
      if (key === 'available' || key === 'station') continue;
      expect(typeof value, key).toBe('function');
    }
    expect(Object.values(bridge)).not.toContain(ipc);
  });

  it('has no station when main refuses to say', () => {
    const { ipc } = fakeIpcRenderer({ [IPC.stationConfig]: { ok: false, error: { code: 'forbidden', message: 'not allowed' } } });
    expect(createStationBridge(ipc).station).toBeNull();
  });

  it('prints through main and unwraps the answer', async () => {
    const { ipc, invoked } = fakeIpcRenderer({ [IPC.printTicket]: { ok: true, value: { ok: true, jobId: 'job-1', printerState: 'ready' } } });
    expect(await createStationBridge(ipc).printTicket(printJob)).toEqual({ ok: true, jobId: 'job-1', printerState: 'ready' });
    expect(invoked).toEqual([{ channel: IPC.printTicket, args: [printJob] }]);
  });

  it('turns a refused print into a failed print (the kiosk then shows the ticket on screen)', async () => {
    const { ipc } = fakeIpcRenderer({ [IPC.printTicket]: { ok: false, error: { code: 'invalid_input', message: 'trackingUrl: ASCII only' } } });
    expect(await createStationBridge(ipc).printTicket(printJob)).toEqual({ ok: false, jobId: 'job-1', printerState: 'error', message: 'trackingUrl: ASCII only' });
  });

  it('rejects deviceHealth with main\'s message when refused', async () => {
    const { ipc } = fakeIpcRenderer({ [IPC.deviceHealth]: { ok: false, error: { code: 'forbidden', message: 'not allowed' } } });
    await expect(createStationBridge(ipc).deviceHealth()).rejects.toThrow('forbidden: not allowed');
  });

  it('passes the payload, never the IPC event, and unsubscribes', () => {
    const { ipc, emit, listeners } = fakeIpcRenderer({});
    const bridge = createStationBridge(ipc);
    const seen: unknown[][] = [];
    const unsubscribe = bridge.onScan((...args) => seen.push(args));
    emit(IPC.scan, { code: 'APPT-123' });
    expect(seen).toEqual([[{ code: 'APPT-123' }]]);
    unsubscribe();
    emit(IPC.scan, { code: 'APPT-456' });
    expect(seen).toHaveLength(1);
    expect(listeners.get(IPC.scan)?.size).toBe(0);
  });

  it('drops an event whose payload does not match the shared schema', () => {
    const { ipc, emit } = fakeIpcRenderer({});
    const seen: unknown[] = [];
    createStationBridge(ipc).onIdCard((read) => seen.push(read));
    emit(IPC.idCard, { ok: true, idSealed: 'not a sealed reading' });
    expect(seen).toEqual([]);
  });
});

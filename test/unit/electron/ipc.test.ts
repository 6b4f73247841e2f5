import { z } from 'zod';
import { beforeEach, describe, expect, it } from 'vitest';
import { IPC } from '../../../shared/protocol/device-bridge.ts';
import { registerDeviceIpc } from '../../../electron/main/device-ipc.ts';
import { createIpcRegistrar, screenOf, type IpcRegistrar } from '../../../electron/main/ipc.ts';
import { createWindowRegistry, type WindowRegistry } from '../../../electron/main/window-registry.ts';
import { FakeElectron, fakeLog, type FakeWindow } from './fake-electron.ts';
import { fakeDevices, printJob } from './fixtures.ts';

describe('the IPC registrar', () => {
  let electron: FakeElectron;
  let registry: WindowRegistry;
  let ipc: IpcRegistrar;
  let kiosk: FakeWindow;
  let display: FakeWindow;
  let fake: ReturnType<typeof fakeDevices>;
  const log = fakeLog();

  beforeEach(async () => {
    electron = new FakeElectron();
    registry = createWindowRegistry();
    ipc = createIpcRegistrar(electron.ipcMain, registry, log);
    fake = fakeDevices();
    registerDeviceIpc(ipc, registry, fake.devices, log);
    kiosk = electron.createWindow({}) as FakeWindow;
    registry.add(kiosk, { kind: 'screen', screen: 'kiosk' });
    await kiosk.loadURL('app://dawr/kiosk');
    display = electron.createWindow({}) as FakeWindow;
    registry.add(display, { kind: 'screen', screen: 'display' });
    await display.loadURL('app://dawr/display');
  });

  it('forwards a valid print job from the kiosk to the devices and answers {ok:true,value}', async () => {
    const answer = await electron.invoke(IPC.printTicket, kiosk.webContents.sender(), printJob);
    expect(answer).toEqual({ ok: true, value: { ok: true, jobId: 'job-1', printerState: 'ready' } });
    expect(fake.printed).toEqual([printJob]);
  });

  it('rejects a message from a webContents the app did not create', async () => {
    const stranger = electron.strangerContents('app://dawr/kiosk');
    const answer = await electron.invoke(IPC.printTicket, stranger.sender(), printJob);
    expect(answer).toEqual({ ok: false, error: { code: 'forbidden', message: 'not allowed' } });
    expect(fake.printed).toEqual([]);
    expect(log.text()).toContain('unknown sender');
  });

  it('rejects a known window whose frame is not on the app origin', async () => {
    kiosk.webContents.url = 'https://evil.example/';
    const answer = await electron.invoke(IPC.printTicket, kiosk.webContents.sender(), printJob);
    expect(answer).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(fake.printed).toEqual([]);
  });

  it('rejects a message from a sub-frame or a frame that is gone', async () => {
    expect(await electron.invoke(IPC.printTicket, kiosk.webContents.sender({ isMainFrame: false }), printJob)).toMatchObject({ ok: false });
    expect(await electron.invoke(IPC.printTicket, kiosk.webContents.sender({ frameUrl: null }), printJob)).toMatchObject({ ok: false });
  });

  it('rejects a channel the window is not allowed on (a hall screen cannot print)', async () => {
    const answer = await electron.invoke(IPC.printTicket, display.webContents.sender(), printJob);
    expect(answer).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('rejects a closed window', async () => {
    const sender = kiosk.webContents.sender();
    kiosk.close();
    expect(await electron.invoke(IPC.printTicket, sender, printJob)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it.each([
    ['no payload', undefined],
    ['a string', 'print please'],
    ['a job without an id', { ...printJob, jobId: '' }],
    ['a non-ASCII tracking URL', { ...printJob, trackingUrl: 'http://hub/تتبع' }],
    ['a wrong priority', { ...printJob, priority: 'vip' }],
  ])('rejects a bad print job (%s) with {ok:false} and does not print', async (_label, payload) => {
    const answer = await electron.invoke(IPC.printTicket, kiosk.webContents.sender(), payload);
    expect(answer).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(fake.printed).toEqual([]);
  });

  it('turns a handler that throws into {ok:false} instead of throwing across the boundary', async () => {
    fake.devices.printTicket = async () => { throw new Error('serial port vanished'); };
    const answer = await electron.invoke(IPC.printTicket, kiosk.webContents.sender(), printJob);
    expect(answer).toEqual({ ok: false, error: { code: 'failed', message: 'serial port vanished' } });
  });

  it('refuses a second registration of the same channel', () => {
    expect(() => ipc.handle(IPC.printTicket, { from: screenOf('kiosk'), schema: z.undefined(), run: () => 1 })).toThrow(/twice/);
  });

  it('answers sync messages with the same checks', () => {
    ipc.handleSync('test:sync', { from: screenOf('kiosk'), schema: z.undefined(), run: (_p, who) => who.purpose });
    expect(electron.sendSync('test:sync', kiosk.webContents.sender())).toEqual({ ok: true, value: { kind: 'screen', screen: 'kiosk' } });
    expect(electron.sendSync('test:sync', display.webContents.sender())).toMatchObject({ ok: false });
  });
});

describe('device events to the screens', () => {
  it('go to kiosk and counter screens only, stripped to the shared schema', async () => {
    const electron = new FakeElectron();
    const registry = createWindowRegistry();
    const fake = fakeDevices();
    const log = fakeLog();
    registerDeviceIpc(createIpcRegistrar(electron.ipcMain, registry, log), registry, fake.devices, log);
    const screens = (['kiosk', 'counter', 'display', 'dashboard'] as const).map((screen) => {
      const w = electron.createWindow({}) as FakeWindow;
      registry.add(w, { kind: 'screen', screen });
      return w;
    });
    const read = { ok: true, idSealed: 'a'.repeat(342), maskedNumber: '••••1234', name: 'Test Person', ageBand: '18to59', documentValid: true, expired: false, format: 'TD1', documentNumber: '123456789' };
    fake.listeners.idCard.forEach((l) => l(read));
    const [kiosk, counter, display, dashboard] = screens;
    expect(kiosk!.webContents.sent).toHaveLength(1);
    expect(counter!.webContents.sent).toHaveLength(1);
    expect(display!.webContents.sent).toEqual([]);
    expect(dashboard!.webContents.sent).toEqual([]);
    expect(JSON.stringify(kiosk!.webContents.sent)).not.toContain('123456789');

    fake.listeners.health.forEach((l) => l({ device: 'printer', state: 'paper_out', at: '2025-01-05T08:00:00Z' }));
    expect(display!.webContents.sent.map((s) => s.channel)).toEqual([IPC.healthChanged]);
  });

  it('drops a device event that does not match its schema', () => {
    const electron = new FakeElectron();
    const registry = createWindowRegistry();
    const fake = fakeDevices();
    const log = fakeLog();
    registerDeviceIpc(createIpcRegistrar(electron.ipcMain, registry, log), registry, fake.devices, log);
    const kiosk = electron.createWindow({}) as FakeWindow;
    registry.add(kiosk, { kind: 'screen', screen: 'kiosk' });
    fake.listeners.scan.forEach((l) => l({ code: '' }));
    expect(kiosk.webContents.sent).toEqual([]);
  });
});

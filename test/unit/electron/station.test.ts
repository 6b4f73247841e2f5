import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { IPC } from '../../../shared/protocol/device-bridge.ts';
import { STATION_PAGE_IPC } from '../../../shared/protocol/station.ts';
import { hashPin } from '../../../electron/main/pin.ts';
import { saveStationConfig, type StationConfig } from '../../../electron/main/station-config.ts';
import { startStation, type StartHub } from '../../../electron/main/station.ts';
import { createTokenStore } from '../../../electron/main/token-store.ts';
import { FakeElectron, fakeLog, type FakeWindow } from './fake-electron.ts';
import { fakeDevices, printJob } from './fixtures.ts';

const rendererDir = mkdtempSync(join(tmpdir(), 'dawr-renderer-'));
writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>renderer</title>');
const paths = { rendererDir, stationPagesDir: '/app/dist/electron/pages', preload: '/app/p.cjs', stationPagesPreload: '/app/sp.cjs' };
const cspOf = async (electron: FakeElectron, url = 'app://dawr/kiosk') =>
  (await electron.protocolHandlers.get('app')!(new Request(url))).headers.get('content-security-policy');
const pinHash = await hashPin('2468', { N: 1024, r: 8, p: 1 });

function configFor(role: StationConfig['role'], extra: Partial<StationConfig> = {}): StationConfig {
  return { version: 1, role, name: `${role} 1`, hubUrl: 'http://192.168.1.10:4700', monitor: 1, maintenancePinHash: pinHash, ...extra };
}

async function start(config: StationConfig | null, options: { token?: string; startHub?: StartHub; devicesFail?: boolean } = {}) {
  const electron = new FakeElectron();
  const log = fakeLog();
  if (config) saveStationConfig(electron.userData, config);
  if (options.token) createTokenStore(electron.userData, electron.safeStorage, log).save(options.token);
  const fake = fakeDevices();
  const loadDevices = vi.fn(async () => {
    if (options.devicesFail) throw new Error('no serial ports module');
    return async () => fake.devices;
  });
  const loadHub = vi.fn(async () => options.startHub ?? (async () => { throw new Error('no hub expected'); }));
  const running = startStation({ electron, log, paths, loadDevices, loadHub });
  return { electron, log, fake, loadDevices, loadHub, running };
}

const screens = (electron: FakeElectron) => electron.windows.filter((w) => w.webContents.url.startsWith('app://dawr/')) as FakeWindow[];

describe('station start-up per role', () => {
  it('kiosk: one locked full-screen window on its monitor, devices on, kept awake', async () => {
    const { electron, running, fake } = await start(configFor('kiosk'), { token: 'tok-kiosk' });
    await running;
    const [kiosk] = screens(electron);
    expect(screens(electron)).toHaveLength(1);
    expect(kiosk!.webContents.url).toBe('app://dawr/kiosk');
    expect(kiosk!.options).toMatchObject({ kiosk: true, fullscreen: true, x: 1920 });
    expect(kiosk!.webContents.press({ key: 'r', control: true })).toBe(true);
    expect(electron.powerBlocks).toEqual(['prevent-display-sleep']);
    expect(await electron.invoke(IPC.printTicket, kiosk!.webContents.sender(), printJob)).toMatchObject({ ok: true });
    expect(fake.printed).toHaveLength(1);
  });

  it('hands the screen its role, the hub and the device token; a stranger gets nothing', async () => {
    const { electron, running } = await start(configFor('kiosk'), { token: 'tok-kiosk' });
    await running;
    const [kiosk] = screens(electron);
    expect(electron.sendSync(IPC.stationConfig, kiosk!.webContents.sender())).toEqual({ ok: true, value: { role: 'kiosk', hubUrl: 'http://192.168.1.10:4700', deviceToken: 'tok-kiosk' } });
    const stranger = electron.strangerContents('app://dawr/kiosk');
    expect(electron.sendSync(IPC.stationConfig, stranger.sender())).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('counter: a normal window where shortcuts work, not kept awake', async () => {
    const { electron, running } = await start(configFor('counter'));
    await running;
    const [counter] = screens(electron);
    expect(counter!.options.kiosk).toBeUndefined();
    expect(counter!.webContents.press({ key: 'r', control: true })).toBe(false);
    expect(counter!.webContents.press({ key: 'M', code: 'KeyM', control: true, alt: true, shift: true })).toBe(false);
    expect(electron.powerBlocks).toEqual([]);
  });

  it('display: locked, chimes without a gesture, loads no device code', async () => {
    const { electron, running, loadDevices } = await start(configFor('display'), { token: 'tok-display' });
    await running;
    const [display] = screens(electron);
    expect(display!.options).toMatchObject({ kiosk: true, fullscreen: true });
    expect(electron.switches).toContainEqual(['autoplay-policy', 'no-user-gesture-required']);
    expect(loadDevices).not.toHaveBeenCalled();
    expect(display!.webContents.press({ key: 'F5' })).toBe(true);
  });

  it('serves app:// with a CSP that names the configured hub', async () => {
    const { electron, running } = await start(configFor('dashboard'));
    await running;
    expect(await cspOf(electron, 'app://dawr/dashboard')).toContain("connect-src 'self' http://192.168.1.10:4700 ws://192.168.1.10:4700;");
  });

  it('keeps running without devices when the device manager fails to start', async () => {
    const { electron, running, log } = await start(configFor('kiosk'), { devicesFail: true });
    await running;
    const [kiosk] = screens(electron);
    expect(await electron.invoke(IPC.printTicket, kiosk!.webContents.sender(), printJob)).toMatchObject({ ok: true, value: { ok: false, printerState: 'absent' } });
    expect(log.text()).toContain('devices did not start');
  });

  it('all-in-one: starts the hub inside the app and opens the screens whose monitors exist', async () => {
    const hub = { url: 'http://127.0.0.1:4711', close: vi.fn(async () => {}), deviceToken: 'tok-local' };
    const startHub = vi.fn(async () => hub);
    const { electron, running, fake } = await start(configFor('all-in-one', {
      allInOne: { screens: [{ screen: 'counter', monitor: 0 }, { screen: 'kiosk', monitor: 1 }, { screen: 'display', monitor: 2 }], hub: { host: '0.0.0.0', port: 4711 } },
    }), { startHub });
    const station = await running;
    expect(startHub).toHaveBeenCalledWith({ dataDir: `${electron.userData}/hub`, host: '0.0.0.0', port: 4711 });
    expect(screens(electron).map((w) => w.webContents.url)).toEqual(['app://dawr/counter', 'app://dawr/kiosk']);
    expect(station?.hubUrl).toBe('http://127.0.0.1:4711');
    expect(await cspOf(electron)).toContain("connect-src 'self' http://127.0.0.1:4711 ws://127.0.0.1:4711;");
    const [counter] = screens(electron);
    expect(electron.sendSync(IPC.stationConfig, counter!.webContents.sender())).toEqual({ ok: true, value: { role: 'counter', hubUrl: 'http://127.0.0.1:4711', deviceToken: 'tok-local' } });
    electron.emitApp('before-quit');
    expect(hub.close).toHaveBeenCalled();
    expect(fake.devices.closed).toBe(true);
  });

  it('all-in-one: a hub that cannot start is said on screen, in both languages, and the app quits', async () => {
    const startHub = vi.fn(async () => { throw new Error('EADDRINUSE: port 4700 is taken'); });
    const { electron, running } = await start(configFor('all-in-one'), { startHub });
    expect(await running).toBeNull();
    expect(electron.messages).toHaveLength(1);
    expect(electron.messages[0]).toMatchObject({ type: 'error', message: expect.stringContaining('The hall server could not start') });
    expect(electron.messages[0]!.message).toContain('تعذّر تشغيل خادم القاعة');
    expect(electron.messages[0]!.detail).toContain('EADDRINUSE');
    expect(electron.calls).toContain('quit');
    expect(screens(electron)).toHaveLength(0);
  });

  it('all-in-one, first start of a real hall: the one-time admin password is shown once', async () => {
    const hub = { url: 'http://127.0.0.1:4711', close: vi.fn(async () => {}), deviceToken: 'tok-local', bootstrapAdminPassword: 'x7Yq-one-time' };
    const { electron, running } = await start(configFor('all-in-one'), { startHub: vi.fn(async () => hub) });
    await running;
    expect(electron.messages).toEqual([expect.objectContaining({ type: 'info', detail: expect.stringContaining('admin / x7Yq-one-time') })]);
  });

  it('first run: no config → the setup page; once saved, the screen opens and the page closes', async () => {
    const { electron, running } = await start(null);
    await vi.waitFor(() => expect(electron.windows).toHaveLength(1));
    const page = electron.windows[0] as FakeWindow;
    expect(page.webContents.url).toBe('app://station/first-run/index.html');
    const answer = await electron.invoke(STATION_PAGE_IPC.firstRun, page.webContents.sender(), { role: 'dashboard', hubUrl: 'http://10.0.0.2:4700', name: 'Manager', maintenancePin: '2468' });
    expect(answer).toEqual({ ok: true, value: { ok: true } });
    const station = await running;
    expect(station?.config.role).toBe('dashboard');
    expect(page.destroyed).toBe(true);
    expect(screens(electron).map((w) => w.webContents.url)).toEqual(['app://dawr/dashboard']);
  });

  it('a second instance quits at once and opens nothing', async () => {
    const electron = new FakeElectron();
    electron.singleInstance = false;
    const result = await startStation({ electron, log: fakeLog(), paths, loadDevices: vi.fn(), loadHub: vi.fn() });
    expect(result).toBeNull();
    expect(electron.calls).toEqual(['quit']);
    expect(electron.windows).toEqual([]);
  });

  it('the maintenance chord on a kiosk opens the PIN page, and the PIN quits', async () => {
    const { electron, running } = await start(configFor('kiosk'));
    await running;
    const [kiosk] = screens(electron);
    kiosk!.webContents.press({ key: 'M', code: 'KeyM', control: true, alt: true, shift: true });
    const prompt = electron.windows.at(-1) as FakeWindow;
    expect(prompt.webContents.url).toBe('app://station/maintenance/index.html');
    expect(await electron.invoke(IPC.maintenanceExit, prompt.webContents.sender(), { pin: '2468' })).toEqual({ ok: true, value: { ok: true } });
    expect(electron.calls).toContain('quit');
    kiosk!.close();
    expect(kiosk!.destroyed).toBe(true);
  });

  it('a locked screen closes when the OS shuts the app down (before-quit), not before', async () => {
    const { electron, running } = await start(configFor('display'));
    await running;
    const [display] = screens(electron);
    display!.close();
    expect(display!.destroyed).toBe(false);
    electron.emitApp('before-quit');
    display!.close();
    expect(display!.destroyed).toBe(true);
  });
});

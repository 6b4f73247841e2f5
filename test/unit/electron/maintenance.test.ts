import { beforeAll, describe, expect, it } from 'vitest';
import { IPC } from '../../../shared/protocol/device-bridge.ts';
import { STATION_PAGE_IPC } from '../../../shared/protocol/station.ts';
import { createIpcRegistrar } from '../../../electron/main/ipc.ts';
import { createMaintenance, createPinGate } from '../../../electron/main/maintenance.ts';
import { hashPin, isPinHash, OWASP_SCRYPT, verifyPin } from '../../../electron/main/pin.ts';
import { createWindowRegistry } from '../../../electron/main/window-registry.ts';
import { FakeElectron, fakeLog, type FakeWindow } from './fake-electron.ts';

// Tests use a cheap scrypt cost; the default (OWASP) cost is checked once below.
const CHEAP = { N: 1024, r: 8, p: 1 };
let hash: string;
beforeAll(async () => {
  hash = await hashPin('2468', CHEAP);
});

describe('maintenance PIN hash', () => {
  it('is an scrypt hash that verifies only the right PIN', async () => {
    expect(isPinHash(hash)).toBe(true);
    expect(hash).not.toContain('2468');
    expect(await verifyPin('2468', hash)).toBe(true);
    expect(await verifyPin('2469', hash)).toBe(false);
    expect(await verifyPin('2468', 'plain:2468')).toBe(false);
  });

  it('uses the OWASP scrypt parameters by default', async () => {
    const owasp = await hashPin('1234');
    expect(owasp.startsWith(`scrypt$${OWASP_SCRYPT.N}$8$1$`)).toBe(true);
    expect(OWASP_SCRYPT.N).toBe(2 ** 17);
    expect(await verifyPin('1234', owasp)).toBe(true);
  });

  it('refuses a tampered cost that would exhaust memory', async () => {
    expect(await verifyPin('2468', hash.replace('scrypt$1024$', 'scrypt$1073741824$'))).toBe(false);
  });

  it('locks out after five wrong PINs in a row, then lets the right one in again', async () => {
    let now = 0;
    const check = createPinGate(() => hash, { now: () => now });
    for (let i = 0; i < 5; i++) expect(await check('0000')).toEqual({ ok: false, message: 'wrong PIN' });
    expect(await check('2468')).toMatchObject({ ok: false, message: expect.stringContaining('too many') });
    now += 61_000;
    expect(await check('2468')).toEqual({ ok: true });
  });
});

describe('PIN-protected maintenance exit', () => {
  async function setup() {
    const electron = new FakeElectron();
    const registry = createWindowRegistry();
    const log = fakeLog();
    const ipc = createIpcRegistrar(electron.ipcMain, registry, log);
    const kiosk = electron.createWindow({}) as FakeWindow;
    registry.add(kiosk, { kind: 'screen', screen: 'kiosk' });
    await kiosk.loadURL('app://dawr/kiosk');
    const maintenance = createMaintenance({ electron, registry, ipc, stationPagesPreload: '/pages.cjs', pinHash: () => hash, log });
    maintenance.openPrompt(kiosk);
    const prompt = electron.windows.at(-1) as FakeWindow;
    return { electron, kiosk, maintenance, prompt, log };
  }

  it('opens the PIN page as a sandboxed child window over the locked screen', async () => {
    const { prompt, kiosk } = await setup();
    expect(prompt.webContents.url).toBe('app://station/maintenance/index.html');
    expect(prompt.parent).toBe(kiosk);
    expect(prompt.options.webPreferences).toMatchObject({ sandbox: true, contextIsolation: true, nodeIntegration: false, devTools: false, preload: '/pages.cjs' });
  });

  it('quits the station on the right PIN', async () => {
    const { electron, prompt, maintenance } = await setup();
    expect(await electron.invoke(IPC.maintenanceExit, prompt.webContents.sender(), { pin: '2468' })).toEqual({ ok: true, value: { ok: true } });
    expect(maintenance.isUnlocked()).toBe(true);
    expect(electron.calls).toEqual(['quit']);
  });

  it('stays locked on a wrong PIN and logs the attempt without the PIN', async () => {
    const { electron, prompt, maintenance, log } = await setup();
    expect(await electron.invoke(IPC.maintenanceExit, prompt.webContents.sender(), { pin: '1111' })).toEqual({ ok: true, value: { ok: false, message: 'wrong PIN' } });
    expect(maintenance.isUnlocked()).toBe(false);
    expect(electron.calls).toEqual([]);
    expect(log.text()).not.toContain('1111');
  });

  it('does not take the PIN from the renderer screen itself', async () => {
    const { electron, kiosk, maintenance } = await setup();
    expect(await electron.invoke(IPC.maintenanceExit, kiosk.webContents.sender(), { pin: '2468' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(maintenance.isUnlocked()).toBe(false);
  });

  it('closes the prompt on cancel, and opens one prompt at a time', async () => {
    const { electron, prompt, maintenance, kiosk } = await setup();
    maintenance.openPrompt(kiosk);
    expect(electron.windows).toHaveLength(2);
    await electron.invoke(STATION_PAGE_IPC.maintenanceCancel, prompt.webContents.sender());
    expect(prompt.destroyed).toBe(true);
    maintenance.openPrompt(kiosk);
    expect(electron.windows).toHaveLength(3);
  });
});

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { STATION_PAGE_IPC, type FirstRunRequest } from '../../../shared/protocol/station.ts';
import { completeFirstRun, runFirstRun, type FirstRunDeps } from '../../../electron/main/first-run.ts';
import { createIpcRegistrar } from '../../../electron/main/ipc.ts';
import { verifyPin } from '../../../electron/main/pin.ts';
import { CONFIG_FILE, loadStationConfig } from '../../../electron/main/station-config.ts';
import { createTokenStore } from '../../../electron/main/token-store.ts';
import { createWindowRegistry } from '../../../electron/main/window-registry.ts';
import { FakeElectron, fakeLog, type FakeWindow } from './fake-electron.ts';

const TOKEN = 'dvc_secret_token_value_0123456789';

function hubFetch(role = 'kiosk', status = 200) {
  const calls: { url: string; body: unknown }[] = [];
  const fetchImpl = (async (url: URL | string, init?: RequestInit) => {
    calls.push({ url: String(url), body: JSON.parse(String(init?.body)) });
    const body = status === 200 ? { deviceId: 'dev-7', role, token: TOKEN } : { error: { code: 'not_found', message: 'unknown or expired code' } };
    return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  }) as typeof fetch;
  return { fetchImpl, calls };
}

function deps(fetchImpl: typeof fetch) {
  const electron = new FakeElectron();
  const registry = createWindowRegistry();
  const log = fakeLog();
  const d: FirstRunDeps = {
    electron, registry, log, fetch: fetchImpl,
    ipc: createIpcRegistrar(electron.ipcMain, registry, log),
    tokens: createTokenStore(electron.userData, electron.safeStorage, log),
    userDataDir: electron.userData,
    stationPagesPreload: '/pages.cjs',
    pinCost: { N: 1024, r: 8, p: 1 },
  };
  return { electron, log, d };
}

const kioskRequest: FirstRunRequest = { role: 'kiosk', hubUrl: 'http://192.168.1.10:4700', pairingCode: 'K7Q-29X', name: 'Kiosk 1', maintenancePin: '2468', monitor: 1 };

describe('first run', () => {
  it('pairs with the hub, keeps the token encrypted and writes the config', async () => {
    const hub = hubFetch();
    const { electron, d, log } = deps(hub.fetchImpl);
    const config = await completeFirstRun(kioskRequest, d);
    expect(hub.calls).toEqual([{ url: 'http://192.168.1.10:4700/api/v1/devices/pair', body: { code: 'K7Q-29X', name: 'Kiosk 1' } }]);
    expect(config).toMatchObject({ role: 'kiosk', hubUrl: 'http://192.168.1.10:4700', deviceId: 'dev-7', monitor: 1 });
    expect(loadStationConfig(electron.userData)).toEqual({ state: 'ok', config });
    const saved = readFileSync(join(electron.userData, CONFIG_FILE), 'utf8');
    expect(saved).not.toContain(TOKEN);
    expect(saved).not.toContain('"2468"');
    expect(await verifyPin('2468', config.maintenancePinHash)).toBe(true);
    expect(d.tokens.load()).toBe(TOKEN);
    expect(log.text()).not.toContain(TOKEN);
  });

  it('refuses a code issued for another role, and saves nothing', async () => {
    const { electron, d } = deps(hubFetch('display').fetchImpl);
    await expect(completeFirstRun(kioskRequest, d)).rejects.toThrow(/for a display/);
    expect(existsSync(join(electron.userData, CONFIG_FILE))).toBe(false);
    expect(d.tokens.load()).toBeUndefined();
  });

  it('reports the hub refusing the code', async () => {
    const { d } = deps(hubFetch('kiosk', 404).fetchImpl);
    await expect(completeFirstRun(kioskRequest, d)).rejects.toThrow(/unknown or expired code/);
  });

  it('requires a pairing code for unattended screens but not for a dashboard', async () => {
    const hub = hubFetch();
    const { d } = deps(hub.fetchImpl);
    await expect(completeFirstRun({ ...kioskRequest, pairingCode: undefined }, d)).rejects.toThrow(/pairing code/);
    const dashboard = await completeFirstRun({ ...kioskRequest, role: 'dashboard', pairingCode: undefined }, d);
    expect(dashboard.role).toBe('dashboard');
    expect(hub.calls).toEqual([]);
  });

  it('sets up all-in-one without a hub address and with its screens', async () => {
    const { d } = deps(hubFetch().fetchImpl);
    const config = await completeFirstRun({ role: 'all-in-one', name: 'Small hall', maintenancePin: '2468', monitor: 0 }, d);
    expect(config.allInOne?.screens.map((s) => s.screen)).toEqual(['counter', 'kiosk', 'display']);
  });

  it('runs the setup page: the form answer comes back over IPC and resolves the config', async () => {
    const { electron, d } = deps(hubFetch().fetchImpl);
    const done = runFirstRun(d);
    const page = electron.windows[0] as FakeWindow;
    expect(page.webContents.url).toBe('app://station/first-run/index.html');
    const bad = await electron.invoke(STATION_PAGE_IPC.firstRun, page.webContents.sender(), { ...kioskRequest, maintenancePin: '12' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    const answer = await electron.invoke(STATION_PAGE_IPC.firstRun, page.webContents.sender(), kioskRequest);
    expect(answer).toEqual({ ok: true, value: { ok: true } });
    const { config, close } = await done;
    expect(config.role).toBe('kiosk');
    close();
    expect(page.destroyed).toBe(true);
  });

  it('lists the monitors for the form', async () => {
    const { electron, d } = deps(hubFetch().fetchImpl);
    void runFirstRun(d);
    const page = electron.windows[0] as FakeWindow;
    expect(await electron.invoke(STATION_PAGE_IPC.displays, page.webContents.sender())).toEqual({ ok: true, value: [{ index: 0, label: 'Built-in' }, { index: 1, label: 'Hall TV' }] });
  });
});

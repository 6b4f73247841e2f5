import { beforeEach, describe, expect, it } from 'vitest';
import { installSecurity } from '../../../electron/main/security.ts';
import { FakeElectron, fakeLog } from './fake-electron.ts';

describe('security module', () => {
  let electron: FakeElectron;
  const log = fakeLog();
  beforeEach(async () => {
    electron = new FakeElectron();
    await installSecurity(electron, log);
  });

  it('blocks navigation away from the loaded page, even to the app itself', async () => {
    const window = electron.createWindow({});
    await window.loadURL('app://dawr/kiosk');
    expect(window.webContents.emitPreventable('will-navigate', 'https://evil.example/')).toBe(true);
    expect(window.webContents.emitPreventable('will-navigate', 'app://dawr/admin')).toBe(true);
    expect(log.text()).toContain('navigation blocked');
  });

  it('blocks redirects', () => {
    const window = electron.createWindow({});
    expect(window.webContents.emitPreventable('will-redirect', 'https://evil.example/')).toBe(true);
  });

  it('blocks sub-frames from navigating off the app', () => {
    const window = electron.createWindow({});
    const prevented = (url: string) => {
      let p = false;
      for (const l of window.webContents.listeners.get('will-frame-navigate') ?? []) (l as (e: unknown) => void)({ url, preventDefault: () => { p = true; } });
      return p;
    };
    expect(prevented('https://evil.example/')).toBe(true);
    expect(prevented('app://dawr/kiosk')).toBe(false);
  });

  it('refuses <webview>', () => {
    const window = electron.createWindow({});
    expect(window.webContents.emitPreventable('will-attach-webview', {}, {})).toBe(true);
  });

  it('denies window.open', () => {
    const window = electron.createWindow({});
    expect(window.webContents.windowOpenHandler?.({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    expect(window.webContents.windowOpenHandler?.({ url: 'app://dawr/kiosk' })).toEqual({ action: 'deny' });
  });

  it('guards webContents the app did not create through its window code as well', () => {
    const stranger = electron.strangerContents('app://dawr/kiosk');
    expect(stranger.emitPreventable('will-navigate', 'https://evil.example/')).toBe(true);
    expect(stranger.windowOpenHandler?.({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
  });

  it.each(['media', 'geolocation', 'notifications', 'openExternal', 'serial', 'hid', 'usb', 'fullscreen', 'clipboard-read'])(
    'denies the %s permission request and check',
    (permission) => {
      let granted: boolean | undefined;
      electron.permissionRequest?.({}, permission, (g) => { granted = g; });
      expect(granted).toBe(false);
      expect(electron.permissionCheck?.({}, permission)).toBe(false);
    },
  );

  it('denies device access (WebUSB, WebHID, Web Serial)', () => {
    expect(electron.devicePermission?.()).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { createWindowRegistry } from '../../../electron/main/window-registry.ts';
import { openScreenWindow, pickDisplay, screenWindowOptions } from '../../../electron/main/windows.ts';
import { FakeElectron, type FakeWindow } from './fake-electron.ts';

function open(screen: 'kiosk' | 'counter' | 'display' | 'dashboard', monitor: number, devTools = false) {
  const electron = new FakeElectron();
  const registry = createWindowRegistry();
  const window = openScreenWindow({ electron, registry, preloadPath: '/app/dist/electron/preload/index.cjs', devTools }, screen, monitor) as FakeWindow;
  return { electron, registry, window };
}

describe('windows per role', () => {
  it('opens the kiosk full screen, in kiosk mode, on the chosen monitor', () => {
    const { window } = open('kiosk', 1);
    expect(window.options).toMatchObject({ fullscreen: true, kiosk: true, frame: false, x: 1920, y: 0, width: 3840, height: 2160, closable: false });
    expect(window.webContents.url).toBe('app://dawr/kiosk');
  });

  it('opens the hall display the same way', () => {
    const { window } = open('display', 0);
    expect(window.options).toMatchObject({ fullscreen: true, kiosk: true, x: 0, y: 0 });
    expect(window.webContents.url).toBe('app://dawr/display');
  });

  it('opens counter and dashboard as normal windows', () => {
    for (const screen of ['counter', 'dashboard'] as const) {
      const { window } = open(screen, 0);
      expect(window.options.kiosk).toBeUndefined();
      expect(window.options.fullscreen).toBeUndefined();
      expect(window.options).toMatchObject({ width: 1280, height: 800 });
      expect(window.webContents.url).toBe(`app://dawr/${screen}`);
    }
  });

  it('falls back to the first monitor when the chosen one is not plugged in', () => {
    const { window } = open('kiosk', 5);
    expect(window.options).toMatchObject({ x: 0, y: 0, width: 1920 });
    expect(pickDisplay([], 0)).toBeUndefined();
  });

  it('gives every window isolated, sandboxed, Node-free web preferences with the preload', () => {
    for (const screen of ['kiosk', 'counter', 'display', 'dashboard'] as const) {
      const prefs = screenWindowOptions(screen, undefined, '/p.cjs', true).webPreferences!;
      expect(prefs).toMatchObject({
        preload: '/p.cjs', contextIsolation: true, sandbox: true, nodeIntegration: false, nodeIntegrationInWorker: false,
        nodeIntegrationInSubFrames: false, webSecurity: true, allowRunningInsecureContent: false, webviewTag: false, experimentalFeatures: false,
      });
    }
  });

  it('never allows DevTools on locked screens; on others only when asked (unpackaged)', () => {
    expect(screenWindowOptions('kiosk', undefined, '/p', true).webPreferences!.devTools).toBe(false);
    expect(screenWindowOptions('display', undefined, '/p', true).webPreferences!.devTools).toBe(false);
    expect(screenWindowOptions('counter', undefined, '/p', true).webPreferences!.devTools).toBe(true);
    expect(screenWindowOptions('counter', undefined, '/p', false).webPreferences!.devTools).toBe(false);
  });

  it('registers the window with what it shows', () => {
    const { registry, window } = open('counter', 0);
    expect(registry.byWebContentsId(window.webContents.id)?.purpose).toEqual({ kind: 'screen', screen: 'counter' });
  });
});

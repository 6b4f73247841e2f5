// One window per screen. Kiosk and hall-display screens go full screen in kiosk mode on their
// configured monitor; counter and dashboard screens are ordinary windows. Every window gets the
// same locked-down web preferences; only the preload differs between screens and station pages.
import type { BrowserWindowConstructorOptions } from 'electron';
import type { ScreenRole } from '../../shared/protocol/station.ts';
import type { BrowserWindowPort, DisplayInfo, ElectronFacade } from './electron-facade.ts';
import { rendererUrl } from './trusted-url.ts';
import { LOCKED_SCREENS, type WindowRegistry } from './window-registry.ts';

export function securePreferences(preload: string, devTools: boolean): NonNullable<BrowserWindowConstructorOptions['webPreferences']> {
  return {
    preload,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    spellcheck: false,
    devTools,
  };
}

/** The configured monitor, or the first one when it is not plugged in (a kiosk must show something). */
export function pickDisplay(displays: DisplayInfo[], monitor: number): DisplayInfo | undefined {
  return displays[monitor] ?? displays[0];
}

export function screenWindowOptions(screen: ScreenRole, display: DisplayInfo | undefined, preload: string, devTools: boolean): BrowserWindowConstructorOptions {
  const locked = LOCKED_SCREENS.includes(screen);
  const title = `Dawr · ${screen}`;
  const base: BrowserWindowConstructorOptions = {
    title,
    backgroundColor: '#0b3d2e',
    autoHideMenuBar: true,
    webPreferences: securePreferences(preload, devTools && !locked),
  };
  if (!locked) {
    const area = display?.bounds;
    return { ...base, width: 1280, height: 800, ...(area ? { x: area.x + 40, y: area.y + 40 } : {}) };
  }
  const b = display?.bounds ?? { x: 0, y: 0, width: 1920, height: 1080 };
  return { ...base, ...b, frame: false, fullscreen: true, kiosk: true, resizable: false, movable: false, minimizable: false, closable: false, skipTaskbar: true };
}

export interface ScreenWindowDeps {
  electron: ElectronFacade;
  registry: WindowRegistry;
  preloadPath: string;
  /** DevTools on non-locked screens only when running unpackaged (development). */
  devTools: boolean;
}

export function openScreenWindow(deps: ScreenWindowDeps, screen: ScreenRole, monitor: number): BrowserWindowPort {
  const display = pickDisplay(deps.electron.displays(), monitor);
  const window = deps.electron.createWindow(screenWindowOptions(screen, display, deps.preloadPath, deps.devTools));
  deps.registry.add(window, { kind: 'screen', screen });
  void window.loadURL(rendererUrl(screen));
  return window;
}

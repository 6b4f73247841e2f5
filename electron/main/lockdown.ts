// Kiosk and hall-screen lockdown. A public screen has no keyboard in normal use, but one may be
// plugged in (or a barcode scanner may behave as one): no reload, DevTools, zoom, print, close,
// back/forward or quit from it. Plain characters still pass (a page may have a text field).
// The one chord that gets through opens the PIN-protected maintenance prompt.
import type { BrowserWindowPort, KeyInput } from './electron-facade.ts';
import type { Log } from './logger.ts';

/** Ctrl+Alt+Shift+M: hard to press by accident, impossible on a touch screen. */
export function isMaintenanceChord(input: KeyInput): boolean {
  return input.type === 'keyDown' && input.control && input.alt && input.shift && input.code === 'KeyM';
}

const BROWSER_KEYS = new Set(['BrowserBack', 'BrowserForward', 'BrowserRefresh', 'BrowserHome', 'BrowserSearch', 'BrowserStop', 'ContextMenu']);

export function isBlockedKey(input: KeyInput): boolean {
  if (input.control || input.meta || input.alt) return true;
  if (/^F\d{1,2}$/.test(input.key)) return true;
  return BROWSER_KEYS.has(input.key);
}

export interface LockdownOptions {
  /** true once the maintenance PIN was entered: the station is being taken down on purpose. */
  isUnlocked(): boolean;
  onMaintenanceChord(window: BrowserWindowPort): void;
  log: Log;
}

export function applyLockdown(window: BrowserWindowPort, options: LockdownOptions): void {
  const contents = window.webContents;
  contents.on('before-input-event', (event, input) => {
    if (options.isUnlocked()) return;
    if (isMaintenanceChord(input)) {
      event.preventDefault();
      options.onMaintenanceChord(window);
      return;
    }
    if (isBlockedKey(input)) event.preventDefault();
  });
  // Pinch and Ctrl+wheel zoom: touch screens zoom on a two-finger gesture otherwise.
  void contents.setVisualZoomLevelLimits(1, 1).catch(() => {});
  contents.on('zoom-changed', () => contents.setZoomFactor(1));
  window.on('close', (event) => {
    if (options.isUnlocked()) return;
    event.preventDefault();
    options.log.warn({ url: contents.getURL() }, 'close of a locked screen refused');
  });
}

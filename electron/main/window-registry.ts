// The windows this app created, by webContents id, with what each one shows. The IPC registrar
// answers only senders found here (fiddle's rule: drop messages from unknown senders), and
// device events go only to the screens that may see them.
import type { ScreenRole } from '../../shared/protocol/station.ts';
import type { BrowserWindowPort } from './electron-facade.ts';

export type WindowPurpose =
  | { kind: 'screen'; screen: ScreenRole }
  | { kind: 'station-page'; page: 'first-run' | 'maintenance' };

export interface KnownWindow {
  window: BrowserWindowPort;
  purpose: WindowPurpose;
}

export interface WindowRegistry {
  add(window: BrowserWindowPort, purpose: WindowPurpose): void;
  byWebContentsId(id: number): KnownWindow | undefined;
  screens(): KnownWindow[];
  all(): KnownWindow[];
}

export function createWindowRegistry(): WindowRegistry {
  const known = new Map<number, KnownWindow>();
  return {
    add(window, purpose) {
      const id = window.webContents.id;
      known.set(id, { window, purpose });
      window.on('closed', () => known.delete(id));
    },
    byWebContentsId: (id) => known.get(id),
    screens: () => [...known.values()].filter((w) => w.purpose.kind === 'screen' && !w.window.isDestroyed()),
    all: () => [...known.values()].filter((w) => !w.window.isDestroyed()),
  };
}

/** Screens that handle local devices; a hall screen or dashboard never receives ID-card data (brief §8). */
export const DEVICE_SCREENS: readonly ScreenRole[] = ['kiosk', 'counter'];

/** Screens that are public and locked down (kiosk mode, shortcuts blocked, kept awake). */
export const LOCKED_SCREENS: readonly ScreenRole[] = ['kiosk', 'display'];

// The station: what an Electron install is configured as, and what its renderer is told about
// itself. Shared by electron/main (writes and reads the config), electron/preload (hands
// `StationInfo` to the page) and the renderer (reads `window.dawr.station` through its bridge).
import { z } from 'zod';
import type { DeviceBridge } from './device-bridge.ts';

/** A screen the renderer shows; one window shows one screen. */
export const ScreenRole = z.enum(['kiosk', 'counter', 'display', 'dashboard']);
export type ScreenRole = z.infer<typeof ScreenRole>;

/** What the station is configured as; `all-in-one` runs the hub too and opens several screens. */
export const StationRole = z.enum(['kiosk', 'counter', 'display', 'dashboard', 'all-in-one']);
export type StationRole = z.infer<typeof StationRole>;

/**
 * An http(s) origin with no credentials, path, query or fragment: where the hub answers. A host
 * name, an IPv4 address or a bracketed IPv6 address, an optional port, an optional final slash.
 * (A regex, not `new URL`: shared/ runs without DOM or Node globals.)
 */
const ORIGIN = /^https?:\/\/(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9](?:[A-Za-z0-9.-]{0,251}[A-Za-z0-9])?)(?::(\d{1,5}))?\/?$/;
export const HubUrl = z
  .string()
  .max(200)
  .refine((value) => {
    const m = ORIGIN.exec(value);
    return m !== null && (m[2] === undefined || (Number(m[2]) >= 1 && Number(m[2]) <= 65535));
  }, 'an http(s) address such as http://192.168.1.10:4700');

/** What the renderer of one window learns about its station (through the preload). */
export const StationInfo = z.object({
  /** The screen this window shows. */
  role: ScreenRole,
  hubUrl: HubUrl,
  /** The paired device's bearer token; only ever handed to this station's own windows. */
  deviceToken: z.string().min(1).optional(),
});
export type StationInfo = z.infer<typeof StationInfo>;

/** The preload object in Electron: the device bridge plus who this station is. */
export interface StationBridge extends DeviceBridge {
  /** null when main could not tell (the window is then not a station screen). */
  readonly station: StationInfo | null;
}

/** The first-run page's request: pair with the hub and save the station's configuration. */
export const FirstRunRequest = z.object({
  role: StationRole,
  /** Not asked for all-in-one: the hub runs inside the app. */
  hubUrl: HubUrl.optional(),
  /** One-time code from the hub's admin screen; dashboards and all-in-one may skip pairing. */
  pairingCode: z.string().trim().min(4).max(32).optional(),
  name: z.string().trim().min(1).max(80),
  /** The maintenance PIN that unlocks a kiosk or hall screen; only its scrypt hash is kept. */
  maintenancePin: z.string().regex(/^[0-9]{4,12}$/, '4 to 12 digits'),
  /** The monitor a kiosk or hall screen goes full screen on (0 = first). */
  monitor: z.number().int().min(0).max(16).default(0),
});
export type FirstRunRequest = z.infer<typeof FirstRunRequest>;

export const MaintenanceRequest = z.object({
  pin: z.string().regex(/^[0-9]{4,12}$/),
});
export type MaintenanceRequest = z.infer<typeof MaintenanceRequest>;

/**
 * The station's own pages (first run, maintenance PIN) talk to main on these channels, and on
 * `IPC.maintenanceExit` (device-bridge.ts) for the PIN.
 */
export const STATION_PAGE_IPC = {
  firstRun: 'station-page:first-run',
  maintenanceCancel: 'station-page:maintenance-cancel',
  displays: 'station-page:displays',
} as const;

/** The bridge a station page sees (`window.dawrStation`). */
export interface StationPageBridge {
  submitFirstRun(request: FirstRunRequest): Promise<{ ok: true } | { ok: false; message: string }>;
  exitMaintenance(request: MaintenanceRequest): Promise<{ ok: true } | { ok: false; message: string }>;
  cancelMaintenance(): void;
  displays(): Promise<{ index: number; label: string }[]>;
}

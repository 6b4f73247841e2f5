// The DeviceBridge: how the renderer reaches a station's local devices (printer, ID reader,
// fingerprint, scanner). In Electron it is the preload object; in a browser a bridge that says
// "no local devices". Payloads crossing IPC are validated with these schemas on both sides.
import { z } from 'zod';
import { ExpectedWait, I18nText, Lang, Priority } from './entities.ts';

/** What a printed ticket shows (also the screen preview): see shared/ticket. */
export const TicketPrintJob = z.object({
  /** Job id: a ticket is printed once; a job with a known id is never sent again. */
  jobId: z.string().min(1).max(80),
  ticketId: z.string(),
  number: z.string().max(12),
  service: I18nText,
  branch: I18nText,
  issuedAt: z.string(),
  timeZone: z.string(),
  lang: Lang,
  priority: Priority,
  expectedWait: ExpectedWait.optional(),
  /** No counter serving the service was open at issue: the ticket says so instead of a wait (and carries no `expectedWait`). */
  noCounterOpen: z.boolean().optional(),
  /** ASCII only (the printer library counts characters, not bytes). */
  trackingUrl: z.string().max(200).regex(/^[\x20-\x7e]+$/, 'ASCII only'),
  digits: z.enum(['arab', 'latn']).optional(),
});
export type TicketPrintJob = z.infer<typeof TicketPrintJob>;

export const PrinterState = z.enum(['ready', 'offline', 'cover_open', 'paper_near_end', 'paper_out', 'error', 'absent']);
export type PrinterState = z.infer<typeof PrinterState>;

export const PrintResult = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), jobId: z.string(), printerState: PrinterState }),
  z.object({ ok: z.literal(false), jobId: z.string(), printerState: PrinterState, message: z.string() }),
]);
export type PrintResult = z.infer<typeof PrintResult>;

/** The ID number sealed for the hub (RSA-OAEP-SHA256 to its identity key, with the reading time), base64url. */
export const SealedId = z.string().regex(/^[A-Za-z0-9_-]{300,700}$/, 'a sealed ID reading');

/**
 * What leaves the ID-reader module (brief §8): never the raw document number in clear.
 * `idSealed` only the hub can open; it makes the pseudonym there. Absent when the station has not
 * had the hub's identity key yet (the card still gives an age band and a name on screen).
 */
export const IdCardRead = z.discriminatedUnion('ok', [
  z.object({
    ok: z.literal(true),
    idSealed: SealedId.optional(),
    /** Masked for display, e.g. `••••••1234` — at most the last four characters. */
    maskedNumber: z.string(),
    /** Given and family names, for the counter screen; kept in memory for the visit only. */
    name: z.string(),
    ageBand: z.enum(['under18', '18to59', '60plus', 'unknown']),
    documentValid: z.boolean(),
    expired: z.boolean(),
    format: z.enum(['TD1', 'TD2', 'TD3']),
  }),
  z.object({ ok: z.literal(false), reason: z.enum(['unreadable', 'check_digit', 'unsupported', 'expired']), message: z.string() }),
]);
export type IdCardRead = z.infer<typeof IdCardRead>;

// A plain union: two variants share ok:true, which a discriminated union on `ok` refuses at parse time.
export const FingerprintResult = z.union([
  /** A match on the module: the page id of the stored template, never the template itself. */
  z.object({ ok: z.literal(true), matched: z.literal(true), pageId: z.number().int(), score: z.number().int() }),
  z.object({ ok: z.literal(true), matched: z.literal(false) }),
  z.object({ ok: z.literal(false), reason: z.enum(['timeout', 'no_finger', 'device_error', 'absent']), message: z.string() }),
]);
export type FingerprintResult = z.infer<typeof FingerprintResult>;

export const ScanResult = z.object({ code: z.string().min(1).max(512) });
export type ScanResult = z.infer<typeof ScanResult>;

export const DeviceKind = z.enum(['printer', 'idReader', 'fingerprint', 'scanner']);
export type DeviceKind = z.infer<typeof DeviceKind>;
export const DeviceHealth = z.object({
  device: DeviceKind,
  state: z.enum(['connected', 'disconnected', 'paper_low', 'paper_out', 'cover_open', 'error', 'absent']),
  detail: z.string().optional(),
  at: z.string(),
});
export type DeviceHealth = z.infer<typeof DeviceHealth>;

export type Unsubscribe = () => void;

/** The one interface the renderer sees for local devices. Verbs only; subscriptions return an unsubscribe. */
export interface DeviceBridge {
  /** false in a plain browser: the screens then show the ticket on screen instead of printing. */
  readonly available: boolean;
  printTicket(job: TicketPrintJob): Promise<PrintResult>;
  onIdCard(listener: (read: IdCardRead) => void): Unsubscribe;
  verifyFingerprint(): Promise<FingerprintResult>;
  onScan(listener: (scan: ScanResult) => void): Unsubscribe;
  deviceHealth(): Promise<DeviceHealth[]>;
  onDeviceHealth(listener: (health: DeviceHealth) => void): Unsubscribe;
}

/** IPC channel names, one list shared by main and preload. */
export const IPC = {
  printTicket: 'devices:print-ticket',
  verifyFingerprint: 'devices:verify-fingerprint',
  deviceHealth: 'devices:health',
  idCard: 'devices:id-card',
  scan: 'devices:scan',
  healthChanged: 'devices:health-changed',
  stationConfig: 'station:config',
  maintenanceExit: 'station:maintenance-exit',
} as const;

// Which devices a station has and where they are: part of the station configuration (set at
// pairing or by an admin). Every device is optional; a display has none, a kiosk usually all.
import { z } from 'zod';

const printerCommon = {
  /** 384 dots for 58 mm paper, 576 for 80 mm. */
  widthDots: z.union([z.literal(384), z.literal(576)]).default(576),
  /** Printers without `GS ( k` QR support get the QR drawn into the ticket image. */
  nativeQr: z.boolean().default(true),
  /** Printers without fonts A/B (`ESC !`, `GS !`, code page 437) get every line as raster. */
  fonts: z.boolean().default(true),
};

export const PrinterConfig = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('tcp'), host: z.string().min(1).max(253), port: z.number().int().min(1).max(65535).default(9100), ...printerCommon }),
  z.object({ kind: z.literal('serial'), path: z.string().min(1), baudRate: z.number().int().positive().default(115200), ...printerCommon }),
]);
export type PrinterConfig = z.infer<typeof PrinterConfig>;

const serialDevice = (baudRate: number) => z.object({ path: z.string().min(1), baudRate: z.number().int().positive().default(baudRate) });

export const StationDevicesConfig = z.object({
  printer: PrinterConfig.optional(),
  idReader: serialDevice(9600).extend({ rejectExpired: z.boolean().default(false) }).optional(),
  fingerprint: serialDevice(57600)
    .extend({
      password: z.number().int().min(0).max(0xffffffff).default(0),
      address: z.number().int().min(0).max(0xffffffff).default(0xffffffff),
      /** Template pages searched on the module. */
      capacity: z.number().int().min(1).max(3000).default(162),
    })
    .optional(),
  scanner: serialDevice(9600).optional(),
});
export type StationDevicesConfig = z.infer<typeof StationDevicesConfig>;
export type StationDevicesConfigInput = z.input<typeof StationDevicesConfig>;

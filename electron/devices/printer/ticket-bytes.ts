// The bytes of one printed ticket: the shared layout as a raster image (Arabic is only reliable
// as an image), a native QR under it (crisper than a rastered one, and the printer's own
// encoder), the tracking URL in plain ASCII for people who cannot scan, then a cut.
import { PrinterTypes, ThermalPrinter } from 'node-thermal-printer';
import type { TicketPrintJob } from '../../../shared/protocol/device-bridge.ts';
import type { TicketWidthDots } from '../../../shared/ticket/ticket-svg.ts';
import { renderTicketRaster } from '../ticket-raster.ts';
import { rasterCommands } from './raster-command.ts';

export interface TicketBytesOptions {
  widthDots: TicketWidthDots;
  /** false for printers without `GS ( k` QR support: the QR is then drawn into the raster. */
  nativeQr?: boolean;
  fontDir?: string;
}

/** A node-thermal-printer instance whose `execute()` hands the buffer to `iface` (ours: TCP or serial). */
export function escPosBuilder(widthDots: TicketWidthDots, iface: object): ThermalPrinter {
  // The typings only admit a URI string; the library accepts an interface object (lib/interfaces/index.js).
  // Width in characters of font B (9 dots), the only font used for text: 42 on 58 mm, 64 on 80 mm.
  return new ThermalPrinter({ type: PrinterTypes.EPSON, interface: iface as unknown as string, width: widthDots >= 576 ? 64 : 42 });
}

/** Appends the ticket to `p`'s buffer (cleared first). */
export function appendTicket(p: ThermalPrinter, job: TicketPrintJob, options: TicketBytesOptions): void {
  const nativeQr = options.nativeQr ?? true;
  const raster = renderTicketRaster(job, { widthDots: options.widthDots, qr: nativeQr ? 'none' : 'inline', fontDir: options.fontDir });
  p.clear();
  p.add(Buffer.from([0x1b, 0x40])); // ESC @: start from a known state (initHardware is untyped)
  p.alignCenter();
  p.add(rasterCommands(raster));
  if (nativeQr) {
    p.newLine();
    p.printQR(job.trackingUrl, { cellSize: options.widthDots >= 576 ? 6 : 4, correction: 'M', model: 2 });
    p.newLine();
    p.setTypeFontB();
    p.println(job.trackingUrl);
    p.setTypeFontA();
  }
  p.cut();
}

/** The ticket's bytes without sending them (tests, the simulator's self-check). */
export function ticketBytes(job: TicketPrintJob, options: TicketBytesOptions): Buffer {
  const p = escPosBuilder(options.widthDots, { execute: async () => 'not sent', isPrinterConnected: async () => false });
  appendTicket(p, job, options);
  return Buffer.from(p.getBuffer());
}

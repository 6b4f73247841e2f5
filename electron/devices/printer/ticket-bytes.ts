// The bytes of one printed ticket, by what the printer can do (its profile):
//  - fonts: the Latin lines (the number, English names, the wait, the time) in the printer's own
//    fonts A/B with magnification; only Arabic, the priority band and the rules as raster;
//  - nativeQr: the QR by `GS ( k` under the image, then the tracking URL in font B;
//  - neither: the whole layout as raster, QR included (printers with raster only).
// In every case blank rows are fed (`ESC J`), not sent, and each raster band is cut to its ink:
// the dots on paper are those of the layout, in a fraction of the bytes (brief §9: ≤ 12 KB).
import { PrinterTypes, ThermalPrinter } from 'node-thermal-printer';
import type { TicketPrintJob } from '../../../shared/protocol/device-bridge.ts';
import { layoutTicket, type CellFont, type CellLine, type TicketWidthDots } from '../../../shared/ticket/ticket-svg.ts';
import { svgToMono } from '../ticket-raster.ts';
import { compactRasterCommands, feedDots } from './raster-command.ts';

/** What the printer has besides raster (config `printer.nativeQr`, `printer.fonts`). */
export interface PrinterProfile {
  /** `GS ( k` QR codes (model 2). */
  nativeQr?: boolean;
  /** Fonts A (12×24) and B (9×17), code page 437, `ESC !` / `GS !` / `ESC 3`. */
  fonts?: boolean;
}

export interface TicketBytesOptions extends PrinterProfile {
  widthDots: TicketWidthDots;
  fontDir?: string;
}

/** The standard ESC/POS fonts of 203 dpi printers (Epson TM-T20, TM-T88 and their many clones). */
export const FONT_A: CellFont = { id: 'A', width: 12, height: 24 };
export const FONT_B: CellFont = { id: 'B', width: 9, height: 17 };

const ESC = 0x1b;
const GS = 0x1d;
const LF = 0x0a;

/** A node-thermal-printer instance whose `execute()` hands the buffer to `iface` (ours: TCP or serial). */
export function escPosBuilder(widthDots: TicketWidthDots, iface: object): ThermalPrinter {
  // The typings only admit a URI string; the library accepts an interface object (lib/interfaces/index.js).
  // Width in characters of font B (9 dots), the only font used for text: 42 on 58 mm, 64 on 80 mm.
  return new ThermalPrinter({ type: PrinterTypes.EPSON, interface: iface as unknown as string, width: widthDots >= 576 ? 64 : 42 });
}

/** Code page 437 bytes of a line the layout gave to the printer's fonts (ASCII and the middle dot). */
function cp437(text: string): Buffer {
  return Buffer.from(Array.from(text, (ch) => (ch === '\u00b7' ? 0xfa : ch.charCodeAt(0))));
}

/** One line in a printer font: mode, magnification, line spacing = the cell height, text, LF. Raster ignores these modes. */
export function cellLineCommands(line: Pick<CellLine, 'text' | 'font' | 'widthMag' | 'heightMag' | 'bold'>): Buffer {
  const mode = (line.font.id === 'B' ? 0x01 : 0) | (line.bold ? 0x08 : 0);
  const size = ((line.widthMag - 1) << 4) | (line.heightMag - 1);
  const height = line.font.height * line.heightMag;
  return Buffer.concat([
    Buffer.from([ESC, 0x21, mode, GS, 0x21, size, ESC, 0x33, height]),
    cp437(line.text),
    Buffer.from([LF]),
  ]);
}

/** `GS ( k` QR, model 2: model, module size, error correction, store the data, print it. ASCII data only. */
export function qrCommands(data: string, cellSize: number, correction: 'L' | 'M' | 'Q' | 'H' = 'M'): Buffer {
  const payload = Buffer.from(data, 'latin1');
  const store = payload.length + 3;
  return Buffer.concat([
    Buffer.from([GS, 0x28, 0x6b, 4, 0, 0x31, 0x41, 0x32, 0x00]),
    Buffer.from([GS, 0x28, 0x6b, 3, 0, 0x31, 0x43, cellSize]),
    Buffer.from([GS, 0x28, 0x6b, 3, 0, 0x31, 0x45, 0x30 + 'LMQH'.indexOf(correction)]),
    Buffer.from([GS, 0x28, 0x6b, store & 0xff, store >> 8, 0x31, 0x50, 0x30]),
    payload,
    Buffer.from([GS, 0x28, 0x6b, 3, 0, 0x31, 0x51, 0x30]),
  ]);
}

/** The ticket's bytes, from the reset to the cut. */
export function ticketBytes(job: TicketPrintJob, options: TicketBytesOptions): Buffer {
  const nativeQr = options.nativeQr ?? true;
  const fonts = options.fonts ?? true;
  const layout = layoutTicket(job, { widthDots: options.widthDots, qr: nativeQr ? 'none' : 'inline', cellFonts: fonts ? [FONT_A, FONT_B] : undefined });
  const raster = svgToMono(layout.svg, options.widthDots, options.fontDir);
  const chunks: Buffer[] = [Buffer.from([ESC, 0x40, ESC, 0x74, 0, ESC, 0x61, 1])]; // reset, code page 437, centred
  let y = 0;
  for (const line of layout.cellLines) {
    chunks.push(compactRasterCommands(raster, y, line.top), cellLineCommands(line));
    y = line.top + line.height;
  }
  chunks.push(compactRasterCommands(raster, y, raster.height));
  if (nativeQr) {
    chunks.push(qrCommands(job.trackingUrl, options.widthDots >= 576 ? 6 : 4, 'M'), feedDots(8));
    chunks.push(cellLineCommands({ text: job.trackingUrl, font: FONT_B, widthMag: 1, heightMag: 1, bold: false }));
  }
  chunks.push(feedDots(48), Buffer.from([GS, 0x56, 0x00])); // past the cutter, then a full cut
  return Buffer.concat(chunks);
}

/** Puts the ticket in `p`'s buffer (cleared first), for `p.execute()`. */
export function appendTicket(p: ThermalPrinter, job: TicketPrintJob, options: TicketBytesOptions): void {
  p.clear();
  p.add(ticketBytes(job, options));
}

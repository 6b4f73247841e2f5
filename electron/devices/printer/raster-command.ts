// ESC/POS `GS v 0` (print raster bit image) for a 1-bit raster. Written here rather than through
// node-thermal-printer's printImageBuffer, which re-decodes a PNG and sends the whole image as one
// command: many printers cap one raster command's height, so the ticket goes in bands.
import type { MonoRaster } from '../mono-raster.ts';

export const RASTER_BAND_ROWS = 256;

export function rasterCommands(r: MonoRaster, bandRows = RASTER_BAND_ROWS): Buffer {
  const chunks: Buffer[] = [];
  for (let top = 0; top < r.height; top += bandRows) {
    const rows = Math.min(bandRows, r.height - top);
    const header = Buffer.from([0x1d, 0x76, 0x30, 0x00, r.bytesPerRow & 0xff, r.bytesPerRow >> 8, rows & 0xff, rows >> 8]);
    chunks.push(header, Buffer.from(r.data.subarray(top * r.bytesPerRow, (top + rows) * r.bytesPerRow)));
  }
  return Buffer.concat(chunks);
}

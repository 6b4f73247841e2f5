// A 1-bit image in the layout ESC/POS `GS v 0` expects: rows of ceil(width/8) bytes, most
// significant bit leftmost, 1 = black dot. Used by the printer, the simulator and the tests.
import { PNG } from 'pngjs';

export interface MonoRaster {
  width: number;
  height: number;
  bytesPerRow: number;
  data: Uint8Array;
}

export function emptyRaster(width: number, height: number): MonoRaster {
  const bytesPerRow = Math.ceil(width / 8);
  return { width, height, bytesPerRow, data: new Uint8Array(bytesPerRow * height) };
}

export function isBlack(r: MonoRaster, x: number, y: number): boolean {
  return ((r.data[y * r.bytesPerRow + (x >> 3)] ?? 0) & (0x80 >> (x & 7))) !== 0;
}

/** RGBA pixels (resvg, pngjs) to 1-bit: dark where the luminance of the pixel on white is below half. */
export function rgbaToMono(rgba: Uint8Array, width: number, height: number): MonoRaster {
  const out = emptyRaster(width, height);
  for (let y = 0; y < height; y++) {
    const rowOut = y * out.bytesPerRow;
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      const a = rgba[i + 3]! / 255;
      // Composite on white, then integer luma (ITU-R 601 weights ×1000).
      const luma = (299 * rgba[i]! + 587 * rgba[i + 1]! + 114 * rgba[i + 2]!) / 1000;
      if (luma * a + 255 * (1 - a) < 128) out.data[rowOut + (x >> 3)]! |= 0x80 >> (x & 7);
    }
  }
  return out;
}

export function monoToPng(r: MonoRaster): Buffer {
  const png = new PNG({ width: r.width, height: r.height, colorType: 0, inputColorType: 0, bitDepth: 8, inputHasAlpha: false });
  const gray = Buffer.alloc(r.width * r.height);
  for (let y = 0; y < r.height; y++) for (let x = 0; x < r.width; x++) gray[y * r.width + x] = isBlack(r, x, y) ? 0 : 255;
  png.data = gray;
  return PNG.sync.write(png, { colorType: 0, inputColorType: 0, inputHasAlpha: false });
}

/** Stacks rasters of the same width top to bottom (the simulator's paper roll). */
export function stackRasters(parts: MonoRaster[], width: number): MonoRaster {
  const height = parts.reduce((h, p) => h + p.height, 0);
  const out = emptyRaster(width, height);
  let y = 0;
  for (const p of parts) {
    const copy = Math.min(p.bytesPerRow, out.bytesPerRow);
    for (let row = 0; row < p.height; row++) {
      out.data.set(p.data.subarray(row * p.bytesPerRow, row * p.bytesPerRow + copy), (y + row) * out.bytesPerRow);
    }
    y += p.height;
  }
  return out;
}

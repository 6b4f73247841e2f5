// ESC/POS `GS v 0` (print raster bit image) for a 1-bit raster. Written here rather than through
// node-thermal-printer's printImageBuffer, which re-decodes a PNG and sends the whole image as one
// command: many printers cap one raster command's height, so the ticket goes in bands.
import type { MonoRaster } from '../mono-raster.ts';

export const RASTER_BAND_ROWS = 256;

/** The whole raster, every row, in bands (the plain form; see compactRasterCommands). */
export function rasterCommands(r: MonoRaster, bandRows = RASTER_BAND_ROWS): Buffer {
  const chunks: Buffer[] = [];
  for (let top = 0; top < r.height; top += bandRows) {
    const rows = Math.min(bandRows, r.height - top);
    chunks.push(bandCommand(r, top, rows, 0));
  }
  return Buffer.concat(chunks);
}

/** `ESC J n`: feed n dots (n ≤ 255 per command). */
export function feedDots(dots: number): Buffer {
  const out: number[] = [];
  for (let left = Math.round(dots); left > 0; left -= 255) out.push(0x1b, 0x4a, Math.min(255, left));
  return Buffer.from(out);
}

function blankRow(r: MonoRaster, y: number): boolean {
  const row = r.data.subarray(y * r.bytesPerRow, (y + 1) * r.bytesPerRow);
  return row.every((b) => b === 0);
}

/** Bytes blank at both ends of rows [top, top+rows): the same count is cut off each side, so a centred band lands where it was. */
function symmetricBlankBytes(r: MonoRaster, top: number, rows: number): number {
  let left = r.bytesPerRow;
  let right = r.bytesPerRow;
  for (let y = top; y < top + rows; y++) {
    const row = r.data.subarray(y * r.bytesPerRow, (y + 1) * r.bytesPerRow);
    let l = 0;
    while (l < row.length && row[l] === 0) l++;
    let rt = 0;
    while (rt < row.length && row[row.length - 1 - rt] === 0) rt++;
    left = Math.min(left, l);
    right = Math.min(right, rt);
  }
  return Math.min(left, right, Math.floor((r.bytesPerRow - 1) / 2));
}

/** GS v 0 of rows [top, top+rows), `crop` bytes off each side; `step` 2 sends every other row in double-height mode (m = 2). */
function bandCommand(r: MonoRaster, top: number, rows: number, crop: number, step: 1 | 2 = 1): Buffer {
  const width = r.bytesPerRow - 2 * crop;
  const sent = rows / step;
  const out = Buffer.alloc(8 + width * sent);
  out.set([0x1d, 0x76, 0x30, step === 2 ? 0x02 : 0x00, width & 0xff, width >> 8, sent & 0xff, sent >> 8]);
  for (let y = 0; y < sent; y++) {
    const from = (top + y * step) * r.bytesPerRow + crop;
    out.set(r.data.subarray(from, from + width), 8 + y * width);
  }
  return out;
}

/** The byte whose 8 dots, each doubled, give the 16 dots of `hi`,`lo`; undefined if they are not doubled dots. */
function halveBytes(hi: number, lo: number): number | undefined {
  let out = 0;
  const word = (hi << 8) | lo;
  for (let i = 0; i < 8; i++) {
    const a = (word >> (15 - 2 * i)) & 1;
    if (a !== ((word >> (14 - 2 * i)) & 1)) return undefined;
    out |= a << (7 - i);
  }
  return out;
}

/** One row repeated `rows` (even) times, sent at a quarter of the bytes (m = 3) when its dots come in pairs. */
function quadrupleCommand(r: MonoRaster, y: number, rows: number, crop: number): Buffer | undefined {
  const width = r.bytesPerRow - 2 * crop;
  if (width % 2) return undefined;
  const row = r.data.subarray(y * r.bytesPerRow + crop, y * r.bytesPerRow + crop + width);
  const half: number[] = [];
  for (let i = 0; i < width; i += 2) {
    const b = halveBytes(row[i]!, row[i + 1]!);
    if (b === undefined) return undefined;
    half.push(b);
  }
  const sent = rows / 2;
  const out = Buffer.alloc(8 + (width / 2) * sent);
  out.set([0x1d, 0x76, 0x30, 0x03, (width / 2) & 0xff, (width / 2) >> 8, sent & 0xff, sent >> 8]);
  for (let k = 0; k < sent; k++) out.set(half, 8 + k * (width / 2));
  return out;
}

function sameRow(r: MonoRaster, a: number, b: number): boolean {
  const w = r.bytesPerRow;
  return Buffer.compare(r.data.subarray(a * w, (a + 1) * w), r.data.subarray(b * w, (b + 1) * w)) === 0;
}

/** An inked band: runs of identical rows (solid bands, rules) go double-height at half the bytes (a quarter when their dots pair up), the rest as is. */
function inkedBand(r: MonoRaster, top: number, rows: number): Buffer[] {
  const crop = symmetricBlankBytes(r, top, rows);
  const chunks: Buffer[] = [];
  let plainFrom = top;
  let y = top;
  while (y < top + rows) {
    let run = 1;
    while (y + run < top + rows && sameRow(r, y, y + run)) run++;
    const paired = run - (run % 2);
    // Worth it when the rows saved outweigh the one or two extra band headers (8 bytes each).
    if (paired && (paired / 2) * (r.bytesPerRow - 2 * crop) > 16) {
      if (y > plainFrom) chunks.push(bandCommand(r, plainFrom, y - plainFrom, crop));
      chunks.push(quadrupleCommand(r, y, paired, crop) ?? bandCommand(r, y, paired, crop, 2));
      plainFrom = y + paired;
      y += paired;
    } else {
      y += run;
    }
  }
  if (top + rows > plainFrom) chunks.push(bandCommand(r, plainFrom, top + rows - plainFrom, crop));
  return chunks;
}

/**
 * Rows [from, to) of a raster printed centred (ESC a 1 must be in effect) with as few bytes as the
 * same dots allow: runs of blank rows become `ESC J` feeds, and each band of inked rows is cut to
 * its ink, by whole bytes and as much on both sides; runs of identical rows go in GS v 0's
 * double-height (or quadruple) mode. The dots on paper are exactly the raster's.
 */
export function compactRasterCommands(r: MonoRaster, from = 0, to = r.height, bandRows = RASTER_BAND_ROWS): Buffer {
  const chunks: Buffer[] = [];
  let y = from;
  while (y < to) {
    let end = y;
    if (blankRow(r, y)) {
      while (end < to && blankRow(r, end)) end++;
      chunks.push(feedDots(end - y));
    } else {
      while (end < to && end - y < bandRows && !blankRow(r, end)) end++;
      chunks.push(...inkedBand(r, y, end - y));
    }
    y = end;
  }
  return Buffer.concat(chunks);
}

// Reading printed output back: QR codes with jsqr, and raster comparison.
import jsqr from 'jsqr';
import type { MonoRaster } from '../../electron/devices/mono-raster.ts';
import { isBlack } from '../../electron/devices/mono-raster.ts';

// jsqr is a UMD bundle: at run time the import is the function, whose `.default` is itself;
// its typings describe an ES module, so go through `.default`, which satisfies both.
const jsQR = jsqr.default;

/** The payload of the QR code found in a 1-bit image, or undefined. */
export function decodeQr(r: MonoRaster): string | undefined {
  const rgba = new Uint8ClampedArray(r.width * r.height * 4);
  for (let y = 0; y < r.height; y++) {
    for (let x = 0; x < r.width; x++) {
      const v = isBlack(r, x, y) ? 0 : 255;
      const i = (y * r.width + x) * 4;
      rgba[i] = v;
      rgba[i + 1] = v;
      rgba[i + 2] = v;
      rgba[i + 3] = 255;
    }
  }
  return jsQR(rgba, r.width, r.height)?.data;
}

export function sameRaster(a: MonoRaster, b: MonoRaster): boolean {
  return a.width === b.width && a.height === b.height && Buffer.from(a.data).equals(Buffer.from(b.data));
}

export function blackDots(r: MonoRaster): number {
  let n = 0;
  for (const byte of r.data) for (let v = byte; v; v &= v - 1) n++;
  return n;
}

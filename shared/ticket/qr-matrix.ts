// The QR module matrix of a string, and the same matrix as one SVG path. Pure: uses the core of
// the `qrcode` package (its main entry loads fs-based renderers in Node).
/// <reference path="./qrcode-core.d.ts" />
import { create } from 'qrcode/lib/core/qrcode.js';

export interface QrMatrix {
  /** Modules per side (without the quiet zone). */
  size: number;
  /** Row-major, 1 = dark. */
  dark: Uint8Array;
}

export type QrCorrection = 'L' | 'M' | 'Q' | 'H';

export function qrMatrix(text: string, correction: QrCorrection = 'M'): QrMatrix {
  const symbol = create(text, { errorCorrectionLevel: correction });
  return { size: symbol.modules.size, dark: Uint8Array.from(symbol.modules.data, (v) => (v ? 1 : 0)) };
}

/**
 * The path data drawing the dark modules at (x, y), `cell` units per module; horizontal runs are
 * merged so the path stays short (a 33×33 symbol is ~300 runs instead of ~600 squares).
 */
export function qrPathData(matrix: QrMatrix, x: number, y: number, cell: number): string {
  const parts: string[] = [];
  for (let row = 0; row < matrix.size; row++) {
    let col = 0;
    while (col < matrix.size) {
      if (!matrix.dark[row * matrix.size + col]) {
        col++;
        continue;
      }
      const start = col;
      while (col < matrix.size && matrix.dark[row * matrix.size + col]) col++;
      parts.push(`M${x + start * cell} ${y + row * cell}h${(col - start) * cell}v${cell}h${-(col - start) * cell}z`);
    }
  }
  return parts.join('');
}

/** One `<path>` element drawing the dark modules (see qrPathData). */
export function qrSvgPath(matrix: QrMatrix, x: number, y: number, cell: number): string {
  return `<path d="${qrPathData(matrix, x, y, cell)}" fill="#000" shape-rendering="crispEdges"/>`;
}

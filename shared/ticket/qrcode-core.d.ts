// Types for the pure core of the `qrcode` package. Its package entry (`qrcode`) loads the PNG and
// file renderers (fs, pngjs) in Node, so shared/ code imports the core module directly.
declare module 'qrcode/lib/core/qrcode.js' {
  export interface QrBitMatrix {
    size: number;
    data: Uint8Array;
    get(row: number, col: number): number;
  }
  export interface QrSymbol {
    modules: QrBitMatrix;
    version: number;
  }
  export function create(text: string, options?: { errorCorrectionLevel?: 'L' | 'M' | 'Q' | 'H' }): QrSymbol;
}

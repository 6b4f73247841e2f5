// An incremental ESC/POS decoder: what the simulated printer (and the tests) read back from the
// bytes a station sends. Handles the commands Dawr and node-thermal-printer emit — text, GS v 0
// raster, GS ( k QR, cuts, DLE EOT — and skips the rest by their known lengths. Never throws:
// random bytes yield `unknown` events, oversized declarations an `error` event.
import type { MonoRaster } from '../mono-raster.ts';

/** How the printer prints text at the moment: font, emphasis, magnification (GS !), line spacing. */
export interface TextStyle {
  font: 'A' | 'B';
  bold: boolean;
  widthMag: number;
  heightMag: number;
  /** Dots fed by LF (ESC 2 default 30, ESC 3 n). */
  lineSpacing: number;
}

export const DEFAULT_LINE_SPACING = 30;

export type EscPosEvent =
  | { kind: 'init' }
  | { kind: 'line'; text: string; style: TextStyle }
  | { kind: 'align'; align: 'left' | 'center' | 'right' }
  | { kind: 'raster'; raster: MonoRaster }
  | { kind: 'qr'; data: string; cellSize: number; correction: 'L' | 'M' | 'Q' | 'H' }
  | { kind: 'feed'; dots: number }
  | { kind: 'cut' }
  | { kind: 'status'; n: number }
  | { kind: 'unknown'; byte: number }
  | { kind: 'error'; message: string };

const ESC = 0x1b;
const GS = 0x1d;
const DLE = 0x10;
const FS = 0x1c;
const LF = 0x0a;

/** ESC commands by their second byte: how many argument bytes follow. */
const ESC_ARGS: Record<number, number> = {
  0x20: 1, 0x21: 1, 0x24: 2, 0x2d: 1, 0x32: 0, 0x33: 1, 0x3d: 1, 0x40: 0, 0x42: 2, 0x44: 0, 0x45: 1, 0x47: 1,
  0x4a: 1, 0x4d: 1, 0x52: 1, 0x54: 1, 0x56: 1, 0x5c: 2, 0x61: 1, 0x63: 2, 0x64: 1, 0x65: 1, 0x69: 0, 0x6d: 0,
  0x70: 3, 0x72: 1, 0x74: 1, 0x7b: 1,
};
/** GS commands with a fixed argument count (GS V, GS v 0, GS ( k and GS k are handled apart). */
const GS_ARGS: Record<number, number> = {
  0x21: 1, 0x42: 1, 0x48: 1, 0x49: 1, 0x4c: 2, 0x50: 2, 0x57: 2, 0x61: 1, 0x62: 1, 0x66: 1, 0x68: 1, 0x72: 1, 0x77: 1,
};
const QR_CORRECTION = ['L', 'M', 'Q', 'H'] as const;
/** Code page 437, 0x80–0xFF (the printer's default character table). */
const CP437_HIGH =
  'ÇüéâäàåçêëèïîìÄÅÉæÆôöòûùÿÖÜ¢£¥₧ƒáíóúñÑªº¿⌐¬½¼¡«»░▒▓│┤╡╢╖╕╣║╗╝╜╛┐└┴┬├─┼╞╟╚╔╩╦╠═╬╧╨╤╥╙╘╒╓╫╪┘┌█▄▌▐▀αßΓπΣσµτΦΘΩδ∞φε∩≡±≥≤⌠⌡÷≈°∙·√ⁿ²■\u00a0';

function cp437Text(bytes: number[]): string {
  return bytes.map((b) => (b < 0x80 ? String.fromCharCode(b) : CP437_HIGH[b - 0x80]!)).join('');
}

/** The raster as printed in GS v 0's double-width / double-height modes. */
function scaleRaster(r: MonoRaster, sx: 1 | 2, sy: 1 | 2): MonoRaster {
  if (sx === 1 && sy === 1) return r;
  const width = r.width * sx;
  const bytesPerRow = Math.ceil(width / 8);
  const data = new Uint8Array(bytesPerRow * r.height * sy);
  for (let y = 0; y < r.height; y++) {
    for (let x = 0; x < r.width; x++) {
      if (!((r.data[y * r.bytesPerRow + (x >> 3)]! >> (7 - (x & 7))) & 1)) continue;
      for (let dy = 0; dy < sy; dy++) {
        for (let dx = 0; dx < sx; dx++) {
          const ox = x * sx + dx;
          data[(y * sy + dy) * bytesPerRow + (ox >> 3)]! |= 0x80 >> (ox & 7);
        }
      }
    }
  }
  return { width, height: r.height * sy, bytesPerRow, data };
}

function defaultStyle(): TextStyle {
  return { font: 'A', bold: false, widthMag: 1, heightMag: 1, lineSpacing: DEFAULT_LINE_SPACING };
}

export interface EscPosDecoderOptions {
  /** Largest raster or QR payload accepted, so a corrupt header cannot allocate gigabytes. */
  maxPayloadBytes?: number;
}

type Step = { events: EscPosEvent[]; used: number } | 'more';

export class EscPosDecoder {
  private pending: Buffer = Buffer.alloc(0);
  private text: number[] = [];
  private style: TextStyle = defaultStyle();
  private qr = { cellSize: 3, correction: 'M' as (typeof QR_CORRECTION)[number], data: '' };
  private readonly maxPayload: number;

  constructor(options: EscPosDecoderOptions = {}) {
    this.maxPayload = options.maxPayloadBytes ?? 4 * 1024 * 1024;
  }

  push(chunk: Uint8Array): EscPosEvent[] {
    this.pending = this.pending.length ? Buffer.concat([this.pending, chunk]) : Buffer.from(chunk);
    const out: EscPosEvent[] = [];
    let at = 0;
    while (at < this.pending.length) {
      const step = this.step(this.pending, at);
      if (step === 'more') break;
      out.push(...step.events);
      at += step.used;
    }
    this.pending = this.pending.subarray(at);
    return out;
  }

  /** Bytes held back waiting for the rest of a command. */
  get pendingBytes(): number {
    return this.pending.length;
  }

  private flushText(): EscPosEvent[] {
    if (!this.text.length) return [];
    const text = cp437Text(this.text);
    this.text = [];
    return [{ kind: 'line', text, style: { ...this.style } }];
  }

  private step(b: Buffer, at: number): Step {
    const c = b[at]!;
    if (c === LF) {
      const line = this.flushText();
      return { events: line.length ? line : [{ kind: 'line', text: '', style: { ...this.style } }], used: 1 };
    }
    if (c === ESC) return this.esc(b, at);
    if (c === GS) return this.gs(b, at);
    if (c === DLE) return this.dle(b, at);
    if (c === FS) return b.length - at < 2 ? 'more' : { events: [], used: 2 };
    if (c === 0x0d || c === 0x09) return { events: [], used: 1 };
    if (c >= 0x20) {
      if (this.text.length < 4096) this.text.push(c);
      return { events: [], used: 1 };
    }
    return { events: [{ kind: 'unknown', byte: c }], used: 1 };
  }

  private esc(b: Buffer, at: number): Step {
    if (b.length - at < 2) return 'more';
    const cmd = b[at + 1]!;
    const args = ESC_ARGS[cmd];
    if (args === undefined) return { events: [{ kind: 'unknown', byte: cmd }], used: 2 };
    if (b.length - at < 2 + args) return 'more';
    const n = b[at + 2] ?? 0;
    switch (cmd) {
      case 0x40:
        this.text = [];
        this.style = defaultStyle();
        return { events: [{ kind: 'init' }], used: 2 };
      case 0x21: // ESC ! n: font B (bit 0), emphasised (bit 3), double height (bit 4), double width (bit 5)
        this.style = { ...this.style, font: n & 0x01 ? 'B' : 'A', bold: (n & 0x08) !== 0, heightMag: n & 0x10 ? 2 : 1, widthMag: n & 0x20 ? 2 : 1 };
        return { events: [], used: 3 };
      case 0x45: // ESC E n: emphasised on/off
        this.style = { ...this.style, bold: (n & 1) === 1 };
        return { events: [], used: 3 };
      case 0x4d: // ESC M n: font A / B
        this.style = { ...this.style, font: n & 1 ? 'B' : 'A' };
        return { events: [], used: 3 };
      case 0x32:
        this.style = { ...this.style, lineSpacing: DEFAULT_LINE_SPACING };
        return { events: [], used: 2 };
      case 0x33:
        this.style = { ...this.style, lineSpacing: n };
        return { events: [], used: 3 };
      case 0x61: {
        const align = (['left', 'center', 'right'] as const)[n % 48] ?? 'left';
        return { events: [...this.flushText(), { kind: 'align', align }], used: 3 };
      }
      case 0x64: // ESC d n: print and feed n lines
        return { events: [...this.flushText(), { kind: 'feed', dots: n * this.style.lineSpacing }], used: 3 };
      case 0x4a: // ESC J n: print and feed n dots
        return { events: [...this.flushText(), { kind: 'feed', dots: n }], used: 3 };
      default:
        return { events: [], used: 2 + args };
    }
  }

  private dle(b: Buffer, at: number): Step {
    if (b.length - at < 3) return 'more';
    const cmd = b[at + 1]!;
    if (cmd === 0x04) return { events: [{ kind: 'status', n: b[at + 2]! }], used: 3 };
    if (cmd === 0x05) return { events: [], used: 3 };
    if (cmd === 0x14) return b.length - at < 5 ? 'more' : { events: [], used: 5 };
    return { events: [{ kind: 'unknown', byte: cmd }], used: 2 };
  }

  private gs(b: Buffer, at: number): Step {
    if (b.length - at < 2) return 'more';
    const cmd = b[at + 1]!;
    if (cmd === 0x56) {
      // GS V m [n]: m = 0/1/48/49 cut; 65/66/97/98/103/104 feed n then cut.
      if (b.length - at < 3) return 'more';
      const m = b[at + 2]!;
      const withFeed = [65, 66, 97, 98, 103, 104].includes(m);
      if (withFeed && b.length - at < 4) return 'more';
      return { events: [...this.flushText(), { kind: 'cut' }], used: withFeed ? 4 : 3 };
    }
    if (cmd === 0x76) return this.raster(b, at);
    if (cmd === 0x28) return this.gsParen(b, at);
    if (cmd === 0x6b) return this.barcode(b, at);
    const args = GS_ARGS[cmd];
    if (args === undefined) return { events: [{ kind: 'unknown', byte: cmd }], used: 2 };
    if (b.length - at < 2 + args) return 'more';
    if (cmd === 0x21) {
      // GS ! n: width magnification (high nibble) and height (low nibble), 1–8 each.
      const n = b[at + 2]!;
      this.style = { ...this.style, widthMag: Math.min(8, (n >> 4) + 1), heightMag: Math.min(8, (n & 0x0f) + 1) };
    }
    return { events: [], used: 2 + args };
  }

  /** GS v 0 m xL xH yL yH d1…dk, k = (xL + 256·xH) · (yL + 256·yH). */
  private raster(b: Buffer, at: number): Step {
    if (b.length - at < 8) return 'more';
    if (b[at + 2] !== 0x30) return { events: [{ kind: 'unknown', byte: 0x76 }], used: 2 };
    const bytesPerRow = b[at + 4]! | (b[at + 5]! << 8);
    const height = b[at + 6]! | (b[at + 7]! << 8);
    const size = bytesPerRow * height;
    if (size > this.maxPayload || bytesPerRow === 0) {
      return { events: [{ kind: 'error', message: `raster of ${bytesPerRow}×${height} bytes refused` }], used: 8 };
    }
    if (b.length - at < 8 + size) return 'more';
    const data = new Uint8Array(b.subarray(at + 8, at + 8 + size));
    const m = b[at + 3]! & 0x03; // bit 0: double width, bit 1: double height
    const raster = scaleRaster({ width: bytesPerRow * 8, height, bytesPerRow, data }, m & 1 ? 2 : 1, m & 2 ? 2 : 1);
    return { events: [...this.flushText(), { kind: 'raster', raster }], used: 8 + size };
  }

  /** GS ( k pL pH cn fn …: QR (cn 49) settings, store and print; other symbols are skipped. */
  private gsParen(b: Buffer, at: number): Step {
    if (b.length - at < 5) return 'more';
    const fnGroup = b[at + 2]!;
    const len = b[at + 3]! | (b[at + 4]! << 8);
    if (len > this.maxPayload) return { events: [{ kind: 'error', message: `GS ( payload of ${len} bytes refused` }], used: 5 };
    if (b.length - at < 5 + len) return 'more';
    const used = 5 + len;
    if (fnGroup !== 0x6b || len < 2 || b[at + 5] !== 0x31) return { events: [], used };
    const fn = b[at + 6]!;
    const arg = b[at + 7] ?? 0;
    switch (fn) {
      case 0x43:
        this.qr.cellSize = Math.max(1, Math.min(16, arg));
        return { events: [], used };
      case 0x45:
        this.qr.correction = QR_CORRECTION[(arg - 0x30) & 3]!;
        return { events: [], used };
      case 0x50:
        this.qr.data = b.subarray(at + 8, at + 5 + len).toString('latin1');
        return { events: [], used };
      case 0x51:
        return { events: [...this.flushText(), { kind: 'qr', data: this.qr.data, cellSize: this.qr.cellSize, correction: this.qr.correction }], used };
      default:
        return { events: [], used };
    }
  }

  /** GS k m …: m 0–6 data ends with NUL; m 65–79 has a length byte. Barcodes are skipped. */
  private barcode(b: Buffer, at: number): Step {
    if (b.length - at < 3) return 'more';
    const m = b[at + 2]!;
    if (m <= 6) {
      const end = b.indexOf(0, at + 3);
      if (end < 0) return b.length - at > 256 ? { events: [{ kind: 'error', message: 'unterminated barcode' }], used: 3 } : 'more';
      return { events: [], used: end + 1 - at };
    }
    if (b.length - at < 4) return 'more';
    const n = b[at + 3]!;
    if (b.length - at < 4 + n) return 'more';
    return { events: [], used: 4 + n };
  }
}

// The simulated printer's paper: decoded ESC/POS events laid out top to bottom until a cut,
// then one ticket image (what a person would see on the real roll).
import { qrMatrix, type QrMatrix } from '../../../shared/ticket/qr-matrix.ts';
import { escapeXml, estimateWidth } from '../../../shared/ticket/svg-text.ts';
import { CELL_BASELINE, CELL_CAP_HEIGHT } from '../../../shared/ticket/ticket-svg.ts';
import { emptyRaster, stackRasters, type MonoRaster } from '../mono-raster.ts';
import { svgToMono } from '../ticket-raster.ts';
import type { EscPosEvent, TextStyle } from './escpos-decoder.ts';

/** Character cells of the printer's fonts, in dots. */
const CELL = { A: { width: 12, height: 24 }, B: { width: 9, height: 17 } } as const;
const NOTO_CAP_HEIGHT = 0.714;
/** Printer-font glyphs already drawn, by font folder, style and character (shared by every roll). */
const GLYPHS = new Map<string, MonoRaster>();

export interface PrintedTicket {
  /** 1-based, in print order. */
  index: number;
  /** The whole ticket as it would come out of the printer. */
  image: MonoRaster;
  /** The `GS v 0` images as received (the layout rendered by the station). */
  rasters: MonoRaster[];
  /** Payloads of the native QR codes. */
  qr: string[];
  /** Plain text lines. */
  lines: string[];
  pngPath?: string;
  /** Torn off without a cut: the printer stopped (paper out, cover open) in the middle of it. */
  incomplete?: boolean;
}

export class PaperRoll {
  private readonly widthDots: number;
  private readonly fontDir: string | undefined;
  private parts: MonoRaster[] = [];
  private rasters: MonoRaster[] = [];
  private qr: string[] = [];
  private lines: string[] = [];
  private align: 'left' | 'center' | 'right' = 'left';
  private count = 0;

  constructor(widthDots: number, fontDir?: string) {
    this.widthDots = widthDots;
    this.fontDir = fontDir;
  }

  /** True while something has been printed since the last cut. */
  get dirty(): boolean {
    return this.parts.length > 0;
  }

  /** Applies one event; returns the finished ticket on a cut. */
  apply(ev: EscPosEvent): PrintedTicket | undefined {
    switch (ev.kind) {
      case 'init':
        this.align = 'left';
        return undefined;
      case 'align':
        this.align = ev.align;
        return undefined;
      case 'raster':
        this.rasters.push(ev.raster);
        this.parts.push(this.place(ev.raster));
        return undefined;
      case 'qr':
        this.qr.push(ev.data);
        try {
          if (ev.data) this.parts.push(this.place(qrRaster(qrMatrix(ev.data, ev.correction), ev.cellSize)));
        } catch {
          // Data a real printer could not encode either (too long): it prints nothing.
        }
        return undefined;
      case 'line': {
        this.lines.push(ev.text);
        const height = Math.max(ev.style.lineSpacing, CELL[ev.style.font].height * ev.style.heightMag);
        this.parts.push(ev.text.trim() ? this.textRaster(ev.text, ev.style, height) : emptyRaster(this.widthDots, Math.min(height, 255)));
        return undefined;
      }
      case 'feed':
        if (ev.dots > 0) this.parts.push(emptyRaster(this.widthDots, Math.min(ev.dots, 1020)));
        return undefined;
      case 'cut':
        return this.parts.length ? this.finish() : undefined;
      default:
        return undefined;
    }
  }

  /** What is on the paper since the last cut, when the printer stops in the middle of a ticket. */
  tearOff(): PrintedTicket | undefined {
    if (!this.parts.length) return undefined;
    return { ...this.finish(), incomplete: true };
  }

  private finish(): PrintedTicket {
    const ticket: PrintedTicket = {
      index: ++this.count,
      image: stackRasters(this.parts, this.widthDots),
      rasters: this.rasters,
      qr: this.qr,
      lines: this.lines,
    };
    this.parts = [];
    this.rasters = [];
    this.qr = [];
    this.lines = [];
    return ticket;
  }

  /** Positions a narrower image on the paper width per the current alignment. */
  private place(r: MonoRaster): MonoRaster {
    if (r.width >= this.widthDots) return r;
    const out = emptyRaster(this.widthDots, r.height);
    const offset = this.align === 'center' ? Math.floor((this.widthDots - r.width) / 2) : this.align === 'right' ? this.widthDots - r.width : 0;
    for (let y = 0; y < r.height; y++) {
      for (let x = 0; x < r.width; x++) {
        if ((r.data[y * r.bytesPerRow + (x >> 3)]! & (0x80 >> (x & 7))) === 0) continue;
        const ox = x + offset;
        out.data[y * out.bytesPerRow + (ox >> 3)]! |= 0x80 >> (ox & 7);
      }
    }
    return out;
  }

  /**
   * A line in the printer's font as it comes out: one character per cell (monospaced), cells
   * magnified, the line placed by the alignment. The glyphs are Noto Sans drawn to the cell's
   * cap height and narrowed to fit the cell: close to a thermal printer's own font, readable.
   * Glyphs are drawn once (a line's new ones in one go) and then copied, so printing stays fast:
   * the DLE EOT reply after a ticket waits for it.
   */
  private textRaster(text: string, style: TextStyle, height: number): MonoRaster {
    const cellW = CELL[style.font].width * style.widthMag;
    const cellH = CELL[style.font].height * style.heightMag;
    const chars = Array.from(text);
    const lineWidth = chars.length * cellW;
    const left = this.align === 'center' ? Math.floor((this.widthDots - lineWidth) / 2) : this.align === 'right' ? this.widthDots - lineWidth : 0;
    const out = emptyRaster(this.widthDots, height);
    const styleKey = `${this.fontDir ?? ''}|${style.bold ? 'b' : 'r'}|${cellW}|${cellH}|${CELL[style.font].height * style.heightMag}`;
    const missing = [...new Set(chars)].filter((ch) => ch !== ' ' && !GLYPHS.has(`${styleKey}|${ch}`));
    if (missing.length) this.drawGlyphs(styleKey, style, cellW, cellH, missing);
    chars.forEach((ch, i) => {
      if (ch === ' ') return;
      const glyph = GLYPHS.get(`${styleKey}|${ch}`)!;
      for (let y = 0; y < Math.min(glyph.height, height); y++) {
        for (let x = 0; x < glyph.width; x++) {
          const ox = left + i * cellW - Math.floor(cellW / 2) + x;
          if (ox < 0 || ox >= this.widthDots || !(glyph.data[y * glyph.bytesPerRow + (x >> 3)]! & (0x80 >> (x & 7)))) continue;
          out.data[y * out.bytesPerRow + (ox >> 3)]! |= 0x80 >> (ox & 7);
        }
      }
    });
    return out;
  }

  /**
   * Draws `chars` in one style in one resvg call, each centred in a slot twice the cell's width (so
   * nothing is clipped) and a tenth taller (descenders), and caches each slot as a glyph.
   */
  private drawGlyphs(styleKey: string, style: TextStyle, cellW: number, cellH: number, chars: readonly string[]): void {
    const fontSize = (CELL_CAP_HEIGHT / NOTO_CAP_HEIGHT) * CELL[style.font].height * style.heightMag;
    const slotW = 2 * cellW;
    const slotH = Math.ceil(cellH * 1.1);
    const cols = Math.min(16, chars.length);
    const rowsOfSlots = Math.ceil(chars.length / cols);
    const texts = chars.map((ch, i) => {
      // The layout's estimate is generous for most letters, short for the widest ones.
      const natural = /[mwMW@%]/.test(ch) ? 0.95 * fontSize : estimateWidth(ch, fontSize, style.bold);
      const squeeze = Math.min(1, (0.92 * cellW) / Math.max(natural, 1));
      const x = (i % cols) * slotW + cellW;
      const y = Math.floor(i / cols) * slotH + CELL_BASELINE * cellH;
      return `<text transform="translate(${x} ${y}) scale(${squeeze.toFixed(3)} 1)" text-anchor="middle">${escapeXml(ch)}</text>`;
    });
    const width = cols * slotW;
    const svg =
      `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${rowsOfSlots * slotH}"><rect width="100%" height="100%" fill="#fff"/>` +
      `<g font-family="Noto Sans" font-size="${fontSize.toFixed(2)}" font-weight="${style.bold ? 700 : 400}" fill="#000">${texts.join('')}</g></svg>`;
    const sheet = svgToMono(svg, width, this.fontDir);
    chars.forEach((ch, i) => {
      const glyph = emptyRaster(slotW, slotH);
      const x0 = (i % cols) * slotW;
      const y0 = Math.floor(i / cols) * slotH;
      for (let y = 0; y < slotH; y++) {
        for (let x = 0; x < slotW; x++) {
          const sx = x0 + x;
          if (sheet.data[(y0 + y) * sheet.bytesPerRow + (sx >> 3)]! & (0x80 >> (sx & 7))) glyph.data[y * glyph.bytesPerRow + (x >> 3)]! |= 0x80 >> (x & 7);
        }
      }
      GLYPHS.set(`${styleKey}|${ch}`, glyph);
    });
  }

}

/** A QR as a printer draws it: `cell` dots per module, with a 4-module quiet zone. */
function qrRaster(m: QrMatrix, cell: number): MonoRaster {
  const quiet = 4 * cell;
  const side = m.size * cell + 2 * quiet;
  const out = emptyRaster(side, side);
  for (let row = 0; row < m.size; row++) {
    for (let col = 0; col < m.size; col++) {
      if (!m.dark[row * m.size + col]) continue;
      for (let dy = 0; dy < cell; dy++) {
        for (let dx = 0; dx < cell; dx++) {
          const x = quiet + col * cell + dx;
          const y = quiet + row * cell + dy;
          out.data[y * out.bytesPerRow + (x >> 3)]! |= 0x80 >> (x & 7);
        }
      }
    }
  }
  return out;
}

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
  private readonly glyphs = new Map<string, MonoRaster>();

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
   * Each glyph is drawn once and then copied, so printing stays fast (status replies wait for it).
   */
  private textRaster(text: string, style: TextStyle, height: number): MonoRaster {
    const cellW = CELL[style.font].width * style.widthMag;
    const cellH = CELL[style.font].height * style.heightMag;
    const chars = Array.from(text);
    const lineWidth = chars.length * cellW;
    const left = this.align === 'center' ? Math.floor((this.widthDots - lineWidth) / 2) : this.align === 'right' ? this.widthDots - lineWidth : 0;
    const out = emptyRaster(this.widthDots, height);
    chars.forEach((ch, i) => {
      if (ch === ' ') return;
      const glyph = this.glyph(ch, style, cellW, cellH);
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

  private glyph(ch: string, style: TextStyle, cellW: number, cellH: number): MonoRaster {
    const key = `${ch}|${style.bold ? 'b' : 'r'}|${cellW}|${cellH}|${style.font}|${style.heightMag}`;
    const known = this.glyphs.get(key);
    if (known) return known;
    const fontSize = (CELL_CAP_HEIGHT / NOTO_CAP_HEIGHT) * CELL[style.font].height * style.heightMag;
    // The layout's estimate is generous for most letters, short for the widest ones.
    const natural = /[mwMW@%]/.test(ch) ? 0.95 * fontSize : estimateWidth(ch, fontSize, style.bold);
    const squeeze = Math.min(1, (0.92 * cellW) / natural);
    // A tenth taller than the cell so descenders are not clipped (the line keeps what fits its height).
    const h = Math.ceil(cellH * 1.1);
    const svg =
      `<svg xmlns="http://www.w3.org/2000/svg" width="${2 * cellW}" height="${h}"><rect width="100%" height="100%" fill="#fff"/>` +
      `<text transform="translate(${cellW} ${CELL_BASELINE * cellH}) scale(${squeeze.toFixed(3)} 1)" text-anchor="middle" ` +
      `font-family="Noto Sans" font-size="${fontSize.toFixed(2)}" font-weight="${style.bold ? 700 : 400}" fill="#000">${escapeXml(ch)}</text></svg>`;
    const glyph = svgToMono(svg, 2 * cellW, this.fontDir); // the cell centred in a canvas twice as wide: nothing clipped
    this.glyphs.set(key, glyph);
    return glyph;
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

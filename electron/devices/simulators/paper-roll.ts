// The simulated printer's paper: decoded ESC/POS events laid out top to bottom until a cut,
// then one ticket image (what a person would see on the real roll).
import { qrMatrix, type QrMatrix } from '../../../shared/ticket/qr-matrix.ts';
import { escapeXml } from '../../../shared/ticket/svg-text.ts';
import { emptyRaster, stackRasters, type MonoRaster } from '../mono-raster.ts';
import { svgToMono } from '../ticket-raster.ts';
import type { EscPosEvent } from './escpos-decoder.ts';

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

const FEED_DOTS = 12;

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
      case 'line':
        this.lines.push(ev.text);
        this.parts.push(ev.text.trim() ? this.place(this.textRaster(ev.text)) : emptyRaster(this.widthDots, FEED_DOTS));
        return undefined;
      case 'feed':
        if (this.parts.length) this.parts.push(emptyRaster(this.widthDots, FEED_DOTS * Math.min(ev.lines, 4)));
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

  private textRaster(text: string): MonoRaster {
    const svg =
      `<svg xmlns="http://www.w3.org/2000/svg" width="${this.widthDots}" height="30"><rect width="100%" height="100%" fill="#fff"/>` +
      `<text x="${this.widthDots / 2}" y="22" font-family="Noto Sans" font-size="18" text-anchor="middle">${escapeXml(text)}</text></svg>`;
    return svgToMono(svg, this.widthDots, this.fontDir);
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

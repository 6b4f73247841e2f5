// The ticket: one SVG layout for the kiosk's on-screen preview and for the thermal paper
// (rasterised in electron/devices). Arabic first, English second. Pure: no Node, no DOM.
import type { TicketPrintJob } from '../protocol/device-bridge.ts';
import { LABEL, PRIORITY_LABEL, waitText, type BiText } from './ticket-labels.ts';
import { ticketDateTime } from './ticket-time.ts';
import { escapeXml, fitFontSize, isArabic, wrapText } from './svg-text.ts';
import { qrMatrix, qrSvgPath } from './qr-matrix.ts';

/** 58 mm paper prints 384 dots, 80 mm paper 576 dots (203 dpi heads). */
export type TicketWidthDots = 384 | 576;

export interface TicketLayoutOptions {
  widthDots: TicketWidthDots;
  /**
   * `inline` draws the QR into the layout (screen preview, printers without native QR);
   * `none` leaves it out because the printer adds a native QR under the image.
   */
  qr?: 'inline' | 'none';
  /**
   * The printer's own monospaced fonts (ESC/POS font A, B…). Given, the Latin lines they can
   * print (ASCII, black on white, a size they match with an integer magnification) are left out
   * of the SVG and returned as `cellLines` for the printer to print as text: far fewer bytes than
   * raster. Absent (the screen, printers without fonts): everything is drawn.
   */
  cellFonts?: readonly CellFont[];
}

/** A printer font: every character a `width` × `height` dot cell, magnifiable 1–8 times each way. */
export interface CellFont {
  id: string;
  width: number;
  height: number;
}

/** One line the printer prints in its own font, centred; `top` is the top of its cells, in dots. */
export interface CellLine {
  text: string;
  font: CellFont;
  top: number;
  /** Rows the line takes: the cell height × heightMag. */
  height: number;
  widthMag: number;
  heightMag: number;
  bold: boolean;
}

export interface TicketLayout {
  svg: string;
  width: number;
  height: number;
  cellLines: CellLine[];
}

/** Share of the cell height that capitals take in a printer font (and in the simulator's rendering of it). */
export const CELL_CAP_HEIGHT = 0.68;
/** Where the baseline sits in a cell, as a share of its height from the top. */
export const CELL_BASELINE = 0.78;
const NOTO_CAP_HEIGHT = 0.714;
/** Characters a printer prints from its code page 437: printable ASCII and the middle dot of the date. */
const CELL_CHARS = /^[\x20-\x7e\u00b7]+$/;

export const FONT_AR = "'Noto Sans Arabic', 'Noto Sans'";
export const FONT_LATIN = "'Noto Sans', 'Noto Sans Arabic'";

interface TextStyle {
  size: number;
  bold?: boolean;
  fill?: string;
}

/** Builds the SVG top-down; `y` is the top of the next free line. */
class Column {
  readonly parts: string[] = [];
  readonly cellLines: CellLine[] = [];
  readonly cellFonts: readonly CellFont[];
  y: number;
  readonly width: number;
  readonly margin: number;

  constructor(width: number, margin: number, cellFonts: readonly CellFont[] = []) {
    this.width = width;
    this.margin = margin;
    this.y = margin;
    this.cellFonts = cellFonts;
  }

  get inner(): number {
    return this.width - 2 * this.margin;
  }

  /** One centred line; Arabic lines are laid out right-to-left. */
  line(text: string, style: TextStyle): void {
    const rtl = isArabic(text);
    const lineHeight = style.size * (rtl ? 1.5 : 1.3);
    const baseline = this.y + style.size * (rtl ? 1.1 : 1.0);
    const cell = rtl || (style.fill && style.fill !== '#000') ? undefined : this.cellLine(text, style, baseline, lineHeight);
    if (cell) {
      this.cellLines.push(cell);
      this.y += lineHeight;
      return;
    }
    this.parts.push(
      `<text x="${this.width / 2}" y="${round(baseline)}" font-family="${rtl ? FONT_AR : FONT_LATIN}" ` +
        `font-size="${round(style.size)}" font-weight="${style.bold ? 700 : 400}" text-anchor="middle" ` +
        `direction="${rtl ? 'rtl' : 'ltr'}" xml:lang="${rtl ? 'ar' : 'en'}" fill="${style.fill ?? '#000'}">${escapeXml(text)}</text>`,
    );
    this.y += lineHeight;
  }

  /**
   * The printer font and magnification whose capitals come closest to the text's (within 25 %),
   * placed so its baseline is the SVG line's and its cells stay inside the line; or undefined.
   */
  private cellLine(text: string, style: TextStyle, baseline: number, lineHeight: number): CellLine | undefined {
    if (!this.cellFonts.length || !CELL_CHARS.test(text)) return undefined;
    const cap = NOTO_CAP_HEIGHT * style.size;
    let best: CellLine | undefined;
    let bestError = 0.25;
    for (const font of this.cellFonts) {
      for (let heightMag = 1; heightMag <= 8; heightMag++) {
        const error = Math.abs(CELL_CAP_HEIGHT * font.height * heightMag - cap) / cap;
        if (error >= bestError) continue;
        // As wide as the same magnification allows, narrower if the line would not fit.
        let widthMag = heightMag;
        while (widthMag > 1 && text.length * font.width * widthMag > this.inner) widthMag--;
        if (text.length * font.width * widthMag > this.inner) continue;
        const height = font.height * heightMag;
        const top = Math.round(baseline - CELL_BASELINE * height);
        if (top < this.y || top + height > this.y + lineHeight) continue;
        best = { text, font, top, height, widthMag, heightMag, bold: !!style.bold };
        bestError = error;
      }
    }
    return best;
  }

  /** Word-wrapped paragraph, at most `maxLines` lines. */
  paragraph(text: string, style: TextStyle, maxLines: number): void {
    for (const l of wrapText(text, style.size, this.inner, maxLines, style.bold)) this.line(l, style);
  }

  gap(h: number): void {
    this.y += h;
  }

  rule(thickness: number): void {
    this.parts.push(`<rect x="${this.margin}" y="${round(this.y)}" width="${this.inner}" height="${round(thickness)}" fill="#000"/>`);
    this.y += thickness;
  }
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}

function bilingual(col: Column, text: BiText, arStyle: TextStyle, enStyle: TextStyle, maxLines = 2): void {
  col.paragraph(text.ar, arStyle, maxLines);
  col.paragraph(text.en, enStyle, maxLines);
}

export function renderTicketSvg(job: TicketPrintJob, options: TicketLayoutOptions): string {
  return layoutTicket(job, options).svg;
}

/** The ticket's SVG and, with `cellFonts`, the lines left for the printer's own fonts. */
export function layoutTicket(job: TicketPrintJob, options: TicketLayoutOptions): TicketLayout {
  const width = options.widthDots;
  const s = width / 576;
  // Below ~14 dots (1.75 mm at 203 dpi) thermal text stops being readable on 58 mm paper.
  const px = (size: number) => Math.max(14, size * s);
  const col = new Column(width, Math.round(20 * s), options.cellFonts);
  const digits = job.digits ?? 'latn';

  bilingual(col, job.branch, { size: px(30), bold: true }, { size: px(22) });
  col.gap(8 * s);
  col.rule(3 * s);
  col.gap(6 * s);

  // The number is printed as the hall screen shows and speaks it (`A-042`), in Latin letters.
  const numberSize = fitFontSize(job.number, 150 * s, 60 * s, col.inner, true);
  col.line(job.number, { size: numberSize, bold: true });
  col.gap(2 * s);

  bilingual(col, job.service, { size: px(36), bold: true }, { size: px(26) }, 3);
  col.gap(10 * s);

  if (job.priority !== 'none') priorityBand(col, PRIORITY_LABEL[job.priority], s);

  if (job.noCounterOpen) {
    col.line(LABEL.noCounterOpen.ar, { size: px(26), bold: true });
    col.line(LABEL.noCounterOpen.en, { size: px(22) });
  } else if (job.expectedWait) {
    const wait = waitText(job.expectedWait.minMinutes, job.expectedWait.maxMinutes, digits);
    col.line(`${LABEL.expectedWait.ar}: ${wait.ar}`, { size: px(26), bold: true });
    col.line(`${LABEL.expectedWait.en}: ${wait.en}`, { size: px(22) });
  }
  col.line(ticketDateTime(job.issuedAt, job.timeZone, digits), { size: px(24) });

  const inlineQr = (options.qr ?? 'inline') === 'inline';
  if (inlineQr) {
    col.gap(10 * s);
    const matrix = qrMatrix(job.trackingUrl);
    const cell = Math.max(3, Math.floor((width >= 576 ? 220 : 150) / matrix.size));
    const x = Math.round((width - matrix.size * cell) / 2);
    col.parts.push(qrSvgPath(matrix, x, Math.round(col.y), cell));
    col.gap(matrix.size * cell + 8 * s);
    bilingual(col, LABEL.scan, { size: px(22) }, { size: px(18) }, 1);
  }

  col.gap(8 * s);
  col.rule(2 * s);
  col.gap(6 * s);
  bilingual(col, LABEL.footer, { size: px(20) }, { size: px(17) }, 2);
  // With a native QR the printer adds it right under the image: the caption leads into it.
  if (!inlineQr) {
    col.gap(6 * s);
    bilingual(col, LABEL.scan, { size: px(22), bold: true }, { size: px(18) }, 1);
  }
  col.gap(col.margin);

  const height = Math.ceil(col.y);
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">` +
    `<rect width="${width}" height="${height}" fill="#fff"/>${col.parts.join('')}</svg>`;
  return { svg, width, height, cellLines: col.cellLines };
}

/** A black band with the priority in white: seen at a glance by the clerk and the citizen. */
function priorityBand(col: Column, label: BiText, s: number): void {
  const top = col.y;
  const ar = `${LABEL.priority.ar}: ${label.ar}`;
  const en = `${LABEL.priority.en}: ${label.en}`;
  const arSize = 28 * s;
  const enSize = 22 * s;
  const height = arSize * 1.5 + enSize * 1.3 + 12 * s;
  col.parts.push(
    `<rect x="${col.margin}" y="${round(top)}" width="${col.inner}" height="${round(height)}" rx="${round(10 * s)}" fill="#000"/>`,
  );
  col.gap(6 * s);
  col.line(ar, { size: arSize, bold: true, fill: '#fff' });
  col.line(en, { size: enSize, bold: true, fill: '#fff' });
  col.y = top + height + 10 * s;
}

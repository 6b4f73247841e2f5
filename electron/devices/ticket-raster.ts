// Ticket SVG (shared/ticket) → 1-bit raster for the thermal head, with the shipped Noto fonts so
// Arabic is shaped by resvg (rustybuzz) and never depends on the machine's fonts.
import { Resvg } from '@resvg/resvg-js';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TicketPrintJob } from '../../shared/protocol/device-bridge.ts';
import { renderTicketSvg, type TicketLayoutOptions } from '../../shared/ticket/ticket-svg.ts';
import { rgbaToMono, type MonoRaster } from './mono-raster.ts';

const FONT_FILES = ['NotoSansArabic-Regular.ttf', 'NotoSansArabic-Bold.ttf', 'NotoSans-Regular.ttf', 'NotoSans-Bold.ttf'];

/** `resources/fonts` of the source tree; a packaged app passes its own (process.resourcesPath). */
export const DEFAULT_FONT_DIR = fileURLToPath(new URL('../../resources/fonts/', import.meta.url));

export interface RasterOptions extends TicketLayoutOptions {
  fontDir?: string;
}

export function fontFiles(fontDir = DEFAULT_FONT_DIR): string[] {
  const files = FONT_FILES.map((f) => join(fontDir, f));
  const missing = files.filter((f) => !existsSync(f));
  if (missing.length) throw new Error(`ticket fonts missing: ${missing.join(', ')}`);
  return files;
}

export function svgToMono(svg: string, widthDots: number, fontDir?: string): MonoRaster {
  const resvg = new Resvg(svg, {
    font: { loadSystemFonts: false, fontFiles: fontFiles(fontDir), defaultFontFamily: 'Noto Sans Arabic', sansSerifFamily: 'Noto Sans' },
    fitTo: { mode: 'width', value: widthDots },
    background: '#ffffff',
    shapeRendering: 1, // crispEdges: the QR and rules land on whole dots
    textRendering: 2,
    logLevel: 'off',
  });
  const image = resvg.render();
  return rgbaToMono(image.pixels, image.width, image.height);
}

export function renderTicketRaster(job: TicketPrintJob, options: RasterOptions): MonoRaster {
  return svgToMono(renderTicketSvg(job, options), options.widthDots, options.fontDir);
}

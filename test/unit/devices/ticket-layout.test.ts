import { describe, expect, it } from 'vitest';
import { layoutTicket, renderTicketSvg } from '../../../shared/ticket/ticket-svg.ts';
import { ticketDateTime } from '../../../shared/ticket/ticket-time.ts';
import { wrapText } from '../../../shared/ticket/svg-text.ts';
import { renderTicketRaster } from '../../../electron/devices/ticket-raster.ts';
import { sampleJob } from '../../support/ticket-fixtures.ts';
import { blackDots, decodeQr, sameRaster } from '../../support/raster-decode.ts';

describe('ticket layout (SVG)', () => {
  it('shows the number, the service in Arabic and English and the branch', () => {
    const svg = renderTicketSvg(sampleJob(), { widthDots: 576 });
    expect(svg).toContain('>A-042<');
    expect(svg).toContain('إصدار رخصة بناء');
    expect(svg).toContain('Building permit issue');
    expect(svg).toContain('Homs Citizen Service Hall');
  });

  it('lays Arabic lines out right-to-left and English ones left-to-right', () => {
    const svg = renderTicketSvg(sampleJob(), { widthDots: 576 });
    expect(svg).toMatch(/direction="rtl"[^>]*>إصدار رخصة بناء</);
    expect(svg).toMatch(/direction="ltr"[^>]*>Building permit issue</);
  });

  it('puts Arabic before English', () => {
    const svg = renderTicketSvg(sampleJob(), { widthDots: 576 });
    expect(svg.indexOf('إصدار رخصة بناء')).toBeLessThan(svg.indexOf('Building permit issue'));
  });

  it('gives the expected wait as a range in words in both languages', () => {
    const svg = renderTicketSvg(sampleJob({ expectedWait: { minMinutes: 10, maxMinutes: 15 } }), { widthDots: 576 });
    expect(svg).toContain('من 10 إلى 15 دقيقة');
    expect(svg).toContain('10 to 15 min');
  });

  it('leaves the wait out when none is known', () => {
    const svg = renderTicketSvg(sampleJob({ expectedWait: undefined }), { widthDots: 576 });
    expect(svg).not.toContain('Expected wait');
  });

  it('marks a priority ticket and only a priority ticket', () => {
    expect(renderTicketSvg(sampleJob({ priority: 'elderly' }), { widthDots: 576 })).toContain('Priority: Elderly');
    expect(renderTicketSvg(sampleJob({ priority: 'elderly' }), { widthDots: 576 })).toContain('أولوية: كبار السن');
    expect(renderTicketSvg(sampleJob({ priority: 'none' }), { widthDots: 576 })).not.toContain('Priority');
  });

  it('prints the issue time in the branch time zone, not the machine one', () => {
    expect(ticketDateTime('2025-03-12T21:05:00Z', 'Asia/Riyadh', 'latn')).toBe('13/03/2025 · 00:05');
    expect(ticketDateTime('2025-03-12T21:05:00Z', 'Europe/London', 'latn')).toBe('12/03/2025 · 21:05');
  });

  it('uses Arabic-Indic digits when the branch asks for them', () => {
    expect(ticketDateTime('2025-03-12T21:05:00Z', 'Asia/Riyadh', 'arab')).toBe('١٣/٠٣/٢٠٢٥، ٠٠:٠٥');
    expect(renderTicketSvg(sampleJob({ digits: 'arab' }), { widthDots: 576 })).toContain('من ١٠ إلى ١٥ دقيقة');
  });

  it('still prints a ticket when the time zone name is unknown', () => {
    expect(ticketDateTime('2025-03-12T21:05:00Z', 'Not/AZone', 'latn')).toBe('12/03/2025 · 21:05');
  });

  it('escapes markup in names', () => {
    const svg = renderTicketSvg(sampleJob({ service: { ar: 'خدمة <أ> & "ب"', en: 'A <b> & "c"' } }), { widthDots: 576 });
    expect(svg).not.toContain('<b>');
    expect(svg).toContain('A &#60;b&#62; &#38; &#34;c&#34;');
  });

  it('wraps a long service name and ends an overlong one with an ellipsis', () => {
    const lines = wrapText('Certification of real-estate contracts, powers of attorney and transfer of ownership registration', 26, 300, 2);
    expect(lines).toHaveLength(2);
    expect(lines[1]!.endsWith('…')).toBe(true);
  });

  it('leaves the Latin lines to the printer fonts when it has them, and draws them all for the screen', () => {
    const fonts = [{ id: 'A', width: 12, height: 24 }, { id: 'B', width: 9, height: 17 }];
    const printed = layoutTicket(sampleJob(), { widthDots: 576, qr: 'none', cellFonts: fonts });
    expect(printed.cellLines.map((l) => l.text)).toEqual(expect.arrayContaining(['A-042', 'Building permit issue', '12/03/2025 · 09:41']));
    expect(printed.svg).not.toContain('>A-042<');
    expect(printed.svg).toContain('إصدار رخصة بناء'); // Arabic stays in the image
    for (const l of printed.cellLines) expect(l.text.length * l.font.width * l.widthMag).toBeLessThanOrEqual(576);
    expect(renderTicketSvg(sampleJob(), { widthDots: 576 })).toContain('>A-042<');
    // Arabic-Indic digits are not in the printer's code page: the time stays in the image.
    expect(layoutTicket(sampleJob({ digits: 'arab' }), { widthDots: 576, qr: 'none', cellFonts: fonts }).cellLines.map((l) => l.text)).not.toContain('١٢/٠٣/٢٠٢٥، ٠٩:٤١');
  });

  it('is as wide as the paper: 384 dots for 58 mm, 576 for 80 mm', () => {
    expect(renderTicketSvg(sampleJob(), { widthDots: 384 })).toMatch(/^<svg [^>]*width="384"/);
    expect(renderTicketSvg(sampleJob(), { widthDots: 576 })).toMatch(/^<svg [^>]*width="576"/);
  });
});

describe('ticket raster', () => {
  it.each([384, 576] as const)('draws a QR that decodes to the tracking URL at %i dots', (widthDots) => {
    const raster = renderTicketRaster(sampleJob(), { widthDots, qr: 'inline' });
    expect(raster.width).toBe(widthDots);
    expect(decodeQr(raster)).toBe('https://dawr.example/t/K7Q2XW');
  });

  it('leaves the QR out when the printer draws a native one', () => {
    expect(decodeQr(renderTicketRaster(sampleJob(), { widthDots: 576, qr: 'none' }))).toBeUndefined();
  });

  it('renders the same job to the same dots, and a different number to different dots', () => {
    const a = renderTicketRaster(sampleJob(), { widthDots: 576, qr: 'none' });
    const b = renderTicketRaster(sampleJob(), { widthDots: 576, qr: 'none' });
    const c = renderTicketRaster(sampleJob({ number: 'A-043' }), { widthDots: 576, qr: 'none' });
    expect(sameRaster(a, b)).toBe(true);
    expect(sameRaster(a, c)).toBe(false);
  });

  it('shapes Arabic: joined letters ink differently from the same letters unjoined', () => {
    // With shaping, "بناء" uses initial/medial forms; spaced-out letters use isolated forms.
    const joined = renderTicketRaster(sampleJob({ service: { ar: 'بببب', en: 'x' } }), { widthDots: 576, qr: 'none' });
    const isolated = renderTicketRaster(sampleJob({ service: { ar: 'ب ب ب ب', en: 'x' } }), { widthDots: 576, qr: 'none' });
    expect(blackDots(joined)).not.toBe(blackDots(isolated));
    expect(blackDots(joined)).toBeGreaterThan(0);
  });
});

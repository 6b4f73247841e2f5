import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { EscPosDecoder, type EscPosEvent } from '../../../electron/devices/simulators/escpos-decoder.ts';
import { PaperRoll } from '../../../electron/devices/simulators/paper-roll.ts';
import { ticketBytes } from '../../../electron/devices/printer/ticket-bytes.ts';
import { rasterCommands } from '../../../electron/devices/printer/raster-command.ts';
import { renderTicketRaster, svgToMono } from '../../../electron/devices/ticket-raster.ts';
import type { MonoRaster } from '../../../electron/devices/mono-raster.ts';
import { FONT_A, FONT_B } from '../../../electron/devices/printer/ticket-bytes.ts';
import { layoutTicket } from '../../../shared/ticket/ticket-svg.ts';
import { sampleJob } from '../../support/ticket-fixtures.ts';
import { decodeQr } from '../../support/raster-decode.ts';

function decodeAll(bytes: Uint8Array, chunk = bytes.length): EscPosEvent[] {
  const d = new EscPosDecoder();
  const out: EscPosEvent[] = [];
  for (let i = 0; i < bytes.length; i += chunk) out.push(...d.push(bytes.subarray(i, i + chunk)));
  return out;
}

function printOnPaper(bytes: Uint8Array, widthDots: number) {
  const roll = new PaperRoll(widthDots);
  return decodeAll(bytes).map((e) => roll.apply(e)).find(Boolean)!;
}

function rows(r: MonoRaster, from: number, to: number): Buffer {
  return Buffer.from(r.data.subarray(from * r.bytesPerRow, to * r.bytesPerRow));
}

describe('ESC/POS ticket bytes decoded back (printer with fonts and native QR)', () => {
  const job = sampleJob();
  const bytes = ticketBytes(job, { widthDots: 576 });
  const events = decodeAll(bytes);
  const layout = layoutTicket(job, { widthDots: 576, qr: 'none', cellFonts: [FONT_A, FONT_B] });

  it('print the Latin lines (number first among them) in the printer fonts, the number magnified', () => {
    const lines = events.flatMap((e) => (e.kind === 'line' && e.text ? [e] : []));
    expect(lines.map((l) => l.text)).toEqual([...layout.cellLines.map((l) => l.text), job.trackingUrl]);
    expect(lines.map((l) => l.text)).toContain('A-042');
    expect(lines.find((l) => l.text === 'A-042')!.style).toMatchObject({ font: 'A', bold: true, heightMag: 7 });
    expect(lines.map((l) => l.text)).toContain('Homs Citizen Service Hall');
  });

  it('carry every other dot of the layout (Arabic, rules) unchanged, at its place on the paper', () => {
    const raster = renderTicketRaster(job, { widthDots: 576, qr: 'none' });
    expect(raster.height).toBe(layout.height);
    const paper = printOnPaper(bytes, 576).image;
    const expected = svgToMono(layout.svg, 576);
    let y = 0;
    for (const line of layout.cellLines) {
      expect(rows(paper, y, line.top).equals(rows(expected, y, line.top))).toBe(true);
      y = line.top + line.height;
    }
    expect(rows(paper, y, expected.height).equals(rows(expected, y, expected.height))).toBe(true);
  });

  it('carry a native QR with the tracking URL, then a cut', () => {
    expect(events.filter((e) => e.kind === 'qr').map((e) => (e.kind === 'qr' ? e.data : ''))).toEqual([job.trackingUrl]);
    const qrAt = events.findIndex((e) => e.kind === 'qr');
    expect(events.findIndex((e) => e.kind === 'cut')).toBeGreaterThan(qrAt);
  });

  it('decode the same whether they arrive at once or byte by byte', () => {
    const kinds = (evs: EscPosEvent[]) => evs.map((e) => e.kind).join(',');
    expect(kinds(decodeAll(bytes, 1))).toBe(kinds(events));
    expect(kinds(decodeAll(bytes, 997))).toBe(kinds(events));
  });

  it('lay out on the simulated paper with a QR that a phone can read', () => {
    expect(decodeQr(printOnPaper(bytes, 576).image)).toBe(job.trackingUrl);
  });
});

describe('ESC/POS ticket bytes for a printer with raster only', () => {
  it.each([384, 576] as const)('put exactly the dots of the layout on paper at %i dots, QR included', (widthDots) => {
    const job = sampleJob({ priority: 'elderly' });
    const bytes = ticketBytes(job, { widthDots, nativeQr: false, fonts: false });
    const events = decodeAll(bytes);
    expect(events.some((e) => e.kind === 'qr')).toBe(false);
    expect(events.some((e) => e.kind === 'line' && e.text)).toBe(false);
    const expected = renderTicketRaster(job, { widthDots, qr: 'inline' });
    const paper = printOnPaper(bytes, widthDots).image;
    expect(rows(paper, 0, expected.height).equals(rows(expected, 0, expected.height))).toBe(true);
    expect(decodeQr(paper)).toBe(job.trackingUrl);
  });
});

describe('bytes per ticket (brief §9: at most 12 KB)', () => {
  const KB12 = 12 * 1024;
  it.each([
    [384, 'ar', 'none'],
    [384, 'en', 'elderly'],
    [576, 'ar', 'none'],
    [576, 'en', 'none'],
    [576, 'ar', 'elderly'],
    [576, 'en', 'elderly'],
  ] as const)('%i dots, %s ticket, priority %s: ≤ 12 KB, < 3 s at 38,400 baud, with fonts and native QR', (widthDots, lang, priority) => {
    const job = sampleJob({ lang, priority });
    const compact = ticketBytes(job, { widthDots });
    expect(compact.length).toBeLessThanOrEqual(KB12);
    expect((compact.length * 10) / 38_400).toBeLessThan(3); // 8N1: 10 bits a byte
    expect(compact.length).toBeLessThan(ticketBytes(job, { widthDots, nativeQr: false, fonts: false }).length / 2);
  });
});

describe('ESC/POS decoder robustness', () => {
  it('splits a tall image into bands a printer accepts', () => {
    const raster = renderTicketRaster(sampleJob(), { widthDots: 384, qr: 'inline' });
    const bands = decodeAll(rasterCommands(raster, 100)).filter((e) => e.kind === 'raster');
    expect(bands).toHaveLength(Math.ceil(raster.height / 100));
  });

  it('refuses a raster header that declares an absurd size instead of waiting for gigabytes', () => {
    const events = decodeAll(Buffer.from([0x1d, 0x76, 0x30, 0x00, 0xff, 0xff, 0xff, 0xff, 0x41, 0x0a]));
    expect(events[0]).toMatchObject({ kind: 'error' });
    expect(events).toContainEqual(expect.objectContaining({ kind: 'line', text: 'A' }));
  });

  it('answers DLE EOT found between other commands', () => {
    const events = decodeAll(Buffer.from([0x1b, 0x40, 0x10, 0x04, 0x02, 0x41, 0x0a]));
    expect(events).toMatchObject([{ kind: 'init' }, { kind: 'status', n: 2 }, { kind: 'line', text: 'A' }]);
  });

  it('survives random bytes in random chunks without throwing', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 300 }), { maxLength: 20 }), (chunks) => {
        const d = new EscPosDecoder({ maxPayloadBytes: 64 * 1024 });
        const roll = new PaperRoll(384);
        for (const c of chunks) for (const e of d.push(c)) roll.apply(e);
        expect(d.pendingBytes).toBeLessThanOrEqual(64 * 1024 + 300 * 20);
      }),
      { numRuns: 300 },
    );
  });

  it('survives random command-like sequences (ESC/GS/DLE followed by random arguments)', () => {
    const prefix = fc.constantFrom([0x1b], [0x1d], [0x10, 0x04], [0x1d, 0x28, 0x6b], [0x1d, 0x76, 0x30], [0x1d, 0x6b]);
    fc.assert(
      fc.property(fc.array(fc.tuple(prefix, fc.uint8Array({ maxLength: 12 })), { maxLength: 40 }), (parts) => {
        const d = new EscPosDecoder({ maxPayloadBytes: 64 * 1024 });
        const roll = new PaperRoll(384);
        for (const [p, rest] of parts) for (const e of d.push(Uint8Array.from([...p, ...rest]))) roll.apply(e);
      }),
      { numRuns: 300 },
    );
  });
});

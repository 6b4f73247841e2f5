import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { EscPosDecoder, type EscPosEvent } from '../../../electron/devices/simulators/escpos-decoder.ts';
import { PaperRoll } from '../../../electron/devices/simulators/paper-roll.ts';
import { ticketBytes } from '../../../electron/devices/printer/ticket-bytes.ts';
import { rasterCommands } from '../../../electron/devices/printer/raster-command.ts';
import { renderTicketRaster } from '../../../electron/devices/ticket-raster.ts';
import { stackRasters } from '../../../electron/devices/mono-raster.ts';
import { sampleJob } from '../../support/ticket-fixtures.ts';
import { decodeQr, sameRaster } from '../../support/raster-decode.ts';

function decodeAll(bytes: Uint8Array, chunk = bytes.length): EscPosEvent[] {
  const d = new EscPosDecoder();
  const out: EscPosEvent[] = [];
  for (let i = 0; i < bytes.length; i += chunk) out.push(...d.push(bytes.subarray(i, i + chunk)));
  return out;
}

describe('ESC/POS ticket bytes decoded back', () => {
  const job = sampleJob();
  const bytes = ticketBytes(job, { widthDots: 576 });
  const events = decodeAll(bytes);

  it('carry the layout image unchanged (number, service, branch are in it)', () => {
    const rasters = events.flatMap((e) => (e.kind === 'raster' ? [e.raster] : []));
    expect(rasters.length).toBeGreaterThan(1); // sent in bands
    const expected = renderTicketRaster(job, { widthDots: 576, qr: 'none' });
    expect(sameRaster(stackRasters(rasters, 576), expected)).toBe(true);
    const otherNumber = renderTicketRaster({ ...job, number: 'B-001' }, { widthDots: 576, qr: 'none' });
    expect(sameRaster(stackRasters(rasters, 576), otherNumber)).toBe(false);
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
    const roll = new PaperRoll(576);
    const ticket = events.map((e) => roll.apply(e)).find(Boolean);
    expect(ticket).toBeDefined();
    expect(decodeQr(ticket!.image)).toBe(job.trackingUrl);
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
    expect(events).toContainEqual({ kind: 'line', text: 'A' });
  });

  it('answers DLE EOT found between other commands', () => {
    const events = decodeAll(Buffer.from([0x1b, 0x40, 0x10, 0x04, 0x02, 0x41, 0x0a]));
    expect(events).toEqual([{ kind: 'init' }, { kind: 'status', n: 2 }, { kind: 'line', text: 'A' }]);
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

import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { PrinterState } from '../../../shared/protocol/device-bridge.ts';
import { canPrint, isStatusByte, printerStateFrom, statusBytesFor, statusRequest } from '../../../electron/devices/printer/escpos-status.ts';

const clear = { printer: 0x12, offlineCause: 0x12, paperSensor: 0x12 };

describe('DLE EOT status', () => {
  it('asks with 10 04 n', () => {
    expect([...statusRequest(1)]).toEqual([0x10, 0x04, 0x01]);
    expect([...statusRequest(4)]).toEqual([0x10, 0x04, 0x04]);
  });

  it('reads 0x12 everywhere as ready', () => {
    expect(printerStateFrom(clear)).toBe('ready');
  });

  it.each([
    [{ ...clear, printer: 0x1a }, 'offline'],
    [{ ...clear, printer: 0x1a, offlineCause: 0x16 }, 'cover_open'],
    [{ ...clear, printer: 0x1a, offlineCause: 0x32 }, 'paper_out'],
    [{ ...clear, printer: 0x1a, offlineCause: 0x52 }, 'error'],
    [{ ...clear, paperSensor: 0x1e }, 'paper_near_end'],
    [{ ...clear, paperSensor: 0x72 }, 'paper_out'],
    [{ ...clear, paperSensor: 0x7e }, 'paper_out'],
  ] as const)('reads %o as %s', (bytes, state) => {
    expect(printerStateFrom(bytes)).toBe(state);
  });

  it('accepts only bytes of the form 0xx1xx10 as replies', () => {
    expect(isStatusByte(0x12)).toBe(true);
    expect(isStatusByte(0x7e)).toBe(true);
    expect(isStatusByte(0x00)).toBe(false);
    expect(isStatusByte(0xff)).toBe(false);
    expect(isStatusByte(0x13)).toBe(false);
  });

  it('round-trips every state through the bytes a printer would answer', () => {
    for (const state of PrinterState.options.filter((s) => s !== 'absent')) {
      const bytes = statusBytesFor(state);
      expect([bytes.printer, bytes.offlineCause, bytes.paperSensor].every(isStatusByte)).toBe(true);
      expect(printerStateFrom(bytes)).toBe(state);
    }
  });

  it('prints only when ready or near the end of the roll', () => {
    expect(PrinterState.options.filter(canPrint)).toEqual(['ready', 'paper_near_end']);
  });

  it('maps any valid status bytes to some state without throwing', () => {
    const statusByte = fc.integer({ min: 0, max: 255 }).map((b) => (b & ~0x93) | 0x12);
    fc.assert(
      fc.property(statusByte, statusByte, statusByte, (printer, offlineCause, paperSensor) => {
        expect(PrinterState.options).toContain(printerStateFrom({ printer, offlineCause, paperSensor }));
      }),
    );
  });
});

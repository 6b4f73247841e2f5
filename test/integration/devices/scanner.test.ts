import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BarcodeScanner } from '../../../electron/devices/scanner/barcode-scanner.ts';
import { SerialLink } from '../../../electron/devices/serial/serial-link.ts';
import { startScannerSimulator, type ScannerSimulator } from '../../../electron/devices/simulators/scanner-simulator.ts';
import type { ScanResult } from '../../../shared/protocol/device-bridge.ts';
import { socatSkipReason, testPty, type TestPty } from '../../support/pty.ts';
import { collect, nextEvent } from '../../support/events.ts';

describe.skipIf(!!socatSkipReason)('QR / barcode scanner over a serial pseudo-terminal', () => {
  let pty: TestPty;
  let link: SerialLink;
  let scanner: BarcodeScanner;
  let sim: ScannerSimulator;

  beforeEach(async () => {
    pty = await testPty('ttySCAN');
    link = await SerialLink.open({ path: pty.devicePath, baudRate: 9600 });
    scanner = new BarcodeScanner(link);
    sim = await startScannerSimulator(pty.simulatorPath);
  });

  afterEach(async () => {
    scanner.detach();
    await sim.close();
    await link.close();
    await pty.dispose();
  });

  const next = () => nextEvent<ScanResult>((l) => scanner.onScan(l));

  it('delivers a CR-terminated appointment code', async () => {
    const scan = next();
    await sim.scan('APPT-2025-03-12-K7Q2XW');
    expect(await scan).toEqual({ code: 'APPT-2025-03-12-K7Q2XW' });
  });

  it('accepts CRLF and LF terminators too', async () => {
    const got = collect<ScanResult>((l) => scanner.onScan(l));
    const third = nextEvent<ScanResult>((l) => scanner.onScan(l), (s) => s.code === 'C');
    await sim.scan('A', { terminator: '\r\n' });
    await sim.scan('B', { terminator: '\n' });
    await sim.scan('C');
    await third;
    expect(got.values.map((s) => s.code)).toEqual(['A', 'B', 'C']);
    got.stop();
  });

  it('joins a code that arrives in pieces', async () => {
    const scan = next();
    await sim.scan('https://dawr.example/t/K7Q2XW', { chunkBytes: 4, gapMs: 10 });
    expect(await scan).toEqual({ code: 'https://dawr.example/t/K7Q2XW' });
  });

  it('drops an overlong line without a terminator and reads the next code', async () => {
    const scan = next();
    await sim.sendRaw('X'.repeat(2000));
    await sim.scan('\rOK-1');
    expect(await scan).toEqual({ code: 'OK-1' });
  });
});

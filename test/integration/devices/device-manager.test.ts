import { newIdentityKeyPair } from '../../../electron/devices/id-reader/sealed-id.ts';
import { afterEach, describe, expect, it } from 'vitest';
import { createDeviceManager, type DeviceManager } from '../../../electron/devices/device-manager.ts';
import { startPrinterSimulator, type PrinterSimulator } from '../../../electron/devices/simulators/printer-simulator.ts';
import { startMrzReaderSimulator } from '../../../electron/devices/simulators/mrz-reader-simulator.ts';
import { startScannerSimulator } from '../../../electron/devices/simulators/scanner-simulator.ts';
import { startFingerprintSimulator } from '../../../electron/devices/simulators/fingerprint-simulator.ts';
import { captureDeviceLogs } from '../../../electron/devices/log.ts';
import type { DeviceHealth, IdCardRead, ScanResult } from '../../../shared/protocol/device-bridge.ts';
import { socatSkipReason, testPty, type TestPty } from '../../support/pty.ts';
import { nextEvent } from '../../support/events.ts';
import { sampleJob } from '../../support/ticket-fixtures.ts';
import { decodeQr } from '../../support/raster-decode.ts';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function manager(config: Parameters<typeof createDeviceManager>[0]['config']): DeviceManager {
  const m = createDeviceManager({ config, identityKey: newIdentityKeyPair().publicKey, printerPollMs: 150, reconnectInitialMs: 50, reconnectMaxMs: 400, now: () => new Date('2010-06-01T10:00:00Z') });
  cleanups.push(() => m.close());
  m.start();
  return m;
}

const healthOf = (m: DeviceManager, device: DeviceHealth['device'], state: DeviceHealth['state']) =>
  nextEvent<DeviceHealth>((l) => m.onDeviceHealth(l), (h) => h.device === device && h.state === state);

async function printerSim(): Promise<PrinterSimulator> {
  const sim = await startPrinterSimulator({ port: 0 });
  cleanups.push(() => sim.close());
  return sim;
}

describe('device manager: printer', () => {
  it('reports the printer connected, prints through the bridge verb, and lists health', async () => {
    const sim = await printerSim();
    const m = manager({ printer: { kind: 'tcp', host: '127.0.0.1', port: sim.port } });
    await healthOf(m, 'printer', 'connected');
    const job = sampleJob();
    expect(await m.printTicket(job)).toMatchObject({ ok: true, jobId: job.jobId });
    expect(decodeQr((await sim.nextTicket(0)).image)).toBe(job.trackingUrl);
    expect(await m.deviceHealth()).toEqual([expect.objectContaining({ device: 'printer', state: 'connected' })]);
  });

  it('shows paper out and cover open as health without a ticket being asked for', async () => {
    const sim = await printerSim();
    const m = manager({ printer: { kind: 'tcp', host: '127.0.0.1', port: sim.port } });
    await healthOf(m, 'printer', 'connected');
    let next = healthOf(m, 'printer', 'paper_out');
    sim.setState('paper_out');
    await next;
    next = healthOf(m, 'printer', 'cover_open');
    sim.setState('cover_open');
    await next;
    next = healthOf(m, 'printer', 'paper_low');
    sim.setState('paper_near_end');
    await next;
  });

  it('gives a failed result while out of paper (the kiosk shows the ticket), then prints again when refilled', async () => {
    const sim = await printerSim();
    const m = manager({ printer: { kind: 'tcp', host: '127.0.0.1', port: sim.port } });
    await healthOf(m, 'printer', 'connected');
    sim.setState('paper_out');
    expect(await m.printTicket(sampleJob())).toMatchObject({ ok: false, printerState: 'paper_out' });
    const back = healthOf(m, 'printer', 'connected');
    sim.setState('ready');
    await back;
    expect(await m.printTicket(sampleJob())).toMatchObject({ ok: true });
  });

  it('works again after the printer is unplugged and plugged back', async () => {
    const sim = await printerSim();
    const m = manager({ printer: { kind: 'tcp', host: '127.0.0.1', port: sim.port } });
    await healthOf(m, 'printer', 'connected');
    const gone = healthOf(m, 'printer', 'disconnected');
    await sim.unplug();
    await gone;
    expect(await m.printTicket(sampleJob())).toMatchObject({ ok: false, printerState: 'absent' });
    const back = healthOf(m, 'printer', 'connected');
    await sim.plug();
    await back;
    expect(await m.printTicket(sampleJob())).toMatchObject({ ok: true });
  });

  it('answers absent for every verb of a device the station does not have', async () => {
    const m = manager({});
    expect(await m.printTicket(sampleJob())).toMatchObject({ ok: false, printerState: 'absent' });
    expect(await m.verifyFingerprint()).toMatchObject({ ok: false, reason: 'absent' });
    expect(await m.deviceHealth()).toEqual([]);
  });
});

describe.skipIf(!!socatSkipReason)('device manager: serial devices on pseudo-terminals', () => {
  async function pty(name: string): Promise<TestPty> {
    const p = await testPty(name);
    cleanups.push(() => p.dispose());
    return p;
  }

  it('prints on a serial printer', async () => {
    const p = await pty('ttyPRN');
    const sim = await startPrinterSimulator({ serialPath: p.simulatorPath, tcp: false });
    cleanups.push(() => sim.close());
    const m = manager({ printer: { kind: 'serial', path: p.devicePath } });
    await healthOf(m, 'printer', 'connected');
    const job = sampleJob();
    const cut = sim.nextTicket();
    expect(await m.printTicket(job)).toMatchObject({ ok: true });
    expect(decodeQr((await cut).image)).toBe(job.trackingUrl);
  });

  it('reads an ID card, survives unplug and replug, and reads again', async () => {
    const p = await pty('ttyID');
    const m = manager({ idReader: { path: p.devicePath } });
    await healthOf(m, 'idReader', 'connected');
    let sim = await startMrzReaderSimulator(p.simulatorPath);
    let read = nextEvent<IdCardRead>((l) => m.onIdCard(l));
    await sim.presentCard('TD1');
    expect(await read).toMatchObject({ ok: true, format: 'TD1' });
    await sim.close();

    const gone = healthOf(m, 'idReader', 'disconnected');
    await p.unplug();
    await gone;
    const back = healthOf(m, 'idReader', 'connected');
    await p.replug();
    await back;

    sim = await startMrzReaderSimulator(p.simulatorPath);
    cleanups.push(() => sim.close());
    read = nextEvent<IdCardRead>((l) => m.onIdCard(l));
    await sim.presentCard('TD3', { framing: 'crlf' });
    expect(await read).toMatchObject({ ok: true, format: 'TD3' });
  });

  it('starts without the reader plugged in and connects when it appears', async () => {
    const p = await pty('ttyLATE');
    await p.unplug();
    const m = manager({ scanner: { path: p.devicePath } });
    const back = healthOf(m, 'scanner', 'connected');
    await p.replug();
    await back;
    const sim = await startScannerSimulator(p.simulatorPath);
    cleanups.push(() => sim.close());
    const scan = nextEvent<ScanResult>((l) => m.onScan(l));
    await sim.scan('APPT-77');
    expect(await scan).toEqual({ code: 'APPT-77' });
  });

  it('connects the fingerprint module only after its handshake and verifies through the bridge verb', async () => {
    const p = await pty('ttyFPM');
    const sim = await startFingerprintSimulator(p.simulatorPath, { templates: { 3: 'clerk' } });
    cleanups.push(() => sim.close());
    const m = manager({ fingerprint: { path: p.devicePath } });
    await healthOf(m, 'fingerprint', 'connected');
    sim.placeFinger('clerk');
    expect(await m.verifyFingerprint()).toEqual({ ok: true, matched: true, pageId: 3, score: 87 });
  });

  it('reports a module that does not answer the handshake as an error', async () => {
    const p = await pty('ttyFPX');
    const sim = await startFingerprintSimulator(p.simulatorPath, { password: 1234 });
    cleanups.push(() => sim.close());
    const m = manager({ fingerprint: { path: p.devicePath } });
    expect(await healthOf(m, 'fingerprint', 'error')).toMatchObject({ detail: expect.stringContaining('handshake') });
  });

  it('never puts the ID number in a printed byte or a log line, from card read to ticket', async () => {
    const lines: string[] = [];
    const stopLogs = captureDeviceLogs((l) => lines.push(l));
    cleanups.push(stopLogs);
    const p = await pty('ttyIDP');
    const printer = await printerSim();
    const received: Buffer[] = [];
    printer.onTicket((t) => received.push(Buffer.from(t.image.data)));
    const m = manager({ idReader: { path: p.devicePath }, printer: { kind: 'tcp', host: '127.0.0.1', port: printer.port } });
    await Promise.all([healthOf(m, 'idReader', 'connected'), healthOf(m, 'printer', 'connected')]);
    const sim = await startMrzReaderSimulator(p.simulatorPath);
    cleanups.push(() => sim.close());
    const read = nextEvent<IdCardRead>((l) => m.onIdCard(l));
    await sim.presentCard({ format: 'TD1', documentNumber: 'SY4417723', optional: '01234567891', birthDate: '400101', expirationDate: '300101', lastName: 'Haddad', firstName: 'Omar' });
    const card = await read;
    expect(card).toMatchObject({ ok: true, ageBand: '60plus', maskedNumber: '•••••••7891' });
    // The kiosk issues a priority ticket from the read; the job carries no ID field at all.
    const job = sampleJob({ priority: 'elderly' });
    const cut = printer.nextTicket();
    expect(await m.printTicket(job)).toMatchObject({ ok: true });
    const ticket = await cut;
    const printed = [ticket.lines.join('\n'), ticket.qr.join('\n'), JSON.stringify(job)].join('\n');
    for (const secret of ['01234567891', 'SY4417723']) {
      expect(printed).not.toContain(secret);
      expect(lines.join('\n')).not.toContain(secret);
      expect(JSON.stringify(card)).not.toContain(secret);
    }
  });
});

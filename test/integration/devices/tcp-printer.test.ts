import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { startPrinterSimulator, type PrinterSimulator } from '../../../electron/devices/simulators/printer-simulator.ts';
import { TicketPrinter } from '../../../electron/devices/printer/ticket-printer.ts';
import { TcpPrinterTransport } from '../../../electron/devices/printer/tcp-transport.ts';
import { JobLedger } from '../../../electron/devices/printer/job-ledger.ts';
import { renderTicketRaster } from '../../../electron/devices/ticket-raster.ts';
import type { PrinterState } from '../../../shared/protocol/device-bridge.ts';
import { sampleJob } from '../../support/ticket-fixtures.ts';
import { decodeQr, sameRaster } from '../../support/raster-decode.ts';
import { makeTempDir } from '../../support/temp-dir.ts';
import { ticketBytes } from '../../../electron/devices/printer/ticket-bytes.ts';

let sim: PrinterSimulator;
let printer: TicketPrinter;
let dir: ReturnType<typeof makeTempDir>;

function newPrinter(ledger?: JobLedger, profile: { nativeQr?: boolean; fonts?: boolean } = {}): TicketPrinter {
  return new TicketPrinter({ transport: new TcpPrinterTransport({ host: '127.0.0.1', port: sim.port }), widthDots: 576, ledger, statusTimeoutMs: 500, ...profile });
}

beforeEach(async () => {
  dir = makeTempDir();
  sim = await startPrinterSimulator({ port: 0, outDir: dir.path });
  printer = newPrinter();
});

afterEach(async () => {
  await printer.close();
  await sim.close();
  dir.remove();
});

describe('ticket printer over TCP (simulated ESC/POS printer)', () => {
  it('prints a ticket whose image holds the layout and whose QR decodes to the tracking URL', async () => {
    const job = sampleJob();
    const cut = sim.nextTicket();
    const result = await printer.print(job);
    expect(result).toEqual({ ok: true, jobId: job.jobId, printerState: 'ready' });
    const ticket = await cut;
    expect(decodeQr(ticket.image)).toBe(job.trackingUrl);
    expect(ticket.qr).toEqual([job.trackingUrl]);
    // The number and the English lines in the printer's font; Arabic and the rules as raster.
    expect(ticket.lines).toEqual(expect.arrayContaining(['A-042', 'Building permit issue', 'Homs Citizen Service Hall', job.trackingUrl]));
    expect(ticket.rasters.length).toBeGreaterThan(0);
    expect(ticket.pngPath && existsSync(ticket.pngPath)).toBe(true);
    expect(ticket.pngPath).toBe(join(dir.path, 'ticket-0001.png'));
  });

  it('prints the whole ticket as an image, QR included, on a printer with raster only', async () => {
    await printer.close();
    printer = newPrinter(undefined, { nativeQr: false, fonts: false });
    const job = sampleJob({ priority: 'elderly' });
    const cut = sim.nextTicket();
    expect(await printer.print(job)).toMatchObject({ ok: true });
    const ticket = await cut;
    expect(ticket.qr).toEqual([]);
    expect(ticket.lines.filter(Boolean)).toEqual([]);
    expect(decodeQr(ticket.image)).toBe(job.trackingUrl);
    const layout = renderTicketRaster(job, { widthDots: 576, qr: 'inline' });
    const top = { ...ticket.image, height: layout.height, data: ticket.image.data.subarray(0, layout.height * layout.bytesPerRow) };
    expect(sameRaster(top, layout)).toBe(true);
  });

  it('asks DLE EOT before each ticket', async () => {
    await printer.print(sampleJob());
    const before = sim.statusQueries;
    await printer.print(sampleJob());
    expect(sim.statusQueries).toBeGreaterThanOrEqual(before + 3);
  });

  it('never prints the same job twice, also when asked again', async () => {
    const job = sampleJob();
    const [a, b] = await Promise.all([printer.print(job), printer.print(job)]);
    const c = await printer.print(job);
    expect([a.ok, b.ok, c.ok]).toEqual([true, true, true]);
    await sim.settled();
    expect(sim.tickets).toHaveLength(1);
  });

  it('does not resend a printed job after the printer was unplugged and plugged back', async () => {
    const job = sampleJob();
    await printer.print(job);
    const gone = new Promise<PrinterState>((resolve) => printer.onState((s) => s === 'absent' && resolve(s)));
    await sim.unplug();
    expect(await gone).toBe('absent');
    await sim.plug();
    expect(await printer.print(job)).toMatchObject({ ok: true });
    await sim.settled();
    expect(sim.tickets).toHaveLength(1);
    expect(await printer.print(sampleJob({ number: 'A-043' }))).toMatchObject({ ok: true });
    await sim.settled();
    expect(sim.tickets).toHaveLength(2);
  });

  it('keeps the ledger across a restart of the station when given a file', async () => {
    const file = join(dir.path, 'ledger.jsonl');
    const job = sampleJob();
    const first = newPrinter(new JobLedger({ file }));
    await first.print(job);
    await first.close();
    const second = newPrinter(new JobLedger({ file }));
    expect(await second.print(job)).toMatchObject({ ok: true });
    await second.close();
    await sim.settled();
    expect(sim.tickets).toHaveLength(1);
  });

  it.each([
    ['paper_out', 'printer out of paper'],
    ['cover_open', 'printer cover open'],
    ['offline', 'printer offline'],
    ['error', 'printer error'],
  ] as const)('reports %s as a state and a failed result, sending nothing', async (state, message) => {
    sim.setState(state);
    const job = sampleJob();
    expect(await printer.print(job)).toEqual({ ok: false, jobId: job.jobId, printerState: state, message });
    await sim.settled();
    expect(sim.tickets).toHaveLength(0);
    expect(sim.discardedBytes).toBe(0);
  });

  it('prints the same job once paper is loaded again (it was never sent)', async () => {
    sim.setState('paper_out');
    const job = sampleJob();
    expect(await printer.print(job)).toMatchObject({ ok: false, printerState: 'paper_out' });
    sim.setState('ready');
    expect(await printer.print(job)).toMatchObject({ ok: true });
    await sim.settled();
    expect(sim.tickets).toHaveLength(1);
  });

  it('still prints near the end of the roll and says so', async () => {
    sim.setState('paper_near_end');
    expect(await printer.print(sampleJob())).toMatchObject({ ok: true, printerState: 'paper_near_end' });
  });

  it('reports a ticket cut short by the paper running out, and does not resend it', async () => {
    const job = sampleJob();
    sim.runOutOfPaperAfter(ticketBytes(job, { widthDots: 576 }).length / 2); // half-way through the ticket
    const torn = sim.nextTicket();
    const result = await printer.print(job);
    expect(result).toMatchObject({ ok: false, printerState: 'paper_out' });
    expect((await torn).incomplete).toBe(true);
    sim.setState('ready');
    expect(await printer.print(job)).toMatchObject({ ok: false });
    await sim.settled();
    expect(sim.tickets.filter((t) => !t.incomplete)).toHaveLength(0);
  });

  it('reports a printer that does not answer DLE EOT as offline', async () => {
    sim.setStatusReplies('silent');
    expect(await printer.print(sampleJob())).toMatchObject({ ok: false, printerState: 'offline' });
    await sim.settled();
    expect(sim.tickets).toHaveLength(0);
  });

  it('ignores bytes that are not status replies', async () => {
    sim.setStatusReplies('garbage');
    expect(await printer.print(sampleJob())).toMatchObject({ ok: false, printerState: 'offline' });
  });

  it('reports an unreachable printer as absent', async () => {
    await sim.unplug();
    expect(await printer.print(sampleJob())).toMatchObject({ ok: false, printerState: 'absent', message: 'printer not reachable' });
  });

  it('refuses an invalid job with a clear result instead of throwing', async () => {
    const bad = { ...sampleJob(), trackingUrl: 'https://dawr.example/ت' };
    expect(await printer.print(bad)).toMatchObject({ ok: false, message: 'invalid print job' });
  });
});

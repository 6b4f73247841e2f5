import { newIdentityKeyPair } from '../../../electron/devices/id-reader/sealed-id.ts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MrzReader } from '../../../electron/devices/id-reader/mrz-reader.ts';
import { SerialLink } from '../../../electron/devices/serial/serial-link.ts';
import { startMrzReaderSimulator, type MrzFraming, type MrzReaderSimulator } from '../../../electron/devices/simulators/mrz-reader-simulator.ts';
import { captureDeviceLogs } from '../../../electron/devices/log.ts';
import type { IdCardRead } from '../../../shared/protocol/device-bridge.ts';
import { socatSkipReason, testPty, type TestPty } from '../../support/pty.ts';
import { collect, nextEvent } from '../../support/events.ts';

const hubKey = newIdentityKeyPair().publicKey;
const now = () => new Date('2010-06-01T10:00:00Z');

describe.skipIf(!!socatSkipReason)('MRZ reader over a serial pseudo-terminal', () => {
  let pty: TestPty;
  let link: SerialLink;
  let reader: MrzReader;
  let sim: MrzReaderSimulator;

  beforeEach(async () => {
    pty = await testPty('ttyMRZ');
    link = await SerialLink.open({ path: pty.devicePath, baudRate: 9600 });
    reader = new MrzReader(link, { hubKey, now, pauseMs: 100, slowFrameMs: 600 });
    sim = await startMrzReaderSimulator(pty.simulatorPath);
  });

  afterEach(async () => {
    reader.detach();
    await sim.close();
    await link.close();
    await pty.dispose();
  });

  const next = () => nextEvent<IdCardRead>((l) => reader.onRead(l));

  it.each(['stx-etx', 'crlf', 'cr', 'underscore', 'one-run'] as MrzFraming[])('reads a TD1 card framed as %s', async (framing) => {
    const read = next();
    await sim.presentCard('TD1', { framing });
    expect(await read).toMatchObject({ ok: true, format: 'TD1', name: 'ANNA MARIA ERIKSSON' });
  });

  it('reads TD2 and TD3 documents', async () => {
    let read = next();
    await sim.presentCard('TD2');
    expect(await read).toMatchObject({ ok: true, format: 'TD2' });
    read = next();
    await sim.presentCard('TD3', { framing: 'crlf' });
    expect(await read).toMatchObject({ ok: true, format: 'TD3' });
  });

  it('reads a card sent in small pieces with short gaps as one card', async () => {
    const reads = collect<IdCardRead>((l) => reader.onRead(l));
    const read = next();
    await sim.presentCard('TD1', { framing: 'crlf', chunkBytes: 7, gapMs: 20 });
    expect(await read).toMatchObject({ ok: true });
    expect(reads.values).toHaveLength(1);
    reads.stop();
  });

  it('waits for a slow reader that pauses mid-card longer than the frame pause', async () => {
    const read = next();
    await sim.presentCard('TD3', { framing: 'crlf', chunkBytes: 40, gapMs: 250 });
    expect(await read).toMatchObject({ ok: true, format: 'TD3' });
  });

  it('skips garbage before an STX-framed card', async () => {
    const reads = collect<IdCardRead>((l) => reader.onRead(l));
    const read = nextEvent<IdCardRead>((l) => reader.onRead(l), (r) => r.ok);
    await sim.sendRaw(Buffer.from([0xff, 0x00, 0x13, 0x37, 0x42, 0x99]));
    await sim.presentCard('TD1', { framing: 'stx-etx' });
    expect(await read).toMatchObject({ ok: true, format: 'TD1' });
    expect(reads.values.filter((r) => !r.ok)).toHaveLength(0);
    reads.stop();
  });

  it('reports a partial frame as unreadable, then reads the next card', async () => {
    const failed = next();
    await sim.sendRaw('\x02I<UTOD231458907<<<<<<<<<<<<<<<\r7408122F12\x03');
    expect(await failed).toMatchObject({ ok: false });
    const read = next();
    await sim.presentCard('TD1');
    expect(await read).toMatchObject({ ok: true });
  });

  it('reports a card with a wrong check digit', async () => {
    const read = next();
    await sim.presentCard(['I<UTOD231458917<<<<<<<<<<<<<<<', '7408122F1204159UTO<<<<<<<<<<<6', 'ERIKSSON<<ANNA<MARIA<<<<<<<<<<']);
    expect(await read).toMatchObject({ ok: false, reason: 'check_digit' });
  });

  it('writes no ID number and no MRZ line to any log line', async () => {
    const lines: string[] = [];
    const stop = captureDeviceLogs((l) => lines.push(l));
    try {
      let read = next();
      await sim.presentCard('TD3', { framing: 'crlf' });
      await read;
      read = next();
      await sim.presentCard(['I<UTOD231458917<<<<<<<<<<<<<<<', '7408122F1204159UTO<<<<<<<<<<<6', 'ERIKSSON<<ANNA<MARIA<<<<<<<<<<']);
      await read;
    } finally {
      stop();
    }
    expect(lines.length).toBeGreaterThan(0);
    const all = lines.join('\n');
    for (const secretText of ['L898902C3', 'ZE184226B', 'D23145891', 'D2314589', 'ERIKSSON<<', '7408122']) expect(all).not.toContain(secretText);
  });

  it('tells its owner when the device is unplugged', async () => {
    const gone = new Promise<string>((resolve) => link.onGone(resolve));
    await pty.unplug();
    expect(typeof (await gone)).toBe('string');
    expect(link.isOpen).toBe(false);
    await pty.replug();
  });

  // The race that made the test above time out under load: a hung-up terminal reads 0 bytes, and
  // serialport retried such reads forever, so a read already issued when socat went (the one after a
  // chunk, or the first after open on a busy machine) spun and the link never said it was gone.
  it('tells its owner when the device is unplugged while the station is reading from it', async () => {
    const gone = new Promise<string>((resolve) => link.onGone(resolve));
    const off = link.onData(() => {
      off();
      pty.unplugNow(); // before the read that follows this chunk is issued
    });
    await sim.sendRaw('I<UTO');
    expect(await gone).toMatch(/hung up|bad file descriptor|EIO/);
    expect(link.isOpen).toBe(false);
    await pty.replug();
  });

  it('tells an owner who subscribes only after the device has gone', async () => {
    const first = new Promise<string>((resolve) => link.onGone(resolve));
    await pty.unplug();
    const reason = await first;
    expect(await new Promise<string>((resolve) => link.onGone(resolve))).toBe(reason);
    await pty.replug();
  });
});

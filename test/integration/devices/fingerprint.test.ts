import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FingerprintReader } from '../../../electron/devices/fingerprint/fingerprint-reader.ts';
import { SerialLink } from '../../../electron/devices/serial/serial-link.ts';
import { startFingerprintSimulator, type FingerprintSimulator } from '../../../electron/devices/simulators/fingerprint-simulator.ts';
import { FingerprintResult } from '../../../shared/protocol/device-bridge.ts';
import { CMD } from '../../../electron/devices/fingerprint/r30x-frame.ts';
import { CONFIRM } from '../../../electron/devices/fingerprint/r30x-client.ts';
import { nextEvent } from '../../support/events.ts';
import { socatSkipReason, testPty, type TestPty } from '../../support/pty.ts';

describe.skipIf(!!socatSkipReason)('R30x fingerprint module over a serial pseudo-terminal', () => {
  let pty: TestPty;
  let link: SerialLink;
  let sim: FingerprintSimulator;
  let reader: FingerprintReader;

  beforeEach(async () => {
    pty = await testPty('ttyFP');
    link = await SerialLink.open({ path: pty.devicePath, baudRate: 57600 });
    sim = await startFingerprintSimulator(pty.simulatorPath, { templates: { 7: 'clerk-amal-right-index' } });
    reader = new FingerprintReader(link, { timeoutMs: 300, retries: 2, fingerTimeoutMs: 1500, pollMs: 20 });
  });

  afterEach(async () => {
    reader.detach();
    await sim.close();
    await link.close();
    await pty.dispose();
  });

  it('shakes hands with VfyPwd', async () => {
    expect(await reader.handshake()).toBe(true);
  });

  it('fails the handshake on a wrong password', async () => {
    sim.setFault('wrong_password');
    expect(await reader.handshake()).toBe(false);
  });

  it('matches an enrolled finger and answers with its page id, never a template', async () => {
    sim.placeFinger('clerk-amal-right-index');
    const result = await reader.verify();
    expect(result).toEqual({ ok: true, matched: true, pageId: 7, score: 87 });
    expect(FingerprintResult.parse(result)).toEqual(result);
  });

  it('answers matched:false for an unknown finger', async () => {
    sim.placeFinger('visitor');
    expect(await reader.verify()).toEqual({ ok: true, matched: false });
  });

  it('reports no_finger when nobody touches the glass in time', async () => {
    expect(await reader.verify()).toMatchObject({ ok: false, reason: 'no_finger' });
  });

  it('asks for another try when the print is smudged', async () => {
    sim.placeFinger('clerk-amal-right-index', { quality: 'smudged' });
    expect(await reader.verify()).toMatchObject({ ok: false, reason: 'no_finger' });
  });

  it('enrolls a finger on the module, then matches it', async () => {
    // The finger is lifted after the first capture and placed again once the lift was seen.
    const firstTemplate = nextEvent<[number, number]>((l) => sim.onCommand((c, a) => l([c, a])), ([c]) => c === CMD.img2Tz);
    const liftSeen = nextEvent<[number, number]>((l) => sim.onCommand((c, a) => l([c, a])), ([c, a]) => c === CMD.genImg && a === CONFIRM.noFinger);
    sim.placeFinger('clerk-omar-left-thumb');
    const enrolling = reader.enroll(12);
    await firstTemplate;
    sim.liftFinger();
    await liftSeen;
    sim.placeFinger('clerk-omar-left-thumb');
    expect(await enrolling).toEqual({ ok: true, pageId: 12 });
    expect(sim.templates.get(12)).toBe('clerk-omar-left-thumb');
    expect(await reader.verify()).toMatchObject({ ok: true, matched: true, pageId: 12 });
  });

  it('retries through corrupted answers (bad checksums)', async () => {
    sim.setFault('bad_checksum', 2);
    expect(await reader.handshake()).toBe(true);
  });

  it('ignores line noise in front of an answer', async () => {
    sim.setFault('garbage', 3);
    sim.placeFinger('clerk-amal-right-index');
    expect(await reader.verify()).toMatchObject({ ok: true, matched: true });
  });

  it('reports a module that stops answering as a timeout, not a crash', async () => {
    sim.setFault('silent');
    sim.placeFinger('clerk-amal-right-index');
    expect(await reader.verify()).toMatchObject({ ok: false, reason: 'timeout' });
  });
});

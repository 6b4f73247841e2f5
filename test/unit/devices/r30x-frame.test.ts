import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CMD, encodeFrame, PID, R30xFrameParser, type ParseEvent } from '../../../electron/devices/fingerprint/r30x-frame.ts';
import { R30xClient, R30xTimeout, type R30xLink } from '../../../electron/devices/fingerprint/r30x-client.ts';
import type { Unsubscribe } from '../../../shared/protocol/device-bridge.ts';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex').toUpperCase();

describe('R30x frames', () => {
  it('encode GenImg exactly as the datasheet example', () => {
    expect(hex(encodeFrame({ address: 0xffffffff, pid: PID.command, payload: Uint8Array.of(CMD.genImg) }))).toBe('EF01FFFFFFFF010003010005');
  });

  it('encode VfyPwd with the length and sum over pid, length and payload', () => {
    expect(hex(encodeFrame({ address: 0xffffffff, pid: PID.command, payload: Uint8Array.of(0x13, 0, 0, 0, 0) }))).toBe('EF01FFFFFFFF010007130000000000 1B'.replace(' ', ''));
  });

  it('decode what they encode, whole or byte by byte', () => {
    const ack = encodeFrame({ address: 0xffffffff, pid: PID.ack, payload: Uint8Array.of(0x00, 0x00, 0x05, 0x00, 0x57) });
    const p = new R30xFrameParser();
    const events: ParseEvent[] = [];
    for (const b of ack) events.push(...p.push(Uint8Array.of(b)));
    expect(events).toEqual([{ kind: 'frame', frame: { address: 0xffffffff, pid: PID.ack, payload: Uint8Array.of(0x00, 0x00, 0x05, 0x00, 0x57) } }]);
  });

  it('report a bad checksum and find the next good frame after it', () => {
    const good = encodeFrame({ address: 1, pid: PID.ack, payload: Uint8Array.of(0) });
    const bad = Buffer.from(good);
    bad.writeUInt8(bad.readUInt8(bad.length - 1) ^ 1, bad.length - 1);
    const events = new R30xFrameParser().push(Buffer.concat([bad, good]));
    expect(events[0]).toMatchObject({ kind: 'error', error: 'checksum' });
    expect(events.filter((e) => e.kind === 'frame')).toHaveLength(1);
  });

  it('skip noise and impossible lengths', () => {
    const good = encodeFrame({ address: 1, pid: PID.ack, payload: Uint8Array.of(0) });
    const events = new R30xFrameParser().push(Buffer.concat([Buffer.from([0x00, 0x42, 0xef, 0x01, 0, 0, 0, 0, 7, 0xff, 0xff]), good]));
    expect(events.map((e) => (e.kind === 'error' ? e.error : 'frame'))).toEqual(['noise', 'length', 'noise', 'frame']);
  });

  it('never throw on random bytes and keep the pending buffer bounded', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 100 }), { maxLength: 30 }), (chunks) => {
        const p = new R30xFrameParser();
        for (const c of chunks) p.push(c);
        expect(p.pendingBytes).toBeLessThanOrEqual(9 + 258);
      }),
      { numRuns: 500 },
    );
  });

  it('never throw on random frame-like bytes (EF 01 headers with random rest)', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 20 }).map((r) => Uint8Array.from([0xef, 0x01, ...r])), { maxLength: 30 }), (chunks) => {
        const p = new R30xFrameParser();
        for (const c of chunks) p.push(c);
      }),
      { numRuns: 500 },
    );
  });
});

/** A link whose module answers with `respond(command payload)`: bytes to send back, or nothing. */
function fakeModule(respond: (payload: Uint8Array, n: number) => Uint8Array | undefined): R30xLink & { sent: number } {
  const listeners = new Set<(c: Buffer) => void>();
  const parser = new R30xFrameParser();
  const link = {
    sent: 0,
    async write(bytes: Uint8Array) {
      for (const ev of parser.push(bytes)) {
        if (ev.kind !== 'frame') continue;
        link.sent++;
        const answer = respond(ev.frame.payload, link.sent);
        if (answer) queueMicrotask(() => listeners.forEach((l) => l(Buffer.from(answer))));
      }
    },
    onData(l: (c: Buffer) => void): Unsubscribe {
      listeners.add(l);
      return () => listeners.delete(l);
    },
  };
  return link;
}

const ack = (code: number, ...data: number[]) => encodeFrame({ address: 0xffffffff, pid: PID.ack, payload: Uint8Array.of(code, ...data) });

describe('R30x client', () => {
  it('retries a command whose ack had a bad checksum', async () => {
    const link = fakeModule((_p, n) => {
      const a = ack(0);
      if (n === 1) a.writeUInt8(a.readUInt8(a.length - 1) ^ 0xff, a.length - 1);
      return a;
    });
    expect(await new R30xClient(link, { timeoutMs: 200 }).handshake()).toBe(true);
    expect(link.sent).toBe(2);
  });

  it('retries after a timeout, then gives up with R30xTimeout', async () => {
    const link = fakeModule(() => undefined);
    await expect(new R30xClient(link, { timeoutMs: 30, retries: 2 }).genImg()).rejects.toBeInstanceOf(R30xTimeout);
    expect(link.sent).toBe(3);
  });

  it('reads the page id and score from a Search ack', async () => {
    const link = fakeModule((p) => (p[0] === CMD.search ? ack(0, 0x00, 0x2a, 0x00, 0x64) : ack(0)));
    const found = await new R30xClient(link).search(1, 0, 162);
    expect(found.code).toBe(0);
    expect([...found.data]).toEqual([0x00, 0x2a, 0x00, 0x64]);
  });
});

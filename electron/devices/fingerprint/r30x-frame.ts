// R30x / ZFM / AS608 fingerprint module packets (brief §7), 57600 8N1:
//   EF 01 | address(4) | pid | length(2) = payload + 2 | payload | sum(2)
// sum = pid + both length bytes + every payload byte, low 16 bits; all big-endian.
// The incremental parser resynchronises on the next EF 01 after a bad packet and never throws.

export const PID = { command: 0x01, data: 0x02, ack: 0x07, end: 0x08 } as const;
export const CMD = { genImg: 0x01, img2Tz: 0x02, search: 0x04, regModel: 0x05, store: 0x06, vfyPwd: 0x13 } as const;
export const DEFAULT_ADDRESS = 0xffffffff;

/** Largest payload the modules use (data packets of 256 bytes); anything longer is corruption. */
const MAX_PAYLOAD = 256;

export interface R30xFrame {
  address: number;
  pid: number;
  payload: Uint8Array;
}

export function encodeFrame(frame: R30xFrame): Buffer {
  const length = frame.payload.length + 2;
  const out = Buffer.alloc(9 + length);
  out[0] = 0xef;
  out[1] = 0x01;
  out.writeUInt32BE(frame.address >>> 0, 2);
  out[6] = frame.pid;
  out.writeUInt16BE(length, 7);
  out.set(frame.payload, 9);
  out.writeUInt16BE(checksum(frame.pid, length, frame.payload), 9 + frame.payload.length);
  return out;
}

export function checksum(pid: number, length: number, payload: Uint8Array): number {
  let sum = pid + (length >> 8) + (length & 0xff);
  for (const b of payload) sum += b;
  return sum & 0xffff;
}

export type ParseEvent = { kind: 'frame'; frame: R30xFrame } | { kind: 'error'; error: 'checksum' | 'length' | 'noise'; skipped: number };

export class R30xFrameParser {
  private buf: Buffer = Buffer.alloc(0);

  push(chunk: Uint8Array): ParseEvent[] {
    this.buf = this.buf.length ? Buffer.concat([this.buf, chunk]) : Buffer.from(chunk);
    const events: ParseEvent[] = [];
    for (;;) {
      const start = this.findHeader();
      if (start > 0) {
        events.push({ kind: 'error', error: 'noise', skipped: start });
        this.buf = this.buf.subarray(start);
      }
      if (this.buf.length < 9) break;
      const length = this.buf.readUInt16BE(7);
      if (length < 2 || length > MAX_PAYLOAD + 2) {
        events.push({ kind: 'error', error: 'length', skipped: 2 });
        this.buf = this.buf.subarray(2);
        continue;
      }
      if (this.buf.length < 9 + length) break;
      const pid = this.buf[6]!;
      const payload = Uint8Array.from(this.buf.subarray(9, 9 + length - 2));
      const sum = this.buf.readUInt16BE(9 + length - 2);
      if (sum !== checksum(pid, length, payload)) {
        events.push({ kind: 'error', error: 'checksum', skipped: 2 });
        this.buf = this.buf.subarray(2);
        continue;
      }
      events.push({ kind: 'frame', frame: { address: this.buf.readUInt32BE(2), pid, payload } });
      this.buf = this.buf.subarray(9 + length);
    }
    return events;
  }

  get pendingBytes(): number {
    return this.buf.length;
  }

  /** Index of the next EF 01 (or of a trailing EF that may start one); the whole buffer if none. */
  private findHeader(): number {
    for (let i = 0; i < this.buf.length; i++) {
      if (this.buf[i] !== 0xef) continue;
      if (i + 1 >= this.buf.length || this.buf[i + 1] === 0x01) return i;
    }
    return this.buf.length;
  }
}

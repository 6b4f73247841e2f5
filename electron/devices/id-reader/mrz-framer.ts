// Framing of what MRZ readers send over serial. Vendors differ: some wrap the lines in STX/ETX,
// some only end lines with CR or CRLF and go quiet. A frame ends at ETX or when the reader is
// quiet (the caller's inter-byte timer calls `flush`). Pure and incremental.

const STX = 0x02;
const ETX = 0x03;

/** Returned for a frame that exceeded the size limit: it reads as unreadable, never as a card. */
export const OVERSIZED_FRAME = '\u0000oversized';

export class MrzFramer {
  private buf: number[] = [];
  private overflow = false;
  private readonly maxBytes: number;

  /** Three TD1 lines with wrappers are ~100 bytes; anything far longer is not one card. */
  constructor(maxBytes = 512) {
    this.maxBytes = maxBytes;
  }

  /** Complete frames found in `chunk` (ETX-terminated). */
  push(chunk: Uint8Array): string[] {
    const frames: string[] = [];
    for (const b of chunk) {
      if (b === STX) {
        // A new frame starts: whatever came before without an ETX was noise or a cut-off frame.
        this.reset();
      } else if (b === ETX) {
        const frame = this.take();
        if (frame !== undefined) frames.push(frame);
      } else if (this.buf.length < this.maxBytes) {
        this.buf.push(b);
      } else {
        this.overflow = true;
      }
    }
    return frames;
  }

  /** The bytes since the last frame, as a frame of their own (the reader went quiet). */
  flush(): string | undefined {
    return this.take();
  }

  get pendingBytes(): number {
    return this.buf.length;
  }

  private take(): string | undefined {
    const overflow = this.overflow;
    const text = Buffer.from(this.buf).toString('latin1');
    this.reset();
    if (overflow) return OVERSIZED_FRAME;
    return text.length ? text : undefined;
  }

  private reset(): void {
    this.buf = [];
    this.overflow = false;
  }
}

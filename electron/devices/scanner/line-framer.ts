// CR-terminated lines from a QR/barcode scanner in serial (USB-CDC) mode. LF and CRLF are taken
// too. Written here rather than with @serialport/parser-readline because a scanner that never
// sends a terminator must not grow the buffer without bound: overlong lines are dropped whole.

export class LineFramer {
  private buf: number[] = [];
  private overlong = false;
  private readonly maxBytes: number;

  constructor(maxBytes = 512) {
    this.maxBytes = maxBytes;
  }

  /** Complete lines, UTF-8 decoded, control characters removed; empty and overlong lines dropped. */
  push(chunk: Uint8Array): { lines: string[]; dropped: number } {
    const lines: string[] = [];
    let dropped = 0;
    for (const b of chunk) {
      if (b === 0x0d || b === 0x0a) {
        if (this.overlong) dropped++;
        else if (this.buf.length) {
          const line = Buffer.from(this.buf).toString('utf8').replace(/[\x00-\x1f\x7f\ufffd]/g, '').trim();
          if (line) lines.push(line);
        }
        this.buf = [];
        this.overlong = false;
      } else if (this.buf.length < this.maxBytes) {
        this.buf.push(b);
      } else {
        this.overlong = true;
      }
    }
    return { lines, dropped };
  }
}

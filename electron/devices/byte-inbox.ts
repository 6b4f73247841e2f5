// Bytes received from a device, waiting to be read as replies. Request/response devices (the
// printer's DLE EOT) clear it, send, then await the next byte with a timeout.

export class ByteInbox {
  private queue: number[] = [];
  private waiter: { resolve: (b: number | undefined) => void; timer: NodeJS.Timeout } | undefined;
  /** Bounded so a device that streams garbage cannot grow memory without limit. */
  private readonly limit: number;

  constructor(limit = 4096) {
    this.limit = limit;
  }

  push(chunk: Uint8Array): void {
    for (const b of chunk) {
      if (this.waiter) {
        const w = this.waiter;
        this.waiter = undefined;
        clearTimeout(w.timer);
        w.resolve(b);
      } else if (this.queue.length < this.limit) {
        this.queue.push(b);
      }
    }
  }

  clear(): void {
    this.queue = [];
  }

  /** The next byte, or undefined after `timeoutMs` (or when `fail()` is called: the link went away). */
  next(timeoutMs: number): Promise<number | undefined> {
    const b = this.queue.shift();
    if (b !== undefined) return Promise.resolve(b);
    this.fail();
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waiter = undefined;
        resolve(undefined);
      }, timeoutMs);
      this.waiter = { resolve, timer };
    });
  }

  fail(): void {
    const w = this.waiter;
    this.waiter = undefined;
    if (w) {
      clearTimeout(w.timer);
      w.resolve(undefined);
    }
  }
}

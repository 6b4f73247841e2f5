// Reconnect delays: quick at first (a replugged USB device is back within a second), doubling
// up to a ceiling low enough that a device that returns works again within 5 s (brief §9).
export class Backoff {
  private next: number;
  private readonly initialMs: number;
  private readonly maxMs: number;

  constructor(initialMs = 200, maxMs = 1000) {
    this.initialMs = initialMs;
    this.maxMs = maxMs;
    this.next = initialMs;
  }

  delay(): number {
    const d = this.next;
    this.next = Math.min(this.maxMs, this.next * 2);
    return d;
  }

  reset(): void {
    this.next = this.initialMs;
  }
}

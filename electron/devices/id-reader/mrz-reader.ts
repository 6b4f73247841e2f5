// An MRZ (passport / ID card) reader on a serial port: frames what it sends (STX/ETX or a pause
// between bytes), reads the card and hands out only the IdCardRead (brief §8). The raw lines and
// the ID number stay inside this function's stack; nothing of them is logged.
import type { IdCardRead, Unsubscribe } from '../../../shared/protocol/device-bridge.ts';
import { deviceLogger } from '../log.ts';
import type { SerialLink } from '../serial/serial-link.ts';
import { readIdCard, type IdCardOptions } from './id-card.ts';
import { MrzFramer } from './mrz-framer.ts';
import { mrzLines } from './mrz-text.ts';

const log = deviceLogger('id-reader');

export interface MrzReaderOptions extends IdCardOptions {
  /** Quiet time that ends a frame for readers without STX/ETX. */
  pauseMs?: number;
  /** A frame that is not yet a whole card (a slow reader mid-card) waits this much longer for the rest. */
  slowFrameMs?: number;
}

/** Frames below this many characters are line noise, not a card attempt: dropped silently. */
const NOISE_CHARS = 10;

export class MrzReader {
  private readonly framer = new MrzFramer();
  private readonly listeners = new Set<(read: IdCardRead) => void>();
  private readonly options: MrzReaderOptions;
  private readonly offData: Unsubscribe;
  private timer: NodeJS.Timeout | undefined;
  /** A short frame kept while a slow reader may still be sending the rest of the card. */
  private held = '';
  private bytesSinceHold = false;

  constructor(link: Pick<SerialLink, 'onData'>, options: MrzReaderOptions) {
    this.options = options;
    this.offData = link.onData((chunk) => this.receive(chunk));
  }

  onRead(listener: (read: IdCardRead) => void): Unsubscribe {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  receive(chunk: Uint8Array): void {
    this.bytesSinceHold = true;
    for (const frame of this.framer.push(chunk)) this.judge(this.takeHeld() + frame);
    this.arm(this.options.pauseMs ?? 150);
  }

  detach(): void {
    this.offData();
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private arm(ms: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = this.framer.pendingBytes || this.held ? setTimeout(() => this.quiet(), ms) : undefined;
  }

  /** The reader went quiet: what it sent since the last frame is a frame, unless it looks cut short. */
  private quiet(): void {
    this.timer = undefined;
    const text = this.takeHeld() + (this.framer.flush() ?? '');
    if (mrzChars(text) >= NOISE_CHARS && !mrzLines(text).ok && this.bytesSinceHold) {
      this.held = text;
      this.bytesSinceHold = false;
      this.arm(this.options.slowFrameMs ?? 1000);
      return;
    }
    this.judge(text);
  }

  private takeHeld(): string {
    const h = this.held;
    this.held = '';
    return h;
  }

  private judge(frame: string): void {
    if (mrzChars(frame) < NOISE_CHARS) {
      if (frame.length) log.debug({ bytes: frame.length }, 'ignored a short burst of bytes');
      return;
    }
    const read = readIdCard(frame, this.options);
    if (read.ok) log.info({ format: read.format, expired: read.expired, ageBand: read.ageBand }, 'card read');
    else log.warn({ reason: read.reason }, 'card not read');
    for (const l of this.listeners) l(read);
  }
}

function mrzChars(text: string): number {
  return text.replace(/[^A-Za-z0-9<_]/g, '').length;
}

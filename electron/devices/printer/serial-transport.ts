// ESC/POS over a serial port: the interface object node-thermal-printer lacks (brief §7).
import type { Unsubscribe } from '../../../shared/protocol/device-bridge.ts';
import { ByteInbox } from '../byte-inbox.ts';
import { SerialLink } from '../serial/serial-link.ts';
import type { PrinterTransport } from './printer-transport.ts';

export interface SerialTransportOptions {
  path: string;
  baudRate: number;
}

export class SerialPrinterTransport implements PrinterTransport {
  readonly description: string;
  private link: SerialLink | undefined;
  private opening: Promise<void> | undefined;
  private readonly inbox = new ByteInbox();
  private readonly listeners = new Set<(reason: string) => void>();
  private readonly options: SerialTransportOptions;

  constructor(options: SerialTransportOptions) {
    this.options = options;
    this.description = options.path;
  }

  get connected(): boolean {
    return !!this.link?.isOpen;
  }

  connect(): Promise<void> {
    if (this.connected) return Promise.resolve();
    this.opening ??= SerialLink.open(this.options)
      .then((link) => {
        this.link = link;
        link.onData((chunk) => this.inbox.push(chunk));
        link.onGone((reason) => {
          this.inbox.fail();
          if (this.link !== link) return;
          this.link = undefined;
          for (const l of this.listeners) l(reason);
        });
      })
      .finally(() => {
        this.opening = undefined;
      });
    return this.opening;
  }

  write(bytes: Uint8Array): Promise<void> {
    if (!this.link) return Promise.reject(new Error(`${this.description} not open`));
    return this.link.write(bytes);
  }

  clearInput(): void {
    this.inbox.clear();
  }

  readByte(timeoutMs: number): Promise<number | undefined> {
    return this.inbox.next(timeoutMs);
  }

  async close(): Promise<void> {
    const link = this.link;
    this.link = undefined;
    this.inbox.fail();
    await link?.close();
  }

  onDisconnect(listener: (reason: string) => void): Unsubscribe {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

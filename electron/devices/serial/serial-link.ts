// One open serial port (USB-CDC or a real UART) with promise-based open/write/close and a single
// "gone" notification, whatever the cause (unplugged, closed, read error).
import { SerialPort } from 'serialport';
import type { Unsubscribe } from '../../../shared/protocol/device-bridge.ts';

export interface SerialLinkOptions {
  path: string;
  baudRate: number;
}

export class SerialLink {
  readonly path: string;
  private readonly port: SerialPort;
  private readonly dataListeners = new Set<(chunk: Buffer) => void>();
  private readonly goneListeners = new Set<(reason: string) => void>();
  private gone = false;

  private constructor(port: SerialPort, path: string) {
    this.port = port;
    this.path = path;
    port.on('data', (chunk: Buffer) => {
      for (const l of this.dataListeners) l(chunk);
    });
    port.on('close', (err?: Error) => this.markGone(err ? err.message : 'closed'));
    // Errors after open are followed by close; before that they reject open().
    port.on('error', (err) => this.markGone(err.message));
  }

  static open(options: SerialLinkOptions): Promise<SerialLink> {
    return new Promise((resolve, reject) => {
      let port: SerialPort;
      try {
        port = new SerialPort({ path: options.path, baudRate: options.baudRate, autoOpen: false, lock: false });
      } catch (err) {
        reject(err instanceof Error ? err : new Error(String(err)));
        return;
      }
      const link = new SerialLink(port, options.path);
      port.open((err) => (err ? reject(err) : resolve(link)));
    });
  }

  get isOpen(): boolean {
    return !this.gone && this.port.isOpen;
  }

  onData(listener: (chunk: Buffer) => void): Unsubscribe {
    this.dataListeners.add(listener);
    return () => this.dataListeners.delete(listener);
  }

  onGone(listener: (reason: string) => void): Unsubscribe {
    this.goneListeners.add(listener);
    return () => this.goneListeners.delete(listener);
  }

  /** Resolves once the bytes are handed to the OS driver (tcdrain). */
  write(bytes: Uint8Array): Promise<void> {
    if (!this.isOpen) return Promise.reject(new Error(`${this.path} is not open`));
    return new Promise((resolve, reject) => {
      this.port.write(Buffer.from(bytes), (err) => {
        if (err) return reject(err);
        this.port.drain((e) => (e ? reject(e) : resolve()));
      });
    });
  }

  close(): Promise<void> {
    if (!this.port.isOpen) {
      this.markGone('closed');
      return Promise.resolve();
    }
    return new Promise((resolve) => this.port.close(() => resolve()));
  }

  private markGone(reason: string): void {
    if (this.gone) return;
    this.gone = true;
    for (const l of this.goneListeners) l(reason);
  }
}

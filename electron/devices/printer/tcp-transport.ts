// ESC/POS over TCP (port 9100), one connection kept open and reopened on demand.
import net from 'node:net';
import type { Unsubscribe } from '../../../shared/protocol/device-bridge.ts';
import { ByteInbox } from '../byte-inbox.ts';
import type { PrinterTransport } from './printer-transport.ts';

export interface TcpTransportOptions {
  host: string;
  port: number;
  connectTimeoutMs?: number;
}

export class TcpPrinterTransport implements PrinterTransport {
  readonly description: string;
  private socket: net.Socket | undefined;
  private connecting: Promise<void> | undefined;
  private readonly inbox = new ByteInbox();
  private readonly listeners = new Set<(reason: string) => void>();
  private readonly options: TcpTransportOptions;

  constructor(options: TcpTransportOptions) {
    this.options = options;
    this.description = `tcp://${options.host}:${options.port}`;
  }

  get connected(): boolean {
    return !!this.socket && !this.socket.destroyed && this.socket.readyState === 'open';
  }

  connect(): Promise<void> {
    if (this.connected) return Promise.resolve();
    this.connecting ??= new Promise<void>((resolve, reject) => {
      const socket = net.connect({ host: this.options.host, port: this.options.port });
      const timer = setTimeout(() => socket.destroy(new Error(`no answer from ${this.description}`)), this.options.connectTimeoutMs ?? 2000);
      socket.once('connect', () => {
        clearTimeout(timer);
        socket.setNoDelay(true);
        // A pulled cable leaves a silent socket; keep-alive probes turn it into a close.
        socket.setKeepAlive(true, 2000);
        this.socket = socket;
        resolve();
      });
      socket.on('data', (chunk) => this.inbox.push(chunk));
      socket.on('error', (err) => {
        clearTimeout(timer);
        reject(err);
      });
      socket.on('close', () => {
        clearTimeout(timer);
        this.inbox.fail();
        if (this.socket === socket) {
          this.socket = undefined;
          for (const l of this.listeners) l('connection closed');
        }
        reject(new Error(`${this.description} closed`));
      });
    }).finally(() => {
      this.connecting = undefined;
    });
    return this.connecting;
  }

  write(bytes: Uint8Array): Promise<void> {
    const socket = this.socket;
    if (!socket || !this.connected) return Promise.reject(new Error(`${this.description} not connected`));
    return new Promise((resolve, reject) => {
      const onClose = () => reject(new Error(`${this.description} closed while writing`));
      socket.once('close', onClose);
      socket.write(bytes, (err) => {
        socket.off('close', onClose);
        if (err) reject(err);
        else resolve();
      });
    });
  }

  clearInput(): void {
    this.inbox.clear();
  }

  readByte(timeoutMs: number): Promise<number | undefined> {
    return this.inbox.next(timeoutMs);
  }

  async close(): Promise<void> {
    const socket = this.socket;
    this.socket = undefined;
    this.inbox.fail();
    if (!socket || socket.destroyed) return;
    await new Promise<void>((resolve) => {
      socket.once('close', () => resolve());
      socket.destroy();
    });
  }

  onDisconnect(listener: (reason: string) => void): Unsubscribe {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

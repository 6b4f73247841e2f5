// One open serial port (USB-CDC or a real UART) with promise-based open/write/close and a single
// "gone" notification, whatever the cause (unplugged, closed, read error).
import { read } from 'node:fs';
import { promisify } from 'node:util';
import { SerialPort } from 'serialport';
import type { Unsubscribe } from '../../../shared/protocol/device-bridge.ts';

const readAsync = promisify(read);

/** The parts of serialport's Unix port binding (LinuxPortBinding, DarwinPortBinding) used here. */
interface UnixPortBinding {
  fd: number | null;
  readonly isOpen: boolean;
  readonly poller: { once(event: 'readable', callback: (err: Error | null) => void): unknown };
  read(buffer: Buffer, offset: number, length: number): Promise<{ bytesRead: number; buffer: Buffer }>;
}

function isUnixPortBinding(port: unknown): port is UnixPortBinding {
  const p = port as Partial<UnixPortBinding> | null;
  return typeof p?.fd === 'number' && typeof p.poller?.once === 'function' && typeof p.read === 'function';
}

function bindingError(message: string, flags: { canceled?: boolean; disconnect?: boolean; code?: string }): Error {
  return Object.assign(new Error(message), flags);
}

/**
 * A read that sees an unplugged device. serialport's Unix read retries a read of 0 bytes forever,
 * but a terminal that is hung up (USB device pulled, socat pair gone) reads 0 bytes forever: a read
 * issued after the hang-up (the one that follows a chunk, or the first one after open while the
 * machine is busy) spins in the thread pool and the port never reports the disconnect. In raw
 * non-blocking mode (VMIN 1) an idle terminal reads EAGAIN, never 0, so 0 bytes means hung up.
 */
async function readOrHangUp(port: UnixPortBinding, buffer: Buffer, offset: number, length: number): Promise<{ bytesRead: number; buffer: Buffer }> {
  for (;;) {
    const fd = port.fd;
    if (!port.isOpen || fd === null) throw bindingError('Port is not open', { canceled: true });
    try {
      const { bytesRead } = await readAsync(fd, buffer, offset, length, null);
      if (bytesRead === 0) throw bindingError('device hung up (end of file on the terminal)', { disconnect: true, code: 'EIO' });
      return { bytesRead, buffer };
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code !== 'EAGAIN' && code !== 'EWOULDBLOCK' && code !== 'EINTR') throw err;
      if (!port.isOpen) throw bindingError('Port is not open', { canceled: true });
      // Nothing to read yet: wait until the poller says readable (or reports the hang-up as an error).
      await new Promise<void>((resolve, reject) => port.poller.once('readable', (e) => (e ? reject(e) : resolve())));
    }
  }
}

/** serialport's detected binding, whose Unix ports read with readOrHangUp. */
const hangUpAwareBinding: typeof SerialPort.binding = {
  ...SerialPort.binding,
  list: () => SerialPort.binding.list(),
  async open(options: Parameters<typeof SerialPort.binding.open>[0]) {
    const port = await SerialPort.binding.open(options as never);
    if (isUnixPortBinding(port)) port.read = (buffer, offset, length) => readOrHangUp(port, buffer, offset, length);
    return port;
  },
} as typeof SerialPort.binding;

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
  private goneReason = '';

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
        port = new SerialPort({ path: options.path, baudRate: options.baudRate, autoOpen: false, lock: false, binding: hangUpAwareBinding } as ConstructorParameters<typeof SerialPort>[0]);
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

  /** Called once when the port goes; a listener added after that is called at once (next tick). */
  onGone(listener: (reason: string) => void): Unsubscribe {
    if (this.gone) {
      let cancelled = false;
      process.nextTick(() => cancelled || listener(this.goneReason));
      return () => {
        cancelled = true;
      };
    }
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
    this.goneReason = reason;
    for (const l of this.goneListeners) l(reason);
  }
}

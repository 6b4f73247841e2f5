// The simulator's end of a pseudo-terminal pair: write bytes (all at once, in pieces, slowly)
// and read what the station sends.
import type { Unsubscribe } from '../../../shared/protocol/device-bridge.ts';
import { SerialLink } from '../serial/serial-link.ts';

export interface SendOptions {
  /** Split into pieces of this many bytes… */
  chunkBytes?: number;
  /** …with this pause between them (a slow reader). */
  gapMs?: number;
}

export class SerialSimPort {
  private readonly link: SerialLink;

  private constructor(link: SerialLink) {
    this.link = link;
  }

  static async open(path: string, baudRate = 9600): Promise<SerialSimPort> {
    return new SerialSimPort(await SerialLink.open({ path, baudRate }));
  }

  async send(bytes: Uint8Array | string, options: SendOptions = {}): Promise<void> {
    const data = typeof bytes === 'string' ? Buffer.from(bytes, 'latin1') : Buffer.from(bytes);
    const size = options.chunkBytes ?? data.length;
    for (let at = 0; at < data.length; at += size) {
      if (at > 0 && options.gapMs) await new Promise((r) => setTimeout(r, options.gapMs));
      await this.link.write(data.subarray(at, at + size));
    }
  }

  onData(listener: (chunk: Buffer) => void): Unsubscribe {
    return this.link.onData(listener);
  }

  close(): Promise<void> {
    return this.link.close();
  }
}

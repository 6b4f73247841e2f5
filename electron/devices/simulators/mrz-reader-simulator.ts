// A simulated MRZ reader: presents cards on its end of a pseudo-terminal pair, framed the way
// different vendors do it, whole, in pieces, slowly, or as garbage.
import { ICAO_SPECIMENS, composeMrz, type CardSpec } from './mrz-compose.ts';
import { SerialSimPort, type SendOptions } from './serial-sim-port.ts';

/** `stx-etx`: STX lines(CR) ETX; `crlf` / `cr`: lines then quiet; `underscore`: `_` for `<`; `one-run`: no line breaks. */
export type MrzFraming = 'stx-etx' | 'crlf' | 'cr' | 'underscore' | 'one-run';

export function frameMrz(lines: readonly string[], framing: MrzFraming): string {
  switch (framing) {
    case 'stx-etx':
      return `\x02${lines.join('\r')}\r\x03`;
    case 'crlf':
      return `${lines.join('\r\n')}\r\n`;
    case 'cr':
      return `${lines.join('\r')}\r`;
    case 'underscore':
      return `${lines.map((l) => l.replace(/</g, '_')).join('\r\n')}\r\n`;
    case 'one-run':
      return `${lines.join('')}\r\n`;
  }
}

export interface MrzReaderSimulator {
  /** A card by its fields (check digits computed), by its MRZ lines, or an ICAO specimen by name. */
  presentCard(card: CardSpec | readonly string[] | keyof typeof ICAO_SPECIMENS, options?: SendOptions & { framing?: MrzFraming }): Promise<void>;
  sendRaw(bytes: Uint8Array | string, options?: SendOptions): Promise<void>;
  close(): Promise<void>;
}

export async function startMrzReaderSimulator(path: string, baudRate = 9600): Promise<MrzReaderSimulator> {
  const port = await SerialSimPort.open(path, baudRate);
  return {
    presentCard(card, options = {}) {
      const lines = typeof card === 'string' ? ICAO_SPECIMENS[card] : Array.isArray(card) ? (card as readonly string[]) : composeMrz(card as CardSpec);
      return port.send(frameMrz(lines, options.framing ?? 'stx-etx'), options);
    },
    sendRaw: (bytes, options) => port.send(bytes, options),
    close: () => port.close(),
  };
}

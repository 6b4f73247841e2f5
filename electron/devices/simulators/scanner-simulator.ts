// A simulated serial QR/barcode scanner: "scans" codes onto its end of a pseudo-terminal pair.
import { SerialSimPort, type SendOptions } from './serial-sim-port.ts';

export interface ScannerSimulator {
  scan(code: string, options?: SendOptions & { terminator?: '\r' | '\r\n' | '\n' }): Promise<void>;
  sendRaw(bytes: Uint8Array | string, options?: SendOptions): Promise<void>;
  close(): Promise<void>;
}

export async function startScannerSimulator(path: string, baudRate = 9600): Promise<ScannerSimulator> {
  const port = await SerialSimPort.open(path, baudRate);
  return {
    scan: (code, options = {}) => port.send(Buffer.from(`${code}${options.terminator ?? '\r'}`, 'utf8'), options),
    sendRaw: (bytes, options) => port.send(bytes, options),
    close: () => port.close(),
  };
}

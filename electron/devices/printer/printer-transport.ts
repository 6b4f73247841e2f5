// How bytes reach a printer: one persistent link (TCP 9100 or serial), so the DLE EOT replies
// come back on the connection that asked. node-thermal-printer only builds the bytes.
import type { Unsubscribe } from '../../../shared/protocol/device-bridge.ts';

export interface PrinterTransport {
  /** `tcp://host:port` or the serial path: for logs and health details. */
  readonly description: string;
  readonly connected: boolean;
  /** Opens the link if it is not open; rejects when the printer cannot be reached. */
  connect(): Promise<void>;
  /** Resolves once the bytes have left this process (drained). */
  write(bytes: Uint8Array): Promise<void>;
  /** Drops unread input, so the next `readByte` is a reply to what is sent next. */
  clearInput(): void;
  readByte(timeoutMs: number): Promise<number | undefined>;
  close(): Promise<void>;
  /** Called when an open link is lost (cable pulled, printer switched off, port gone). */
  onDisconnect(listener: (reason: string) => void): Unsubscribe;
}

/**
 * The interface object node-thermal-printer accepts in place of a URI (it has none for serial):
 * `printer.execute()` hands its buffer to our transport.
 */
export function thermalPrinterInterface(transport: PrinterTransport) {
  return {
    getPrinterName: () => transport.description,
    isPrinterConnected: async () => transport.connected,
    execute: async (buffer: Buffer) => {
      await transport.write(buffer);
      return 'sent';
    },
  };
}

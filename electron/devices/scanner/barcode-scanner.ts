// A QR / barcode scanner on a serial port (appointment and ticket check-in). Keyboard-wedge mode
// is avoided on purpose (brief §7): the keyboard layout corrupts data. Scans are not logged in
// full: an appointment code may be personal.
import { ScanResult, type Unsubscribe } from '../../../shared/protocol/device-bridge.ts';
import { deviceLogger } from '../log.ts';
import type { SerialLink } from '../serial/serial-link.ts';
import { LineFramer } from './line-framer.ts';

const log = deviceLogger('scanner');

export class BarcodeScanner {
  private readonly framer = new LineFramer();
  private readonly listeners = new Set<(scan: ScanResult) => void>();
  private readonly offData: Unsubscribe;

  constructor(link: Pick<SerialLink, 'onData'>) {
    this.offData = link.onData((chunk) => this.receive(chunk));
  }

  onScan(listener: (scan: ScanResult) => void): Unsubscribe {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  receive(chunk: Uint8Array): void {
    const { lines, dropped } = this.framer.push(chunk);
    if (dropped) log.warn({ dropped }, 'dropped overlong scanner lines');
    for (const code of lines) {
      const scan = ScanResult.safeParse({ code });
      if (!scan.success) continue;
      log.info({ length: code.length }, 'code scanned');
      for (const l of this.listeners) l(scan.data);
    }
  }

  detach(): void {
    this.offData();
  }
}

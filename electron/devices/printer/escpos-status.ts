// Real-time status over ESC/POS `DLE EOT n` (brief §7). The printer answers at once, even when
// offline, with one byte of the form 0xx1xx10 (0x12 = all clear). node-thermal-printer's own
// status check only opens a TCP connection, so the bytes and their meaning live here.
import type { PrinterState } from '../../../shared/protocol/device-bridge.ts';

export const DLE_EOT = { printer: 1, offlineCause: 2, paperSensor: 4 } as const;
export type StatusKind = (typeof DLE_EOT)[keyof typeof DLE_EOT];

export const STATUS_BITS = {
  offline: 0x08, // n=1
  coverOpen: 0x04, // n=2
  paperEndStop: 0x20, // n=2
  error: 0x40, // n=2
  paperNearEnd: 0x0c, // n=4
  paperOut: 0x60, // n=4
} as const;

export const ALL_CLEAR = 0x12;

export function statusRequest(n: StatusKind): Buffer {
  return Buffer.from([0x10, 0x04, n]);
}

/** True for a byte of the fixed form 0xx1xx10 — anything else is not a status reply. */
export function isStatusByte(b: number): boolean {
  return (b & 0x93) === 0x12;
}

export interface StatusBytes {
  printer: number;
  offlineCause: number;
  paperSensor: number;
}

/** The one state the kiosk and the dashboard care about; the causes win over the plain offline bit. */
export function printerStateFrom(s: StatusBytes): PrinterState {
  if (s.paperSensor & STATUS_BITS.paperOut || s.offlineCause & STATUS_BITS.paperEndStop) return 'paper_out';
  if (s.offlineCause & STATUS_BITS.coverOpen) return 'cover_open';
  if (s.offlineCause & STATUS_BITS.error) return 'error';
  if (s.printer & STATUS_BITS.offline) return 'offline';
  if (s.paperSensor & STATUS_BITS.paperNearEnd) return 'paper_near_end';
  return 'ready';
}

/** States in which a ticket may be sent: near end still prints (the roll has some metres left). */
export function canPrint(state: PrinterState): boolean {
  return state === 'ready' || state === 'paper_near_end';
}

/** The bytes a printer in `state` answers (the simulator's side of the same table). */
export function statusBytesFor(state: PrinterState): StatusBytes {
  const b: StatusBytes = { printer: ALL_CLEAR, offlineCause: ALL_CLEAR, paperSensor: ALL_CLEAR };
  switch (state) {
    case 'paper_out':
      b.printer |= STATUS_BITS.offline;
      b.offlineCause |= STATUS_BITS.paperEndStop;
      b.paperSensor |= STATUS_BITS.paperOut | STATUS_BITS.paperNearEnd;
      break;
    case 'cover_open':
      b.printer |= STATUS_BITS.offline;
      b.offlineCause |= STATUS_BITS.coverOpen;
      break;
    case 'error':
      b.printer |= STATUS_BITS.offline;
      b.offlineCause |= STATUS_BITS.error;
      break;
    case 'offline':
      b.printer |= STATUS_BITS.offline;
      break;
    case 'paper_near_end':
      b.paperSensor |= STATUS_BITS.paperNearEnd;
      break;
    default:
      break;
  }
  return b;
}

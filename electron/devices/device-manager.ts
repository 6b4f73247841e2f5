// The station's local devices behind the DeviceBridge verbs (shared/protocol/device-bridge.ts):
// built from the station configuration, kept connected (reconnect with backoff when a port goes
// and comes back), and watched, so health changes reach the screens and the hub.
// Electron main forwards these verbs over IPC (electron/main/device-ipc.ts).
import type {
  DeviceBridge, DeviceHealth, DeviceKind, FingerprintResult, IdCardRead, PrinterState, PrintResult, ScanResult, TicketPrintJob, Unsubscribe,
} from '../../shared/protocol/device-bridge.ts';
import { Backoff } from './backoff.ts';
import { StationDevicesConfig, type PrinterConfig, type StationDevicesConfigInput } from './config.ts';
import { FingerprintReader } from './fingerprint/fingerprint-reader.ts';
import { MrzReader } from './id-reader/mrz-reader.ts';
import { deviceLogger } from './log.ts';
import { JobLedger } from './printer/job-ledger.ts';
import { SerialPrinterTransport } from './printer/serial-transport.ts';
import { TcpPrinterTransport } from './printer/tcp-transport.ts';
import { TicketPrinter } from './printer/ticket-printer.ts';
import { BarcodeScanner } from './scanner/barcode-scanner.ts';
import type { SerialLink } from './serial/serial-link.ts';
import { SerialSlot, type Detachable } from './serial/serial-slot.ts';

const log = deviceLogger('device-manager');

export interface DeviceManagerOptions {
  config: StationDevicesConfigInput;
  /** The hub's public identity key (PEM) that ID readings are sealed to (brief §8); without it cards are read but not verified. */
  identityKey?: string;
  /** Printed job ids survive a restart when given (e.g. `<data>/printed-jobs.jsonl`). */
  ledgerFile?: string;
  fontDir?: string;
  now?: () => Date;
  /** How often the printer is asked for its status between tickets (paper out shows within this). */
  printerPollMs?: number;
  reconnectInitialMs?: number;
  reconnectMaxMs?: number;
}

/** What Electron main needs: the bridge's verbs and a way to shut down (StationDevices there). */
export type DeviceManager = Omit<DeviceBridge, 'available'> & {
  start(): void;
  close(): Promise<void>;
};

const PRINTER_HEALTH: Record<PrinterState, DeviceHealth['state']> = {
  ready: 'connected',
  paper_near_end: 'paper_low',
  paper_out: 'paper_out',
  cover_open: 'cover_open',
  error: 'error',
  offline: 'error',
  absent: 'disconnected',
};

export function createDeviceManager(options: DeviceManagerOptions): DeviceManager {
  const config = StationDevicesConfig.parse(options.config);
  const health = new Map<DeviceKind, DeviceHealth>();
  const healthListeners = new Set<(h: DeviceHealth) => void>();
  const idListeners = new Set<(r: IdCardRead) => void>();
  const scanListeners = new Set<(s: ScanResult) => void>();
  const backoff = () => new Backoff(options.reconnectInitialMs ?? 200, options.reconnectMaxMs ?? 1000);
  const now = () => options.now?.() ?? new Date();

  function setHealth(device: DeviceKind, state: DeviceHealth['state'], detail?: string): void {
    const previous = health.get(device);
    if (previous && previous.state === state && previous.detail === detail) return;
    const h: DeviceHealth = { device, state, at: now().toISOString(), ...(detail ? { detail } : {}) };
    health.set(device, h);
    if (previous?.state !== state) log.info({ device, state, detail }, 'device health');
    for (const l of healthListeners) l(h);
  }

  // Printer: one persistent link, status polled between tickets.
  const printer = config.printer ? makePrinter(config.printer) : undefined;
  let pollTimer: NodeJS.Timeout | undefined;
  let stopped = true;
  const printerBackoff = backoff();
  if (printer) printer.onState((s) => setHealth('printer', PRINTER_HEALTH[s], s === 'offline' ? 'printer offline' : undefined));

  function makePrinter(c: PrinterConfig): TicketPrinter {
    const transport = c.kind === 'tcp' ? new TcpPrinterTransport({ host: c.host, port: c.port }) : new SerialPrinterTransport({ path: c.path, baudRate: c.baudRate });
    const ledger = new JobLedger({ file: options.ledgerFile });
    return new TicketPrinter({ transport, widthDots: c.widthDots, nativeQr: c.nativeQr, fonts: c.fonts, fontDir: options.fontDir, ledger });
  }

  async function pollPrinter(): Promise<void> {
    pollTimer = undefined;
    if (!printer || stopped) return;
    const state = await printer.queryStatus();
    if (stopped) return;
    // Absent: retry with backoff; otherwise a steady poll so paper out reaches the dashboard quickly.
    const delay = state === 'absent' ? printerBackoff.delay() : (printerBackoff.reset(), options.printerPollMs ?? 2000);
    pollTimer = setTimeout(() => void pollPrinter(), delay);
  }

  /** A serial device kept open when configured: its health reported, its handler attached on each open. */
  function serialSlot<P extends { path: string; baudRate: number }, H extends Detachable>(
    kind: 'idReader' | 'scanner' | 'fingerprint',
    port: P | undefined,
    attach: (link: SerialLink, port: P) => Promise<H> | H,
  ): SerialSlot<H> | undefined {
    if (!port) return undefined;
    return new SerialSlot({ kind, path: port.path, baudRate: port.baudRate, backoff: backoff(), onHealth: (s, d) => setHealth(kind, s, d), attach: (link) => attach(link, port) });
  }

  const idReader = serialSlot('idReader', config.idReader, (link, port) => {
    const reader = new MrzReader(link, { ...(options.identityKey ? { hubKey: options.identityKey } : {}), now: options.now, rejectExpired: port.rejectExpired });
    reader.onRead((r) => idListeners.forEach((l) => l(r)));
    return reader;
  });

  const scanner = serialSlot('scanner', config.scanner, (link) => {
    const s = new BarcodeScanner(link);
    s.onScan((scan) => scanListeners.forEach((l) => l(scan)));
    return s;
  });

  const fingerprint = serialSlot('fingerprint', config.fingerprint, async (link, port) => {
    const reader = new FingerprintReader(link, { password: port.password, address: port.address, capacity: port.capacity });
    // A port that opens is not yet a module: it must answer the password handshake.
    if (!(await reader.handshake())) {
      reader.detach();
      throw new Error('fingerprint module did not answer the handshake');
    }
    return reader;
  });

  const slots = [idReader, scanner, fingerprint].filter((s) => s !== undefined);

  return {
    start() {
      if (!stopped) return;
      stopped = false;
      for (const kind of ['printer', 'idReader', 'fingerprint', 'scanner'] as const) {
        if (config[kind]) setHealth(kind, 'disconnected');
      }
      for (const slot of slots) slot.start();
      if (printer) void pollPrinter();
    },

    async printTicket(job: TicketPrintJob): Promise<PrintResult> {
      if (!printer) return { ok: false, jobId: job.jobId, printerState: 'absent', message: 'no printer on this station' };
      return printer.print(job);
    },

    async verifyFingerprint(): Promise<FingerprintResult> {
      const reader = fingerprint?.handler;
      if (!reader) return { ok: false, reason: 'absent', message: fingerprint ? 'fingerprint reader not connected' : 'no fingerprint reader on this station' };
      return reader.verify();
    },

    onIdCard(listener) {
      idListeners.add(listener);
      return () => idListeners.delete(listener);
    },

    onScan(listener) {
      scanListeners.add(listener);
      return () => scanListeners.delete(listener);
    },

    async deviceHealth() {
      return [...health.values()];
    },

    onDeviceHealth(listener): Unsubscribe {
      healthListeners.add(listener);
      return () => healthListeners.delete(listener);
    },

    async close() {
      stopped = true;
      if (pollTimer) clearTimeout(pollTimer);
      pollTimer = undefined;
      await Promise.all([...slots.map((s) => s.stop()), printer?.close()]);
    },
  };
}

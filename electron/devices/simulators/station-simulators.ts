// Every simulated device of a kiosk at once — the TCP printer and, where socat exists, an MRZ
// reader, a fingerprint module and a scanner on pseudo-terminals — with a small command language
// to script them (`./dawr devices simulate` reads it from stdin; the demo can call `command`).
import { mkdirSync } from 'node:fs';
import { PrinterState } from '../../../shared/protocol/device-bridge.ts';
import type { StationDevicesConfigInput } from '../config.ts';
import { openPtyPair, socatMissing, type PtyPair } from '../serial/pty-pair.ts';
import { startFingerprintSimulator, type FingerprintSimulator } from './fingerprint-simulator.ts';
import { startMrzReaderSimulator, type MrzFraming, type MrzReaderSimulator } from './mrz-reader-simulator.ts';
import { startPrinterSimulator, type PrinterSimulator } from './printer-simulator.ts';
import { startScannerSimulator, type ScannerSimulator } from './scanner-simulator.ts';

export interface StationSimulatorsOptions {
  printerPort?: number;
  outDir?: string;
  /** Folder for the pseudo-terminal links (device paths for the station configuration). */
  devDir: string;
}

export interface StationSimulators {
  printer: PrinterSimulator;
  /** Why the serial devices are not simulated (no socat), if so. */
  serialSkipped?: string;
  /** The station configuration that uses these simulated devices. */
  config: StationDevicesConfigInput;
  /** Runs one script line (see COMMANDS); resolves with a short answer. */
  command(line: string): Promise<string>;
  close(): Promise<void>;
}

export const COMMANDS = `commands:
  card TD1|TD2|TD3|elderly|expired [stx-etx|crlf|cr|underscore|one-run]   present a card
  card-slow TD1|TD2|TD3     present a card in slow pieces
  card-partial              send half a card
  garbage [idReader|scanner|fingerprint]   send random bytes
  finger <name> | finger-smudged <name> | lift    (page 1 holds "clerk")
  scan <code>               scan a QR or barcode
  printer ready|paper_near_end|paper_out|cover_open|offline|error
  unplug|plug printer|idReader|fingerprint|scanner
  help`;

type SerialKind = 'idReader' | 'fingerprint' | 'scanner';

export async function startStationSimulators(options: StationSimulatorsOptions): Promise<StationSimulators> {
  mkdirSync(options.devDir, { recursive: true });
  const printer = await startPrinterSimulator({ port: options.printerPort ?? 0, outDir: options.outDir });
  const serialSkipped = socatMissing();
  const pairs = new Map<SerialKind, PtyPair>();
  let mrz: MrzReaderSimulator | undefined;
  let fingerprint: FingerprintSimulator | undefined;
  let scanner: ScannerSimulator | undefined;
  const names: Record<SerialKind, string> = { idReader: 'ttyDawrId', fingerprint: 'ttyDawrFinger', scanner: 'ttyDawrScan' };
  const templates: Record<number, string> = { 1: 'clerk' };

  async function plug(kind: SerialKind): Promise<void> {
    if (pairs.has(kind)) return;
    const pair = await openPtyPair(options.devDir, names[kind]);
    pairs.set(kind, pair);
    if (kind === 'idReader') mrz = await startMrzReaderSimulator(pair.simulatorPath);
    if (kind === 'scanner') scanner = await startScannerSimulator(pair.simulatorPath);
    if (kind === 'fingerprint') fingerprint = await startFingerprintSimulator(pair.simulatorPath, { templates: fingerprint ? Object.fromEntries(fingerprint.templates) : templates });
  }

  async function unplug(kind: SerialKind): Promise<void> {
    const pair = pairs.get(kind);
    pairs.delete(kind);
    if (kind === 'idReader') await mrz?.close().catch(() => undefined);
    if (kind === 'scanner') await scanner?.close().catch(() => undefined);
    if (kind === 'fingerprint') await fingerprint?.close().catch(() => undefined);
    await pair?.close();
  }

  if (!serialSkipped) for (const kind of ['idReader', 'fingerprint', 'scanner'] as const) await plug(kind);
  const path = (kind: SerialKind) => `${options.devDir}/${names[kind]}`;
  const config: StationDevicesConfigInput = {
    printer: { kind: 'tcp', host: printer.host, port: printer.port },
    ...(serialSkipped ? {} : { idReader: { path: path('idReader') }, fingerprint: { path: path('fingerprint') }, scanner: { path: path('scanner') } }),
  };

  const cards = {
    elderly: { format: 'TD1' as const, documentNumber: 'SY1234567', optional: '01020304050', birthDate: '480101', expirationDate: '320101', lastName: 'Haddad', firstName: 'Omar' },
    expired: { format: 'TD3' as const, documentNumber: 'N01234567', birthDate: '850505', expirationDate: '200101', lastName: 'Khoury', firstName: 'Lina' },
  };

  async function command(line: string): Promise<string> {
    const [verb, arg = '', extra] = line.trim().split(/\s+/);
    const needSerial = () => {
      if (serialSkipped) throw new Error(serialSkipped);
    };
    switch (verb) {
      case undefined:
      case '':
        return '';
      case 'help':
        return COMMANDS;
      case 'card':
      case 'card-slow': {
        needSerial();
        const which = arg === 'elderly' || arg === 'expired' ? cards[arg] : (['TD1', 'TD2', 'TD3'].includes(arg) ? arg : 'TD1') as 'TD1' | 'TD2' | 'TD3';
        const slow = verb === 'card-slow' ? { chunkBytes: 8, gapMs: 60 } : {};
        await mrz?.presentCard(which, { framing: (extra as MrzFraming | undefined) ?? 'stx-etx', ...slow });
        return `card ${arg || 'TD1'} presented`;
      }
      case 'card-partial':
        needSerial();
        await mrz?.sendRaw('\x02I<UTOD231458907<<<<<<<<<<<<<<<\r7408122F12\x03');
        return 'half a card sent';
      case 'garbage': {
        needSerial();
        const bytes = Buffer.from(Array.from({ length: 64 }, () => Math.floor(Math.random() * 256)));
        if (arg === 'scanner') await scanner?.sendRaw(bytes);
        else if (arg === 'fingerprint') throw new Error('the fingerprint module only answers; use unplug to fault it');
        else await mrz?.sendRaw(bytes);
        return '64 random bytes sent';
      }
      case 'finger':
      case 'finger-smudged':
        needSerial();
        fingerprint?.placeFinger(arg || 'clerk', { quality: verb === 'finger-smudged' ? 'smudged' : 'good' });
        return `finger ${arg || 'clerk'} on the glass`;
      case 'lift':
        fingerprint?.liftFinger();
        return 'finger lifted';
      case 'scan':
        needSerial();
        await scanner?.scan(arg || 'APPT-0001');
        return `scanned ${arg || 'APPT-0001'}`;
      case 'printer': {
        const state = PrinterState.safeParse(arg);
        if (!state.success || state.data === 'absent') throw new Error('printer ready|paper_near_end|paper_out|cover_open|offline|error');
        printer.setState(state.data);
        return `printer ${state.data}`;
      }
      case 'unplug':
      case 'plug': {
        if (arg === 'printer') {
          await (verb === 'unplug' ? printer.unplug() : printer.plug());
        } else if (arg === 'idReader' || arg === 'fingerprint' || arg === 'scanner') {
          needSerial();
          await (verb === 'unplug' ? unplug(arg) : plug(arg));
        } else throw new Error('unplug|plug printer|idReader|fingerprint|scanner');
        return `${arg} ${verb}ged`;
      }
      default:
        throw new Error(`unknown command "${verb}" (try help)`);
    }
  }

  return {
    printer,
    serialSkipped,
    config,
    command,
    async close() {
      for (const kind of [...pairs.keys()]) await unplug(kind);
      await printer.close();
    },
  };
}

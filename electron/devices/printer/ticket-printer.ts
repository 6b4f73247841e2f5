// Prints tickets on one ESC/POS printer: asks DLE EOT before each ticket, sends the ticket once,
// and answers with a PrintResult the kiosk can act on (ok:false → show the ticket on screen).
import { TicketPrintJob, type PrinterState, type PrintResult, type Unsubscribe } from '../../../shared/protocol/device-bridge.ts';
import type { TicketWidthDots } from '../../../shared/ticket/ticket-svg.ts';
import { deviceLogger } from '../log.ts';
import { canPrint, DLE_EOT, isStatusByte, printerStateFrom, statusRequest, type StatusKind } from './escpos-status.ts';
import { JobLedger } from './job-ledger.ts';
import { thermalPrinterInterface, type PrinterTransport } from './printer-transport.ts';
import { appendTicket, escPosBuilder } from './ticket-bytes.ts';

const log = deviceLogger('printer');

export interface TicketPrinterOptions {
  transport: PrinterTransport;
  widthDots?: TicketWidthDots;
  nativeQr?: boolean;
  /** The printer has fonts A/B (ESC !, GS !): Latin lines go as text, not raster. */
  fonts?: boolean;
  fontDir?: string;
  ledger?: JobLedger;
  /** How long to wait for each DLE EOT reply; printers answer within milliseconds. */
  statusTimeoutMs?: number;
}

const STATE_MESSAGE: Record<PrinterState, string> = {
  ready: 'ready',
  paper_near_end: 'paper near end',
  offline: 'printer offline',
  cover_open: 'printer cover open',
  paper_out: 'printer out of paper',
  error: 'printer error',
  absent: 'printer not reachable',
};

export class TicketPrinter {
  private readonly transport: PrinterTransport;
  private readonly options: TicketPrinterOptions;
  private readonly ledger: JobLedger;
  private readonly inFlight = new Map<string, Promise<PrintResult>>();
  private readonly stateListeners = new Set<(state: PrinterState) => void>();
  private chain: Promise<unknown> = Promise.resolve();
  private current: PrinterState = 'absent';

  constructor(options: TicketPrinterOptions) {
    this.options = options;
    this.transport = options.transport;
    this.ledger = options.ledger ?? new JobLedger();
    this.transport.onDisconnect((reason) => {
      log.warn({ printer: this.transport.description, reason }, 'printer link lost');
      this.setState('absent');
    });
  }

  get state(): PrinterState {
    return this.current;
  }

  get description(): string {
    return this.transport.description;
  }

  onState(listener: (state: PrinterState) => void): Unsubscribe {
    this.stateListeners.add(listener);
    return () => this.stateListeners.delete(listener);
  }

  /** Connects if needed and asks the printer; `absent` when it cannot be reached. */
  queryStatus(): Promise<PrinterState> {
    return this.exclusive(() => this.statusNow());
  }

  print(job: TicketPrintJob): Promise<PrintResult> {
    const parsed = TicketPrintJob.safeParse(job);
    if (!parsed.success) {
      const jobId = typeof job?.jobId === 'string' ? job.jobId : '';
      return Promise.resolve({ ok: false, jobId, printerState: this.current, message: 'invalid print job' });
    }
    const valid = parsed.data;
    const known = this.ledger.get(valid.jobId);
    if (known === 'printed') return Promise.resolve({ ok: true, jobId: valid.jobId, printerState: this.current });
    if (known) {
      return Promise.resolve({ ok: false, jobId: valid.jobId, printerState: this.current, message: 'this ticket was already sent once and may be incomplete; it is not printed again' });
    }
    const pending = this.inFlight.get(valid.jobId);
    if (pending) return pending;
    const run = this.exclusive(() => this.printNow(valid)).finally(() => this.inFlight.delete(valid.jobId));
    this.inFlight.set(valid.jobId, run);
    return run;
  }

  async close(): Promise<void> {
    await this.transport.close();
  }

  private async printNow(job: TicketPrintJob): Promise<PrintResult> {
    const before = await this.statusNow();
    if (!canPrint(before)) {
      log.warn({ jobId: job.jobId, state: before }, 'ticket not printed');
      return { ok: false, jobId: job.jobId, printerState: before, message: STATE_MESSAGE[before] };
    }
    const builder = escPosBuilder(this.options.widthDots ?? 576, thermalPrinterInterface(this.transport));
    try {
      appendTicket(builder, job, { widthDots: this.options.widthDots ?? 576, nativeQr: this.options.nativeQr, fonts: this.options.fonts, fontDir: this.options.fontDir });
    } catch (err) {
      log.error({ jobId: job.jobId, err }, 'ticket render failed');
      return { ok: false, jobId: job.jobId, printerState: before, message: 'ticket could not be rendered' };
    }
    this.ledger.set(job.jobId, 'sending');
    try {
      await builder.execute();
    } catch (err) {
      this.ledger.set(job.jobId, 'interrupted');
      log.error({ jobId: job.jobId, err }, 'printer link lost while sending a ticket');
      this.setState(this.transport.connected ? 'error' : 'absent');
      return { ok: false, jobId: job.jobId, printerState: this.current, message: 'connection lost while printing; the ticket is not sent again' };
    }
    // Paper can run out or the cover open during the ticket: then it may be cut short on paper.
    const after = await this.statusNow();
    if (after === 'paper_out' || after === 'cover_open' || after === 'error') {
      this.ledger.set(job.jobId, 'interrupted');
      log.warn({ jobId: job.jobId, state: after }, 'printer fault right after a ticket');
      return { ok: false, jobId: job.jobId, printerState: after, message: `${STATE_MESSAGE[after]} while printing; the ticket may be incomplete` };
    }
    this.ledger.set(job.jobId, 'printed');
    log.info({ jobId: job.jobId, state: after }, 'ticket printed');
    return { ok: true, jobId: job.jobId, printerState: after };
  }

  private async statusNow(): Promise<PrinterState> {
    try {
      await this.transport.connect();
    } catch {
      this.setState('absent');
      return 'absent';
    }
    const printer = await this.ask(DLE_EOT.printer);
    const offlineCause = printer === undefined ? undefined : await this.ask(DLE_EOT.offlineCause);
    const paperSensor = offlineCause === undefined ? undefined : await this.ask(DLE_EOT.paperSensor);
    let state: PrinterState;
    if (printer === undefined || offlineCause === undefined || paperSensor === undefined) {
      // Connected but silent: the printer is there and not answering (busy, hung, wrong device).
      state = this.transport.connected ? 'offline' : 'absent';
    } else {
      state = printerStateFrom({ printer, offlineCause, paperSensor });
    }
    this.setState(state);
    return state;
  }

  /** One DLE EOT round trip; bytes that are not of the status form are skipped. */
  private async ask(n: StatusKind): Promise<number | undefined> {
    const timeout = this.options.statusTimeoutMs ?? 1000;
    this.transport.clearInput();
    try {
      await this.transport.write(statusRequest(n));
    } catch {
      return undefined;
    }
    for (let skipped = 0; skipped < 16; skipped++) {
      const b = await this.transport.readByte(timeout);
      if (b === undefined) return undefined;
      if (isStatusByte(b)) return b;
    }
    return undefined;
  }

  private setState(state: PrinterState): void {
    if (state === this.current) return;
    this.current = state;
    for (const l of this.stateListeners) l(state);
  }

  /** One conversation with the printer at a time: a status poll must not split a ticket. */
  private exclusive<T>(task: () => Promise<T>): Promise<T> {
    const run = this.chain.then(task, task);
    this.chain = run.catch(() => undefined);
    return run;
  }
}

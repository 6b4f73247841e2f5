// A simulated ESC/POS network printer (TCP, like port 9100): decodes what it receives, answers
// DLE EOT from its current state, and saves every cut ticket as a PNG. Used by the tests, the
// hub's demo (in-process) and `./dawr devices simulate`.
import { mkdirSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { join } from 'node:path';
import type { PrinterState, Unsubscribe } from '../../../shared/protocol/device-bridge.ts';
import { deviceLogger } from '../log.ts';
import { monoToPng } from '../mono-raster.ts';
import { canPrint, statusBytesFor } from '../printer/escpos-status.ts';
import { EscPosDecoder } from './escpos-decoder.ts';
import { PaperRoll, type PrintedTicket } from './paper-roll.ts';
import { SerialSimPort } from './serial-sim-port.ts';

export type { PrintedTicket } from './paper-roll.ts';

const log = deviceLogger('printer-simulator');

export interface PrinterSimulatorOptions {
  /** 0 or absent: a free port chosen by the OS (read it back from `.port`). */
  port?: number;
  /** Also (or instead, with `tcp: false`) be a serial printer on this pseudo-terminal path. */
  serialPath?: string;
  tcp?: boolean;
  host?: string;
  /** Where ticket PNGs go; absent: tickets are kept in memory only. */
  outDir?: string;
  widthDots?: 384 | 576;
  state?: PrinterState;
  fontDir?: string;
}

/** `normal`: answers DLE EOT; `silent`: never answers (a hung printer); `garbage`: answers bytes that are not status bytes. */
export type StatusReplyMode = 'normal' | 'silent' | 'garbage';

export interface PrinterSimulator {
  readonly port: number;
  readonly host: string;
  readonly state: PrinterState;
  readonly tickets: readonly PrintedTicket[];
  /** Bytes received while the printer could not print (paper out, cover open…): they are lost. */
  readonly discardedBytes: number;
  readonly statusQueries: number;
  readonly connections: number;
  setState(state: PrinterState): void;
  setStatusReplies(mode: StatusReplyMode): void;
  /** Runs out of paper after `bytes` more bytes of print data (mid-ticket failure). */
  runOutOfPaperAfter(bytes: number): void;
  onTicket(listener: (ticket: PrintedTicket) => void): Unsubscribe;
  /** The next ticket to be cut (or one already cut since `since`, a count of tickets). */
  nextTicket(since?: number): Promise<PrintedTicket>;
  /** Resolves once everything received so far is on paper (tickets cut and saved). */
  settled(): Promise<void>;
  /** Like pulling the network cable: connections dropped, port closed. */
  unplug(): Promise<void>;
  /** Listens again on the same port. */
  plug(): Promise<void>;
  close(): Promise<void>;
}

export async function startPrinterSimulator(options: PrinterSimulatorOptions = {}): Promise<PrinterSimulator> {
  const host = options.host ?? '127.0.0.1';
  const widthDots = options.widthDots ?? 576;
  const tickets: PrintedTicket[] = [];
  const listeners = new Set<(t: PrintedTicket) => void>();
  const sockets = new Set<net.Socket>();
  const roll = new PaperRoll(widthDots, options.fontDir);
  let state: PrinterState = options.state ?? 'ready';
  let replies: StatusReplyMode = 'normal';
  let paperLeft = Infinity;
  let discardedBytes = 0;
  let statusQueries = 0;
  let connections = 0;
  let port = options.port ?? 0;
  if (options.outDir) mkdirSync(options.outDir, { recursive: true });

  // Like a real printer, status queries are answered at once, ahead of the printing itself: the
  // paper work (laying out text, composing and saving the PNG at a cut) is queued and done one
  // step per turn of the event loop, so a DLE EOT right after a ticket is never kept waiting
  // behind it. The steps keep their order, tearing the paper off included.
  const work: (() => void)[] = [];
  let working = false;
  const idle: (() => void)[] = [];
  const step = () => {
    const next = work.shift();
    if (!next) {
      working = false;
      for (const r of idle.splice(0)) r();
      return;
    }
    next();
    setImmediate(step);
  };
  const settled = () => (working ? new Promise<void>((r) => idle.push(r)) : Promise.resolve());
  const later = (fn: () => void) => {
    work.push(fn);
    if (!working) {
      working = true;
      setImmediate(step);
    }
  };

  /** One byte stream to the printer (a TCP connection or a serial port). */
  function attach(io: { write(bytes: Buffer): void }): (chunk: Buffer) => void {
    const decoder = new EscPosDecoder();
    function handle(bytes: Buffer): void {
      if (!bytes.length) return;
      let statusBytes = 0;
      for (const ev of decoder.push(bytes)) {
        if (ev.kind === 'status') {
          statusBytes += 3;
          answerStatus(io, ev.n);
          continue;
        }
        if (!canPrint(state)) continue;
        later(() => {
          const ticket = roll.apply(ev);
          if (ticket) finishTicket(ticket);
        });
      }
      if (!canPrint(state)) discardedBytes += Math.max(0, bytes.length - statusBytes);
    }
    return (chunk: Buffer) => {
      if (canPrint(state) && paperLeft < chunk.length) {
        // The roll ends inside this chunk: what is on paper so far comes out uncut and short.
        const printable = Math.max(0, paperLeft);
        handle(chunk.subarray(0, printable));
        paperLeft = Infinity;
        setState('paper_out');
        handle(chunk.subarray(printable));
        return;
      }
      if (canPrint(state) && paperLeft !== Infinity) paperLeft -= chunk.length;
      handle(chunk);
    };
  }

  function onConnection(socket: net.Socket): void {
    connections++;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    socket.on('data', attach({ write: (b) => socket.write(b) }));
  }

  function answerStatus(io: { write(bytes: Buffer): void }, n: number): void {
    statusQueries++;
    if (replies === 'silent') return;
    if (replies === 'garbage') {
      io.write(Buffer.from([0xff, 0x00]));
      return;
    }
    const s = statusBytesFor(state);
    io.write(Buffer.from([n === 1 ? s.printer : n === 2 ? s.offlineCause : n === 4 ? s.paperSensor : 0x12]));
  }

  function setState(next: PrinterState): void {
    state = next;
    if (!canPrint(next)) {
      later(() => {
        const partial = roll.tearOff();
        if (partial) finishTicket(partial);
      });
    }
  }

  function finishTicket(ticket: PrintedTicket): void {
    if (options.outDir) {
      ticket.pngPath = join(options.outDir, `ticket-${String(ticket.index).padStart(4, '0')}.png`);
      writeFileSync(ticket.pngPath, monoToPng(ticket.image));
      writeFileSync(ticket.pngPath.replace(/\.png$/, '.json'), JSON.stringify({ index: ticket.index, qr: ticket.qr, lines: ticket.lines }, null, 2));
    }
    tickets.push(ticket);
    log.info({ index: ticket.index, png: ticket.pngPath }, 'simulated printer cut a ticket');
    for (const l of listeners) l(ticket);
  }

  let server: net.Server | undefined;
  let serial: SerialSimPort | undefined;
  async function listen(): Promise<void> {
    if (options.serialPath) {
      serial = await SerialSimPort.open(options.serialPath, 115200);
      const sp = serial;
      sp.onData(attach({ write: (b) => void sp.send(b).catch(() => undefined) }));
    }
    if (options.tcp === false) return;
    const s = net.createServer(onConnection);
    await new Promise<void>((resolve, reject) => {
      s.once('error', reject);
      s.listen(port, host, () => resolve());
    });
    port = (s.address() as net.AddressInfo).port;
    server = s;
  }

  async function stop(): Promise<void> {
    const s = server;
    server = undefined;
    const sp = serial;
    serial = undefined;
    await sp?.close();
    for (const socket of sockets) socket.destroy();
    sockets.clear();
    if (s) await new Promise<void>((resolve) => s.close(() => resolve()));
  }

  await listen();

  return {
    get port() {
      return port;
    },
    host,
    get state() {
      return state;
    },
    tickets,
    get discardedBytes() {
      return discardedBytes;
    },
    get statusQueries() {
      return statusQueries;
    },
    get connections() {
      return connections;
    },
    setState,
    setStatusReplies(mode) {
      replies = mode;
    },
    runOutOfPaperAfter(bytes) {
      paperLeft = bytes;
    },
    settled,
    onTicket(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    nextTicket(since = tickets.length) {
      const already = tickets[since];
      if (already) return Promise.resolve(already);
      return new Promise((resolve) => {
        const once = (t: PrintedTicket) => {
          listeners.delete(once);
          resolve(t);
        };
        listeners.add(once);
      });
    },
    unplug: stop,
    plug: listen,
    async close() {
      await stop();
      await settled();
    },
  };
}

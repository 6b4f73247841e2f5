// A simulated R30x fingerprint module on a pseudo-terminal: answers VfyPwd, GenImg, Img2Tz,
// Search, RegModel and Store like the real one, with scriptable fingers and faults.
// A "finger" is a name; the module's template library maps page ids to finger names.
import { CONFIRM } from '../fingerprint/r30x-client.ts';
import { CMD, DEFAULT_ADDRESS, encodeFrame, PID, R30xFrameParser } from '../fingerprint/r30x-frame.ts';
import type { Unsubscribe } from '../../../shared/protocol/device-bridge.ts';
import { SerialSimPort } from './serial-sim-port.ts';

/** `silent`: no answer; `bad_checksum`: answers with a broken sum; `garbage`: noise before each answer; `wrong_password`. */
export type FingerprintFault = 'silent' | 'bad_checksum' | 'garbage' | 'wrong_password';

export interface FingerprintSimulatorOptions {
  password?: number;
  address?: number;
  /** Pre-enrolled templates: page id → finger name. */
  templates?: Record<number, string>;
}

export interface FingerprintSimulator {
  placeFinger(finger: string, options?: { quality?: 'good' | 'smudged' }): void;
  liftFinger(): void;
  /** A fault for the next `times` answers (default: until cleared with `null`). */
  setFault(fault: FingerprintFault | null, times?: number): void;
  readonly templates: ReadonlyMap<number, string>;
  readonly commandsReceived: number;
  /** Every command received, with the confirmation code answered (before any fault is applied). */
  onCommand(listener: (command: number, answer: number) => void): Unsubscribe;
  close(): Promise<void>;
}

export async function startFingerprintSimulator(path: string, options: FingerprintSimulatorOptions = {}): Promise<FingerprintSimulator> {
  const port = await SerialSimPort.open(path, 57600);
  const parser = new R30xFrameParser();
  const templates = new Map<number, string>(Object.entries(options.templates ?? {}).map(([k, v]) => [Number(k), v]));
  const buffers: (string | undefined)[] = [undefined, undefined, undefined];
  let finger: { name: string; quality: 'good' | 'smudged' } | undefined;
  let image: typeof finger;
  let fault: FingerprintFault | null = null;
  let faultTimes = Infinity;
  let commandsReceived = 0;
  const address = options.address ?? DEFAULT_ADDRESS;
  const commandListeners = new Set<(command: number, answer: number) => void>();
  let currentCommand = -1;

  function reply(code: number, data: number[] = []): void {
    for (const l of commandListeners) l(currentCommand, code);
    let activeFault: FingerprintFault | null = null;
    if (fault && faultTimes > 0) {
      activeFault = fault;
      faultTimes--;
      if (faultTimes === 0) fault = null;
    }
    if (activeFault === 'silent') return;
    const frame = encodeFrame({ address, pid: PID.ack, payload: Uint8Array.from([activeFault === 'wrong_password' ? CONFIRM.wrongPassword : code, ...data]) });
    if (activeFault === 'bad_checksum') frame.writeUInt8(frame.readUInt8(frame.length - 1) ^ 0xff, frame.length - 1);
    const bytes = activeFault === 'garbage' ? Buffer.concat([Buffer.from([0x00, 0xef, 0x55, 0x13]), frame]) : frame;
    void port.send(bytes).catch(() => undefined);
  }

  function handle(payload: Uint8Array): void {
    const [cmd, ...p] = payload;
    switch (cmd) {
      case CMD.vfyPwd: {
        const given = ((p[0] ?? 0) << 24) | ((p[1] ?? 0) << 16) | ((p[2] ?? 0) << 8) | (p[3] ?? 0);
        return reply((given >>> 0) === ((options.password ?? 0) >>> 0) ? CONFIRM.ok : CONFIRM.wrongPassword);
      }
      case CMD.genImg:
        image = finger ? { ...finger } : undefined;
        return reply(image ? CONFIRM.ok : CONFIRM.noFinger);
      case CMD.img2Tz: {
        const id = p[0] === 2 ? 2 : 1;
        if (!image) return reply(CONFIRM.noValidImage);
        if (image.quality === 'smudged') return reply(CONFIRM.tooMessy);
        buffers[id] = image.name;
        return reply(CONFIRM.ok);
      }
      case CMD.search: {
        const start = ((p[1] ?? 0) << 8) | (p[2] ?? 0);
        const count = ((p[3] ?? 0) << 8) | (p[4] ?? 0);
        const wanted = buffers[p[0] === 2 ? 2 : 1];
        for (const [page, name] of [...templates].sort((a, b) => a[0] - b[0])) {
          if (page >= start && page < start + count && name === wanted) return reply(CONFIRM.ok, [page >> 8, page & 0xff, 0, 87]);
        }
        return reply(CONFIRM.notFound, [0, 0, 0, 0]);
      }
      case CMD.regModel:
        return reply(buffers[1] && buffers[1] === buffers[2] ? CONFIRM.ok : CONFIRM.combineFail);
      case CMD.store: {
        const page = ((p[1] ?? 0) << 8) | (p[2] ?? 0);
        const name = buffers[p[0] === 2 ? 2 : 1];
        if (page >= 1000) return reply(CONFIRM.badPage);
        if (name) templates.set(page, name);
        return reply(name ? CONFIRM.ok : CONFIRM.flashError);
      }
      default:
        return reply(CONFIRM.packetError);
    }
  }

  port.onData((chunk) => {
    for (const ev of parser.push(chunk)) {
      if (ev.kind === 'error') {
        // The module answers a packet it could not receive with code 01; line noise gets nothing.
        if (ev.error === 'checksum') reply(CONFIRM.packetError);
        continue;
      }
      if (ev.frame.pid !== PID.command || !ev.frame.payload.length) continue;
      commandsReceived++;
      currentCommand = ev.frame.payload[0]!;
      handle(ev.frame.payload);
    }
  });

  return {
    placeFinger(name, o = {}) {
      finger = { name, quality: o.quality ?? 'good' };
    },
    liftFinger() {
      finger = undefined;
    },
    setFault(next, times = Infinity) {
      fault = next;
      faultTimes = times;
    },
    templates,
    get commandsReceived() {
      return commandsReceived;
    },
    onCommand(listener) {
      commandListeners.add(listener);
      return () => commandListeners.delete(listener);
    },
    close: () => port.close(),
  };
}

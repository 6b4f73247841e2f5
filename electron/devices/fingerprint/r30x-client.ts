// Request/acknowledge conversation with an R30x module: one command at a time, each answered by
// an ack packet (pid 07) whose first payload byte is the confirmation code. A command that gets
// no valid ack in time (or a corrupted one) is sent again, a bounded number of times.
import type { Unsubscribe } from '../../../shared/protocol/device-bridge.ts';
import { deviceLogger } from '../log.ts';
import { CMD, DEFAULT_ADDRESS, encodeFrame, PID, R30xFrameParser } from './r30x-frame.ts';

const log = deviceLogger('fingerprint');

export interface R30xLink {
  write(bytes: Uint8Array): Promise<void>;
  onData(listener: (chunk: Buffer) => void): Unsubscribe;
}

export interface R30xClientOptions {
  address?: number;
  password?: number;
  /** Per attempt; modules answer within ~0.5 s except GenImg's image capture. */
  timeoutMs?: number;
  retries?: number;
}

export interface Ack {
  code: number;
  data: Uint8Array;
}

/** Confirmation codes the reader acts on (datasheet names). */
export const CONFIRM = {
  ok: 0x00,
  packetError: 0x01,
  noFinger: 0x02,
  imageFail: 0x03,
  tooMessy: 0x06,
  fewFeatures: 0x07,
  notFound: 0x09,
  combineFail: 0x0a,
  badPage: 0x0b,
  wrongPassword: 0x13,
  noValidImage: 0x15,
  flashError: 0x18,
} as const;

export class R30xTimeout extends Error {
  override readonly name = 'R30xTimeout';
}

export class R30xClient {
  private readonly parser = new R30xFrameParser();
  private readonly link: R30xLink;
  private readonly options: Required<R30xClientOptions>;
  private readonly offData: Unsubscribe;
  private waiter: ((ack: Ack | 'corrupt') => void) | undefined;
  private chain: Promise<unknown> = Promise.resolve();

  constructor(link: R30xLink, options: R30xClientOptions = {}) {
    this.link = link;
    this.options = { address: DEFAULT_ADDRESS, password: 0, timeoutMs: 1000, retries: 2, ...options };
    this.offData = link.onData((chunk) => this.receive(chunk));
  }

  detach(): void {
    this.offData();
    this.waiter?.('corrupt');
  }

  /** VfyPwd: proves the module is there and speaks the protocol. */
  async handshake(): Promise<boolean> {
    const pwd = Buffer.alloc(4);
    pwd.writeUInt32BE(this.options.password >>> 0);
    return (await this.command(CMD.vfyPwd, pwd)).code === CONFIRM.ok;
  }

  genImg(): Promise<Ack> {
    return this.command(CMD.genImg);
  }

  img2Tz(bufferId: 1 | 2): Promise<Ack> {
    return this.command(CMD.img2Tz, [bufferId]);
  }

  /** Search char buffer `bufferId` over `count` pages from `start`: data = pageId(2) score(2). */
  search(bufferId: 1 | 2, start: number, count: number): Promise<Ack> {
    return this.command(CMD.search, [bufferId, start >> 8, start & 0xff, count >> 8, count & 0xff]);
  }

  regModel(): Promise<Ack> {
    return this.command(CMD.regModel);
  }

  store(bufferId: 1 | 2, pageId: number): Promise<Ack> {
    return this.command(CMD.store, [bufferId, pageId >> 8, pageId & 0xff]);
  }

  /** Sends one command and awaits its ack; retried on timeout or a corrupted reply. */
  command(code: number, params: ArrayLike<number> = []): Promise<Ack> {
    const run = this.chain.then(() => this.attempts(code, Uint8Array.from([code, ...Array.from(params)])));
    this.chain = run.catch(() => undefined);
    return run;
  }

  private async attempts(code: number, payload: Uint8Array): Promise<Ack> {
    const frame = encodeFrame({ address: this.options.address, pid: PID.command, payload });
    for (let attempt = 0; ; attempt++) {
      const reply = this.awaitAck();
      await this.link.write(frame);
      const ack = await reply;
      if (ack !== 'timeout' && ack !== 'corrupt') return ack;
      if (attempt >= this.options.retries) throw new R30xTimeout(`fingerprint module: no valid answer to command 0x${code.toString(16)}`);
      log.warn({ command: code, attempt: attempt + 1, problem: ack }, 'fingerprint command retried');
    }
  }

  private awaitAck(): Promise<Ack | 'timeout' | 'corrupt'> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waiter = undefined;
        resolve('timeout');
      }, this.options.timeoutMs);
      this.waiter = (ack) => {
        clearTimeout(timer);
        this.waiter = undefined;
        resolve(ack);
      };
    });
  }

  private receive(chunk: Uint8Array): void {
    for (const ev of this.parser.push(chunk)) {
      if (ev.kind === 'error') {
        // A corrupted ack ends the wait at once (and the command is sent again); noise does not.
        if (ev.error === 'checksum') this.waiter?.('corrupt');
        continue;
      }
      if (ev.frame.pid !== PID.ack || ev.frame.payload.length < 1) continue;
      this.waiter?.({ code: ev.frame.payload[0]!, data: ev.frame.payload.subarray(1) });
    }
  }
}

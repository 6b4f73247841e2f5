// Keeps one serial device open: opens it, attaches the protocol handler, and when the port
// disappears (unplugged) detaches it and tries again with backoff until the port is back.
import type { DeviceHealth, DeviceKind } from '../../../shared/protocol/device-bridge.ts';
import { Backoff } from '../backoff.ts';
import { deviceLogger } from '../log.ts';
import { SerialLink } from './serial-link.ts';

const log = deviceLogger('serial-slot');

export interface Detachable {
  detach(): void;
}

export interface SerialSlotOptions<H extends Detachable> {
  kind: DeviceKind;
  path: string;
  baudRate: number;
  /** Builds the handler on a fresh link; a rejection (e.g. a failed handshake) counts as a failed open. */
  attach: (link: SerialLink) => Promise<H> | H;
  onHealth: (state: DeviceHealth['state'], detail?: string) => void;
  backoff?: Backoff;
}

export class SerialSlot<H extends Detachable> {
  private link: SerialLink | undefined;
  private current: H | undefined;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  private readonly backoff: Backoff;
  private readonly options: SerialSlotOptions<H>;

  constructor(options: SerialSlotOptions<H>) {
    this.options = options;
    this.backoff = options.backoff ?? new Backoff();
  }

  /** The attached handler while the device is connected. */
  get handler(): H | undefined {
    return this.current;
  }

  start(): void {
    this.stopped = false;
    void this.open();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.current?.detach();
    this.current = undefined;
    const link = this.link;
    this.link = undefined;
    await link?.close();
  }

  private async open(): Promise<void> {
    this.timer = undefined;
    if (this.stopped) return;
    const { path, baudRate, kind } = this.options;
    let link: SerialLink;
    try {
      link = await SerialLink.open({ path, baudRate });
    } catch {
      this.options.onHealth('disconnected', `${path} not present`);
      return this.retry();
    }
    if (this.stopped) {
      await link.close();
      return;
    }
    let handler: H;
    try {
      handler = await this.options.attach(link);
    } catch (err) {
      await link.close();
      this.options.onHealth('error', err instanceof Error ? err.message : 'device did not answer');
      return this.retry();
    }
    if (this.stopped) {
      handler.detach();
      await link.close();
      return;
    }
    this.link = link;
    this.current = handler;
    this.backoff.reset();
    log.info({ kind, path }, 'device connected');
    this.options.onHealth('connected');
    link.onGone((reason) => {
      if (this.link !== link) return;
      handler.detach();
      this.current = undefined;
      this.link = undefined;
      log.warn({ kind, path, reason }, 'device gone');
      this.options.onHealth('disconnected', reason);
      this.retry();
    });
  }

  private retry(): void {
    if (this.stopped || this.timer) return;
    this.timer = setTimeout(() => void this.open(), this.backoff.delay());
  }
}

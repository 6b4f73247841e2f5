// Sends device health changes to the hub (`POST /api/v1/devices/health`), so the dashboard shows
// a printer out of paper within seconds (brief §9). When the hub cannot be reached, the latest
// state of each device is kept and sent again later: a fault must not be lost in a network blip.
import type { DeviceHealth, DeviceKind, Unsubscribe } from '../../shared/protocol/device-bridge.ts';
import { Backoff } from './backoff.ts';
import { deviceLogger } from './log.ts';

const log = deviceLogger('hub-health');

export interface HubHealthReporterOptions {
  /** Base URL of the hub, e.g. `http://hub.local:8080`. */
  hubUrl: string;
  /** The station's device token (from pairing). */
  deviceToken: string;
  fetch?: typeof fetch;
  retryInitialMs?: number;
  retryMaxMs?: number;
}

export class HubHealthReporter {
  private readonly options: HubHealthReporterOptions;
  private readonly pending = new Map<DeviceKind, DeviceHealth>();
  private readonly backoff: Backoff;
  private timer: NodeJS.Timeout | undefined;
  private sending: Promise<void> | undefined;
  private closed = false;

  constructor(options: HubHealthReporterOptions) {
    this.options = options;
    this.backoff = new Backoff(options.retryInitialMs ?? 1000, options.retryMaxMs ?? 30_000);
  }

  /** Reports the current health of every device, then each change. */
  attach(source: { deviceHealth(): Promise<DeviceHealth[]>; onDeviceHealth(l: (h: DeviceHealth) => void): Unsubscribe }): Unsubscribe {
    const off = source.onDeviceHealth((h) => this.report(h));
    void source.deviceHealth().then((all) => all.forEach((h) => this.report(h)));
    return off;
  }

  report(health: DeviceHealth): void {
    if (this.closed) return;
    this.pending.set(health.device, health);
    void this.flush();
  }

  /** Resolves once everything reported so far was sent, or a send failed (a retry is scheduled). */
  flush(): Promise<void> {
    this.sending ??= this.sendAll().finally(() => {
      this.sending = undefined;
    });
    return this.sending;
  }

  close(): void {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private async sendAll(): Promise<void> {
    while (this.pending.size && !this.closed) {
      const [device, health] = this.pending.entries().next().value!;
      const ok = await this.post(health);
      if (!ok) {
        this.scheduleRetry();
        return;
      }
      // A newer state may have arrived meanwhile; only drop what was sent.
      if (this.pending.get(device) === health) this.pending.delete(device);
      this.backoff.reset();
    }
  }

  private async post(h: DeviceHealth): Promise<boolean> {
    const doFetch = this.options.fetch ?? fetch;
    try {
      const res = await doFetch(new URL('/api/v1/devices/health', this.options.hubUrl), {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${this.options.deviceToken}` },
        body: JSON.stringify({ device: h.device, state: h.state, ...(h.detail ? { detail: h.detail } : {}) }),
        signal: AbortSignal.timeout(5000),
      });
      if (res.ok) return true;
      // 4xx other than 429: the hub refuses this report for good (bad token, bad body); do not loop.
      if (res.status >= 400 && res.status < 500 && res.status !== 429) {
        log.error({ status: res.status, device: h.device }, 'hub refused a device health report');
        this.pending.delete(h.device);
        return true;
      }
      log.warn({ status: res.status }, 'hub health report failed; will retry');
      return false;
    } catch (err) {
      log.warn({ err }, 'hub not reachable for health report; will retry');
      return false;
    }
  }

  private scheduleRetry(): void {
    if (this.timer || this.closed) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.flush();
    }, this.backoff.delay());
  }
}

// Fingerprint verification and enrolment on an R30x module. Templates never leave the module
// (brief §7): verification answers with the matching page id and score, enrolment stores the
// template on the module under a page id chosen by the caller.
import type { FingerprintResult } from '../../../shared/protocol/device-bridge.ts';
import { deviceLogger } from '../log.ts';
import { CONFIRM, R30xClient, R30xTimeout, type R30xClientOptions, type R30xLink } from './r30x-client.ts';

const log = deviceLogger('fingerprint');

export interface FingerprintReaderOptions extends R30xClientOptions {
  /** Template pages searched (module capacity: 162 on R307, 300 on AS608, 1000 on R307S). */
  capacity?: number;
  /** How long a citizen or clerk has to put a finger on the glass. */
  fingerTimeoutMs?: number;
  /** Pause between "is there a finger?" questions while waiting. */
  pollMs?: number;
}

export type EnrollResult = { ok: true; pageId: number } | { ok: false; reason: 'timeout' | 'no_finger' | 'device_error' | 'absent' | 'mismatch'; message: string };

type Failure = Extract<FingerprintResult, { ok: false }>;

export class FingerprintReader {
  readonly client: R30xClient;
  private readonly options: FingerprintReaderOptions;
  private busy: Promise<unknown> = Promise.resolve();

  constructor(link: R30xLink, options: FingerprintReaderOptions = {}) {
    this.client = new R30xClient(link, options);
    this.options = options;
  }

  detach(): void {
    this.client.detach();
  }

  async handshake(): Promise<boolean> {
    try {
      return await this.client.handshake();
    } catch {
      return false;
    }
  }

  /** Waits for a finger, then searches the module's templates. */
  verify(): Promise<FingerprintResult> {
    return this.one(async () => {
      const captured = await this.capture(1);
      if (captured) return captured;
      const found = await this.client.search(1, 0, this.options.capacity ?? 162);
      if (found.code === CONFIRM.notFound) return { ok: true, matched: false };
      if (found.code !== CONFIRM.ok || found.data.length < 4) return deviceError(`search failed (code ${found.code})`);
      const pageId = (found.data[0]! << 8) | found.data[1]!;
      const score = (found.data[2]! << 8) | found.data[3]!;
      log.info({ pageId, score }, 'fingerprint matched');
      return { ok: true, matched: true, pageId, score };
    });
  }

  /** Two captures of the same finger (lifted in between), combined and stored at `pageId`. */
  enroll(pageId: number): Promise<EnrollResult> {
    return this.one<EnrollResult>(async () => {
      const first = await this.capture(1);
      if (first) return first;
      const lifted = await this.waitForLift();
      if (lifted) return lifted;
      const second = await this.capture(2);
      if (second) return second;
      const model = await this.client.regModel();
      if (model.code === CONFIRM.combineFail) return { ok: false, reason: 'mismatch', message: 'the two captures are not the same finger' };
      if (model.code !== CONFIRM.ok) return deviceError(`combining failed (code ${model.code})`);
      const stored = await this.client.store(1, pageId);
      if (stored.code !== CONFIRM.ok) return deviceError(`storing failed (code ${stored.code})`);
      log.info({ pageId }, 'fingerprint enrolled');
      return { ok: true, pageId };
    });
  }

  /** GenImg until a finger is on the glass, then Img2Tz into `bufferId`; a failure result or undefined. */
  private async capture(bufferId: 1 | 2): Promise<Failure | undefined> {
    const deadline = Date.now() + (this.options.fingerTimeoutMs ?? 10_000);
    for (;;) {
      const img = await this.client.genImg();
      if (img.code === CONFIRM.ok) break;
      if (img.code !== CONFIRM.noFinger && img.code !== CONFIRM.imageFail) return deviceError(`image capture failed (code ${img.code})`);
      if (Date.now() >= deadline) return { ok: false, reason: 'no_finger', message: 'no finger was placed in time' };
      await pause(this.options.pollMs ?? 100);
    }
    const tz = await this.client.img2Tz(bufferId);
    if (tz.code === CONFIRM.ok) return undefined;
    // A smudged or partial print: the person should try again, not a device fault.
    if (tz.code === CONFIRM.tooMessy || tz.code === CONFIRM.fewFeatures || tz.code === CONFIRM.noValidImage) {
      return { ok: false, reason: 'no_finger', message: 'the fingerprint image was not clear enough; try again' };
    }
    return deviceError(`feature extraction failed (code ${tz.code})`);
  }

  private async waitForLift(): Promise<Failure | undefined> {
    const deadline = Date.now() + (this.options.fingerTimeoutMs ?? 10_000);
    for (;;) {
      const img = await this.client.genImg();
      if (img.code === CONFIRM.noFinger) return undefined;
      if (Date.now() >= deadline) return { ok: false, reason: 'timeout', message: 'the finger was not lifted' };
      await pause(this.options.pollMs ?? 100);
    }
  }

  /** One operation at a time; protocol timeouts become results, never exceptions. */
  private one<T extends { ok: boolean }>(task: () => Promise<T | Failure>): Promise<T | Failure> {
    const run = this.busy.then(task).catch((err: unknown): Failure => {
      if (err instanceof R30xTimeout) return { ok: false, reason: 'timeout', message: 'the fingerprint module did not answer' };
      log.error({ err }, 'fingerprint operation failed');
      return { ok: false, reason: 'device_error', message: 'fingerprint module error' };
    });
    this.busy = run;
    return run;
  }
}

function deviceError(message: string): Failure {
  return { ok: false, reason: 'device_error', message };
}

function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

// Test support: a real hub on a free port with its own temporary SQLite folder, and a small
// client for its API. Every test gets its own hub; nothing is shared between tests.
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Clock } from '../../shared/domain/clock.ts';
import { type HubOptions, type RunningHub, startHub } from '../../electron/hub/hub.ts';
import { createLogger } from '../../electron/node-common/log.ts';

export interface TestHub {
  hub: RunningHub;
  url: string;
  dir: string;
  api: ApiClient;
  close(): Promise<void>;
}

let demoTemplate: Promise<string> | undefined;

/**
 * The demo hall seeded once per test process (staff passwords take ~0.2 s each to hash with
 * scrypt), then copied into each test's own folder.
 */
function demoDatabase(): Promise<string> {
  demoTemplate ??= (async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dawr-template-'));
    const hub = await startHub({ dataDir: dir, port: 0, demo: true, log: createLogger({ level: 'silent' }) });
    await hub.close();
    process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
    return join(dir, 'dawr.sqlite');
  })();
  return demoTemplate;
}

export async function startTestHub(options: { demo?: boolean; clock?: Clock; dir?: string; issuePerMinute?: number; feedbackPer10Minutes?: number; voiceDir?: string; loopbackExempt?: boolean; more?: Partial<HubOptions> } = {}): Promise<TestHub> {
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'dawr-test-'));
  if ((options.demo ?? true) && !options.dir) copyFileSync(await demoDatabase(), join(dir, 'dawr.sqlite'));
  const hub = await startHub({
    dataDir: dir,
    port: 0,
    demo: options.demo ?? true,
    log: createLogger({ level: 'silent' }),
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.issuePerMinute ? { issuePerMinute: options.issuePerMinute } : {}),
    ...(options.feedbackPer10Minutes ? { feedbackPer10Minutes: options.feedbackPer10Minutes } : {}),
    ...(options.voiceDir ? { voiceDir: options.voiceDir } : {}),
    ...(options.loopbackExempt !== undefined ? { loopbackExempt: options.loopbackExempt } : {}),
    ...options.more,
  });
  return {
    hub,
    url: hub.url,
    dir,
    api: new ApiClient(hub.url),
    async close() {
      await hub.close();
      if (!options.dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface Reply<T = any> {
  status: number;
  body: T;
}

export class ApiClient {
  readonly url: string;
  constructor(url: string) {
    this.url = url;
  }

  async request<T = any>(method: string, path: string, options: { token?: string; body?: unknown; raw?: string; headers?: Record<string, string> } = {}): Promise<Reply<T>> {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    let payload: string | undefined;
    if (options.raw !== undefined) payload = options.raw;
    else if (options.body !== undefined) payload = JSON.stringify(options.body);
    if (payload !== undefined) headers['content-type'] ??= 'application/json';
    const res = await fetch(`${this.url}${path}`, { method, headers, ...(payload !== undefined ? { body: payload } : {}) });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  }

  get<T = any>(path: string, token?: string) {
    return this.request<T>('GET', path, token ? { token } : {});
  }

  post<T = any>(path: string, token: string | undefined, body?: unknown) {
    return this.request<T>('POST', path, { ...(token ? { token } : {}), ...(body !== undefined ? { body } : {}) });
  }

  async login(username: string, password: string): Promise<string> {
    const r = await this.post('/api/v1/auth/login', undefined, { username, password });
    if (r.status !== 200) throw new Error(`login ${username}: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body.token as string;
  }

  /** Pairs a new device through a one-time code made by the admin, as a real kiosk would. */
  async pairDevice(adminToken: string, role: 'kiosk' | 'display' | 'counter', name: string): Promise<string> {
    const code = await this.post('/api/v1/devices/pairing-codes', adminToken, { role });
    if (code.status !== 201) throw new Error(`pairing code: ${code.status}`);
    const paired = await this.post('/api/v1/devices/pair', undefined, { code: code.body.code, name });
    if (paired.status !== 201) throw new Error(`pair: ${paired.status}`);
    return paired.body.token as string;
  }
}

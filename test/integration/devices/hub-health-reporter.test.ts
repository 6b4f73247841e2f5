import { afterEach, describe, expect, it } from 'vitest';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { HubHealthReporter } from '../../../electron/devices/hub-health-reporter.ts';
import type { DeviceHealth, Unsubscribe } from '../../../shared/protocol/device-bridge.ts';

interface Received {
  auth: string | undefined;
  body: unknown;
}

/** A stand-in hub endpoint on a free port; `status` decides the answer. */
async function fakeHub(status: () => number): Promise<{ url: string; received: Received[]; next: () => Promise<Received>; close: () => Promise<void> }> {
  const received: Received[] = [];
  const waiters: ((r: Received) => void)[] = [];
  const server = http.createServer((req, res) => {
    let data = '';
    req.on('data', (c) => (data += c));
    req.on('end', () => {
      const code = status();
      if (req.method === 'POST' && req.url === '/api/v1/devices/health' && code < 300) {
        const r = { auth: req.headers.authorization, body: JSON.parse(data) as unknown };
        received.push(r);
        waiters.shift()?.(r);
      }
      res.writeHead(code).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received,
    next: () => new Promise((resolve) => waiters.push(resolve)),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

const health = (state: DeviceHealth['state'], detail?: string): DeviceHealth => ({ device: 'printer', state, at: new Date().toISOString(), ...(detail ? { detail } : {}) });

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

describe('hub health reporter', () => {
  it('posts {device, state, detail} with the device token', async () => {
    const hub = await fakeHub(() => 204);
    cleanups.push(hub.close);
    const reporter = new HubHealthReporter({ hubUrl: hub.url, deviceToken: 'tok-123' });
    cleanups.push(() => reporter.close());
    const got = hub.next();
    reporter.report(health('paper_out', 'printer out of paper'));
    expect(await got).toEqual({ auth: 'Bearer tok-123', body: { device: 'printer', state: 'paper_out', detail: 'printer out of paper' } });
  });

  it('sends the current health on attach, then every change', async () => {
    const hub = await fakeHub(() => 204);
    cleanups.push(hub.close);
    const listeners = new Set<(h: DeviceHealth) => void>();
    const source = {
      deviceHealth: async () => [health('connected')],
      onDeviceHealth: (l: (h: DeviceHealth) => void): Unsubscribe => (listeners.add(l), () => listeners.delete(l)),
    };
    const reporter = new HubHealthReporter({ hubUrl: hub.url, deviceToken: 't' });
    cleanups.push(() => reporter.close());
    const first = hub.next();
    const off = reporter.attach(source);
    expect((await first).body).toMatchObject({ state: 'connected' });
    const second = hub.next();
    listeners.forEach((l) => l(health('cover_open')));
    expect((await second).body).toMatchObject({ state: 'cover_open' });
    off();
  });

  it('keeps the latest state while the hub is down and delivers it when the hub answers again', async () => {
    let up = false;
    const hub = await fakeHub(() => (up ? 204 : 503));
    cleanups.push(hub.close);
    const reporter = new HubHealthReporter({ hubUrl: hub.url, deviceToken: 't', retryInitialMs: 20, retryMaxMs: 50 });
    cleanups.push(() => reporter.close());
    reporter.report(health('paper_low'));
    await reporter.flush();
    reporter.report(health('paper_out'));
    await reporter.flush();
    up = true;
    expect((await hub.next()).body).toMatchObject({ state: 'paper_out' });
    expect(hub.received).toHaveLength(1);
  });
});

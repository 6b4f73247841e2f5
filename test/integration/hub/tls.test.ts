// HTTPS on the hall LAN: `--tls-cert`/`--tls-key` make the hub serve TLS, so passwords, tokens and
// sealed ID data never cross the network in clear. A throwaway self-signed certificate from openssl.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { get } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningHub, startHub } from '../../../electron/hub/hub.ts';
import { parseHubArgs } from '../../../electron/hub/cli.ts';
import { createLogger } from '../../../electron/node-common/log.ts';

let dir: string;
let hub: RunningHub;
let ca: Buffer;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'dawr-tls-'));
  execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-days', '1', '-subj', '/CN=localhost',
    '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')], { stdio: 'ignore' });
  ca = readFileSync(join(dir, 'cert.pem'));
  const o = parseHubArgs(['--data', join(dir, 'data'), '--port', '0', '--tls-cert', join(dir, 'cert.pem'), '--tls-key', join(dir, 'key.pem')]);
  hub = await startHub({ dataDir: o.data, port: 0, log: createLogger({ level: 'silent' }), ...(o.tls ? { tls: o.tls } : {}) });
});
afterAll(async () => {
  await hub?.close();
  rmSync(dir, { recursive: true, force: true });
});

const fetchTls = (url: string) =>
  new Promise<{ status: number; hsts: string | undefined; body: string }>((resolve, reject) => {
    get(url, { ca }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, hsts: res.headers['strict-transport-security'] as string | undefined, body }));
    }).on('error', reject);
  });

describe('the hub over TLS', () => {
  it('serves HTTPS with its certificate, and plain HTTP gets no answer', async () => {
    expect(hub.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const r = await fetchTls(`${hub.url}/api/health`);
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body)).toMatchObject({ status: 'ok' });
    expect(r.hsts).toMatch(/max-age=\d+/);
    await expect(fetch(hub.url.replace('https', 'http') + '/api/health')).rejects.toThrow();
  });

  it('refuses half a TLS configuration with a clear message', () => {
    expect(() => parseHubArgs(['--tls-cert', join(dir, 'cert.pem')])).toThrow(/--tls-cert and --tls-key go together/);
    expect(() => parseHubArgs(['--tls-cert', join(dir, 'nope.pem'), '--tls-key', join(dir, 'key.pem')])).toThrow(/--tls-cert: cannot read/);
  });
});

import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { rendererCsp, stationPageCsp } from '../../../electron/main/csp.ts';
import { createAppHandler, registerAppScheme, resolveAppRequest } from '../../../electron/main/protocol.ts';
import { FakeElectron } from './fake-electron.ts';

const base = mkdtempSync(join(tmpdir(), 'dawr-protocol-'));
const roots = { rendererDir: join(base, 'dist', 'renderer'), stationPagesDir: join(base, 'dist', 'pages') };
const handler = createAppHandler(roots, (surface) => (surface === 'renderer' ? rendererCsp('http://192.168.1.10:4700') : stationPageCsp()));
const get = (url: string, method = 'GET') => handler(new Request(url, { method }));

beforeAll(() => {
  mkdirSync(join(roots.rendererDir, 'assets'), { recursive: true });
  writeFileSync(join(roots.rendererDir, 'index.html'), '<!doctype html><title>renderer</title>');
  writeFileSync(join(roots.rendererDir, 'assets', 'app.js'), 'console.log(1)');
  mkdirSync(join(roots.stationPagesDir, 'first-run'), { recursive: true });
  writeFileSync(join(roots.stationPagesDir, 'first-run', 'index.html'), '<!doctype html><title>setup</title>');
  // Secrets next to the served folders: none of them may be reachable.
  writeFileSync(join(base, 'dist', 'secret.txt'), 'secret');
  writeFileSync(join(base, 'secret.txt'), 'secret');
});

describe('app:// protocol', () => {
  it('registers app as a standard, secure scheme before ready', () => {
    const electron = new FakeElectron();
    registerAppScheme(electron);
    expect(electron.schemes).toEqual([expect.objectContaining({ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) })]);
  });

  it('serves bundled renderer files with their type and the CSP header', async () => {
    const response = await get('app://dawr/assets/app.js');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/javascript');
    expect(response.headers.get('content-security-policy')).toContain("connect-src 'self' http://192.168.1.10:4700 ws://192.168.1.10:4700");
    expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(await response.text()).toBe('console.log(1)');
  });

  it.each(['/', '/kiosk', '/counter', '/display', '/dashboard', '/admin', '/admin/services/42'])('falls back to index.html for the screen route %s', async (route) => {
    const response = await get(`app://dawr${route}`);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('renderer');
  });

  it('answers 404 for a missing file or an unknown route, not index.html', async () => {
    expect((await get('app://dawr/assets/missing.js')).status).toBe(404);
    expect((await get('app://dawr/somewhere-else')).status).toBe(404);
  });

  it.each([
    'app://dawr/..%2f..%2fsecret.txt',
    'app://dawr/..%2fsecret.txt',
    'app://dawr/assets/..%2f..%2f..%2fsecret.txt',
    'app://dawr/%2e%2e/%2e%2e/secret.txt',
    'app://dawr/..%5c..%5csecret.txt',
    'app://dawr/assets%2f..%2f..%2fsecret.txt',
    'app://dawr/%00index.html',
    'app://dawr/%E0%A4%A',
    'app://station/first-run/..%2f..%2fsecret.txt',
    'app://station/..%2fsecret.txt',
  ])('refuses the path traversal %s', async (url) => {
    const response = await get(url);
    expect([400, 403, 404]).toContain(response.status);
    expect(await response.text()).not.toContain('secret');
  });

  it('normalises plain ../ segments inside the root (URL parsing) and never leaves it', () => {
    const resolved = resolveAppRequest('app://dawr/../../secret.txt', roots);
    expect('file' in resolved && resolved.file.startsWith(roots.rendererDir)).toBe(true);
  });

  it('serves the station pages only from their own folders, with the no-network CSP', async () => {
    const response = await get('app://station/first-run/');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toContain("connect-src 'none'");
    expect((await get('app://station/other/index.html')).status).toBe(404);
  });

  it('refuses other hosts and methods', async () => {
    expect((await get('app://evil/index.html')).status).toBe(403);
    expect((await get('app://dawr/kiosk', 'POST')).status).toBe(405);
  });
});

describe('content security policy', () => {
  it('lets the renderer reach only the hub (https hub → wss)', () => {
    const csp = rendererCsp('https://hub.hall.local:4443');
    expect(csp).toContain("connect-src 'self' https://hub.hall.local:4443 wss://hub.hall.local:4443");
    expect(csp).toContain("img-src 'self' data: blob:");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
  });

  it('without a hub yet, connect-src is the app only', () => {
    expect(rendererCsp(null)).toContain("connect-src 'self';");
  });
});

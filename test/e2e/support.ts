// Shared steps for the browser tests: sign-ins, pairing, language, screenshots, axe.
import { expect, type Browser, type BrowserContext, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { test } from '@playwright/test';
import type { ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnHub } from '../support/hub-process.ts';

export const screensDir = fileURLToPath(new URL('../../test-results/screens/', import.meta.url));
mkdirSync(screensDir, { recursive: true });

export type Lang = 'ar' | 'en';

export async function api<T = unknown>(url: string, path: string, opts: { method?: string; token?: string; body?: unknown } = {}): Promise<{ status: number; body: T }> {
  const res = await fetch(`${url}${path}`, {
    method: opts.method ?? (opts.body === undefined ? 'GET' : 'POST'),
    headers: { ...(opts.body !== undefined ? { 'content-type': 'application/json' } : {}), ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}) },
    body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T };
}

export type Login = { token: string; expiresAt: string; user: { id: string; username: string; role: string; displayName?: string } };

export async function login(url: string, username: string, password: string): Promise<Login> {
  const r = await api<Login>(url, '/api/v1/auth/login', { body: { username, password } });
  expect(r.status).toBe(200);
  return r.body;
}

export const demoPassword = (u: string) => (u.startsWith('clerk') ? 'dawr-clerk' : `dawr-${u}`);

/** A device token for a kiosk or display, through a pairing code made by the admin. */
export async function pairDevice(url: string, role: 'kiosk' | 'display' | 'counter', name: string): Promise<string> {
  const admin = await login(url, 'admin', 'dawr-admin');
  const code = await api<{ code: string }>(url, '/api/v1/devices/pairing-codes', { token: admin.token, body: { role } });
  expect([200, 201]).toContain(code.status);
  const paired = await api<{ token: string }>(url, '/api/v1/devices/pair', { body: { code: code.body.code, name } });
  expect([200, 201]).toContain(paired.status);
  return paired.body.token;
}

/** A browser context in a language, optionally already signed in (staff) or paired (device). */
export async function contextFor(browser: Browser, o: { lang: Lang; width: number; height: number; staff?: Login; device?: { role: 'kiosk' | 'display'; token: string }; digits?: 'arab' | 'latn' }): Promise<BrowserContext> {
  const ctx = await browser.newContext({ viewport: { width: o.width, height: o.height }, locale: o.lang, timezoneId: 'Asia/Riyadh' });
  await ctx.addInitScript(
    ({ lang, staff, device, digits }) => {
      localStorage.setItem('dawr.lang', lang);
      localStorage.setItem('dawr.digits', digits);
      if (device) localStorage.setItem(`dawr.device.${device.role}`, device.token);
      if (staff && !sessionStorage.getItem('dawr.staff')) sessionStorage.setItem('dawr.staff', JSON.stringify(staff));
    },
    { lang: o.lang, staff: o.staff ?? null, device: o.device ?? null, digits: o.digits ?? 'arab' },
  );
  return ctx;
}

export async function shot(page: Page, name: string): Promise<void> {
  await page.evaluate(() => document.fonts.ready);
  await page.screenshot({ path: `${screensDir}${name}.png`, fullPage: false });
}

/** No serious or critical axe violation on the page as it is now. */
export async function expectAccessible(page: Page, label: string): Promise<void> {
  const r = await new AxeBuilder({ page }).analyze();
  const bad = r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const text = bad.map((v) => `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join('\n    ')}`).join('\n  ');
  expect(text || 'none', `${label}: serious or critical axe violations`).toBe('none');
}

/** A demo hub with `days` of generated history for the specs of this file, and a manager signed in; stopped after them. */
export function demoHubWithHistory(name: string, days = 45): { readonly url: string; readonly manager: Login } {
  let child: ChildProcess | undefined;
  let dir = '';
  const out = { url: '', manager: undefined as unknown as Login };
  test.beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), `dawr-e2e-${name}-`));
    const hub = await spawnHub(['--demo', '--demo-history', String(days), '--host', '127.0.0.1', '--data', dir]);
    out.url = hub.url;
    child = hub.child;
    out.manager = await login(hub.url, 'manager', 'dawr-manager');
  });
  test.afterAll(async () => {
    if (child && child.exitCode === null) {
      const done = new Promise((r) => child!.once('exit', r));
      child.kill('SIGTERM');
      await done;
    }
    rmSync(dir, { recursive: true, force: true });
  });
  return out;
}

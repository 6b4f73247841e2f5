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
export async function contextFor(browser: Browser, o: { lang: Lang; width: number; height: number; staff?: Login; device?: { role: 'kiosk' | 'display'; token: string }; digits?: 'arab' | 'latn'; address?: string }): Promise<BrowserContext> {
  // `address`: the browser as a visitor of its own, named by X-Forwarded-For to a server that
  // trusts this machine as its proxy (per-address limits then count this browser alone).
  const ctx = await browser.newContext({ viewport: { width: o.width, height: o.height }, locale: o.lang, timezoneId: 'Asia/Riyadh', ...(o.address ? { extraHTTPHeaders: { 'x-forwarded-for': o.address } } : {}) });
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

/**
 * No serious or critical axe violation on the page as it is now; and on an Arabic page in the
 * Arabic-Indic setting, one digit system (expectOneDigitSystem).
 */
export async function expectAccessible(page: Page, label: string): Promise<void> {
  // Legacy mode: axe runs in the page itself, without opening a blank page in which to gather
  // the results of frames (the screens have none) — that page was half of every check's time.
  const r = await new AxeBuilder({ page }).setLegacyMode(true).analyze();
  const bad = r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const text = bad.map((v) => `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join('\n    ')}`).join('\n  ');
  expect(text || 'none', `${label}: serious or critical axe violations`).toBe('none');
  await expectOneDigitSystem(page, label);
}

/**
 * On an Arabic page whose digits are Arabic-Indic (<html lang="ar" data-digits="arab">), no
 * Western digit shows outside an identifier: every visible text (SVG chart labels too), every
 * option of a list and the value of every field. Identifiers keep the digits they are printed
 * and typed with, the same on every screen, paper and message: ticket numbers, booking,
 * complaint and pairing codes, phone numbers, usernames, device names, keys (F1), addresses,
 * paths, file names and versions — marked in the page with data-ident (or <code>/<kbd>); a ticket
 * number is known by its form anywhere. Names people typed (a clerk's, a service's) and the
 * product's own words (the 940 line) are shown in the hall's digits (f.name, f.text). A field
 * being typed in keeps what is typed until it is left. The English parts of a bilingual screen (lang="en") keep Western digits.
 */
export async function expectOneDigitSystem(page: Page, label: string): Promise<void> {
  const found = await page.evaluate(() => {
    const root = document.documentElement;
    if (root.lang !== 'ar' || root.dataset.digits !== 'arab') return null;
    // A ticket number is an identifier wherever it stands, in a sentence too.
    const western = (s: string) => /[0-9]/.test(s.replace(/\b[A-Z]-\d{3}\b/g, ''));
    // Identifiers, and the English parts of a bilingual screen (the hall display, the kiosk's welcome).
    const ident = (el: Element | null) => Boolean(el?.closest('[data-ident], code, kbd, script, style, noscript, title')) || el?.closest('[lang]')?.getAttribute('lang')?.startsWith('en') === true;
    const where = (el: Element) => {
      const parts: string[] = [];
      for (let e: Element | null = el; e && e !== document.body && parts.length < 4; e = e.parentElement) {
        const id = e.getAttribute('data-testid');
        parts.unshift(id ? `${e.tagName.toLowerCase()}[data-testid=${id}]` : e.tagName.toLowerCase() + (e.classList[0] ? `.${e.classList[0]}` : ''));
        if (id) break;
      }
      return parts.join(' > ');
    };
    const out: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      const text = n.textContent ?? '';
      if (!el || !western(text) || ident(el)) continue;
      const option = el.closest('option');
      if (!option && !el.checkVisibility({ visibilityProperty: true, opacityProperty: false })) continue;
      if (option && !(option.parentElement?.closest('select') as HTMLElement | null)?.checkVisibility()) continue;
      out.push(`${where(el)}: "${text.trim().slice(0, 60)}"`);
    }
    for (const f of Array.from(document.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>('input, textarea'))) {
      // What is being typed stays as typed until the field is left; a slider shows no digits.
      if (['hidden', 'password', 'file', 'checkbox', 'radio', 'color', 'range'].includes(f.type) || f === document.activeElement || ident(f) || !f.checkVisibility()) continue;
      for (const v of [f.value, f.placeholder]) if (western(v)) out.push(`${where(f)} (field): "${v.slice(0, 60)}"`);
    }
    return out;
  });
  if (found === null) return;
  expect(found.slice(0, 15).join('\n  ') || 'none', `${label}: Western digits on an Arabic screen in the Arabic-Indic setting (${found.length})`).toBe('none');
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

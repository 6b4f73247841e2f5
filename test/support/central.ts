// Test support for central: a database of its own on the run's PostgreSQL (global-postgres.ts),
// central in this process or as its own OS process (so a test can SIGKILL it), and the admin
// steps a municipality takes (a municipality, its centres, enrolment codes).
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { inject } from 'vitest';

const dawr = fileURLToPath(new URL('../../scripts/dawr.ts', import.meta.url));

/** A new, empty database on the run's PostgreSQL; `drop()` removes it. */
export async function freshDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const base = inject('postgresUrl');
  if (!base) throw new Error(`no PostgreSQL for this run (test/support/global-postgres.ts): ${inject('postgresError')}`);
  const name = `t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client(base);
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = base.replace(/\/[^/]+$/, `/${name}`);
  return {
    url,
    async drop() {
      const c = new pg.Client(base);
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

export interface CentralProcess {
  url: string;
  child: ChildProcess;
  exited: Promise<number | null>;
  /** First start only: the platform admin's password. */
  password?: string;
}

/** Starts `dawr central` on `databaseUrl` as its own process; resolves once it listens. */
export function spawnCentral(databaseUrl: string, o: { port?: number; data: string }): Promise<CentralProcess> {
  const child = spawn(process.execPath, [dawr, 'central', '--port', String(o.port ?? 0), '--data', o.data], {
    stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, DATABASE_URL: databaseUrl, DAWR_LOG_LEVEL: 'warn' },
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`central did not start in 30 s:\n${out}`)), 30_000);
    const onData = (d: Buffer) => {
      out += d.toString();
      const m = /Dawr central \S+ — (http:\/\/\S+)/.exec(out);
      if (!m || !/\n\n/.test(out.slice(m.index))) return;
      clearTimeout(timer);
      child.stdout!.off('data', onData);
      child.stderr!.off('data', onData);
      child.stdout!.resume();
      child.stderr!.resume();
      const pw = /sign in as platform \/ (\S+)/.exec(out);
      resolve({ url: m[1]!, child, exited, ...(pw ? { password: pw[1]! } : {}) });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`central exited (${code}) before listening: ${out}`));
    });
  });
}

export async function api<T = unknown>(url: string, path: string, init: { method?: string; token?: string; body?: unknown } = {}): Promise<{ status: number; body: T }> {
  const res = await fetch(`${url}${path}`, {
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
    headers: { ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}), ...(init.token ? { authorization: `Bearer ${init.token}` } : {}) },
    ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T };
}

export async function signIn(url: string, username: string, password: string): Promise<string> {
  const r = await api<{ token: string }>(url, '/api/v1/auth/login', { body: { username, password } });
  if (r.status !== 200) throw new Error(`sign-in of ${username} failed: ${JSON.stringify(r.body)}`);
  return r.body.token;
}

/** A municipality with `centres` centres, each with a fresh enrolment code (as its admin would do it). */
export async function municipalityWith(url: string, token: string, id: string, centres: string[]): Promise<{ id: string; centres: { id: string; code: string; name: string }[] }> {
  const m = await api(url, '/api/v1/municipalities', { token, body: { id, name: { ar: `بلدية ${id}`, en: `Municipality ${id}` } } });
  if (m.status !== 201) throw new Error(JSON.stringify(m.body));
  const out = [];
  for (const name of centres) {
    const b = await api<{ id: string }>(url, '/api/v1/branches', { token, body: { municipalityId: id, name: { ar: `مركز ${name}`, en: `Centre ${name}` }, district: name } });
    if (b.status !== 201) throw new Error(JSON.stringify(b.body));
    const c = await api<{ code: string }>(url, `/api/v1/branches/${b.body.id}/enrolment`, { token, method: 'POST', body: {} });
    out.push({ id: b.body.id, code: c.body.code, name });
  }
  return { id, centres: out };
}

/** Waits for `check` to hold (polling every 25 ms), failing with `what` after `ms`. */
export async function until<T>(what: string, check: () => Promise<T | undefined | false>, ms = 45_000): Promise<T> {
  const end = Date.now() + ms;
  let last: unknown;
  for (;;) {
    try {
      const v = await check();
      if (v) return v;
    } catch (err) {
      last = err;
    }
    if (Date.now() > end) throw new Error(`waited ${ms / 1000} s for ${what}${last ? `: ${(last as Error).message}` : ''}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

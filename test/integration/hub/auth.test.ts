// Sign-in, pairing, roles and deny-by-default, over a real hub with a real SQLite file.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type TestHub, startTestHub } from '../../support/hub.ts';
import { manualClock } from '../../../shared/domain/clock.ts';
import { PRINCIPAL_KEPT_MS, SESSION_HOURS } from '../../../electron/hub/auth/auth-store.ts';

let t: TestHub;
beforeEach(async () => { t = await startTestHub(); });
afterEach(async () => { await t.close(); });

describe('staff sign-in', () => {
  it('gives a token and the user for the right password', async () => {
    const r = await t.api.post('/api/v1/auth/login', undefined, { username: 'clerk1', password: 'dawr-clerk' });
    expect(r.status).toBe(200);
    expect(r.body.user).toMatchObject({ username: 'clerk1', role: 'clerk' });
    expect(r.body.token).toMatch(/^[\w-]{40,}$/);
    expect(Date.parse(r.body.expiresAt)).toBeGreaterThan(Date.now());
  });

  it('refuses a wrong password or unknown user with 401 and the error shape', async () => {
    for (const body of [{ username: 'clerk1', password: 'nope-nope' }, { username: 'ghost', password: 'dawr-clerk' }]) {
      const r = await t.api.post('/api/v1/auth/login', undefined, body);
      expect(r.status).toBe(401);
      expect(r.body).toEqual({ error: { code: 'unauthorized', message: expect.any(String) } });
    }
  });

  it('answers a malformed body with 400', async () => {
    for (const raw of ['{"username":1}', '{nope', '{"username":"a","password":"b","extra":true}']) {
      const r = await t.api.request('POST', '/api/v1/auth/login', { raw });
      expect(r.status, raw).toBe(400);
      expect(r.body.error.code).toBe('invalid_input');
    }
  });

  it('records sign-ins and failures in the audit log', async () => {
    await t.api.post('/api/v1/auth/login', undefined, { username: 'clerk1', password: 'wrong-pass' });
    const admin = await t.api.login('admin', 'dawr-admin');
    const audit = await t.api.get('/api/v1/admin/audit', admin);
    const actions = audit.body.map((e: { action: string }) => e.action);
    expect(actions).toContain('login.failed');
    expect(actions).toContain('login');
  });
});

describe('changing a password', () => {
  it('needs the current password, ends the old sessions, and the new password signs in', async () => {
    const old1 = await t.api.login('clerk2', 'dawr-clerk');
    const old2 = await t.api.login('clerk2', 'dawr-clerk');
    const wrong = await t.api.post('/api/v1/auth/password', old1, { currentPassword: 'nope-nope', newPassword: 'a-new-pass-2026' });
    expect(wrong.status).toBe(403);
    expect((await t.api.post('/api/v1/auth/password', old1, { currentPassword: 'dawr-clerk', newPassword: 'short' })).status).toBe(400);
    const changed = await t.api.post('/api/v1/auth/password', old1, { currentPassword: 'dawr-clerk', newPassword: 'a-new-pass-2026' });
    expect(changed.status).toBe(200);
    expect((await t.api.get('/api/v1/me', old2)).status).toBe(401);
    expect((await t.api.get('/api/v1/me', changed.body.token)).status).toBe(200);
    expect((await t.api.post('/api/v1/auth/login', undefined, { username: 'clerk2', password: 'dawr-clerk' })).status).toBe(401);
    expect(await t.api.login('clerk2', 'a-new-pass-2026')).toEqual(expect.any(String));
  });
});

describe('deny by default', () => {
  it('refuses every non-public route without a token (401) or with a bad one (401)', async () => {
    const spec = (await t.api.get('/api/v1/openapi.json')).body;
    const guarded = Object.entries(spec.paths as Record<string, Record<string, { 'x-access': unknown }>>).flatMap(([path, ops]) =>
      Object.entries(ops).filter(([, op]) => op['x-access'] !== 'public').map(([method]) => ({ method: method.toUpperCase(), path: path.replace(/\{\w+\}/g, 'x') })));
    expect(guarded.length).toBeGreaterThan(25);
    for (const { method, path } of guarded) {
      const none = await t.api.request(method, path, method === 'POST' ? { body: {} } : {});
      expect(none.status, `${method} ${path}`).toBe(401);
      const bad = await t.api.request(method, path, { token: 'forged-token', ...(method === 'POST' ? { body: {} } : {}) });
      expect(bad.status, `${method} ${path}`).toBe(401);
    }
  });

  it('refuses a role that may not act with 403', async () => {
    const clerk = await t.api.login('clerk1', 'dawr-clerk');
    const manager = await t.api.login('manager', 'dawr-manager');
    expect((await t.api.get('/api/v1/stats/live', clerk)).status).toBe(403);
    expect((await t.api.get('/api/v1/stats/live', manager)).status).toBe(200);
    expect((await t.api.post('/api/v1/devices/pairing-codes', clerk, { role: 'kiosk' })).status).toBe(403);
    expect((await t.api.post('/api/v1/tickets', manager, { serviceId: 'reception', lang: 'ar' })).status).toBe(403);
    expect((await t.api.get('/api/v1/admin/staff', manager)).status).toBe(403);
  });
});

describe('device pairing', () => {
  it('exchanges a one-time code for a kiosk token that issues tickets but cannot serve them', async () => {
    const admin = await t.api.login('admin', 'dawr-admin');
    const code = await t.api.post('/api/v1/devices/pairing-codes', admin, { role: 'kiosk' });
    expect(code.status).toBe(201);
    expect(code.body.code).toMatch(/^[2-9A-Z]{8}$/);
    const paired = await t.api.post('/api/v1/devices/pair', undefined, { code: code.body.code, name: 'Kiosk by the door' });
    expect(paired.status).toBe(201);
    expect(paired.body).toMatchObject({ role: 'kiosk', deviceId: expect.any(String), token: expect.any(String) });

    const again = await t.api.post('/api/v1/devices/pair', undefined, { code: code.body.code, name: 'Thief' });
    expect(again.status).toBe(401);

    const kiosk = paired.body.token as string;
    const ticket = await t.api.post('/api/v1/tickets', kiosk, { serviceId: 'reception', lang: 'ar' });
    expect(ticket.status).toBe(201);
    expect((await t.api.post('/api/v1/counters/counter-1/call-next', kiosk)).status).toBe(403);
    expect((await t.api.post(`/api/v1/tickets/${ticket.body.id}/cancel`, kiosk)).status).toBe(403);
  });

  it('stores the device token hashed and stops a revoked device at once', async () => {
    const admin = await t.api.login('admin', 'dawr-admin');
    const kiosk = await t.api.pairDevice(admin, 'kiosk', 'Kiosk 2');
    const devices = await t.api.get('/api/v1/admin/devices', admin);
    expect(JSON.stringify(devices.body)).not.toContain(kiosk);
    const { Database } = await import('../../support/sqlite.ts');
    const db = new Database(`${t.dir}/dawr.sqlite`, { readonly: true });
    const rows = JSON.stringify(db.prepare('SELECT * FROM devices').all()) + JSON.stringify(db.prepare('SELECT * FROM sessions').all());
    db.close();
    expect(rows).not.toContain(kiosk);

    const id = devices.body.find((d: { name: string }) => d.name === 'Kiosk 2').id;
    expect((await t.api.post(`/api/v1/admin/devices/${id}/revoke`, admin)).status).toBe(204);
    expect((await t.api.post('/api/v1/tickets', kiosk, { serviceId: 'reception', lang: 'en' })).status).toBe(401);
  });

  it('refuses an unknown code and a bad body', async () => {
    expect((await t.api.post('/api/v1/devices/pair', undefined, { code: 'ZZZZZZZZ', name: 'x' })).status).toBe(401);
    expect((await t.api.post('/api/v1/devices/pair', undefined, { code: 'ZZ' })).status).toBe(400);
  });
});

describe('a credential in use', () => {
  // The hub keeps who a token is for a moment (auth-store.ts PRINCIPAL_KEPT_MS): every token below
  // is used just before it is taken away, so a kept answer would let it through.
  const usable = async (token: string) => (await t.api.get('/api/v1/me', token)).status;
  const staffId = async (admin: string, username: string) =>
    ((await t.api.get('/api/v1/admin/staff', admin)).body as { id: string; username: string }[]).find((u) => u.username === username)!.id;

  it('stops at once when it is revoked, signed out, its password or role changes, or its account is disabled', async () => {
    const admin = await t.api.login('admin', 'dawr-admin');
    const kiosk = await t.api.pairDevice(admin, 'kiosk', 'Kiosk in use');
    expect((await t.api.post('/api/v1/tickets', kiosk, { serviceId: 'reception', lang: 'en' })).status).toBe(201);
    const id = (await t.api.get('/api/v1/admin/devices', admin)).body.find((d: { name: string }) => d.name === 'Kiosk in use').id;
    expect((await t.api.post(`/api/v1/admin/devices/${id}/revoke`, admin)).status).toBe(204);
    expect((await t.api.post('/api/v1/tickets', kiosk, { serviceId: 'reception', lang: 'en' })).status).toBe(401);

    const cases: [string, string, (token: string, userId: string) => Promise<unknown>][] = [
      ['clerk1', 'signed out', (token) => t.api.post('/api/v1/auth/logout', token)],
      ['clerk2', 'its password reset', (_token, userId) => t.api.post(`/api/v1/admin/staff/${userId}/password`, admin, { password: 'a-new-pass-2026' })],
      ['clerk3', 'its role changed', (_token, userId) => t.api.post(`/api/v1/admin/staff/${userId}`, admin, { role: 'supervisor' })],
      ['clerk4', 'its account disabled', (_token, userId) => t.api.post(`/api/v1/admin/staff/${userId}`, admin, { active: false })],
      ['clerk5', 'its sessions ended', (_token, userId) => t.api.post(`/api/v1/admin/staff/${userId}/end-sessions`, admin)],
    ];
    for (const [username, what, takeAway] of cases) {
      const token = await t.api.login(username, 'dawr-clerk');
      // A second session (sign-ins are rate-limited per address: two accounts have one): a sign-out
      // ends one session, a new password every session of the account.
      const other = ['clerk1', 'clerk2'].includes(username) ? await t.api.login(username, 'dawr-clerk') : undefined;
      expect(await usable(token), username).toBe(200);
      if (other) expect(await usable(other), username).toBe(200);
      await takeAway(token, await staffId(admin, username));
      expect(await usable(token), `${username}: ${what}`).toBe(401);
      if (other) expect(await usable(other), `${username}: ${what}, its other session`).toBe(what === 'signed out' ? 200 : 401);
    }
    expect(await usable(admin)).toBe(200);
  });

  it('stops when its session expires, and a change made to the database outside the hub holds within moments', async () => {
    await t.close();
    const clock = manualClock(Date.now());
    t = await startTestHub({ clock });
    const clerk = await t.api.login('clerk1', 'dawr-clerk');
    expect(await usable(clerk)).toBe(200);
    clock.advance(SESSION_HOURS * 3_600_000 + 1);
    expect(await usable(clerk)).toBe(401);

    const admin = await t.api.login('admin', 'dawr-admin');
    const kiosk = await t.api.pairDevice(admin, 'kiosk', 'Kiosk revoked elsewhere');
    expect((await t.api.get('/api/v1/queue', kiosk)).status).toBe(200);
    const { Database } = await import('../../support/sqlite.ts');
    const db = new Database(`${t.dir}/dawr.sqlite`);
    db.prepare("UPDATE devices SET revoked_at = '2026-01-01T00:00:00Z' WHERE name = 'Kiosk revoked elsewhere'").run();
    db.close();
    const refusedBy = performance.now() + PRINCIPAL_KEPT_MS + 5_000;
    let status = 200;
    while (status === 200 && performance.now() < refusedBy) {
      status = (await t.api.get('/api/v1/queue', kiosk)).status;
      if (status === 200) await new Promise((r) => setTimeout(r, 100));
    }
    expect(status).toBe(401);
  });
});

describe('rate limit', () => {
  it('limits ticket issue per device with 429 and issues nothing more', async () => {
    await t.close();
    t = await startTestHub({ issuePerMinute: 5 });
    const admin = await t.api.login('admin', 'dawr-admin');
    const kiosk = await t.api.pairDevice(admin, 'kiosk', 'Busy kiosk');
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) statuses.push((await t.api.post('/api/v1/tickets', kiosk, { serviceId: 'reception', lang: 'ar' })).status);
    expect(statuses).toEqual([201, 201, 201, 201, 201, 429, 429]);
    const limited = await t.api.post('/api/v1/tickets', kiosk, { serviceId: 'reception', lang: 'ar' });
    expect(limited.body.error.code).toBe('rate_limited');
    const queue = await t.api.get('/api/v1/queue', admin);
    expect(queue.body.tickets).toHaveLength(5);
    // Another kiosk is not held back by the first one's limit.
    const other = await t.api.pairDevice(admin, 'kiosk', 'Quiet kiosk');
    expect((await t.api.post('/api/v1/tickets', other, { serviceId: 'reception', lang: 'ar' })).status).toBe(201);
  });
});

describe("the hub's identity key", () => {
  it('is public and given to kiosks and counter stations, not to hall screens or clerks; the pseudonym key never leaves the hub', async () => {
    const admin = await t.api.login('admin', 'dawr-admin');
    const kiosk = await t.api.pairDevice(admin, 'kiosk', 'K');
    const display = await t.api.pairDevice(admin, 'display', 'D');
    const clerk = await t.api.login('clerk1', 'dawr-clerk');
    const key = await t.api.get('/api/v1/devices/identity-key', kiosk);
    expect(key.status).toBe(200);
    expect(key.body.publicKey).toMatch(/^-----BEGIN PUBLIC KEY-----/);
    expect(key.body.publicKey).not.toMatch(/PRIVATE/);
    expect((await t.api.get('/api/v1/devices/identity-key', display)).status).toBe(403);
    expect((await t.api.get('/api/v1/devices/identity-key', clerk)).status).toBe(403);
    expect((await t.api.get('/api/v1/devices/pseudonym-key', kiosk)).status).toBe(404);
  });
});

describe('the all-in-one station hub', () => {
  it('starts the hall (demo when asked) with a kiosk token of its own', async () => {
    const { startHub } = await import('../../../electron/hub/start-hub.ts');
    const { mkdtempSync, rmSync } = await import('node:fs');
    const dir = mkdtempSync(`${t.dir}-aio`);
    const hub = await startHub({ dataDir: dir, demo: true });
    try {
      const r = await fetch(`${hub.url}/api/v1/tickets`, { method: 'POST', headers: { authorization: `Bearer ${hub.deviceToken}`, 'content-type': 'application/json' }, body: JSON.stringify({ serviceId: 'reception', lang: 'ar' }) });
      expect(r.status).toBe(201);
    } finally {
      await hub.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

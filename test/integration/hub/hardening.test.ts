// The hub as an outsider would probe it: what device tokens can read, how fast a revoked
// credential is cut off, account lockout, who did what, clean text, headers and the Host check.
import { pseudonym, sealIdNumber } from '../../../electron/devices/id-reader/sealed-id.ts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { manualClock } from '../../../shared/domain/clock.ts';
import { screensOn } from '../../support/event-stream.ts';
import { type TestHub, startTestHub } from '../../support/hub.ts';

let t: TestHub;
let admin: string;
let clerk: string;
const screens = screensOn(() => t.url);
const screen = screens.open;

beforeEach(async () => {
  t = await startTestHub();
  admin = await t.api.login('admin', 'dawr-admin');
  clerk = await t.api.login('clerk7', 'dawr-clerk');
});
afterEach(async () => {
  await screens.closeAll();
  await t.close();
});

const NOTE = 'citizen disclosed a private matter';
const COMMENT = 'the clerk was slow';

/** A served ticket with a note and a rated comment, one waiting ticket, one at a counter. */
async function busyHall(kiosk: string) {
  PSEUDONYM = pseudonym(ID_NUMBER, t.hub.ctx.installationSecret);
  const served = (await t.api.post('/api/v1/tickets', kiosk, { serviceId: 'reception', lang: 'ar', idSealed: sealIdNumber(ID_NUMBER, t.hub.ctx.identityKey.publicKey, Date.now()) })).body;
  expect(served.identityVerified).toBe(true);
  const waiting = (await t.api.post('/api/v1/tickets', kiosk, { serviceId: 'reception', lang: 'en' })).body;
  expect(served.trackingCode, 'the issuing kiosk gets the code it prints').toMatch(/^[0-9A-Z]{6,16}$/);
  await t.api.post('/api/v1/counters/counter-7/open', clerk);
  await t.api.post('/api/v1/counters/counter-7/call-next', clerk);
  await t.api.post(`/api/v1/tickets/${served.id}/start`, clerk);
  expect((await t.api.post(`/api/v1/tickets/${served.id}/complete`, clerk, { outcome: 'completed', note: NOTE })).status).toBe(200);
  expect((await t.api.post(`/api/v1/track/${served.trackingCode}/rating`, undefined, { rating: 2, reason: COMMENT })).status).toBe(204);
  const third = (await t.api.post('/api/v1/tickets', kiosk, { serviceId: 'reception', lang: 'ar' })).body;
  await t.api.post('/api/v1/counters/counter-7/call-next', clerk);
  return { served, waiting, third, codes: [served.trackingCode as string, waiting.trackingCode as string, third.trackingCode as string] };
}

const ID_NUMBER = '1029384756';
let PSEUDONYM = '';
const personal = (text: string, codes: string[]) => [NOTE, COMMENT, PSEUDONYM, ID_NUMBER, ...codes].filter((s) => text.includes(s));

describe('devices see nothing personal', () => {
  it('on every GET endpoint they may call and on the event stream (snapshot, events, resume)', async () => {
    const kiosk = await t.api.pairDevice(admin, 'kiosk', 'Kiosk 1');
    const tokens = { kiosk, display: await t.api.pairDevice(admin, 'display', 'Hall screen'), counter: await t.api.pairDevice(admin, 'counter', 'Counter PC') };
    const live = Object.fromEntries(Object.entries(tokens).map(([role, token]) => [role, screen(token)]));
    await Promise.all(Object.values(live).map((s) => s.waitFor((m) => m.kind === 'snapshot')));
    const hall = await busyHall(kiosk);
    const lastSeq = t.hub.ctx.hall.lastSeq();

    // Every GET path of the API, parameters filled with real ids.
    const spec = (await t.api.get('/api/v1/openapi.json')).body as { paths: Record<string, Record<string, unknown>> };
    const paths = Object.entries(spec.paths).filter(([, ops]) => 'get' in ops).map(([p]) => p.replace('{id}', hall.served.id).replace('{code}', hall.served.trackingCode));
    paths.push(`/api/v1/tickets/${hall.waiting.id}`, `/api/v1/tickets/${hall.third.id}`, '/api/v1/tickets?status=finished');
    expect(paths.length).toBeGreaterThan(10);

    for (const [role, token] of Object.entries(tokens)) {
      let readable = 0;
      for (const path of paths) {
        // The public tracking page is its code holder's; the description holds no data.
        if (path.startsWith('/api/v1/track/') || path === '/api/v1/openapi.json') continue;
        const r = await t.api.get(path, token);
        if (r.status !== 200) continue;
        readable++;
        expect(personal(JSON.stringify(r.body), hall.codes), `${role} GET ${path}`).toEqual([]);
      }
      expect(readable, `${role} can read the hall`).toBeGreaterThan(3);

      const s = live[role]!;
      await s.waitFor((m) => m.seq === lastSeq);
      expect(personal(JSON.stringify(s.messages), hall.codes), `${role} stream`).toEqual([]);
      const resumed = screen(token, 0);
      await resumed.waitFor((m) => m.seq === lastSeq);
      expect(personal(JSON.stringify(resumed.messages), hall.codes), `${role} resumed stream`).toEqual([]);
      const fresh = screen(token);
      const snap = await fresh.waitFor((m) => m.kind === 'snapshot');
      expect(personal(JSON.stringify(snap), hall.codes), `${role} snapshot`).toEqual([]);
    }

    // Staff do see them (the rule removes, it does not lose).
    const staff = screen(admin);
    const snap = await staff.waitFor((m) => m.kind === 'snapshot');
    expect(JSON.stringify(snap)).toContain(NOTE);
    expect((await t.api.get(`/api/v1/tickets/${hall.served.id}`, clerk)).body.note).toBe(NOTE);
  });

  it("sizes each screen's snapshot: a kiosk gets no tickets, a display no waiting ones, both get the counts", async () => {
    const kiosk = await t.api.pairDevice(admin, 'kiosk', 'Kiosk 1');
    await busyHall(kiosk);
    const snapOf = async (token: string) => (await screen(token).waitFor((m) => m.kind === 'snapshot')).snapshot as unknown as { audience: string; tickets: { status: string }[]; queue: { serviceId: string; waiting: number }[] };
    const k = await snapOf(kiosk);
    expect(k.audience).toBe('kiosk');
    expect(k.tickets).toEqual([]);
    expect(k.queue.find((q) => q.serviceId === 'reception')?.waiting).toBe(1);
    const d = await snapOf(await t.api.pairDevice(admin, 'display', 'Hall'));
    expect(d.audience).toBe('display');
    expect(d.tickets.map((x) => x.status).sort()).toEqual(['called', 'done']);
    const s = await snapOf(admin);
    expect(s.tickets.map((x) => x.status).sort()).toEqual(['called', 'done', 'waiting']);
  });
});

describe('revocation really revokes', () => {
  it('closes the stream of a revoked device at once, and its token stops working', async () => {
    const token = await t.api.pairDevice(admin, 'display', 'Stolen screen');
    const s = screen(token);
    await s.waitFor((m) => m.kind === 'snapshot');
    const devices = (await t.api.get('/api/v1/admin/devices', admin)).body as { id: string; name: string }[];
    const id = devices.find((d) => d.name === 'Stolen screen')!.id;
    expect((await t.api.post(`/api/v1/admin/devices/${id}/revoke`, admin)).status).toBe(204);
    expect((await s.closed).code).toBe(4401);
    expect((await t.api.get('/api/v1/queue', token)).status).toBe(401);
  });

  it('sign-out ends the session on the hub; a password change or an admin ends every session', async () => {
    const s = screen(clerk);
    await s.waitFor((m) => m.kind === 'snapshot');
    expect((await t.api.post('/api/v1/auth/logout', clerk)).status).toBe(204);
    expect((await s.closed).code).toBe(4401);
    expect((await t.api.get('/api/v1/queue', clerk)).status).toBe(401);

    const sup = await t.api.login('supervisor', 'dawr-supervisor');
    const supStream = screen(sup);
    await supStream.waitFor((m) => m.kind === 'snapshot');
    const users = (await t.api.get('/api/v1/admin/staff', admin)).body as { id: string; username: string }[];
    const supId = users.find((u) => u.username === 'supervisor')!.id;
    expect((await t.api.post(`/api/v1/admin/staff/${supId}/end-sessions`, admin)).body).toEqual({ ended: 1 });
    expect((await supStream.closed).code).toBe(4401);
    expect((await t.api.get('/api/v1/queue', sup)).status).toBe(401);

    // Reset by the admin: the old password no longer works, the new one does.
    expect((await t.api.post(`/api/v1/admin/staff/${supId}/password`, admin, { password: 'a-new-password' })).status).toBe(204);
    expect((await t.api.post('/api/v1/auth/login', undefined, { username: 'supervisor', password: 'dawr-supervisor' })).status).toBe(401);
    const again = await t.api.login('supervisor', 'a-new-password');

    // Disabled: signed out everywhere and refused at sign-in; enabled again: back.
    const againStream = screen(again);
    await againStream.waitFor((m) => m.kind === 'snapshot');
    const disabled = await t.api.post(`/api/v1/admin/staff/${supId}`, admin, { active: false });
    expect(disabled.body).toMatchObject({ username: 'supervisor', active: false });
    expect((await againStream.closed).code).toBe(4401);
    expect((await t.api.post('/api/v1/auth/login', undefined, { username: 'supervisor', password: 'a-new-password' })).status).toBe(401);
    await t.api.post(`/api/v1/admin/staff/${supId}`, admin, { active: true });
    await t.api.login('supervisor', 'a-new-password');

    const adminId = users.find((u) => u.username === 'admin')!.id;
    expect((await t.api.post(`/api/v1/admin/staff/${adminId}`, admin, { active: false })).status).toBe(409);
    const audit = (await t.api.get('/api/v1/admin/audit?action=staff.', admin)).body as { action: string }[];
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['staff.sessions-ended', 'staff.password-reset', 'staff.updated']));
  });

  it('delays an address after 5 failed sign-ins on an account, even for the right password; other accounts are not held back', async () => {
    // Loopback is this machine and is never delayed by default: play a machine on the hall's network
    // (on a clock that stands still, so the 1 s delay holds however slow the machine is).
    await t.close();
    t = await startTestHub({ loopbackExempt: false, clock: manualClock(Date.now()) });
    for (let i = 0; i < 5; i++) expect((await t.api.post('/api/v1/auth/login', undefined, { username: 'clerk3', password: `wrong-${i}` })).status).toBe(401);
    const delayed = await t.api.post('/api/v1/auth/login', undefined, { username: 'clerk3', password: 'dawr-clerk' });
    expect(delayed.status).toBe(429);
    expect(delayed.body.error.message).toMatch(/try again in 1 second/);
    expect((await t.api.post('/api/v1/auth/login', undefined, { username: 'clerk4', password: 'dawr-clerk' })).status).toBe(200);
  });
});

describe('every action says who', () => {
  it('ticket events carry `by`; a clerk cancels only in the services of their counter; privileged actions are audited', async () => {
    const kiosk = await t.api.pairDevice(admin, 'kiosk', 'Kiosk 1');
    const s = screen(admin);
    await s.waitFor((m) => m.kind === 'snapshot');
    const clerkId = (await t.api.get('/api/v1/me', clerk)).body.id as string;
    const a = (await t.api.post('/api/v1/tickets', kiosk, { serviceId: 'reception', lang: 'ar' })).body;
    await t.api.post('/api/v1/counters/counter-7/open', clerk);
    await t.api.post('/api/v1/counters/counter-7/call-next', clerk);
    await t.api.post(`/api/v1/tickets/${a.id}/start`, clerk);
    await t.api.post(`/api/v1/tickets/${a.id}/park`, clerk);
    await t.api.post(`/api/v1/tickets/${a.id}/call`, clerk, { counterId: 'counter-7' });
    await t.api.post(`/api/v1/tickets/${a.id}/no-show`, clerk);
    await s.waitFor((m) => m.type === 'ticket.no_show');
    for (const m of s.events.filter((m) => m.type !== 'ticket.issued' && String(m.type).startsWith('ticket.'))) expect(m.by, String(m.type)).toBe(clerkId);

    const services = (await t.api.get('/api/v1/counters', clerk)).body.find((c: { id: string }) => c.id === 'counter-7').serviceIds as string[];
    const other = (await t.api.get('/api/v1/services', clerk)).body.find((x: { id: string }) => !services.includes(x.id)).id as string;
    const mine = (await t.api.post('/api/v1/tickets', kiosk, { serviceId: services[0], lang: 'ar' })).body;
    const theirs = (await t.api.post('/api/v1/tickets', kiosk, { serviceId: other, lang: 'ar' })).body;
    const refused = await t.api.post(`/api/v1/tickets/${theirs.id}/cancel`, clerk);
    expect(refused.status).toBe(403);
    expect((await t.api.get(`/api/v1/tickets/${theirs.id}`, clerk)).body.status).toBe('waiting');
    expect((await t.api.post(`/api/v1/tickets/${mine.id}/cancel`, clerk)).status).toBe(200);
    expect((await t.api.post(`/api/v1/tickets/${theirs.id}/cancel`, await t.api.login('supervisor', 'dawr-supervisor'))).status).toBe(200);
    const audit = (await t.api.get('/api/v1/admin/audit?action=ticket.', admin)).body as { actor: string; action: string; target: string }[];
    expect(audit.filter((x) => x.action === 'ticket.cancel').map((x) => [x.actor, x.target])).toEqual([['staff:supervisor', theirs.id], ['staff:clerk7', mine.id]]);
    expect(audit.some((x) => x.action === 'ticket.no-show' && x.target === a.id)).toBe(true);
    expect((await t.api.get('/api/v1/admin/audit?actor=clerk7&action=ticket.cancel', admin)).body).toHaveLength(1);
    expect((await t.api.get('/api/v1/admin/audit?from=2001-01-01&to=2001-12-31', admin)).body).toEqual([]);
  });
});

describe('input and transport', () => {
  it('refuses unclean human text with a clear 400 and changes nothing', async () => {
    const before = t.hub.ctx.hall.lastSeq();
    const cases: [string, unknown][] = [
      ['/api/v1/admin/services', { prefix: 'Q', name: { ar: 'خدمة\u202Eمقلوبة', en: 'Reversed' }, category: 'x', targetWaitMinutes: 5, active: true }],
      ['/api/v1/admin/services', { prefix: 'Q', name: { ar: 'خدمة', en: 'Bell\u0007' }, category: 'x', targetWaitMinutes: 5, active: true }],
      ['/api/v1/admin/services', { prefix: 'Q', name: { ar: 'خدمة', en: 'Broken \uD800 half' }, category: 'x', targetWaitMinutes: 5, active: true }],
      ['/api/v1/admin/services', { prefix: 'Q', name: { ar: 'خدمة', en: 'x'.repeat(201) }, category: 'x', targetWaitMinutes: 5, active: true }],
    ];
    for (const [path, body] of cases) {
      const r = await t.api.request('POST', path, { token: admin, raw: JSON.stringify(body) });
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.body.error.code).toBe('invalid_input');
      expect(r.body.error.message).toMatch(/bidirectional|control|well-formed|at most 200/);
    }
    const pair = await t.api.post('/api/v1/devices/pair', undefined, { code: 'ABCDEFGH', name: 'kiosk\u2066' });
    expect(pair.status).toBe(400);
    expect(t.hub.ctx.hall.lastSeq()).toBe(before);
  });

  it('answers a malformed URL in the error shape, sends the security headers, and refuses foreign Host names', async () => {
    const bad = await fetch(`${t.url}/api/v1/tickets/%E0%A4%A`);
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { code: string } }).error.code).toBe('invalid_input');

    const res = await fetch(`${t.url}/api/v1/queue`, { headers: { authorization: `Bearer ${admin}` } });
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toMatch(/connect-src 'self' ws:\/\/127\.0\.0\.1:\d+(;|$)/);

    // DNS rebinding: the attacker's name in Host is refused; the hub's own address and localhost are fine.
    const { request } = await import('node:http');
    const status = (host: string) =>
      new Promise<number>((resolve, reject) => {
        const req = request(`${t.url}/api/health`, { headers: { host } }, (r) => {
          r.resume();
          resolve(r.statusCode ?? 0);
        });
        req.on('error', reject);
        req.end();
      });
    expect(await status('attacker.example:8080')).toBe(403);
    expect(await status(`localhost:${t.hub.port}`)).toBe(200);
    expect(await status(`127.0.0.1:${t.hub.port}`)).toBe(200);
    expect(await status(`[::1]:${t.hub.port}`)).toBe(200);
  });
});

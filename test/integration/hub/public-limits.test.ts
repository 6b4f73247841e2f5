// The public side's limits and clean-up that need a clock or the hub's options (issue 23): a phone
// number left on a request at closing goes at the day change; a cancelled booking's name and phone
// after a week; behind a reverse proxy each citizen has their own limits (`--trust-proxy`); and a
// public route flooded by everyone together answers 429 past its ceiling and says so on the dashboard.
import { afterEach, describe, expect, it } from 'vitest';
import { manualClock } from '../../../shared/domain/clock.ts';
import { type TestHub, startTestHub } from '../../support/hub.ts';
import { rawRequest } from '../../support/raw-request.ts';

const riyadh = (day: string, hhmm: string) => Date.parse(`${day}T${hhmm}:00+03:00`);
let t: TestHub | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

describe('personal data the public side leaves behind', () => {
  it('a phone number on a ticket still waiting at closing is gone at the day change', async () => {
    const clock = manualClock(riyadh('2026-12-02', '14:00'));
    t = await startTestHub({ clock });
    const admin = await t.api.login('admin', 'dawr-admin');
    const kiosk = await t.api.pairDevice(admin, 'kiosk', 'Kiosk');
    const ticket = (await t.api.post('/api/v1/tickets', kiosk, { serviceId: 'land-planning', lang: 'ar' })).body;
    expect((await t.api.post(`/api/v1/track/${ticket.trackingCode}/notify`, undefined, { lang: 'ar', phone: '0551234567' })).status).toBe(200);
    expect(t.hub.ctx.citizen!.notifier.requestOf(ticket.id)).toEqual({ sms: true, push: false });
    // The next morning the first ticket opens the new day: yesterday's number is gone with it.
    clock.set(riyadh('2026-12-03', '07:40'));
    expect((await t.api.post('/api/v1/tickets', kiosk, { serviceId: 'land-planning', lang: 'ar' })).status).toBe(201);
    expect(t.hub.ctx.citizen!.notifier.requestOf(ticket.id)).toEqual({ sms: false, push: false });
  });

  it("a cancelled booking's name and phone go after 7 days (the hall's setting); a kept one's stay for the retention period", async () => {
    const clock = manualClock(riyadh('2026-12-02', '12:00'));
    t = await startTestHub({ clock });
    const book = (hhmm: string, name: string, phone: string) => t!.api.post('/api/v1/public/appointments', undefined, { serviceId: 'building-permits', start: new Date(riyadh('2026-12-03', hhmm)).toISOString(), name, phone, lang: 'ar' });
    const kept = await book('10:00', 'Sara Omar', '0551234567');
    const cancelled = await book('11:00', 'Maher Ali', '0557654321');
    expect((await t.api.request('DELETE', `/api/v1/public/appointments/${cancelled.body.code}`)).status).toBe(200);
    const admin = await t.api.login('admin', 'dawr-admin');
    const settings = (await t.api.get('/api/v1/admin/settings', admin)).body;
    expect(settings.retention).toEqual({ personalDataDays: 30, unusedAppointmentDays: 7 });
    const names = async () => ((await t!.api.get('/api/v1/appointments?date=2026-12-03', await t!.api.login('manager', 'dawr-manager'))).body.appointments as { code: string; name: string; phoneMasked: string }[]);
    expect((await names()).map((a) => a.name).sort()).toEqual(['Maher Ali', 'Sara Omar']);
    // Eight days later (the purge runs at start and hourly): the hub restarts on its folder.
    const dir = t.dir;
    await t.hub.close();
    clock.set(riyadh('2026-12-10', '13:00'));
    t = await startTestHub({ clock, dir });
    const after = await names();
    expect(after.find((a) => a.code === cancelled.body.code)).toMatchObject({ name: '', phoneMasked: '' });
    expect(after.find((a) => a.code === kept.body.code)).toMatchObject({ name: 'Sara Omar' });
  });
});

describe('behind a reverse proxy (--trust-proxy)', () => {
  // A different name each time: the sign-in delay (per account and address) stays out of the way of the route's own limit.
  let n = 0;
  const login = (url: string, forwardedFor?: string) => rawRequest(`${url}/api/v1/auth/login`, {
    method: 'POST', contentType: 'application/json', body: JSON.stringify({ username: `nobody${n++}`, password: 'wrong-password' }),
    ...(forwardedFor ? { headers: { 'x-forwarded-for': forwardedFor } } : {}),
  });

  it("each citizen has their own per-address limits; without it, X-Forwarded-For is not believed", async () => {
    t = await startTestHub({ more: { trustProxy: '127.0.0.1' } });
    for (let i = 0; i < 10; i++) expect((await login(t.url, '203.0.113.7')).status).toBe(401);
    expect((await login(t.url, '203.0.113.7')).status).toBe(429);
    expect((await login(t.url, '198.51.100.9')).status, 'another citizen behind the same proxy').toBe(401);
    await t.close();

    t = await startTestHub();
    for (let i = 0; i < 10; i++) expect((await login(t.url, `203.0.113.${i + 1}`)).status).toBe(401);
    expect((await login(t.url, '198.51.100.9')).status, 'a forged header does not buy a fresh limit').toBe(429);
  });
});

describe('a public route flooded by everyone together', () => {
  it('answers 429 with Retry-After past its ceiling, and the dashboard says so', async () => {
    // Ceiling = 1 × the route's per-address limit (120 a minute), so 121 citizens reach it.
    t = await startTestHub({ more: { trustProxy: '127.0.0.1', publicCeilingFactor: 1 } });
    const ask = (i: number) => rawRequest(`${t!.url}/api/v1/public/booking`, { method: 'GET', headers: { 'x-forwarded-for': `10.9.${Math.floor(i / 200)}.${i % 200}` } });
    for (let i = 0; i < 120; i++) expect((await ask(i)).status).toBe(200);
    const over = await ask(120);
    expect(over.status).toBe(429);
    expect(Number(over.headers['retry-after'])).toBeGreaterThan(0);
    const supervisor = await t.api.login('supervisor', 'dawr-supervisor');
    const status = (await t.api.get('/api/v1/system/status', supervisor)).body;
    expect(status.alarms).toEqual([expect.objectContaining({ kind: 'public_ceiling', subject: 'GET /api/v1/public/booking', count: 1 })]);
    // The hall's own screens are not public routes: they carry on.
    expect((await t.api.get('/api/v1/queue', supervisor)).status).toBe(200);
  });
});

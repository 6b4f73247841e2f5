// The citizen's side through the API, on a real hub with a clock the test moves: booking, moving,
// cancelling, the capacity of a slot and two citizens racing for its last place; check-in at the
// kiosk and every way it can be refused; a due appointment called before the walk-ins of its
// service; the messages the SMS simulator records and a Web Push sent to a local push service.
import { createServer, type Server } from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { manualClock, type ManualClock } from '../../../shared/domain/clock.ts';
import { type TestHub, startTestHub } from '../../support/hub.ts';
import { newSubscriber } from '../../support/web-push-decrypt.ts';

// The demo hall is in Asia/Riyadh (UTC+3): 12:00 there on Wednesday 2 December 2026.
const riyadh = (day: string, hhmm: string) => Date.parse(`${day}T${hhmm}:00+03:00`);
const TODAY = '2026-12-02';
const TOMORROW = '2026-12-03';
const PHONE = '+966 544 123 456';
const PHONE_DIGITS = '+966544123456';

let t: TestHub;
let clock: ManualClock;
/** Push origins the hub trusts as if given with --allow-push-origin: the local push service of the Web Push tests. */
const trustedPushOrigins: string[] = [];
let admin: string;
let kiosk: string;

beforeEach(async () => {
  clock = manualClock(riyadh(TODAY, '12:00'));
  t = await startTestHub({ clock, more: { trustedPushOrigins } });
  admin = await t.api.login('admin', 'dawr-admin');
  kiosk = await t.api.pairDevice(admin, 'kiosk', 'Kiosk');
});
afterEach(async () => { await t.close(); });

const book = (start: number, extra: object = {}) =>
  t.api.post('/api/v1/public/appointments', undefined, { serviceId: 'building-permits', start: new Date(start).toISOString(), name: 'Maher Ali', phone: PHONE, lang: 'ar', ...extra });
const slots = async (date = TOMORROW, service = 'building-permits') => (await t.api.get(`/api/v1/public/slots?service=${service}&date=${date}`)).body.slots as { start: string; free: number }[];
const freeAt = async (ms: number) => (await slots(new Date(ms + 3 * 3_600_000).toISOString().slice(0, 10))).find((s) => Date.parse(s.start) === ms)?.free;
/** Staff sessions last 12 hours and the test moves the clock by days: each look signs in afresh. */
const asAdmin = () => t.api.login('admin', 'dawr-admin');
const messages = async (to = PHONE_DIGITS) => (await t.api.get(`/api/v1/admin/notifications?to=${encodeURIComponent(to)}`, await asAdmin())).body as { kind: string; text: string; lang: string; status: string }[];
const checkIn = (code: string, token = kiosk) => t.api.post('/api/v1/kiosk/check-in', token, { code });

describe('booking', () => {
  it('lists free slots, books one with a 12-digit code, and confirms it by SMS in the citizen\'s language', async () => {
    const list = await slots();
    expect(list.length).toBe(28); // every 15 minutes of the demo hall's day, 08:00–15:00 (Thursday)
    expect(list.every((s) => s.free === 1)).toBe(true); // two counters serve building permits: one place per slot
    const r = await book(riyadh(TOMORROW, '10:00'));
    expect(r.status).toBe(201);
    expect(r.body.code).toMatch(/^\d{12}$/);
    expect(r.body).toMatchObject({ status: 'booked', serviceId: 'building-permits', nameInitials: 'M. A.', phoneMasked: '••••••••••456', url: `/book/${r.body.code}` });
    expect(JSON.stringify(r.body)).not.toContain('Maher');
    expect(await freeAt(riyadh(TOMORROW, '10:00'))).toBe(0);
    const sms = await messages();
    expect(sms).toHaveLength(1);
    expect(sms[0]).toMatchObject({ kind: 'booked', lang: 'ar', status: 'recorded' });
    expect(sms[0]!.text).toContain('رخص البناء');
    expect(sms[0]!.text).toContain(r.body.code.replace(/(\d{4})(?=\d)/g, "$1 "));
    expect((await t.api.get(`/api/v1/public/appointments/${r.body.code}`)).body.status).toBe('booked');
  });

  it('gives the last place of a slot to exactly one of two citizens booking at once', async () => {
    const start = riyadh(TOMORROW, '11:00');
    const [a, b] = await Promise.all([book(start), book(start, { name: 'Sara Omar', phone: '0933000111' })]);
    expect([a.status, b.status].sort()).toEqual([201, 409]);
    expect([a, b].find((x) => x.status === 409)!.body.error.code).toBe('slot_full');
    const staff = (await t.api.get(`/api/v1/appointments?date=${TOMORROW}`, await asAdmin())).body;
    expect(staff.counts.booked).toBe(1);
  });

  it('moves and cancels before the cut-off, and refuses after it', async () => {
    const code = (await book(riyadh(TOMORROW, '10:00'))).body.code as string;
    const moved = await t.api.post(`/api/v1/public/appointments/${code}/move`, undefined, { start: new Date(riyadh(TOMORROW, '10:15')).toISOString() });
    expect(moved.status).toBe(200);
    expect(Date.parse(moved.body.start)).toBe(riyadh(TOMORROW, '10:15'));
    expect(await freeAt(riyadh(TOMORROW, '10:00'))).toBe(1);
    expect(await freeAt(riyadh(TOMORROW, '10:15'))).toBe(0);
    expect((await messages()).map((m) => m.kind)).toEqual(['moved', 'booked']);

    clock.set(riyadh(TOMORROW, '09:30')); // 45 minutes before: past the 60-minute cut-off
    const late = await t.api.request('DELETE', `/api/v1/public/appointments/${code}`);
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('past_cutoff');
    expect((await t.api.get(`/api/v1/public/appointments/${code}`)).body.status).toBe('booked');

    clock.set(riyadh(TOMORROW, '09:00'));
    const cancelled = await t.api.request('DELETE', `/api/v1/public/appointments/${code}`);
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.status).toBe('cancelled');
    expect(await freeAt(riyadh(TOMORROW, '10:15'))).toBe(1);
    const again = await t.api.request('DELETE', `/api/v1/public/appointments/${code}`);
    expect(again.body.error.code).toBe('cancelled');
    expect((await messages())[0]!.kind).toBe('cancelled');
  });

  it('answers every bad booking with a clear 4xx and books nothing', async () => {
    const before = await slots();
    const cases: [object, number, string][] = [
      [{ start: new Date(riyadh(TOMORROW, '10:07')).toISOString() }, 400, 'invalid_input'], // not a slot
      [{ start: new Date(riyadh(TODAY, '11:00')).toISOString() }, 400, 'invalid_input'], // already started
      [{ start: new Date(riyadh('2026-12-20', '10:00')).toISOString() }, 400, 'invalid_input'], // beyond 14 days
      [{ phone: '12ab' }, 400, 'invalid_input'],
      [{ name: '' }, 400, 'invalid_input'],
      [{ name: 'x\u202Ey' }, 400, 'invalid_input'],
      [{ serviceId: 'reception' }, 404, 'not_found'], // takes no bookings
      [{ serviceId: 'no-such' }, 404, 'not_found'],
      [{ extra: 1 }, 400, 'invalid_input'],
      [{ start: 'tomorrow' }, 400, 'invalid_input'],
    ];
    for (const [body, status, code] of cases) {
      const r = await book(riyadh(TOMORROW, '10:00'), body);
      expect([r.status, r.body.error?.code], JSON.stringify(body)).toEqual([status, code]);
    }
    expect(await slots()).toEqual(before);
    expect(await messages()).toEqual([]);
    expect((await t.api.get('/api/v1/public/slots?service=building-permits&date=tomorrow')).status).toBe(400);
    expect((await t.api.get('/api/v1/public/appointments/12345')).status).toBe(400);
    expect((await t.api.get('/api/v1/public/appointments/1234567890')).status).toBe(404);
  });

  it('refuses a booking rule giving more places than half the counters of the service', async () => {
    const rules = (await t.api.get('/api/v1/admin/booking-rules', admin)).body as { serviceId: string; maxPerSlot: number }[];
    expect(rules.find((r) => r.serviceId === 'building-permits')!.maxPerSlot).toBe(1);
    const rule = { serviceId: 'reception', enabled: true, weekdays: [0, 1, 2, 3, 4], from: '08:00', to: '12:00', slotMinutes: 20, perSlot: 2, daysAhead: 7, cancelCutoffMinutes: 60, checkInEarlyMinutes: 30, checkInLateMinutes: 15 };
    const tooMany = await t.api.request('PUT', '/api/v1/admin/booking-rules/reception', { token: admin, body: { ...rule, perSlot: 3 } }); // 3 counters serve reception: at most 1
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.error.message).toContain('at most 1');
    const ok = await t.api.request('PUT', '/api/v1/admin/booking-rules/reception', { token: admin, body: { ...rule, perSlot: 1 } });
    expect(ok.status).toBe(200);
    expect((await slots('2026-12-06', 'reception')).length).toBe(12); // Sunday 08:00–12:00 in 20-minute slots
    const clerk = await t.api.login('clerk1', 'dawr-clerk');
    expect((await t.api.request('PUT', '/api/v1/admin/booking-rules/reception', { token: clerk, body: rule })).status).toBe(403);
  });
});

describe('bookings a citizen can trust', () => {
  it('one active booking per number and service; a cap a day; the hall\'s hours and holidays; only slots that can still be changed', async () => {
    expect((await book(riyadh(TOMORROW, '10:00'))).status).toBe(201);
    const second = await book(riyadh(TOMORROW, '11:00'));
    expect(second.status).toBe(409);
    expect(second.body.error.code).toBe('conflict');
    // Another service is another booking, up to the day's cap (set to 2 here).
    expect((await t.api.request('PUT', '/api/v1/admin/booking-settings', { token: admin, body: { confirmPhone: false, perPhonePerDay: 2 } })).status).toBe(200);
    expect((await book(riyadh(TOMORROW, '10:00'), { serviceId: 'land-planning' })).status).toBe(201);
    const third = await book(riyadh('2026-12-06', '10:00'), { serviceId: 'commercial-licences' });
    expect(third.status).toBe(429);
    expect(third.body.error.message).toMatch(/2 bookings today/);
    // Friday and Saturday, and a holiday, have no slots; nor does 07:00 or 15:00 on a working day.
    expect(await slots('2026-12-04')).toEqual([]);
    expect(await slots('2026-12-05')).toEqual([]);
    const settings = (await t.api.get('/api/v1/admin/settings', admin)).body;
    expect((await t.api.request('PUT', '/api/v1/admin/settings', { token: admin, body: { ...settings, hours: { ...settings.hours, holidays: [{ date: '2026-12-07', name: { ar: 'عطلة', en: 'Holiday' } }] } } })).status).toBe(200);
    expect(await slots('2026-12-07')).toEqual([]);
    const thursday = await slots(TOMORROW);
    expect(thursday[0]!.start).toBe(new Date(riyadh(TOMORROW, '08:00')).toISOString());
    expect(thursday.at(-1)!.start).toBe(new Date(riyadh(TOMORROW, '14:45')).toISOString());
    // Today at 12:00 with a 60-minute cut-off: nothing before 13:00 is offered, nor booked.
    const today = await slots(TODAY);
    expect(Date.parse(today[0]!.start)).toBeGreaterThan(riyadh(TODAY, '13:00') - 1);
    const tooSoon = await book(riyadh(TODAY, '12:30'), { phone: '0551000009' });
    expect(tooSoon.status).toBe(400);
    expect(tooSoon.body.error.message).toMatch(/could not be changed/);
  });

  it('with the phone confirmed by an SMS code: nothing is held until the code comes back', async () => {
    expect((await t.api.request('PUT', '/api/v1/admin/booking-settings', { token: admin, body: { confirmPhone: true, perPhonePerDay: 3 } })).status).toBe(200);
    const asked = await book(riyadh(TOMORROW, '10:00'));
    expect(asked.status).toBe(202);
    expect(asked.body.verification).toMatchObject({ phoneMasked: '••••••••••456' });
    expect(await freeAt(riyadh(TOMORROW, '10:00'))).toBe(1); // not held yet
    await t.hub.ctx.citizen!.notifier.settled();
    const sms = await messages();
    expect(sms[0]).toMatchObject({ kind: 'verify' });
    const code = /(\d{6})/.exec(sms[0]!.text)![1]!;
    const wrong = await t.api.post('/api/v1/public/appointments/confirm', undefined, { id: asked.body.verification.id, code: code === '000000' ? '111111' : '000000' });
    expect(wrong.status).toBe(400);
    const ok = await t.api.post('/api/v1/public/appointments/confirm', undefined, { id: asked.body.verification.id, code });
    expect(ok.status).toBe(201);
    expect(ok.body.code).toMatch(/^\d{12}$/);
    expect(await freeAt(riyadh(TOMORROW, '10:00'))).toBe(0);
    expect((await t.api.post('/api/v1/public/appointments/confirm', undefined, { id: asked.body.verification.id, code })).status).toBe(404);
  });
});

describe('check-in and routing', () => {
  it('checks in at 09:55, is called at 10:00 before the walk-ins who came at 09:50, and is told "3 ahead" and "called"', async () => {
    const code = (await book(riyadh(TOMORROW, '10:00'))).body.code as string;

    clock.set(riyadh(TOMORROW, '09:20'));
    const early = await checkIn(code);
    expect([early.status, early.body.error.code]).toEqual([409, 'too_early']);

    // Four walk-ins at 09:50; the first asks for messages by SMS.
    clock.set(riyadh(TOMORROW, '09:50'));
    const walkIns = [];
    for (let i = 0; i < 4; i++) walkIns.push((await t.api.post('/api/v1/tickets', kiosk, { serviceId: 'building-permits', lang: 'en' })).body);
    const last = walkIns[3];
    const ask = await t.api.post(`/api/v1/track/${last.trackingCode}/notify`, undefined, { lang: 'en', phone: '0955 111 222' });
    expect(ask.status).toBe(200);
    expect(ask.body).toMatchObject({ sms: true, push: false, aheadThreshold: 3 });
    await t.hub.ctx.citizen!.notifier.settled();
    // 3 ahead of it: told at once.
    expect((await messages('0955111222')).map((m) => [m.kind, m.text])).toEqual([['ahead', expect.stringContaining('3 people ahead of you')]]);

    clock.set(riyadh(TOMORROW, '09:55'));
    const scanned = await checkIn(`http://hall.example/book/${code}`);
    expect(scanned.status).toBe(201);
    expect(scanned.body.ticket).toMatchObject({ priority: 'appointment', serviceId: 'building-permits', status: 'waiting' });
    expect(Date.parse(scanned.body.ticket.dueAt)).toBe(riyadh(TOMORROW, '10:00'));
    expect(scanned.body.ticket.trackingCode).toMatch(/^[0-9A-Z]{10}$/);
    const twice = await checkIn(code);
    expect([twice.status, twice.body.error.code]).toEqual([409, 'already_checked_in']);
    const apptTicket = scanned.body.ticket;
    expect((await t.api.post(`/api/v1/track/${apptTicket.trackingCode}/notify`, undefined, { lang: 'ar', phone: PHONE })).status).toBe(200);

    clock.set(riyadh(TOMORROW, '10:00'));
    const clerk = await t.api.login('clerk1', 'dawr-clerk');
    expect((await t.api.post('/api/v1/counters/counter-1/open', clerk)).status).toBe(200);
    const called = await t.api.post('/api/v1/counters/counter-1/call-next', clerk);
    expect(called.status).toBe(200);
    expect(called.body.ticket?.number ?? called.body.number).toBe(apptTicket.number);
    // settled() runs the check still waiting for its 250 ms; read straight after it (once, the
    // admin sign-in's time let that check run or not: a flaky "ahead" instead of "called").
    await t.hub.ctx.citizen!.notifier.settled();
    const toCitizen = t.hub.ctx.citizen!.notifier.sentTo(PHONE_DIGITS);
    expect(toCitizen[0]).toMatchObject({ kind: 'called', lang: 'ar' });
    expect(toCitizen[0]!.text).toContain(`التذكرة ${apptTicket.number}`);
    expect(toCitizen[0]!.text).toContain('الشباك رقم ١');

    const day = (await t.api.get(`/api/v1/appointments?date=${TOMORROW}`, await asAdmin())).body;
    expect(day.counts).toMatchObject({ checked_in: 1 });
    expect(day.appointments[0]).toMatchObject({ status: 'checked_in', ticketNumber: apptTicket.number, name: 'Maher Ali' });
  });

  it('refuses a cancelled, unknown, garbled, another day\'s and a late code, issuing nothing', async () => {
    // Three citizens (one active booking per number and service).
    const cancelled = (await book(riyadh(TOMORROW, '10:00'))).body.code as string;
    await t.api.request('DELETE', `/api/v1/public/appointments/${cancelled}`);
    const later = (await book(riyadh('2026-12-06', '10:00'), { phone: '0551000001' })).body.code as string;
    const missed = (await book(riyadh(TOMORROW, '10:30'), { phone: '0551000002' })).body.code as string;
    clock.set(riyadh(TOMORROW, '10:50'));
    const seqBefore = t.hub.ctx.hall.lastSeq();
    const expectations: [string, number, string][] = [
      [cancelled, 409, 'cancelled'],
      ['9999999999', 404, 'not_found'],
      ['hello', 400, 'invalid_input'],
      [later, 409, 'too_early'],
      [missed, 409, 'too_late'],
    ];
    for (const [code, status, err] of expectations) {
      const r = await checkIn(code);
      expect([r.status, r.body.error.code], code).toEqual([status, err]);
    }
    expect(t.hub.ctx.hall.lastSeq()).toBe(seqBefore);
    const day = (await t.api.get(`/api/v1/appointments?date=${TOMORROW}`, await asAdmin())).body;
    expect(day.counts).toEqual({ booked: 0, checked_in: 0, cancelled: 1, missed: 1 });
    const display = await t.api.pairDevice(await asAdmin(), 'display', 'Display');
    expect((await checkIn(later, display)).status).toBe(403);
  });

  it('sends the day-before reminder once, at the reminder hour', async () => {
    await book(riyadh('2026-12-06', '10:00')); // Sunday (the hall is closed Friday and Saturday)
    const citizen = t.hub.ctx.citizen!;
    clock.set(riyadh('2026-12-05', '16:00'));
    citizen.appointments.tick();
    await citizen.notifier.settled();
    expect((await messages()).map((m) => m.kind)).toEqual(['booked']);
    clock.set(riyadh('2026-12-05', '17:05'));
    citizen.appointments.tick();
    citizen.appointments.tick();
    await citizen.notifier.settled();
    const sent = await messages();
    expect(sent.map((m) => m.kind)).toEqual(['reminder', 'booked']);
    expect(sent[0]!.text).toContain('تذكير');
  });
});

describe('Web Push', () => {
  let push: Server;
  let received: { headers: Record<string, string | string[] | undefined>; body: Buffer }[];
  beforeEach(async () => {
    received = [];
    push = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        received.push({ headers: req.headers, body: Buffer.concat(chunks) });
        res.writeHead(201).end();
      });
    });
    await new Promise<void>((r) => push.listen(0, '127.0.0.1', r));
    trustedPushOrigins.splice(0, trustedPushOrigins.length, `http://127.0.0.1:${(push.address() as { port: number }).port}`);
  });
  afterEach(async () => { await new Promise((r) => push.close(r)); });

  it('sends an encrypted, VAPID-signed message to the subscription when the ticket is called', async () => {
    const key = (await t.api.get('/api/v1/public/push-key')).body.publicKey as string;
    expect(Buffer.from(key, 'base64url')).toHaveLength(65);
    const ticket = (await t.api.post('/api/v1/tickets', kiosk, { serviceId: 'certificates', lang: 'en' })).body;
    const subscriber = newSubscriber();
    const port = (push.address() as { port: number }).port;
    const r = await t.api.post(`/api/v1/track/${ticket.trackingCode}/notify`, undefined, { lang: 'en', push: { endpoint: `http://127.0.0.1:${port}/push/abc`, expirationTime: null, keys: subscriber.keys } });
    expect(r.body).toMatchObject({ push: true, sms: false });
    await t.hub.ctx.citizen!.notifier.settled();
    expect(received).toHaveLength(1); // nobody ahead: "you are next" at once

    const clerk = await t.api.login('clerk6', 'dawr-clerk');
    await t.api.post('/api/v1/counters/counter-6/open', clerk);
    await t.api.post('/api/v1/counters/counter-6/call-next', clerk);
    await expect.poll(() => received.length).toBe(2);
    const msg = received[1]!;
    expect(msg.headers['content-encoding']).toBe('aes128gcm');
    expect(String(msg.headers.authorization)).toMatch(new RegExp(`^vapid t=[\\w-]+\\.[\\w-]+\\.[\\w-]+, k=${key}$`));
    const payload = JSON.parse(subscriber.decrypt(msg.body)) as { title: string; body: string; url: string };
    expect(payload.body).toContain(`Ticket ${ticket.number}, please go to counter 6`);
    expect(payload.url).toBe(`/track/${ticket.trackingCode}`);
    expect(JSON.parse(subscriber.decrypt(received[0]!.body)).body).toContain('you are next');
    // The request ends with the ticket: nothing personal is kept once it is finished.
    const started = await t.api.post(`/api/v1/tickets/${ticket.id}/start`, clerk);
    expect(started.status).toBe(200);
    await t.api.post(`/api/v1/tickets/${ticket.id}/complete`, clerk, {});
    await expect.poll(() => t.hub.ctx.citizen!.notifier.requestOf(ticket.id)).toEqual({ sms: false, push: false });
  });

  it('refuses a request without a channel, for an unknown ticket, or with a bad phone', async () => {
    const ticket = (await t.api.post('/api/v1/tickets', kiosk, { serviceId: 'certificates', lang: 'en' })).body;
    expect((await t.api.post(`/api/v1/track/${ticket.trackingCode}/notify`, undefined, { lang: 'en' })).status).toBe(400);
    expect((await t.api.post(`/api/v1/track/${ticket.trackingCode}/notify`, undefined, { lang: 'en', phone: 'abc' })).status).toBe(400);
    expect((await t.api.post('/api/v1/track/ZZZZZZZZZZ/notify', undefined, { lang: 'en', phone: '0955111222' })).status).toBe(404);
    expect(t.hub.ctx.citizen!.notifier.requestOf(ticket.id)).toEqual({ sms: false, push: false });
  });
});

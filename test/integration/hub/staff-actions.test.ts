// The staff screens' actions over HTTP: a clerk transfers to a counter or to a clerk (with a note
// only staff see); the supervisor's dashboard opens and closes counters, moves and cancels waiting
// tickets — attributed and audited; each clerk's day by name. Bad input and the wrong role get the
// documented error and change nothing.
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type ManualClock, manualClock } from '../../../shared/domain/clock.ts';
import { Database } from '../../support/sqlite.ts';
import { type TestHub, startTestHub } from '../../support/hub.ts';

let t: TestHub;
let clock: ManualClock;
let admin: string;
let supervisor: string;
let manager: string;
let kiosk: string;
let display: string;
let clerk1: string;
let clerk2: string;
let clerk3: string;
const ids: Record<string, string> = {};

async function login(username: string, password: string): Promise<string> {
  const r = await t.api.post('/api/v1/auth/login', undefined, { username, password });
  expect(r.status).toBe(200);
  ids[username] = r.body.user.id;
  return r.body.token;
}

beforeEach(async () => {
  // A fixed working morning in the hall's time (Riyadh): from the wall clock, a test run after
  // 23:50 there moved its tickets into the next day with the ten minutes it advances.
  clock = manualClock(Date.parse('2026-12-02T10:00:00+03:00'));
  t = await startTestHub({ clock });
  admin = await login('admin', 'dawr-admin');
  [supervisor, manager, clerk1, clerk2, clerk3] = await Promise.all([
    login('supervisor', 'dawr-supervisor'), login('manager', 'dawr-manager'),
    login('clerk1', 'dawr-clerk'), login('clerk2', 'dawr-clerk'), login('clerk3', 'dawr-clerk'),
  ]);
  [kiosk, display] = await Promise.all([t.api.pairDevice(admin, 'kiosk', 'Kiosk'), t.api.pairDevice(admin, 'counter', 'Counter PC')]);
});
afterEach(async () => { await t.close(); });

const ok = async (p: Promise<{ status: number; body: any }>, status = 200) => {
  const r = await p;
  expect(r.status, JSON.stringify(r.body)).toBe(status);
  return r.body;
};
const issue = (serviceId: string) => ok(t.api.post('/api/v1/tickets', kiosk, { serviceId, lang: 'ar' }), 201);
const open = (token: string, n: number) => ok(t.api.post(`/api/v1/counters/counter-${n}/open`, token));
/** A building-permits ticket called and being served at counter 1 by clerk1. */
async function servingAt1() {
  await open(clerk1, 1);
  const tk = await issue('building-permits');
  await ok(t.api.post('/api/v1/counters/counter-1/call-next', clerk1));
  await ok(t.api.post(`/api/v1/tickets/${tk.id}/start`, clerk1));
  return tk;
}
/** The hub's log head and the audit log: what a refused request must leave as it was. */
const before = async () => ({ seq: t.hub.ctx.hall.lastSeq(), audit: (await t.api.get('/api/v1/admin/audit?limit=1000', admin)).body.length });
async function unchanged(b: { seq: number; audit: number }) {
  expect(t.hub.ctx.hall.lastSeq()).toBe(b.seq);
  expect((await t.api.get('/api/v1/admin/audit?limit=1000', admin)).body.length).toBe(b.audit);
}

describe('transfer to a counter or a clerk', () => {
  it('reserves the ticket for counter 3: counter 2 (same service) does not get it, counter 3 calls it first; the note reaches staff only', async () => {
    const tk = await servingAt1();
    await open(clerk2, 2);
    await open(clerk3, 3);
    clock.advance(10 * 60_000);
    const waitingAt3 = await issue('commercial-licences');
    const later = await issue('building-permits');
    const moved = await ok(t.api.post(`/api/v1/tickets/${tk.id}/transfer`, clerk1, { counterId: 'counter-3', note: 'يحتاج مراجعة الرخصة التجارية' }));
    expect(moved).toMatchObject({ status: 'waiting', serviceId: 'building-permits', targetCounterId: 'counter-3', transferNote: 'يحتاج مراجعة الرخصة التجارية', position: 1 });
    // Counter 2 serves building permits: call-next gives it the later ticket, and by hand it is refused.
    expect(await ok(t.api.post('/api/v1/counters/counter-2/call-next', clerk2))).toMatchObject({ id: later.id });
    await ok(t.api.post(`/api/v1/tickets/${later.id}/no-show`, clerk2));
    const b = await before();
    const byHand = await t.api.post(`/api/v1/tickets/${tk.id}/call`, clerk2, { counterId: 'counter-2' });
    expect(byHand).toMatchObject({ status: 409, body: { error: { code: 'reserved' } } });
    await unchanged(b);
    // The counter screen's queue: reserved for counter 3 (staff see the note), a counter PC never sees it.
    const staffView = await ok(t.api.get(`/api/v1/tickets/${tk.id}`, clerk3));
    expect(staffView.transferNote).toBe('يحتاج مراجعة الرخصة التجارية');
    const deviceView = await ok(t.api.get(`/api/v1/tickets/${tk.id}`, display));
    expect(deviceView.targetCounterId).toBe('counter-3');
    expect(deviceView).not.toHaveProperty('transferNote');
    expect(JSON.stringify(await ok(t.api.get('/api/v1/queue', display)))).not.toContain('مراجعة');
    // The note is not in the append-only log: only beside it, for the retention period.
    const db = new Database(join(t.dir, 'dawr.sqlite'), { readonly: true });
    try {
      const logged = db.prepare("SELECT body FROM events WHERE type = 'ticket.transferred'").all() as { body: string }[];
      expect(logged).toHaveLength(1);
      expect(logged[0]!.body).not.toContain('مراجعة');
      expect(JSON.parse(logged[0]!.body)).toMatchObject({ toCounterId: 'counter-3', by: ids.clerk1 });
    } finally {
      db.close();
    }
    // Counter 3 serves commercial licences only, yet calls it — first, from its original issue time.
    expect(await ok(t.api.post('/api/v1/counters/counter-3/call-next', clerk3))).toMatchObject({ id: tk.id, status: 'called', counterId: 'counter-3' });
    expect((await ok(t.api.get(`/api/v1/tickets/${waitingAt3.id}`, clerk3))).status).toBe('waiting');
  });

  it('sends the ticket to a clerk, wherever they are signed in', async () => {
    const tk = await servingAt1();
    await open(clerk3, 5);
    const clerks = await ok(t.api.get('/api/v1/staff/clerks', clerk1));
    const c3 = clerks.find((c: { id: string }) => c.id === ids.clerk3);
    expect(c3).toEqual({ id: ids.clerk3, name: 'موظف 3', counterId: 'counter-5' });
    await ok(t.api.post(`/api/v1/tickets/${tk.id}/transfer`, clerk1, { clerkId: ids.clerk3 }));
    expect(await ok(t.api.post('/api/v1/counters/counter-5/call-next', clerk3))).toMatchObject({ id: tk.id, counterId: 'counter-5' });
  });

  it('refuses bad transfers with the documented error, changing nothing', async () => {
    const tk = await servingAt1();
    await open(clerk2, 2);
    const b = await before();
    const cases: [object, number, string][] = [
      [{}, 400, 'invalid_input'],
      [{ counterId: 'counter-2', clerkId: ids.clerk2 }, 400, 'invalid_input'],
      [{ counterId: 'counter-2', note: 'a\u202Eb' }, 400, 'invalid_input'],
      [{ counterId: 'counter-2', note: 'x'.repeat(501) }, 400, 'invalid_input'],
      [{ counterId: 'counter-2', extra: 1 }, 400, 'invalid_input'],
      [{ counterId: '../x' }, 400, 'invalid_input'],
      [{ counterId: 'counter-99' }, 404, 'not_found'],
      [{ counterId: 'counter-4' }, 409, 'counter_closed'],
      [{ counterId: 'counter-1' }, 409, 'conflict'],
      [{ clerkId: ids.clerk3 }, 409, 'clerk_absent'],
      [{ clerkId: ids.clerk1 }, 409, 'conflict'],
      [{ serviceId: 'building-permits' }, 409, 'conflict'],
    ];
    for (const [body, status, code] of cases) {
      const r = await t.api.post(`/api/v1/tickets/${tk.id}/transfer`, clerk1, body);
      expect(r.status, JSON.stringify(body)).toBe(status);
      expect(r.body.error.code, JSON.stringify(body)).toBe(code);
      expect(typeof r.body.error.message).toBe('string');
    }
    // Another clerk may not transfer the ticket at counter 1.
    expect((await t.api.post(`/api/v1/tickets/${tk.id}/transfer`, clerk2, { counterId: 'counter-2' })).status).toBe(403);
    await unchanged(b);
  });
});

describe("the supervisor's dashboard actions", () => {
  it('opens a counter for a clerk and ends a break, attributed to the supervisor and audited', async () => {
    const opened = await ok(t.api.post('/api/v1/dashboard/counters/counter-4/open', supervisor, { clerkId: ids.clerk2 }));
    expect(opened).toMatchObject({ id: 'counter-4', state: 'open', clerkId: ids.clerk2 });
    // The clerk works there now.
    await issue('commercial-licences');
    await ok(t.api.post('/api/v1/counters/counter-4/call-next', clerk2));
    const db = new Database(join(t.dir, 'dawr.sqlite'), { readonly: true });
    try {
      const row = db.prepare("SELECT body FROM events WHERE type = 'counter.opened' ORDER BY seq DESC LIMIT 1").get() as { body: string };
      expect(JSON.parse(row.body)).toMatchObject({ counterId: 'counter-4', clerkId: ids.clerk2, by: ids.supervisor });
    } finally {
      db.close();
    }
    // A break ended from the dashboard keeps the clerk.
    await open(clerk3, 6);
    await ok(t.api.post('/api/v1/counters/counter-6/break', clerk3));
    expect(await ok(t.api.post('/api/v1/dashboard/counters/counter-6/open', supervisor, {}))).toMatchObject({ state: 'open', clerkId: ids.clerk3 });
    const audit = await ok(t.api.get('/api/v1/admin/audit?action=dashboard.', admin));
    expect(audit.map((a: { action: string; actor: string; target: string }) => [a.action, a.actor, a.target])).toEqual([
      ['dashboard.counter-opened', 'staff:supervisor', 'counter-6'],
      ['dashboard.counter-opened', 'staff:supervisor', 'counter-4'],
    ]);
    expect(JSON.parse(audit[1].detail)).toEqual({ counter: 4, clerk: 'clerk2' });
  });

  it('closes a counter (signing its clerk out of it), but not while it holds a ticket', async () => {
    await servingAt1();
    await open(clerk2, 2);
    expect(await ok(t.api.post('/api/v1/dashboard/counters/counter-2/close', supervisor, {}))).toMatchObject({ state: 'closed' });
    expect((await ok(t.api.get('/api/v1/counters', clerk2))).find((c: { id: string }) => c.id === 'counter-2').clerkId).toBeUndefined();
    const b = await before();
    const busy = await t.api.post('/api/v1/dashboard/counters/counter-1/close', supervisor, {});
    expect(busy).toMatchObject({ status: 409, body: { error: { code: 'illegal_transition' } } });
    await unchanged(b);
    const audit = await ok(t.api.get('/api/v1/admin/audit?action=dashboard.counter-closed', admin));
    expect(audit).toEqual([expect.objectContaining({ actor: 'staff:supervisor', target: 'counter-2', detail: JSON.stringify({ counter: 2, clerk: 'clerk2' }) })]);
  });

  it('moves a waiting ticket to another service (keeping its issue time) and cancels one, audited', async () => {
    const a = await issue('building-permits');
    const b = await issue('building-permits');
    const moved = await ok(t.api.post(`/api/v1/dashboard/tickets/${a.id}/move`, supervisor, { serviceId: 'certificates' }));
    expect(moved).toMatchObject({ id: a.id, status: 'waiting', serviceId: 'certificates', issuedAt: a.issuedAt, transferredFrom: ['building-permits'] });
    const cancelled = await ok(t.api.post(`/api/v1/dashboard/tickets/${b.id}/cancel`, supervisor, {}));
    expect(cancelled).toMatchObject({ id: b.id, status: 'cancelled' });
    const audit = await ok(t.api.get('/api/v1/admin/audit?action=dashboard.ticket', admin));
    expect(audit.map((x: { action: string; detail: string }) => [x.action, JSON.parse(x.detail)])).toEqual([
      ['dashboard.ticket-cancelled', { ticket: 'A-002', service: { ar: expect.any(String), en: 'Building permits' } }],
      ['dashboard.ticket-moved', { ticket: 'A-001', from: expect.objectContaining({ en: 'Building permits' }), to: expect.objectContaining({ en: 'Certificates and documents' }) }],
    ]);
  });

  it('refuses a clerk, a manager, a device and an anonymous caller (403/401), changing nothing', async () => {
    const tk = await issue('building-permits');
    const b = await before();
    const calls: [string, object][] = [
      ['/api/v1/dashboard/counters/counter-2/open', { clerkId: ids.clerk2 }],
      ['/api/v1/dashboard/counters/counter-2/close', {}],
      [`/api/v1/dashboard/tickets/${tk.id}/move`, { serviceId: 'certificates' }],
      [`/api/v1/dashboard/tickets/${tk.id}/cancel`, {}],
    ];
    for (const [path, body] of calls) {
      for (const token of [clerk1, manager, display]) {
        const r = await t.api.post(path, token, body);
        expect(r.status, path).toBe(403);
        expect(r.body.error.code).toBe('forbidden');
      }
      expect((await t.api.post(path, undefined, body)).status).toBe(401);
    }
    expect((await t.api.get('/api/v1/staff/clerks', display)).status).toBe(403);
    await unchanged(b);
  });

  it('refuses bad input with the documented error, changing nothing', async () => {
    const served = await servingAt1();
    const waiting = await issue('building-permits');
    const b = await before();
    const cases: [string, object, number, string][] = [
      ['/api/v1/dashboard/counters/counter-2/open', {}, 400, 'invalid_input'], // closed: whom for?
      ['/api/v1/dashboard/counters/counter-2/open', { clerkId: 'nobody' }, 404, 'not_found'],
      ['/api/v1/dashboard/counters/counter-2/open', { clerkId: ids.manager }, 400, 'invalid_input'],
      ['/api/v1/dashboard/counters/counter-2/open', { clerkId: ids.clerk1 }, 409, 'conflict'], // signed in at counter 1
      ['/api/v1/dashboard/counters/counter-2/open', { clerkId: ids.clerk2, extra: true }, 400, 'invalid_input'],
      ['/api/v1/dashboard/counters/counter-99/open', { clerkId: ids.clerk2 }, 404, 'not_found'],
      ['/api/v1/dashboard/counters/counter-99/close', {}, 404, 'not_found'],
      ['/api/v1/dashboard/counters/counter-2/close', { now: true }, 400, 'invalid_input'],
      [`/api/v1/dashboard/tickets/${waiting.id}/move`, {}, 400, 'invalid_input'],
      [`/api/v1/dashboard/tickets/${waiting.id}/move`, { serviceId: 'no-such' }, 404, 'not_found'],
      [`/api/v1/dashboard/tickets/${waiting.id}/move`, { serviceId: 'building-permits' }, 409, 'conflict'],
      [`/api/v1/dashboard/tickets/${served.id}/move`, { serviceId: 'certificates' }, 409, 'illegal_transition'],
      [`/api/v1/dashboard/tickets/${served.id}/cancel`, {}, 409, 'illegal_transition'],
      ['/api/v1/dashboard/tickets/nope/cancel', {}, 404, 'not_found'],
    ];
    for (const [path, body, status, code] of cases) {
      const r = await t.api.post(path, supervisor, body);
      expect(r.status, `${path} ${JSON.stringify(body)}`).toBe(status);
      expect(r.body.error.code, `${path} ${JSON.stringify(body)}`).toBe(code);
    }
    await unchanged(b);
  });
});

describe("each clerk's day on the live statistics", () => {
  it('names every clerk at a counter and counts the outcomes each recorded', async () => {
    const tk = await servingAt1();
    await ok(t.api.post(`/api/v1/tickets/${tk.id}/complete`, clerk1, { outcome: 'documents_missing' }));
    await open(clerk2, 3);
    const stats = await ok(t.api.get('/api/v1/stats/live', supervisor));
    expect(stats.clerks).toEqual([
      { clerkId: ids.clerk1, name: 'موظف 1', counterId: 'counter-1', served: 1, noShows: 0, transferred: 0, avgServiceMinutes: expect.any(Number), outcomes: [{ outcome: 'documents_missing', count: 1 }] },
      { clerkId: ids.clerk2, name: 'موظف 2', counterId: 'counter-3', served: 0, noShows: 0, transferred: 0, avgServiceMinutes: null, outcomes: [] },
    ]);
    expect((await t.api.get('/api/v1/stats/live', clerk1)).status).toBe(403);
  });
});

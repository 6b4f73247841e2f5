// A hall's queue through the HTTP API: issue, call, recall, start, complete, no-show, transfer,
// park, cancel — and every refused move answered with the documented error, changing nothing.
import { pseudonym, sealIdNumber } from '../../../electron/devices/id-reader/sealed-id.ts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type TestHub, startTestHub } from '../../support/hub.ts';

let t: TestHub;
let kiosk: string;
let clerk1: string;
let clerk2: string;
let admin: string;

beforeEach(async () => {
  t = await startTestHub();
  admin = await t.api.login('admin', 'dawr-admin');
  kiosk = await t.api.pairDevice(admin, 'kiosk', 'Kiosk');
  [clerk1, clerk2] = await Promise.all([t.api.login('clerk1', 'dawr-clerk'), t.api.login('clerk2', 'dawr-clerk')]);
});
afterEach(async () => { await t.close(); });

const issue = async (serviceId = 'building-permits', extra: object = {}) => {
  const r = await t.api.post('/api/v1/tickets', kiosk, { serviceId, lang: 'ar', ...extra });
  expect(r.status).toBe(201);
  return r.body;
};

async function snapshotOfHall() {
  const [queue, counters, lastSeq] = [await t.api.get('/api/v1/queue', admin), await t.api.get('/api/v1/counters', admin), t.hub.ctx.hall.lastSeq()];
  return { queue: queue.body, counters: counters.body, lastSeq };
}

describe('issuing', () => {
  it('quotes every ticket of a burst decided together, the later ones longer', async () => {
    await t.api.post('/api/v1/counters/counter-1/open', clerk1);
    const kioskActor = { id: 'burst-kiosk', role: 'kiosk' as const };
    // Submitted in one turn of the event loop: one batch, one commit, a budget shared for the quotes.
    const outcomes = await Promise.all(Array.from({ length: 12 }, () => t.hub.ctx.hall.execute({ type: 'issue', serviceId: 'building-permits', lang: 'ar', priority: 'none', identityVerified: false }, kioskActor)));
    const quotes = outcomes.map((o) => {
      if (!o.ok) throw new Error(o.error.message);
      const e = o.events.find((x) => x.type === 'ticket.issued');
      if (e?.type !== 'ticket.issued') throw new Error('no ticket');
      return e.quote;
    });
    // The first is called at once (the counter is free); each later one waits behind those before it.
    expect(quotes[0]).toEqual({ minMinutes: 0, maxMinutes: 0 });
    for (const q of quotes.slice(2)) expect(q.maxMinutes).toBeGreaterThan(1);
    expect(quotes[11]!.minMinutes).toBeGreaterThan(quotes[2]!.maxMinutes);
    expect(quotes[11]!.minMinutes).toBeGreaterThanOrEqual(Math.max(...quotes.slice(0, 6).map((q) => q.maxMinutes)));
  });


  it('numbers tickets per service prefix and quotes an expected wait range', async () => {
    // One counter at work (with none open, the quote depends on the time of day: counters are taken
    // to open at the next half hour, which may be a minute away).
    await t.api.post('/api/v1/counters/counter-1/open', clerk1);
    const a1 = await issue('building-permits');
    const a2 = await issue('building-permits');
    const g1 = await issue('reception');
    expect([a1.number, a2.number, g1.number]).toEqual(['A-001', 'A-002', 'G-001']);
    expect(a1).toMatchObject({ status: 'waiting', priority: 'none', lang: 'ar', position: 1, recalls: 0, identityVerified: false });
    expect(a2.position).toBe(2);
    expect(a2.expectedWait.maxMinutes).toBeGreaterThan(a2.expectedWait.minMinutes);
    expect(a2.expectedWait.minMinutes).toBeGreaterThanOrEqual(a1.expectedWait.minMinutes);
    expect(a1.trackingCode).toMatch(/^[2-9A-Z]{10}$/);
  });

  it('accepts a sealed ID reading, marks the ticket verified, and never returns the number or its pseudonym', async () => {
    const idSealed = sealIdNumber('2345678901', t.hub.ctx.identityKey.publicKey, Date.now());
    const tk = await issue('reception', { idSealed, priority: 'elderly' });
    expect(tk.identityVerified).toBe(true);
    expect(tk.priority).toBe('elderly');
    expect(JSON.stringify(tk)).not.toContain('2345678901');
    expect(JSON.stringify(tk)).not.toContain(pseudonym('2345678901', t.hub.ctx.installationSecret));
  });

  it('refuses bad input with 400 and an unknown service with 404, issuing nothing', async () => {
    const before = await snapshotOfHall();
    for (const body of [{}, { serviceId: 'reception' }, { serviceId: 'reception', lang: 'fr' }, { serviceId: 'reception', lang: 'ar', priority: 'vip' }, { serviceId: 'reception', lang: 'ar', idToken: '123456789' }, { serviceId: '../etc', lang: 'ar' }]) {
      const r = await t.api.post('/api/v1/tickets', kiosk, body);
      expect(r.status, JSON.stringify(body)).toBe(400);
    }
    const unknown = await t.api.post('/api/v1/tickets', kiosk, { serviceId: 'no-such-service', lang: 'ar' });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('not_found');
    expect(await snapshotOfHall()).toEqual(before);
  });
});

describe('serving at a counter', () => {
  it('takes a ticket through call, recall, start and complete', async () => {
    const tk = await issue('building-permits');
    expect((await t.api.post('/api/v1/counters/counter-1/open', clerk1)).body.state).toBe('open');
    const called = await t.api.post('/api/v1/counters/counter-1/call-next', clerk1);
    expect(called.status).toBe(200);
    expect(called.body).toMatchObject({ id: tk.id, status: 'called', counterId: 'counter-1' });
    expect((await t.api.post(`/api/v1/tickets/${tk.id}/recall`, clerk1)).body.recalls).toBe(1);
    expect((await t.api.post(`/api/v1/tickets/${tk.id}/start`, clerk1)).body.status).toBe('serving');
    const done = await t.api.post(`/api/v1/tickets/${tk.id}/complete`, clerk1, { outcome: 'completed', note: 'papers complete' });
    expect(done.body).toMatchObject({ status: 'done', outcome: 'completed', note: 'papers complete' });
    expect((await t.api.post('/api/v1/counters/counter-1/call-next', clerk1)).status).toBe(204);
  });

  it('calls the longest-waiting ticket relative to its target across the counter services', async () => {
    const a = await issue('building-permits');
    const c = await issue('land-planning');
    await t.api.post('/api/v1/counters/counter-1/open', clerk1);
    // Same wait so far; building permits has the smaller target (20 < 25), so its ticket scores higher.
    const first = await t.api.post('/api/v1/counters/counter-1/call-next', clerk1);
    expect(first.body.id).toBe(a.id);
    await t.api.post(`/api/v1/tickets/${a.id}/no-show`, clerk1);
    expect((await t.api.post('/api/v1/counters/counter-1/call-next', clerk1)).body.id).toBe(c.id);
  });

  it('marks a no-show, parks and calls back, transfers keeping the issue time, cancels', async () => {
    const [x, y, z] = [await issue('building-permits'), await issue('building-permits'), await issue('building-permits')];
    await t.api.post('/api/v1/counters/counter-1/open', clerk1);
    await t.api.post('/api/v1/counters/counter-1/call-next', clerk1);
    expect((await t.api.post(`/api/v1/tickets/${x.id}/no-show`, clerk1)).body.status).toBe('no_show');

    await t.api.post('/api/v1/counters/counter-1/call-next', clerk1);
    await t.api.post(`/api/v1/tickets/${y.id}/start`, clerk1);
    expect((await t.api.post(`/api/v1/tickets/${y.id}/park`, clerk1)).body.status).toBe('parked');
    const back = await t.api.post(`/api/v1/tickets/${y.id}/call`, clerk1, { counterId: 'counter-1' });
    expect(back.body).toMatchObject({ status: 'called', counterId: 'counter-1' });
    await t.api.post(`/api/v1/tickets/${y.id}/start`, clerk1);
    const moved = await t.api.post(`/api/v1/tickets/${y.id}/transfer`, clerk1, { serviceId: 'fees-payments' });
    expect(moved.body).toMatchObject({ status: 'waiting', serviceId: 'fees-payments', transferredFrom: ['building-permits'], issuedAt: y.issuedAt, number: y.number });

    expect((await t.api.post(`/api/v1/tickets/${z.id}/cancel`, admin)).body.status).toBe('cancelled');
    // The transferred ticket is now in the fees queue, served at counter 4 (licences + fees).
    const clerk4 = await t.api.login('clerk4', 'dawr-clerk');
    await t.api.post('/api/v1/counters/counter-4/open', clerk4);
    expect((await t.api.post('/api/v1/counters/counter-4/call-next', clerk4)).body.id).toBe(y.id);
  });
});

describe('refusals change nothing', () => {
  it('answers illegal transitions with 409 and leaves the hall as it was', async () => {
    const tk = await issue('building-permits');
    await t.api.post('/api/v1/counters/counter-1/open', clerk1);
    const before = await snapshotOfHall();
    const illegal: [string, object?][] = [['start'], ['complete', {}], ['no-show'], ['recall'], ['park'], ['transfer', { serviceId: 'reception' }]];
    for (const [verb, body] of illegal) {
      const r = await t.api.post(`/api/v1/tickets/${tk.id}/${verb}`, clerk1, body);
      expect(r.status, verb).toBe(409);
      expect(r.body.error.code).toBe('illegal_transition');
    }
    expect(await snapshotOfHall()).toEqual(before);
  });

  it('keeps clerks to their own counter and one counter each', async () => {
    await issue('building-permits');
    await t.api.post('/api/v1/counters/counter-1/open', clerk1);
    const stranger = await t.api.post('/api/v1/counters/counter-1/call-next', clerk2);
    expect(stranger.status).toBe(403);
    const second = await t.api.post('/api/v1/counters/counter-2/open', clerk1);
    expect(second.status).toBe(409);
    const taken = await t.api.post('/api/v1/counters/counter-1/open', clerk2);
    expect(taken.status).toBe(409);
  });

  it('refuses to call while the counter holds a ticket, and on a closed counter', async () => {
    await issue('building-permits');
    await issue('building-permits');
    expect((await t.api.post('/api/v1/counters/counter-1/call-next', clerk1)).status).toBe(403);
    await t.api.post('/api/v1/counters/counter-1/open', clerk1);
    await t.api.post('/api/v1/counters/counter-1/call-next', clerk1);
    const busy = await t.api.post('/api/v1/counters/counter-1/call-next', clerk1);
    expect(busy.status).toBe(409);
    expect((await t.api.post('/api/v1/counters/counter-1/break', clerk1)).status).toBe(409);
    const sup = await t.api.login('supervisor', 'dawr-supervisor');
    expect((await t.api.post('/api/v1/counters/counter-9/open', sup)).status).toBe(404);
  });

  it('answers unknown tickets with 404 and bad bodies with 400', async () => {
    expect((await t.api.post('/api/v1/tickets/2026-01-01-A001/start', clerk1)).status).toBe(404);
    expect((await t.api.get('/api/v1/tickets/nope', clerk1)).status).toBe(404);
    const tk = await issue();
    const bad = await t.api.post(`/api/v1/tickets/${tk.id}/complete`, clerk1, { outcome: 42 });
    expect(bad.status).toBe(400);
    expect((await t.api.post(`/api/v1/tickets/${tk.id}/transfer`, clerk1, {})).status).toBe(400);
    expect((await t.api.request('POST', '/api/v1/tickets', { token: kiosk, raw: 'x'.repeat(70_000) })).status).toBe(400);
  });
});

describe('public tracking and satisfaction', () => {
  it('shows position, wait and counter without anything personal, and takes one rating once done', async () => {
    const tk = await issue('reception', { idSealed: sealIdNumber('3456789012', t.hub.ctx.identityKey.publicKey, Date.now()) });
    const view = await t.api.get(`/api/v1/track/${tk.trackingCode}`);
    expect(view.status).toBe(200);
    expect(view.body).toMatchObject({ number: tk.number, status: 'waiting', position: 1, rated: false });
    expect(Object.keys(view.body).sort()).toEqual(['countersOpen', 'expectedWait', 'issuedAt', 'number', 'position', 'rated', 'service', 'status']);
    expect((await t.api.post(`/api/v1/track/${tk.trackingCode}/rating`, undefined, { rating: 5 })).status).toBe(409);

    const clerk7 = await t.api.login('clerk7', 'dawr-clerk');
    await t.api.post('/api/v1/counters/counter-7/open', clerk7);
    await t.api.post('/api/v1/counters/counter-7/call-next', clerk7);
    expect((await t.api.get(`/api/v1/track/${tk.trackingCode}`)).body.counter).toEqual({ number: 7, name: { ar: 'الشباك 7', en: 'Counter 7' } });
    await t.api.post(`/api/v1/tickets/${tk.id}/start`, clerk7);
    await t.api.post(`/api/v1/tickets/${tk.id}/complete`, clerk7);
    expect((await t.api.post(`/api/v1/track/${tk.trackingCode}/rating`, undefined, { rating: 4, reason: 'quick' })).status).toBe(204);
    expect((await t.api.post(`/api/v1/track/${tk.trackingCode}/rating`, undefined, { rating: 1 })).status).toBe(409);
    expect((await t.api.post(`/api/v1/track/${tk.trackingCode}/rating`, undefined, { rating: 9 })).status).toBe(400);
    const stats = await t.api.get('/api/v1/stats/live', admin);
    expect(stats.body.services.find((s: { serviceId: string }) => s.serviceId === 'reception')).toMatchObject({ served: 1, avgRating: 4 });
    expect((await t.api.get('/api/v1/track/NOSUCHCODE')).status).toBe(404);
  });
});

describe('live KPIs', () => {
  it('count served, no-shows, service level and raise an alert past the target', async () => {
    const a = await issue('building-permits');
    await issue('building-permits');
    await t.api.post('/api/v1/counters/counter-1/open', clerk1);
    await t.api.post('/api/v1/counters/counter-1/call-next', clerk1);
    await t.api.post(`/api/v1/tickets/${a.id}/start`, clerk1);
    await t.api.post(`/api/v1/tickets/${a.id}/complete`, clerk1);
    await t.api.post('/api/v1/counters/counter-1/call-next', clerk1);
    const stats = (await t.api.get('/api/v1/stats/live', admin)).body;
    const permits = stats.services.find((s: { serviceId: string }) => s.serviceId === 'building-permits');
    expect(permits).toMatchObject({ served: 1, waiting: 0, serviceLevel: 1, breached: false });
    expect(stats.overall.served).toBe(1);
    expect(stats.counters.find((c: { id: string }) => c.id === 'counter-1')).toMatchObject({ state: 'open', ticketId: expect.any(String) });
    expect(stats.hourly).toHaveLength(24);
  });
});

// The citizen leaves the queue from the tracking page (POST /api/v1/track/{code}/cancel): one
// domain event attributed to the citizen, gone from the queue, idempotent, refused once called.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestHub, startTestHub } from '../../support/hub.ts';

let t: TestHub;
let kiosk: string;
let admin: string;
let clerk: string;

beforeAll(async () => {
  t = await startTestHub();
  admin = await t.api.login('admin', 'dawr-admin');
  kiosk = await t.api.pairDevice(admin, 'kiosk', 'Kiosk');
  clerk = await t.api.login('clerk6', 'dawr-clerk');
});
afterAll(async () => { await t.close(); });

const issue = async (serviceId: string) => {
  const r = await t.api.post('/api/v1/tickets', kiosk, { serviceId, lang: 'ar' });
  expect(r.status).toBe(201);
  return r.body as { id: string; number: string; trackingCode: string };
};
const eventsOf = (ticketId: string) => t.hub.ctx.hall.since(0, 10_000).filter((e) => 'ticketId' in e && e.ticketId === ticketId);

describe('leaving the queue from the tracking page', () => {
  it('cancels the waiting ticket as the citizen: gone from the queue, the others move up, once only', async () => {
    const first = await issue('certificates');
    const mine = await issue('certificates');
    const after = await issue('certificates');
    expect((await t.api.get(`/api/v1/track/${after.trackingCode}`)).body.position).toBe(3);

    const r = await t.api.post(`/api/v1/track/${mine.trackingCode}/cancel`, undefined, {});
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ number: mine.number, status: 'cancelled' });
    expect(r.body.position).toBeUndefined();

    const queue = await t.api.get('/api/v1/queue', admin);
    expect(queue.body.tickets.map((x: { id: string }) => x.id)).not.toContain(mine.id);
    expect(queue.body.tickets.map((x: { id: string }) => x.id)).toEqual(expect.arrayContaining([first.id, after.id]));
    expect((await t.api.get(`/api/v1/track/${after.trackingCode}`)).body.position).toBe(2);

    // One event, by the citizen — never the tracking code in it.
    const cancelled = eventsOf(mine.id).filter((e) => e.type === 'ticket.cancelled');
    expect(cancelled).toHaveLength(1);
    expect(cancelled[0]).toMatchObject({ by: 'citizen', reason: 'left the queue (tracking page)' });
    expect(JSON.stringify(cancelled[0])).not.toContain(mine.trackingCode);
    const audit = await t.api.get(`/api/v1/admin/audit?action=ticket.leave`, admin);
    expect(audit.body).toEqual(expect.arrayContaining([expect.objectContaining({ actor: 'citizen:tracking page', target: mine.id })]));

    // Again (a second tap, a retry after a lost answer): the same answer, nothing new.
    const seq = t.hub.ctx.hall.lastSeq();
    const again = await t.api.post(`/api/v1/track/${mine.trackingCode}/cancel`, undefined, {});
    expect(again.status).toBe(200);
    expect(again.body.status).toBe('cancelled');
    expect(t.hub.ctx.hall.lastSeq()).toBe(seq);
  });

  it('refuses with 409 already_called once the ticket was called or served, changing nothing', async () => {
    await t.api.post('/api/v1/counters/counter-6/open', clerk);
    // Counter 6 calls whatever routing gives it first; leave with the ticket it holds.
    await issue('certificates');
    const called = await t.api.post('/api/v1/counters/counter-6/call-next', clerk);
    expect(called.status).toBe(200);
    const code = (await t.api.get(`/api/v1/tickets/${called.body.id}`, admin)).body.trackingCode as string;
    const seq = t.hub.ctx.hall.lastSeq();
    const r = await t.api.post(`/api/v1/track/${code}/cancel`, undefined, {});
    expect(r.status).toBe(409);
    expect(r.body.error.code).toBe('already_called');
    expect(t.hub.ctx.hall.lastSeq()).toBe(seq);
    expect((await t.api.get(`/api/v1/track/${code}`)).body.status).toBe('called');

    await t.api.post(`/api/v1/tickets/${called.body.id}/start`, clerk);
    await t.api.post(`/api/v1/tickets/${called.body.id}/complete`, clerk, {});
    const done = await t.api.post(`/api/v1/track/${code}/cancel`, undefined, {});
    expect(done.status).toBe(409);
    expect(done.body.error.code).toBe('already_called');
  });

  it('answers 404 for an unknown code and 400 for a malformed one', async () => {
    expect((await t.api.post('/api/v1/track/ABCDEFGHJK/cancel', undefined, {})).status).toBe(404);
    expect((await t.api.post('/api/v1/track/not-a-code/cancel', undefined, {})).status).toBe(400);
  });

  it('is in the API description, public, with its refusals', async () => {
    const spec = (await t.api.get('/api/v1/openapi.json')).body;
    const op = spec.paths['/api/v1/track/{code}/cancel']?.post;
    expect(op).toBeDefined();
    expect(op['x-access']).toBe('public');
    expect(op.summary).toContain('already_called');
  });
});

describe('what the tracking page is told besides', () => {
  it('says how many counters are open for the service, and where a transferred ticket came from (its number kept)', async () => {
    const reception = await issue('reception');
    let view = (await t.api.get(`/api/v1/track/${reception.trackingCode}`)).body;
    // Counter 6 (open) does not serve reception in the demo; nothing else is open.
    const counters = (await t.api.get('/api/v1/counters', admin)).body as { id: string; state: string; serviceIds: string[] }[];
    const open = counters.filter((c) => c.state !== 'closed' && c.serviceIds.includes('reception')).length;
    expect(view.countersOpen).toBe(open);

    // A certificates ticket served at counter 6 and transferred to reception keeps its number.
    const cert = await issue('certificates');
    let held: { id: string } | undefined;
    for (;;) {
      const c = await t.api.post('/api/v1/counters/counter-6/call-next', clerk);
      if (c.status !== 200) break;
      if (c.body.id === cert.id) { held = c.body; break; }
      await t.api.post(`/api/v1/tickets/${c.body.id}/start`, clerk);
      await t.api.post(`/api/v1/tickets/${c.body.id}/complete`, clerk, {});
    }
    expect(held).toBeDefined();
    await t.api.post(`/api/v1/tickets/${cert.id}/start`, clerk);
    expect((await t.api.post(`/api/v1/tickets/${cert.id}/transfer`, clerk, { serviceId: 'reception' })).status).toBe(200);
    view = (await t.api.get(`/api/v1/track/${cert.trackingCode}`)).body;
    expect(view).toMatchObject({ number: cert.number, status: 'waiting', transferredFrom: { en: 'Certificates and documents' } });
    expect(view.service.en).toBe('Enquiries and reception');
  });

  it('gives the kiosk the counters open per service in the queue summary', async () => {
    const q = (await t.api.get('/api/v1/queue', kiosk)).body as { services: { serviceId: string; countersOpen: number }[] };
    expect(q.services.find((s) => s.serviceId === 'certificates')?.countersOpen).toBeGreaterThanOrEqual(1);
    expect(q.services.find((s) => s.serviceId === 'building-permits')?.countersOpen).toBe(0);
  });
});

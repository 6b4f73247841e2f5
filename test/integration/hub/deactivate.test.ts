// Taking a service off the kiosk while people wait for it: the kiosk stops offering it (a ticket
// for it is refused), the tickets already waiting keep their place and are called and served.
import { afterEach, describe, expect, it } from 'vitest';
import type { Service } from '../../../shared/protocol/entities.ts';
import { type TestHub, startTestHub } from '../../support/hub.ts';

let t: TestHub;
afterEach(async () => {
  await t?.close();
});

describe('a service deactivated with tickets waiting', () => {
  it('is no longer issued, and its waiting tickets are still served in order', async () => {
    t = await startTestHub();
    const admin = await t.api.login('admin', 'dawr-admin');
    const clerk = await t.api.login('clerk7', 'dawr-clerk');
    const kiosk = await t.api.pairDevice(admin, 'kiosk', 'Kiosk');
    const first = (await t.api.post('/api/v1/tickets', kiosk, { serviceId: 'reception', lang: 'ar' })).body;
    const second = (await t.api.post('/api/v1/tickets', kiosk, { serviceId: 'reception', lang: 'en' })).body;

    const reception = ((await t.api.get<(Service & { id: string })[]>('/api/v1/admin/services', admin)).body).find((s) => s.id === 'reception')!;
    const saved = await t.api.post('/api/v1/admin/services', admin, { ...reception, active: false });
    expect(saved.status).toBe(200);

    const refused = await t.api.post('/api/v1/tickets', kiosk, { serviceId: 'reception', lang: 'ar' });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('conflict');
    const queue = (await t.api.get<{ tickets: { id: string; status: string }[] }>('/api/v1/queue', clerk)).body.tickets;
    expect(queue.filter((x) => x.status === 'waiting').map((x) => x.id)).toEqual([first.id, second.id]);

    await t.api.post('/api/v1/counters/counter-7/open', clerk);
    for (const ticket of [first, second]) {
      const called = await t.api.post('/api/v1/counters/counter-7/call-next', clerk);
      expect(called.status).toBe(200);
      expect(called.body.id ?? called.body.ticket?.id).toBe(ticket.id);
      expect((await t.api.post(`/api/v1/tickets/${ticket.id}/start`, clerk)).status).toBe(200);
      expect((await t.api.post(`/api/v1/tickets/${ticket.id}/complete`, clerk, { outcome: 'completed' })).status).toBe(200);
    }
    // Its tracking page still answers for the citizen who waited.
    expect((await t.api.get(`/api/v1/track/${first.trackingCode}`)).body.status).toBe('done');
  });
});

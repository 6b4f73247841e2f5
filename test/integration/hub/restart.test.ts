// The day rebuilt from the store: a restarted hub has every ticket, continues the numbering,
// and restarts it at 001 on the next business day (Asia/Riyadh), also across a restart.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { manualClock } from '../../../shared/domain/clock.ts';
import { startTestHub } from '../../support/hub.ts';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));
const freshDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'dawr-restart-'));
  dirs.push(d);
  return d;
};

describe('restart and the business day', () => {
  it('keeps the day and continues numbering after a restart, with counters rebuilt', async () => {
    const dir = freshDir();
    const clock = manualClock(Date.parse('2026-11-22T06:00:00Z')); // 09:00 in Riyadh
    let t = await startTestHub({ dir, clock });
    const admin = await t.api.login('admin', 'dawr-admin');
    const clerk = await t.api.login('clerk1', 'dawr-clerk');
    const a1 = (await t.api.post('/api/v1/tickets', admin, { serviceId: 'building-permits', lang: 'ar' })).body;
    await t.api.post('/api/v1/tickets', admin, { serviceId: 'building-permits', lang: 'ar' });
    await t.api.post('/api/v1/counters/counter-1/open', clerk);
    clock.advance(5 * 60_000);
    await t.api.post('/api/v1/counters/counter-1/call-next', clerk);
    await t.close();

    t = await startTestHub({ dir, clock });
    const again = (await t.api.post('/api/v1/tickets', admin, { serviceId: 'building-permits', lang: 'ar' })).body;
    expect(again.number).toBe('A-003');
    expect((await t.api.get(`/api/v1/tickets/${a1.id}`, admin)).body).toMatchObject({ status: 'called', counterId: 'counter-1' });
    expect((await t.api.get('/api/v1/counters', admin)).body.find((c: { id: string }) => c.id === 'counter-1')).toMatchObject({ state: 'open', ticketId: a1.id });
    // The clerk's session survived the restart too (sessions are stored, hashed).
    expect((await t.api.post(`/api/v1/tickets/${a1.id}/start`, clerk)).status).toBe(200);
    await t.close();
  });

  it('restarts numbering at 001 after local midnight, also when the hub restarts across it', async () => {
    const dir = freshDir();
    const clock = manualClock(Date.parse('2026-11-22T20:50:00Z')); // 23:50 in Riyadh
    let t = await startTestHub({ dir, clock });
    const admin = await t.api.login('admin', 'dawr-admin');
    const late = (await t.api.post('/api/v1/tickets', admin, { serviceId: 'reception', lang: 'ar' })).body;
    expect(late).toMatchObject({ number: 'G-001', day: '2026-11-22' });
    await t.close();

    clock.set(Date.parse('2026-11-22T21:10:00Z')); // 00:10 the next day in Riyadh
    t = await startTestHub({ dir, clock });
    const early = (await t.api.post('/api/v1/tickets', admin, { serviceId: 'reception', lang: 'ar' })).body;
    expect(early).toMatchObject({ number: 'G-001', day: '2026-11-23' });
    expect(early.id).not.toBe(late.id);
    // Yesterday's ticket is no longer in today's queue.
    expect((await t.api.get(`/api/v1/tickets/${late.id}`, admin)).status).toBe(404);
    // A running hub rolls over too. (A day later the 12-hour session has expired: sign in again.)
    clock.set(Date.parse('2026-11-23T21:05:00Z'));
    expect((await t.api.post('/api/v1/tickets', admin, { serviceId: 'reception', lang: 'ar' })).status).toBe(401);
    const admin2 = await t.api.login('admin', 'dawr-admin');
    const next = (await t.api.post('/api/v1/tickets', admin2, { serviceId: 'reception', lang: 'ar' })).body;
    expect(next).toMatchObject({ number: 'G-001', day: '2026-11-24' });
    await t.close();
  });
});

// The hall settings: GET/PUT /api/v1/admin/settings — PUT takes back what GET returns, a change
// applies at once (branch, kiosk opening hours, routing, recall limit) and after a restart, is
// audited, and a bad value or a wrong role is refused changing nothing.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { manualClock } from '../../../shared/domain/clock.ts';
import type { HallSettings } from '../../../shared/protocol/settings.ts';
import { startTestHub } from '../../support/hub.ts';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

const put = (t: Awaited<ReturnType<typeof startTestHub>>, token: string, body: unknown) => t.api.request<HallSettings>('PUT', '/api/v1/admin/settings', { token, body });

describe('hall settings', () => {
  it('round-trips, applies at once to every screen and the kiosk, is audited and survives a restart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dawr-settings-'));
    dirs.push(dir);
    // Tuesday 2026-12-01, 20:00 in Riyadh.
    const clock = manualClock(Date.parse('2026-12-01T17:00:00Z'));
    let t = await startTestHub({ dir, clock });
    const admin = await t.api.login('admin', 'dawr-admin');
    const kiosk = await t.api.pairDevice(admin, 'kiosk', 'Kiosk');

    const got = await t.api.get<HallSettings>('/api/v1/admin/settings', admin);
    expect(got.status).toBe(200);
    expect(got.body.hours.always).toBe(true); // the demo hall is open at every hour
    expect((await put(t, admin, got.body)).body).toEqual(got.body);

    const changed: HallSettings = {
      ...got.body,
      name: { ar: 'قاعة الاختبار', en: 'Test Hall' },
      address: { ar: 'شارع القوتلي', en: 'Quwatli Street' },
      digits: 'latn',
      kioskResetSeconds: 20,
      recallLimit: 1,
      routing: { priorityFactor: 3, overdueFactor: 2.5 },
      hours: { always: false, weekly: [0, 1, 2, 3, 4, 5, 6].map((d) => (d >= 5 ? null : { open: '08:00', close: '15:00' })), holidays: [{ date: '2026-12-02', name: { ar: 'عطلة', en: 'Holiday' } }] },
    };
    const saved = await put(t, admin, changed);
    expect(saved.status).toBe(200);
    expect(saved.body).toEqual(changed);

    const branch = (await t.api.get('/api/v1/branch', kiosk)).body;
    expect(branch).toMatchObject({ name: changed.name, address: changed.address, digits: 'latn', kioskResetSeconds: 20, hours: changed.hours });
    expect(t.hub.ctx.hall.state.config).toMatchObject({ recallLimit: 1, routing: { priorityFactor: 3, overdueFactor: 2.5 } });

    // 20:00 on a Tuesday is after hours: a kiosk is refused with a code the screen words; staff may still issue.
    const closed = await t.api.post('/api/v1/tickets', kiosk, { serviceId: 'reception', lang: 'ar' });
    expect(closed.status).toBe(409);
    expect(closed.body.error.code).toBe('hall_closed');
    expect((await t.api.post('/api/v1/tickets', admin, { serviceId: 'reception', lang: 'ar' })).status).toBe(201);
    // Wednesday is a holiday; Thursday 09:00 it is open.
    clock.advance(13 * 3_600_000);
    expect((await t.api.post('/api/v1/tickets', kiosk, { serviceId: 'reception', lang: 'ar' })).body.error?.code).toBe('hall_closed');
    clock.advance(24 * 3_600_000);
    expect((await t.api.post('/api/v1/tickets', kiosk, { serviceId: 'reception', lang: 'ar' })).status).toBe(201);

    const audit = (await t.api.get<{ action: string; detail?: string }[]>('/api/v1/admin/audit?action=settings', await t.api.login('admin', 'dawr-admin'))).body;
    expect(audit, JSON.stringify(audit)).toHaveProperty([0, 'action'], 'settings.saved');
    expect(audit[0]!.detail).toContain('hours');

    await t.close();
    t = await startTestHub({ dir, clock });
    const again = await t.api.get<HallSettings>('/api/v1/admin/settings', await t.api.login('admin', 'dawr-admin'));
    expect(again.body).toEqual(changed);
    await t.close();
  });

  it('refuses a bad value or another role, changing nothing', async () => {
    const t = await startTestHub();
    try {
      const admin = await t.api.login('admin', 'dawr-admin');
      const before = (await t.api.get<HallSettings>('/api/v1/admin/settings', admin)).body;
      for (const bad of [
        { ...before, timeZone: 'Mars/Olympus' },
        { ...before, digits: 'roman' },
        { ...before, kioskResetSeconds: 1 },
        { ...before, hours: { ...before.hours, weekly: before.hours.weekly.slice(1) } },
        { ...before, hours: { ...before.hours, weekly: before.hours.weekly.map(() => ({ open: '15:00', close: '08:00' })) } },
        { ...before, name: { ar: '', en: 'x' } },
      ]) {
        const r = await put(t, admin, bad);
        expect(r.status, JSON.stringify(bad).slice(0, 80)).toBe(400);
        expect((r.body as unknown as { error: { code: string } }).error.code).toBe('invalid_input');
      }
      const empty = await t.api.post('/api/v1/admin/counters', admin, { number: 99, name: { ar: 'شباك ٩٩', en: 'Counter 99' }, serviceIds: [] });
      expect(empty.status).toBe(400); // a counter with no services would open and call nothing
      const clerk = await t.api.login('clerk1', 'dawr-clerk');
      expect((await put(t, clerk, before)).status).toBe(403);
      expect((await t.api.get('/api/v1/admin/settings', clerk)).status).toBe(403);
      const manager = await t.api.login('manager', 'dawr-manager');
      expect((await put(t, manager, before)).status).toBe(200);
      expect((await t.api.get<HallSettings>('/api/v1/admin/settings', admin)).body).toEqual(before);
    } finally {
      await t.close();
    }
  });
});

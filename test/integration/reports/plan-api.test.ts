// GET /api/v1/plan over a real hub whose demo hall has generated past weeks: arrivals per service
// and hour agree with the summary report's issued count, every hour with arrivals has a need by
// Erlang C per service and a pooled need never above their sum, the roster is today's, and the
// usual refusals hold (range, level, roles).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, businessDay } from '../../../shared/domain/business-day.ts';
import { countersNeeded } from '../../../shared/domain/erlang.ts';
import type { PlanResponse } from '../../../shared/protocol/plan.ts';
import { type RunningHub, startHub } from '../../../electron/hub/hub.ts';
import { createLogger } from '../../../electron/node-common/log.ts';
import { ApiClient } from '../../support/hub.ts';


let dir: string;
let hub: RunningHub;
let api: ApiClient;
let manager: string;
const today = businessDay(Date.now(), 'Asia/Riyadh');
const range = `from=${addDays(today, -14)}&to=${addDays(today, -1)}`;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'dawr-plan-api-'));
  hub = await startHub({ dataDir: dir, port: 0, demo: true, demoHistoryDays: 15, log: createLogger({ level: 'silent' }) });
  api = new ApiClient(hub.url);
  manager = await api.login('manager', 'dawr-manager');
}, 120_000);

afterAll(async () => {
  await hub?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('GET /api/v1/plan', () => {
  it('learns arrivals per hour from the history and says how many counters each hour needs', async () => {
    const r = await api.get(`/api/v1/plan?${range}&level=0.8`, manager);
    expect(r.status).toBe(200);
    const plan = r.body as PlanResponse;
    expect(plan.openDays).toBeGreaterThan(5);
    const summary = await api.get(`/api/v1/reports/summary?${range}`, manager);
    const perDay = plan.services.reduce((a, s) => a + s.arrivalsPerHour.reduce((x, y) => x + y, 0), 0);
    // Each figure is rounded to 0.01 a day: at most 0.005 off per service and hour.
    expect(Math.abs(perDay * plan.openDays - summary.body.key.issued)).toBeLessThanOrEqual(0.005 * 24 * plan.services.length * plan.openDays);
    expect(plan.roster.source).toBe('configured');
    expect(plan.roster.counters).toHaveLength(8);
    for (const h of plan.hours) {
      for (const s of h.services) {
        const svc = plan.services.find((x) => x.serviceId === s.serviceId)!;
        expect(s.needed).toBe(countersNeeded({ arrivalsPerHour: s.arrivalsPerHour, serviceMinutes: svc.serviceMinutes, targetWaitMinutes: svc.targetWaitMinutes, serviceLevel: 0.8 }).counters);
      }
      expect(h.needed).toBe(h.services.reduce((a, s) => a + s.needed, 0));
      // The headline: the hall as it works, pooled — never above the per-service sum.
      expect(h.counters).toBeGreaterThan(0);
      expect(h.counters).toBeLessThanOrEqual(h.needed);
      expect(h.mix).toHaveLength(h.counters);
      for (const m of h.moves) expect(plan.roster.counters.map((c) => c.counterId)).toContain(m.counterId);
      if (h.rosterMeets) expect(h.moves).toEqual([]);
    }
    expect(Math.max(...plan.hours.map((h) => h.needed))).toBeGreaterThan(0);
    // The usual day's breaks (the demo's clerks break between 10:00 and 11:30) and the skills the hall has.
    expect(plan.breakShare).toHaveLength(24);
    expect(Math.max(...plan.breakShare)).toBeGreaterThan(0);
    expect(plan.palette).toHaveLength(8);
  });

  it('refuses a bad range or level, and clerks', async () => {
    expect((await api.get(`/api/v1/plan?from=${today}&to=${addDays(today, -3)}`, manager)).status).toBe(400);
    expect((await api.get(`/api/v1/plan?${range}&level=2`, manager)).status).toBe(400);
    expect((await api.get(`/api/v1/plan?${range}&extra=1`, manager)).status).toBe(400);
    const clerk = await api.login('clerk1', 'dawr-clerk');
    expect((await api.get(`/api/v1/plan?${range}`, clerk)).status).toBe(403);
  });
});

// The hub runs its issue path on a throwaway copy of the hall before it listens (warm-up.ts). A
// citizen must not be able to tell: the first ticket after a start is still number 001, quoted and
// placed exactly as by a hub that did not warm up, and nothing of the warm-up is in the log, the
// counts or the queue.
import { afterEach, describe, expect, it } from 'vitest';
import { manualClock } from '../../../shared/domain/clock.ts';
import { type TestHub, startTestHub } from '../../support/hub.ts';
import { parseHubArgs } from '../../../electron/hub/cli.ts';

const hubs: TestHub[] = [];
afterEach(async () => {
  await Promise.all(hubs.splice(0).map((h) => h.close()));
});

/** A demo hall at a fixed working morning; clerk1 opens counter 1, then three tickets are issued. */
async function morning(warmIssues: number) {
  const clock = manualClock(Date.parse('2026-12-02T09:00:00+03:00'));
  const t = await startTestHub({ clock, more: { warmIssues } });
  hubs.push(t);
  const seqAtStart = t.hub.ctx.hall.lastSeq();
  const login = async (username: string, password: string) => (await t.api.post('/api/v1/auth/login', undefined, { username, password })).body.token as string;
  const admin = await login('admin', 'dawr-admin');
  const clerk = await login('clerk1', 'dawr-clerk');
  const kiosk = await t.api.pairDevice(admin, 'kiosk', 'Kiosk');
  const queueBefore = (await t.api.get('/api/v1/queue', kiosk)).body;
  expect((await t.api.post('/api/v1/counters/counter-1/open', clerk)).status).toBe(200);
  const tickets = [];
  for (const serviceId of ['building-permits', 'building-permits', 'certificates']) {
    const r = await t.api.post('/api/v1/tickets', kiosk, { serviceId, lang: 'ar' });
    expect(r.status).toBe(201);
    tickets.push({ number: r.body.number, position: r.body.position, expectedWait: r.body.expectedWait });
    clock.advance(30_000);
  }
  return { t, seqAtStart, queueBefore, tickets };
}

describe('the issue path warmed up before the hub listens', () => {
  it('runs the issues it was asked for, and leaves the hall, its numbers and its quotes as a cold start would', async () => {
    const cold = await morning(0);
    const warm = await morning(400);
    expect(cold.t.hub.warmedUp.issues).toBe(0);
    expect(warm.t.hub.warmedUp.issues).toBe(400);
    // Nothing written, nothing waiting, nothing counted.
    expect(warm.seqAtStart).toBe(cold.seqAtStart);
    expect(warm.queueBefore).toEqual(cold.queueBefore);
    // The same first tickets: numbered from 001, at the same places, with the same printed ranges.
    expect(warm.tickets.map((x) => x.number)).toEqual(['A-001', 'A-002', expect.stringMatching(/-001$/)]);
    expect(warm.tickets).toEqual(cold.tickets);
    expect(warm.tickets[1]!.position).toBe(2);
  });
});

describe('dawr hub --warm-issues', () => {
  it('warms 1,000 issues unless told otherwise, 0 turns it off, and a bad value is refused with its reason', () => {
    expect(parseHubArgs([]).warmIssues).toBe(1000);
    expect(parseHubArgs(['--warm-issues', '0']).warmIssues).toBe(0);
    expect(parseHubArgs(['--warm-issues', '250']).warmIssues).toBe(250);
    for (const bad of ['-1', '1.5', 'many', '1000001']) expect(() => parseHubArgs([`--warm-issues=${bad}`])).toThrow(/--warm-issues must be a whole number from 0 to 100000/);
  });
});

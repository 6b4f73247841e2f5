// Failed sign-ins on a real hub, probed as a stranger would: wrong passwords slow down the address
// they come from, never the account — the owner signs in from elsewhere at once, the delay grows
// and says how long (Retry-After), an admin clears it, and the hub's own machine is never delayed.
//
// Two machines on the hall's network are played by two loopback addresses (127.0.0.2, 127.0.0.3:
// the whole of 127.0.0.0/8 reaches the hub, each as its own client address). Loopback is exempt
// by default (the all-in-one station), so those tests start the hub with `loopbackExempt: false`.
// The hub's clock stands still unless a test moves it: a delay holds however slow the machine is.
import { afterEach, describe, expect, it } from 'vitest';
import { manualClock } from '../../../shared/domain/clock.ts';
import { fromAddress } from '../../support/from-address.ts';
import { type TestHub, startTestHub } from '../../support/hub.ts';

let t: TestHub | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

const wrong = (i: number) => `wrong-password-${i}`;

describe('failed sign-ins slow down an address, not an account', () => {
  it("a stranger's wrong passwords from one address do not keep the owner out from another", async () => {
    t = await startTestHub({ clock: manualClock(Date.now()), loopbackExempt: false });
    const stranger = fromAddress(t.url, '127.0.0.2');
    const owner = fromAddress(t.url, '127.0.0.3');
    for (let i = 0; i < 5; i++) expect((await stranger.login('admin', wrong(i))).status).toBe(401);
    const delayed = await stranger.login('admin', wrong(5));
    expect(delayed.status).toBe(429);
    expect(delayed.body).toEqual({ error: { code: 'rate_limited', message: expect.stringMatching(/try again in \d+ seconds?/) } });
    expect(Number(delayed.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    // From the stranger's address even the right password waits: guessing gains nothing there.
    expect((await stranger.login('admin', 'dawr-admin')).status).toBe(429);

    const mine = await owner.login('admin', 'dawr-admin');
    expect(mine.status).toBe(200);
    expect(mine.body.user.username).toBe('admin');
    // The audit log names the stranger's address.
    const audit = await owner.get('/api/v1/admin/audit?action=login.failed', mine.body.token);
    expect(audit.body.map((e: { actor: string }) => e.actor)).toEqual(Array(5).fill('ip:127.0.0.2'));
  });

  it('the delay doubles at each further failure, says how long in Retry-After, and a success clears the address', async () => {
    const clock = manualClock(Date.now());
    t = await startTestHub({ clock, loopbackExempt: false });
    const stranger = fromAddress(t.url, '127.0.0.4');
    for (let i = 0; i < 5; i++) expect((await stranger.login('clerk1', wrong(i))).status).toBe(401);
    // Ten requests from this address in all: the route's own limit (10 a minute per address) is not reached.
    const waits: string[] = [];
    for (let i = 0; i < 3; i++) {
      if (i > 0) {
        // Waited as told: the next attempt is heard again (and, wrong, doubles the delay).
        clock.advance(Number(waits[i - 1]) * 1000);
        expect((await stranger.login('clerk1', wrong(20 + i))).status).toBe(401);
      }
      const refused = await stranger.login('clerk1', wrong(10 + i));
      expect(refused.status).toBe(429);
      expect(refused.body.error.code).toBe('rate_limited');
      waits.push(String(refused.headers['retry-after']));
    }
    expect(waits).toEqual(['1', '2', '4']);

    // The clerk mistyping at their own counter: a success from the address clears its count.
    const counter = fromAddress(t.url, '127.0.0.5');
    for (let i = 0; i < 3; i++) expect((await counter.login('clerk2', wrong(i))).status).toBe(401);
    expect((await counter.login('clerk2', 'dawr-clerk')).status).toBe(200);
    for (let i = 0; i < 4; i++) expect((await counter.login('clerk2', wrong(i))).status, `failure ${i + 1} after the success`).toBe(401);
  });

  it("an admin's unlock clears the account's failures from every address, and is audited", async () => {
    t = await startTestHub({ clock: manualClock(Date.now()), loopbackExempt: false });
    const a = fromAddress(t.url, '127.0.0.6');
    const b = fromAddress(t.url, '127.0.0.7');
    for (let i = 0; i < 5; i++) {
      expect((await a.login('supervisor', wrong(i))).status).toBe(401);
      expect((await b.login('supervisor', wrong(i))).status).toBe(401);
    }
    expect((await a.login('supervisor', 'dawr-supervisor')).status).toBe(429);
    expect((await b.login('supervisor', 'dawr-supervisor')).status).toBe(429);

    const admin = await t.api.login('admin', 'dawr-admin');
    const manager = await t.api.login('manager', 'dawr-manager');
    const staff = (await t.api.get('/api/v1/admin/staff', admin)).body as { id: string; username: string }[];
    const id = staff.find((u) => u.username === 'supervisor')!.id;
    expect((await t.api.post(`/api/v1/admin/staff/${id}/unlock`, manager)).status).toBe(403);
    expect((await t.api.post('/api/v1/admin/staff/nobody/unlock', admin)).status).toBe(404);
    const unlocked = await t.api.post(`/api/v1/admin/staff/${id}/unlock`, admin);
    expect(unlocked.status).toBe(200);
    expect(unlocked.body).toEqual({ cleared: 2 });

    expect((await a.login('supervisor', 'dawr-supervisor')).status).toBe(200);
    expect((await b.login('supervisor', wrong(9))).status).toBe(401);
    const audit = (await t.api.get('/api/v1/admin/audit?action=staff.unlocked', admin)).body as { actor: string; target: string }[];
    expect(audit).toEqual([expect.objectContaining({ actor: 'staff:admin', target: id })]);
  });

  it("never delays the hub's own machine (loopback), by default", async () => {
    t = await startTestHub();
    for (let i = 0; i < 8; i++) expect((await t.api.post('/api/v1/auth/login', undefined, { username: 'clerk3', password: wrong(i) })).status, `failure ${i + 1}`).toBe(401);
    expect(await t.api.login('clerk3', 'dawr-clerk')).toEqual(expect.any(String));
    // Any address of 127.0.0.0/8 is this machine.
    const local = fromAddress(t.url, '127.0.0.9');
    for (let i = 0; i < 7; i++) expect((await local.login('clerk4', wrong(i))).status).toBe(401);
    expect((await local.login('clerk4', 'dawr-clerk')).status).toBe(200);
  });
});

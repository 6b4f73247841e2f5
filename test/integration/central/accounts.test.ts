// Central's accounts as a stranger and as each role would probe them, over a real central on a
// real PostgreSQL: failed sign-ins slow down the stranger's address, never the platform admin
// signing in from elsewhere; the account lifecycle (list, disable, reset, end sessions, unlock,
// one's own password, the audit log), each scoped: a municipality admin sees and changes only
// their municipality's accounts (another's answers 404), the managers get 403.
//
// Clients on distinct loopback addresses (test/support/from-address.ts) are distinct machines to
// central: it does not exempt loopback (only the hub does, for its own station). Every sign-in
// leaves from an address of its own, so the route's limit (10 a minute per address) never bites.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningCentral, startCentral } from '../../../electron/central/central.ts';
import { createLogger } from '../../../electron/node-common/log.ts';
import { manualClock } from '../../../shared/domain/clock.ts';
import { api, freshDatabase, municipalityWith } from '../../support/central.ts';
import { fromAddress } from '../../support/from-address.ts';
import { makeTempDir } from '../../support/temp-dir.ts';

const tmp = makeTempDir('dawr-central-accounts-');
let db: Awaited<ReturnType<typeof freshDatabase>>;
let central: RunningCentral;
let url: string;
/** Central's clock stands still unless a test moves it: a delay holds however slow the machine is. */
const clock = manualClock(Date.now());
let platform: string;
let homsCentres: { id: string }[];
let hamaCentres: { id: string }[];
const ids: Record<string, string> = {};

let nextAddress = 0;
/** A client on an address of its own. */
const client = () => fromAddress(url, `127.0.1.${++nextAddress}`);
async function signIn(username: string, password: string): Promise<string> {
  const r = await client().login(username, password);
  if (r.status !== 200) throw new Error(`sign-in of ${username}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body.token as string;
}
async function account(token: string, body: Record<string, unknown>): Promise<string> {
  const r = await api<{ id: string }>(url, '/api/v1/users', { token, body });
  if (r.status !== 201) throw new Error(JSON.stringify(r.body));
  ids[body.username as string] = r.body.id;
  return r.body.id;
}
const me = async (token: string) => (await api(url, '/api/v1/me', { token })).status;
type Entry = { at: string; actor: string; actorName: string | null; action: string; target: string | null; targetName: string | null; detail: Record<string, unknown> | null; municipalityId: string | null };
const auditOf = async (token: string, query = '') => api<Entry[]>(url, `/api/v1/audit${query}`, { token });

beforeAll(async () => {
  db = await freshDatabase();
  central = await startCentral({ dataDir: tmp.path, databaseUrl: db.url, now: () => clock.now(), log: createLogger({ level: 'silent', app: 'dawr-central' }) });
  url = central.url;
  ids.platform = (await central.ctx.auth.createUser({ username: 'platform', password: 'platform-pass', role: 'platform_admin' })).id;
  platform = await signIn('platform', 'platform-pass');
  homsCentres = (await municipalityWith(url, platform, 'homs', ['north', 'south'])).centres;
  hamaCentres = (await municipalityWith(url, platform, 'hama', ['centre'])).centres;
  await account(platform, { username: 'homs-admin', password: 'homs-admin-pass', role: 'municipality_admin', municipalityId: 'homs' });
  await account(platform, { username: 'homs-manager', password: 'homs-manager-pass', role: 'municipality_manager', municipalityId: 'homs' });
  await account(platform, { username: 'north-manager', password: 'north-manager-pass', role: 'centre_manager', branchId: homsCentres[0]!.id });
  await account(platform, { username: 'hama-admin', password: 'hama-admin-pass', role: 'municipality_admin', municipalityId: 'hama' });
});

afterAll(async () => {
  await central?.close();
  await db?.drop();
  tmp.remove();
});

describe('failed sign-ins on central slow down an address, not an account', () => {
  it("a stranger's wrong passwords do not keep the platform admin out from another address; the attempts are audited with the address", async () => {
    const stranger = fromAddress(url, '127.0.0.2');
    for (let i = 0; i < 5; i++) expect((await stranger.login('platform', `guess-${i}`)).status).toBe(401);
    const delayed = await stranger.login('platform', 'guess-5');
    expect(delayed.status).toBe(429);
    expect(delayed.body).toEqual({ error: { code: 'rate_limited', message: expect.stringMatching(/try again in 1 second/) } });
    expect(delayed.headers['retry-after']).toBe('1');
    expect((await stranger.login('platform', 'platform-pass')).status).toBe(429);

    const owner = await fromAddress(url, '127.0.0.3').login('platform', 'platform-pass');
    expect(owner.status).toBe(200);
    const failed = (await auditOf(owner.body.token, '?action=login.failed')).body;
    expect(failed).toHaveLength(5);
    for (const e of failed) expect(e).toMatchObject({ actor: 'ip:127.0.0.2', target: ids.platform, targetName: 'platform', detail: { address: '127.0.0.2' }, municipalityId: null });
  });

  it('the delay doubles at each further failure and Retry-After says how long', async () => {
    const stranger = fromAddress(url, '127.0.0.4');
    for (let i = 0; i < 5; i++) expect((await stranger.login('hama-admin', `guess-${i}`)).status).toBe(401);
    const waits: string[] = [];
    for (let i = 0; i < 3; i++) {
      if (i > 0) {
        clock.advance(Number(waits[i - 1]) * 1000);
        expect((await stranger.login('hama-admin', `guess-again-${i}`)).status).toBe(401);
      }
      const refused = await stranger.login('hama-admin', `guess-more-${i}`);
      expect(refused.status).toBe(429);
      waits.push(String(refused.headers['retry-after']));
    }
    expect(waits).toEqual(['1', '2', '4']);
    // A name that does not exist waits the same way: the delay says nothing about which accounts exist.
    const other = fromAddress(url, '127.0.0.5');
    for (let i = 0; i < 5; i++) expect((await other.login('nobody-here', `guess-${i}`)).status).toBe(401);
    expect((await other.login('nobody-here', 'guess-5')).headers['retry-after']).toBe('1');
  });

  it("an admin's unlock clears every address's count; scoped like every account action", async () => {
    const a = fromAddress(url, '127.0.0.6');
    const b = fromAddress(url, '127.0.0.7');
    for (let i = 0; i < 5; i++) {
      expect((await a.login('homs-manager', `guess-${i}`)).status).toBe(401);
      expect((await b.login('homs-manager', `guess-${i}`)).status).toBe(401);
    }
    expect((await a.login('homs-manager', 'homs-manager-pass')).status).toBe(429);
    const hamaAdmin = await signIn('hama-admin', 'hama-admin-pass');
    const homsAdmin = await signIn('homs-admin', 'homs-admin-pass');
    const northManager = await signIn('north-manager', 'north-manager-pass');
    expect((await api(url, `/api/v1/users/${ids['homs-manager']}/unlock`, { token: hamaAdmin, body: {} })).status).toBe(404);
    expect((await api(url, `/api/v1/users/${ids['homs-manager']}/unlock`, { token: northManager, body: {} })).status).toBe(403);
    const unlocked = await api(url, `/api/v1/users/${ids['homs-manager']}/unlock`, { token: homsAdmin, body: {} });
    expect(unlocked).toEqual({ status: 200, body: { cleared: 2 } });
    expect((await a.login('homs-manager', 'homs-manager-pass')).status).toBe(200);
    expect((await b.login('homs-manager', 'guess-9')).status).toBe(401);
    expect((await auditOf(homsAdmin, '?action=user.unlocked')).body).toEqual([expect.objectContaining({ actorName: 'homs-admin', target: ids['homs-manager'], detail: { cleared: 2 } })]);
  });
});

describe("central's account lifecycle, scoped by role", () => {
  it('lists every account to the platform admin, its own municipality\'s to a municipality admin, and nothing to a manager', async () => {
    const names = async (token: string) => (await api<{ username: string }[]>(url, '/api/v1/users', { token })).body.map((u) => u.username);
    expect(await names(platform)).toEqual(['hama-admin', 'homs-admin', 'homs-manager', 'north-manager', 'platform']);
    const homsAdmin = await signIn('homs-admin', 'homs-admin-pass');
    const list = await api<{ username: string; active: boolean; municipalityId: string }[]>(url, '/api/v1/users', { token: homsAdmin });
    expect(list.body.map((u) => u.username)).toEqual(['homs-admin', 'homs-manager', 'north-manager']);
    expect(list.body.every((u) => u.active && u.municipalityId === 'homs')).toBe(true);
    expect(JSON.stringify(list.body)).not.toMatch(/password|scrypt/);
    expect((await api(url, '/api/v1/users', { token: await signIn('homs-manager', 'homs-manager-pass') })).status).toBe(403);
    expect((await api(url, '/api/v1/users', { token: await signIn('north-manager', 'north-manager-pass') })).status).toBe(403);
  });

  it('disabling ends every session and refuses sign-in; a municipality admin cannot reach another municipality, disable themselves, or make a platform admin', async () => {
    const homsAdmin = await signIn('homs-admin', 'homs-admin-pass');
    const target = await signIn('homs-manager', 'homs-manager-pass');
    const disabled = await api<{ active: boolean }>(url, `/api/v1/users/${ids['homs-manager']}`, { token: homsAdmin, body: { active: false } });
    expect(disabled.status).toBe(200);
    expect(disabled.body).toMatchObject({ username: 'homs-manager', active: false });
    expect(await me(target)).toBe(401);
    expect((await client().login('homs-manager', 'homs-manager-pass')).status).toBe(401);
    expect((await api(url, `/api/v1/users/${ids['homs-manager']}`, { token: homsAdmin, body: { active: true, displayName: 'Homs manager' } })).body).toMatchObject({ active: true, displayName: 'Homs manager' });
    await signIn('homs-manager', 'homs-manager-pass');

    expect((await api(url, `/api/v1/users/${ids['hama-admin']}`, { token: homsAdmin, body: { active: false } })).status).toBe(404);
    expect((await api(url, `/api/v1/users/${ids.platform}`, { token: homsAdmin, body: { displayName: 'x' } })).status).toBe(404);
    expect((await api(url, `/api/v1/users/${ids['homs-admin']}`, { token: homsAdmin, body: { active: false } })).status).toBe(409);
    expect((await api(url, `/api/v1/users/${ids['homs-manager']}`, { token: homsAdmin, body: { role: 'platform_admin' } })).status).toBe(403);
    expect((await api(url, `/api/v1/users/nobody`, { token: homsAdmin, body: { active: false } })).status).toBe(404);
    const manager = await signIn('homs-manager', 'homs-manager-pass');
    expect((await api(url, `/api/v1/users/${ids['north-manager']}`, { token: manager, body: { active: false } })).status).toBe(403);
  });

  it('a role or centre change ends the sessions; a centre manager needs a centre of the municipality', async () => {
    const homsAdmin = await signIn('homs-admin', 'homs-admin-pass');
    const before = await signIn('homs-manager', 'homs-manager-pass');
    const path = `/api/v1/users/${ids['homs-manager']}`;
    expect((await api(url, path, { token: homsAdmin, body: { role: 'centre_manager' } })).status).toBe(400);
    expect((await api(url, path, { token: homsAdmin, body: { role: 'centre_manager', branchId: hamaCentres[0]!.id } })).status).toBe(404);
    expect(await me(before)).toBe(200);
    const moved = await api(url, path, { token: homsAdmin, body: { role: 'centre_manager', branchId: homsCentres[1]!.id } });
    expect(moved.body).toMatchObject({ role: 'centre_manager', branchId: homsCentres[1]!.id, municipalityId: 'homs' });
    expect(await me(before)).toBe(401);
    const back = await api(url, path, { token: homsAdmin, body: { role: 'municipality_manager' } });
    expect(back.body).toMatchObject({ role: 'municipality_manager', branchId: null });
  });

  it('an admin resets another account\'s password (its sessions end), not their own; ends sessions on demand', async () => {
    const homsAdmin = await signIn('homs-admin', 'homs-admin-pass');
    const hamaAdmin = await signIn('hama-admin', 'hama-admin-pass');
    const north = await signIn('north-manager', 'north-manager-pass');
    const reset = `/api/v1/users/${ids['north-manager']}/password`;
    expect((await api(url, reset, { token: hamaAdmin, body: { password: 'a-new-password' } })).status).toBe(404);
    expect((await api(url, reset, { token: homsAdmin, body: { password: 'short' } })).status).toBe(400);
    expect((await api(url, reset, { token: homsAdmin, body: { password: 'north-new-pass' } })).status).toBe(204);
    expect(await me(north)).toBe(401);
    expect((await client().login('north-manager', 'north-manager-pass')).status).toBe(401);
    await signIn('north-manager', 'north-new-pass');
    expect((await api(url, `/api/v1/users/${ids['homs-admin']}/password`, { token: homsAdmin, body: { password: 'taken-over-pass' } })).status).toBe(409);

    const a = await signIn('north-manager', 'north-new-pass');
    const b = await signIn('north-manager', 'north-new-pass');
    expect((await api(url, `/api/v1/users/${ids['north-manager']}/end-sessions`, { token: hamaAdmin, body: {} })).status).toBe(404);
    const ended = await api<{ ended: number }>(url, `/api/v1/users/${ids['north-manager']}/end-sessions`, { token: homsAdmin, body: {} });
    expect(ended.status).toBe(200);
    expect(ended.body.ended).toBeGreaterThanOrEqual(2);
    expect([await me(a), await me(b)]).toEqual([401, 401]);
  });

  it('anyone changes their own password with the current one: every session ends, a new token comes back', async () => {
    const old1 = await signIn('homs-manager', 'homs-manager-pass');
    const old2 = await signIn('homs-manager', 'homs-manager-pass');
    const wrong = await api(url, '/api/v1/auth/password', { token: old1, body: { currentPassword: 'not-it-at-all', newPassword: 'manager-new-pass' } });
    expect(wrong.status).toBe(403);
    expect((await api(url, '/api/v1/auth/password', { token: old1, body: { currentPassword: 'homs-manager-pass', newPassword: 'short' } })).status).toBe(400);
    const changed = await api<{ token: string; expiresAt: string }>(url, '/api/v1/auth/password', { token: old1, body: { currentPassword: 'homs-manager-pass', newPassword: 'manager-new-pass' } });
    expect(changed.status).toBe(200);
    expect([await me(old1), await me(old2), await me(changed.body.token)]).toEqual([401, 401, 200]);
    expect((await client().login('homs-manager', 'homs-manager-pass')).status).toBe(401);
    await signIn('homs-manager', 'manager-new-pass');
  });

  it('the last active platform admin stays: two platform admins disabling each other at once leave one', async () => {
    await account(platform, { username: 'platform-two', password: 'platform-two-pass', role: 'platform_admin' });
    const one = await signIn('platform', 'platform-pass');
    const two = await signIn('platform-two', 'platform-two-pass');
    expect((await api(url, `/api/v1/users/${ids.platform}`, { token: one, body: { active: false } })).status).toBe(409);
    expect((await api(url, `/api/v1/users/${ids['platform-two']}`, { token: one, body: { role: 'municipality_admin' } })).status).toBe(400);
    const both = await Promise.all([
      api(url, `/api/v1/users/${ids['platform-two']}`, { token: one, body: { active: false } }),
      api(url, `/api/v1/users/${ids.platform}`, { token: two, body: { active: false } }),
    ]);
    expect(both.filter((r) => r.status === 200)).toHaveLength(1);
    const accounts = (await central.ctx.auth.accounts(null)).filter((u) => u.role === 'platform_admin' && u.active);
    expect(accounts).toHaveLength(1);
    // Back as it was for the other tests.
    const left = accounts[0]!.username === 'platform' ? one : two;
    const other = accounts[0]!.username === 'platform' ? ids['platform-two'] : ids.platform;
    expect((await api(url, `/api/v1/users/${other}`, { token: left, body: { active: true } })).status).toBe(200);
    platform = await signIn('platform', 'platform-pass');
  });

  it('the audit log: the platform admin reads all of it, a municipality admin what concerns their municipality, a manager nothing', async () => {
    const all = (await auditOf(platform, '?limit=1000')).body;
    const actions = new Set(all.map((e) => e.action));
    for (const a of ['login', 'login.failed', 'user.created', 'user.updated', 'user.password_reset', 'user.sessions_ended', 'user.unlocked', 'password.changed', 'branch.created']) expect(actions, a).toContain(a);
    expect(all.some((e) => e.municipalityId === 'hama')).toBe(true);
    expect(all.some((e) => e.municipalityId === null)).toBe(true);

    const homsAdmin = await signIn('homs-admin', 'homs-admin-pass');
    const homs = (await auditOf(homsAdmin, '?limit=1000')).body;
    expect(homs.length).toBeGreaterThan(10);
    expect(homs.every((e) => e.municipalityId === 'homs')).toBe(true);
    // What concerns Homs, whoever did it: the platform admin creating its accounts, a stranger's attempts on them.
    expect(homs).toEqual(expect.arrayContaining([
      expect.objectContaining({ actorName: 'platform', action: 'user.created', targetName: 'homs-admin' }),
      expect.objectContaining({ actor: 'ip:127.0.0.6', action: 'login.failed', targetName: 'homs-manager' }),
      expect.objectContaining({ actorName: 'homs-manager', action: 'password.changed' }),
    ]));
    expect(homs.some((e) => e.actorName === 'hama-admin' || e.targetName === 'hama-admin' || e.targetName === 'platform')).toBe(false);

    const mine = (await auditOf(homsAdmin, '?actor=homs-admin&action=user.')).body;
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((e) => e.actorName === 'homs-admin' && e.action.startsWith('user.'))).toBe(true);
    expect((await auditOf(homsAdmin, '?actor=ip:127.0.0.2')).body).toEqual([]);
    expect((await auditOf(platform, '?actor=ip:127.0.0.2')).body).toHaveLength(5);
    const day = all[0]!.at.slice(0, 10);
    const ofDay = (await auditOf(platform, `?from=${day}&to=${day}&limit=5`)).body;
    expect(ofDay.length).toBeGreaterThan(0);
    expect(ofDay.every((e) => e.at.startsWith(day))).toBe(true);
    expect((await auditOf(platform, '?from=2001-01-01&to=2001-12-31')).body).toEqual([]);
    expect((await auditOf(platform, '?from=2026-13-01')).status).toBe(400);

    const hama = (await auditOf(await signIn('hama-admin', 'hama-admin-pass'), '?limit=1000')).body;
    expect(hama.every((e) => e.municipalityId === 'hama')).toBe(true);
    expect((await auditOf(await signIn('homs-manager', 'manager-new-pass'))).status).toBe(403);
    expect((await auditOf(await signIn('north-manager', 'north-new-pass'))).status).toBe(403);
  });
});

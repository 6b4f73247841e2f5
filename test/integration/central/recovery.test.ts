// What survives what (issue 24, brief §12), with real processes: a hall enrolled with central,
// backed up at night, keeps working in the morning; its PC dies. Restored from last night's backup,
// it takes this morning's events back from central — tickets, calls, numbering — and replicates on
// without a gap or a duplicate. Then central loses the morning (restored from an older backup of
// its own): the hall pushes again what central lacks.
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CentralProcess, freshDatabase, municipalityWith, signIn, spawnCentral } from '../../support/central.ts';
import { type HubProcess, spawnHub } from '../../support/hub-process.ts';
import { ApiClient } from '../../support/hub.ts';
import { runDawr } from '../../support/dawr-cli.ts';
import { makeTempDir } from '../../support/temp-dir.ts';

const KEY = { DAWR_BACKUP_PASSPHRASE: 'the municipality keeps this one' };
const tmp = makeTempDir('dawr-recovery-');
let db: Awaited<ReturnType<typeof freshDatabase>>;
let pool: pg.Pool;
let central: CentralProcess;
let port: number;
let branchId: string;
let code: string;
const procs: { child: { kill(s?: NodeJS.Signals): boolean; exitCode: number | null }; exited: Promise<unknown> }[] = [];
const stop = async (p: (typeof procs)[number], signal: NodeJS.Signals = 'SIGKILL') => {
  if (p.child.exitCode === null) p.child.kill(signal);
  await p.exited;
};

const centralEvents = async () => (await pool.query<{ n: number; max: number }>('SELECT count(*)::int AS n, COALESCE(max(seq), 0)::int AS max FROM events WHERE branch_id = $1', [branchId])).rows[0]!;
/** Waits until central holds every event of the hall's log (its sync status says so) and returns the head. */
async function replicated(api: ApiClient, admin: string): Promise<number> {
  let head = 0;
  await expect.poll(async () => {
    const s = (await api.get('/api/v1/sync/status', admin)).body;
    head = s.head;
    return s.enrolled && s.backlog === 0 && s.ackedSeq === s.head && (await centralEvents()).max === s.head;
  }, { timeout: 30_000 }).toBe(true);
  return head;
}

beforeAll(async () => {
  db = await freshDatabase();
  pool = new pg.Pool({ connectionString: db.url, max: 2 });
  central = await spawnCentral(db.url, { data: join(tmp.path, 'central') });
  procs.push(central);
  port = Number(new URL(central.url).port);
  const token = await signIn(central.url, 'platform', central.password!);
  const m = await municipalityWith(central.url, token, 'homs', ['north']);
  branchId = m.centres[0]!.id;
  code = m.centres[0]!.code;
});
afterAll(async () => {
  for (const p of procs) await stop(p);
  await pool?.end();
  await db?.drop();
  tmp.remove();
});

describe('a hall PC lost in the morning', () => {
  it("comes back from last night's backup with this morning's tickets taken back from central, and replicates on without a gap or a duplicate", async () => {
    const data = join(tmp.path, 'hall');
    mkdirSync(data, { recursive: true });
    let hub: HubProcess = await spawnHub(['--demo', '--data', data, '--central', central.url, '--enrol', code], KEY);
    procs.push(hub);
    let api = new ApiClient(hub.url);
    let admin = await api.login('admin', 'dawr-admin');
    const kiosk = await api.pairDevice(admin, 'kiosk', 'Kiosk');
    const issue = async (a: ApiClient, token: string) => (await a.post('/api/v1/tickets', token, { serviceId: 'certificates', lang: 'ar' })).body as { id: string; number: string; trackingCode?: string };
    const night = [await issue(api, kiosk), await issue(api, kiosk), await issue(api, kiosk)];
    await replicated(api, admin);

    // Last night's backup.
    const backup = await runDawr(['backup', '--data', data, '--to', join(tmp.path, 'usb')], KEY);
    expect(backup.code, backup.stderr).toBe(0);
    const centralBackup = await runDawr(['central', 'backup', '--to', join(tmp.path, 'central-usb')], { ...KEY, DATABASE_URL: db.url });
    expect(centralBackup.code, centralBackup.stderr).toBe(0);

    // This morning: more tickets, one called.
    const morning = [await issue(api, kiosk), await issue(api, kiosk), await issue(api, kiosk), await issue(api, kiosk)];
    const clerk = await api.login('clerk6', 'dawr-clerk');
    await api.post('/api/v1/counters/counter-6/open', clerk);
    expect((await api.post('/api/v1/counters/counter-6/call-next', clerk)).body.id).toBe(night[0]!.id);
    const headBefore = await replicated(api, admin);

    // The PC dies: the hub killed, its folder gone.
    await stop(hub);
    rmSync(data, { recursive: true, force: true });
    const restored = join(tmp.path, 'new-pc');
    const r = await runDawr(['restore', backup.stdout.trim(), '--data', restored], KEY);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/took back \d+ events from central/);
    expect(r.stdout).toMatch(/not recoverable/);

    hub = await spawnHub(['--data', restored], KEY);
    procs.push(hub);
    api = new ApiClient(hub.url);
    admin = await api.login('admin', 'dawr-admin');
    for (const t of [...night, ...morning]) {
      const back = await api.get(`/api/v1/tickets/${t.id}`, admin);
      expect(back.status, t.number).toBe(200);
      expect(back.body.number).toBe(t.number);
    }
    expect((await api.get(`/api/v1/tickets/${night[0]!.id}`, admin)).body.status).toBe('called');
    // A morning ticket's tracking code never left the hall: it is gone, the ticket is not.
    expect((await api.get(`/api/v1/tickets/${morning[0]!.id}`, admin)).body.trackingCode).toBeUndefined();
    // Numbering goes on after this morning's last ticket; replication resumes with no gap or duplicate.
    const kiosk2 = await api.pairDevice(admin, 'kiosk', 'Kiosk 2');
    const next = await issue(api, kiosk2);
    expect(Number(next.number.slice(2))).toBe(Number(morning.at(-1)!.number.slice(2)) + 1);
    const head = await replicated(api, admin);
    expect(head).toBeGreaterThan(headBefore);
    const c = await centralEvents();
    expect(c).toEqual({ n: head, max: head });

    // Central loses the morning: restored from last night's backup. The hall pushes again what it lacks.
    await stop(central, 'SIGTERM');
    const cr = await runDawr(['central', 'restore', centralBackup.stdout.trim(), '--force'], { ...KEY, DATABASE_URL: db.url });
    expect(cr.code, cr.stderr).toBe(0);
    expect((await centralEvents()).max).toBeLessThan(headBefore);
    central = await spawnCentral(db.url, { data: join(tmp.path, 'central'), port });
    procs.push(central);
    const again = await replicated(api, admin);
    expect(await centralEvents()).toEqual({ n: again, max: again });
  }, 180_000);
});

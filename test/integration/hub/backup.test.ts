// Backups and restore as a hall's IT would use them (issue 24): `./dawr backup` while the hall keeps
// issuing tickets, the hub killed, `./dawr restore` into a new folder — every ticket acknowledged
// before the backup started is back and numbering goes on; the key, the seal and the schema
// checked before anything is touched; scheduled backups from Admin → Hall, verified, shown on the
// dashboard; a hall's disk damaged or emptied refused at start with the last good backup named.
import { mkdtempSync, readFileSync, readdirSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type HubProcess, spawnHub } from '../../support/hub-process.ts';
import { ApiClient } from '../../support/hub.ts';
import { runDawr } from '../../support/dawr-cli.ts';
import { writeBackup } from '../../../electron/node-common/backup-file.ts';
import { manualClock } from '../../../shared/domain/clock.ts';
import { startTestHub } from '../../support/hub.ts';

const KEY = { DAWR_BACKUP_PASSPHRASE: 'a passphrase kept in the safe' };
let root: string;
const running: HubProcess[] = [];
const start = async (args: string[], env: Record<string, string> = KEY) => {
  const h = await spawnHub(args, env);
  running.push(h);
  return h;
};
const kill = async (h: HubProcess) => {
  h.child.kill('SIGKILL');
  await h.exited;
};

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'dawr-backup-'));
});
afterEach(async () => {
  for (const h of running.splice(0)) if (h.child.exitCode === null) await kill(h);
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('a backup taken while the hall is issuing', () => {
  it('restores every ticket acknowledged before it started; numbering goes on; nothing was refused meanwhile', async () => {
    const data = join(root, 'busy');
    // A kiosk may issue as fast as the hall can take them here (the usual limit is 60 a minute).
    const hub = await start(['--demo', '--data', data, '--issue-per-minute', '100000']);
    const api = new ApiClient(hub.url);
    const admin = await api.login('admin', 'dawr-admin');
    const kiosk = await api.pairDevice(admin, 'kiosk', 'Kiosk');
    const acked: { id: string; number: string; at: number }[] = [];
    const refused: string[] = [];
    const latencies: number[] = [];
    let issuing = true;
    const services = ['certificates', 'reception', 'fees-payments'];
    const loop = (async () => {
      for (let i = 0; issuing; i++) {
        const t0 = performance.now();
        const r = await api.post('/api/v1/tickets', kiosk, { serviceId: services[i % 3], lang: 'ar' });
        latencies.push(performance.now() - t0);
        if (r.status === 201) acked.push({ id: r.body.id, number: r.body.number, at: Date.now() });
        else refused.push(`${r.status} ${JSON.stringify(r.body)}`);
      }
    })();
    await expect.poll(() => acked.length, { timeout: 20_000 }).toBeGreaterThan(20);
    const startedAt = Date.now();
    const backup = await runDawr(['backup', '--data', data, '--to', join(root, 'usb')], KEY);
    expect(backup.code, backup.stderr).toBe(0);
    const duringBackup = acked.filter((a) => a.at >= startedAt).length;
    // Some more after the backup: they are not in it.
    await expect.poll(() => acked.filter((a) => a.at > startedAt + backup.ms).length, { timeout: 20_000 }).toBeGreaterThan(5);
    issuing = false;
    await loop;
    expect(refused, 'tickets refused while the backup ran').toEqual([]);
    console.log(`backup while issuing: ${acked.length} tickets, ${duringBackup} during the ${backup.ms.toFixed(0)} ms backup; issue max ${Math.max(...latencies).toFixed(1)} ms`);
    const file = backup.stdout.trim();
    expect(file).toMatch(/dawr-homs-hall-\d{8}T\d{6}Z\.dawr-backup$/);
    expect(readFileSync(file).subarray(0, 12).toString()).toBe('DAWR-BACKUP\n');
    // Nothing personal in clear: the file is encrypted.
    expect(readFileSync(file).includes(Buffer.from('dawr-admin'))).toBe(false);
    await kill(hub);

    // The hall PC is gone: its folder too. Restored into a new one on another machine.
    rmSync(data, { recursive: true, force: true });
    const fresh = join(root, 'restored');
    const restore = await runDawr(['restore', file, '--data', fresh], KEY);
    expect(restore.code, restore.stderr).toBe(0);
    expect(restore.stdout).toMatch(/integrity ok/);
    const back = await start(['--data', fresh]);
    const api2 = new ApiClient(back.url);
    const admin2 = await api2.login('admin', 'dawr-admin');
    for (const a of acked.filter((x) => x.at < startedAt)) expect((await api2.get(`/api/v1/tickets/${a.id}`, admin2)).status, a.number).toBe(200);
    // The next certificates ticket follows the last one the backup holds; no number of the restored day is given twice.
    const kiosk2 = await api2.pairDevice(admin2, 'kiosk', 'Kiosk 2');
    const next = await api2.post('/api/v1/tickets', kiosk2, { serviceId: 'certificates', lang: 'ar' });
    expect(next.status).toBe(201);
    const inBackup = acked.filter((a) => a.at < startedAt && a.number.startsWith('F-')).map((a) => Number(a.number.slice(2)));
    expect(Number(next.body.number.slice(2))).toBeGreaterThan(Math.max(...inBackup));
  });
});

describe('restore checks the file before it touches anything', () => {
  let file: string;
  beforeAll(async () => {
    const data = join(root, 'small');
    const hub = await spawnHub(['--demo', '--data', data], KEY);
    hub.child.kill('SIGKILL');
    await hub.exited;
    const b = await runDawr(['backup', '--data', data, '--to', join(root, 'small-usb')], KEY);
    expect(b.code, b.stderr).toBe(0);
    file = b.stdout.trim();
  });

  it('refuses the wrong passphrase, a key file for a passphrase, an altered or cut file, and a folder that holds a hall', async () => {
    const into = join(root, 'into');
    const wrong = await runDawr(['restore', file, '--data', into], { DAWR_BACKUP_PASSPHRASE: 'not the passphrase at all' });
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(/backup key is wrong/);
    const keyFile = join(root, 'backup.key');
    writeFileSync(keyFile, Buffer.alloc(32, 7));
    expect((await runDawr(['restore', file, '--data', into, '--key-file', keyFile])).stderr).toMatch(/made with a passphrase/);
    const bytes = readFileSync(file);
    const altered = join(root, 'altered.dawr-backup');
    writeFileSync(altered, Buffer.concat([bytes.subarray(0, bytes.length - 100), Buffer.from([bytes[bytes.length - 100]! ^ 1]), bytes.subarray(bytes.length - 99)]));
    expect((await runDawr(['restore', altered, '--data', into], KEY)).stderr).toMatch(/damaged or was altered/);
    const cut = join(root, 'cut.dawr-backup');
    writeFileSync(cut, bytes.subarray(0, Math.floor(bytes.length / 2)));
    expect((await runDawr(['restore', cut, '--data', into], KEY)).code).toBe(1);
    // Nothing was left behind by the refusals.
    expect(readdirSync(into).filter((f) => !f.startsWith('.'))).toEqual([]);
    expect((await runDawr(['restore', file, '--data', into], KEY)).code).toBe(0);
    const again = await runDawr(['restore', file, '--data', into], KEY);
    expect(again.stderr).toMatch(/is not empty.*--force/);
    const forced = await runDawr(['restore', file, '--data', into, '--force'], KEY);
    expect(forced.code, forced.stderr).toBe(0);
    expect(readdirSync(into).some((f) => f.startsWith('replaced-'))).toBe(true);
  });

  it('refuses a backup written by a newer Dawr and names the version to run', async () => {
    const stub = join(root, 'stub.sqlite');
    writeFileSync(stub, 'x');
    const newer = join(root, 'newer.dawr-backup');
    await writeBackup(newer, { kind: 'hub', createdAt: new Date().toISOString(), version: '9.4.0', schemaVersion: 999, lastSeq: 1 }, [{ name: 'dawr.sqlite', path: stub }], { kind: 'passphrase', passphrase: KEY.DAWR_BACKUP_PASSPHRASE });
    const r = await runDawr(['restore', newer, '--data', join(root, 'newer')], KEY);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/Dawr 9\.4\.0.*schema 999.*run Dawr 9\.4\.0 or newer/);
  });
});

describe('scheduled backups, from Admin → Hall to the dashboard', () => {
  it('backs up now into the folder set, verified, keeps the newest N, and the dashboard shows it; a failure is shown too', async () => {
    const data = join(root, 'scheduled');
    const folder = join(root, 'share');
    const hub = await start(['--demo', '--demo-history', '1', '--data', data]);
    const api = new ApiClient(hub.url);
    const admin = await api.login('admin', 'dawr-admin');
    const supervisor = await api.login('supervisor', 'dawr-supervisor');
    expect((await api.get('/api/v1/system/status', supervisor)).body.backup).toMatchObject({ problem: 'none', scheduled: false });
    const state = (await api.get('/api/v1/admin/backup', admin)).body;
    expect(state).toMatchObject({ key: 'passphrase', schedule: { enabled: false } });
    // No folder yet: nothing to try, the admin is told to set one (409, not the server's fault).
    const unset = await api.post('/api/v1/admin/backup/run', admin, {});
    expect(unset.status).toBe(409);
    expect(unset.body.error).toMatchObject({ code: 'conflict', message: expect.stringContaining('no backup folder is set') });
    expect((await api.request('PUT', '/api/v1/admin/backup', { token: admin, body: { enabled: true, time: '23:59', folder: 'relative/folder', keep: 2 } })).status).toBe(400);
    const set = await api.request('PUT', '/api/v1/admin/backup', { token: admin, body: { enabled: true, time: '23:59', folder, keep: 2 } });
    expect(set.status, JSON.stringify(set.body)).toBe(200);
    for (let i = 0; i < 3; i++) {
      const r = await api.post('/api/v1/admin/backup/run', admin, {});
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      expect(r.body.path.startsWith(folder)).toBe(true);
    }
    const after = (await api.get('/api/v1/admin/backup', admin)).body;
    expect(after.files).toHaveLength(2);
    const health = (await api.get('/api/v1/system/status', supervisor)).body.backup;
    expect(health).toMatchObject({ scheduled: true });
    expect(health.problem).toBeUndefined();
    expect(Date.now() - Date.parse(health.lastVerifiedAt)).toBeLessThan(60_000);
    expect(health.lastSizeBytes).toBeGreaterThan(10_000);
    // The share goes away (a file where the folder was): the next backup fails, and the dashboard says so.
    rmSync(folder, { recursive: true, force: true });
    writeFileSync(folder, 'not a folder');
    const failed = await api.post('/api/v1/admin/backup/run', admin, {});
    expect(failed.status).toBe(503);
    expect(failed.body.error.code).toBe('unavailable');
    const bad = (await api.get('/api/v1/system/status', supervisor)).body.backup;
    expect(bad).toMatchObject({ problem: 'failed' });
    expect(bad.lastError).toBeTruthy();
  });

  it('is made once a day, at or after the time set in the hall\'s time zone', async () => {
    // 02:00 in Riyadh; the backup is set for 02:30.
    const clock = manualClock(Date.parse('2026-12-07T02:00:00+03:00'));
    const t = await startTestHub({ clock, more: { backupKey: { kind: 'passphrase', passphrase: KEY.DAWR_BACKUP_PASSPHRASE } } });
    try {
      let admin = await t.api.login('admin', 'dawr-admin');
      const folder = join(root, 'daily');
      const schedule = { enabled: true, time: '02:30', folder, keep: 5 };
      expect((await t.api.request('PUT', '/api/v1/admin/backup', { token: admin, body: schedule })).status).toBe(200);
      const files = async () => (await t.api.get('/api/v1/admin/backup', admin)).body.files as unknown[];
      expect(await files()).toHaveLength(0);
      clock.set(Date.parse('2026-12-07T02:31:00+03:00'));
      t.hub.ctx.backups!.tick();
      await expect.poll(files, { timeout: 30_000 }).toHaveLength(1);
      await expect.poll(() => t.hub.ctx.backups!.running(), { timeout: 30_000 }).toBe(false);
      // The same day again: nothing more; the next day at its time: the next one.
      clock.set(Date.parse('2026-12-07T09:00:00+03:00'));
      t.hub.ctx.backups!.tick();
      expect(t.hub.ctx.backups!.running()).toBe(false);
      expect(await files()).toHaveLength(1);
      clock.set(Date.parse('2026-12-08T02:30:00+03:00'));
      t.hub.ctx.backups!.tick();
      admin = await t.api.login('admin', 'dawr-admin'); // a session lasts 12 hours
      await expect.poll(files, { timeout: 30_000 }).toHaveLength(2);
    } finally {
      await t.close();
    }
  });

  it('a hub started without a key says it cannot back up', async () => {
    const hub = await start(['--demo', '--demo-history', '1', '--data', join(root, 'nokey')], {});
    const api = new ApiClient(hub.url);
    const admin = await api.login('admin', 'dawr-admin');
    expect((await api.get('/api/v1/admin/backup', admin)).body.key).toBe('none');
    const r = await api.post('/api/v1/admin/backup/run', admin, {});
    expect(r.status).toBe(409);
    expect(r.body.error).toMatchObject({ code: 'conflict', message: expect.stringMatching(/no backup key/) });
  });
});

describe('a damaged hall database at start', () => {
  it('is refused with a message naming the last good backup — never a stack trace, never an empty hall', async () => {
    const data = join(root, 'damaged');
    const hub = await start(['--demo', '--demo-history', '1', '--data', data]);
    await kill(hub);
    const b = await runDawr(['backup', '--data', data, '--to', join(root, 'damaged-usb')], KEY);
    expect(b.code).toBe(0);
    const last = b.stdout.trim();
    const db = join(data, 'dawr.sqlite');
    const size = readFileSync(db).length;
    for (const damage of [() => truncateSync(db, Math.floor(size / 2) + 100), () => truncateSync(db, 0), () => writeFileSync(db, 'this is not a database at all, only text, and long enough to fill a header of a hundred bytes……')]) {
      damage();
      const r = await spawnHub(['--data', data], KEY).then((h) => { running.push(h); return 'started'; }, (err: Error) => err.message);
      expect(r).not.toBe('started');
      expect(r).toContain(last);
      expect(r).toMatch(/\.\/dawr restore .* --force/);
      expect(r).not.toMatch(/\n\s+at /);
    }
    // Gone altogether: the folder held a hall, so the hub will not start an empty one in its place.
    rmSync(db);
    const gone = await spawnHub(['--data', data], KEY).then(() => 'started', (err: Error) => err.message);
    expect(gone).toMatch(/is missing/);
    expect(gone).toContain(last);
  });
});

// Central's data written by the release before this one (test/fixtures/upgrade-0.1.0/central):
// restored with `./dawr central restore` into an empty database, migrated forward, it answers the
// public league exactly as that release did (a district now in both languages); a database a newer Dawr migrated is refused by name.
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CentralProcess, api, freshDatabase, spawnCentral } from '../../support/central.ts';
import { runDawr } from '../../support/dawr-cli.ts';
import { makeTempDir } from '../../support/temp-dir.ts';
import { CENTRAL_SCHEMA_VERSION } from '../../../electron/central/backup.ts';

const fixture = fileURLToPath(new URL('../../fixtures/upgrade-0.1.0/central/', import.meta.url));
const KEY = { DAWR_BACKUP_PASSPHRASE: 'dawr upgrade fixture 0.1.0' };
const tmp = makeTempDir('dawr-central-upgrade-');
let db: Awaited<ReturnType<typeof freshDatabase>>;
let central: CentralProcess | undefined;

beforeAll(async () => {
  db = await freshDatabase();
});
afterAll(async () => {
  if (central && central.child.exitCode === null) {
    central.child.kill('SIGKILL');
    await central.exited;
  }
  await db?.drop();
  tmp.remove();
});

describe("central's data written by Dawr 0.1.0", () => {
  it('restores into an empty database, migrates forward and answers the same league', async () => {
    const r = await runDawr(['central', 'restore', join(fixture, 'central.dawr-backup')], { ...KEY, DATABASE_URL: db.url });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/schema 1, 2855 events/);
    central = await spawnCentral(db.url, { data: join(tmp.path, 'central') });
    const pool = new pg.Pool({ connectionString: db.url, max: 1 });
    try {
      expect((await pool.query<{ v: number }>('SELECT MAX(id) AS v FROM migrations')).rows[0]!.v).toBe(CENTRAL_SCHEMA_VERSION);
      const want = JSON.parse(readFileSync(join(fixture, 'league.json'), 'utf8')) as { centres: { district: unknown }[] };
      // One change of shape since: a district is {ar, en} (migration 7 made each one text both).
      for (const c of want.centres) c.district = { ar: c.district, en: c.district };
      // The fact builder refolds the days the restore brought in: wait for the league to hold them,
      // asking once a second (the public league answers 60 requests a minute per address).
      await expect.poll(async () => (await api<{ centres: unknown[] }>(central!.url, '/api/v1/public/league?from=2026-12-04&to=2026-12-06')).body, { timeout: 45_000, interval: 1000 }).toEqual(want);
      // A newer Dawr's schema: this build refuses to start on it and names the version.
      await pool.query("INSERT INTO migrations (id, name, sha256) VALUES (999, 'from the future', 'x')");
      await pool.query("INSERT INTO meta (key, value) VALUES ('writtenBy', '9.4.0') ON CONFLICT (key) DO UPDATE SET value = excluded.value");
    } finally {
      await pool.end();
    }
    central.child.kill('SIGTERM');
    await central.exited;
    const refused = await spawnCentral(db.url, { data: join(tmp.path, 'central') }).then(() => 'started', (err: Error) => err.message);
    expect(refused).toMatch(/schema 999.*Dawr 9\.4\.0.*run that version or newer/);
  }, 120_000);
});

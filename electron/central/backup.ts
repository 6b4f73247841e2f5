// Central's backup (brief §12): the embedded cluster ships no pg_dump, so central exports its own
// tables — every table of its schema, in one REPEATABLE READ READ ONLY transaction (one consistent
// snapshot while halls keep pushing), each with `COPY … TO STDOUT (FORMAT csv)` — into the same
// encrypted, sealed file as a hall's backup (node-common/backup-file.ts). Restore recreates the
// schema at the backup's own version, copies the tables in (parents before children, one
// transaction), sets the sequences, then migrates forward to this build. CSV rather than binary
// COPY: it reads back into another PostgreSQL major version (a dump of the embedded 18 restores into
// a municipality's 15). With DATABASE_URL, the server's own tools (pg_dump, base backups, PITR) do
// more: docs/install.md says when to prefer them.
//
// Partitioned tables (migration 5: events and the roll-ups, by month) are exported whole from their
// parent (`COPY (SELECT * FROM parent)`: PostgreSQL refuses COPY TO on a partitioned table), their
// partitions not as tables of their own; the months they held are listed beside them
// (partitions.json) and made again before the rows are copied back into the parent, which routes
// each row to its month. A month detached by `./dawr central partitions --detach-before` is no
// longer part of central and is not in its backups: archive that table with the server's tools.
import { createWriteStream, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createReadStream } from 'node:fs';
import pg from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { type BackupHeader, type BackupKey, readBackup, readBackupHeader, writeBackup } from '../node-common/backup-file.ts';
import { migrate, migrations } from './migrations.ts';
import { PARTITIONED, listPartitions } from './partitions.ts';

export const CENTRAL_SCHEMA_VERSION = migrations.at(-1)!.id;

const stamp = (d: Date) => d.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** A month left behind by a detach: a plain table named like a partition. */
const DETACHED = new RegExp(`^(${PARTITIONED.join('|')})_y\\d{4}m\\d{2}$`);

/** The tables of the public schema, parents before children (by their foreign keys); partitions are their parent's. */
async function tablesInOrder(c: pg.ClientBase): Promise<string[]> {
  const t = await c.query<{ name: string }>(`
    SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition ORDER BY c.relname`);
  t.rows = t.rows.filter((r) => !DETACHED.test(r.name));
  const fk = await c.query<{ child: string; parent: string }>(`
    SELECT cl.relname AS child, pcl.relname AS parent FROM pg_constraint co
    JOIN pg_class cl ON cl.oid = co.conrelid JOIN pg_class pcl ON pcl.oid = co.confrelid
    JOIN pg_namespace n ON n.oid = cl.relnamespace WHERE co.contype = 'f' AND n.nspname = 'public'`);
  const names = t.rows.map((r) => r.name);
  const parents = new Map(names.map((n) => [n, new Set(fk.rows.filter((r) => r.child === n && r.parent !== n).map((r) => r.parent))]));
  const out: string[] = [];
  const visit = (n: string, seen = new Set<string>()) => {
    if (out.includes(n) || seen.has(n)) return;
    seen.add(n);
    for (const p of parents.get(n) ?? []) visit(p, seen);
    out.push(n);
  };
  for (const n of names) visit(n);
  return out;
}

/** Writes an encrypted backup of central's database (`url`) into `toDir`; resolves with its path and header. */
export async function backupCentral(o: { url: string; toDir: string; key: BackupKey; version: string; now?: Date }): Promise<{ path: string; size: number; header: BackupHeader }> {
  const work = mkdtempSync(join(tmpdir(), 'dawr-central-backup-'));
  const client = new pg.Client({ connectionString: o.url, application_name: 'dawr-central-backup' });
  await client.connect();
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const tables = await tablesInOrder(client);
    if (!tables.includes('migrations')) throw new Error('this database holds no Dawr central (no migrations table)');
    const schemaVersion = (await client.query<{ v: number }>('SELECT COALESCE(MAX(id), 0) AS v FROM migrations')).rows[0]!.v;
    const events = tables.includes('events') ? (await client.query<{ n: number }>('SELECT count(*)::bigint AS n FROM events')).rows[0]!.n : 0;
    const partitioned = new Set((await client.query<{ name: string }>("SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relkind = 'p'")).rows.map((r) => r.name));
    const sources = [];
    for (const [i, table] of tables.entries()) {
      const path = join(work, `${String(i).padStart(3, '0')}-${table}.csv`);
      const what = partitioned.has(table) ? `(SELECT * FROM ${ident(table)})` : ident(table);
      await pipeline(client.query(copyTo(`COPY ${what} TO STDOUT (FORMAT csv, HEADER true)`)), createWriteStream(path, { mode: 0o600 }));
      sources.push({ name: `tables/${String(i).padStart(3, '0')}-${table}.csv`, path });
    }
    if (partitioned.size > 0) {
      const path = join(work, 'partitions.json');
      writeFileSync(path, JSON.stringify((await listPartitions(client)).map(({ table, month }) => ({ table, month }))), { mode: 0o600 });
      sources.push({ name: 'partitions.json', path });
    }
    await client.query('COMMIT');
    const now = o.now ?? new Date();
    const out = join(o.toDir, `dawr-central-${stamp(now)}.dawr-backup`);
    const written = await writeBackup(out, { kind: 'central', createdAt: now.toISOString(), version: o.version, schemaVersion, lastSeq: Number(events) }, sources, o.key);
    return { path: out, size: written.size, header: written.header };
  } finally {
    await client.end().catch(() => undefined);
    rmSync(work, { recursive: true, force: true });
  }
}

/**
 * Restores a central backup into the database at `url`: refused when that database already holds
 * central's tables unless `force` (then its public schema is dropped first).
 */
export async function restoreCentral(o: { file: string; url: string; key: BackupKey; force?: boolean; version: string }): Promise<BackupHeader> {
  const { header } = readBackupHeader(o.file);
  if (header.kind !== 'central') throw new Error(`${o.file} is a backup of a hall: restore it with ./dawr restore`);
  if (header.schemaVersion > CENTRAL_SCHEMA_VERSION) throw new Error(`it was written by Dawr ${header.version} (central schema ${header.schemaVersion}); this build knows schema ${CENTRAL_SCHEMA_VERSION} at most: run Dawr ${header.version} or newer`);
  const work = mkdtempSync(join(tmpdir(), 'dawr-central-restore-'));
  try {
    await readBackup(o.file, o.key, work);
    const pool = new pg.Pool({ connectionString: o.url, max: 1, application_name: 'dawr-central-restore' });
    try {
      const existing = await pool.query<{ n: number }>("SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public'");
      if (existing.rows[0]!.n > 0) {
        if (!o.force) throw new Error('the database already holds tables: stop central and give --force to replace them with the backup (they are dropped), or restore into an empty database');
        await pool.query('DROP SCHEMA public CASCADE; CREATE SCHEMA public');
      }
      // The schema as it was when the backup was made, then its rows, then forward to this build.
      await migrate(pool, migrations.filter((m) => m.id <= header.schemaVersion));
      const files = readdirSync(join(work, 'tables')).sort();
      // The months of the partitioned tables, made before their rows come back.
      const months = join(work, 'partitions.json');
      if (existsSync(months)) {
        for (const p of JSON.parse(readFileSync(months, 'utf8')) as { table: string; month: string }[]) await pool.query('SELECT dawr_month_partition($1, $2::date)', [p.table, p.month]);
      }
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        for (const f of files) {
          const table = f.replace(/^\d+-/, '').replace(/\.csv$/, '');
          if (table === 'migrations') continue; // written by migrate() above, the same rows
          await pipeline(createReadStream(join(work, 'tables', f)), client.query(copyFrom(`COPY ${ident(table)} FROM STDIN (FORMAT csv, HEADER true)`)));
        }
        // Serial columns go on after the highest id restored.
        const serials = await client.query<{ seq: string; tbl: string; col: string }>(`
          SELECT pg_get_serial_sequence(quote_ident(c.table_name), c.column_name) AS seq, c.table_name AS tbl, c.column_name AS col
          FROM information_schema.columns c WHERE c.table_schema = 'public' AND c.column_default LIKE 'nextval(%'`);
        for (const s of serials.rows) {
          if (s.seq) await client.query(`SELECT setval($1, COALESCE((SELECT MAX(${ident(s.col)}) FROM ${ident(s.tbl)}), 0) + 1, false)`, [s.seq]);
        }
        await client.query('COMMIT');
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw err;
      } finally {
        client.release();
      }
      await migrate(pool, migrations, o.version);
    } finally {
      await pool.end();
    }
    return header;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/**
 * The URL of the embedded cluster central runs under `dataDir` while it runs (its port from
 * postmaster.pid, its password from pg-secret); undefined when it is not running.
 */
export function runningEmbeddedUrl(dataDir: string): string | undefined {
  const pid = join(dataDir, 'pg', 'postmaster.pid');
  const secret = join(dataDir, 'pg-secret');
  if (!existsSync(pid) || !existsSync(secret)) return undefined;
  const lines = readFileSync(pid, 'utf8').split('\n');
  const [proc, port] = [Number(lines[0]), Number(lines[3])];
  try {
    process.kill(proc, 0);
  } catch {
    return undefined;
  }
  return `postgres://dawr:${encodeURIComponent(readFileSync(secret, 'utf8').trim())}@127.0.0.1:${port}/dawr`;
}

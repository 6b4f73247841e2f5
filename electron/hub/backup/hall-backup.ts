// A hall's backup (brief §12): one encrypted file (node-common/backup-file.ts) holding a
// consistent snapshot of dawr.sqlite — SQLite's VACUUM INTO over a read-only connection, one read
// transaction, so the hub goes on writing beside it (WAL) — and the hall's own voice recordings.
// Every backup is verified right after it is written: decrypted, opened, integrity_check, its last
// seq read back. Restore checks the file (key, seal, integrity, schema not newer than this build)
// before anything in the data folder is touched, and never deletes what it replaces.
import Database from 'better-sqlite3';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, relative } from 'node:path';
import { type BackupHeader, type BackupKey, type BackupSource, readBackup, readBackupHeader, writeBackup } from '../../node-common/backup-file.ts';
import { migrations } from '../store/migrations.ts';

/** The newest migration this build knows: a database beyond it is refused. */
export const BUILD_SCHEMA_VERSION = migrations.at(-1)!.id;
export const BACKUP_EXTENSION = '.dawr-backup';
export const DB_FILE = 'dawr.sqlite';

export interface HallBackup {
  path: string;
  size: number;
  header: BackupHeader;
  /** When the verification passed (ISO). */
  verifiedAt: string;
}

/** What a hall database says of itself: its newest migration, last seq and branch. */
export function describeDatabase(file: string): { schemaVersion: number; lastSeq: number; branchId: string | undefined; integrity: string } {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const integrity = (db.pragma('integrity_check', { simple: true }) as string) ?? 'unknown';
    const schemaVersion = (db.prepare('SELECT COALESCE(MAX(id), 0) AS v FROM migrations').get() as { v: number }).v;
    const lastSeq = (db.prepare('SELECT COALESCE(MAX(seq), 0) AS s FROM events').get() as { s: number }).s;
    const branch = db.prepare("SELECT value FROM settings WHERE key = 'branch'").get() as { value: string } | undefined;
    return { schemaVersion, lastSeq, branchId: branch ? (JSON.parse(branch.value) as { id?: string }).id : undefined, integrity };
  } finally {
    db.close();
  }
}

/** Every file under `dir` (relative names with `/`), for the hall's voice recordings. */
function filesUnder(dir: string, base = dir): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    return e.isDirectory() ? filesUnder(p, base) : e.isFile() ? [relative(base, p).split('\\').join('/')] : [];
  });
}

const stamp = (d: Date) => d.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');

/**
 * Writes a verified backup of the hall in `dataDir` into `toDir` while the hub may be running;
 * resolves with the file and its header, or rejects (and leaves no file) when it could not be
 * written or did not verify.
 */
export async function backupHall(o: { dataDir: string; toDir: string; key: BackupKey; version: string; now?: Date }): Promise<HallBackup> {
  const dbFile = join(o.dataDir, DB_FILE);
  if (!existsSync(dbFile)) throw new Error(`no hall in ${o.dataDir}: ${DB_FILE} is not there`);
  mkdirSync(o.toDir, { recursive: true });
  // The snapshot is plain: made beside the live database (same disk, same permissions), removed after.
  const work = mkdtempSync(join(o.dataDir, '.backup-'));
  try {
    const snapshot = join(work, DB_FILE);
    const source = new Database(dbFile, { readonly: true, fileMustExist: true });
    try {
      source.pragma('busy_timeout = 10000');
      source.prepare('VACUUM INTO ?').run(snapshot);
    } finally {
      source.close();
    }
    const about = describeDatabase(snapshot);
    if (about.integrity !== 'ok') throw new Error(`the hall's database fails its integrity check (${about.integrity}): restore the last good backup`);
    const voice = filesUnder(join(o.dataDir, 'voice')).map((name): BackupSource => ({ name: `voice/${name}`, path: join(o.dataDir, 'voice', name) }));
    const now = o.now ?? new Date();
    const out = join(o.toDir, `dawr-${about.branchId ?? 'hall'}-${stamp(now)}${BACKUP_EXTENSION}`);
    const written = await writeBackup(out, {
      kind: 'hub', createdAt: now.toISOString(), version: o.version, schemaVersion: about.schemaVersion, lastSeq: about.lastSeq, ...(about.branchId ? { branchId: about.branchId } : {}),
    }, [{ name: DB_FILE, path: snapshot }, ...voice], o.key);
    try {
      await verifyHallBackup(out, o.key);
    } catch (err) {
      rmSync(out, { force: true });
      throw new Error(`the backup did not verify and was removed: ${(err as Error).message}`);
    }
    return { path: out, size: written.size, header: written.header, verifiedAt: new Date().toISOString() };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** Decrypts a hall backup into a private temporary folder, opens it and checks it; removes the folder. */
export async function verifyHallBackup(file: string, key: BackupKey): Promise<{ header: BackupHeader; lastSeq: number }> {
  const work = mkdtempSync(join(tmpdir(), 'dawr-verify-'));
  try {
    const { header } = await readBackup(file, key, work);
    if (header.kind !== 'hub') throw new Error(`${basename(file)} is a backup of central, not of a hall`);
    const about = describeDatabase(join(work, DB_FILE));
    if (about.integrity !== 'ok') throw new Error(`its database fails the integrity check: ${about.integrity}`);
    if (about.lastSeq !== header.lastSeq) throw new Error(`its log ends at seq ${about.lastSeq}, its header says ${header.lastSeq}`);
    if (about.schemaVersion !== header.schemaVersion) throw new Error(`its schema is ${about.schemaVersion}, its header says ${header.schemaVersion}`);
    return { header, lastSeq: about.lastSeq };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** Why this build cannot take a backup (or a database) of `schemaVersion`, or undefined when it can. */
export function schemaProblem(schemaVersion: number, madeBy: string): string | undefined {
  if (schemaVersion <= BUILD_SCHEMA_VERSION) return undefined;
  return `it was written by Dawr ${madeBy} (database schema ${schemaVersion}); this build knows schema ${BUILD_SCHEMA_VERSION} at most: run Dawr ${madeBy} or newer`;
}

/**
 * Restores a hall backup into `dataDir`. Refuses a folder that holds a hall unless `force`, in which
 * case what was there moves to `dataDir/replaced-<time>/` (nothing is deleted). Returns the header.
 */
export async function restoreHall(o: { file: string; dataDir: string; key: BackupKey; force?: boolean; now?: Date }): Promise<BackupHeader> {
  const { header } = readBackupHeader(o.file);
  if (header.kind !== 'hub') throw new Error(`${basename(o.file)} is a backup of central: restore it with ./dawr central restore`);
  const problem = schemaProblem(header.schemaVersion, header.version);
  if (problem) throw new Error(`cannot restore ${basename(o.file)}: ${problem}`);
  const present = existsSync(o.dataDir) ? readdirSync(o.dataDir).filter((f) => !f.startsWith('.')) : [];
  if (present.length && !o.force) {
    throw new Error(`${o.dataDir} is not empty (${present.slice(0, 3).join(', ')}${present.length > 3 ? ', …' : ''}): stop the hub and give --force to restore over it (what is there is kept in ${o.dataDir}/replaced-<time>/), or restore into an empty folder`);
  }
  mkdirSync(o.dataDir, { recursive: true });
  // Decrypted and checked beside the data folder first: nothing in it moves until the backup is known good.
  const work = mkdtempSync(join(o.dataDir, '.restore-'));
  try {
    await readBackup(o.file, o.key, work);
    const about = describeDatabase(join(work, DB_FILE));
    if (about.integrity !== 'ok') throw new Error(`the backup's database fails its integrity check: ${about.integrity}`);
    if (present.length) {
      const aside = join(o.dataDir, `replaced-${stamp(o.now ?? new Date())}`);
      mkdirSync(aside);
      for (const f of present) if (!f.startsWith('replaced-')) renameSync(join(o.dataDir, f), join(aside, f));
    }
    for (const name of readdirSync(work)) renameSync(join(work, name), join(o.dataDir, name));
    return header;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** The backups of `dir` (by this naming), newest first. */
export function backupsIn(dir: string): { path: string; name: string; mtimeMs: number; size: number }[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.startsWith('dawr-') && f.endsWith(BACKUP_EXTENSION))
    .map((name) => {
      const s = statSync(join(dir, name));
      return { path: join(dir, name), name, mtimeMs: s.mtimeMs, size: s.size };
    })
    .sort((a, b) => b.name.localeCompare(a.name));
}

/** Deletes all but the newest `keep` backups of `dir` (only files that are Dawr backups by name). */
export function pruneBackups(dir: string, keep: number): string[] {
  const old = backupsIn(dir).slice(Math.max(1, keep));
  for (const b of old) rmSync(b.path, { force: true });
  return old.map((b) => b.path);
}


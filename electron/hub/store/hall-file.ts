// Before the hub opens its database: a file that is missing, empty, not SQLite or cut short is
// refused with a message that names the last good backup — never a stack trace, and never an empty
// hall made silently in its place (SQLite would happily turn a 0-byte file into a new database).
// The checks read a few header bytes only; SQLite's own errors on opening (SQLITE_CORRUPT,
// SQLITE_NOTADB) get the same message.
import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { readBackupStatus } from '../backup/backup-status.ts';

export const DB_FILE = 'dawr.sqlite';
const SQLITE_MAGIC = 'SQLite format 3\u0000';

export class HallFileError extends Error {}

/** What to do about a damaged or missing database: the last good backup and the command. */
function remedy(dataDir: string): string {
  const s = readBackupStatus(dataDir);
  const backup = s.lastPath
    ? `The last good backup is ${s.lastPath} (verified ${s.lastVerifiedAt}). Restore it: ./dawr restore ${s.lastPath} --data ${dataDir} --force`
    : `No backup is recorded in ${dataDir}: look for dawr-*.dawr-backup on the backup disk and restore it: ./dawr restore FILE --data ${dataDir} --force`;
  return `${backup} (what is there now is kept aside in ${dataDir}/replaced-<time>/; a hall enrolled with central takes this morning's events back from central).`;
}

/** Throws a HallFileError when the hall's database cannot be opened as it is. */
export function checkHallFile(dataDir: string): void {
  const file = join(dataDir, DB_FILE);
  if (!existsSync(file)) {
    if (readBackupStatus(dataDir).lastVerifiedAt) throw new HallFileError(`${file} is missing, and this folder held a hall (it has been backed up). The hub does not start an empty hall in its place. ${remedy(dataDir)}`);
    return;
  }
  const size = statSync(file).size;
  if (size === 0) throw new HallFileError(`${file} is empty (0 bytes): the hall's data was lost (a failed disk or copy). ${remedy(dataDir)}`);
  const head = Buffer.alloc(100);
  const fd = openSync(file, 'r');
  try {
    readSync(fd, head, 0, 100, 0);
  } finally {
    closeSync(fd);
  }
  if (size < 100 || head.subarray(0, 16).toString('latin1') !== SQLITE_MAGIC) throw new HallFileError(`${file} is not a Dawr database (it does not start as SQLite does). ${remedy(dataDir)}`);
  const pageSize = head.readUInt16BE(16) === 1 ? 65536 : head.readUInt16BE(16);
  const pages = head.readUInt32BE(28);
  // With no write-ahead log to finish, the file holds every page its header counts.
  const wal = `${file}-wal`;
  const walEmpty = !existsSync(wal) || statSync(wal).size === 0;
  if (size % pageSize !== 0 || (walEmpty && pages > 0 && pages * pageSize > size)) {
    throw new HallFileError(`${file} is cut short (${size} bytes where its header counts ${pages} pages of ${pageSize}). ${remedy(dataDir)}`);
  }
}

/** SQLite's errors that mean the file is damaged, worded for whoever runs the hall. */
export function damagedFileError(dataDir: string, err: unknown): HallFileError | undefined {
  const code = (err as { code?: string }).code ?? '';
  if (!/^SQLITE_(CORRUPT|NOTADB)/.test(code)) return undefined;
  return new HallFileError(`${join(dataDir, DB_FILE)} is damaged (${(err as Error).message}). ${remedy(dataDir)}`);
}

// The hall's backup record: `backup-status.json` in the data folder, written atomically by whoever
// makes a backup (the hub's schedule, `./dawr backup`). It lives beside the database, not in it:
// when dawr.sqlite is damaged or gone, this is what names the last good backup.
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface BackupStatus {
  /** The last backup that was written and verified. */
  lastVerifiedAt?: string;
  lastPath?: string;
  lastSizeBytes?: number;
  lastSeq?: number;
  /** The last attempt that failed, and why (cleared by a later success). */
  lastFailedAt?: string;
  lastError?: string;
}

const FILE = 'backup-status.json';

export function readBackupStatus(dataDir: string): BackupStatus {
  const file = join(dataDir, FILE);
  if (!existsSync(file)) return {};
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as BackupStatus;
  } catch {
    return {};
  }
}

function write(dataDir: string, s: BackupStatus): void {
  const tmp = join(dataDir, `${FILE}.${process.pid}.tmp`);
  writeFileSync(tmp, `${JSON.stringify(s, null, 2)}\n`, { mode: 0o600 });
  renameSync(tmp, join(dataDir, FILE));
}

export function recordBackupSuccess(dataDir: string, b: { path: string; size: number; lastSeq: number; verifiedAt: string }): BackupStatus {
  const s: BackupStatus = { lastVerifiedAt: b.verifiedAt, lastPath: b.path, lastSizeBytes: b.size, lastSeq: b.lastSeq };
  write(dataDir, s);
  return s;
}

export function recordBackupFailure(dataDir: string, error: string, at: string): BackupStatus {
  const s: BackupStatus = { ...readBackupStatus(dataDir), lastFailedAt: at, lastError: error.slice(0, 500) };
  write(dataDir, s);
  return s;
}

/** A backup is due an alarm when none was verified, the last attempt failed, or the last is older than this. */
export const BACKUP_MAX_AGE_MS = 26 * 3_600_000;

/** Why the backups need attention now, or undefined when the last one is recent and good. */
export function backupProblem(s: BackupStatus, now: number): 'none' | 'failed' | 'old' | undefined {
  if (s.lastFailedAt && (!s.lastVerifiedAt || s.lastFailedAt > s.lastVerifiedAt)) return 'failed';
  if (!s.lastVerifiedAt) return 'none';
  if (now - Date.parse(s.lastVerifiedAt) > BACKUP_MAX_AGE_MS) return 'old';
  return undefined;
}

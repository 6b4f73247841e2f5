// The hall's backups as Admin → Hall sets them and the dashboard shows them (brief §12).
import { z } from 'zod';

export const BackupSchedule = z.object({
  enabled: z.boolean(),
  /** Local time of day (the hall's time zone) the backup is made, HH:MM. */
  time: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time HH:MM'),
  /** An absolute folder: a USB disk or a mounted share, not the hub's own disk if it can be helped. */
  folder: z.string().max(400).refine((f) => f === '' || f.startsWith('/'), 'an absolute folder, e.g. /mnt/usb/dawr-backups'),
  /** How many backups to keep in the folder (the oldest go). */
  keep: z.number().int().min(1).max(365),
}).strict().refine((s) => !s.enabled || s.folder !== '', { message: 'a folder is needed to back up to', path: ['folder'] });
export type BackupSchedule = z.infer<typeof BackupSchedule>;

export const DEFAULT_BACKUP_SCHEDULE: BackupSchedule = { enabled: false, time: '02:30', folder: '', keep: 14 };

/** The record of the last backups (backup-status.json), for the dashboard and the admin screen. */
export const BackupHealth = z.object({
  lastVerifiedAt: z.string().optional(),
  lastSizeBytes: z.number().optional(),
  lastSeq: z.number().optional(),
  lastFailedAt: z.string().optional(),
  lastError: z.string().optional(),
  /** Why it needs attention now: none verified yet, the last attempt failed, or the last is older than 26 h. */
  problem: z.enum(['none', 'failed', 'old']).optional(),
  /** Whether backups are scheduled (enabled, with a folder and a key). */
  scheduled: z.boolean(),
});
export type BackupHealth = z.infer<typeof BackupHealth>;

export const BackupState = z.object({
  schedule: BackupSchedule,
  /** How the hub encrypts scheduled backups: a passphrase (DAWR_BACKUP_PASSPHRASE), a key file, or none given. */
  key: z.enum(['passphrase', 'key-file', 'none']),
  health: BackupHealth,
  /** The backups in the folder, newest first. */
  files: z.array(z.object({ name: z.string(), sizeBytes: z.number(), at: z.string() })),
  running: z.boolean(),
});
export type BackupState = z.infer<typeof BackupState>;

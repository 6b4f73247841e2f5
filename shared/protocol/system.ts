// The hall's own health as the dashboard shows it beside the queue: alarms about the hub itself
// (a public page at its ceiling, a backup that failed or is old…), newest first.
import { z } from 'zod';
import { BackupHealth } from './backup.ts';

export const SystemAlarmKind = z.enum(['public_ceiling', 'restore_forked']);
export type SystemAlarmKind = z.infer<typeof SystemAlarmKind>;

export const SystemAlarm = z.object({
  kind: SystemAlarmKind,
  /** When it was last raised (ISO time). */
  at: z.string(),
  /** What it is about: a route (`GET /api/v1/public/slots`), a folder… */
  subject: z.string(),
  /** How many times it was raised since it first was today. */
  count: z.number().int(),
  /** Plain words for the dashboard. */
  detail: z.string(),
});
export type SystemAlarm = z.infer<typeof SystemAlarm>;

export const SystemStatus = z.object({
  alarms: z.array(SystemAlarm),
  /** The hall's backups: the last verified one, the last failure, and whether it needs attention. */
  backup: BackupHealth,
  /** Space on the disk of the hall's data folder; `low` under 200 MB or 5 %. */
  disk: z.object({ freeBytes: z.number(), totalBytes: z.number(), low: z.boolean() }).optional(),
});
export type SystemStatus = z.infer<typeof SystemStatus>;

// The hall's backups in Admin → Hall: the schedule (time, folder, how many to keep), the backups
// in the folder, the last verified one and the last failure; "back up now" (admin). A folder is
// checked when it is set: it must exist or be creatable, and be writable by the hub.
import { accessSync, constants, mkdirSync } from 'node:fs';
import { BackupSchedule, BackupState } from '../../../shared/protocol/backup.ts';
import { ApiError } from '../../node-common/http/errors.ts';
import { type HubContext, audit } from '../context.ts';
import type { Api } from '../http/api.ts';
import type { BackupScheduleService } from '../backup/backup-schedule.ts';
import { z } from 'zod';

const ADMIN = ['admin'] as const;

export function backupRoutes(api: Api, ctx: HubContext, backups: BackupScheduleService): void {
  const state = (): BackupState => ({ schedule: backups.schedule(), key: backups.keyKind(), health: backups.health(), files: backups.files(), running: backups.running() });

  api.route(
    { method: 'GET', url: '/api/v1/admin/backup', summary: "The hall's backups: the schedule, the key's kind, the last verified backup and failure, the files in the folder", access: [...ADMIN, 'manager'], responses: { 200: BackupState } },
    () => state(),
  );
  api.route(
    { method: 'PUT', url: '/api/v1/admin/backup', summary: 'Set the backup schedule: enabled, time of day (HH:MM, hall time), folder (absolute; created if missing, must be writable), how many to keep', access: ADMIN, body: BackupSchedule, responses: { 200: BackupState } },
    ({ body, principal }) => {
      if (body.folder) {
        try {
          mkdirSync(body.folder, { recursive: true });
          accessSync(body.folder, constants.W_OK);
        } catch (err) {
          throw new ApiError('invalid_input', `body.folder: the hub cannot write to ${body.folder} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
        }
      }
      backups.save(body);
      audit(ctx, principal, 'backup.schedule', body.folder || undefined, JSON.stringify(body.enabled ? { time: body.time, keep: body.keep } : { enabled: false, keep: body.keep }));
      return state();
    },
  );
  api.route(
    {
      method: 'POST', url: '/api/v1/admin/backup/run', summary: 'Make a backup now, into the scheduled folder; answers when it is written and verified (or why not: 409 without a backup key or folder, 503 when writing or verifying failed)', access: ADMIN,
      body: z.object({}).strict().optional(), responses: { 200: z.object({ path: z.string(), sizeBytes: z.number(), lastSeq: z.number(), verifiedAt: z.string() }) }, moreErrors: [409, 503],
    },
    async ({ principal }) => {
      const r = await backups.run();
      audit(ctx, principal, r.ok ? 'backup.made' : 'backup.failed', r.ok ? r.path : undefined, r.ok ? JSON.stringify({ size: r.size, seq: r.lastSeq }) : r.error.slice(0, 200));
      // Nothing to try without a key or a folder: the request conflicts with the hub's setup (409);
      // a backup tried and failed (a full or missing disk) is the server's trouble (503).
      if (!r.ok) throw new ApiError(r.notSet ? 'conflict' : 'unavailable', `the backup was not made: ${r.error}`);
      return { path: r.path, sizeBytes: r.size, lastSeq: r.lastSeq, verifiedAt: r.verifiedAt };
    },
  );
}

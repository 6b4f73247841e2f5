// The hub's own health for the dashboard: GET /api/v1/system/status (alarms about the hub itself).
import { statfsSync } from 'node:fs';
import { SystemStatus } from '../../../shared/protocol/system.ts';
import type { HubContext } from '../context.ts';
import type { Api } from '../http/api.ts';

const LOW_BYTES = 200 * 1024 * 1024;

/** Free and total space of the file system holding `dir`. */
export function diskOf(dir: string): { freeBytes: number; totalBytes: number; low: boolean } {
  const s = statfsSync(dir);
  const freeBytes = s.bavail * s.bsize;
  const totalBytes = s.blocks * s.bsize;
  return { freeBytes, totalBytes, low: freeBytes < LOW_BYTES || freeBytes < totalBytes * 0.05 };
}

export function systemRoutes(api: Api, ctx: HubContext): void {
  api.route(
    { method: 'GET', url: '/api/v1/system/status', summary: "The hub's own health: its alarms (a public page at its ceiling…), newest first, and its backups (the last verified one, the last failure)", access: ['supervisor', 'manager', 'admin'], responses: { 200: SystemStatus } },
    () => ({ alarms: ctx.alarms.list(), backup: ctx.backups?.health() ?? { scheduled: false, problem: 'none' as const }, ...(ctx.dataDir ? { disk: diskOf(ctx.dataDir) } : {}) }),
  );
}

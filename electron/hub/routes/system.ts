// The hub's own health for the dashboard: GET /api/v1/system/status (alarms about the hub itself).
import { SystemStatus } from '../../../shared/protocol/system.ts';
import type { HubContext } from '../context.ts';
import type { Api } from '../http/api.ts';

export function systemRoutes(api: Api, ctx: HubContext): void {
  api.route(
    { method: 'GET', url: '/api/v1/system/status', summary: "The hub's own alarms (a public page at its ceiling…), newest first", access: ['supervisor', 'manager', 'admin'], responses: { 200: SystemStatus } },
    () => ({ alarms: ctx.alarms.list() }),
  );
}

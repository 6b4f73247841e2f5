// The hall's link to central as its staff see it: the sync status on the dashboard, and joining
// central from the admin screen (the same exchange as `./dawr hub --central URL --enrol CODE`).
import { z } from 'zod';
import { EnrolResponse, SyncStatus } from '../../../shared/protocol/sync.ts';
import { ApiError } from '../../node-common/http/errors.ts';
import { type HubContext, audit } from '../context.ts';
import type { Api } from '../http/api.ts';

export function syncRoutes(api: Api, ctx: HubContext): void {
  const sync = ctx.sync;
  if (!sync) return;
  api.route(
    { method: 'GET', url: '/api/v1/sync/status', summary: 'The link to central: last synced, backlog, last error', access: ['admin', 'manager', 'supervisor'], responses: { 200: SyncStatus } },
    () => sync.status(),
  );
  api.route(
    {
      method: 'POST', url: '/api/v1/admin/central', summary: "Join central with an enrolment code from central's admin", access: ['admin'],
      body: z.object({ url: z.string().min(8).max(300), code: z.string().min(4).max(32) }).strict(), responses: { 200: EnrolResponse.omit({ credential: true }) },
      rateLimit: { max: 10, timeWindow: 60_000 },
    },
    async ({ body, principal }) => {
      try {
        const out = await sync.enrol(body.url, body.code);
        audit(ctx, principal, 'central.enrolled', out.branchId, JSON.stringify({ url: body.url }));
        return { branchId: out.branchId, municipalityId: out.municipalityId, name: out.name };
      } catch (err) {
        throw new ApiError((err as { status?: number }).status === 401 ? 'forbidden' : 'invalid_input', (err as Error).message);
      }
    },
  );
}

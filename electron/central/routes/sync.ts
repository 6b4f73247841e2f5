// The halls' side of central: enrolment, pushing the event log, where to resume, the catalogue.
import { Catalogue, EnrolBody, EnrolResponse, PullQuery, PullResponse, PushBody, SyncState } from '../../../shared/protocol/sync.ts';
import { ApiError } from '../../node-common/http/errors.ts';
import type { CentralApi, CentralContext, HallPrincipal } from '../context.ts';
import { checkBatch } from '../ingest.ts';
import { catalogueOf } from './staff.ts';

export function syncRoutes(api: CentralApi, ctx: CentralContext): void {
  api.route(
    {
      method: 'POST', url: '/api/v1/sync/enrol', summary: "A hall exchanges a one-time enrolment code for its own credential", access: 'public', moreErrors: [401],
      body: EnrolBody, responses: { 200: EnrolResponse }, rateLimit: { max: 10, timeWindow: 60_000 },
    },
    async ({ body }) => {
      const out = await ctx.ingest.enrol(body, ctx.now());
      ctx.log.info({ branch: out.branchId }, 'hall enrolled');
      return out;
    },
  );

  api.route(
    { method: 'GET', url: '/api/v1/sync/state', summary: 'The last seq of this hall central holds (resume after it)', access: ['hall'], responses: { 200: SyncState } },
    async ({ principal }) => {
      const p = principal as HallPrincipal;
      return { branchId: p.branchId, ackedSeq: await ctx.ingest.ackedSeq(p.branchId, ctx.now()) };
    },
  );

  api.route(
    {
      method: 'POST', url: '/api/v1/sync/events', summary: "Push a batch of this hall's events (idempotent by seq; a gap is refused with 409)", access: ['hall'],
      body: PushBody, responses: { 200: SyncState },
    },
    async ({ body, principal }) => {
      const p = principal as HallPrincipal;
      if (body.branchId !== undefined && body.branchId !== p.branchId) throw new ApiError('forbidden', `this hall credential writes only branch ${p.branchId}, not ${body.branchId}`);
      const events = checkBatch(body);
      const r = await ctx.ingest.push(p.branchId, body.head, events, ctx.now());
      ctx.metrics.ingested(r.written);
      return { branchId: p.branchId, ackedSeq: r.ackedSeq };
    },
  );

  api.route(
    {
      method: 'GET', url: '/api/v1/sync/events',
      summary: "This hall's own events after a seq, as central holds them (their public part): a hall restored from a backup takes back what it pushed after the backup",
      access: ['hall'], query: PullQuery, responses: { 200: PullResponse },
    },
    async ({ query, principal }) => {
      const p = principal as HallPrincipal;
      return { branchId: p.branchId, ...(await ctx.ingest.eventsAfter(p.branchId, query.after, query.limit ?? 1000)) };
    },
  );

  api.route(
    { method: 'GET', url: '/api/v1/sync/catalogue', summary: "The services this hall's municipality defines for its centres", access: ['hall'], responses: { 200: Catalogue } },
    async ({ principal }) => catalogueOf(ctx, (principal as HallPrincipal).municipalityId),
  );
}

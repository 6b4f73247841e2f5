// Reading the hall (services, counters, queue, tickets), issuing tickets, and the public tracking page.
import { z } from 'zod';
import { liveStats, queueView, ticketView, trackView } from '../../../shared/domain/views.ts';
import { Branch, Counter, Service, Ticket } from '../../../shared/protocol/entities.ts';
import { IssueTicketBody, LiveStats, QueueResponse, RateBody, TrackResponse } from '../../../shared/protocol/http.ts';
import { type HubContext, run } from '../context.ts';
import { type Api, bearer } from '../http/api.ts';
import { ApiError } from '../http/errors.ts';

const TicketParams = z.object({ id: z.string().min(1).max(64) });
const TrackParams = z.object({ code: z.string().regex(/^[0-9A-Z]{6,16}$/, 'a tracking code') });

export function queueRoutes(api: Api, ctx: HubContext): void {
  const { hall } = ctx;
  const state = () => hall.state;

  api.route({ method: 'GET', url: '/api/v1/branch', summary: 'The branch (name, time zone)', access: 'signed-in', responses: { 200: Branch } }, () => state().branch);
  api.route({ method: 'GET', url: '/api/v1/services', summary: 'Services', access: 'signed-in', responses: { 200: z.array(Service) } }, () => [...state().services.values()]);
  api.route({ method: 'GET', url: '/api/v1/counters', summary: 'Counters and their state', access: 'signed-in', responses: { 200: z.array(Counter) } }, () => [...state().counters.values()]);
  api.route({ method: 'GET', url: '/api/v1/queue', summary: 'Waiting tickets in call order, per-service counts and longest wait', access: 'signed-in', responses: { 200: QueueResponse } }, () => queueView(state(), hall.now()));

  api.route({ method: 'GET', url: '/api/v1/tickets/:id', summary: 'One ticket of today', access: 'signed-in', params: TicketParams, responses: { 200: Ticket } }, ({ params }) => {
    const t = ticketView(state(), params.id, hall.now());
    if (!t) throw new ApiError('not_found', `no ticket ${params.id} today`);
    return t;
  });

  api.route(
    {
      method: 'POST', url: '/api/v1/tickets', summary: 'Issue a ticket', access: ['kiosk', 'clerk', 'supervisor', 'admin'], body: IssueTicketBody, responses: { 201: Ticket },
      rateLimit: { max: ctx.issuePerMinute, timeWindow: 60_000, keyGenerator: (req) => bearer(req) ?? req.ip },
    },
    async ({ body, principal, reply }) => {
      const events = await run(ctx, { type: 'issue', serviceId: body.serviceId, lang: body.lang, priority: body.priority ?? 'none', identityVerified: Boolean(body.idToken) }, principal, body.idToken);
      const issued = events.find((e) => e.type === 'ticket.issued');
      if (!issued || issued.type !== 'ticket.issued') throw new ApiError('internal', 'no ticket was issued');
      reply.code(201);
      return ticketView(state(), issued.ticket.id, hall.now());
    },
  );

  api.route({ method: 'GET', url: '/api/v1/stats/live', summary: "Today's KPIs", access: ['supervisor', 'manager', 'admin'], responses: { 200: LiveStats } }, () => liveStats(state(), hall.now()));

  const byCode = (code: string) => {
    for (const t of state().tickets.values()) if (t.trackingCode === code) return t;
    throw new ApiError('not_found', 'no ticket with this code today');
  };

  api.route(
    { method: 'GET', url: '/api/v1/track/:code', summary: 'Public tracking view (nothing personal)', access: 'public', params: TrackParams, responses: { 200: TrackResponse }, rateLimit: { max: 120, timeWindow: 60_000 } },
    ({ params }) => trackView(state(), byCode(params.code), hall.now()),
  );

  api.route(
    { method: 'POST', url: '/api/v1/track/:code/rating', summary: 'The citizen rates a finished visit (once)', access: 'public', params: TrackParams, body: RateBody, responses: { 204: null }, rateLimit: { max: 20, timeWindow: 60_000 } },
    async ({ params, body }) => {
      const t = byCode(params.code);
      await run(ctx, { type: 'rate', ticketId: t.id, rating: body.rating, ...(body.reason ? { reason: body.reason } : {}) }, { id: `track:${t.id}`, role: 'kiosk', kind: 'device', name: 'tracking page' });
      return undefined;
    },
  );
}

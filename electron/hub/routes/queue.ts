// Reading the hall (services, counters, queue, tickets), issuing tickets, and the public tracking page.
import { z } from 'zod';
import { audienceOf, ticketFor } from '../../../shared/domain/audience.ts';
import { finishedTickets, liveStats, queueView, ticketView, trackView } from '../../../shared/domain/views.ts';
import { Branch, Counter, Service, Ticket } from '../../../shared/protocol/entities.ts';
import { EmptyBody, IssueTicketBody, LiveStats, QueueResponse, RateBody, TrackResponse } from '../../../shared/protocol/http.ts';
import { openSealedId, pseudonym } from '../../devices/id-reader/sealed-id.ts';
import { type HubContext, run } from '../context.ts';
import { type Api, bearer } from '../http/api.ts';
import { staffNames } from './dashboard.ts';
import { ApiError, fromDomain } from '../../node-common/http/errors.ts';

const TicketParams = z.object({ id: z.string().min(1).max(64) });
const FinishedQuery = z.object({
  status: z.literal('finished'),
  /** `finishedAt` of the last ticket of the previous page. */
  before: z.string().datetime().optional(),
  limit: z.coerce.number().int().min(1).max(500).optional(),
}).strict();
const TrackParams = z.object({ code: z.string().regex(/^[0-9A-Z]{6,16}$/, 'a tracking code') });

export function queueRoutes(api: Api, ctx: HubContext): void {
  const { hall } = ctx;
  const state = () => hall.state;

  api.route({ method: 'GET', url: '/api/v1/branch', summary: 'The branch (name, time zone)', access: 'signed-in', responses: { 200: Branch } }, () => state().branch);
  api.route({ method: 'GET', url: '/api/v1/services', summary: 'Services', access: 'signed-in', responses: { 200: z.array(Service) } }, () => [...state().services.values()]);
  api.route({ method: 'GET', url: '/api/v1/counters', summary: 'Counters and their state', access: 'signed-in', responses: { 200: z.array(Counter) } }, () => [...state().counters.values()]);
  api.route(
    { method: 'GET', url: '/api/v1/queue', summary: 'Waiting tickets in call order, per-service counts, longest wait and the quote for a new ticket (devices: nothing personal)', access: 'signed-in', responses: { 200: QueueResponse } },
    ({ principal }) => queueView(state(), hall.now(), audienceOf(principal)),
  );

  api.route(
    { method: 'GET', url: '/api/v1/tickets/:id', summary: 'One ticket of today (devices: nothing personal)', access: 'signed-in', params: TicketParams, responses: { 200: Ticket } },
    ({ params, principal }) => {
      const t = ticketView(state(), params.id, hall.now());
      if (!t) throw new ApiError('not_found', `no ticket ${params.id} today`);
      return ticketFor(t, audienceOf(principal));
    },
  );

  api.route(
    {
      method: 'GET', url: '/api/v1/tickets', summary: "Today's finished tickets, newest first, a page at a time (the event stream's snapshot carries only the latest 50)",
      access: ['clerk', 'supervisor', 'manager', 'admin'], query: FinishedQuery, responses: { 200: z.array(Ticket) },
    },
    ({ query }) => finishedTickets(state(), query.before, query.limit ?? 50),
  );

  /** Opens a sealed ID reading and keeps only its pseudonym; the number goes no further than this function. */
  const pseudonymOf = (sealed: string): string => {
    const opened = openSealedId(sealed, ctx.identityKey.privateKey, hall.now());
    if (!opened.ok) {
      throw new ApiError('invalid_input', opened.reason === 'expired' ? 'the ID card was read too long ago: read it again' : "the ID reading is not sealed for this hub: the station needs the hub's identity key again");
    }
    return pseudonym(opened.idNumber, ctx.installationSecret);
  };

  api.route(
    {
      method: 'POST', url: '/api/v1/tickets', summary: 'Issue a ticket', access: ['kiosk', 'clerk', 'supervisor', 'admin'], body: IssueTicketBody, responses: { 201: Ticket },
      rateLimit: { max: ctx.issuePerMinute, timeWindow: 60_000, keyGenerator: (req) => bearer(req) ?? req.ip },
    },
    async ({ body, principal, reply }) => {
      const idToken = body.idSealed ? pseudonymOf(body.idSealed) : undefined;
      const events = await run(ctx, { type: 'issue', serviceId: body.serviceId, lang: body.lang, priority: body.priority ?? 'none', identityVerified: Boolean(idToken) }, principal, idToken);
      const issued = events.find((e) => e.type === 'ticket.issued');
      if (!issued || issued.type !== 'ticket.issued') throw new ApiError('internal', 'no ticket was issued');
      reply.code(201);
      // The issuer gets the whole ticket — a kiosk prints its tracking code as the QR. This is the
      // only answer that gives a device a tracking code.
      return ticketView(state(), issued.ticket.id, hall.now());
    },
  );

  api.route(
    { method: 'GET', url: '/api/v1/stats/live', summary: "Today's KPIs, with each clerk's day by name (served, outcomes, no-shows, transfers)", access: ['supervisor', 'manager', 'admin'], responses: { 200: LiveStats } },
    () => {
      const stats = liveStats(state(), hall.now());
      const names = staffNames(ctx);
      const deviceNames = new Map(ctx.auth.devices().map((d) => [d.id, d.name]));
      return {
        ...stats,
        clerks: stats.clerks.map((c) => ({ ...c, ...(names.has(c.clerkId) ? { name: names.get(c.clerkId)!.name } : {}) })),
        devices: stats.devices.map((d) => ({ ...d, ...(deviceNames.has(d.deviceId) ? { name: deviceNames.get(d.deviceId)! } : {}) })),
      };
    },
  );

  const byCode = (code: string) => {
    for (const t of state().tickets.values()) if (t.trackingCode === code) return t;
    throw new ApiError('not_found', 'no ticket with this code today');
  };

  api.route(
    { method: 'GET', url: '/api/v1/track/:code', summary: 'Public tracking view (nothing personal)', access: 'public', params: TrackParams, responses: { 200: TrackResponse }, rateLimit: { max: 120, timeWindow: 60_000 }, secretParam: 'code' },
    ({ params }) => trackView(state(), byCode(params.code), hall.now()),
  );

  api.route(
    { method: 'POST', url: '/api/v1/track/:code/rating', summary: 'The citizen rates a finished visit (once)', access: 'public', params: TrackParams, body: RateBody, responses: { 204: null }, rateLimit: { max: 20, timeWindow: 60_000 }, secretParam: 'code' },
    async ({ params, body }) => {
      const t = byCode(params.code);
      await run(ctx, { type: 'rate', ticketId: t.id, rating: body.rating, ...(body.reason ? { reason: body.reason } : {}) }, { id: `track:${t.id}`, role: 'kiosk', kind: 'device', name: 'tracking page' });
      return undefined;
    },
  );

  api.route(
    {
      method: 'POST', url: '/api/v1/track/:code/cancel',
      summary: "The citizen leaves the queue (the tracking page, after asking 'are you sure?'): the waiting ticket is cancelled, by the citizen. Again after that: 200, nothing changes. Once called or served: 409 already_called",
      access: 'public', params: TrackParams, body: EmptyBody, responses: { 200: TrackResponse }, rateLimit: { max: 10, timeWindow: 60_000 },
    },
    async ({ params }) => {
      const t = byCode(params.code);
      // The tracking code is the citizen's key; the event says only that the citizen did it (never the code).
      const out = await ctx.hall.execute({ type: 'leave', ticketId: t.id }, { id: 'citizen', role: 'citizen' });
      if (!out.ok) throw fromDomain(out.error);
      // A cancel is audited whoever does it (README, "Who did it").
      if (out.events.length) ctx.audit.record({ at: new Date(hall.now()).toISOString(), actor: 'citizen:tracking page', action: 'ticket.leave', target: t.id, detail: 'ticket.cancelled' });
      return trackView(state(), t, hall.now());
    },
  );
}

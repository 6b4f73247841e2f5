// The supervisor's actions from the dashboard: open a counter for a clerk (or end a break), close
// a counter, move a waiting ticket to another service, cancel a waiting ticket. Each is one domain
// command attributed to the supervisor (`by`) and written to the audit log; a clerk may not use
// them (a clerk acts at their own counter through /counters and /tickets). Also the staff at the
// counters, by name, for the counter's "transfer to a clerk" and the dashboard.
import { z } from 'zod';
import { ticketView } from '../../../shared/domain/views.ts';
import { Counter, Ticket } from '../../../shared/protocol/entities.ts';
import { ClerkEntry, DashboardMoveBody, DashboardOpenBody, EmptyBody } from '../../../shared/protocol/http.ts';
import { type HubContext, audit, run } from '../context.ts';
import type { Api } from '../http/api.ts';
import { ApiError } from '../../node-common/http/errors.ts';

/** Who may use the dashboard's actions: as at any counter (commands.ts `mayActAt`), supervisors and admins. */
const SUPERVISE = ['supervisor', 'admin'] as const;
const IdParams = z.object({ id: z.string().min(1).max(64) });

/** A member of staff as the screens name them: the display name, else the username. */
export function staffNames(ctx: HubContext): Map<string, { name: string; role: string; active: boolean; username: string }> {
  return new Map(ctx.auth.users().map((u) => [u.id, { name: u.displayName ?? u.username, role: u.role, active: u.active, username: u.username }]));
}

export function dashboardRoutes(api: Api, ctx: HubContext): void {
  const { hall } = ctx;
  const counterOf = (id: string) => {
    const c = hall.state.counters.get(id);
    if (!c) throw new ApiError('not_found', `no counter ${id}`);
    return c;
  };
  const ticketOf = (id: string) => {
    const t = hall.state.tickets.get(id);
    if (!t) throw new ApiError('not_found', `no ticket ${id} today`);
    return t;
  };
  const serviceNames = (id: string) => hall.state.services.get(id)?.name ?? id;

  api.route(
    {
      method: 'GET', url: '/api/v1/staff/clerks', summary: 'Clerks by name, and the counter each is signed in at now (anyone signed in at a counter is listed too)',
      access: ['clerk', 'supervisor', 'manager', 'admin'], responses: { 200: z.array(ClerkEntry) },
    },
    () => {
      const at = new Map<string, string>();
      for (const c of hall.state.counters.values()) if (c.clerkId && c.state !== 'closed') at.set(c.clerkId, c.id);
      return [...staffNames(ctx)]
        .filter(([id, u]) => u.active && (u.role === 'clerk' || at.has(id)))
        .map(([id, u]) => ({ id, name: u.name, ...(at.has(id) ? { counterId: at.get(id)! } : {}) }))
        .sort((a, b) => a.name.localeCompare(b.name));
    },
  );

  api.route(
    {
      method: 'POST', url: '/api/v1/dashboard/counters/:id/open', summary: "Open a counter for a clerk (`clerkId`), or end its clerk's break (no body); audited",
      access: SUPERVISE, params: IdParams, body: DashboardOpenBody, responses: { 200: Counter },
    },
    async ({ params, body, principal }) => {
      const c = counterOf(params.id);
      let clerkId = body.clerkId;
      if (clerkId === undefined) {
        if (c.state !== 'break' || !c.clerkId) throw new ApiError('invalid_input', `choose the clerk to open counter ${c.number} for`);
        clerkId = c.clerkId;
      } else {
        const u = ctx.auth.userById(clerkId);
        if (!u || u.active !== 1) throw new ApiError('not_found', `no active staff account ${clerkId}`);
        if (u.role !== 'clerk') throw new ApiError('invalid_input', `${u.username} is not a clerk`);
      }
      const events = await run(ctx, { type: 'openCounter', counterId: c.id, clerkId }, principal);
      if (events.length) audit(ctx, principal, 'dashboard.counter-opened', c.id, JSON.stringify({ counter: c.number, clerk: ctx.auth.userById(clerkId)?.username ?? clerkId }));
      return hall.state.counters.get(c.id);
    },
  );

  api.route(
    { method: 'POST', url: '/api/v1/dashboard/counters/:id/close', summary: 'Close a counter (its clerk is signed out of it; refused while it holds a ticket); audited', access: SUPERVISE, params: IdParams, body: EmptyBody, responses: { 200: Counter } },
    async ({ params, principal }) => {
      const c = counterOf(params.id);
      const clerk = c.clerkId ? (ctx.auth.userById(c.clerkId)?.username ?? c.clerkId) : undefined;
      const events = await run(ctx, { type: 'closeCounter', counterId: c.id }, principal);
      if (events.length) audit(ctx, principal, 'dashboard.counter-closed', c.id, JSON.stringify({ counter: c.number, ...(clerk ? { clerk } : {}) }));
      return hall.state.counters.get(c.id);
    },
  );

  api.route(
    { method: 'POST', url: '/api/v1/dashboard/tickets/:id/move', summary: 'Move a waiting ticket to another service, keeping its issue time (or back to its own queue from the counter or clerk it was sent to); audited', access: SUPERVISE, params: IdParams, body: DashboardMoveBody, responses: { 200: Ticket } },
    async ({ params, body, principal }) => {
      const t = ticketOf(params.id);
      const from = t.serviceId;
      await run(ctx, { type: 'move', ticketId: t.id, serviceId: body.serviceId }, principal);
      audit(ctx, principal, 'dashboard.ticket-moved', t.id, JSON.stringify({ ticket: t.number, from: serviceNames(from), to: serviceNames(body.serviceId) }));
      return ticketView(hall.state, t.id, hall.now());
    },
  );

  api.route(
    { method: 'POST', url: '/api/v1/dashboard/tickets/:id/cancel', summary: 'Cancel a waiting ticket (the citizen left); audited', access: SUPERVISE, params: IdParams, body: EmptyBody, responses: { 200: Ticket } },
    async ({ params, principal }) => {
      const t = ticketOf(params.id);
      await run(ctx, { type: 'cancel', ticketId: t.id }, principal);
      audit(ctx, principal, 'dashboard.ticket-cancelled', t.id, JSON.stringify({ ticket: t.number, service: serviceNames(t.serviceId) }));
      return ticketView(hall.state, t.id, hall.now());
    },
  );
}

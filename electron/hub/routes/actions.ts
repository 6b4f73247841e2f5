// Counter and ticket actions: open, close, break, call next; call, recall, start, complete,
// no-show, transfer, park, cancel. Each is one domain command; a refused move is 409 and changes nothing.
import { z } from 'zod';
import type { Command } from '../../../shared/domain/commands.ts';
import { ticketView } from '../../../shared/domain/views.ts';
import { Counter, Ticket } from '../../../shared/protocol/entities.ts';
import { CallBody, CompleteBody, EmptyBody, TransferBody } from '../../../shared/protocol/http.ts';
import { type HubContext, audit, run } from '../context.ts';
import type { Api } from '../http/api.ts';
import type { TICKET_VERBS } from '../../../shared/protocol/audit.ts';

const STAFF = ['clerk', 'supervisor', 'admin'] as const;
const IdParams = z.object({ id: z.string().min(1).max(64) });
const PRIVILEGED = new Set(['cancel', 'transfer', 'no-show']);

export function actionRoutes(api: Api, ctx: HubContext): void {
  const { hall } = ctx;
  const counter = (id: string) => hall.state.counters.get(id);
  const ticket = (id: string) => ticketView(hall.state, id, hall.now());

  const counterCommands = { open: 'openCounter', close: 'closeCounter', break: 'break' } as const;
  for (const [verb, type] of Object.entries(counterCommands)) {
    api.route(
      { method: 'POST', url: `/api/v1/counters/:id/${verb}`, summary: `${verb[0]!.toUpperCase()}${verb.slice(1)} a counter`, access: STAFF, params: IdParams, responses: { 200: Counter } },
      async ({ params, principal }) => {
        await run(ctx, { type, counterId: params.id }, principal);
        return counter(params.id);
      },
    );
  }

  api.route(
    { method: 'POST', url: '/api/v1/counters/:id/call-next', summary: 'Call the next ticket to this counter (204 when nothing waits)', access: STAFF, params: IdParams, responses: { 200: Ticket, 204: null } },
    async ({ params, principal }) => {
      const events = await run(ctx, { type: 'callNext', counterId: params.id }, principal);
      const called = events.find((e) => e.type === 'ticket.called');
      return called && called.type === 'ticket.called' ? ticket(called.ticketId) : undefined;
    },
  );

  type Verb = { verb: (typeof TICKET_VERBS)[number]; summary: string; body: z.ZodType; command: (id: string, body: Record<string, unknown>) => Command };
  const verbs: Verb[] = [
    { verb: 'call', summary: 'Call this ticket (waiting or parked) to a counter', body: CallBody, command: (id, b) => ({ type: 'call', ticketId: id, counterId: b.counterId as string }) },
    { verb: 'recall', summary: 'Call it again (after the recall limit it becomes a no-show)', body: EmptyBody, command: (id) => ({ type: 'recall', ticketId: id }) },
    { verb: 'start', summary: 'The citizen arrived: start serving', body: EmptyBody, command: (id) => ({ type: 'start', ticketId: id }) },
    { verb: 'complete', summary: 'Finish serving, with an outcome and a note', body: CompleteBody, command: (id, b) => ({ type: 'complete', ticketId: id, ...(b as { outcome?: string; note?: string }) }) },
    { verb: 'no-show', summary: 'The citizen did not come', body: EmptyBody, command: (id) => ({ type: 'noShow', ticketId: id }) },
    {
      verb: 'transfer', summary: 'Send the ticket being served to another service, to one counter or to one clerk (wherever they are signed in), with a note for the next clerk; it keeps its original issue time',
      body: TransferBody, command: (id, b) => ({ type: 'transfer', ticketId: id, ...(b as TransferBody) }),
    },
    { verb: 'park', summary: 'Put aside, to call back later', body: EmptyBody, command: (id) => ({ type: 'park', ticketId: id }) },
    { verb: 'cancel', summary: 'Cancel a waiting ticket', body: EmptyBody, command: (id) => ({ type: 'cancel', ticketId: id }) },
  ];
  for (const v of verbs) {
    api.route(
      { method: 'POST', url: `/api/v1/tickets/:id/${v.verb}`, summary: v.summary, access: ['clerk', 'supervisor', 'admin'], params: IdParams, body: v.body, responses: { 200: Ticket } },
      async ({ params, body, principal }) => {
        const events = await run(ctx, v.command(params.id, (body ?? {}) as Record<string, unknown>), principal);
        // Every ticket event carries who did it (`by`); the ones that end or move a citizen's visit
        // against the usual flow, and anything a supervisor or admin does at a counter, are audited too.
        if (events.length && (PRIVILEGED.has(v.verb) || principal.role !== 'clerk')) audit(ctx, principal, `ticket.${v.verb}` as const, params.id, JSON.stringify({ events: events.map((e) => e.type) }));
        return ticket(params.id);
      },
    );
  }
}

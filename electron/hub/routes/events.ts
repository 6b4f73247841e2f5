// The event stream: `GET /api/v1/events` (WebSocket). A snapshot first, then every change as
// `{kind:'event', seq, type, at, …}` with gap-free seq. `?since=N` resumes: the missed events
// are replayed if the log still has them, otherwise a fresh snapshot is sent.
// Browsers cannot set headers on a WebSocket, so the token may come as `?token=`.
import type { FastifyInstance } from 'fastify';
import type { WebSocket } from '@fastify/websocket';
import { z } from 'zod';
import { snapshotTickets } from '../../../shared/domain/views.ts';
import type { SequencedEvent } from '../../../shared/protocol/events.ts';
import type { Snapshot } from '../../../shared/protocol/http.ts';
import type { Principal } from '../auth/auth-store.ts';
import type { HubContext } from '../context.ts';
import { authorize, bearer } from '../http/api.ts';
import { ApiError, errorBody } from '../http/errors.ts';

const Query = z.object({ token: z.string().max(200).optional(), since: z.coerce.number().int().min(0).optional() });
/** A resume further back than this gets a snapshot instead. */
const MAX_REPLAY = 5_000;
/** A screen that falls this far behind is dropped; it reconnects and resumes. */
const MAX_BUFFERED = 8 * 1024 * 1024;

type Audience = 'staff' | 'device';
const audienceOf = (p: Principal): Audience => (p.kind === 'staff' ? 'staff' : 'device');

/** Hall screens and kiosks do not get clerks' free-text notes. */
function forAudience(e: SequencedEvent, audience: Audience): object {
  if (audience === 'device' && e.type === 'ticket.completed' && e.note !== undefined) {
    const { note: _n, ...rest } = e;
    return rest;
  }
  return e;
}

export function eventRoutes(app: FastifyInstance, ctx: HubContext): { clients: () => number; close: () => void } {
  const clients = new Map<WebSocket, Audience>();

  const unsubscribe = ctx.hall.subscribe((events) => {
    if (clients.size === 0) return;
    const wire: Record<Audience, string[]> = { staff: [], device: [] };
    for (const e of events) {
      wire.staff.push(JSON.stringify({ kind: 'event', ...e }));
      wire.device.push(JSON.stringify({ kind: 'event', ...forAudience(e, 'device') }));
    }
    for (const [socket, audience] of clients) {
      if (socket.bufferedAmount > MAX_BUFFERED) {
        socket.close(4008, 'too far behind; reconnect with since');
        continue;
      }
      for (const msg of wire[audience]) socket.send(msg);
    }
  });

  function snapshot(audience: Audience): string {
    const s = ctx.hall.state;
    // Staff screens get the whole day; hall screens and kiosks the last 50 finished, without notes.
    const tickets = audience === 'staff' ? snapshotTickets(s, ctx.hall.now()) : snapshotTickets(s, ctx.hall.now(), 50).map(({ note: _n, ...t }) => t);
    const snap: Snapshot = { seq: ctx.hall.lastSeq(), day: s.day, branch: s.branch, services: [...s.services.values()], counters: [...s.counters.values()], tickets };
    return JSON.stringify({ kind: 'snapshot', snapshot: snap });
  }

  app.register(async (scoped) => {
    scoped.addHook('preValidation', async (req, reply) => {
      const q = Query.safeParse(req.query);
      if (!q.success) return reply.code(400).send(errorBody('invalid_input', 'query: token and since (a whole number)'));
      try {
        (req as unknown as { principal: Principal }).principal = authorize(ctx.auth, bearer(req) ?? q.data.token, 'signed-in', ctx.hall.now());
      } catch (err) {
        const e = err as ApiError;
        return reply.code(e.status).send(errorBody(e.code, e.message));
      }
    });

    scoped.get('/api/v1/events', { websocket: true }, (socket, req) => {
      const principal = (req as unknown as { principal: Principal }).principal;
      const audience = audienceOf(principal);
      const { since } = Query.parse(req.query);
      const last = ctx.hall.lastSeq();
      // Sent synchronously, before any later event can be published: no gap, no duplicate.
      if (since !== undefined && since <= last && last - since <= MAX_REPLAY) {
        for (const e of ctx.hall.since(since, MAX_REPLAY)) socket.send(JSON.stringify({ kind: 'event', ...forAudience(e, audience) }));
      } else {
        socket.send(snapshot(audience));
      }
      clients.set(socket, audience);
      let alive = true;
      socket.on('pong', () => { alive = true; });
      const ping = setInterval(() => {
        if (!alive) return socket.terminate();
        alive = false;
        socket.ping();
      }, 30_000);
      ping.unref();
      socket.on('close', () => {
        clearInterval(ping);
        clients.delete(socket);
      });
      socket.on('message', () => {
        // The stream is one-way; anything a client sends is ignored.
      });
    });
  });

  return {
    clients: () => clients.size,
    close: () => {
      unsubscribe();
      for (const s of clients.keys()) s.close(1001, 'hub stopping');
    },
  };
}

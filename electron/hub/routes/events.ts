// The event stream: `GET /api/v1/events` (WebSocket). A snapshot first, sized to the caller's
// screen (shared/domain/views.ts snapshotFor), then every change as `{kind:'event', seq, type, at, …}`
// with gap-free seq, and `{kind:'queue', queue}` with the per-service counts and quotes at most
// once a second. `?since=N` resumes: the missed events are replayed if the log still has them,
// otherwise a fresh snapshot is sent. Browsers cannot set headers on a WebSocket, so the token may
// come as `?token=`. What each audience sees is decided by shared/domain/audience.ts.
// A revoked device, an ended session or a disabled account loses its open streams at once
// (close code 4401); a session that merely expires is cut at the next sweep (every 10 s).
import type { FastifyInstance } from 'fastify';
import type { WebSocket } from '@fastify/websocket';
import { z } from 'zod';
import { type Audience, audienceOf, eventFor } from '../../../shared/domain/audience.ts';
import { queueSummary, snapshotFor } from '../../../shared/domain/views.ts';
import type { SequencedEvent } from '../../../shared/protocol/events.ts';
import type { Principal } from '../auth/auth-store.ts';
import type { HubContext } from '../context.ts';
import { authorize, bearer } from '../http/api.ts';
import { ApiError, errorBody } from '../../node-common/http/errors.ts';

const Query = z.object({ token: z.string().max(200).optional(), since: z.coerce.number().int().min(0).optional() });
/** A resume further back than this gets a snapshot instead. */
const MAX_REPLAY = 5_000;
/** A screen that falls this far behind is dropped; it reconnects and resumes. */
const MAX_BUFFERED = 8 * 1024 * 1024;
/** Close code for a stream whose credential no longer holds (revoked, signed out, expired). */
export const CLOSE_REVOKED = 4401;
const QUEUE_EVERY_MS = 1_000;
const SWEEP_EVERY_MS = 10_000;
/** How long a screen has to answer "hub stopping" before its socket is cut. */
const CLOSE_GRACE_MS = 1_000;

interface Client {
  audience: Audience;
  principal: Principal;
  token: string;
}

export function eventRoutes(app: FastifyInstance, ctx: HubContext): { clients: () => number; close: () => Promise<void> } {
  const clients = new Map<WebSocket, Client>();

  const send = (socket: WebSocket, msg: string) => {
    if (socket.bufferedAmount > MAX_BUFFERED) return socket.close(4008, 'too far behind; reconnect with since');
    socket.send(msg);
  };

  // Queue counts change with nearly every ticket event; they are sent at most once a second.
  let queueTimer: NodeJS.Timeout | undefined;
  const sendQueue = () => {
    queueTimer = undefined;
    if (clients.size === 0) return;
    const msg = JSON.stringify({ kind: 'queue', queue: queueSummary(ctx.hall.state, ctx.hall.now()) });
    for (const socket of clients.keys()) send(socket, msg);
  };

  const unsubscribe = ctx.hall.subscribe((events) => {
    if (clients.size === 0) return;
    // Serialised once per audience present, not once per screen.
    const wire = new Map<Audience, string[]>();
    const messages = (a: Audience) => {
      let m = wire.get(a);
      if (!m) wire.set(a, (m = events.map((e) => JSON.stringify({ kind: 'event', ...eventFor(e, a) }))));
      return m;
    };
    for (const [socket, client] of clients) for (const msg of messages(client.audience)) send(socket, msg);
    if (!queueTimer && events.some((e) => e.type.startsWith('ticket.') || e.type.startsWith('counter.'))) {
      queueTimer = setTimeout(sendQueue, QUEUE_EVERY_MS);
      queueTimer.unref();
    }
  });

  /** Closes every stream whose credential matches and no longer holds. */
  const cut = (matches: (c: Client) => boolean, reason: string) => {
    for (const [socket, client] of clients) {
      if (!matches(client)) continue;
      clients.delete(socket);
      socket.close(CLOSE_REVOKED, reason);
    }
  };
  const stopRevocations = ctx.auth.onRevoked((r) => {
    if (r.kind === 'device') cut((c) => c.principal.kind === 'device' && c.principal.id === r.id, 'device revoked');
    else if (r.kind === 'user') cut((c) => c.principal.kind === 'staff' && c.principal.id === r.id, 'signed out');
    else cut((c) => c.token === r.token, 'signed out');
  });
  // Sessions also end by expiry; a sweep catches those.
  const sweep = setInterval(() => {
    const now = ctx.hall.now();
    cut((c) => !ctx.auth.principal(c.token, now), 'session expired');
  }, SWEEP_EVERY_MS);
  sweep.unref();

  // Screens reconnect together (after a hub restart, 500 of them within a second): one snapshot
  // per audience is made for the current seq and reused for a moment, not one per screen.
  const snapshots = new Map<Audience, { seq: number; at: number; message: string }>();
  const snapshotMessage = (audience: Audience): string => {
    const seq = ctx.hall.lastSeq();
    const now = ctx.hall.now();
    const cached = snapshots.get(audience);
    if (cached && cached.seq === seq && now - cached.at < QUEUE_EVERY_MS) return cached.message;
    const message = JSON.stringify({ kind: 'snapshot', snapshot: snapshotFor(ctx.hall.state, now, audience, seq) });
    snapshots.set(audience, { seq, at: now, message });
    return message;
  };

  app.register(async (scoped) => {
    scoped.addHook('preValidation', async (req, reply) => {
      const q = Query.safeParse(req.query);
      if (!q.success) return reply.code(400).send(errorBody('invalid_input', 'query: token and since (a whole number)'));
      try {
        const token = bearer(req) ?? q.data.token;
        const principal = authorize(ctx.auth, token, 'signed-in', ctx.hall.now());
        (req as unknown as { client: Client }).client = { principal, audience: audienceOf(principal), token: token! };
      } catch (err) {
        const e = err as ApiError;
        return reply.code(e.status).send(errorBody(e.code, e.message));
      }
    });

    scoped.get('/api/v1/events', { websocket: true }, (socket, req) => {
      const client = (req as unknown as { client: Client }).client;
      const { since } = Query.parse(req.query);
      const last = ctx.hall.lastSeq();
      // Sent synchronously, before any later event can be published: no gap, no duplicate.
      if (since !== undefined && since <= last && last - since <= MAX_REPLAY) {
        for (const e of ctx.hall.since(since, MAX_REPLAY)) socket.send(JSON.stringify({ kind: 'event', ...eventFor(e as SequencedEvent, client.audience) }));
        socket.send(JSON.stringify({ kind: 'queue', queue: queueSummary(ctx.hall.state, ctx.hall.now()) }));
      } else {
        socket.send(snapshotMessage(client.audience));
      }
      clients.set(socket, client);
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
      // A client that sends more than the stream allows (maxPayload) is disconnected by ws with an
      // error; one line in the log, not a stack.
      socket.on('error', (err: Error & { code?: string }) => {
        ctx.log.warn({ code: err.code ?? 'ws_error', who: `${client.principal.kind}:${client.principal.id}` }, `event stream client dropped: ${err.message}`);
      });
      socket.on('message', () => {
        // The stream is one-way; anything a client sends is ignored.
      });
    });
  });

  return {
    clients: () => clients.size,
    /**
     * Says "hub stopping" (1001) to every screen, then cuts whoever has not answered within a
     * second: ws would wait 30 s for a busy or gone client's reply, and the HTTP server cannot close
     * (nor the hub stop or restart) while one of these sockets is open.
     */
    close: async () => {
      unsubscribe();
      stopRevocations();
      clearInterval(sweep);
      if (queueTimer) clearTimeout(queueTimer);
      const open = [...clients.keys()];
      const closed = open.map((s) => new Promise<void>((resolve) => {
        if (s.readyState === s.CLOSED) return resolve();
        s.once('close', () => resolve());
      }));
      for (const s of open) s.close(1001, 'hub stopping');
      let grace: NodeJS.Timeout | undefined;
      await Promise.race([
        Promise.all(closed),
        new Promise<void>((resolve) => { grace = setTimeout(resolve, CLOSE_GRACE_MS); }),
      ]);
      clearTimeout(grace);
      for (const s of open) if (s.readyState !== s.CLOSED) s.terminate();
      await Promise.all(closed);
    },
  };
}

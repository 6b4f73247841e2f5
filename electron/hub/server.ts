// The hub's HTTP server: API v1, the event stream, and the built renderer for browsers.
import fastifyWebsocket from '@fastify/websocket';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import { createBaseServer } from '../node-common/http/server-kit.ts';
import type { HubContext } from './context.ts';
import type { Timings } from './timings.ts';
import { createApi } from './http/api.ts';
import { monitoringRoutes } from './routes/monitoring.ts';
import { actionRoutes } from './routes/actions.ts';
import { dashboardRoutes } from './routes/dashboard.ts';
import { adminRoutes } from './routes/admin.ts';
import { appointmentRoutes } from './routes/appointments.ts';
import { eventRoutes } from './routes/events.ts';
import { planRoutes } from './routes/plan.ts';
import { queueRoutes } from './routes/queue.ts';
import { reportRoutes } from './routes/reports.ts';
import { sessionRoutes } from './routes/session.ts';
import { syncRoutes } from './routes/sync.ts';
import { voiceRoutes } from './routes/voice.ts';
import { feedbackRoutes } from './routes/feedback.ts';
import { systemRoutes } from './routes/system.ts';
import { backupRoutes } from './routes/backup.ts';

export interface ServerOptions {
  /** Folder of the built renderer (vite build); served at `/` with a fallback to index.html. */
  rendererDir?: string;
  /** Origins allowed to call the API from another origin (the Electron app's `app://dawr`). */
  corsOrigins?: readonly string[];
  /** Host names (besides IP addresses and localhost) the hub answers to; see `hostAllowed` in node-common/http/server-kit.ts. */
  allowedHosts?: readonly string[];
  /** Serve HTTPS with this certificate and key (PEM). */
  tls?: { cert: string | Buffer; key: string | Buffer };
  /** A public route's ceiling over all addresses is this many times its per-address limit (default 100; public-guards.ts). */
  publicCeilingFactor?: number;
  /** Reverse proxies whose X-Forwarded-For is believed (server-kit.ts). */
  trustProxy?: string;
  /** Request spans for the benchmark's tail breakdown (DAWR_TIMINGS). */
  timings?: Timings;
}

export async function buildServer(ctx: HubContext, options: ServerOptions = {}): Promise<{ app: FastifyInstance; streams: ReturnType<typeof eventRoutes> }> {
  const app = await createBaseServer({ log: ctx.log as FastifyBaseLogger, what: 'hub', rendererDir: options.rendererDir, allowedHosts: options.allowedHosts, tls: options.tls, trustProxy: options.trustProxy });
  const timings = options.timings;
  if (timings?.on) {
    const started = new WeakMap<object, number>();
    app.addHook('onRequest', async (req) => void started.set(req.raw, performance.now()));
    app.addHook('onResponse', async (req) => {
      const t0 = started.get(req.raw);
      if (t0 !== undefined) timings.request(`${req.method} ${req.routeOptions.url ?? req.url}`, t0);
    });
  }

  const origins = new Set(options.corsOrigins ?? ['app://dawr']);
  app.addHook('onRequest', async (req, reply) => {
    const origin = req.headers.origin;
    if (origin && origins.has(origin)) {
      reply.header('access-control-allow-origin', origin).header('vary', 'origin');
      if (req.method === 'OPTIONS') {
        return reply.code(204).header('access-control-allow-methods', 'GET, POST').header('access-control-allow-headers', 'authorization, content-type').header('access-control-max-age', '600').send();
      }
    }
  });

  await app.register(fastifyWebsocket, { options: { maxPayload: 4096 } });

  const api = createApi(app, ctx.auth, () => ctx.hall.now(), ctx.alarms, options.publicCeilingFactor);
  // The event stream's clients are counted at each scrape (the stream is made below).
  if (ctx.monitoring) monitoringRoutes(app, api, ctx, ctx.monitoring, () => streams.clients());
  sessionRoutes(api, ctx);
  queueRoutes(api, ctx);
  actionRoutes(api, ctx);
  dashboardRoutes(api, ctx);
  adminRoutes(api, ctx);
  reportRoutes(api, ctx);
  syncRoutes(api, ctx);
  planRoutes(api, ctx);
  systemRoutes(api, ctx);
  if (ctx.backups) backupRoutes(api, ctx, ctx.backups);
  if (ctx.voice && ctx.speech) voiceRoutes(app, api, ctx, ctx.voice, ctx.speech);
  if (ctx.citizen) appointmentRoutes(api, ctx, ctx.citizen.appointments, ctx.citizen.notifier);
  if (ctx.feedback) feedbackRoutes(api, ctx, ctx.feedback);
  const streams = eventRoutes(app, ctx);
  return { app, streams };
}

// The hub's HTTP server: API v1, the event stream, and the built renderer for browsers.
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import fastifyWebsocket from '@fastify/websocket';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyReply, type FastifyRequest, LogController } from 'fastify';
import { existsSync } from 'node:fs';
import { isIP } from 'node:net';
import type { HubContext } from './context.ts';
import type { Timings } from './timings.ts';
import { createApi } from './http/api.ts';
import { ApiError, errorBody } from './http/errors.ts';
import { actionRoutes } from './routes/actions.ts';
import { adminRoutes } from './routes/admin.ts';
import { eventRoutes } from './routes/events.ts';
import { planRoutes } from './routes/plan.ts';
import { queueRoutes } from './routes/queue.ts';
import { reportRoutes } from './routes/reports.ts';
import { sessionRoutes } from './routes/session.ts';

export interface ServerOptions {
  /** Folder of the built renderer (vite build); served at `/` with a fallback to index.html. */
  rendererDir?: string;
  /** Origins allowed to call the API from another origin (the Electron app's `app://dawr`). */
  corsOrigins?: readonly string[];
  /** Host names (besides IP addresses and localhost) the hub answers to; see `hostAllowed`. */
  allowedHosts?: readonly string[];
  /** Serve HTTPS with this certificate and key (PEM). */
  tls?: { cert: string | Buffer; key: string | Buffer };
  /** Request spans for the benchmark's tail breakdown (DAWR_TIMINGS). */
  timings?: Timings;
}

/**
 * DNS rebinding: a web page on a name the attacker controls re-points that name at the hub and
 * reads it with the victim's browser. Such a request carries the attacker's name in `Host`, so
 * the hub answers only to IP addresses, localhost, and the names it is told (`--allowed-host`).
 */
export function hostAllowed(hostHeader: string | undefined, allowed: ReadonlySet<string>): boolean {
  if (!hostHeader) return false;
  const host = (hostHeader.startsWith('[') ? hostHeader.slice(1, hostHeader.indexOf(']')) : hostHeader.replace(/:\d+$/, '')).toLowerCase();
  if (isIP(host)) return true;
  return host === 'localhost' || host.endsWith('.localhost') || allowed.has(host);
}

/** Security headers of every answer (brief §8; one hook rather than a dependency). */
function securityHeaders(req: FastifyRequest, reply: FastifyReply, https: boolean): void {
  const host = req.headers.host ?? '';
  const ws = `${https ? 'wss' : 'ws'}://${host}`;
  reply
    .header('content-security-policy', [
      "default-src 'self'", "script-src 'self'", "style-src 'self' 'unsafe-inline'", "img-src 'self' data: blob:", "font-src 'self' data:",
      `connect-src 'self' ${ws}`, "media-src 'self' data: blob:", "object-src 'none'", "base-uri 'none'", "form-action 'self'", "frame-ancestors 'none'",
    ].join('; '))
    .header('x-frame-options', 'DENY')
    .header('x-content-type-options', 'nosniff')
    // Device tokens have travelled in URLs (?token=): never let a link leak one.
    .header('referrer-policy', 'no-referrer')
    .header('cross-origin-opener-policy', 'same-origin')
    .header('permissions-policy', 'camera=(), geolocation=(), payment=(), usb=()');
  if (https) reply.header('strict-transport-security', 'max-age=31536000');
  if (req.url.startsWith('/api/')) reply.header('cache-control', 'no-store');
}

export async function buildServer(ctx: HubContext, options: ServerOptions = {}): Promise<{ app: FastifyInstance; streams: ReturnType<typeof eventRoutes> }> {
  const https = Boolean(options.tls);
  const app = Fastify({
    loggerInstance: ctx.log as FastifyBaseLogger,
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: 64 * 1024,
    trustProxy: false,
    ...(options.tls ? { https: { cert: options.tls.cert, key: options.tls.key } } : {}),
    // The framework's own refusals (a malformed URL, a bad content type…) in the API's error shape.
    frameworkErrors: (err, _req, reply) => {
      const client = ((err as { statusCode?: number }).statusCode ?? 400) < 500;
      const r = reply as unknown as FastifyReply;
      void r.code(client ? 400 : 500).send(client ? errorBody('invalid_input', `the request is malformed: ${err.message}`) : errorBody('internal', 'something went wrong in the hub'));
    },
  }) as unknown as FastifyInstance;

  const allowedHosts = new Set((options.allowedHosts ?? []).map((h) => h.toLowerCase()));
  const timings = options.timings;
  if (timings?.on) {
    const started = new WeakMap<object, number>();
    app.addHook('onRequest', async (req) => void started.set(req.raw, performance.now()));
    app.addHook('onResponse', async (req) => {
      const t0 = started.get(req.raw);
      if (t0 !== undefined) timings.request(`${req.method} ${req.routeOptions.url ?? req.url}`, t0);
    });
  }
  app.addHook('onRequest', async (req, reply) => {
    securityHeaders(req, reply, https);
    if (!hostAllowed(req.headers.host, allowedHosts)) {
      return reply.code(403).send(errorBody('forbidden', `this hub does not answer to the host name ${String(req.headers.host ?? '(none)').slice(0, 100)}: use its address, or start it with --allowed-host NAME`));
    }
  });

  app.setErrorHandler((err: Error, req, reply) => {
    if (err instanceof ApiError) return reply.code(err.status).send(errorBody(err.code, err.message));
    const status = (err as { statusCode?: number }).statusCode;
    if (status === 429) return reply.code(429).send(errorBody('rate_limited', 'too many requests: wait a moment'));
    if (status && status >= 400 && status < 500) return reply.code(400).send(errorBody('invalid_input', err.message));
    req.log.error({ err, url: req.url }, 'request failed');
    return reply.code(500).send(errorBody('internal', 'something went wrong in the hub; the request changed nothing'));
  });
  app.setNotFoundHandler((req, reply) => {
    if (req.url.startsWith('/api/') || !options.rendererDir || !existsSync(`${options.rendererDir}/index.html`)) {
      return reply.code(404).send(errorBody('not_found', `no route ${req.method} ${req.url.split('?')[0]}`));
    }
    return reply.sendFile('index.html');
  });

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

  await app.register(fastifyRateLimit, { global: false, errorResponseBuilder: () => ({ statusCode: 429, ...errorBody('rate_limited', 'too many requests: wait a moment') }) });
  await app.register(fastifyWebsocket, { options: { maxPayload: 4096 } });
  if (options.rendererDir && existsSync(options.rendererDir)) {
    await app.register(fastifyStatic, { root: options.rendererDir, wildcard: false, index: ['index.html'] });
  }

  const api = createApi(app, ctx.auth, () => ctx.hall.now());
  sessionRoutes(api, ctx);
  queueRoutes(api, ctx);
  actionRoutes(api, ctx);
  adminRoutes(api, ctx);
  reportRoutes(api, ctx);
  planRoutes(api, ctx);
  const streams = eventRoutes(app, ctx);
  return { app, streams };
}

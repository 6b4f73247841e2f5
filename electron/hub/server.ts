// The hub's HTTP server: API v1, the event stream, and the built renderer for browsers.
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import fastifyWebsocket from '@fastify/websocket';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, LogController } from 'fastify';
import { existsSync } from 'node:fs';
import type { HubContext } from './context.ts';
import { createApi } from './http/api.ts';
import { ApiError, errorBody } from './http/errors.ts';
import { actionRoutes } from './routes/actions.ts';
import { adminRoutes } from './routes/admin.ts';
import { eventRoutes } from './routes/events.ts';
import { queueRoutes } from './routes/queue.ts';
import { reportRoutes } from './routes/reports.ts';
import { sessionRoutes } from './routes/session.ts';

export interface ServerOptions {
  /** Folder of the built renderer (vite build); served at `/` with a fallback to index.html. */
  rendererDir?: string;
  /** Origins allowed to call the API from another origin (the Electron app's `app://dawr`). */
  corsOrigins?: readonly string[];
}

export async function buildServer(ctx: HubContext, options: ServerOptions = {}): Promise<{ app: FastifyInstance; streams: ReturnType<typeof eventRoutes> }> {
  const app: FastifyInstance = Fastify({ loggerInstance: ctx.log as FastifyBaseLogger, logController: new LogController({ disableRequestLogging: true }), bodyLimit: 64 * 1024, trustProxy: false });

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
  const streams = eventRoutes(app, ctx);
  return { app, streams };
}

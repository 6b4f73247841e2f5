// What every Dawr HTTP server (the hub, central) does the same way: security headers, the Host
// check against DNS rebinding, HTTPS, errors in the API's one shape, the built renderer with its
// index.html fallback, and the rate limiter routes opt into.
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyReply, type FastifyRequest, LogController } from 'fastify';
import { existsSync } from 'node:fs';
import { isIP } from 'node:net';
import { ApiError, errorBody } from './errors.ts';

export interface BaseServerOptions {
  log: FastifyBaseLogger;
  /** 'hub' or 'central': named in refusals. */
  what: string;
  rendererDir?: string | undefined;
  allowedHosts?: readonly string[] | undefined;
  tls?: { cert: string | Buffer; key: string | Buffer } | undefined;
  bodyLimit?: number;
  /**
   * The reverse proxies in front of this server (addresses or CIDRs, comma-separated: `--trust-proxy`):
   * their X-Forwarded-For names the client, so per-address limits and the audit see each citizen
   * instead of one proxy. Unset: the connection's address is the client (X-Forwarded-For ignored).
   */
  trustProxy?: string | undefined;
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
export function securityHeaders(req: FastifyRequest, reply: FastifyReply, https: boolean): void {
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

/** A Fastify instance with the shared hooks, error shape, renderer and rate limiter in place. */
export async function createBaseServer(o: BaseServerOptions): Promise<FastifyInstance> {
  const https = Boolean(o.tls);
  const app = Fastify({
    loggerInstance: o.log,
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: o.bodyLimit ?? 64 * 1024,
    trustProxy: o.trustProxy ? o.trustProxy.split(',').map((a) => a.trim()).filter(Boolean) : false,
    ...(o.tls ? { https: { cert: o.tls.cert, key: o.tls.key } } : {}),
    // The framework's own refusals (a malformed URL, a bad content type…) in the API's error shape.
    frameworkErrors: (err, _req, reply) => {
      const client = ((err as { statusCode?: number }).statusCode ?? 400) < 500;
      const r = reply as unknown as FastifyReply;
      void r.code(client ? 400 : 500).send(client ? errorBody('invalid_input', `the request is malformed: ${err.message}`) : errorBody('internal', `something went wrong in the ${o.what}`));
    },
  }) as unknown as FastifyInstance;

  const allowedHosts = new Set((o.allowedHosts ?? []).map((h) => h.toLowerCase()));
  app.addHook('onRequest', async (req, reply) => {
    securityHeaders(req, reply, https);
    if (!hostAllowed(req.headers.host, allowedHosts)) {
      return reply.code(403).send(errorBody('forbidden', `this ${o.what} does not answer to the host name ${String(req.headers.host ?? '(none)').slice(0, 100)}: use its address, or start it with --allowed-host NAME`));
    }
  });
  app.setErrorHandler((err: Error, req, reply) => {
    if (err instanceof ApiError) return reply.code(err.status).send(errorBody(err.code, err.message));
    // The disk is full: refused in the usual shape; what was committed before is kept, and writing
    // works again by itself once space is freed (SQLite rolled the transaction back).
    if (/^SQLITE_FULL/.test((err as { code?: string }).code ?? '')) {
      req.log.error({ url: req.url }, 'the disk is full: a change was refused');
      return reply.code(503).send(errorBody('storage_full', `the ${o.what}'s disk is full: nothing new can be recorded until space is freed on it (what was recorded before is kept)`));
    }
    const status = (err as { statusCode?: number }).statusCode;
    if (status === 429) return reply.code(429).send(errorBody('rate_limited', 'too many requests: wait a moment'));
    if (status === 413) return reply.code(400).send(errorBody('invalid_input', 'the request body is too large'));
    if (status === 415) return reply.code(400).send(errorBody('invalid_input', `this route does not take a body of type ${String(req.headers['content-type'] ?? '').slice(0, 60)}: send JSON (Content-Type: application/json)`));
    if (status && status >= 400 && status < 500) return reply.code(400).send(errorBody('invalid_input', err.message));
    req.log.error({ err, url: req.url }, 'request failed');
    return reply.code(500).send(errorBody('internal', `something went wrong in the ${o.what}; the request changed nothing`));
  });
  app.setNotFoundHandler((req, reply) => {
    if (req.url.startsWith('/api/') || !o.rendererDir || !existsSync(`${o.rendererDir}/index.html`)) {
      return reply.code(404).send(errorBody('not_found', `no route ${req.method} ${req.url.split('?')[0]}`));
    }
    return reply.sendFile('index.html');
  });
  await app.register(fastifyRateLimit, { global: false, errorResponseBuilder: () => ({ statusCode: 429, ...errorBody('rate_limited', 'too many requests: wait a moment') }) });
  if (o.rendererDir && existsSync(o.rendererDir)) {
    await app.register(fastifyStatic, { root: o.rendererDir, wildcard: false, index: ['index.html'] });
  }
  return app;
}

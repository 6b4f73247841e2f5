// `GET /metrics` for the hub and central (brief §12), in the Prometheus text format 0.0.4: the
// server's own registry (one per server, never prom-client's global one: tests run several hubs in
// one process) after the process's standard metrics (CPU, memory, event-loop delay, GC, handles).
//
// Who may read it: a request made on this machine's loopback directly, without a token; anyone
// else only with the bearer token of a monitoring credential. "Directly": the socket's own
// address, never `req.ip` (with --trust-proxy that comes from X-Forwarded-For, which anyone
// writes), and no forwarding header — a reverse proxy on the same machine connects over loopback
// on behalf of a stranger, and says so in X-Forwarded-For or Forwarded.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { isIPv4 } from 'node:net';
import { Registry, collectDefaultMetrics } from 'prom-client';
import { bearer } from './api.ts';
import { errorBody } from './errors.ts';

/** Histogram buckets for latencies measured in milliseconds, in seconds as Prometheus wants them (0.5 ms … 1 s). */
export const LATENCY_BUCKETS = [0.0005, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1];

let processRegistry: Registry | undefined;

/**
 * The process's standard metrics, made once per process: they describe the process, not one
 * server in it, and prom-client's event-loop monitor and GC observer cannot be stopped — made per
 * server, every hub a test starts and stops would leave one running. Made once, a stopped hub
 * leaves nothing behind (its own gauges are computed at scrape time, with no timers).
 */
function processMetrics(): Registry {
  if (!processRegistry) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry });
  }
  return processRegistry;
}

/** 127.0.0.0/8, ::1, and IPv4 loopback written as an IPv6 address (::ffff:127.x.y.z). */
export function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  const a = address.toLowerCase().startsWith('::ffff:') ? address.slice(7) : address;
  return isIPv4(a) ? a.startsWith('127.') : a === '::1';
}

const FORWARDING = ['x-forwarded-for', 'forwarded', 'x-real-ip'] as const;

/** A request from a program on this machine itself, not one a local reverse proxy forwards. */
export function fromThisMachine(req: FastifyRequest): boolean {
  return isLoopback(req.socket.remoteAddress) && FORWARDING.every((h) => req.headers[h] === undefined);
}

export interface MetricsRouteOptions {
  registry: Registry;
  /** Loopback reads without a token (default on; tests turn it off to play a scraper on another machine). */
  openToLoopback: boolean;
  /** Whether a bearer token is a monitoring credential that holds (known, not revoked). */
  tokenHolds(token: string): boolean | Promise<boolean>;
}

/** Requests a minute one address may make: a scraper asks every 15–60 s; a stranger's 401s stay cheap. */
const PER_MINUTE = 120;

export function metricsRoute(app: FastifyInstance, o: MetricsRouteOptions): void {
  app.route({
    method: 'GET',
    url: '/metrics',
    config: { rateLimit: { max: PER_MINUTE, timeWindow: 60_000 } },
    handler: async (req, reply) => {
      if (!(o.openToLoopback && fromThisMachine(req))) {
        const token = bearer(req);
        const holds = token !== undefined && (await o.tokenHolds(token));
        if (!holds) {
          return reply.code(401).header('www-authenticate', 'Bearer').send(errorBody('unauthorized', token
            ? 'this monitoring token is unknown or was revoked'
            : 'from another machine, /metrics needs Authorization: Bearer <token> of a monitoring credential (an admin makes one)'));
        }
      }
      const text = `${await processMetrics().metrics()}\n${await o.registry.metrics()}`;
      return reply.header('content-type', Registry.PROMETHEUS_CONTENT_TYPE).header('cache-control', 'no-store').send(text);
    },
  });
}

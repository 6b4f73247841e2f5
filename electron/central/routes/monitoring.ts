// Monitoring (brief §12): central's `GET /metrics` in the Prometheus text format — open to this
// machine, elsewhere only with a monitoring credential — and the platform admin's routes that
// make, list and revoke those credentials (each audited). The metrics are ../metrics.ts.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { CreatedMonitoringToken, MonitoringToken, NewMonitoringTokenBody } from '../../../shared/protocol/monitoring.ts';
import { ApiError } from '../../node-common/http/errors.ts';
import { metricsRoute } from '../../node-common/http/metrics.ts';
import { type CentralApi, type CentralContext, audit } from '../context.ts';
import type { CentralMetrics } from '../metrics.ts';
import type { MonitoringTokens } from '../monitoring-tokens.ts';

const PLATFORM = ['platform_admin'] as const;
const IdParams = z.object({ id: z.string().min(1).max(64) });

export function monitoringRoutes(app: FastifyInstance, api: CentralApi, ctx: CentralContext, m: { metrics: CentralMetrics; tokens: MonitoringTokens; openToLoopback: boolean }): void {
  // Each push of a hall's events, and each answer of the public league, from its request to the answer.
  const LEAGUE = new Set(['/api/v1/public/league', '/api/v1/public/league.csv']);
  const started = new WeakMap<object, { t0: number; push: boolean }>();
  app.addHook('onRequest', async (req) => {
    const url = req.routeOptions.url;
    if (req.method === 'POST' && url === '/api/v1/sync/events') started.set(req.raw, { t0: performance.now(), push: true });
    else if (req.method === 'GET' && url !== undefined && LEAGUE.has(url)) started.set(req.raw, { t0: performance.now(), push: false });
  });
  app.addHook('onResponse', async (req, reply) => {
    const s = started.get(req.raw);
    if (!s) return;
    const secs = (performance.now() - s.t0) / 1000;
    if (s.push) m.metrics.pushed(secs, reply.statusCode);
    else m.metrics.leagueAnswered(secs, reply.statusCode);
  });

  metricsRoute(app, { registry: m.metrics.registry, openToLoopback: m.openToLoopback, tokenHolds: (token) => m.tokens.holds(token) });

  api.route(
    {
      method: 'POST', url: '/api/v1/admin/monitoring-tokens', summary: 'Make a monitoring credential for Prometheus (platform admin): its token (shown once) reads GET /metrics and nothing else',
      access: PLATFORM, body: NewMonitoringTokenBody, responses: { 201: CreatedMonitoringToken },
    },
    async ({ body, principal, reply }) => {
      const made = await m.tokens.create(body.name, principal.id, ctx.now());
      await audit(ctx, principal.id, 'monitoring_token.created', made.id, { name: made.name });
      reply.code(201);
      return made;
    },
  );
  api.route(
    { method: 'GET', url: '/api/v1/admin/monitoring-tokens', summary: 'Monitoring credentials (never their tokens)', access: PLATFORM, responses: { 200: z.array(MonitoringToken) } },
    () => m.tokens.list(),
  );
  api.route(
    { method: 'POST', url: '/api/v1/admin/monitoring-tokens/:id/revoke', summary: 'Revoke a monitoring credential: its token stops reading /metrics at once', access: PLATFORM, params: IdParams, responses: { 204: null } },
    async ({ params, principal }) => {
      if (!(await m.tokens.revoke(params.id, ctx.now()))) throw new ApiError('not_found', `no active monitoring credential ${params.id}`);
      await audit(ctx, principal.id, 'monitoring_token.revoked', params.id);
      return undefined;
    },
  );
}

// Monitoring (brief §12): `GET /metrics` in the Prometheus text format — open to this machine,
// elsewhere only with a monitoring credential — and the admin's routes that make, list and revoke
// those credentials (each audited). The metrics themselves are monitoring/hub-metrics.ts.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { CreatedMonitoringToken, MonitoringToken, NewMonitoringTokenBody } from '../../../shared/protocol/monitoring.ts';
import { ApiError } from '../../node-common/http/errors.ts';
import { metricsRoute } from '../../node-common/http/metrics.ts';
import { type HubContext, audit } from '../context.ts';
import type { Api } from '../http/api.ts';
import type { HubMonitoring } from '../monitoring/hub-metrics.ts';

const ADMIN = ['admin'] as const;
const IdParams = z.object({ id: z.string().min(1).max(64) });

export function monitoringRoutes(app: FastifyInstance, api: Api, ctx: HubContext, m: HubMonitoring, clients: () => number): void {
  m.metrics.watch({ hall: ctx.hall, clients, sync: ctx.sync ? () => ctx.sync!.status() : undefined, backup: () => ctx.backupStatus?.() });

  // A ticket's issue, from its request to the answer carrying the committed ticket.
  const started = new WeakMap<object, number>();
  const isIssue = (method: string, url: string | undefined) => method === 'POST' && url === '/api/v1/tickets';
  app.addHook('onRequest', async (req) => {
    if (isIssue(req.method, req.routeOptions.url)) started.set(req.raw, performance.now());
  });
  app.addHook('onResponse', async (req, reply) => {
    const t0 = started.get(req.raw);
    if (t0 !== undefined && reply.statusCode === 201) m.metrics.issued((performance.now() - t0) / 1000);
  });

  metricsRoute(app, { registry: m.metrics.registry, openToLoopback: m.openToLoopback, tokenHolds: (token) => m.tokens.holds(token) });

  api.route(
    {
      method: 'POST', url: '/api/v1/admin/monitoring-tokens', summary: 'Make a monitoring credential for Prometheus: its token (shown once) reads GET /metrics and nothing else',
      access: ADMIN, body: NewMonitoringTokenBody, responses: { 201: CreatedMonitoringToken },
    },
    ({ body, principal, reply }) => {
      const made = m.tokens.create(body.name, `${principal.kind}:${principal.name}`, ctx.hall.now());
      audit(ctx, principal, 'monitoring-token.created', made.id, JSON.stringify({ name: made.name }));
      reply.code(201);
      return made;
    },
  );
  api.route(
    { method: 'GET', url: '/api/v1/admin/monitoring-tokens', summary: 'Monitoring credentials (never their tokens)', access: ADMIN, responses: { 200: z.array(MonitoringToken) } },
    () => m.tokens.list(),
  );
  api.route(
    { method: 'POST', url: '/api/v1/admin/monitoring-tokens/:id/revoke', summary: 'Revoke a monitoring credential: its token stops reading /metrics at once', access: ADMIN, params: IdParams, responses: { 204: null } },
    ({ params, principal }) => {
      if (!m.tokens.revoke(params.id, ctx.hall.now())) throw new ApiError('not_found', `no active monitoring credential ${params.id}`);
      audit(ctx, principal, 'monitoring-token.revoked', params.id);
      return undefined;
    },
  );
}

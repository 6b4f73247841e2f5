// Central: the municipality platform's server (brief §10). Plain Node, PostgreSQL, the same
// route wrapper and server hooks as the hub (electron/node-common), the hub's report definitions
// (shared/reports). It never opens a hall's database: halls push their logs here over HTTP.
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import { readFileSync } from 'node:fs';
import type { Access } from '../node-common/http/api.ts';
import { checkAccess, createApi } from '../node-common/http/api.ts';
import { createBaseServer } from '../node-common/http/server-kit.ts';
import { ApiError } from '../node-common/http/errors.ts';
import { type Logger, createLogger } from '../node-common/log.ts';
import { createCentralAuth } from './auth.ts';
import type { AnyPrincipal, CentralAccessRole, CentralContext } from './context.ts';
import { type CentralDb, openDatabase } from './db.ts';
import { startFactBuilder } from './fact-builder.ts';
import { createIngest } from './ingest.ts';
import { createQueries } from './queries.ts';
import { createLeagueCache, leaguePresets, leagueToday } from './league-cache.ts';
import { createCentralMetrics } from './metrics.ts';
import { createMonitoringTokens } from './monitoring-tokens.ts';
import { warmLeagueRequests } from './warm-up.ts';
import { monitoringRoutes } from './routes/monitoring.ts';
import { accountRoutes } from './routes/accounts.ts';
import { staffRoutes } from './routes/staff.ts';
import { syncRoutes } from './routes/sync.ts';

export interface CentralOptions {
  dataDir: string;
  /** An existing PostgreSQL (production); without it, the embedded one under `dataDir/pg`. */
  databaseUrl?: string | undefined;
  port?: number;
  host?: string;
  tls?: { cert: Buffer; key: Buffer } | undefined;
  allowedHosts?: readonly string[];
  /** Reverse proxies in front of central (addresses or CIDRs, comma-separated) whose X-Forwarded-For is believed. */
  trustProxy?: string;
  rendererDir?: string | undefined;
  now?: () => number;
  log?: Logger;
  /** How often the fact builder looks for new events (ms). */
  buildEveryMs?: number;
  /** Keep the public league's answers until a roll-up of their period changes (default true; the benchmark turns it off to time the league itself). */
  leagueCache?: boolean;
  /** How often the league page's periods are computed ahead (ms; 0: never; default 20 s). */
  warmLeagueEveryMs?: number;
  /**
   * Requests to the public league run in-process before central listens, so a crowd right after a
   * start meets optimised code (warm-up.ts; default 1,000 where the league is cached and computed
   * ahead, else none).
   */
  warmLeagueRequests?: number;
  /** Never delay sign-ins from loopback after failures (default false: see createCentralAuth). */
  loopbackExempt?: boolean;
  /**
   * GET /metrics answers this machine's loopback without a token (default true); elsewhere it
   * needs a monitoring credential. Tests turn it off to play a scraper on another machine.
   */
  metricsFromLoopback?: boolean;
}

export interface RunningCentral {
  url: string;
  port: number;
  ctx: CentralContext;
  db: CentralDb;
  app: FastifyInstance;
  /** The league's request path run before listening (warm-up.ts): how many requests, in how long (ms). */
  warmedUp: { requests: number; ms: number };
  /** Folds every event received so far into facts (what the builder does within a second). */
  flush(): Promise<void>;
  close(): Promise<void>;
}

const version = (() => {
  try {
    return (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
  } catch {
    return '0.0.0';
  }
})();

export async function startCentral(o: CentralOptions): Promise<RunningCentral> {
  const log = o.log ?? createLogger({ app: 'dawr-central' });
  const now = o.now ?? Date.now;
  const db = await openDatabase({ dataDir: o.dataDir, databaseUrl: o.databaseUrl, log: (line) => log.debug({ postgres: line }), version });
  const auth = createCentralAuth(db.pool, { loopbackExempt: o.loopbackExempt ?? false });
  const metrics = createCentralMetrics({ pool: db.pool, now, version });
  const queries = createQueries(db.pool);
  const leagues = createLeagueCache({
    pool: db.pool, compute: (from, to, m) => queries.league(from, to, m), municipalities: () => queries.municipalities({}), now, enabled: o.leagueCache ?? true,
  });
  const ctx: CentralContext = { pool: db.pool, auth, ingest: createIngest(db.pool), queries, log, now, version, metrics, leagues };

  const builder = startFactBuilder(db.pool, { now, everyMs: o.buildEveryMs ?? 1000, onError: (err) => log.error({ err }, 'building facts failed') });

  const app = await createBaseServer({ log: log as FastifyBaseLogger, what: 'central', rendererDir: o.rendererDir, allowedHosts: o.allowedHosts, tls: o.tls, bodyLimit: 4 * 1024 * 1024, trustProxy: o.trustProxy });
  const anonymous = { id: 'anonymous', role: 'anonymous' } as const;
  const api = createApi<CentralAccessRole, AnyPrincipal>(app, async (token, access: Access<CentralAccessRole>) => {
    if (access === 'public') return anonymous;
    if (access !== 'signed-in' && access.includes('hall') && token) {
      const b = await auth.hallBranch(token);
      if (b) return { id: `hall:${b.id}`, role: 'hall', branchId: b.id, municipalityId: b.municipalityId };
      if (access.length === 1) throw new ApiError('unauthorized', 'this hall credential is unknown or was revoked: enrol the hall again');
    }
    return checkAccess(token ? await auth.principal(token, now()) : undefined, Boolean(token), access);
  }, 'Dawr central API');
  staffRoutes(api, ctx);
  accountRoutes(api, ctx);
  syncRoutes(api, ctx);
  monitoringRoutes(app, api, ctx, { metrics, tokens: createMonitoringTokens(db.pool), openToLoopback: o.metricsFromLoopback ?? true });

  // The league page's periods computed ahead of its readers: before central listens (for at most
  // 10 s; a national platform's go on after), and every 20 s those whose months changed
  // (league-cache.ts), so a crowd right after a start or during a busy day does not wait for them.
  let warming: Promise<unknown> | undefined;
  const warm = () => {
    warming ??= leagues.warm(leaguePresets(leagueToday(now())))
      .catch((err: unknown) => log.warn({ err }, 'computing the league ahead failed'))
      .finally(() => (warming = undefined));
    return warming;
  };
  const warmer = o.leagueCache === false || o.warmLeagueEveryMs === 0 ? undefined : setInterval(warm, o.warmLeagueEveryMs ?? 20_000);
  if (warmer) {
    warmer.unref();
    let limit: NodeJS.Timeout | undefined;
    await Promise.race([warm(), new Promise((r) => (limit = setTimeout(r, 10_000)))]);
    clearTimeout(limit);
  }
  // Then the league's request path itself, so its first crowd does not queue behind code V8 has
  // not yet optimised (warm-up.ts). Its answers are not readers': the league's timing starts again,
  // and no table counts as read (a table superseded before a reader asks is never answered).
  const warmRequests = o.warmLeagueRequests ?? (warmer ? 1000 : 0);
  const warmedUp = { requests: 0, ms: 0 };
  if (warmRequests > 0) {
    try {
      const first = (await ctx.queries.municipalities({}))[0];
      warmedUp.ms = Math.round(await warmLeagueRequests(app, leaguePresets(leagueToday(now())), first?.id, warmRequests));
      warmedUp.requests = warmRequests;
      log.info(warmedUp, 'public league warmed up');
    } catch (err) {
      log.warn({ err }, 'warming the public league up failed');
    }
    metrics.restartLeagueTiming();
    leagues.forgetReaders();
  }

  // A crowd connects at once: Node's default backlog of 511 drops the rest of a thousand new
  // connections, and each dropped one is retried by its client a second later (TCP's first
  // retransmission). The kernel caps it at net.core.somaxconn (4096 on current Linux).
  await app.listen({ port: o.port ?? 0, host: o.host ?? '127.0.0.1', backlog: 4096 }).catch((err: unknown) => {
    clearInterval(warmer);
    throw err;
  });
  const port = (app.server.address() as { port: number }).port;
  const shownHost = !o.host || o.host === '0.0.0.0' || o.host === '::' ? '127.0.0.1' : o.host;
  const url = `${o.tls ? 'https' : 'http'}://${shownHost.includes(':') ? `[${shownHost}]` : shownHost}:${port}`;
  return {
    url, port, ctx, db, app, warmedUp,
    flush: () => builder.flush(),
    async close() {
      clearInterval(warmer);
      await app.close();
      await warming;
      await builder.stop();
      await db.close();
    },
  };
}

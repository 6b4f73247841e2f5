// What central's routes share: the database, its stores, the clock and the logger.
import type pg from 'pg';
import type { CentralRole } from '../../shared/protocol/central.ts';
import type { ApiOf } from '../node-common/http/api.ts';
import type { Logger } from '../node-common/log.ts';
import type { CentralAuth, CentralPrincipal } from './auth.ts';
import type { Ingest } from './ingest.ts';
import type { LeagueCache } from './league-cache.ts';
import type { CentralMetrics } from './metrics.ts';
import type { Queries } from './queries.ts';

/** A hall, signed in with its credential: it may write only its own branch. */
export interface HallPrincipal {
  id: string;
  role: 'hall';
  branchId: string;
  municipalityId: string;
}
export type AnyPrincipal = CentralPrincipal | HallPrincipal | { id: 'anonymous'; role: 'anonymous' };
export type CentralAccessRole = CentralRole | 'hall';

export interface CentralContext {
  pool: pg.Pool;
  auth: CentralAuth;
  ingest: Ingest;
  queries: Queries;
  log: Logger;
  now: () => number;
  version: string;
  /** What GET /metrics reports as it happens (pushes, events written). */
  metrics: CentralMetrics;
  /** The public league's answers, kept until a roll-up of their period changes. */
  leagues: LeagueCache;
}

export type CentralApi = ApiOf<CentralAccessRole, AnyPrincipal>;

export const STAFF: readonly CentralRole[] = ['platform_admin', 'municipality_admin', 'municipality_manager', 'centre_manager'];
export const ADMINS: readonly CentralRole[] = ['platform_admin', 'municipality_admin'];

/**
 * Records a privileged action. `municipalityId`: the municipality it concerns (that of the account,
 * centre or catalogue acted on); without it, the actor's own (none for a platform admin). A
 * municipality admin reads the entries of their municipality (`GET /api/v1/audit`).
 */
export async function audit(ctx: CentralContext, actor: string, action: string, target: string | null, detail?: unknown, municipalityId?: string | null): Promise<void> {
  await ctx.pool.query(
    'INSERT INTO audit (actor, action, target, detail, municipality_id) VALUES ($1, $2, $3, $4, COALESCE($5, (SELECT municipality_id FROM users WHERE id = $1)))',
    [actor, action, target, detail === undefined ? null : JSON.stringify(detail), municipalityId ?? null],
  );
}

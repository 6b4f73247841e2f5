// Monitoring credentials of central: bearer tokens the platform admin makes for Prometheus. Stored
// hashed only, in a table of their own — the sign-in (auth.ts) never looks there, so such a token
// opens `GET /metrics` and no API route (401 everywhere else).
import type pg from 'pg';
import type { MonitoringToken } from '../../shared/protocol/monitoring.ts';
import { hashToken, newId, newToken } from '../node-common/tokens.ts';

type Row = { id: string; name: string; created_at: Date; created_by: string; revoked_at: Date | null };

export function createMonitoringTokens(pool: pg.Pool) {
  return {
    /** A new credential; its token is returned this once. */
    async create(name: string, createdBy: string, now: number): Promise<{ id: string; name: string; token: string }> {
      const id = newId('mt');
      const token = newToken();
      await pool.query('INSERT INTO monitoring_tokens (id, name, token_hash, created_at, created_by) VALUES ($1, $2, $3, $4, $5)', [id, name, hashToken(token), new Date(now), createdBy]);
      return { id, name, token };
    },
    async list(): Promise<MonitoringToken[]> {
      const r = await pool.query<Row>('SELECT id, name, created_at, created_by, revoked_at FROM monitoring_tokens ORDER BY created_at, id');
      return r.rows.map((x) => ({ id: x.id, name: x.name, createdAt: x.created_at.toISOString(), createdBy: x.created_by, revokedAt: x.revoked_at?.toISOString() ?? null }));
    },
    /** false when there is no such credential or it was already revoked. */
    async revoke(id: string, now: number): Promise<boolean> {
      return ((await pool.query('UPDATE monitoring_tokens SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL', [id, new Date(now)])).rowCount ?? 0) === 1;
    },
    async holds(token: string): Promise<boolean> {
      return ((await pool.query('SELECT 1 FROM monitoring_tokens WHERE token_hash = $1 AND revoked_at IS NULL', [hashToken(token)])).rowCount ?? 0) > 0;
    },
  };
}

export type MonitoringTokens = ReturnType<typeof createMonitoringTokens>;

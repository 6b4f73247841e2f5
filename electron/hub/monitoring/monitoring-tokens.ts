// Monitoring credentials of the hub: bearer tokens an admin makes for Prometheus. Stored hashed
// only, in a table of their own — the sign-in (auth-store.ts) never looks there, so such a token
// opens `GET /metrics` and no API route (401 everywhere else).
import type { MonitoringToken } from '../../../shared/protocol/monitoring.ts';
import { hashToken, newId, newToken } from '../../node-common/tokens.ts';
import type { Db } from '../store/database.ts';

export function createMonitoringTokens(db: Db) {
  const q = {
    insert: db.prepare('INSERT INTO monitoring_tokens (id, name, token_hash, created_at, created_by) VALUES (?, ?, ?, ?, ?)'),
    list: db.prepare('SELECT id, name, created_at AS createdAt, created_by AS createdBy, revoked_at AS revokedAt FROM monitoring_tokens ORDER BY created_at, id'),
    revoke: db.prepare('UPDATE monitoring_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL'),
    holds: db.prepare('SELECT 1 FROM monitoring_tokens WHERE token_hash = ? AND revoked_at IS NULL'),
  };
  return {
    /** A new credential; its token is returned this once. */
    create(name: string, createdBy: string, now: number): { id: string; name: string; token: string } {
      const id = newId('mt');
      const token = newToken();
      q.insert.run(id, name, hashToken(token), new Date(now).toISOString(), createdBy);
      return { id, name, token };
    },
    list: () => q.list.all() as MonitoringToken[],
    /** false when there is no such credential or it was already revoked. */
    revoke: (id: string, now: number): boolean => q.revoke.run(new Date(now).toISOString(), id).changes === 1,
    holds: (token: string): boolean => q.holds.get(hashToken(token)) !== undefined,
  };
}

export type MonitoringTokens = ReturnType<typeof createMonitoringTokens>;

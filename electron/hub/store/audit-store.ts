// The audit log of privileged actions (sign-ins, pairing, configuration, revocations).
import type { AuditAction } from '../../../shared/protocol/audit.ts';
import type { Db } from './database.ts';

export interface AuditEntry {
  at: string;
  actor: string;
  action: AuditAction;
  target?: string;
  detail?: string;
}

export type AuditStore = ReturnType<typeof createAuditStore>;

export function createAuditStore(db: Db) {
  const insert = db.prepare('INSERT INTO audit (at, actor, action, target, detail) VALUES (?, ?, ?, ?, ?)');
  // Filters are optional: a NULL parameter matches everything. `action` matches a prefix
  // (`staff.` finds every staff action); `to` as a bare date includes that whole (UTC) day.
  const recent = db.prepare(`
    SELECT at, actor, action, target, detail FROM audit
    WHERE (@actor IS NULL OR actor = @actor OR actor LIKE '%:' || @actor)
      AND (@action IS NULL OR substr(action, 1, length(@action)) = @action)
      AND (@from IS NULL OR at >= @from)
      AND (@to IS NULL OR at <= @to)
    ORDER BY id DESC LIMIT @limit`);
  return {
    record: (e: AuditEntry) => void insert.run(e.at, e.actor, e.action, e.target ?? null, e.detail ?? null),
    recent: (f: { actor?: string; action?: string; from?: string; to?: string; limit?: number } = {}) =>
      recent.all({
        actor: f.actor ?? null,
        action: f.action ?? null,
        from: f.from ?? null,
        to: f.to ? (f.to.length === 10 ? `${f.to}T99` : f.to) : null,
        limit: f.limit ?? 200,
      }) as AuditEntry[],
  };
}

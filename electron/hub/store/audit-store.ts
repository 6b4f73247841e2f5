// The audit log of privileged actions (sign-ins, pairing, configuration, revocations).
import type { Db } from './database.ts';

export interface AuditEntry {
  at: string;
  actor: string;
  action: string;
  target?: string;
  detail?: string;
}

export type AuditStore = ReturnType<typeof createAuditStore>;

export function createAuditStore(db: Db) {
  const insert = db.prepare('INSERT INTO audit (at, actor, action, target, detail) VALUES (?, ?, ?, ?, ?)');
  const recent = db.prepare('SELECT at, actor, action, target, detail FROM audit ORDER BY id DESC LIMIT ?');
  return {
    record: (e: AuditEntry) => void insert.run(e.at, e.actor, e.action, e.target ?? null, e.detail ?? null),
    recent: (limit = 200) => recent.all(limit) as AuditEntry[],
  };
}

// Numbered, append-only migrations (the hub's SQLite, central's PostgreSQL): each is applied once
// in its own transaction and its SHA-256 kept, so a store whose applied migration no longer
// matches the code is refused (someone edited a migration after it shipped — add a new one).
import { createHash } from 'node:crypto';

export interface Migration {
  id: number;
  name: string;
  sql: string;
}

export const migrationHash = (m: Migration) => createHash('sha256').update(m.sql).digest('hex');

export const editedError = (m: Migration) => new Error(`migration ${m.id} (${m.name}) was edited after it was applied; add a new migration instead`);

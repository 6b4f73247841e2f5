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

/**
 * A store migrated by a newer Dawr than this one: refused, never run with a schema this code does
 * not know (upgrades move forward only). `writtenBy` is the version recorded by the newer one.
 */
export const newerError = (what: string, schema: number, known: number, writtenBy: string | undefined) =>
  new Error(`${what} has database schema ${schema}, newer than this Dawr knows (${known}): it was written by Dawr ${writtenBy ?? 'newer than this one'}; run that version or newer (upgrades move forward only)`);

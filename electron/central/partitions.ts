// Central's tables partitioned by month of their business day (migration 5): the replicated log
// and the daily roll-ups. A month's partition is made the first time a row of it is written
// (dawr_month_partition: created beside the parent, then attached), each process remembering the
// months it has seen; an old month can be detached, leaving a plain table to archive or drop.
// The all-time running totals (rollup_running_months) and the configuration events are not
// partitioned, so the league over periods after a detached month, and the fact builder's
// starting configuration, stay whole.
import type pg from 'pg';

export const PARTITIONED = ['events', 'rollup_days', 'rollup_month_to_date'] as const;
export type PartitionedTable = (typeof PARTITIONED)[number];

const monthOf = (day: string) => `${day.slice(0, 7)}-01`;
const known = new WeakMap<pg.Pool, Set<string>>();

/** Makes the month partitions of `table` that `days` fall in (outside any transaction: it locks the parent briefly). */
export async function ensurePartitions(pool: pg.Pool, table: PartitionedTable, days: Iterable<string>): Promise<void> {
  let seen = known.get(pool);
  if (!seen) known.set(pool, (seen = new Set()));
  for (const month of new Set([...days].map(monthOf))) {
    const key = `${table}:${month}`;
    if (seen.has(key)) continue;
    await pool.query('SELECT dawr_month_partition($1, $2::date)', [table, month]);
    seen.add(key);
  }
}

/** Forgets the months seen (after partitions were detached or the schema was replaced). */
export function forgetPartitions(pool: pg.Pool): void {
  known.delete(pool);
}

export interface MonthPartition {
  table: PartitionedTable;
  name: string;
  /** `YYYY-MM-01`. */
  month: string;
}

/** The month partitions of the partitioned tables, oldest first. */
export async function listPartitions(c: pg.Pool | pg.ClientBase): Promise<MonthPartition[]> {
  const r = await c.query<{ parent: string; name: string; bound: string }>(`
    SELECT p.relname AS parent, k.relname AS name, pg_get_expr(k.relpartbound, k.oid) AS bound
    FROM pg_inherits i JOIN pg_class k ON k.oid = i.inhrelid JOIN pg_class p ON p.oid = i.inhparent
    JOIN pg_namespace n ON n.oid = p.relnamespace
    WHERE n.nspname = current_schema() AND p.relname = ANY($1) ORDER BY p.relname, k.relname`, [PARTITIONED]);
  return r.rows.map((x) => ({ table: x.parent as PartitionedTable, name: x.name, month: /FROM \('(\d{4}-\d{2}-\d{2})'\)/.exec(x.bound)?.[1] ?? '' }));
}

/**
 * Detaches every month partition before `month` (`YYYY-MM`), concurrently (readers and writers are
 * not held up); returns the tables left behind, which can then be dumped and dropped. Days of those
 * months no longer count anywhere: the league over a period starting in them misses them.
 */
export async function detachBefore(pool: pg.Pool, month: string): Promise<string[]> {
  const cut = `${month}-01`;
  const out: string[] = [];
  for (const p of await listPartitions(pool)) {
    if (!p.month || p.month >= cut) continue;
    await pool.query(`ALTER TABLE "${p.table}" DETACH PARTITION "${p.name.replace(/"/g, '""')}" CONCURRENTLY`);
    out.push(p.name);
  }
  forgetPartitions(pool);
  return out;
}

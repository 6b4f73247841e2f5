// Central's daily roll-ups (shared/reports/rollup.ts): each branch-day's totals, and running totals
// that make any period a handful of rows per centre whatever its length:
//   - rollup_days: the day's totals (compare, a day's summary, the live cards);
//   - rollup_month_to_date: the totals from the 1st of the month to each day that has a roll-up;
//   - rollup_running_months: the totals of all time through each month.
// A period [from, to] is  MTD(to) + RUN(month before to's) − RUN(month before from's) − MTD(from − 1)
// (each term the latest row at or before its day, within its month for MTD; absent = zero), so the
// league over a year of 5,000 centres reads at most four small rows per centre.
//
// Every write goes through writeDayRollups — the fact builder's one day, or a benchmark's year —
// in the caller's transaction: the branch's roll-ups are locked for it (an advisory lock per
// branch), the running totals after the first changed day are recomputed in that order, and the
// months touched get a new version (the public league's cache key, league-cache.ts).
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { Histogram, decodeHistogram, encodeHistogram } from '../../shared/reports/bins.ts';
import { type RollupTotals, TOTAL_FIELDS, addTotals, emptyTotals } from '../../shared/reports/rollup.ts';
import { ensurePartitions } from './partitions.ts';

const COLUMNS: Record<(typeof TOTAL_FIELDS)[number], string> = {
  issued: 'issued', called: 'called', within: 'within', served: 'served', noShow: 'no_show', cancelled: 'cancelled', unfinished: 'unfinished',
  transferred: 'transferred', waitSumMs: 'wait_sum_ms', stints: 'stints', serviceSumMs: 'service_sum_ms', rated: 'rated', ratingSum: 'rating_sum',
};
/** The columns of a roll-up row after its key, in order. */
export const TOTAL_COLUMNS = [...TOTAL_FIELDS.map((f) => COLUMNS[f]), 'waits'];
const SELECT = TOTAL_COLUMNS.join(', ');
/** The same columns with the histogram as base64 (many rows at once: the league). */
const SELECT_B64 = [...TOTAL_COLUMNS.slice(0, -1), "encode(waits, 'base64')"].join(', ');

/**
 * A row's totals from its columns (as an array, from `rowMode: 'array'`, starting at `at`); the
 * histogram as bytes, or as base64 text (SELECT_B64: a third less to carry and parse than bytea's hex).
 */
export function totalsFrom(row: unknown[], at: number, into = emptyTotals(), sign = 1): RollupTotals {
  for (let i = 0; i < TOTAL_FIELDS.length; i++) into[TOTAL_FIELDS[i]!] += sign * Number(row[at + i]);
  const w = row[at + TOTAL_FIELDS.length];
  decodeHistogram(typeof w === 'string' ? Buffer.from(w, 'base64') : (w as Uint8Array), into.waits, sign);
  return into;
}

const copyText = (v: string | number) => String(v);
const hex = (h: Histogram) => `\\\\x${Buffer.from(encodeHistogram(h)).toString('hex')}`;
const line = (key: (string | number)[], t: RollupTotals) => `${[...key.map(copyText), ...TOTAL_FIELDS.map((f) => String(t[f])), hex(t.waits)].join('\t')}\n`;

const clone = (t: RollupTotals) => addTotals(emptyTotals(), t);
const monthOf = (day: string) => `${day.slice(0, 7)}-01`;
const nextMonth = (month: string) => {
  const d = new Date(`${month}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + 1);
  return d.toISOString().slice(0, 10);
};

/** Made once per connection: where a write's rows wait for their upsert. */
const staged = new WeakSet<pg.ClientBase>();
async function staging(c: pg.ClientBase): Promise<void> {
  if (staged.has(c)) return;
  await c.query(`CREATE TEMP TABLE IF NOT EXISTS rollup_staging (kind smallint NOT NULL, branch_id text NOT NULL, day date NOT NULL,
    ${TOTAL_FIELDS.map((f) => `${COLUMNS[f]} bigint NOT NULL`).join(', ')}, waits bytea NOT NULL) ON COMMIT DELETE ROWS`);
  staged.add(c);
}

/** Makes the month partitions the days need; call before the transaction that writes them (it locks the parent briefly). */
export async function prepareRollupMonths(pool: pg.Pool, days: readonly string[]): Promise<void> {
  await ensurePartitions(pool, 'rollup_days', days);
  await ensurePartitions(pool, 'rollup_month_to_date', days);
}

/**
 * Writes the roll-up totals of some days of one branch (days that exist are replaced) and the
 * running totals after them, in the caller's transaction on `c`. The months' partitions must exist
 * (prepareRollupMonths).
 */
export async function writeDayRollups(c: pg.ClientBase, branchId: string, days: readonly { day: string; totals: RollupTotals }[]): Promise<void> {
  if (days.length === 0) return;
  try {
    await write(c, branchId, days);
  } catch (err) {
    // The staging table may have been made in a transaction that is now rolled back.
    staged.delete(c);
    throw err;
  }
}

async function write(c: pg.ClientBase, branchId: string, days: readonly { day: string; totals: RollupTotals }[]): Promise<void> {
  await c.query('SELECT pg_advisory_xact_lock(7468618, hashtext($1))', [branchId]);
  await staging(c);
  const sorted = [...days].sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
  const given = new Map(sorted.map((d) => [d.day, d.totals]));
  const months = [...new Set(sorted.map((d) => monthOf(d.day)))];
  const lines: string[] = [];
  const delta = new Map<string, RollupTotals>();

  for (const month of months) {
    const first = sorted.find((d) => monthOf(d.day) === month)!.day;
    const end = nextMonth(month);
    // The month to date before the first changed day, and every day from it on.
    const seed = await c.query({ text: `SELECT ${SELECT} FROM rollup_month_to_date WHERE branch_id = $1 AND day >= $2 AND day < $3 ORDER BY day DESC LIMIT 1`, values: [branchId, month, first], rowMode: 'array' });
    const after = await c.query({ text: `SELECT day::text, ${SELECT} FROM rollup_days WHERE branch_id = $1 AND day >= $2 AND day < $3 ORDER BY day`, values: [branchId, first, end], rowMode: 'array' });
    const old = new Map(after.rows.map((r) => [r[0] as string, totalsFrom(r, 1)]));
    const d = emptyTotals();
    for (const [day, t] of given) {
      if (monthOf(day) !== month) continue;
      addTotals(d, t);
      const o = old.get(day);
      if (o) addTotals(d, o, -1);
      lines.push(line([0, branchId, day], t));
    }
    delta.set(month, d);
    const running = seed.rows[0] ? totalsFrom(seed.rows[0], 0) : emptyTotals();
    const dayList = [...new Set([...old.keys(), ...[...given.keys()].filter((x) => monthOf(x) === month)])].sort();
    for (const day of dayList) {
      addTotals(running, given.get(day) ?? old.get(day)!);
      running.waits.trim();
      lines.push(line([1, branchId, day], running));
    }
  }

  // All-time running totals from the first changed month on (the month before it is the seed).
  const firstMonth = months[0]!;
  const run = await c.query({
    text: `SELECT month::text, ${SELECT} FROM rollup_running_months WHERE branch_id = $1
           AND month >= COALESCE((SELECT max(month) FROM rollup_running_months WHERE branch_id = $1 AND month < $2), $2) ORDER BY month`,
    values: [branchId, firstMonth], rowMode: 'array',
  });
  const runs = new Map(run.rows.map((r) => [r[0] as string, totalsFrom(r, 1)]));
  const before = [...runs.keys()].filter((m) => m < firstMonth).at(-1);
  const all = [...new Set([...[...runs.keys()].filter((m) => m >= firstMonth), ...months])].sort();
  let carried = before ? clone(runs.get(before)!) : emptyTotals();
  const added = emptyTotals();
  for (const m of all) {
    if (runs.has(m)) carried = clone(runs.get(m)!);
    const d = delta.get(m);
    if (d) addTotals(added, d);
    const t = addTotals(clone(carried), added);
    t.waits.trim();
    lines.push(line([2, branchId, m], t));
  }

  await pipeline(Readable.from(lines), c.query(copyFrom(`COPY rollup_staging (kind, branch_id, day, ${TOTAL_COLUMNS.join(', ')}) FROM STDIN`)));
  const set = TOTAL_COLUMNS.map((x) => `${x} = excluded.${x}`).join(', ');
  await c.query(`INSERT INTO rollup_days (branch_id, day, ${SELECT}) SELECT branch_id, day, ${SELECT} FROM rollup_staging WHERE kind = 0 ON CONFLICT (branch_id, day) DO UPDATE SET ${set}`);
  await c.query(`INSERT INTO rollup_month_to_date (branch_id, day, ${SELECT}) SELECT branch_id, day, ${SELECT} FROM rollup_staging WHERE kind = 1 ON CONFLICT (branch_id, day) DO UPDATE SET ${set}`);
  await c.query(`INSERT INTO rollup_running_months (branch_id, month, ${SELECT}) SELECT branch_id, day, ${SELECT} FROM rollup_staging WHERE kind = 2 ON CONFLICT (branch_id, month) DO UPDATE SET ${set}`);
  await c.query('TRUNCATE rollup_staging');
  await c.query('INSERT INTO rollup_versions (month, version) SELECT unnest($1::date[]), 1 ON CONFLICT (month) DO UPDATE SET version = rollup_versions.version + 1', [months]);
}

const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
const monthBefore = (month: string) => {
  const d = new Date(`${month}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() - 1);
  return d.toISOString().slice(0, 10);
};

/** The running-total rows that make [from, to]: which table, the latest row in [lo, hi], and its sign. */
export function periodTerms(from: string, to: string): { table: 'rollup_month_to_date' | 'rollup_running_months'; lo: string; hi: string; sign: 1 | -1 }[] {
  const terms: ReturnType<typeof periodTerms> = [{ table: 'rollup_month_to_date', lo: monthOf(to), hi: to, sign: 1 }];
  if (from !== monthOf(from)) terms.push({ table: 'rollup_month_to_date', lo: monthOf(from), hi: addDays(from, -1), sign: -1 });
  if (monthOf(from) !== monthOf(to)) {
    terms.push({ table: 'rollup_running_months', lo: '0001-01-01', hi: monthBefore(monthOf(to)), sign: 1 });
    terms.push({ table: 'rollup_running_months', lo: '0001-01-01', hi: monthBefore(monthOf(from)), sign: -1 });
  }
  return terms;
}

/**
 * Each branch's totals over [from, to] (branches with nothing in it are absent). Each term is read
 * for every branch at once — the rows on its last day (or month), one index range — and only the
 * branches without a row that day are looked up one by one (the latest row before it); the terms
 * are read side by side, on connections of their own.
 */
export async function periodTotals(pool: pg.Pool, from: string, to: string, branchIds: readonly string[]): Promise<Map<string, RollupTotals>> {
  const out = new Map<string, RollupTotals>();
  if (branchIds.length === 0) return out;
  const wanted = new Set(branchIds);
  // A few branches: by their keys; many: the whole day, filtered here.
  const few = branchIds.length <= 500;
  const term = async (t: ReturnType<typeof periodTerms>[number]) => {
    const key = t.table === 'rollup_running_months' ? 'month' : 'day';
    const exact = await pool.query({
      text: `SELECT branch_id, ${SELECT_B64} FROM ${t.table} WHERE ${key} = $1::date${few ? ' AND branch_id = ANY($2)' : ''}`,
      values: few ? [t.hi, branchIds] : [t.hi], rowMode: 'array',
    });
    const rows = exact.rows.filter((r) => wanted.has(r[0] as string));
    const found = new Set(rows.map((r) => r[0] as string));
    const missing = branchIds.filter((id) => !found.has(id));
    if (missing.length && t.lo < t.hi) {
      const before = await pool.query({
        text: `SELECT b.id, x.* FROM unnest($1::text[]) AS b(id) CROSS JOIN LATERAL (SELECT ${SELECT_B64} FROM ${t.table}
          WHERE branch_id = b.id AND ${key} >= $2::date AND ${key} < $3::date ORDER BY ${key} DESC LIMIT 1) x`,
        values: [missing, t.lo, t.hi], rowMode: 'array',
      });
      rows.push(...before.rows);
    }
    return rows;
  };
  const terms = periodTerms(from, to);
  const results = await Promise.all(terms.map(term));
  results.forEach((rows, i) => {
    const sign = terms[i]!.sign;
    for (const row of rows) {
      const id = row[0] as string;
      let t = out.get(id);
      if (!t) out.set(id, (t = emptyTotals()));
      totalsFrom(row, 1, t, sign);
    }
  });
  return out;
}

/** Each branch-day's totals over [from, to] for these branches, oldest first. */
export async function dayTotals(pool: pg.Pool, from: string, to: string, branchIds: readonly string[]): Promise<{ branchId: string; day: string; totals: RollupTotals }[]> {
  if (branchIds.length === 0) return [];
  const r = await pool.query({ text: `SELECT branch_id, day::text, ${SELECT} FROM rollup_days WHERE day BETWEEN $1 AND $2 AND branch_id = ANY($3) ORDER BY day, branch_id`, values: [from, to, branchIds], rowMode: 'array' });
  return r.rows.map((row) => ({ branchId: row[0] as string, day: row[1] as string, totals: totalsFrom(row, 2) }));
}

/** Given branch-days' totals (the live cards: each centre's own today). */
export async function theseDays(pool: pg.Pool, keys: readonly { branchId: string; day: string }[]): Promise<Map<string, RollupTotals>> {
  const out = new Map<string, RollupTotals>();
  if (keys.length === 0) return out;
  const r = await pool.query({
    text: `SELECT d.branch_id, ${TOTAL_COLUMNS.map((x) => `d.${x}`).join(', ')} FROM unnest($1::text[], $2::date[]) AS k(branch_id, day)
           JOIN rollup_days d ON d.branch_id = k.branch_id AND d.day = k.day`,
    values: [keys.map((k) => k.branchId), keys.map((k) => k.day)], rowMode: 'array',
  });
  for (const row of r.rows) out.set(row[0] as string, totalsFrom(row, 1));
  return out;
}

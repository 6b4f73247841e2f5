// What central's screens and the public league read: centres in a scope, each centre live, the
// comparison over days, the league table and a branch's day summary. Figures come from the facts
// (fact-builder.ts) through the hall's own report definitions (shared/reports).
import type pg from 'pg';
import { businessDay } from '../../shared/domain/business-day.ts';
import type { Centre, CentreLive, DaySummary, LeagueEntry, Municipality } from '../../shared/protocol/central.ts';
import type { TicketFact } from '../../shared/reports/facts.ts';
import { LEAGUE_MIN_RATINGS, LEAGUE_MIN_SERVED, LEAGUE_WEIGHTS, leagueFigures, rankLeague } from '../../shared/reports/league.ts';
import { rollupDay, totalsOf } from '../../shared/reports/rollup.ts';

const totals = (tickets: TicketFact[]) => totalsOf(rollupDay('', { tickets, services: [], counters: [] }).rows);
import { ApiError } from '../node-common/http/errors.ts';

export interface Scope {
  municipalityId?: string | null | undefined;
  branchId?: string | null | undefined;
}

type BranchRow = {
  id: string; municipality_id: string; name_ar: string; name_en: string; district: string; time_zone: string;
  enrolled_at: Date | null; revoked_at: Date | null; acked_seq: number; hub_head: number; last_push_at: Date | null;
};
const centre = (r: BranchRow): Centre => ({
  id: r.id, municipalityId: r.municipality_id, name: { ar: r.name_ar, en: r.name_en }, district: r.district, timeZone: r.time_zone,
  enrolled: r.enrolled_at !== null, revoked: r.revoked_at !== null,
});


/** The fields a lean fact does not carry (the league and day figures do not read them). */
const LEAN: TicketFact = {
  id: '', day: '', serviceId: '', finalServiceId: '', priority: 'none', issuedAt: 0, hour: 0, weekday: 0, waitMs: null, targetMs: 0,
  counterId: null, clerkId: null, outcome: 'unfinished', endCounterId: null, endClerkId: null, transfers: 0, quoteMin: 0, quoteMax: 0, rating: null,
};

export function createQueries(pool: pg.Pool) {
  async function municipalities(scope: Scope): Promise<Municipality[]> {
    const r = await pool.query<{ id: string; name_ar: string; name_en: string }>(
      'SELECT id, name_ar, name_en FROM municipalities WHERE $1::text IS NULL OR id = $1 ORDER BY name_en', [scope.municipalityId ?? null]);
    return r.rows.map((m) => ({ id: m.id, name: { ar: m.name_ar, en: m.name_en } }));
  }

  async function branchRows(scope: Scope): Promise<BranchRow[]> {
    const r = await pool.query<BranchRow>(
      `SELECT * FROM branches WHERE ($1::text IS NULL OR municipality_id = $1) AND ($2::text IS NULL OR id = $2) ORDER BY municipality_id, name_en`,
      [scope.municipalityId ?? null, scope.branchId ?? null]);
    return r.rows;
  }

  /** Ticket facts of the period, by branch, lean: only what the league and day figures read (wait, target, outcome, rating). */
  async function factsByBranch(from: string, to: string, branchIds: string[]): Promise<Map<string, TicketFact[]>> {
    const out = new Map<string, TicketFact[]>(branchIds.map((id) => [id, []]));
    if (branchIds.length === 0) return out;
    // Rows as arrays, five columns: a month of a big platform is millions of rows.
    const r = await pool.query<[string, number | null, number, TicketFact['outcome'], number | null]>({
      text: 'SELECT branch_id, wait_ms, target_ms, outcome, rating FROM ticket_facts WHERE day BETWEEN $1 AND $2 AND branch_id = ANY($3)',
      values: [from, to, branchIds], rowMode: 'array',
    });
    for (const [b, waitMs, targetMs, outcome, rating] of r.rows) out.get(b)?.push({ ...LEAN, waitMs, targetMs, outcome, rating });
    return out;
  }

  return {
    municipalities,
    centres: async (scope: Scope) => (await branchRows(scope)).map(centre),
    branch: async (id: string) => (await branchRows({ branchId: id }))[0],

    async live(scope: Scope, now: number): Promise<CentreLive[]> {
      const rows = await branchRows(scope);
      const out: CentreLive[] = [];
      for (const b of rows) {
        const day = businessDay(now, b.time_zone);
        const d = await pool.query<{ live: { waiting: number; oldestWaitingSince: number | null; countersOpen: number; countersOnBreak: number } | null }>(
          'SELECT live FROM branch_days WHERE branch_id = $1 AND day = $2', [b.id, day]);
        const live = d.rows[0]?.live ?? null;
        const facts = (await factsByBranch(day, day, [b.id])).get(b.id)!;
        const f = leagueFigures(totals(facts));
        out.push({
          ...centre(b), day: live ? day : null,
          waiting: live?.waiting ?? 0,
          longestWaitMinutes: live?.oldestWaitingSince ? Math.max(0, Math.round((now - live.oldestWaitingSince) / 6000) / 10) : null,
          serviceLevel: f.serviceLevel, issued: f.issued, served: f.served,
          countersOpen: live?.countersOpen ?? 0, countersOnBreak: live?.countersOnBreak ?? 0,
          satisfaction: f.satisfaction,
          lastSyncAt: b.last_push_at?.toISOString() ?? null,
          syncLagSeconds: b.last_push_at ? Math.max(0, Math.round((now - b.last_push_at.getTime()) / 1000)) : null,
          backlog: Math.max(0, b.hub_head - b.acked_seq),
        });
      }
      return out;
    },

    async compare(scope: Scope, from: string, to: string) {
      const rows = await branchRows(scope);
      const r = await pool.query<[string, string, number | null, number, TicketFact['outcome'], number | null]>({
        text: 'SELECT branch_id, day::text, wait_ms, target_ms, outcome, rating FROM ticket_facts WHERE day BETWEEN $1 AND $2 AND branch_id = ANY($3) ORDER BY day',
        values: [from, to, rows.map((b) => b.id)], rowMode: 'array',
      });
      const groups = new Map<string, { tickets: TicketFact[]; branchId: string; day: string }>();
      for (const [branchId, day, waitMs, targetMs, outcome, rating] of r.rows) {
        const key = `${branchId}|${day}`;
        let x = groups.get(key);
        if (!x) groups.set(key, (x = { tickets: [], branchId, day }));
        x.tickets.push({ ...LEAN, waitMs, targetMs, outcome, rating });
      }
      return {
        from, to, centres: rows.map(centre),
        rows: [...groups.values()].map((x) => {
          const g = leagueFigures(totals(x.tickets));
          return { branchId: x.branchId, day: x.day, issued: g.issued, served: g.served, serviceLevel: g.serviceLevel, waitMedian: g.waitMedian, waitP90: g.waitP90, satisfaction: g.satisfaction.mean };
        }),
      };
    },

    async league(from: string, to: string, municipalityId?: string) {
      if (from > to) throw new ApiError('invalid_input', `from (${from}) is after to (${to})`);
      const munis = await municipalities({ municipalityId: municipalityId ?? null });
      if (municipalityId && munis.length === 0) throw new ApiError('not_found', `no municipality ${municipalityId}`);
      const names = new Map(munis.map((m) => [m.id, m.name]));
      const rows = (await branchRows({ municipalityId: municipalityId ?? null })).filter((b) => b.enrolled_at !== null);
      const facts = await factsByBranch(from, to, rows.map((b) => b.id));
      const ranked = rankLeague(rows.map((b) => ({ branchId: b.id, municipalityId: b.municipality_id, name: { ar: b.name_ar, en: b.name_en }, district: b.district, ...leagueFigures(totals(facts.get(b.id)!)) })));
      const centres: LeagueEntry[] = ranked.map((r) => ({
        rank: r.rank, branchId: r.branchId, municipalityId: r.municipalityId, municipality: names.get(r.municipalityId)!, name: r.name, district: r.district,
        issued: r.issued, served: r.served, serviceLevel: r.serviceLevel, waitMedian: r.waitMedian, waitP90: r.waitP90, noShowShare: r.noShowShare,
        satisfaction: r.satisfaction, score: r.score, smallSample: r.smallSample,
      }));
      return {
        from, to, municipality: municipalityId ? munis[0]! : null,
        method: { minServed: LEAGUE_MIN_SERVED, minRatings: LEAGUE_MIN_RATINGS, weights: { ...LEAGUE_WEIGHTS } },
        centres,
      };
    },

    async daySummary(branchId: string, day: string): Promise<DaySummary> {
      const facts = (await factsByBranch(day, day, [branchId])).get(branchId)!;
      const r = totals(facts);
      const n = await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM events WHERE branch_id = $1 AND day = $2', [branchId, day]);
      return { branchId, day, issued: r.issued, served: r.served, noShow: r.noShow, cancelled: r.cancelled, waitMean: r.called ? Math.round(r.waitSumMs / r.called / 600) / 100 : null, events: n.rows[0]!.n };
    },
  };
}

export type Queries = ReturnType<typeof createQueries>;

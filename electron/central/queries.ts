// What central's screens and the public league read: centres in a scope, each centre live, the
// comparison over days, the league table and a branch's day summary. Figures come from the daily
// roll-ups (rollups.ts, built by fact-builder.ts) through the hall's own report definitions
// (shared/reports/league.ts), and say nothing where nothing was served.
import type pg from 'pg';
import { businessDay } from '../../shared/domain/business-day.ts';
import type { Centre, CentreLive, DaySummary, LeagueEntry, Municipality } from '../../shared/protocol/central.ts';
import { LEAGUE_MIN_RATINGS, LEAGUE_MIN_SERVED, LEAGUE_WEIGHTS, leagueFigures, rankLeague } from '../../shared/reports/league.ts';
import { emptyTotals, rollupDay, totalsOf, type RollupRow } from '../../shared/reports/rollup.ts';
import { foldDay } from './fact-builder.ts';
import { minutes, share } from '../../shared/reports/stats.ts';
import { dayTotals, periodTotals, theseDays } from './rollups.ts';
import { ApiError } from '../node-common/http/errors.ts';

export interface Scope {
  municipalityId?: string | null | undefined;
  branchId?: string | null | undefined;
}

type BranchRow = {
  id: string; municipality_id: string; name_ar: string; name_en: string; district_ar: string; district_en: string; time_zone: string;
  enrolled_at: Date | null; revoked_at: Date | null; acked_seq: number; hub_head: number; last_push_at: Date | null;
};
const centre = (r: BranchRow): Centre => ({
  id: r.id, municipalityId: r.municipality_id, name: { ar: r.name_ar, en: r.name_en }, district: { ar: r.district_ar, en: r.district_en }, timeZone: r.time_zone,
  enrolled: r.enrolled_at !== null, revoked: r.revoked_at !== null,
});


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

  return {
    municipalities,
    centres: async (scope: Scope) => (await branchRows(scope)).map(centre),
    branch: async (id: string) => (await branchRows({ branchId: id }))[0],

    async live(scope: Scope, now: number): Promise<CentreLive[]> {
      const rows = await branchRows(scope);
      // Each centre's own today, in its own time zone.
      const keys = rows.map((b) => ({ branchId: b.id, day: businessDay(now, b.time_zone) }));
      const live = new Map((await pool.query<{ branch_id: string; day: string; live: { waiting: number; oldestWaitingSince: number | null; countersOpen: number; countersOnBreak: number } | null }>(
        'SELECT d.branch_id, d.day::text, d.live FROM unnest($1::text[], $2::date[]) AS k(branch_id, day) JOIN branch_days d ON d.branch_id = k.branch_id AND d.day = k.day',
        [keys.map((k) => k.branchId), keys.map((k) => k.day)])).rows.map((r) => [r.branch_id, r.live]));
      const today = await theseDays(pool, keys);
      return rows.map((b, i) => {
        const l = live.get(b.id) ?? null;
        const f = leagueFigures(today.get(b.id) ?? emptyTotals());
        return {
          ...centre(b), day: l ? keys[i]!.day : null,
          waiting: l?.waiting ?? 0,
          longestWaitMinutes: l?.oldestWaitingSince ? Math.max(0, Math.round((now - l.oldestWaitingSince) / 6000) / 10) : null,
          serviceLevel: f.serviceLevel, issued: f.issued, served: f.served,
          countersOpen: l?.countersOpen ?? 0, countersOnBreak: l?.countersOnBreak ?? 0,
          satisfaction: f.satisfaction,
          lastSyncAt: b.last_push_at?.toISOString() ?? null,
          syncLagSeconds: b.last_push_at ? Math.max(0, Math.round((now - b.last_push_at.getTime()) / 1000)) : null,
          backlog: Math.max(0, b.hub_head - b.acked_seq),
        };
      });
    },

    /** Centres day by day; each centre's today (in its time zone) is marked partial: the day is not over. */
    async compare(scope: Scope, from: string, to: string, now: number) {
      const rows = await branchRows(scope);
      const todayOf = new Map(rows.map((b) => [b.id, businessDay(now, b.time_zone)]));
      const days = await dayTotals(pool, from, to, rows.map((b) => b.id));
      return {
        from, to, centres: rows.map(centre),
        rows: days.map((x) => {
          const g = leagueFigures(x.totals);
          return {
            branchId: x.branchId, day: x.day, issued: g.issued, served: g.served, serviceLevel: g.serviceLevel, waitMedian: g.waitMedian, waitP90: g.waitP90,
            satisfaction: g.satisfaction.mean, ...(todayOf.get(x.branchId) === x.day ? { partial: true } : {}),
          };
        }),
      };
    },

    async league(from: string, to: string, municipalityId?: string) {
      if (from > to) throw new ApiError('invalid_input', `from (${from}) is after to (${to})`);
      const munis = await municipalities({ municipalityId: municipalityId ?? null });
      if (municipalityId && munis.length === 0) throw new ApiError('not_found', `no municipality ${municipalityId}`);
      const names = new Map(munis.map((m) => [m.id, m.name]));
      // The enrolled centres, only what the table shows of them.
      const rows = (await pool.query<Pick<BranchRow, 'id' | 'municipality_id' | 'name_ar' | 'name_en' | 'district_ar' | 'district_en'>>(
        'SELECT id, municipality_id, name_ar, name_en, district_ar, district_en FROM branches WHERE enrolled_at IS NOT NULL AND ($1::text IS NULL OR municipality_id = $1) ORDER BY municipality_id, name_en',
        [municipalityId ?? null])).rows;
      const totals = await periodTotals(pool, from, to, rows.map((b) => b.id));
      const ranked = rankLeague(rows.map((b) => ({ branchId: b.id, municipalityId: b.municipality_id, name: { ar: b.name_ar, en: b.name_en }, district: { ar: b.district_ar, en: b.district_en }, ...leagueFigures(totals.get(b.id) ?? emptyTotals()) })));
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

    async daySummary(branchId: string, timeZone: string, day: string, now: number): Promise<DaySummary> {
      const r = (await theseDays(pool, [{ branchId, day }])).get(branchId) ?? emptyTotals();
      // Service by service: the day refolded from its events, as the builder folds it (a day's
      // events of one centre: some thousands at most); the roll-ups keep only the centre's totals.
      const folded = await foldDay(pool, branchId, day, timeZone, now);
      const rows = new Map<string, RollupRow[]>();
      for (const row of rollupDay(day, folded.facts).rows) {
        const list = rows.get(row.serviceId);
        if (list) list.push(row);
        else rows.set(row.serviceId, [row]);
      }
      const services = [...rows].map(([serviceId, list]) => {
        const s = totalsOf(list);
        const name = folded.services.find((x) => x.id === serviceId)?.name ?? { ar: serviceId, en: serviceId };
        return { serviceId, name, issued: s.issued, served: s.served, waitMean: minutes(s.called ? s.waitSumMs / s.called : null), serviceLevel: s.called ? share(s.within, s.called) : null };
      }).sort((a, b) => b.issued - a.issued || a.serviceId.localeCompare(b.serviceId));
      return { branchId, day, issued: r.issued, served: r.served, noShow: r.noShow, cancelled: r.cancelled, waitMean: minutes(r.called ? r.waitSumMs / r.called : null), events: folded.events, services };
    },
  };
}

export type Queries = ReturnType<typeof createQueries>;

// The league's ranking rule (shared/reports/league.ts): score = 60% service level + 40%
// satisfaction; small samples shown but never ranked; ties share a rank; a centre that served
// nobody shows no percentages.
import { describe, expect, it } from 'vitest';
import type { TicketFact } from '../../../shared/reports/facts.ts';
import { LEAGUE_MIN_RATINGS, LEAGUE_MIN_SERVED, leagueFigures, leagueWithin, rankLeague } from '../../../shared/reports/league.ts';
import { rollupDay, totalsOf } from '../../../shared/reports/rollup.ts';

function tickets(n: number, o: { withinShare: number; rating: number | null; ratedShare?: number; noShows?: number; outcome?: TicketFact['outcome'] }): TicketFact[] {
  return Array.from({ length: n }, (_, i) => ({
    id: `t${i}`, day: '2026-12-01', serviceId: 's', finalServiceId: 's', priority: 'none', issuedAt: 0, hour: 8, weekday: 2,
    waitMs: i < n * o.withinShare ? 60_000 : 30 * 60_000, targetMs: 10 * 60_000, counterId: 'c', clerkId: 'u', outcome: i < (o.noShows ?? 0) ? 'no_show' : (o.outcome ?? 'served'),
    endCounterId: 'c', endClerkId: 'u', transfers: 0, quoteMin: 0, quoteMax: 5, rating: o.rating !== null && i < n * (o.ratedShare ?? 0.5) ? o.rating : null,
  }));
}
const totals = (t: TicketFact[]) => totalsOf(rollupDay('2026-12-01', { tickets: t, services: [], counters: [] }).rows);
const centre = (id: string, t: TicketFact[], municipalityId = 'm') => ({ branchId: id, municipalityId, name: { ar: id, en: id }, district: { ar: '', en: '' }, ...leagueFigures(totals(t)) });

describe('league table', () => {
  it('computes the hall report figures of a centre', () => {
    const f = leagueFigures(totals(tickets(200, { withinShare: 0.75, rating: 4, noShows: 10 })));
    expect(f).toMatchObject({ issued: 200, served: 190, serviceLevel: 0.75, noShowShare: 0.05, satisfaction: { mean: 4, count: 100 } });
    // The middle of the 30-second bin of a 1-minute wait.
    expect(f.waitMedian).toBe(1.25);
  });

  it('a centre that served nobody shows no percentages and no waits', () => {
    const f = leagueFigures(totals(tickets(3, { withinShare: 1, rating: null, outcome: 'unfinished' })));
    expect(f).toEqual({ issued: 3, served: 0, serviceLevel: null, waitMedian: null, waitP90: null, noShowShare: null, satisfaction: { mean: null, count: 0 } });
  });

  it('ranks by score, shares ranks on ties, and lists small samples after, unranked', () => {
    const rows = rankLeague([
      centre('good', tickets(300, { withinShare: 0.9, rating: 5 })),
      centre('tied-a', tickets(300, { withinShare: 0.5, rating: 3 })),
      centre('tied-b', tickets(300, { withinShare: 0.5, rating: 3 })),
      centre('tiny', tickets(LEAGUE_MIN_SERVED - 1, { withinShare: 1, rating: 5 })),
      centre('unrated', tickets(400, { withinShare: 1, rating: 5, ratedShare: (LEAGUE_MIN_RATINGS - 1) / 400 })),
    ]);
    expect(rows.map((r) => [r.branchId, r.rank])).toEqual([['good', 1], ['tied-a', 2], ['tied-b', 2], ['unrated', null], ['tiny', null]]);
    expect(rows[0]!.score).toBeCloseTo(0.6 * 0.9 * 100 + 0.4 * 100, 5);
    expect(rows.filter((r) => r.smallSample).map((r) => r.score)).toEqual([null, null]);
  });

  it("cuts one municipality's table out of the platform's: the same as ranking its centres alone", () => {
    const all = [
      centre('a-best', tickets(300, { withinShare: 0.95, rating: 5 }), 'a'),
      centre('b-good', tickets(300, { withinShare: 0.9, rating: 5 }), 'b'),
      centre('a-tied-1', tickets(300, { withinShare: 0.5, rating: 3 }), 'a'),
      centre('b-tied', tickets(300, { withinShare: 0.5, rating: 3 }), 'b'),
      centre('a-tied-2', tickets(300, { withinShare: 0.5, rating: 3 }), 'a'),
      centre('b-tiny', tickets(10, { withinShare: 1, rating: 5 }), 'b'),
      centre('a-tiny', tickets(20, { withinShare: 1, rating: 5 }), 'a'),
    ];
    const platform = rankLeague(all);
    expect(platform.map((r) => [r.branchId, r.rank])).toEqual([['a-best', 1], ['b-good', 2], ['a-tied-1', 3], ['a-tied-2', 3], ['b-tied', 3], ['a-tiny', null], ['b-tiny', null]]);
    for (const m of ['a', 'b']) expect(leagueWithin(platform, m)).toEqual(rankLeague(all.filter((c) => c.municipalityId === m)));
    expect(leagueWithin(platform, 'b').map((r) => [r.branchId, r.rank])).toEqual([['b-good', 1], ['b-tied', 2], ['b-tiny', null]]);
    // The platform's table is left as it was.
    expect(platform[1]).toMatchObject({ branchId: 'b-good', rank: 2 });
    expect(leagueWithin(platform, 'nowhere')).toEqual([]);
  });
});

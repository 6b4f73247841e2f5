// The public league table of a municipality's centres (seed 003: publish the results to create
// competition). Each centre's figures are the hall's own report definitions (wait = issue → first
// call; service level = share of called tickets called within their service's target), computed
// from the same daily roll-ups (rollup.ts: the totals of a period), so a hall's Reports page and
// the league agree. A centre that served nobody in the period shows no percentages and no waits:
// "100 % within target, 0 min, 0 % no-show" of two tickets called and none served says nothing.
//
// Ranking (stated on the /league page): score = 60% service level + 40% satisfaction, where
// satisfaction is the mean rating mapped from 1–5 to 0–100%. A centre with fewer than
// MIN_SERVED tickets served or fewer than MIN_RATINGS ratings in the period is a small sample:
// shown with its figures and marked, not ranked. Ties share a rank.
import type { I18nText } from '../protocol/entities.ts';
import type { RollupTotals } from './rollup.ts';
import { minutes, round2, share } from './stats.ts';

export const LEAGUE_MIN_SERVED = 100;
export const LEAGUE_MIN_RATINGS = 20;
export const LEAGUE_WEIGHTS = { serviceLevel: 0.6, satisfaction: 0.4 } as const;

export interface LeagueCentre {
  branchId: string;
  municipalityId: string;
  name: I18nText;
  /** The district in both languages ('' when none). */
  district: I18nText;
}

export interface LeagueFigures {
  issued: number;
  served: number;
  /** Share 0–1 of called tickets called within their service's target; null when none was called. */
  serviceLevel: number | null;
  /** Minutes. */
  waitMedian: number | null;
  waitP90: number | null;
  /** Share 0–1 of issued tickets that ended as no-show. */
  noShowShare: number | null;
  satisfaction: { mean: number | null; count: number };
}

export interface LeagueRow extends LeagueCentre, LeagueFigures {
  /** 0–100, null for a small sample. */
  score: number | null;
  /** 1 = best; null for a small sample. */
  rank: number | null;
  smallSample: boolean;
}

/** The league figures of one centre's roll-up totals over the period. */
export function leagueFigures(t: RollupTotals): LeagueFigures {
  const shown = t.served > 0;
  return {
    issued: t.issued, served: t.served,
    serviceLevel: shown ? share(t.within, t.called) : null,
    waitMedian: shown ? minutes(t.waits.percentile(0.5, t.called)) : null,
    waitP90: shown ? minutes(t.waits.percentile(0.9, t.called)) : null,
    noShowShare: shown ? share(t.noShow, t.issued) : null,
    satisfaction: { mean: t.rated ? round2(t.ratingSum / t.rated) : null, count: t.rated },
  };
}

export function leagueScore(f: LeagueFigures): number | null {
  if (f.serviceLevel === null || f.satisfaction.mean === null) return null;
  const sat = (f.satisfaction.mean - 1) / 4;
  return round2((LEAGUE_WEIGHTS.serviceLevel * f.serviceLevel + LEAGUE_WEIGHTS.satisfaction * sat) * 100)!;
}

/** Ranks centres: ranked ones by score (best first), then small samples by tickets served. */
export function rankLeague(rows: readonly (LeagueCentre & LeagueFigures)[]): LeagueRow[] {
  const scored = rows.map((r) => {
    const smallSample = r.served < LEAGUE_MIN_SERVED || r.satisfaction.count < LEAGUE_MIN_RATINGS;
    const score = smallSample ? null : leagueScore(r);
    return { ...r, score, smallSample: smallSample || score === null, rank: null as number | null };
  });
  const ranked = scored.filter((r) => !r.smallSample).sort((a, b) => b.score! - a.score! || a.name.en.localeCompare(b.name.en));
  numberRanks(ranked);
  const small = scored.filter((r) => r.smallSample).sort((a, b) => b.served - a.served || a.name.en.localeCompare(b.name.en));
  return [...ranked, ...small];
}

/** Numbers rows already in rank order (best first): 1, 2, …; ties share a rank. */
export function numberRanks<T extends { score: number | null; rank: number | null }>(ranked: T[]): T[] {
  ranked.forEach((r, i) => {
    r.rank = i > 0 && ranked[i - 1]!.score === r.score ? ranked[i - 1]!.rank : i + 1;
  });
  return ranked;
}

/**
 * One municipality's table out of the platform's over the same period: its centres in the same
 * order, ranked again among themselves. Equal to ranking them alone (a centre's figures and score
 * are its own; the order is by score, then name), so a cache computes a period once for everyone.
 */
export function leagueWithin<T extends { municipalityId: string; score: number | null; rank: number | null; smallSample: boolean }>(platform: readonly T[], municipalityId: string): T[] {
  const mine = platform.filter((r) => r.municipalityId === municipalityId).map((r) => ({ ...r }));
  numberRanks(mine.filter((r) => !r.smallSample));
  return mine;
}

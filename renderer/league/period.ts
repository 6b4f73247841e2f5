// The periods a league reader picks most; the default is the last 30 days (as central's API).
import { presetRange } from '../reports/report-range.ts';

export type LeaguePreset = 'last7' | 'last30' | 'thisMonth' | 'lastMonth';
export const LEAGUE_PRESETS: LeaguePreset[] = ['last7', 'last30', 'thisMonth', 'lastMonth'];

const iso = (d: Date) => d.toISOString().slice(0, 10);

/** `today` is `YYYY-MM-DD`. */
export function leaguePeriod(p: LeaguePreset, today: string): { from: string; to: string } {
  if (p === 'last30') {
    const [y, m, d] = today.split('-').map(Number) as [number, number, number];
    return { from: iso(new Date(Date.UTC(y, m - 1, d - 29))), to: today };
  }
  return presetRange(p, today);
}

export const isDay = (s: string | null): s is string => s !== null && /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`));

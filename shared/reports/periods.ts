// The date ranges people pick most. A manager's reports: last month, this month, the last 7 days,
// the last 12 months. The public league: the last 7 or 30 days (30 is the default, as central's
// API), this month, last month — central computes these ahead (league-cache.ts: warm) so the first
// readers after a start or a night's roll-ups do not wait for them.
export type Preset = 'lastMonth' | 'thisMonth' | 'last7' | 'last12Months';
export const PRESETS: Preset[] = ['lastMonth', 'thisMonth', 'last7', 'last12Months'];

export type LeaguePreset = 'last7' | 'last30' | 'thisMonth' | 'lastMonth';
export const LEAGUE_PRESETS: LeaguePreset[] = ['last7', 'last30', 'thisMonth', 'lastMonth'];

const iso = (d: Date) => d.toISOString().slice(0, 10);
const utc = (y: number, m: number, d: number) => new Date(Date.UTC(y, m, d));

/** `today` is the hall's business day `YYYY-MM-DD`. */
export function presetRange(p: Preset, today: string): { from: string; to: string } {
  const [y, m, d] = today.split('-').map(Number) as [number, number, number];
  switch (p) {
    case 'lastMonth':
      return { from: iso(utc(y, m - 2, 1)), to: iso(utc(y, m - 1, 0)) };
    case 'thisMonth':
      return { from: iso(utc(y, m - 1, 1)), to: today };
    case 'last7':
      return { from: iso(utc(y, m - 1, d - 6)), to: today };
    case 'last12Months':
      return { from: iso(utc(y - 1, m - 1, d + 1)), to: today };
  }
}

/** `today` is `YYYY-MM-DD`. */
export function leaguePeriod(p: LeaguePreset, today: string): { from: string; to: string } {
  if (p === 'last30') {
    const [y, m, d] = today.split('-').map(Number) as [number, number, number];
    return { from: iso(utc(y, m - 1, d - 29)), to: today };
  }
  return presetRange(p, today);
}

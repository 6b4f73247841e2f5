// Whether a display is in its quiet hours now: minutes of the day in the hall's time zone,
// a range that ends before it starts running past midnight (22:00–06:00). Pure.

import { minuteOfDay } from '../domain/business-day.ts';

export type QuietRange = { from: string; to: string };

const minutes = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

export { minuteOfDay };

/** True when `nowMs` falls in one of the ranges (from included, to excluded). */
export function inQuietHours(quiet: readonly QuietRange[], nowMs: number, timeZone: string): boolean {
  if (!quiet.length) return false;
  const m = minuteOfDay(nowMs, timeZone);
  return quiet.some(({ from, to }) => {
    const a = minutes(from);
    const b = minutes(to);
    return a < b ? m >= a && m < b : m >= a || m < b;
  });
}

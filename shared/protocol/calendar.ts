// Dates as the API takes them: a calendar day (YYYY-MM-DD that exists: no 2026-02-30) and an
// instant (an ISO time whose date and clock exist). JavaScript's Date is lenient (it rolls
// 2026-02-30 over to 2 March); PostgreSQL is not — a day it refuses must be a 400, never a 500.
import { z } from 'zod';

/** Days already checked: a batch of a hall's events names the same few days thousands of times. */
const checkedDays = new Map<string, boolean>();

/** Whether `d` (YYYY-MM-DD) is a day of the calendar. */
export function isCalendarDay(d: string): boolean {
  const known = checkedDays.get(d);
  if (known !== undefined) return known;
  let ok = false;
  if (/^\d{4}-\d{2}-\d{2}$/.test(d)) {
    const t = Date.parse(`${d}T00:00:00Z`);
    ok = Number.isFinite(t) && new Date(t).toISOString().slice(0, 10) === d;
  }
  if (checkedDays.size >= 4096) checkedDays.clear();
  checkedDays.set(d, ok);
  return ok;
}

/** Whether `s` is an ISO 8601 time (date, clock, offset) whose date and clock exist. */
export function isRealInstant(s: string): boolean {
  const m = /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):([0-5]\d)(:([0-5]\d)(\.\d{1,9})?)?(Z|[+-]([01]\d|2[0-3]):?[0-5]\d)$/.exec(s);
  return Boolean(m && isCalendarDay(m[1]!) && Number.isFinite(Date.parse(s)));
}

export const CalendarDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD').refine(isCalendarDay, 'a real calendar date');

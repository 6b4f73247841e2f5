// Working days, as a hall counts them for a deadline ("answered within 3 working days"): the days
// its weekly hours open (Friday and Saturday closed by default), less its holidays.
import { DEFAULT_OPENING_HOURS, type OpeningHours } from '../protocol/opening-hours.ts';
import { addDays } from './business-day.ts';

const weekdayOf = (day: string) => new Date(`${day}T12:00:00Z`).getUTCDay();

/** Whether the hall works on `day` (YYYY-MM-DD): open that weekday and not a holiday. */
export function isWorkingDay(day: string, hours: OpeningHours | undefined): boolean {
  const h = hours ?? DEFAULT_OPENING_HOURS;
  return h.weekly[weekdayOf(day)] !== null && !h.holidays.some((x) => x.date === day);
}

/** Working days after `from` up to and including `to` (0 when `to` is not after `from`). */
export function workingDaysBetween(from: string, to: string, hours: OpeningHours | undefined): number {
  let n = 0;
  for (let d = addDays(from, 1); d <= to; d = addDays(d, 1)) if (isWorkingDay(d, hours)) n++;
  return n;
}
